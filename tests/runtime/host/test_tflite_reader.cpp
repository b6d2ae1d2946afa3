// read_tflite() on the real .tflite models in QRT_MODELS_DIR and on small synthetic models.
//
// Expected facts for the real models were established independently of the code under test: by
// tests/runtime/host/tflite_walk.py, which walks each flatbuffer with struct.unpack (field slots
// transcribed from tensorflow/lite/schema/schema.fbs), cross-checked with shared/models/MANIFEST.md
// where it gives them (I/O shapes and quantization). Data positions are byte offsets in the file.
//
// The synthetic models are built with tests/runtime/host/flatbuffer_test_builder.h, so each rule of the
// reader (schema defaults, the builtin code max rule, index checks, unsupported features) is
// exercised on a file whose every field is known. Robustness tests (truncation, byte flips,
// 32-bit overwrites) are in test_tflite_reader_robustness.cpp.
#include <string.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "flatbuffer_test_builder.h"
#include "qrt_test.h"
#include "tflite/tflite_model.h"
#include "tflite_test_util.h"

namespace {

using fbtest::NodePtr;
using qrt::TfliteModel;
using qrt::TfliteOperator;
using qrt::TfliteTensor;
using tflite_test::contains;
using tflite_test::load_model;

struct IoFact {
  int32_t tensor;
  qrt::TfliteType type;
  std::vector<int32_t> shape;
  double scale;  // < 0: not quantized
  int64_t zero_point;
};

struct ModelFact {
  const char* path;  // under QRT_MODELS_DIR
  const char* description;
  const char* subgraph_name;
  size_t tensors;
  size_t constants;  // tensors with data
  size_t constant_bytes;
  uint32_t operator_codes;
  uint32_t buffers;
  std::map<int32_t, int> op_histogram;  // builtin code -> operator count
  IoFact input;
  IoFact output;
};

using qrt::kTfliteFloat32;
using qrt::kTfliteInt8;
constexpr int32_t kAdd = qrt::kTfliteOpAdd;
constexpr int32_t kAvgPool = qrt::kTfliteOpAveragePool2d;
constexpr int32_t kConv = qrt::kTfliteOpConv2d;
constexpr int32_t kDwConv = qrt::kTfliteOpDepthwiseConv2d;
constexpr int32_t kFc = qrt::kTfliteOpFullyConnected;
constexpr int32_t kReshape = qrt::kTfliteOpReshape;
constexpr int32_t kSoftmax = qrt::kTfliteOpSoftmax;

const std::map<int32_t, int> kResnetOps = {{kAdd, 3},     {kAvgPool, 1}, {kConv, 9},
                                           {kFc, 1},      {kReshape, 1}, {kSoftmax, 1}};
const std::map<int32_t, int> kKwsOps = {{kAvgPool, 1}, {kConv, 5},    {kDwConv, 4},
                                        {kFc, 1},      {kReshape, 1}, {kSoftmax, 1}};

const std::vector<ModelFact>& model_facts() {
  static const std::vector<ModelFact> facts = {
      {"tflm/hello_world/hello_world_int8.tflite", "MLIR Converted.", "main", 10, 6, 420, 1, 13,
       {{kFc, 3}},
       {0, kTfliteInt8, {1, 1}, 0.024480115622282028, -128},
       {9, kTfliteInt8, {1, 1}, 0.008290956728160381, 5}},
      {"tflm/hello_world/hello_world_float.tflite", "MLIR Converted.", "main", 10, 6, 1284, 1, 13,
       {{kFc, 3}},
       {0, kTfliteFloat32, {1, 1}, -1, 0},
       {9, kTfliteFloat32, {1, 1}, -1, 0}},
      {"tflm/micro_speech/micro_speech_quantized.tflite", "TOCO Converted.", "", 10, 5, 16704, 4,
       12, {{kDwConv, 1}, {kFc, 1}, {kReshape, 1}, {kSoftmax, 1}},
       {3, kTfliteInt8, {1, 1960}, 0.10171568393707275, -128},
       {9, kTfliteInt8, {1, 4}, 0.00390625, -128}},
      {"tflm/person_detection/person_detect.tflite", "TOCO Converted.", "", 89, 57, 218928, 5, 90,
       {{kAvgPool, 1}, {kConv, 14}, {kDwConv, 14}, {kReshape, 1}, {kSoftmax, 1}},
       {88, kTfliteInt8, {1, 96, 96, 1}, 0.007843137718737125, -1},
       {87, kTfliteInt8, {1, 2}, 0.00390625, -128}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite", "MLIR Converted.", "main", 38, 21,
       78752, 8, 40, kResnetOps,
       {0, kTfliteInt8, {1, 32, 32, 3}, 1.0, -128},
       {37, kTfliteInt8, {1, 10}, 0.00390625, -128}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_large_int8.tflite", "MLIR Converted.", "main", 38,
       21, 482888, 6, 41, kResnetOps,
       {0, kTfliteInt8, {1, 32, 32, 3}, 1.0, -128},
       {37, kTfliteInt8, {1, 10}, 0.00390625, -128}},
      {"mlperf_tiny/models/ic01/pretrainedResnet.tflite", "MLIR Converted.", "main", 38, 21, 310832,
       6, 40, kResnetOps,
       {0, kTfliteFloat32, {1, 32, 32, 3}, -1, 0},
       {37, kTfliteFloat32, {1, 10}, -1, 0}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_large_float.tflite", "MLIR Converted.", "main", 38,
       21, 1921328, 6, 41, kResnetOps,
       {0, kTfliteFloat32, {1, 32, 32, 3}, -1, 0},
       {37, kTfliteFloat32, {1, 10}, -1, 0}},
      {"mlperf_tiny/models/kws01/kws_ref_model.tflite", "MLIR Converted.", "main", 35, 21, 24376, 6,
       37, kKwsOps,
       {0, kTfliteInt8, {1, 49, 10, 1}, 0.5847029089927673, 83},
       {34, kTfliteInt8, {1, 12}, 0.00390625, -128}},
      {"mlperf_tiny/models/kws01/kws_ref_model_float32.tflite", "MLIR Converted.", "main", 35, 21,
       33592, 6, 37, kKwsOps,
       {0, kTfliteFloat32, {1, 49, 10, 1}, -1, 0},
       {34, kTfliteFloat32, {1, 12}, -1, 0}},
      {"mlperf_tiny/models/ad01/ad01_int8.tflite", "MLIR Converted.", "main", 31, 20, 270880, 1, 33,
       {{kFc, 10}},
       {0, kTfliteInt8, {1, 640}, 0.3910152316093445, 89},
       {30, kTfliteInt8, {1, 640}, 0.36449846625328064, 96}},
      {"mlperf_tiny/models/ad01/ad01_fp32.tflite", "MLIR Converted.", "main", 31, 20, 1063456, 1,
       33, {{kFc, 10}},
       {0, kTfliteFloat32, {1, 640}, -1, 0},
       {30, kTfliteFloat32, {1, 640}, -1, 0}},
  };
  return facts;
}

void check_io(qrt_test::Context* qrt_test_ctx, const TfliteModel& m, const IoFact& f) {
  QRT_ASSERT(f.tensor >= 0 && static_cast<size_t>(f.tensor) < m.tensors.size());
  const TfliteTensor& t = m.tensors[f.tensor];
  QRT_EXPECT_EQ(t.type, f.type);
  QRT_EXPECT(t.shape == f.shape);
  QRT_EXPECT(t.data == nullptr);
  QRT_EXPECT_EQ(t.data_bytes, 0);
  if (f.scale < 0) {
    QRT_EXPECT(t.scales.empty());
    QRT_EXPECT(t.zero_points.empty());
  } else {
    QRT_ASSERT_EQ(t.scales.size(), 1);
    QRT_ASSERT_EQ(t.zero_points.size(), 1);
    QRT_EXPECT_NEAR(t.scales[0], f.scale, 1e-7 * f.scale);  // a float32 of the stated value
    QRT_EXPECT_EQ(t.zero_points[0], f.zero_point);
  }
}

QRT_TEST(tflite_reader, real_models_match_independent_facts) {
  if (*qrt_test::models_dir() == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  for (const ModelFact& f : model_facts()) {
    std::vector<uint8_t> file;
    QRT_ASSERT(load_model(f.path, &file));
    TfliteModel m;
    std::string error;
    const bool ok = qrt::read_tflite(file.data(), file.size(), &m, &error);
    if (!ok) printf("  %s: %s\n", f.path, error.c_str());
    QRT_ASSERT(ok);
    QRT_EXPECT(error.empty());
    QRT_EXPECT_EQ(m.schema_version, 3);
    QRT_EXPECT(m.description == f.description);
    QRT_EXPECT(m.subgraph_name == f.subgraph_name);
    QRT_EXPECT_EQ(m.tensors.size(), f.tensors);
    QRT_EXPECT_EQ(m.operator_code_count, f.operator_codes);
    QRT_EXPECT_EQ(m.buffer_count, f.buffers);
    std::map<int32_t, int> histogram;
    for (const TfliteOperator& op : m.operators) ++histogram[op.builtin_code];
    QRT_EXPECT(histogram == f.op_histogram);
    size_t constants = 0, constant_bytes = 0;
    for (const TfliteTensor& t : m.tensors) {
      if (t.data != nullptr) {
        ++constants;
        constant_bytes += t.data_bytes;
      }
    }
    QRT_EXPECT_EQ(constants, f.constants);
    QRT_EXPECT_EQ(constant_bytes, f.constant_bytes);
    QRT_ASSERT_EQ(m.inputs.size(), 1);
    QRT_ASSERT_EQ(m.outputs.size(), 1);
    QRT_EXPECT_EQ(m.inputs[0], f.input.tensor);
    QRT_EXPECT_EQ(m.outputs[0], f.output.tensor);
    check_io(qrt_test_ctx, m, f.input);
    check_io(qrt_test_ctx, m, f.output);
    tflite_test::check_invariants(qrt_test_ctx, m, file.data(), file.size());
  }
}

// A constant tensor's facts: type, shape, data position in the file, first bytes, quantization.
struct ConstFact {
  int32_t tensor;
  qrt::TfliteType type;
  std::vector<int32_t> shape;
  size_t bytes;
  size_t file_offset;
  std::vector<int8_t> first;  // first 4 data bytes
  size_t scale_count;         // 0: not quantized
  double scale0;
  int32_t quantized_dimension;
};

void check_const(qrt_test::Context* qrt_test_ctx, const TfliteModel& m,
                 const std::vector<uint8_t>& file, const ConstFact& f) {
  QRT_ASSERT(static_cast<size_t>(f.tensor) < m.tensors.size());
  const TfliteTensor& t = m.tensors[f.tensor];
  QRT_EXPECT_EQ(t.type, f.type);
  QRT_EXPECT(t.shape == f.shape);
  QRT_ASSERT(t.data != nullptr);
  QRT_EXPECT_EQ(t.data_bytes, f.bytes);
  QRT_EXPECT_EQ(t.data - file.data(), f.file_offset);
  for (size_t i = 0; i < f.first.size(); ++i) {
    QRT_EXPECT_EQ(static_cast<int8_t>(t.data[i]), f.first[i]);
  }
  QRT_EXPECT_EQ(t.scales.size(), f.scale_count);
  QRT_EXPECT_EQ(t.zero_points.size(), f.scale_count);
  if (f.scale_count > 0) {
    QRT_EXPECT_NEAR(t.scales[0], f.scale0, 1e-7 * f.scale0);
    QRT_EXPECT_EQ(t.zero_points[0], 0);
    QRT_EXPECT_EQ(t.quantized_dimension, f.quantized_dimension);
  }
}

QRT_TEST(tflite_reader, constant_tensors_point_into_the_file) {
  if (*qrt_test::models_dir() == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  struct Case {
    const char* path;
    ConstFact fact;
  };
  const Case cases[] = {
      {"tflm/hello_world/hello_world_int8.tflite",
       {6, kTfliteInt8, {16, 1}, 16, 512, {-9, -54, 57, 71}, 1, 0.004039009101688862, 0}},
      {"tflm/hello_world/hello_world_int8.tflite",
       {5, qrt::kTfliteInt32, {16}, 64, 544, {0, 0, 0, 0}, 1, 9.88754109130241e-05, 0}},
      {"tflm/person_detection/person_detect.tflite",
       {0, kTfliteInt8, {1, 3, 3, 8}, 72, 39480, {-75, 121, -100, 103}, 8, 0.016358856111764908,
        3}},
      // A rank-1 bias carrying its filter's quantized_dimension 3: passed through as written.
      {"tflm/person_detection/person_detect.tflite",
       {33, qrt::kTfliteInt32, {8}, 32, 1240, {-66, 14, 0, 0}, 8, 0.00012830476043745875, 3}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite",
       {8, kTfliteInt8, {16, 3, 3, 3}, 432, 77652, {25, 33, -47, 21}, 16, 8.9026361820288e-05, 0}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_large_int8.tflite",
       {21, kTfliteInt8, {40, 3, 3, 3}, 1080, 628, {-54, -83, -12, 41}, 40, 0.00014837004709988832,
        0}},
      {"mlperf_tiny/models/ic01/pretrainedResnet.tflite",
       {8, kTfliteFloat32, {16, 3, 3, 3}, 1728, 311920, {-100, -75, 19, 59}, 0, 0, 0}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_large_float.tflite",
       {10, kTfliteFloat32, {40, 3, 3, 3}, 4320, 1914404, {99, 119, 2, -68}, 0, 0, 0}},
      {"mlperf_tiny/models/kws01/kws_ref_model.tflite",
       {17, kTfliteInt8, {64, 10, 4, 1}, 2560, 16960, {-6, 19, -11, 18}, 64, 0.0013318449491634965,
        0}},
      // The "float32" KWS model is hybrid: int8 conv weights with one scale, float biases.
      {"mlperf_tiny/models/kws01/kws_ref_model_float32.tflite",
       {17, kTfliteInt8, {64, 10, 4, 1}, 2560, 16960, {-4, 12, -7, 12}, 1, 0.0020227544009685516,
        0}},
      {"mlperf_tiny/models/kws01/kws_ref_model_float32.tflite",
       {3, kTfliteFloat32, {64}, 256, 34080, {73, 3, 3, -66}, 0, 0, 0}},
      {"mlperf_tiny/models/ad01/ad01_int8.tflite",
       {11, kTfliteInt8, {128, 640}, 81920, 182864, {10, 13, -12, 7}, 1, 0.0003768749884329736, 0}},
      {"mlperf_tiny/models/ad01/ad01_fp32.tflite",
       {11, kTfliteFloat32, {128, 640}, 327680, 732056, {-36, 105, 120, 59}, 0, 0, 0}},
      {"tflm/micro_speech/micro_speech_quantized.tflite",
       {5, qrt::kTfliteInt32, {4}, 16, 896, {-1, -1, -1, -1}, 0, 0, 0}},
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> file;
    QRT_ASSERT(load_model(c.path, &file));
    TfliteModel m;
    QRT_ASSERT(qrt::read_tflite(file.data(), file.size(), &m, nullptr));
    check_const(qrt_test_ctx, m, file, c.fact);
  }
}

QRT_TEST(tflite_reader, operators_and_options_of_real_models) {
  if (*qrt_test::models_dir() == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  std::vector<uint8_t> file;
  TfliteModel m;
  std::string error;

  QRT_ASSERT(load_model("tflm/hello_world/hello_world_int8.tflite", &file));
  QRT_ASSERT(qrt::read_tflite(file.data(), file.size(), &m, &error));
  QRT_ASSERT_EQ(m.operators.size(), 3);
  const std::vector<std::vector<int32_t>> fc_inputs = {{0, 6, 5}, {7, 4, 3}, {8, 2, 1}};
  const qrt::TfliteActivation fc_act[3] = {qrt::kTfliteActRelu, qrt::kTfliteActRelu,
                                           qrt::kTfliteActNone};
  for (size_t i = 0; i < 3; ++i) {
    const TfliteOperator& op = m.operators[i];
    QRT_EXPECT_EQ(op.builtin_code, kFc);
    QRT_EXPECT_EQ(op.version, 4);
    QRT_EXPECT(op.inputs == fc_inputs[i]);
    QRT_ASSERT_EQ(op.outputs.size(), 1);
    QRT_EXPECT_EQ(op.outputs[0], static_cast<int32_t>(7 + i));
    QRT_EXPECT(op.has_builtin_options);
    QRT_EXPECT_EQ(op.builtin_options_type, 8);  // FullyConnectedOptions
    QRT_EXPECT_EQ(op.options.fully_connected.activation, fc_act[i]);
    QRT_EXPECT_EQ(op.options.fully_connected.weights_format, qrt::kTfliteWeightsDefault);
    QRT_EXPECT(!op.options.fully_connected.keep_num_dims);
    QRT_EXPECT(op.custom_code.empty());
  }
  QRT_EXPECT(m.tensors[0].shape_signature == std::vector<int32_t>({-1, 1}));
  QRT_EXPECT(m.tensors[0].name == "serving_default_dense_input:0");

  QRT_ASSERT(load_model("tflm/micro_speech/micro_speech_quantized.tflite", &file));
  QRT_ASSERT(qrt::read_tflite(file.data(), file.size(), &m, &error));
  QRT_ASSERT_EQ(m.operators.size(), 4);
  QRT_EXPECT_EQ(m.operators[0].builtin_code, kReshape);
  QRT_EXPECT(m.operators[0].inputs == std::vector<int32_t>({3, 5}));
  QRT_EXPECT(m.operators[0].options.reshape.has_new_shape);
  QRT_EXPECT(m.operators[0].options.reshape.new_shape == std::vector<int32_t>({-1, 49, 40, 1}));
  {
    const qrt::TfliteDepthwiseConv2dOptions& o = m.operators[1].options.depthwise_conv_2d;
    QRT_EXPECT_EQ(m.operators[1].builtin_code, kDwConv);
    QRT_EXPECT_EQ(m.operators[1].version, 3);
    QRT_EXPECT_EQ(o.padding, qrt::kTflitePaddingSame);
    QRT_EXPECT_EQ(o.stride_w, 2);
    QRT_EXPECT_EQ(o.stride_h, 2);
    QRT_EXPECT_EQ(o.depth_multiplier, 8);
    QRT_EXPECT_EQ(o.activation, qrt::kTfliteActRelu);
    QRT_EXPECT_EQ(o.dilation_w, 1);
    QRT_EXPECT_EQ(o.dilation_h, 1);
  }
  QRT_EXPECT_EQ(m.operators[3].builtin_code, kSoftmax);
  QRT_EXPECT(m.operators[3].options.softmax.beta == 1.0f);

  QRT_ASSERT(load_model("tflm/person_detection/person_detect.tflite", &file));
  QRT_ASSERT(qrt::read_tflite(file.data(), file.size(), &m, &error));
  QRT_ASSERT_EQ(m.operators.size(), 31);
  {
    const qrt::TfliteDepthwiseConv2dOptions& o = m.operators[0].options.depthwise_conv_2d;
    QRT_EXPECT(m.operators[0].inputs == std::vector<int32_t>({88, 0, 33}));
    QRT_EXPECT_EQ(o.stride_w, 2);
    QRT_EXPECT_EQ(o.depth_multiplier, 8);
    QRT_EXPECT_EQ(o.activation, qrt::kTfliteActRelu6);
    const qrt::TfliteConv2dOptions& c = m.operators[2].options.conv_2d;
    QRT_EXPECT_EQ(m.operators[2].builtin_code, kConv);
    QRT_EXPECT_EQ(m.operators[2].version, 2);
    QRT_EXPECT_EQ(c.padding, qrt::kTflitePaddingSame);
    QRT_EXPECT_EQ(c.stride_w, 1);
    QRT_EXPECT_EQ(c.stride_h, 1);
    QRT_EXPECT_EQ(c.activation, qrt::kTfliteActRelu6);
    QRT_EXPECT_EQ(c.dilation_h, 1);
    const qrt::TflitePool2dOptions& p = m.operators[27].options.pool_2d;
    QRT_EXPECT_EQ(m.operators[27].builtin_code, kAvgPool);
    QRT_EXPECT_EQ(p.padding, qrt::kTflitePaddingValid);
    QRT_EXPECT_EQ(p.stride_w, 2);
    QRT_EXPECT_EQ(p.filter_w, 3);
    QRT_EXPECT_EQ(p.filter_h, 3);
    QRT_EXPECT_EQ(m.operators[28].options.conv_2d.activation, qrt::kTfliteActNone);
    QRT_EXPECT(m.operators[29].options.reshape.new_shape == std::vector<int32_t>({1, 2}));
  }

  QRT_ASSERT(load_model("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite", &file));
  QRT_ASSERT(qrt::read_tflite(file.data(), file.size(), &m, &error));
  QRT_ASSERT_EQ(m.operators.size(), 16);
  QRT_EXPECT_EQ(m.operators[4].options.conv_2d.stride_w, 2);
  QRT_EXPECT_EQ(m.operators[4].options.conv_2d.stride_h, 2);
  QRT_EXPECT_EQ(m.operators[4].options.conv_2d.activation, qrt::kTfliteActRelu);
  QRT_EXPECT_EQ(m.operators[5].options.conv_2d.activation, qrt::kTfliteActNone);
  QRT_EXPECT_EQ(m.operators[3].builtin_code, kAdd);
  QRT_EXPECT(m.operators[3].inputs == std::vector<int32_t>({22, 24}));
  QRT_EXPECT_EQ(m.operators[3].options.add.activation, qrt::kTfliteActRelu);
  QRT_EXPECT_EQ(m.operators[12].options.pool_2d.filter_h, 8);
  QRT_EXPECT_EQ(m.operators[12].options.pool_2d.stride_h, 8);
  // This RESHAPE has no options table: the shape is its second input tensor.
  QRT_EXPECT_EQ(m.operators[13].builtin_code, kReshape);
  QRT_EXPECT(!m.operators[13].has_builtin_options);
  QRT_EXPECT_EQ(m.operators[13].builtin_options_type, 0);
  QRT_EXPECT(!m.operators[13].options.reshape.has_new_shape);
  QRT_EXPECT(m.operators[13].inputs == std::vector<int32_t>({34, 2}));

  QRT_ASSERT(load_model("mlperf_tiny/models/kws01/kws_ref_model.tflite", &file));
  QRT_ASSERT(qrt::read_tflite(file.data(), file.size(), &m, &error));
  QRT_ASSERT_EQ(m.operators.size(), 13);
  QRT_EXPECT_EQ(m.operators[0].options.conv_2d.stride_w, 2);
  QRT_EXPECT_EQ(m.operators[0].options.conv_2d.padding, qrt::kTflitePaddingSame);
  {  // a non-square pool tells width and height apart
    const qrt::TflitePool2dOptions& p = m.operators[9].options.pool_2d;
    QRT_EXPECT_EQ(p.padding, qrt::kTflitePaddingValid);
    QRT_EXPECT_EQ(p.stride_w, 5);
    QRT_EXPECT_EQ(p.stride_h, 25);
    QRT_EXPECT_EQ(p.filter_w, 5);
    QRT_EXPECT_EQ(p.filter_h, 25);
  }
}

QRT_TEST(tflite_reader, names) {
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(qrt::kTfliteOpConv2d), "CONV_2D") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(0), "ADD") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(40), "MEAN") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(114), "QUANTIZE") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(127), "PLACEHOLDER_FOR_GREATER_OP_CODES") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(150), "GELU") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(205), "REDUCE_WINDOW") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(206), "UNKNOWN") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(-1), "UNKNOWN") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_type_name(qrt::kTfliteInt8), "INT8") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_type_name(qrt::kTfliteInt4), "INT4") == 0);
  QRT_EXPECT(strcmp(qrt::tflite_type_name(static_cast<qrt::TfliteType>(18)), "UNKNOWN") == 0);
  QRT_EXPECT_EQ(qrt::tflite_type_bits(qrt::kTfliteInt4), 4);
  QRT_EXPECT_EQ(qrt::tflite_type_bits(qrt::kTfliteInt16), 16);
  QRT_EXPECT_EQ(qrt::tflite_type_bits(qrt::kTfliteComplex64), 64);
  QRT_EXPECT_EQ(qrt::tflite_type_bits(qrt::kTfliteString), 0);
}

}  // namespace
