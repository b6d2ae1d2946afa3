// Helpers shared by the TFLite reader tests: loading shared models, the invariants every
// successfully read model must satisfy, and a small synthetic CONV_2D model built with
// flatbuffer_test_builder.h (field slots transcribed from tensorflow/lite/schema/schema.fbs).
#ifndef QRT_TESTS_HOST_TFLITE_TEST_UTIL_H
#define QRT_TESTS_HOST_TFLITE_TEST_UTIL_H

#include <stdint.h>
#include <string.h>

#include <string>
#include <vector>

#include "flatbuffer_test_builder.h"
#include "qrt_test.h"
#include "tflite/tflite_model.h"

namespace tflite_test {

// Reads QRT_MODELS_DIR/<relative> into *out (false when missing or over 4 MiB).
inline bool load_model(const char* relative, std::vector<uint8_t>* out) {
  const std::string path = std::string(qrt_test::models_dir()) + "/" + relative;
  out->assign(size_t{4} << 20, 0);
  const long n = qrt_test::read_file(path.c_str(), out->data(), out->size());
  if (n < 0) {
    printf("  cannot read %s\n", path.c_str());
    out->clear();
    return false;
  }
  out->resize(static_cast<size_t>(n));
  return true;
}

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// What a consumer may rely on after read_tflite() returned true on [data, data + size).
inline void check_invariants(qrt_test::Context* qrt_test_ctx, const qrt::TfliteModel& m,
                             const uint8_t* data, size_t size) {
  const int64_t n = static_cast<int64_t>(m.tensors.size());
  QRT_EXPECT_EQ(m.schema_version, 3);
  for (const qrt::TfliteTensor& t : m.tensors) {
    QRT_EXPECT(static_cast<int>(t.type) >= 0 && static_cast<int>(t.type) < qrt::kTfliteTypeCount);
    uint64_t count = 1;
    for (int32_t d : t.shape) {
      QRT_EXPECT(d >= 0);
      count *= static_cast<uint64_t>(d >= 0 ? d : 0);
    }
    QRT_EXPECT_EQ(count, t.element_count);
    QRT_EXPECT(t.element_count <= 0x7FFFFFFFu);
    QRT_EXPECT_EQ(t.data == nullptr, t.data_bytes == 0);
    if (t.data != nullptr) {
      QRT_EXPECT(t.data >= data && t.data_bytes <= size &&
                 t.data <= data + (size - t.data_bytes));
      const uint32_t bits = qrt::tflite_type_bits(t.type);
      if (bits != 0) QRT_EXPECT_EQ(t.data_bytes, (t.element_count * bits + 7) / 8);
    }
    QRT_EXPECT_EQ(t.scales.size(), t.zero_points.size());
    if (t.scales.size() > 1) {
      QRT_EXPECT(t.quantized_dimension >= 0);
      if (static_cast<size_t>(t.quantized_dimension) < t.shape.size()) {
        QRT_EXPECT_EQ(t.shape[t.quantized_dimension], t.scales.size());
      }
    }
  }
  for (const qrt::TfliteOperator& op : m.operators) {
    QRT_EXPECT(op.builtin_code >= 0);
    QRT_EXPECT(op.opcode_index < m.operator_code_count);
    for (int32_t i : op.inputs) QRT_EXPECT(i >= -1 && i < n);
    for (int32_t i : op.outputs) QRT_EXPECT(i >= -1 && i < n);
    for (int32_t i : op.intermediates) QRT_EXPECT(i >= -1 && i < n);
    QRT_EXPECT_EQ(op.custom_options == nullptr, op.custom_options_bytes == 0);
    if (op.custom_options != nullptr) {
      QRT_EXPECT(op.custom_options >= data && op.custom_options_bytes <= size &&
                 op.custom_options <= data + (size - op.custom_options_bytes));
    }
    QRT_EXPECT(op.options.conv_2d.padding <= qrt::kTflitePaddingValid);
    QRT_EXPECT(op.options.conv_2d.activation <= qrt::kTfliteActSignBit);
  }
  for (int32_t i : m.inputs) QRT_EXPECT(i >= 0 && i < n);
  for (int32_t i : m.outputs) QRT_EXPECT(i >= 0 && i < n);
}

// schema.fbs field slots used by the synthetic models (declaration order; unions take two).
namespace slot {
constexpr uint32_t kModelVersion = 0, kModelOperatorCodes = 1, kModelSubgraphs = 2,
                   kModelDescription = 3, kModelBuffers = 4;
constexpr uint32_t kCodeDeprecated = 0, kCodeCustom = 1, kCodeVersion = 2, kCodeBuiltin = 3;
constexpr uint32_t kGraphTensors = 0, kGraphInputs = 1, kGraphOutputs = 2, kGraphOperators = 3,
                   kGraphName = 4;
constexpr uint32_t kTensorShape = 0, kTensorType = 1, kTensorBuffer = 2, kTensorName = 3,
                   kTensorQuantization = 4, kTensorIsVariable = 5, kTensorSparsity = 6,
                   kTensorShapeSignature = 7;
constexpr uint32_t kQuantMin = 0, kQuantMax = 1, kQuantScale = 2, kQuantZeroPoint = 3,
                   kQuantDetailsType = 4, kQuantDetails = 5, kQuantDimension = 6;
constexpr uint32_t kBufferData = 0, kBufferOffset = 1, kBufferSize = 2;
constexpr uint32_t kOpOpcodeIndex = 0, kOpInputs = 1, kOpOutputs = 2, kOpOptionsType = 3,
                   kOpOptions = 4, kOpCustomOptions = 5, kOpLargeCustomOptionsOffset = 9;
// Conv2DOptions
constexpr uint32_t kConvPadding = 0, kConvStrideW = 1, kConvStrideH = 2, kConvActivation = 3,
                   kConvDilationW = 4, kConvDilationH = 5;
}  // namespace slot

// A one-operator model: input int8[1,4,4,1] -> CONV_2D (filter int8[2,3,3,1] per-channel,
// bias int32[2]) -> output int8[1,2,2,2]. Handles to its nodes let a test change one thing.
struct TinyConv {
  fbtest::NodePtr model, opcode, subgraph, op, options;
  fbtest::NodePtr input, filter, bias, output, filter_quant;
  fbtest::NodePtr filter_buffer, bias_buffer;
  std::vector<fbtest::NodePtr> tensors, buffers;

  std::vector<uint8_t> bytes() const { return fbtest::finish(model); }
};

inline fbtest::NodePtr tensor(const char* name, int8_t type, const std::vector<int32_t>& shape,
                              uint32_t buffer) {
  fbtest::NodePtr t = fbtest::table();
  t->ref(slot::kTensorShape, fbtest::vec<int32_t>(shape))
      ->scalar<int8_t>(slot::kTensorType, type)
      ->scalar<uint32_t>(slot::kTensorBuffer, buffer)
      ->ref(slot::kTensorName, fbtest::str(name));
  return t;
}

inline fbtest::NodePtr quant(const std::vector<float>& scales, const std::vector<int64_t>& zps,
                             int32_t dim) {
  fbtest::NodePtr q = fbtest::table();
  q->ref(slot::kQuantScale, fbtest::vec<float>(scales))
      ->ref(slot::kQuantZeroPoint, fbtest::vec<int64_t>(zps))
      ->scalar<int32_t>(slot::kQuantDimension, dim);
  return q;
}

inline fbtest::NodePtr buffer(const std::vector<uint8_t>& data) {
  fbtest::NodePtr b = fbtest::table();
  if (!data.empty()) b->ref(slot::kBufferData, fbtest::bytes_vec(data));
  return b;
}

inline TinyConv tiny_conv() {
  TinyConv s;
  s.input = tensor("input", qrt::kTfliteInt8, {1, 4, 4, 1}, 0);
  s.input->ref(slot::kTensorQuantization, quant({0.5f}, {-3}, 0));
  s.filter = tensor("filter", qrt::kTfliteInt8, {2, 3, 3, 1}, 1);
  s.filter_quant = quant({0.25f, 0.125f}, {0, 0}, 0);
  s.filter->ref(slot::kTensorQuantization, s.filter_quant);
  s.bias = tensor("bias", qrt::kTfliteInt32, {2}, 2);
  s.output = tensor("output", qrt::kTfliteInt8, {1, 2, 2, 2}, 0);
  s.output->ref(slot::kTensorQuantization, quant({0.75f}, {7}, 0));
  s.tensors = {s.input, s.filter, s.bias, s.output};

  std::vector<uint8_t> filter_data(18);
  for (size_t i = 0; i < filter_data.size(); ++i) filter_data[i] = static_cast<uint8_t>(i * 7);
  std::vector<uint8_t> bias_data(8, 0);
  bias_data[0] = 5;
  bias_data[4] = 0xFF;
  s.filter_buffer = buffer(filter_data);
  s.bias_buffer = buffer(bias_data);
  s.buffers = {buffer({}), s.filter_buffer, s.bias_buffer};

  s.options = fbtest::table();
  s.options->scalar<int8_t>(slot::kConvPadding, 1)
      ->scalar<int32_t>(slot::kConvStrideW, 1)
      ->scalar<int32_t>(slot::kConvStrideH, 1)
      ->scalar<int8_t>(slot::kConvActivation, 3);
  s.op = fbtest::table();
  s.op->scalar<uint32_t>(slot::kOpOpcodeIndex, 0)
      ->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 1, 2}))
      ->ref(slot::kOpOutputs, fbtest::vec<int32_t>({3}))
      ->scalar<uint8_t>(slot::kOpOptionsType, 1)  // Conv2DOptions
      ->ref(slot::kOpOptions, s.options);
  s.opcode = fbtest::table();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 3)->scalar<int32_t>(slot::kCodeVersion, 3);

  s.subgraph = fbtest::table();
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables(s.tensors))
      ->ref(slot::kGraphInputs, fbtest::vec<int32_t>({0}))
      ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>({3}))
      ->ref(slot::kGraphOperators, fbtest::tables({s.op}))
      ->ref(slot::kGraphName, fbtest::str("main"));
  s.model = fbtest::table();
  s.model->scalar<uint32_t>(slot::kModelVersion, 3)
      ->ref(slot::kModelOperatorCodes, fbtest::tables({s.opcode}))
      ->ref(slot::kModelSubgraphs, fbtest::tables({s.subgraph}))
      ->ref(slot::kModelDescription, fbtest::str("synthetic"))
      ->ref(slot::kModelBuffers, fbtest::tables(s.buffers));
  return s;
}

}  // namespace tflite_test

#endif  // QRT_TESTS_HOST_TFLITE_TEST_UTIL_H
