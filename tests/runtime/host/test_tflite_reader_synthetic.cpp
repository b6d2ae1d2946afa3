// read_tflite() rules on synthetic models (tflite_test_util.h: tiny_conv()), each test changing
// one field of a known-good model: what is read, which defaults apply, what is rejected and how
// the message says it.
#include <math.h>
#include <string.h>

#include <string>
#include <vector>

#include "flatbuffer_test_builder.h"
#include "model_file.h"
#include "qrt_test.h"
#include "tflite/tflite_model.h"
#include "tflite_import.h"
#include "tflite_test_util.h"

namespace {

using fbtest::NodePtr;
using qrt::TfliteModel;
using tflite_test::contains;
using tflite_test::TinyConv;
using tflite_test::tiny_conv;
namespace slot = tflite_test::slot;

// Reads `s` expecting failure; returns the message.
std::string read_error(const TinyConv& s) {
  const std::vector<uint8_t> buf = s.bytes();
  TfliteModel m;
  std::string error;
  if (qrt::read_tflite(buf.data(), buf.size(), &m, &error)) return "(accepted)";
  return error.empty() ? "(empty message)" : error;
}

// Converts `s` with the TFLite importer: the blob (empty on failure) and the error message.
struct Converted {
  std::vector<uint8_t> blob;
  std::string error;
};
Converted convert(const TinyConv& s) {
  const std::vector<uint8_t> bytes = s.bytes();
  Converted c;
  qrt::host::ImportReport report;
  if (!qrt::host::import_tflite(bytes.data(), bytes.size(), "tiny", &c.blob, &report, &c.error)) {
    c.blob.clear();
  }
  return c;
}

bool read_ok(const std::vector<uint8_t>& buf, TfliteModel* m) {
  std::string error;
  const bool ok = qrt::read_tflite(buf.data(), buf.size(), m, &error);
  if (!ok) printf("  unexpected error: %s\n", error.c_str());
  return ok;
}

QRT_TEST(tflite_synthetic, reads_the_tiny_model) {
  TinyConv s = tiny_conv();
  const std::vector<uint8_t> buf = s.bytes();
  TfliteModel m;
  QRT_ASSERT(read_ok(buf, &m));
  tflite_test::check_invariants(qrt_test_ctx, m, buf.data(), buf.size());
  QRT_EXPECT(m.description == "synthetic");
  QRT_EXPECT(m.subgraph_name == "main");
  QRT_EXPECT_EQ(m.buffer_count, 3);
  QRT_EXPECT_EQ(m.operator_code_count, 1);
  QRT_ASSERT_EQ(m.tensors.size(), 4);
  const qrt::TfliteTensor& filter = m.tensors[1];
  QRT_EXPECT(filter.name == "filter");
  QRT_EXPECT_EQ(filter.type, qrt::kTfliteInt8);
  QRT_EXPECT(filter.shape == std::vector<int32_t>({2, 3, 3, 1}));
  QRT_EXPECT_EQ(filter.element_count, 18);
  QRT_EXPECT_EQ(filter.buffer_index, 1);
  QRT_ASSERT_EQ(filter.data_bytes, 18);
  QRT_EXPECT_EQ(filter.data - buf.data(), s.filter_buffer->field(slot::kBufferData)->ref->pos + 4);
  QRT_EXPECT_EQ(filter.data[17], 17 * 7);
  QRT_EXPECT(filter.scales == std::vector<float>({0.25f, 0.125f}));
  QRT_EXPECT(filter.zero_points == std::vector<int64_t>({0, 0}));
  QRT_EXPECT_EQ(filter.quantized_dimension, 0);
  QRT_EXPECT(!filter.is_variable);
  QRT_EXPECT(filter.shape_signature.empty());
  QRT_EXPECT(m.tensors[0].data == nullptr);
  QRT_EXPECT(m.tensors[0].zero_points == std::vector<int64_t>({-3}));
  QRT_EXPECT_EQ(m.tensors[2].data_bytes, 8);
  QRT_EXPECT_EQ(m.tensors[2].data[4], 0xFF);

  QRT_ASSERT_EQ(m.operators.size(), 1);
  const qrt::TfliteOperator& op = m.operators[0];
  QRT_EXPECT_EQ(op.builtin_code, qrt::kTfliteOpConv2d);
  QRT_EXPECT_EQ(op.version, 3);
  QRT_EXPECT(op.inputs == std::vector<int32_t>({0, 1, 2}));
  QRT_EXPECT(op.outputs == std::vector<int32_t>({3}));
  QRT_EXPECT(op.has_builtin_options);
  QRT_EXPECT_EQ(op.options.conv_2d.padding, qrt::kTflitePaddingValid);
  QRT_EXPECT_EQ(op.options.conv_2d.stride_w, 1);
  QRT_EXPECT_EQ(op.options.conv_2d.activation, qrt::kTfliteActRelu6);
  QRT_EXPECT_EQ(op.options.conv_2d.dilation_w, 1);  // absent: schema default 1
  QRT_EXPECT_EQ(op.options.conv_2d.dilation_h, 1);
  QRT_EXPECT_EQ(op.options.conv_2d.quantized_bias_type, qrt::kTfliteFloat32);
  QRT_EXPECT(op.custom_options == nullptr);
}

QRT_TEST(tflite_synthetic, absent_options_take_schema_defaults) {
  TinyConv s = tiny_conv();
  s.op->drop(slot::kOpOptionsType)->drop(slot::kOpOptions);
  TfliteModel m;
  QRT_ASSERT(read_ok(s.bytes(), &m));
  const qrt::TfliteOperator& op = m.operators[0];
  QRT_EXPECT(!op.has_builtin_options);
  QRT_EXPECT_EQ(op.builtin_options_type, 0);
  QRT_EXPECT_EQ(op.options.conv_2d.padding, qrt::kTflitePaddingSame);
  QRT_EXPECT_EQ(op.options.conv_2d.stride_w, 0);
  QRT_EXPECT_EQ(op.options.conv_2d.dilation_w, 1);
  QRT_EXPECT_EQ(op.options.conv_2d.activation, qrt::kTfliteActNone);

  // Dilation written explicitly overrides the default.
  s = tiny_conv();
  s.options->scalar<int32_t>(slot::kConvDilationW, 2)->scalar<int32_t>(slot::kConvDilationH, 3);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT_EQ(m.operators[0].options.conv_2d.dilation_w, 2);
  QRT_EXPECT_EQ(m.operators[0].options.conv_2d.dilation_h, 3);

  // ADD without options: pot_scale_int16 defaults to true; SOFTMAX beta to 0.
  s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 0);  // ADD
  s.op->drop(slot::kOpOptionsType)->drop(slot::kOpOptions);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.add.pot_scale_int16);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 25);  // SOFTMAX
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.softmax.beta == 0.0f);
}

QRT_TEST(tflite_synthetic, effective_builtin_code_is_the_larger_field) {
  TinyConv s = tiny_conv();
  TfliteModel m;
  // New-style file: deprecated field saturated at 127, real code in the int32 field.
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 127)->scalar<int32_t>(slot::kCodeBuiltin, 150);
  s.op->drop(slot::kOpOptionsType)->drop(slot::kOpOptions);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT_EQ(m.operators[0].builtin_code, 150);
  QRT_EXPECT(strcmp(qrt::tflite_builtin_name(m.operators[0].builtin_code), "GELU") == 0);
  // Old-style file: only the int8 field.
  s.opcode->drop(slot::kCodeBuiltin)->scalar<int8_t>(slot::kCodeDeprecated, 9);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT_EQ(m.operators[0].builtin_code, qrt::kTfliteOpFullyConnected);
  // Both written equal (what converters emit for codes below 127).
  s.opcode->scalar<int32_t>(slot::kCodeBuiltin, 9);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT_EQ(m.operators[0].builtin_code, qrt::kTfliteOpFullyConnected);
  // Version absent: schema default 1.
  s.opcode->drop(slot::kCodeVersion);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT_EQ(m.operators[0].version, 1);
  // Negative codes in both fields.
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, -5)->scalar<int32_t>(slot::kCodeBuiltin, -7);
  const std::string e = read_error(s);
  QRT_EXPECT(contains(e, "operator code 0") && contains(e, "negative builtin code -5"));
}

QRT_TEST(tflite_synthetic, custom_ops_and_optional_inputs) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 32)->ref(slot::kCodeCustom,
                                                           fbtest::str("SignalFft"));
  s.op->drop(slot::kOpOptionsType)->drop(slot::kOpOptions);
  s.op->ref(slot::kOpCustomOptions, fbtest::bytes_vec({1, 2, 3}));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, -1, 2}));  // -1: omitted optional input
  const std::vector<uint8_t> buf = s.bytes();
  TfliteModel m;
  QRT_ASSERT(read_ok(buf, &m));
  tflite_test::check_invariants(qrt_test_ctx, m, buf.data(), buf.size());
  const qrt::TfliteOperator& op = m.operators[0];
  QRT_EXPECT_EQ(op.builtin_code, qrt::kTfliteOpCustom);
  QRT_EXPECT(op.custom_code == "SignalFft");
  QRT_ASSERT_EQ(op.custom_options_bytes, 3);
  QRT_EXPECT_EQ(op.custom_options[2], 3);
  QRT_EXPECT(op.inputs == std::vector<int32_t>({0, -1, 2}));
}

QRT_TEST(tflite_synthetic, options_of_each_decoded_op) {
  // (builtin code, union type, table): read back and compare field by field.
  TinyConv s = tiny_conv();
  TfliteModel m;
  NodePtr o = fbtest::table();
  o->scalar<int8_t>(0, 1)->scalar<int32_t>(1, 2)->scalar<int32_t>(2, 3)->scalar<int32_t>(3, 4)
      ->scalar<int8_t>(4, 1)->scalar<int32_t>(5, 5)->scalar<int32_t>(6, 6);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 4);  // DEPTHWISE_CONV_2D
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 2)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  const qrt::TfliteDepthwiseConv2dOptions& d = m.operators[0].options.depthwise_conv_2d;
  QRT_EXPECT(d.padding == qrt::kTflitePaddingValid && d.stride_w == 2 && d.stride_h == 3);
  QRT_EXPECT(d.depth_multiplier == 4 && d.activation == qrt::kTfliteActRelu);
  QRT_EXPECT(d.dilation_w == 5 && d.dilation_h == 6);

  o = fbtest::table();
  o->scalar<int8_t>(0, 0)->scalar<int32_t>(1, 2)->scalar<int32_t>(2, 1)->scalar<int32_t>(3, 3)
      ->scalar<int32_t>(4, 4)->scalar<int8_t>(5, 2);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 17);  // MAX_POOL_2D
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 5)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  const qrt::TflitePool2dOptions& p = m.operators[0].options.pool_2d;
  QRT_EXPECT(p.padding == qrt::kTflitePaddingSame && p.stride_w == 2 && p.stride_h == 1);
  QRT_EXPECT(p.filter_w == 3 && p.filter_h == 4 && p.activation == qrt::kTfliteActReluN1To1);

  o = fbtest::table();
  o->scalar<int8_t>(0, 3)->scalar<int8_t>(1, 1)->scalar<uint8_t>(2, 1)->scalar<uint8_t>(3, 1)
      ->scalar<int8_t>(4, qrt::kTfliteInt32);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 9);  // FULLY_CONNECTED
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 8)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  const qrt::TfliteFullyConnectedOptions& f = m.operators[0].options.fully_connected;
  QRT_EXPECT(f.activation == qrt::kTfliteActRelu6);
  QRT_EXPECT(f.weights_format == qrt::kTfliteWeightsShuffled4x16Int8);
  QRT_EXPECT(f.keep_num_dims && f.asymmetric_quantize_inputs);
  QRT_EXPECT(f.quantized_bias_type == qrt::kTfliteInt32);

  o = fbtest::table();
  o->scalar<int32_t>(0, -1)->scalar<int8_t>(1, 1);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 2);  // CONCATENATION
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 10)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.concatenation.axis == -1);
  QRT_EXPECT(m.operators[0].options.concatenation.activation == qrt::kTfliteActRelu);

  o = fbtest::table();
  o->scalar<int8_t>(0, 1)->scalar<uint8_t>(1, 0);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 0);  // ADD
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 11)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.add.activation == qrt::kTfliteActRelu);
  QRT_EXPECT(!m.operators[0].options.add.pot_scale_int16);

  o = fbtest::table();
  o->scalar<int8_t>(0, 3);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 18);  // MUL
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 21)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.mul.activation == qrt::kTfliteActRelu6);

  o = fbtest::table();
  o->scalar<float>(0, 0.5f);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 25);  // SOFTMAX
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 9)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.softmax.beta == 0.5f);

  o = fbtest::table();
  o->scalar<uint8_t>(0, 1);
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 40);  // MEAN
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 27)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.reducer.keep_dims);

  o = fbtest::table();
  o->ref(0, fbtest::vec<int32_t>({1, 2}));
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 43);  // SQUEEZE
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 30)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.squeeze.squeeze_dims == std::vector<int32_t>({1, 2}));

  o = fbtest::table();
  o->ref(0, fbtest::vec<int32_t>({}));  // present but empty: reshape to a scalar
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 22);  // RESHAPE
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 17)->ref(slot::kOpOptions, o);
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT(m.operators[0].options.reshape.has_new_shape);
  QRT_EXPECT(m.operators[0].options.reshape.new_shape.empty());

  // Ops without options ignore a stray table, as TFLite does; PAD takes the empty PadOptions.
  for (int8_t code : {int8_t{14}, int8_t{19}, int8_t{21}, int8_t{28}, int8_t{34}, int8_t{6}}) {
    s.opcode->scalar<int8_t>(slot::kCodeDeprecated, code);
    s.op->scalar<uint8_t>(slot::kOpOptionsType, 22)->ref(slot::kOpOptions, fbtest::table());
    QRT_EXPECT(read_ok(s.bytes(), &m));
  }
}

QRT_TEST(tflite_synthetic, rejects_model_level_problems) {
  TinyConv s = tiny_conv();
  std::vector<uint8_t> buf = s.bytes();
  TfliteModel m;
  std::string e;
  memcpy(buf.data() + 4, "TFL2", 4);
  QRT_EXPECT(!qrt::read_tflite(buf.data(), buf.size(), &m, &e) && contains(e, "TFL3"));
  QRT_EXPECT(!qrt::read_tflite(buf.data(), 7, &m, &e) && contains(e, "too small"));
  QRT_EXPECT(!qrt::read_tflite(nullptr, 0, &m, &e) && contains(e, "empty"));
  QRT_EXPECT(!qrt::read_tflite(buf.data(), buf.size(), &m, nullptr));  // null error is fine

  s.model->scalar<uint32_t>(slot::kModelVersion, 2);
  QRT_EXPECT(contains(read_error(s), "schema version 2"));
  s = tiny_conv();
  s.model->ref(slot::kModelSubgraphs, fbtest::tables({s.subgraph, s.subgraph}));
  QRT_EXPECT(contains(read_error(s), "has 2 subgraphs; only single-subgraph"));
  s.model->ref(slot::kModelSubgraphs, fbtest::tables({}));
  QRT_EXPECT(contains(read_error(s), "has 0 subgraphs"));
  s.model->drop(slot::kModelSubgraphs);
  QRT_EXPECT(contains(read_error(s), "has 0 subgraphs"));

  s = tiny_conv();
  s.filter_buffer->scalar<uint64_t>(slot::kBufferOffset, 4096)->scalar<uint64_t>(slot::kBufferSize,
                                                                                  18);
  QRT_EXPECT(contains(read_error(s), "buffer 1: data stored outside the flatbuffer"));
  s.filter_buffer->scalar<uint64_t>(slot::kBufferOffset, 1);  // <= 1 means "not used"
  QRT_EXPECT(read_ok(s.bytes(), &m));

  s = tiny_conv();
  s.subgraph->ref(slot::kGraphInputs, fbtest::vec<int32_t>({-1}));
  QRT_EXPECT(contains(read_error(s), "subgraph 0: inputs[0] = -1 is not a tensor index"));
  s = tiny_conv();
  s.subgraph->ref(slot::kGraphOutputs, fbtest::vec<int32_t>({3, 4}));
  QRT_EXPECT(contains(read_error(s), "outputs[1] = 4 is not a tensor index (model has 4"));
}

QRT_TEST(tflite_synthetic, rejects_operator_problems) {
  TinyConv s = tiny_conv();
  s.op->scalar<uint32_t>(slot::kOpOpcodeIndex, 1);
  QRT_EXPECT(contains(read_error(s), "operator 0: opcode_index 1 out of range"));
  s = tiny_conv();
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 99, 2}));
  QRT_EXPECT(contains(read_error(s), "operator 0 (CONV_2D): inputs[1] = 99 is not a tensor"));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, -2, 2}));
  QRT_EXPECT(contains(read_error(s), "inputs[1] = -2"));
  s = tiny_conv();
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 5);  // Pool2DOptions on a CONV_2D
  QRT_EXPECT(contains(read_error(s), "builtin_options type 5 (Pool2DOptions) does not match"));
  s = tiny_conv();
  s.options->scalar<int8_t>(slot::kConvPadding, 2);
  QRT_EXPECT(contains(read_error(s), "operator 0 (CONV_2D): unknown padding 2"));
  s = tiny_conv();
  s.options->scalar<int8_t>(slot::kConvActivation, 6);
  QRT_EXPECT(contains(read_error(s), "unknown fused activation 6"));
  s = tiny_conv();
  s.op->scalar<uint64_t>(slot::kOpLargeCustomOptionsOffset, 100);
  QRT_EXPECT(contains(read_error(s), "custom options stored outside"));
  // A truncated Conv2DOptions table whose vtable claims a field beyond it.
  s = tiny_conv();
  s.options->scalar<int32_t>(slot::kConvStrideW, 1);
  std::vector<uint8_t> buf = s.bytes();
  const uint32_t vt = s.options->vtable_pos;
  buf[vt + 4 + 2 * slot::kConvStrideW] = 0xF0;  // field offset 0xF0 > the table's inline size
  TfliteModel m;
  std::string e;
  QRT_EXPECT(!qrt::read_tflite(buf.data(), buf.size(), &m, &e));
  QRT_EXPECT(contains(e, "operator 0 (CONV_2D): builtin_options: field outside its table"));
}

QRT_TEST(tflite_synthetic, rejects_tensor_problems) {
  TinyConv s = tiny_conv();
  s.filter->scalar<int8_t>(slot::kTensorType, 42);
  QRT_EXPECT(contains(read_error(s), "tensor 1 (filter): unknown tensor type 42"));
  s = tiny_conv();
  s.filter->ref(slot::kTensorShape, fbtest::vec<int32_t>({2, -3, 3, 1}));
  QRT_EXPECT(contains(read_error(s), "tensor 1 (filter): negative dimension shape[1] = -3"));
  s.filter->ref(slot::kTensorShape, fbtest::vec<int32_t>({65536, 65536, 1}));
  QRT_EXPECT(contains(read_error(s), "more than 2^31 - 1 elements"));
  s = tiny_conv();
  s.filter->ref(slot::kTensorShape, fbtest::vec<int32_t>({2, 3, 3, 2}));
  s.filter_quant->ref(slot::kQuantScale, fbtest::vec<float>({1, 1}));
  QRT_EXPECT(contains(read_error(s), "buffer 1 holds 18 bytes but 36 INT8 elements need 36 bytes"));
  s = tiny_conv();
  s.filter->scalar<uint32_t>(slot::kTensorBuffer, 3);
  QRT_EXPECT(contains(read_error(s), "buffer index 3 out of range (model has 3 buffers)"));
  s = tiny_conv();
  s.filter_quant->ref(slot::kQuantZeroPoint, fbtest::vec<int64_t>({0}));
  QRT_EXPECT(contains(read_error(s), "quantization has 2 scales but 1 zero points"));
  s = tiny_conv();
  s.filter_quant->scalar<int32_t>(slot::kQuantDimension, 1);  // shape[1] = 3, not 2
  QRT_EXPECT(contains(read_error(s), "2 per-channel scales but dimension 1 has size 3"));
  s.filter_quant->scalar<int32_t>(slot::kQuantDimension, -1);
  QRT_EXPECT(contains(read_error(s), "negative quantized_dimension"));
  s.filter_quant->scalar<int32_t>(slot::kQuantDimension, 7);  // beyond the rank: passed through
  TfliteModel m;
  QRT_EXPECT(read_ok(s.bytes(), &m));
  s = tiny_conv();
  s.filter_quant->scalar<uint8_t>(slot::kQuantDetailsType, 1)->ref(slot::kQuantDetails,
                                                                   fbtest::table());
  QRT_EXPECT(contains(read_error(s), "custom quantization (details type 1) is not supported"));
  s = tiny_conv();
  s.filter->ref(slot::kTensorSparsity, fbtest::table());
  QRT_EXPECT(contains(read_error(s), "sparse tensors are not supported"));
  // Names from the file are shown printable and at most 80 characters long.
  s = tiny_conv();
  s.filter->ref(slot::kTensorName, fbtest::str("\x01\nbad" + std::string(100, 'x')));
  s.filter->scalar<int8_t>(slot::kTensorType, 42);
  const std::string e = read_error(s);
  QRT_EXPECT(contains(e, "tensor 1 (??bad" + std::string(75, 'x') + "...): unknown tensor type"));
}

QRT_TEST(tflite_synthetic, tensor_details) {
  TinyConv s = tiny_conv();
  // Quantization with an empty zero_point vector counts as "not quantized" (as in TFLite).
  NodePtr q = tflite_test::quant({0.5f}, {}, 0);
  q->ref(slot::kQuantMin, fbtest::vec<float>({-1.0f}))->ref(slot::kQuantMax,
                                                            fbtest::vec<float>({2.0f}));
  s.input->ref(slot::kTensorQuantization, q);
  s.input->scalar<uint8_t>(slot::kTensorIsVariable, 1);
  s.input->ref(slot::kTensorShapeSignature, fbtest::vec<int32_t>({-1, 4, 4, 1}));
  // INT4 data is packed two per byte: 18 elements in 9 bytes.
  s.filter->scalar<int8_t>(slot::kTensorType, qrt::kTfliteInt4);
  s.filter_buffer->ref(slot::kBufferData, fbtest::bytes_vec(std::vector<uint8_t>(9, 0x21)));
  // A scalar (rank 0) constant: one element.
  s.bias->ref(slot::kTensorShape, fbtest::vec<int32_t>({}));
  s.bias_buffer->ref(slot::kBufferData, fbtest::bytes_vec({1, 0, 0, 0}));
  TfliteModel m;
  QRT_ASSERT(read_ok(s.bytes(), &m));
  const qrt::TfliteTensor& in = m.tensors[0];
  QRT_EXPECT(in.scales.empty() && in.zero_points.empty());
  QRT_EXPECT(in.min == std::vector<float>({-1.0f}));
  QRT_EXPECT(in.max == std::vector<float>({2.0f}));
  QRT_EXPECT(in.is_variable);
  QRT_EXPECT(in.shape_signature == std::vector<int32_t>({-1, 4, 4, 1}));
  QRT_EXPECT_EQ(m.tensors[1].data_bytes, 9);
  QRT_EXPECT_EQ(m.tensors[2].element_count, 1);
  QRT_EXPECT(m.tensors[2].shape.empty());
  // An odd INT4 count rounds up: 17 elements need 9 bytes.
  s.filter->ref(slot::kTensorShape, fbtest::vec<int32_t>({17}));
  s.filter->drop(slot::kTensorQuantization);
  QRT_EXPECT(read_ok(s.bytes(), &m));
}

QRT_TEST(tflite_synthetic, shared_sub_objects_cannot_blow_up_the_walk) {
  // 4000 operators all referencing one table whose inputs vector has 4000 entries: a 48 KB file
  // that a naive reader would expand into 16 million indices. The work budget stops it.
  TinyConv s = tiny_conv();
  std::vector<int32_t> many(4000, 0);
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>(many));
  s.subgraph->ref(slot::kGraphOperators, fbtest::tables(std::vector<NodePtr>(4000, s.op)));
  const std::string e = read_error(s);
  QRT_EXPECT(contains(e, "work budget exceeded"));
  // 60000 entries of the tensor list naming one tensor table: the memory the reader would
  // allocate for them is charged to the budget too.
  s = tiny_conv();
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables(std::vector<NodePtr>(60000, s.input)));
  QRT_EXPECT(contains(read_error(s), "subgraph 0: tensors: work budget exceeded"));
  // A handful of shared operators is legitimate and reads fine.
  s = tiny_conv();
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>(many));
  s.subgraph->ref(slot::kGraphOperators, fbtest::tables(std::vector<NodePtr>(3, s.op)));
  TfliteModel m;
  QRT_ASSERT(read_ok(s.bytes(), &m));
  QRT_EXPECT_EQ(m.operators.size(), 3);
  QRT_EXPECT_EQ(m.operators[2].inputs.size(), 4000);
}

}  // namespace

// The reader refuses a zero point outside its tensor's storage type, so no later subtraction can
// overflow (found by fuzzing: INT64_MIN on the int8 weights of a float CONV_2D reached the
// importer's dequantization, `q - zp` in int64). The message names the tensor and the value.
QRT_TEST(tflite_synthetic, reader_rejects_zero_points_outside_the_type) {
  {
    TinyConv s = tiny_conv();
    s.filter_quant->ref(slot::kQuantZeroPoint, fbtest::vec<int64_t>({0, INT64_MIN}));
    const std::string e = read_error(s);
    QRT_EXPECT(contains(e, "zero point -9223372036854775808 out of its type's range"));
    QRT_EXPECT(contains(e, "tensor 1"));
  }
  {
    TinyConv s = tiny_conv();
    s.filter_quant->ref(slot::kQuantZeroPoint, fbtest::vec<int64_t>({-128, 127}));  // the ends
    TfliteModel m;
    QRT_EXPECT(read_ok(s.bytes(), &m));
    s.filter_quant->ref(slot::kQuantZeroPoint, fbtest::vec<int64_t>({-129, 0}));
    QRT_EXPECT(contains(read_error(s), "zero point -129 out of its type's range"));
  }
}

// So the importer refuses it too (found by fuzzing before the reader checked: it wrote the
// blob, which the loader then refused), and says which tensor.
QRT_TEST(tflite_synthetic, importer_rejects_zero_points_outside_the_type) {
  TinyConv s = tiny_conv();
  const Converted good = convert(s);
  if (good.blob.empty()) printf("  %s\n", good.error.c_str());
  QRT_ASSERT(!good.blob.empty());
  s.filter_quant->ref(slot::kQuantZeroPoint, fbtest::vec<int64_t>({0, 200}));
  const Converted bad = convert(s);
  QRT_EXPECT(contains(bad.error, "zero point 200 out of its type's range"));
  QRT_EXPECT(bad.blob.empty());
}

// The importer's result always passes the device loader (found by fuzzing: an operator whose
// shapes its prepare step refuses, and an operator reading a tensor nothing writes, were both
// converted into blobs the loader then refused).
QRT_TEST(tflite_synthetic, importer_output_always_loads) {
  {  // FULLY_CONNECTED whose input (16 values) does not match the weights' depth (9)
    TinyConv s = tiny_conv();
    s.opcode->scalar<int8_t>(slot::kCodeDeprecated, 9);  // FULLY_CONNECTED
    s.op->scalar<uint8_t>(slot::kOpOptionsType, 8)->ref(slot::kOpOptions, fbtest::table());
    s.filter->ref(slot::kTensorShape, fbtest::vec<int32_t>({2, 9}));
    s.filter_quant = tflite_test::quant({0.25f}, {0}, 0);
    s.filter->ref(slot::kTensorQuantization, s.filter_quant);
    s.bias->ref(slot::kTensorQuantization, tflite_test::quant({0.125f}, {0}, 0));
    s.output->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 2}));
    const Converted c = convert(s);
    if (!contains(c.error, "does not validate")) printf("  %s\n", c.error.c_str());
    QRT_EXPECT(contains(c.error, "the converted model does not validate"));
    QRT_EXPECT(c.blob.empty());
  }
  {  // the operator reads `orphan`, neither a graph input nor written by anything
    TinyConv s = tiny_conv();
    NodePtr orphan = tflite_test::tensor("orphan", qrt::kTfliteInt8, {1, 4, 4, 1}, 0);
    orphan->ref(slot::kTensorQuantization, tflite_test::quant({0.5f}, {-3}, 0));
    s.tensors.push_back(orphan);
    s.subgraph->ref(slot::kGraphTensors, fbtest::tables(s.tensors));
    s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({4, 1, 2}));
    const Converted c = convert(s);
    QRT_EXPECT(contains(c.error, "reads tensor"));
    QRT_EXPECT(contains(c.error, "'orphan', which is neither a graph input nor written"));
    QRT_EXPECT(c.blob.empty());
  }
}

// Every CONCATENATION input is required; an absent one (-1, which the reader allows for
// optional inputs) is refused with the operator named (found by fuzzing: the importer read
// tensors[-1]).
QRT_TEST(tflite_synthetic, concatenation_refuses_an_absent_input) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpConcatenation);
  NodePtr options = fbtest::table();
  options->scalar<int32_t>(0, -1);  // ConcatenationOptions.axis: the channels
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 10)->ref(slot::kOpOptions, options);
  s.output->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 4, 4, 2}));
  s.output->ref(slot::kTensorQuantization, tflite_test::quant({0.5f}, {-3}, 0));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 0}));
  const Converted good = convert(s);
  if (good.blob.empty()) printf("  %s\n", good.error.c_str());
  QRT_ASSERT(!good.blob.empty());  // the same graph with both inputs present converts
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, -1}));
  const Converted bad = convert(s);
  if (!contains(bad.error, "input 1 is absent")) printf("  %s\n", bad.error.c_str());
  QRT_EXPECT(contains(bad.error, "(CONCATENATION)"));
  QRT_EXPECT(contains(bad.error, ": input 1 is absent"));
  QRT_EXPECT(bad.blob.empty());
}

// SUB int8 end to end: a two-input SUB model (SubOptions with a RELU) converts and runs through a
// session; every output is within one of the double-precision (x1 - x2) / so + zo, clamped at
// the output zero point, and exact where the real result is an integer.
QRT_TEST(tflite_synthetic, sub_converts_and_runs) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpSub);
  NodePtr options = fbtest::table();
  options->scalar<int8_t>(0, 1);  // SubOptions.fused_activation_function: RELU
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 28)->ref(slot::kOpOptions, options);
  // input (scale 0.5, zero point -3) minus input2 (scale 0.25, zero point 2) -> output
  // (scale 0.5, zero point -1), all [1, 4, 4, 1].
  NodePtr input2 = tflite_test::tensor("input2", qrt::kTfliteInt8, {1, 4, 4, 1}, 0);
  input2->ref(slot::kTensorQuantization, tflite_test::quant({0.25f}, {2}, 0));
  s.output->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 4, 4, 1}));
  s.output->ref(slot::kTensorQuantization, tflite_test::quant({0.5f}, {-1}, 0));
  s.tensors = {s.input, input2, s.output};
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables(s.tensors))
      ->ref(slot::kGraphInputs, fbtest::vec<int32_t>({0, 1}))
      ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>({2}));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 1}))
      ->ref(slot::kOpOutputs, fbtest::vec<int32_t>({2}));
  const Converted c = convert(s);
  if (c.blob.empty()) printf("  %s\n", c.error.c_str());
  QRT_ASSERT(!c.blob.empty());
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(qrt::host::load_model_bytes(c.blob, &model, &error));
  qrt::host::HostSession session;
  QRT_ASSERT(session.open(model, nullptr, &error));
  const int8_t x1[16] = {-3, -2, -1, 0, 5, 10, 127, -128, 7, 7, 20, -20, 1, 2, 3, 4};
  const int8_t x2[16] = {2, 4, 6, 8, -10, 30, -128, 127, 3, 1, -50, 50, 0, 0, 0, 0};
  memcpy(session.input(0).data, x1, 16);
  memcpy(session.input(1).data, x2, 16);
  QRT_ASSERT(session.invoke(&error));
  const int8_t* y = static_cast<const int8_t*>(session.output(0).data);
  for (int i = 0; i < 16; ++i) {
    const double q = (0.5 * (x1[i] + 3) - 0.25 * (x2[i] - 2)) / 0.5 - 1;
    const double want = q < -1 ? -1 : q > 127 ? 127 : q;  // RELU: real >= 0, i.e. q >= -1
    QRT_EXPECT(y[i] >= want - 1.0 && y[i] <= want + 1.0);
    if (want == static_cast<int>(want)) QRT_EXPECT_EQ(y[i], static_cast<int>(want));
  }
  QRT_EXPECT_EQ(y[0], -1);  // (0 - 0) / 0.5 - 1
  QRT_EXPECT_EQ(y[4], 13);  // (0.5 * 8 - 0.25 * -12) / 0.5 - 1
}

// CONV_2D and the pools take shapes of rank 4 or less; a rank-5 tensor is refused with the
// operator named (found by fuzzing: the 4-D right-alignment wrote before its array).
QRT_TEST(tflite_synthetic, conv_and_pool_refuse_rank_above_four) {
  {
    TinyConv s = tiny_conv();
    s.input->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 1, 4, 4, 1}));
    const Converted c = convert(s);
    if (!contains(c.error, "rank 4 or less")) printf("  %s\n", c.error.c_str());
    QRT_EXPECT(contains(c.error, "(CONV_2D)"));
    QRT_EXPECT(contains(c.error, "input, filter and output must have rank 4 or less"));
    QRT_EXPECT(c.blob.empty());
  }
  {
    TinyConv s = tiny_conv();
    s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpAveragePool2d);
    NodePtr options = fbtest::table();
    options->scalar<int32_t>(1, 1)->scalar<int32_t>(2, 1)->scalar<int32_t>(3, 1)->scalar<int32_t>(4, 1);
    s.op->scalar<uint8_t>(slot::kOpOptionsType, 5)->ref(slot::kOpOptions, options);  // Pool2DOptions
    s.input->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 1, 4, 4, 1}));
    s.output->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 1, 4, 4, 1}));
    s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0}));
    const Converted c = convert(s);
    if (!contains(c.error, "rank 4 or less")) printf("  %s\n", c.error.c_str());
    QRT_EXPECT(contains(c.error, "(AVERAGE_POOL_2D)"));
    QRT_EXPECT(contains(c.error, "the input must have rank 4 or less"));
    QRT_EXPECT(c.blob.empty());
  }
}

// PAD's paddings hold two values per input dimension; fewer are refused before they are read
// (the parameter helper reads 2 * rank of them).
QRT_TEST(tflite_synthetic, pad_refuses_short_paddings) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpPad);
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 0);
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 2}));  // the int32[2] bias as paddings
  const Converted c = convert(s);
  if (!contains(c.error, "paddings hold")) printf("  %s\n", c.error.c_str());
  QRT_EXPECT(contains(c.error, "(PAD)"));
  QRT_EXPECT(contains(c.error, "paddings hold 2 values for an input of rank 4"));
  QRT_EXPECT(c.blob.empty());
}

// int16 CONCATENATION (a byte mover of 16x8 graphs): [1, 2, 2] ++ [1, 2, 1] along axis 2; the
// output holds the inputs' values interleaved row by row.
QRT_TEST(tflite_synthetic, int16_concatenation_moves_values_exactly) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpConcatenation);
  NodePtr options = fbtest::table();
  options->scalar<int32_t>(0, 2);  // ConcatenationOptions.axis
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 10)->ref(slot::kOpOptions, options);
  NodePtr a = tflite_test::tensor("a", qrt::kTfliteInt16, {1, 2, 2}, 0);
  NodePtr b = tflite_test::tensor("b", qrt::kTfliteInt16, {1, 2, 1}, 0);
  NodePtr cat = tflite_test::tensor("cat", qrt::kTfliteInt16, {1, 2, 3}, 0);
  for (const NodePtr& t : {a, b, cat}) t->ref(slot::kTensorQuantization, tflite_test::quant({0.001f}, {0}, 0));
  s.tensors = {a, b, cat};
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables(s.tensors))
      ->ref(slot::kGraphInputs, fbtest::vec<int32_t>({0, 1}))
      ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>({2}));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 1}))->ref(slot::kOpOutputs, fbtest::vec<int32_t>({2}));
  const Converted c = convert(s);
  if (c.blob.empty()) printf("  %s\n", c.error.c_str());
  QRT_ASSERT(!c.blob.empty());
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(qrt::host::load_model_bytes(c.blob, &model, &error));
  qrt::host::HostSession session;
  QRT_ASSERT(session.open(model, nullptr, &error));
  const int16_t xa[4] = {30000, -30000, 7, -7}, xb[2] = {12345, -32768};
  memcpy(session.input(0).data, xa, sizeof xa);
  memcpy(session.input(1).data, xb, sizeof xb);
  QRT_ASSERT(session.invoke(&error));
  const int16_t want[6] = {30000, -30000, 12345, 7, -7, -32768};
  QRT_ASSERT_EQ(session.output(0).bytes, sizeof want);
  const auto* y = static_cast<const int16_t*>(session.output(0).data);
  for (int i = 0; i < 6; ++i) QRT_EXPECT_EQ(y[i], want[i]);
}

namespace {

std::vector<uint8_t> int32_bytes(const std::vector<int32_t>& v) {
  std::vector<uint8_t> b(v.size() * 4);
  memcpy(b.data(), v.data(), b.size());
  return b;
}

// A one-operator model on the int8 input [2, 3, 4] (values 0..23, scale 0.1): `builtin` with
// the given int32 constant inputs placed at `constant_slots` of its input list (the input at the
// other slot), `outputs` int8 tensors, options table `options` of union type `options_type`.
// Converts it, runs it, and returns each output's values (empty on failure, with a message).
std::vector<std::vector<int8_t>> run_parts(int32_t builtin, uint8_t options_type,
                                           const NodePtr& options, size_t input_slot,
                                           const std::vector<std::vector<int32_t>>& constants,
                                           const std::vector<std::vector<int32_t>>& outputs) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, static_cast<int8_t>(builtin));
  if (options != nullptr) s.op->scalar<uint8_t>(slot::kOpOptionsType, options_type)->ref(slot::kOpOptions, options);
  std::vector<NodePtr> tensors = {tflite_test::tensor("x", qrt::kTfliteInt8, {2, 3, 4}, 0)};
  tensors[0]->ref(slot::kTensorQuantization, tflite_test::quant({0.1f}, {0}, 0));
  std::vector<NodePtr> buffers = {tflite_test::buffer({})};
  std::vector<int32_t> op_inputs(constants.size() + 1, 0);
  size_t c = 0;
  for (size_t k = 0; k < op_inputs.size(); ++k) {
    if (k == input_slot) continue;
    const std::vector<int32_t>& v = constants[c++];
    buffers.push_back(tflite_test::buffer(int32_bytes(v)));
    tensors.push_back(tflite_test::tensor("c", qrt::kTfliteInt32, {static_cast<int32_t>(v.size())},
                                          static_cast<uint32_t>(buffers.size() - 1)));
    op_inputs[k] = static_cast<int32_t>(tensors.size() - 1);
  }
  std::vector<int32_t> op_outputs;
  for (const std::vector<int32_t>& shape : outputs) {
    tensors.push_back(tflite_test::tensor("y", qrt::kTfliteInt8, shape, 0));
    tensors.back()->ref(slot::kTensorQuantization, tflite_test::quant({0.1f}, {0}, 0));
    op_outputs.push_back(static_cast<int32_t>(tensors.size() - 1));
  }
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables(tensors))
      ->ref(slot::kGraphInputs, fbtest::vec<int32_t>({0}))
      ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>(op_outputs));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>(op_inputs))->ref(slot::kOpOutputs, fbtest::vec<int32_t>(op_outputs));
  s.model->ref(slot::kModelBuffers, fbtest::tables(buffers));
  const Converted conv = convert(s);
  std::vector<std::vector<int8_t>> result;
  qrt::host::ModelFile model;
  qrt::host::HostSession session;
  std::string error = conv.error;
  if (conv.blob.empty() || !qrt::host::load_model_bytes(conv.blob, &model, &error) ||
      !session.open(model, nullptr, &error)) {
    printf("  %s\n", error.c_str());
    return result;
  }
  for (int i = 0; i < 24; ++i) static_cast<int8_t*>(session.input(0).data)[i] = static_cast<int8_t>(i);
  if (!session.invoke(&error)) return result;
  for (size_t k = 0; k < outputs.size(); ++k) {
    const qrt_tensor_view y = session.output(static_cast<int32_t>(k));
    const auto* p = static_cast<const int8_t*>(y.data);
    result.emplace_back(p, p + y.bytes);
  }
  return result;
}

}  // namespace

// SLICE, SPLIT, SPLIT_V and UNPACK become STRIDED_SLICEs, and TRANSPOSE: hand-computed parts and
// orders of the [2, 3, 4] tensor whose element (a, b, c) is 12a + 4b + c.
QRT_TEST(tflite_synthetic, slice_split_split_v_unpack_take_the_right_parts) {
  // x[1:2, :, 1:3] (size -1: the rest of axis 1).
  auto r = run_parts(qrt::kTfliteOpSlice, 0, nullptr, 0, {{1, 0, 1}, {1, -1, 2}}, {{1, 3, 2}});
  QRT_ASSERT_EQ(r.size(), 1);
  QRT_EXPECT(r[0] == std::vector<int8_t>({13, 14, 17, 18, 21, 22}));
  // SPLIT(axis 2, x) into 2: columns 0-1 and 2-3.
  NodePtr split = fbtest::table();
  split->scalar<int32_t>(0, 2);  // num_splits
  r = run_parts(qrt::kTfliteOpSplit, 35, split, 1, {{2}}, {{2, 3, 2}, {2, 3, 2}});
  QRT_ASSERT_EQ(r.size(), 2);
  QRT_EXPECT(r[0] == std::vector<int8_t>({0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21}));
  QRT_EXPECT(r[1] == std::vector<int8_t>({2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23}));
  // SPLIT_V(x, [1, -1], axis 1): row 0, then rows 1-2.
  NodePtr split_v = fbtest::table();
  split_v->scalar<int32_t>(0, 2);
  r = run_parts(qrt::kTfliteOpSplitV, 79, split_v, 0, {{1, -1}, {1}}, {{2, 1, 4}, {2, 2, 4}});
  QRT_ASSERT_EQ(r.size(), 2);
  QRT_EXPECT(r[0] == std::vector<int8_t>({0, 1, 2, 3, 12, 13, 14, 15}));
  QRT_EXPECT(r[1] == std::vector<int8_t>({4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23}));
  // UNPACK(x, axis 0): the two [3, 4] halves.
  NodePtr unpack = fbtest::table();
  unpack->scalar<int32_t>(0, 2)->scalar<int32_t>(1, 0);
  r = run_parts(qrt::kTfliteOpUnpack, 64, unpack, 0, {}, {{3, 4}, {3, 4}});
  QRT_ASSERT_EQ(r.size(), 2);
  for (int i = 0; i < 12; ++i) {
    QRT_EXPECT_EQ(r[0][static_cast<size_t>(i)], i);
    QRT_EXPECT_EQ(r[1][static_cast<size_t>(i)], 12 + i);
  }
  // TRANSPOSE(x, perm (2, 0, -2)): output (c, a, b) = 12a + 4b + c.
  r = run_parts(qrt::kTfliteOpTranspose, 0, nullptr, 0, {{2, 0, -2}}, {{4, 2, 3}});
  QRT_ASSERT_EQ(r.size(), 1);
  for (int i = 0, c = 0; c < 4; ++c)
    for (int a = 0; a < 2; ++a)
      for (int b = 0; b < 3; ++b, ++i) QRT_EXPECT_EQ(r[0][static_cast<size_t>(i)], 12 * a + 4 * b + c);
  // GATHER(x, (2, 0), axis 1): rows b = 2 then b = 0 of each a.
  NodePtr gather = fbtest::table();
  gather->scalar<int32_t>(0, 1);  // axis
  r = run_parts(qrt::kTfliteOpGather, 23, gather, 0, {{2, 0}}, {{2, 2, 4}});
  QRT_ASSERT_EQ(r.size(), 1);
  QRT_EXPECT(r[0] == std::vector<int8_t>({8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15}));
  // A constant index outside the axis is refused at load.
  QRT_EXPECT(run_parts(qrt::kTfliteOpGather, 23, gather, 0, {{3, 0}}, {{2, 2, 4}}).empty());
  // Refused with a message: a split that does not divide the axis, a part outside the input.
  split->scalar<int32_t>(0, 3);
  QRT_EXPECT(run_parts(qrt::kTfliteOpSplit, 35, split, 1, {{2}}, {{2, 3, 1}, {2, 3, 1}, {2, 3, 1}}).empty());
  QRT_EXPECT(run_parts(qrt::kTfliteOpSlice, 0, nullptr, 0, {{1, 0, 3}, {1, 3, 2}}, {{1, 3, 2}}).empty());
}

namespace {

// FULLY_CONNECTED 16x8: int16 input [1, 4] (scale 0.001), int8 weights [2, 4] (scale 0.02),
// a bias of `bias_type` (values 50 and -70, scale 2e-5), int16 output [1, 2] (scale 0.002).
TinyConv fc_16x8(int8_t bias_type) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpFullyConnected);
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 8)->ref(slot::kOpOptions, fbtest::table());
  NodePtr x = tflite_test::tensor("x", qrt::kTfliteInt16, {1, 4}, 0);
  x->ref(slot::kTensorQuantization, tflite_test::quant({0.001f}, {0}, 0));
  NodePtr w = tflite_test::tensor("w", qrt::kTfliteInt8, {2, 4}, 1);
  w->ref(slot::kTensorQuantization, tflite_test::quant({0.02f}, {0}, 0));
  const bool wide = bias_type == qrt::kTfliteInt64;
  NodePtr b = tflite_test::tensor("b", bias_type, {2}, 2);
  b->ref(slot::kTensorQuantization, tflite_test::quant({2e-5f}, {0}, 0));
  NodePtr y = tflite_test::tensor("y", qrt::kTfliteInt16, {1, 2}, 0);
  y->ref(slot::kTensorQuantization, tflite_test::quant({0.002f}, {0}, 0));
  const std::vector<uint8_t> weights = {1, 2, 3, 4, 0xFF, 0xFE, 0xFD, 0xFC};  // 1..4, -1..-4
  std::vector<uint8_t> bias_bytes;
  for (int64_t v : {int64_t{50}, int64_t{-70}}) {
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    bias_bytes.insert(bias_bytes.end(), p, p + (wide ? 8 : 4));
  }
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables({x, w, b, y}));
  s.model->ref(slot::kModelBuffers, fbtest::tables({tflite_test::buffer({}), tflite_test::buffer(weights),
                                                    tflite_test::buffer(bias_bytes)}));
  return s;
}

}  // namespace

// The int64 bias of TFLite's 16x8 form imports and runs (within one of the double result); an
// int32 bias (TFLM's int32-accumulator form) is refused with the reason.
QRT_TEST(tflite_synthetic, fully_connected_16x8_int64_bias_runs_int32_bias_is_refused) {
  const Converted c = convert(fc_16x8(qrt::kTfliteInt64));
  if (c.blob.empty()) printf("  %s\n", c.error.c_str());
  QRT_ASSERT(!c.blob.empty());
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(qrt::host::load_model_bytes(c.blob, &model, &error));
  qrt::host::HostSession session;
  QRT_ASSERT(session.open(model, nullptr, &error));
  const int16_t x[4] = {1000, -2000, 3000, 32767};
  memcpy(session.input(0).data, x, sizeof x);
  QRT_ASSERT(session.invoke(&error));
  const auto* y = static_cast<const int16_t*>(session.output(0).data);
  const double acc0 = 1000 * 1 - 2000 * 2 + 3000 * 3 + 32767 * 4 + 50;
  const double acc1 = -1000 * 1 + 2000 * 2 - 3000 * 3 - 32767 * 4 - 70;
  const double m = 0.001 * 0.02 / 0.002;
  QRT_EXPECT(fabs(y[0] - acc0 * m) <= 1.0);
  QRT_EXPECT(fabs(y[1] - acc1 * m) <= 1.0);
  const Converted refused = convert(fc_16x8(qrt::kTfliteInt32));
  QRT_EXPECT(refused.blob.empty());
  QRT_EXPECT(refused.error.find("int32 bias") != std::string::npos);
}

// MAXIMUM imports when both inputs share the output's quantization and runs on the raw values;
// a second input of another scale is refused (its raw values would not be comparable).
QRT_TEST(tflite_synthetic, maximum_imports_with_one_quantization_only) {
  auto model = [](float scale2) {
    TinyConv s = tiny_conv();
    s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpMaximum);
    NodePtr x2 = tflite_test::tensor("x2", qrt::kTfliteInt8, {1, 4, 4, 1}, 0);
    x2->ref(slot::kTensorQuantization, tflite_test::quant({scale2}, {-3}, 0));
    s.output->ref(slot::kTensorShape, fbtest::vec<int32_t>({1, 4, 4, 1}));
    s.output->ref(slot::kTensorQuantization, tflite_test::quant({0.5f}, {-3}, 0));
    s.tensors = {s.input, x2, s.output};
    s.subgraph->ref(slot::kGraphTensors, fbtest::tables(s.tensors))
        ->ref(slot::kGraphInputs, fbtest::vec<int32_t>({0, 1}))
        ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>({2}));
    s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 1}))->ref(slot::kOpOutputs, fbtest::vec<int32_t>({2}));
    return s;
  };
  const Converted c = convert(model(0.5f));
  if (c.blob.empty()) printf("  %s\n", c.error.c_str());
  QRT_ASSERT(!c.blob.empty());
  qrt::host::ModelFile m;
  std::string error;
  QRT_ASSERT(qrt::host::load_model_bytes(c.blob, &m, &error));
  qrt::host::HostSession session;
  QRT_ASSERT(session.open(m, nullptr, &error));
  int8_t x1[16], x2[16];
  for (int i = 0; i < 16; ++i) {
    x1[i] = static_cast<int8_t>(i * 17 - 128);
    x2[i] = static_cast<int8_t>(127 - i * 13);
  }
  memcpy(session.input(0).data, x1, 16);
  memcpy(session.input(1).data, x2, 16);
  QRT_ASSERT(session.invoke(&error));
  const auto* y = static_cast<const int8_t*>(session.output(0).data);
  for (int i = 0; i < 16; ++i) QRT_EXPECT_EQ(y[i], x1[i] > x2[i] ? x1[i] : x2[i]);
  const Converted refused = convert(model(0.25f));
  QRT_EXPECT(refused.blob.empty());
  QRT_EXPECT(refused.error.find("quantization") != std::string::npos);
}

// A TRANSPOSE_CONV whose output is so large that its accumulators (8 bytes per output element
// for int16) exceed 2 GiB is refused with the reason, found by fuzzing (fuzz_tflite: the byte
// count overflowed int32). Nothing is allocated: converting only plans.
QRT_TEST(tflite_synthetic, transpose_conv_refuses_accumulators_beyond_two_gib) {
  TinyConv s = tiny_conv();
  s.opcode->scalar<int8_t>(slot::kCodeDeprecated, qrt::kTfliteOpTransposeConv);
  NodePtr options = fbtest::table();
  options->scalar<int8_t>(0, 0)->scalar<int32_t>(1, 1)->scalar<int32_t>(2, 1);  // SAME, stride 1
  s.op->scalar<uint8_t>(slot::kOpOptionsType, 49)->ref(slot::kOpOptions, options);
  const std::vector<int32_t> out_shape = {1, 8192, 8192, 4};
  NodePtr shape = tflite_test::tensor("shape", qrt::kTfliteInt32, {4}, 1);
  NodePtr w = tflite_test::tensor("w", qrt::kTfliteInt8, {4, 1, 1, 1}, 2);
  w->ref(slot::kTensorQuantization, tflite_test::quant({0.01f}, {0}, 0));
  NodePtr x = tflite_test::tensor("x", qrt::kTfliteInt16, {1, 1, 1, 1}, 0);
  x->ref(slot::kTensorQuantization, tflite_test::quant({0.001f}, {0}, 0));
  NodePtr y = tflite_test::tensor("y", qrt::kTfliteInt16, out_shape, 0);
  y->ref(slot::kTensorQuantization, tflite_test::quant({0.001f}, {0}, 0));
  s.subgraph->ref(slot::kGraphTensors, fbtest::tables({shape, w, x, y}))
      ->ref(slot::kGraphInputs, fbtest::vec<int32_t>({2}))
      ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>({3}));
  s.op->ref(slot::kOpInputs, fbtest::vec<int32_t>({0, 1, 2}))->ref(slot::kOpOutputs, fbtest::vec<int32_t>({3}));
  s.model->ref(slot::kModelBuffers, fbtest::tables({tflite_test::buffer({}), tflite_test::buffer(int32_bytes(out_shape)),
                                                    tflite_test::buffer({1, 2, 3, 4})}));
  const Converted c = convert(s);
  QRT_EXPECT(c.blob.empty());
  if (!c.blob.empty()) return;
  printf("  %s\n", c.error.c_str());
  QRT_EXPECT(c.error.find("scratch bytes") != std::string::npos);
}
