#include "tflm_op_cases.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include "../runtime/host/tflite_test_util.h"

namespace golden {
namespace {

using tflite_test::slot::kOpOptions;
using tflite_test::slot::kOpOptionsType;

// One tensor of a case's model. A tensor with `data` is a constant; the others that an operator
// reads are graph inputs, filled with uniform values in [lo, hi].
struct Tensor {
  std::string name;
  int8_t type;
  std::vector<int32_t> shape;
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  std::vector<uint8_t> data;
  int32_t lo = 0, hi = 0;
  bool variable = false;  // a state tensor (TFLite's is_variable): neither constant nor graph input
  int32_t quant_axis = 0;
};

size_t element_bytes(int8_t type) {
  switch (type) {
    case qrt::kTfliteInt8: return 1;
    case qrt::kTfliteInt16: return 2;
    case qrt::kTfliteInt64: return 8;
    default: return 4;
  }
}

size_t count_of(const std::vector<int32_t>& shape) {
  size_t n = 1;
  for (int32_t d : shape) n *= static_cast<size_t>(d);
  return n;
}

// xorshift32: the same inputs on every machine.
uint32_t next(uint32_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

uint32_t seed_of(const std::string& name) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return h | 1u;
}

std::vector<uint8_t> random_values(const Tensor& t, uint32_t* s) {
  const size_t n = count_of(t.shape), width = element_bytes(t.type);
  std::vector<uint8_t> out(n * width);
  const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(t.hi) - t.lo + 1);
  for (size_t i = 0; i < n; ++i) {
    const int32_t v = static_cast<int32_t>(t.lo + static_cast<int64_t>(next(s) % span));
    if (t.type == qrt::kTfliteFloat32) {
      const float f = static_cast<float>(v) / 64.0f;
      std::memcpy(&out[i * width], &f, width);
    } else {
      const int64_t wide = v;
      std::memcpy(&out[i * width], &wide, width);  // little-endian: the low bytes
    }
  }
  return out;
}

// A model of one operator `builtin` over `tensors`; its graph inputs are the operator's inputs
// without data, its outputs the operator's outputs.
OpCase one_op(const std::string& name, int32_t builtin, uint8_t options_type,
              const fbtest::NodePtr& options, const std::vector<Tensor>& tensors,
              const std::vector<int32_t>& op_inputs, const std::vector<int32_t>& op_outputs) {
  namespace slot = tflite_test::slot;
  OpCase c;
  c.name = name;
  std::vector<fbtest::NodePtr> tensor_nodes, buffers = {tflite_test::buffer({})};
  for (const Tensor& t : tensors) {
    const uint32_t buffer = t.data.empty() ? 0 : static_cast<uint32_t>(buffers.size());
    if (!t.data.empty()) buffers.push_back(tflite_test::buffer(t.data));
    fbtest::NodePtr n = tflite_test::tensor(t.name.c_str(), t.type, t.shape, buffer);
    if (t.variable) n->scalar<uint8_t>(slot::kTensorIsVariable, 1);
    if (!t.scales.empty()) {
      n->ref(slot::kTensorQuantization, tflite_test::quant(t.scales, t.zero_points, t.quant_axis));
    }
    tensor_nodes.push_back(n);
  }
  std::vector<int32_t> graph_inputs;
  uint32_t seed = seed_of(name);
  for (int32_t i : op_inputs) {
    if (i < 0 || !tensors[static_cast<size_t>(i)].data.empty() || tensors[static_cast<size_t>(i)].variable) continue;
    graph_inputs.push_back(i);
    c.inputs.push_back(random_values(tensors[static_cast<size_t>(i)], &seed));
  }
  fbtest::NodePtr op = fbtest::table();
  op->scalar<uint32_t>(slot::kOpOpcodeIndex, 0)
      ->ref(slot::kOpInputs, fbtest::vec<int32_t>(op_inputs))
      ->ref(slot::kOpOutputs, fbtest::vec<int32_t>(op_outputs));
  if (options != nullptr) {
    op->scalar<uint8_t>(kOpOptionsType, options_type)->ref(kOpOptions, options);
  }
  fbtest::NodePtr code = fbtest::table();
  code->scalar<int8_t>(slot::kCodeDeprecated, static_cast<int8_t>(builtin < 127 ? builtin : 127))
      ->scalar<int32_t>(slot::kCodeVersion, 1)
      ->scalar<int32_t>(slot::kCodeBuiltin, builtin);
  fbtest::NodePtr graph = fbtest::table();
  graph->ref(slot::kGraphTensors, fbtest::tables(tensor_nodes))
      ->ref(slot::kGraphInputs, fbtest::vec<int32_t>(graph_inputs))
      ->ref(slot::kGraphOutputs, fbtest::vec<int32_t>(op_outputs))
      ->ref(slot::kGraphOperators, fbtest::tables({op}))
      ->ref(slot::kGraphName, fbtest::str("main"));
  fbtest::NodePtr model = fbtest::table();
  model->scalar<uint32_t>(slot::kModelVersion, 3)
      ->ref(slot::kModelOperatorCodes, fbtest::tables({code}))
      ->ref(slot::kModelSubgraphs, fbtest::tables({graph}))
      ->ref(slot::kModelDescription, fbtest::str(name))
      ->ref(slot::kModelBuffers, fbtest::tables(buffers));
  c.model = fbtest::finish(model);
  return c;
}

// TFLite builtin codes and BuiltinOptions union values (schema.fbs) of the cases.
constexpr int32_t kConv2d = 3, kDepthwiseConv2d = 4, kFullyConnected = 9;
constexpr uint8_t kConv2dOptions = 1, kDepthwiseConv2dOptions = 2, kFullyConnectedOptions = 8;
constexpr int32_t kSub = 41, kLogistic = 14, kSoftmax = 25, kTanh = 28, kMean = 40, kPrelu = 54,
                  kSquaredDifference = 99, kHardSwish = 117, kResizeBilinear = 23,
                  kResizeNearestNeighbor = 97, kPack = 83, kBatchMatMul = 126, kSvdf = 27,
                  kLstm = 44;
constexpr uint8_t kSvdfOptions = 6, kSubOptions = 28, kSoftmaxOptions = 9, kReducerOptions = 27, kResizeBilinearOptions = 15,
                  kResizeNearestNeighborOptions = 74, kPackOptions = 59, kBatchMatMulOptions = 101,
                  kLstmOptions = 71;

Tensor s8(const std::string& name, std::vector<int32_t> shape, float scale, int32_t zero_point,
          int32_t lo = -128, int32_t hi = 127) {
  Tensor t{name, qrt::kTfliteInt8, std::move(shape), {scale}, {zero_point}, {}, lo, hi};
  return t;
}

// A constant int8 tensor of uniform values in [lo, hi] (seeded by its name).
Tensor s8_constant(const std::string& name, std::vector<int32_t> shape, float scale,
                   int32_t zero_point, int32_t lo, int32_t hi) {
  Tensor t = s8(name, std::move(shape), scale, zero_point, lo, hi);
  uint32_t seed = seed_of(name);
  t.data = random_values(t, &seed);
  return t;
}

// A float32 tensor (graph inputs: multiples of 1/64 in [lo / 64, hi / 64]).
Tensor f32(const std::string& name, std::vector<int32_t> shape, int32_t lo = -512, int32_t hi = 512) {
  Tensor t{name, qrt::kTfliteFloat32, std::move(shape), {}, {}, {}, lo, hi};
  return t;
}

// A constant int32 tensor.
Tensor int32_constant(const std::string& name, const std::vector<int32_t>& values) {
  Tensor t{name, qrt::kTfliteInt32, {static_cast<int32_t>(values.size())}, {}, {}, {}, 0, 0};
  t.data.resize(values.size() * 4);
  std::memcpy(t.data.data(), values.data(), t.data.size());
  return t;
}

Tensor s16(const std::string& name, std::vector<int32_t> shape, float scale, int32_t lo = -32768,
           int32_t hi = 32767) {
  Tensor t{name, qrt::kTfliteInt16, std::move(shape), {scale}, {0}, {}, lo, hi};
  return t;
}

// LOGISTIC / TANH int16: power-of-two input scales (TFLite's shift-only path, for TANH both of
// its shifts) and general scales (the multiplier path), over the whole int16 range.
void add_logistic_tanh(std::vector<OpCase>* cases) {
  const float kOut = 1.0f / 32768;
  const struct { const char* tag; float scale; } scales[] = {
      {"pot12", 1.0f / 4096}, {"pot11", 1.0f / 2048}, {"s3e-4", 3e-4f}, {"s1e-3", 0.00123f},
      {"s7e-5", 7.1e-5f}};
  for (const auto& s : scales) {
    for (int32_t op : {kLogistic, kTanh}) {
      const std::string name = std::string(op == kLogistic ? "logistic" : "tanh") + "_s16_" + s.tag;
      cases->push_back(one_op(name, op, 0, nullptr, {s16("x", {1, 300}, s.scale), s16("y", {1, 300}, kOut)},
                              {0}, {1}));
    }
  }
}

// SOFTMAX int16: two input scales and betas, rows of 1 to 40, values spread so that some rows
// saturate the exp table's 10-unit range and some do not.
void add_softmax(std::vector<OpCase>* cases) {
  const struct { const char* tag; float scale, beta; std::vector<int32_t> shape; int32_t lo, hi; } cs[] = {
      {"a", 0.001f, 1.0f, {4, 10}, -8000, 8000},
      {"b", 0.0005f, 0.5f, {1, 3, 40}, -32768, 32767},
      {"c", 0.0003f, 2.0f, {3, 7}, -3000, 3000},
      {"d", 0.002f, 1.0f, {5, 1}, -32768, 32767}};
  for (const auto& c : cs) {
    fbtest::NodePtr o = fbtest::table();
    o->scalar<float>(0, c.beta);
    cases->push_back(one_op(std::string("softmax_s16_") + c.tag, kSoftmax, kSoftmaxOptions, o,
                            {s16("x", c.shape, c.scale, c.lo, c.hi), s16("y", c.shape, 1.0f / 32768)},
                            {0}, {1}));
  }
}

// MEAN int16: spatial means (keep_dims), a channel mean without keep_dims, a full reduction and
// equal input / output scales (no shortcut in TFLM either).
void add_mean(std::vector<OpCase>* cases) {
  const struct { const char* tag; std::vector<int32_t> axes; bool keep; std::vector<int32_t> out; float out_scale; } cs[] = {
      {"hw", {1, 2}, true, {1, 1, 1, 6}, 0.0005f},
      {"c", {3}, false, {1, 4, 5}, 0.0011f},
      {"all", {0, 1, 2, 3}, true, {1, 1, 1, 1}, 0.0001f},
      {"w_same_scale", {2}, true, {1, 4, 1, 6}, 0.0007f}};
  for (const auto& c : cs) {
    fbtest::NodePtr o = fbtest::table();
    o->scalar<uint8_t>(0, c.keep ? 1 : 0);
    cases->push_back(one_op(std::string("mean_s16_") + c.tag, kMean, kReducerOptions, o,
                            {s16("x", {1, 4, 5, 6}, 0.0007f), int32_constant("axes", c.axes),
                             s16("y", c.out, c.out_scale)},
                            {0, 1}, {2}));
  }
}

// HARD_SWISH int8: input scales whose reluish exponent is positive (0.05, 0.1), zero and negative
// (0.005), output scales around and away from the input's.
void add_hard_swish(std::vector<OpCase>* cases) {
  const struct { const char* tag; float in_scale; int32_t in_zp; float out_scale; int32_t out_zp; } cs[] = {
      {"a", 0.05f, 3, 0.04f, -20}, {"b", 0.1f, -10, 0.07f, -100}, {"c", 0.005f, 0, 0.003f, -50},
      {"d", 0.0117f, 12, 0.0117f, -128}, {"e", 0.2f, -128, 0.9f, 5}};
  for (const auto& c : cs) {
    cases->push_back(one_op(std::string("hard_swish_s8_") + c.tag, kHardSwish, 0, nullptr,
                            {s8("x", {1, 8, 40}, c.in_scale, c.in_zp), s8("y", {1, 8, 40}, c.out_scale, c.out_zp)},
                            {0}, {1}));
  }
}

// PRELU int8: per-channel alpha broadcast over [1, 4, 5, 6], an alpha of the input's shape and
// a single alpha, alphas of both signs.
void add_prelu(std::vector<OpCase>* cases) {
  const struct { const char* tag; std::vector<int32_t> alpha_shape; float alpha_scale; int32_t alpha_zp; } cs[] = {
      {"channel", {1, 1, 1, 6}, 0.004f, 5}, {"full", {1, 4, 5, 6}, 0.01f, -3}, {"scalar", {1, 1, 1, 1}, 0.002f, 100}};
  for (const auto& c : cs) {
    cases->push_back(one_op(std::string("prelu_s8_") + c.tag, kPrelu, 0, nullptr,
                            {s8("x", {1, 4, 5, 6}, 0.03f, -7),
                             s8_constant(std::string("alpha_") + c.tag, c.alpha_shape, c.alpha_scale, c.alpha_zp, -128, 127),
                             s8("y", {1, 4, 5, 6}, 0.02f, 9)},
                            {0, 1}, {2}));
  }
}

// SQUARED_DIFFERENCE int8: equal shapes, a broadcast second input, input scales of both orders
// and output scales that need left and right output shifts.
void add_squared_difference(std::vector<OpCase>* cases) {
  const struct { const char* tag; std::vector<int32_t> shape2; float s1, s2, so; int32_t z1, z2, zo; } cs[] = {
      {"same", {1, 3, 4, 5}, 0.02f, 0.03f, 0.05f, 4, -9, -128},
      {"broadcast", {1, 1, 1, 5}, 0.05f, 0.01f, 0.4f, -20, 0, -100},
      {"small_out", {1, 3, 4, 5}, 0.01f, 0.01f, 0.0004f, 0, 0, -128}};
  for (const auto& c : cs) {
    cases->push_back(one_op(std::string("squared_difference_s8_") + c.tag, kSquaredDifference, 0, nullptr,
                            {s8("a", {1, 3, 4, 5}, c.s1, c.z1), s8("b", c.shape2, c.s2, c.z2),
                             s8("y", {1, 3, 4, 5}, c.so, c.zo)},
                            {0, 1}, {2}));
  }
}

// A constant INT4 tensor of uniform values in [-8, 7], packed as TFLite packs INT4 (densely over
// the whole tensor, low nibble first), with per-channel scales along `axis` (or one scale).
Tensor s4_constant(const std::string& name, std::vector<int32_t> shape, std::vector<float> scales,
                   int32_t axis) {
  Tensor t{name, qrt::kTfliteInt4, std::move(shape), std::move(scales), {}, {}, -8, 7};
  t.zero_points.assign(t.scales.size(), 0);
  t.quant_axis = axis;
  uint32_t seed = seed_of(name);
  const size_t n = count_of(t.shape);
  t.data.assign((n + 1) / 2, 0);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t nibble = static_cast<uint32_t>(static_cast<int32_t>(next(&seed) % 16) - 8) & 0xFu;
    t.data[i / 2] = static_cast<uint8_t>(t.data[i / 2] | (nibble << (i % 2 != 0 ? 4 : 0)));
  }
  return t;
}

// An int32 bias of values in [lo, hi], quantized at `scales` (TFLite's input scale x filter scale).
Tensor bias_constant(const std::string& name, int32_t count, std::vector<float> scales, int32_t lo,
                     int32_t hi) {
  Tensor t{name, qrt::kTfliteInt32, {count}, std::move(scales), {}, {}, lo, hi};
  t.zero_points.assign(t.scales.size(), 0);
  uint32_t seed = seed_of(name);
  t.data = random_values(t, &seed);
  return t;
}

std::vector<float> times(const std::vector<float>& scales, float factor) {
  std::vector<float> out;
  for (float s : scales) out.push_back(s * factor);
  return out;
}

// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with INT4 weights (TFLite's int4 filters, which
// TFLM unpacks to int8): odd innermost dimensions (qrt pads each row to a byte; TFLite packs
// across rows), per-channel and per-tensor scales, strides, SAME / VALID, depth multiplier,
// dilation and fused activations.
void add_int4_weights(std::vector<OpCase>* cases) {
  const float in_scale = 0.05f;
  {  // 3x3 stride 2 SAME, in_c 5 (odd rows), per-channel, RELU
    const std::vector<float> ws = {0.02f, 0.035f, 0.011f, 0.05f};
    fbtest::NodePtr o = fbtest::table();
    o->scalar<int8_t>(0, 0)->scalar<int32_t>(1, 2)->scalar<int32_t>(2, 2)->scalar<int8_t>(3, 1);
    cases->push_back(one_op("conv_s8w4_3x3_s2_same", kConv2d, kConv2dOptions, o,
                            {s8("x", {1, 7, 6, 5}, in_scale, -3), s4_constant("w_a", {4, 3, 3, 5}, ws, 0),
                             bias_constant("b_a", 4, times(ws, in_scale), -300, 300),
                             s8("y", {1, 4, 3, 4}, 0.09f, -20)},
                            {0, 1, 2}, {3}));
  }
  {  // 1x1 VALID, per-tensor, no bias, dilation on a 2x3 kernel
    fbtest::NodePtr o = fbtest::table();
    o->scalar<int8_t>(0, 1)->scalar<int32_t>(1, 1)->scalar<int32_t>(2, 1)->scalar<int8_t>(3, 0)
        ->scalar<int32_t>(4, 2)->scalar<int32_t>(5, 1);
    cases->push_back(one_op("conv_s8w4_2x3_dilated_pt", kConv2d, kConv2dOptions, o,
                            {s8("x", {1, 5, 8, 8}, in_scale, 10), s4_constant("w_b", {6, 2, 3, 8}, {0.03f}, 0),
                             s8("y", {1, 4, 4, 6}, 0.2f, 3)},
                            {0, 1, -1}, {2}));
  }
  {  // depthwise 3x3 depth multiplier 2 (out_c 6), SAME, RELU6, per-channel along axis 3
    const std::vector<float> ws = {0.02f, 0.03f, 0.04f, 0.015f, 0.025f, 0.05f};
    fbtest::NodePtr o = fbtest::table();
    o->scalar<int8_t>(0, 0)->scalar<int32_t>(1, 1)->scalar<int32_t>(2, 1)->scalar<int32_t>(3, 2)
        ->scalar<int8_t>(4, 3);
    cases->push_back(one_op("depthwise_s8w4_dm2_same", kDepthwiseConv2d, kDepthwiseConv2dOptions, o,
                            {s8("x", {1, 6, 6, 3}, in_scale, -1), s4_constant("w_c", {1, 3, 3, 6}, ws, 3),
                             bias_constant("b_c", 6, times(ws, in_scale), -100, 100),
                             s8("y", {1, 6, 6, 6}, 0.04f, -128)},
                            {0, 1, 2}, {3}));
  }
  {  // depthwise 3x3 out_c 5 (odd rows), stride 2 VALID, per-channel
    const std::vector<float> ws = {0.02f, 0.03f, 0.04f, 0.015f, 0.025f};
    fbtest::NodePtr o = fbtest::table();
    o->scalar<int8_t>(0, 1)->scalar<int32_t>(1, 2)->scalar<int32_t>(2, 2)->scalar<int32_t>(3, 1);
    cases->push_back(one_op("depthwise_s8w4_odd_valid", kDepthwiseConv2d, kDepthwiseConv2dOptions, o,
                            {s8("x", {1, 9, 7, 5}, in_scale, 4), s4_constant("w_d", {1, 3, 3, 5}, ws, 3),
                             bias_constant("b_d", 5, times(ws, in_scale), -100, 100),
                             s8("y", {1, 4, 3, 5}, 0.05f, 2)},
                            {0, 1, 2}, {3}));
  }
  {  // fully connected, depth 11 (odd rows), per-tensor, batch 3
    fbtest::NodePtr o = fbtest::table();
    o->scalar<int8_t>(0, 0);
    cases->push_back(one_op("fc_s8w4_pt", kFullyConnected, kFullyConnectedOptions, o,
                            {s8("x", {3, 11}, in_scale, -5), s4_constant("w_e", {7, 11}, {0.04f}, 0),
                             bias_constant("b_e", 7, {0.04f * in_scale}, -200, 200), s8("y", {3, 7}, 0.1f, 6)},
                            {0, 1, 2}, {3}));
  }
  {  // fully connected, depth 40, RELU (TFLM has no per-channel INT4 FULLY_CONNECTED; qrt's
     // per-channel form is checked against the int8 reference in tests/ops)
    fbtest::NodePtr o = fbtest::table();
    o->scalar<int8_t>(0, 1);
    cases->push_back(one_op("fc_s8w4_relu", kFullyConnected, kFullyConnectedOptions, o,
                            {s8("x", {2, 40}, in_scale, 7), s4_constant("w_f", {9, 40}, {0.013f}, 0),
                             bias_constant("b_f", 9, {0.013f * in_scale}, -500, 500), s8("y", {2, 9}, 0.12f, -30)},
                            {0, 1, 2}, {3}));
  }
}

// The float32 twins of HARD_SWISH, PRELU, SQUARED_DIFFERENCE and SUB, end to end through the
// importer.
void add_float_twins(std::vector<OpCase>* cases) {
  const std::vector<int32_t> shape = {1, 4, 5, 6};
  cases->push_back(one_op("hard_swish_f32", kHardSwish, 0, nullptr, {f32("x", shape), f32("y", shape)}, {0}, {1}));
  Tensor alpha = f32("alpha", {1, 1, 1, 6});
  uint32_t seed = seed_of("alpha");
  alpha.data = random_values(alpha, &seed);
  cases->push_back(one_op("prelu_f32", kPrelu, 0, nullptr, {f32("x", shape), alpha, f32("y", shape)}, {0, 1}, {2}));
  cases->push_back(one_op("squared_difference_f32", kSquaredDifference, 0, nullptr,
                          {f32("a", shape), f32("b", {1, 1, 5, 1}), f32("y", shape)}, {0, 1}, {2}));
  fbtest::NodePtr relu6 = fbtest::table();
  relu6->scalar<int8_t>(0, 3);  // SubOptions.fused_activation_function = RELU6
  cases->push_back(one_op("sub_f32_relu6", kSub, kSubOptions, relu6,
                          {f32("a", shape), f32("b", {1, 4, 1, 6}), f32("y", shape)}, {0, 1}, {2}));
}

// RESIZE_NEAREST_NEIGHBOR (int8, int16, float32) and RESIZE_BILINEAR (int8, float32): up- and
// downsampling by integer and non-integer ratios under each corner rule.
void add_resize(std::vector<OpCase>* cases) {
  const struct { const char* tag; int32_t h, w, oh, ow; bool align, half; } cs[] = {
      {"up2", 3, 4, 6, 8, false, false},   {"up_odd", 3, 5, 7, 11, false, false},
      {"align", 3, 5, 7, 11, true, false}, {"half", 4, 3, 9, 7, false, true},
      {"down", 7, 9, 3, 4, false, false},  {"down_half", 8, 6, 3, 5, false, true}};
  for (const auto& c : cs) {
    for (int kind = 0; kind < 5; ++kind) {
      const bool bilinear = kind >= 3;
      const std::string op = bilinear ? "resize_bilinear" : "resize_nearest";
      const char* type = kind == 1 ? "_s16_" : (kind == 2 || kind == 4) ? "_f32_" : "_s8_";
      const std::vector<int32_t> in_shape = {1, c.h, c.w, 3}, out_shape = {1, c.oh, c.ow, 3};
      Tensor x = kind == 1 ? s16("x", in_shape, 0.01f) : (kind == 2 || kind == 4) ? f32("x", in_shape) : s8("x", in_shape, 0.05f, -4);
      Tensor y = x;
      y.name = "y";
      y.shape = out_shape;
      fbtest::NodePtr o = fbtest::table();
      o->scalar<uint8_t>(bilinear ? 2 : 0, c.align ? 1 : 0)->scalar<uint8_t>(bilinear ? 3 : 1, c.half ? 1 : 0);
      cases->push_back(one_op(op + type + c.tag, bilinear ? kResizeBilinear : kResizeNearestNeighbor,
                              bilinear ? kResizeBilinearOptions : kResizeNearestNeighborOptions, o,
                              {x, int32_constant("size", {c.oh, c.ow}), y}, {0, 1}, {2}));
    }
  }
}

// PACK of three [2, 3, 4] inputs on the first, a middle and the last (negative) axis, int8, int16
// and float32.
void add_pack(std::vector<OpCase>* cases) {
  const struct { const char* tag; int32_t axis; std::vector<int32_t> out; } cs[] = {
      {"axis0", 0, {3, 2, 3, 4}}, {"axis2", 2, {2, 3, 3, 4}}, {"last", -1, {2, 3, 4, 3}}};
  for (const auto& c : cs) {
    for (const char* type : {"s8", "s16", "f32"}) {
      const auto make = [&](const std::string& name, const std::vector<int32_t>& shape) {
        const std::string t = type;
        return t == "s8" ? s8(name, shape, 0.1f, 3) : t == "s16" ? s16(name, shape, 0.001f) : f32(name, shape);
      };
      fbtest::NodePtr o = fbtest::table();
      o->scalar<int32_t>(0, 3)->scalar<int32_t>(1, c.axis);
      cases->push_back(one_op(std::string("pack_") + type + "_" + c.tag, kPack, kPackOptions, o,
                              {make("a", {2, 3, 4}), make("b", {2, 3, 4}), make("c", {2, 3, 4}), make("y", c.out)},
                              {0, 1, 2}, {3}));
    }
  }
}

// BATCH_MATMUL: both operands computed, a constant rhs (weights), broadcast batch dims and each
// adj flag, int8 and float32.
void add_batch_matmul(std::vector<OpCase>* cases) {
  const struct { const char* tag; std::vector<int32_t> lhs, rhs, out; bool adj_x, adj_y, constant_rhs; } cs[] = {
      {"plain", {2, 3, 5}, {2, 5, 4}, {2, 3, 4}, false, false, false},
      {"adj_x", {2, 5, 3}, {2, 5, 4}, {2, 3, 4}, true, false, false},
      {"adj_y", {2, 3, 5}, {2, 4, 5}, {2, 3, 4}, false, true, false},
      {"broadcast", {2, 1, 3, 6}, {1, 3, 6, 2}, {2, 3, 3, 2}, false, false, false},
      {"weights", {1, 4, 7}, {7, 3}, {1, 4, 3}, false, false, true}};
  for (const auto& c : cs) {
    for (const bool is_float : {false, true}) {
      fbtest::NodePtr o = fbtest::table();
      o->scalar<uint8_t>(0, c.adj_x ? 1 : 0)->scalar<uint8_t>(1, c.adj_y ? 1 : 0);
      Tensor lhs = is_float ? f32("lhs", c.lhs) : s8("lhs", c.lhs, 0.05f, -6);
      Tensor rhs = is_float ? f32("rhs", c.rhs) : s8("rhs", c.rhs, 0.02f, 3);
      if (c.constant_rhs) {
        uint32_t seed = seed_of(std::string("rhs_") + c.tag);
        rhs.data = random_values(rhs, &seed);
      }
      Tensor y = is_float ? f32("y", c.out) : s8("y", c.out, 0.09f, 11);
      cases->push_back(one_op(std::string("batch_matmul_") + (is_float ? "f32_" : "s8_") + c.tag, kBatchMatMul,
                              kBatchMatMulOptions, o, {lhs, rhs, y}, {0, 1}, {2}));
    }
  }
}

// A constant int32 bias of values in [lo, hi] (seeded by its name).
Tensor int32_random_constant(const std::string& name, int32_t count, float scale, int32_t lo, int32_t hi) {
  Tensor t{name, qrt::kTfliteInt32, {count}, {scale}, {0}, {}, lo, hi};
  uint32_t seed = seed_of(name);
  t.data = random_values(t, &seed);
  return t;
}

// SVDF int8 with an int16 state (TFLM's keyword-spotting form) and with an int8 state of zero
// point 0, rank 1 and 2; each run for 1 and for 5 invokes, so the golden covers the state's
// shift over time. (TFLM's integer SVDF needs a bias: it reads the bias scale unconditionally.)
void add_svdf(std::vector<OpCase>* cases) {
  const struct { const char* tag; bool s16; int32_t rank; float out_scale; } cs[] = {
      {"s16_rank1", true, 1, 0.2f}, {"s16_rank2", true, 2, 0.5f}, {"s8_rank1", false, 1, 0.4f}};
  const int32_t batch = 2, input = 12, units = 4, memory = 5;
  for (const auto& c : cs) {
    for (int invokes : {1, 5}) {
      const int32_t filters = units * c.rank;
      const float state_scale = c.s16 ? 0.0005f : 0.06f, wt_scale = c.s16 ? 0.0001f : 0.01f;
      Tensor state = c.s16 ? s16("state", {batch, filters * memory}, state_scale)
                           : s8("state", {batch, filters * memory}, state_scale, 0);
      state.variable = true;
      Tensor wt = c.s16 ? s16("weights_time", {filters, memory}, wt_scale, -20000, 20000)
                        : s8("weights_time", {filters, memory}, wt_scale, 0, -127, 127);
      uint32_t seed = seed_of(std::string("wt_") + c.tag);
      wt.data = random_values(wt, &seed);
      std::vector<Tensor> tensors = {
          s8("x", {batch, input}, 0.04f, -5),
          s8_constant(std::string("wf_") + c.tag, {filters, input}, 0.008f, 0, -127, 127), wt,
          int32_random_constant(std::string("bias_") + c.tag, units, state_scale * wt_scale, -3000, 3000),
          state, s8("y", {batch, units}, c.out_scale, 2)};
      fbtest::NodePtr o = fbtest::table();
      o->scalar<int32_t>(0, c.rank);
      OpCase k = one_op(std::string("svdf_") + c.tag + "_x" + std::to_string(invokes), kSvdf, kSvdfOptions, o,
                        tensors, {0, 1, 2, 3, 4}, {5});
      k.invokes = invokes;
      cases->push_back(k);
    }
  }
}

// A constant tensor of `type` with values in [lo, hi] (seeded by its name; float32: v / 64).
Tensor random_constant(const std::string& name, int8_t type, std::vector<int32_t> shape,
                       std::vector<float> scales, int32_t lo, int32_t hi) {
  Tensor t{name, type, std::move(shape), std::move(scales), {}, {}, lo, hi};
  if (!t.scales.empty()) t.zero_points.assign(t.scales.size(), 0);
  uint32_t seed = seed_of(name);
  t.data = random_values(t, &seed);
  return t;
}

// UNIDIRECTIONAL_SEQUENCE_LSTM (TFLM's 24-input form, no peephole / projection / layer norm):
// int8 batch-major with an asymmetric hidden state and a cell scale of 2^-11 (tanh's left-shift
// rescale), int8 time-major with a cell clip and a cell scale of 2^-14 (its right-shift rescale),
// 16x8 with int64 biases, and float32; each after 1 and 3 invokes (the states carry over).
void add_lstm(std::vector<OpCase>* cases) {
  enum Kind { kS8, kS8TimeMajor, kS16, kF32 };
  const struct { const char* tag; Kind kind; } cs[] = {
      {"s8", kS8}, {"s8_time_major_clip", kS8TimeMajor}, {"s16", kS16}, {"f32", kF32}};
  const int32_t batch = 2, time = 3, input = 5, cell = 4;
  for (const auto& c : cs) {
    for (int invokes : {1, 3}) {
      const bool time_major = c.kind == kS8TimeMajor;
      const std::vector<int32_t> in_shape = time_major ? std::vector<int32_t>{time, batch, input}
                                                       : std::vector<int32_t>{batch, time, input};
      const std::vector<int32_t> out_shape = {in_shape[0], in_shape[1], cell};
      const std::string tag = std::string("lstm_") + c.tag;
      std::vector<Tensor> t;
      const float in_scale = c.kind == kS16 ? 1.0e-4f : 0.05f;
      const float hidden_scale = c.kind == kS16 ? 1.0f / 32768 : 1.0f / 128;
      const float cell_scale = time_major ? 1.0f / 16384 : 1.0f / 2048;
      if (c.kind == kF32) {
        t.push_back(f32("x", in_shape, -64, 64));
      } else if (c.kind == kS16) {
        t.push_back(s16("x", in_shape, in_scale, -20000, 20000));
      } else {
        t.push_back(s8("x", in_shape, in_scale, -3));
      }
      const float w_scales[8] = {0.011f, 0.02f, 0.017f, 0.009f, 0.013f, 0.021f, 0.008f, 0.015f};
      for (int k = 0; k < 8; ++k) {
        const std::vector<int32_t> shape = {cell, k < 4 ? input : cell};
        const std::string name = tag + "_w" + std::to_string(k);
        t.push_back(c.kind == kF32 ? random_constant(name, qrt::kTfliteFloat32, shape, {}, -32, 32)
                                   : random_constant(name, qrt::kTfliteInt8, shape, {w_scales[k]}, -127, 127));
      }
      for (int k = 0; k < 4; ++k) {
        const std::string name = tag + "_b" + std::to_string(k);
        if (c.kind == kF32) {
          t.push_back(random_constant(name, qrt::kTfliteFloat32, {cell}, {}, -16, 16));
        } else {
          const bool wide = c.kind == kS16;
          t.push_back(random_constant(name, wide ? qrt::kTfliteInt64 : qrt::kTfliteInt32, {cell},
                                      {in_scale * w_scales[k]}, wide ? -400000 : -2000, wide ? 400000 : 2000));
        }
      }
      Tensor hidden = c.kind == kF32 ? f32("hidden", {batch, cell})
                      : c.kind == kS16 ? s16("hidden", {batch, cell}, hidden_scale)
                                       : s8("hidden", {batch, cell}, hidden_scale, 5);
      Tensor cell_state = c.kind == kF32 ? f32("cell", {batch, cell}) : s16("cell", {batch, cell}, cell_scale);
      hidden.variable = cell_state.variable = true;
      t.push_back(hidden);
      t.push_back(cell_state);
      Tensor y = hidden;
      y.name = "y";
      y.shape = out_shape;
      y.variable = false;
      t.push_back(y);
      // Inputs 0-8 and 12-15 are tensors 0-12, the states 18-19 tensors 13-14.
      std::vector<int32_t> inputs(24, -1);
      for (int k = 0; k <= 8; ++k) inputs[static_cast<size_t>(k)] = k;
      for (int k = 12; k <= 15; ++k) inputs[static_cast<size_t>(k)] = k - 3;
      inputs[18] = 13;
      inputs[19] = 14;
      fbtest::NodePtr o = fbtest::table();
      o->scalar<int8_t>(0, 4)->scalar<uint8_t>(3, time_major ? 1 : 0);  // TANH cell gate
      if (time_major) o->scalar<float>(1, 1.5f);
      OpCase k = one_op(tag + "_x" + std::to_string(invokes), kLstm, kLstmOptions, o, t, inputs, {15});
      k.invokes = invokes;
      // qrt's float exp and tanh (ops/include/qrt/ops/math_f32.h) are its own, within 2 ulp.
      if (c.kind == kF32) k.tolerance = 1e-5;
      cases->push_back(k);
    }
  }
}

// SVDF float32: rank 1 with RELU, rank 2 without activation and rank 1 with TANH (qrt's own tanh:
// within 1e-5), each after 1 and 5 invokes.
void add_svdf_f32(std::vector<OpCase>* cases) {
  const struct { const char* tag; int32_t rank; int8_t activation; } cs[] = {
      {"rank1_relu", 1, 1}, {"rank2", 2, 0}, {"rank1_tanh", 1, 4}};
  const int32_t batch = 2, input = 12, units = 4, memory = 5;
  for (const auto& c : cs) {
    for (int invokes : {1, 5}) {
      const int32_t filters = units * c.rank;
      const std::string tag = std::string("svdf_f32_") + c.tag;
      Tensor state = f32("state", {batch, filters * memory});
      state.variable = true;
      std::vector<Tensor> tensors = {
          f32("x", {batch, input}, -64, 64),
          random_constant(tag + "_wf", qrt::kTfliteFloat32, {filters, input}, {}, -32, 32),
          random_constant(tag + "_wt", qrt::kTfliteFloat32, {filters, memory}, {}, -32, 32),
          random_constant(tag + "_bias", qrt::kTfliteFloat32, {units}, {}, -16, 16), state, f32("y", {batch, units})};
      fbtest::NodePtr o = fbtest::table();
      o->scalar<int32_t>(0, c.rank)->scalar<int8_t>(1, c.activation);
      OpCase k = one_op(tag + "_x" + std::to_string(invokes), kSvdf, kSvdfOptions, o, tensors, {0, 1, 2, 3, 4}, {5});
      k.invokes = invokes;
      if (c.activation == 4) k.tolerance = 1e-5;
      cases->push_back(k);
    }
  }
}

}  // namespace

std::vector<OpCase> tflm_op_cases() {
  std::vector<OpCase> cases;
  add_logistic_tanh(&cases);
  add_softmax(&cases);
  add_mean(&cases);
  add_hard_swish(&cases);
  add_prelu(&cases);
  add_squared_difference(&cases);
  add_float_twins(&cases);
  add_resize(&cases);
  add_pack(&cases);
  add_batch_matmul(&cases);
  add_svdf(&cases);
  add_svdf_f32(&cases);
  add_lstm(&cases);
  add_int4_weights(&cases);
  return cases;
}

OpCaseGoldens read_op_case_goldens(const std::string& path) {
  OpCaseGoldens goldens;
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream in(line);
    std::string name, hex;
    int index = -1;
    if (line.empty() || line[0] == '#' || !(in >> name >> index >> hex) || hex.size() % 2 != 0) continue;
    std::vector<uint8_t>& bytes = goldens[name][index];
    for (size_t i = 0; i < hex.size(); i += 2) {
      bytes.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
  }
  return goldens;
}

}  // namespace golden
