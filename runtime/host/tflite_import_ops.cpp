// TFLite -> .qrt, one importer per operator: maps inputs/outputs and builds the parameter block
// with quant/host/tflite_params.h (what TFLM's Prepare computes) for int8 operators, or the float
// clamps for float32 operators. The importers are found by TFLite builtin through kImporters,
// generated from op_list.def: adding an operator with a TFLite builtin means adding its
// import_op<kOp...> here (a missing one is a link error).
#include <cfloat>
#include <cstring>
#include <string>

#include "qrt/ops/op_codes.h"
#include "qrt/ops/params.h"
#include "tflite_import_internal.h"
#include "tflite_params.h"

namespace qrt {
namespace host {
namespace {

// TFLite's CalculateActivationRange for float kernels.
void float_activation(int32_t activation, float* lo, float* hi) {
  *lo = -FLT_MAX;
  *hi = FLT_MAX;
  if (activation == kTfliteActRelu) *lo = 0.0f;
  if (activation == kTfliteActRelu6) {
    *lo = 0.0f;
    *hi = 6.0f;
  }
  if (activation == kTfliteActReluN1To1) {
    *lo = -1.0f;
    *hi = 1.0f;
  }
}

// The shape right-aligned into 4-D ([a, b] -> {1, 1, a, b}); false for a rank above 4 (found by
// fuzzing: a rank-5 tensor wrote before the array).
bool to_shape4(const std::vector<int32_t>& shape, Shape4* out) {
  const size_t rank = shape.size();
  if (rank > 4) return false;
  int32_t d[4] = {1, 1, 1, 1};
  for (size_t i = 0; i < rank; ++i) d[4 - rank + i] = shape[i];
  *out = Shape4{d[0], d[1], d[2], d[3]};
  return true;
}

float scale_of(const TfliteTensor& t) { return t.scales.empty() ? 0.0f : t.scales[0]; }
int32_t zero_point_of(const TfliteTensor& t) {
  return t.zero_points.empty() ? 0 : static_cast<int32_t>(t.zero_points[0]);
}

// Operators that move or blend raw values (GATHER, TRANSPOSE, STRIDED_SLICE, RESIZE_*) keep the
// input's quantization; a different output one is refused.
bool output_quantized_as_input(OpImport& c) {
  if (!c.is_float && (scale_of(c.x) != scale_of(c.y) || zero_point_of(c.x) != zero_point_of(c.y))) {
    return c.fail("an output quantization different from the input's is not supported");
  }
  return true;
}

std::vector<int32_t> concat(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  std::vector<int32_t> out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// TFLM's 16x8 CONV_2D and FULLY_CONNECTED accumulate in int64 with an int64 bias (TFLite's
// default) but in int32 with an int32 bias, or with no bias and quantized_bias_type INT32; its
// DEPTHWISE_CONV_2D and TRANSPOSE_CONV read any bias as int64. Only the int64 form is imported
// (the importer narrows the int64 bias to int32 when it fits: the kernels' sums are the same).
bool int64_accumulator_form(OpImport& c, int32_t bias, int32_t quantized_bias_type) {
  const bool int32_bias = bias >= 0 ? c.tensor(bias).type == kTfliteInt32
                                    : quantized_bias_type == kTfliteInt32;
  if (int32_bias) {
    return c.fail("int16 activations with an int32 bias (TFLite's int32-accumulator form) are not supported");
  }
  return true;
}

// Shared by CONV_2D and DEPTHWISE_CONV_2D.
bool import_conv(OpImport& c, bool depthwise) {
  const TfliteOperator& op = c.op;
  if (c.in(1) < 0) return c.fail("missing filter");
  const TfliteTensor& f = c.tensor(c.in(1));
  ConvParams p{};
  std::vector<int32_t> mults, shifts;
  const int32_t padding =
      depthwise ? op.options.depthwise_conv_2d.padding : op.options.conv_2d.padding;
  const int32_t activation =
      depthwise ? op.options.depthwise_conv_2d.activation : op.options.conv_2d.activation;
  TfliteConvSpec s{};
  if (!to_shape4(c.x.shape, &s.input) || !to_shape4(f.shape, &s.filter) ||
      !to_shape4(c.y.shape, &s.output)) {
    return c.fail("input, filter and output must have rank 4 or less");
  }
  s.padding = padding;
  s.stride_h = depthwise ? op.options.depthwise_conv_2d.stride_h : op.options.conv_2d.stride_h;
  s.stride_w = depthwise ? op.options.depthwise_conv_2d.stride_w : op.options.conv_2d.stride_w;
  s.dilation_h =
      depthwise ? op.options.depthwise_conv_2d.dilation_h : op.options.conv_2d.dilation_h;
  s.dilation_w =
      depthwise ? op.options.depthwise_conv_2d.dilation_w : op.options.conv_2d.dilation_w;
  s.depth_multiplier = depthwise ? op.options.depthwise_conv_2d.depth_multiplier : 1;
  s.activation = activation;
  c.spec.op_code = depthwise ? kOpDepthwiseConv2d : kOpConv2d;
  if (c.is_float) {
    TflitePadding1d ph, pw;
    if (!tflite_padding_1d(padding, s.stride_h, s.dilation_h, s.input.h, s.filter.h, &ph, &c.why) ||
        !tflite_padding_1d(padding, s.stride_w, s.dilation_w, s.input.w, s.filter.w, &pw, &c.why)) {
      return c.failed();
    }
    p.stride_h = s.stride_h;
    p.stride_w = s.stride_w;
    p.dilation_h = s.dilation_h;
    p.dilation_w = s.dilation_w;
    p.pad_top = ph.pad_before;
    p.pad_left = pw.pad_before;
    p.depth_multiplier = depthwise ? s.filter.c / (s.input.c > 0 ? s.input.c : 1) : 1;
    float_activation(activation, &p.float_act_min, &p.float_act_max);
    if (!c.map(c.in(0)) || !c.map_float_constant(c.in(1)) || !c.map(c.in(2))) return c.failed();
    c.spec.params = params_bytes(p);
    return c.finish();
  }
  s.input_scale = scale_of(c.x);
  s.input_zero_point = zero_point_of(c.x);
  s.filter_scales = f.scales.data();
  s.filter_scale_count = static_cast<int32_t>(f.scales.size());
  s.output_scale = scale_of(c.y);
  s.output_zero_point = zero_point_of(c.y);
  s.bits = c.x.type == kTfliteInt16 ? 16 : 8;
  if (s.bits == 16 &&
      !int64_accumulator_form(c, c.in(2), depthwise ? -1 : op.options.conv_2d.quantized_bias_type)) {
    return false;
  }
  if (!tflite_conv_params(s, depthwise, &p, &mults, &shifts, &c.why)) return c.failed();
  if (!c.map(c.in(0)) || !c.map(c.in(1)) || !c.map(c.in(2))) return c.failed();
  c.spec.params = params_bytes(p, concat(mults, shifts));
  return c.finish();
}

// Shared by AVERAGE_POOL_2D and MAX_POOL_2D.
bool import_pool(OpImport& c, uint32_t op_code) {
  const TflitePool2dOptions& o = c.op.options.pool_2d;
  Shape4 xs;
  if (!to_shape4(c.x.shape, &xs)) return c.fail("the input must have rank 4 or less");
  PoolParams p{};
  int32_t out_h = 0, out_w = 0;
  // For float the quantization arguments are unused; a unit scale keeps the helper happy.
  if (!tflite_pool_params(o.padding, o.stride_h, o.stride_w, o.filter_h, o.filter_w, xs.h, xs.w,
                          c.is_float ? kTfliteActNone : o.activation,
                          c.is_float ? 1.0f : scale_of(c.y), zero_point_of(c.y), &p, &out_h, &out_w,
                          &c.why, c.x.type == kTfliteInt16 ? 16 : 8)) {
    return c.failed();
  }
  if (c.is_float) float_activation(o.activation, &p.float_act_min, &p.float_act_max);
  c.spec.op_code = op_code;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

// Shared by ADD and MUL: `make_params` is tflite_add_params or tflite_mul_params.
template <typename Params, typename MakeParams>
bool import_binary(OpImport& c, uint32_t op_code, int32_t activation, MakeParams make_params) {
  if (c.in(1) < 0) return c.fail("missing second input");
  const TfliteTensor& x2 = c.tensor(c.in(1));
  c.spec.op_code = op_code;
  Params p{};
  if (!c.is_float &&
      !make_params(scale_of(c.x), zero_point_of(c.x), scale_of(x2), zero_point_of(x2),
                   scale_of(c.y), zero_point_of(c.y), activation, &p, &c.why)) {
    return c.failed();
  }
  if (c.is_float) float_activation(activation, &p.float_act_min, &p.float_act_max);
  c.spec.params = params_bytes(p);
  if (!c.map(c.in(0)) || !c.map(c.in(1))) return c.failed();
  return c.finish();
}

// An elementwise operator of one input: the int8 parameters come from `int8_params` (called
// only for int8; float32 needs none).
template <typename MakeParams>
bool import_unary(OpImport& c, uint32_t op_code, MakeParams int8_params) {
  c.spec.op_code = op_code;
  if (!c.is_float) {
    if (!int8_params()) return c.failed();
  }
  if (!c.map(c.in(0))) return c.failed();
  return c.finish();
}

// The values of input k, which must be a constant int32 tensor (`what` names it in the error).
bool constant_int32_input(OpImport& c, size_t k, const char* what, std::vector<int32_t>* values) {
  const int32_t t = c.in(k);
  if (t < 0 || c.tensor(t).data == nullptr || c.tensor(t).type != kTfliteInt32) {
    return c.fail(std::string(what) + " must be a constant int32 tensor");
  }
  values->resize(c.tensor(t).element_count);
  std::memcpy(values->data(), c.tensor(t).data, values->size() * 4);
  return true;
}

template <uint32_t Code>
bool import_op(OpImport& c);

template <>
bool import_op<kOpConv2d>(OpImport& c) {
  return import_conv(c, false);
}

template <>
bool import_op<kOpDepthwiseConv2d>(OpImport& c) {
  return import_conv(c, true);
}

template <>
bool import_op<kOpFullyConnected>(OpImport& c) {
  const TfliteFullyConnectedOptions& o = c.op.options.fully_connected;
  if (c.in(1) < 0) return c.fail("missing weights");
  if (o.weights_format != kTfliteWeightsDefault)
    return c.fail("shuffled weights are not supported");
  const TfliteTensor& w = c.tensor(c.in(1));
  if (w.shape.size() != 2) return c.fail("weights must be 2-D");
  FullyConnectedParams p{};
  c.spec.op_code = kOpFullyConnected;
  if (c.is_float) {
    float_activation(o.activation, &p.float_act_min, &p.float_act_max);
    if (!c.map(c.in(0)) || !c.map_float_constant(c.in(1)) || !c.map(c.in(2))) return c.failed();
    c.spec.params = params_bytes(p);
    return c.finish();
  }
  TfliteFullyConnectedSpec s{};
  s.activation = o.activation;
  s.input_scale = scale_of(c.x);
  s.input_zero_point = zero_point_of(c.x);
  s.filter_scales = w.scales.data();
  s.filter_scale_count = static_cast<int32_t>(w.scales.size());
  s.filter_zero_point = zero_point_of(w);
  s.output_scale = scale_of(c.y);
  s.output_zero_point = zero_point_of(c.y);
  s.has_bias = c.in(2) >= 0;
  s.bias_scale = s.has_bias ? scale_of(c.tensor(c.in(2))) : 0.0f;
  s.bits = c.x.type == kTfliteInt16 ? 16 : 8;
  if (s.bits == 16 && !int64_accumulator_form(c, c.in(2), o.quantized_bias_type)) return false;
  std::vector<int32_t> mults, shifts;
  if (!tflite_fully_connected_params(s, &p, &mults, &shifts, &c.why)) return c.failed();
  if (!c.map(c.in(0)) || !c.map(c.in(1)) || !c.map(c.in(2))) return c.failed();
  c.spec.params = params_bytes(p, concat(mults, shifts));
  return c.finish();
}

template <>
bool import_op<kOpAveragePool2d>(OpImport& c) {
  return import_pool(c, kOpAveragePool2d);
}

template <>
bool import_op<kOpMaxPool2d>(OpImport& c) {
  return import_pool(c, kOpMaxPool2d);
}

template <>
bool import_op<kOpAdd>(OpImport& c) {
  const int32_t bits = c.x.type == kTfliteInt16 ? 16 : 8;
  return import_binary<AddParams>(
      c, kOpAdd, c.op.options.add.activation,
      [bits](float s1, int32_t z1, float s2, int32_t z2, float so, int32_t zo, int32_t act,
             AddParams* p, std::string* why) {
        return tflite_add_params(s1, z1, s2, z2, so, zo, act, p, why, bits);
      });
}

template <>
bool import_op<kOpSub>(OpImport& c) {
  const int32_t bits = c.x.type == kTfliteInt16 ? 16 : 8;
  return import_binary<AddParams>(
      c, kOpSub, c.op.options.sub.activation,
      [bits](float s1, int32_t z1, float s2, int32_t z2, float so, int32_t zo, int32_t act,
             AddParams* p, std::string* why) {
        return tflite_sub_params(s1, z1, s2, z2, so, zo, act, p, why, bits);
      });
}

template <>
bool import_op<kOpMul>(OpImport& c) {
  const int32_t bits = c.x.type == kTfliteInt16 ? 16 : 8;
  return import_binary<MulParams>(
      c, kOpMul, c.op.options.mul.activation,
      [bits](float s1, int32_t z1, float s2, int32_t z2, float so, int32_t zo, int32_t act,
             MulParams* p, std::string* why) {
        return tflite_mul_params(s1, z1, s2, z2, so, zo, act, p, why, bits);
      });
}

template <>
bool import_op<kOpSoftmax>(OpImport& c) {
  SoftmaxParams p{};
  p.beta = c.op.options.softmax.beta;
  if (c.x.type == kTfliteInt16) {
    if (!tflite_softmax_s16_params(p.beta, scale_of(c.x), zero_point_of(c.x), scale_of(c.y),
                                   zero_point_of(c.y), &p, &c.why)) {
      return c.failed();
    }
  } else if (!c.is_float && !tflite_softmax_params(p.beta, scale_of(c.x), scale_of(c.y),
                                                   zero_point_of(c.y), &p, &c.why)) {
    return c.failed();
  }
  c.spec.op_code = kOpSoftmax;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpLogistic>(OpImport& c) {
  return import_unary(c, kOpLogistic, [&] {
    LogisticParams p{};
    if (c.x.type == kTfliteInt16) {
      if (!tflite_logistic_tanh_s16_params(false, scale_of(c.x), zero_point_of(c.x), scale_of(c.y),
                                           zero_point_of(c.y), &p, &c.why)) {
        return false;
      }
    } else if (!tflite_logistic_params(scale_of(c.x), zero_point_of(c.x), scale_of(c.y),
                                zero_point_of(c.y), &p, &c.why)) {
      return false;
    }
    c.spec.params = params_bytes(p);
    return true;
  });
}

template <>
bool import_op<kOpTanh>(OpImport& c) {
  return import_unary(c, kOpTanh, [&] {
    LogisticParams p{};
    if (c.x.type == kTfliteInt16) {
      if (!tflite_logistic_tanh_s16_params(true, scale_of(c.x), zero_point_of(c.x), scale_of(c.y),
                                           zero_point_of(c.y), &p, &c.why)) {
        return false;
      }
    } else if (!tflite_tanh_params(scale_of(c.x), zero_point_of(c.x), &p, &c.why)) {
      return false;
    }
    c.spec.params = params_bytes(p);
    return true;
  });
}

template <>
bool import_op<kOpRelu>(OpImport& c) {
  return import_unary(c, kOpRelu, [&] {
    ReluParams p{};
    if (!tflite_relu_params(scale_of(c.x), zero_point_of(c.x), scale_of(c.y), zero_point_of(c.y),
                            &p, &c.why)) {
      return false;
    }
    c.spec.params = params_bytes(p);
    return true;
  });
}

template <>
bool import_op<kOpRelu6>(OpImport& c) {
  return import_unary(c, kOpRelu6, [&] {
    ReluParams p{};
    if (!tflite_relu6_params(scale_of(c.x), zero_point_of(c.x), &p, &c.why)) return false;
    c.spec.params = params_bytes(p);
    return true;
  });
}

// RESHAPE and SQUEEZE: same bytes, new shape. The shape comes from the output tensor; the shape
// input is dropped.
template <>
bool import_op<kOpReshape>(OpImport& c) {
  c.spec.op_code = kOpReshape;
  if (!c.map(c.in(0))) return c.failed();
  return c.finish();
}

// A CONCATENATION along `axis` of every input of the operator (CONCATENATION, PACK), which must
// all share the output's quantization.
bool finish_concatenation(OpImport& c, int32_t axis) {
  for (size_t k = 0; k < c.op.inputs.size(); ++k) {
    const int32_t t = c.op.inputs[k];
    if (t < 0) return c.fail("input " + std::to_string(k) + " is absent");
    const TfliteTensor& xi = c.tensor(t);
    if (!c.is_float && (scale_of(xi) != scale_of(c.y) || zero_point_of(xi) != zero_point_of(c.y))) {
      return c.fail("inputs with a quantization different from the output's are not supported");
    }
    if (!c.map(t)) return c.failed();
  }
  ConcatenationParams p{};
  p.axis = axis;
  c.spec.op_code = kOpConcatenation;
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpConcatenation>(OpImport& c) {
  ConcatenationParams p{};
  p.axis = c.op.options.concatenation.axis;
  if (p.axis < 0) p.axis += static_cast<int32_t>(c.y.shape.size());
  if (c.op.options.concatenation.activation != kTfliteActNone) {
    return c.fail("a fused activation on CONCATENATION is not supported");
  }
  return finish_concatenation(c, p.axis);
}

template <>
bool import_op<kOpPad>(OpImport& c) {
  std::vector<int32_t> values;
  if (!constant_int32_input(c, 1, "paddings", &values)) return false;
  if (values.size() != 2 * c.x.shape.size()) {  // tflite_pad_params reads two per dimension
    return c.fail("paddings hold " + std::to_string(values.size()) + " values for an input of rank " +
                  std::to_string(c.x.shape.size()) + " (two per dimension expected)");
  }
  PadParams p{};
  if (!tflite_pad_params(values.data(), static_cast<int32_t>(c.x.shape.size()),
                         c.is_float ? 0 : zero_point_of(c.y), &p, &c.why)) {
    return c.failed();
  }
  p.float_pad_value = 0.0f;
  c.spec.op_code = kOpPad;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

// TRANSPOSE_CONV: TFLite's inputs are (output_shape, filter, data, bias); the blob keeps
// (data, filter, bias), the output shape being the output tensor's.
template <>
bool import_op<kOpTransposeConv>(OpImport& c) {
  if (c.in(1) < 0 || c.in(2) < 0) return c.fail("missing filter or data input");
  const TfliteTensor& x = c.tensor(c.in(2));
  const TfliteTensor& f = c.tensor(c.in(1));
  // TFLM never reads output_shape's values (the output tensor's shape rules); a constant one must
  // agree with it, a graph input (as in TFLM's SEANet tests) stays a graph input nobody reads.
  if (c.in(0) >= 0 && c.tensor(c.in(0)).data != nullptr) {
    std::vector<int32_t> output_shape;
    if (!constant_int32_input(c, 0, "output_shape", &output_shape)) return false;
    if (output_shape != c.y.shape) return c.fail("output_shape differs from the output tensor's shape");
  }
  const TfliteTransposeConvOptions& o = c.op.options.transpose_conv;
  TfliteConvSpec s{};
  if (x.shape.size() != 4 || f.shape.size() != 4 || c.y.shape.size() != 4 ||
      !to_shape4(x.shape, &s.input) || !to_shape4(f.shape, &s.filter) || !to_shape4(c.y.shape, &s.output)) {
    return c.fail("input, filter and output must have rank 4");
  }
  s.padding = o.padding;
  s.stride_h = o.stride_h;
  s.stride_w = o.stride_w;
  s.dilation_h = s.dilation_w = 1;
  s.activation = o.activation;
  ConvParams p{};
  std::vector<int32_t> mults, shifts;
  c.spec.op_code = kOpTransposeConv;
  if (x.type == kTfliteFloat32) {
    TflitePadding1d ph, pw;
    if (!tflite_padding_1d(o.padding, o.stride_h, 1, s.output.h, s.filter.h, &ph, &c.why) ||
        !tflite_padding_1d(o.padding, o.stride_w, 1, s.output.w, s.filter.w, &pw, &c.why)) {
      return c.failed();
    }
    p.stride_h = o.stride_h;
    p.stride_w = o.stride_w;
    p.dilation_h = p.dilation_w = 1;
    p.pad_top = ph.pad_before;
    p.pad_left = pw.pad_before;
    p.depth_multiplier = 1;
    float_activation(o.activation, &p.float_act_min, &p.float_act_max);
    if (!c.map(c.in(2)) || !c.map_float_constant(c.in(1)) || !c.map(c.in(3))) return c.failed();
    c.spec.params = params_bytes(p);
    return c.finish();
  }
  s.input_scale = scale_of(x);
  s.input_zero_point = zero_point_of(x);
  s.filter_scales = f.scales.data();
  s.filter_scale_count = static_cast<int32_t>(f.scales.size());
  s.output_scale = scale_of(c.y);
  s.output_zero_point = zero_point_of(c.y);
  s.bits = x.type == kTfliteInt16 ? 16 : 8;
  if (s.bits == 16 && !int64_accumulator_form(c, c.in(3), -1)) return false;
  if (!tflite_transpose_conv_params(s, &p, &mults, &shifts, &c.why)) return c.failed();
  if (!c.map(c.in(2)) || !c.map(c.in(1)) || !c.map(c.in(3))) return c.failed();
  c.spec.params = params_bytes(p, concat(mults, shifts));
  return c.finish();
}

// MAXIMUM and MINIMUM compare raw values: both inputs must share the output's quantization.
bool import_maximum_minimum(OpImport& c, uint32_t op_code) {
  if (c.in(1) < 0) return c.fail("missing second input");
  const TfliteTensor& x2 = c.tensor(c.in(1));
  if (!c.is_float && (scale_of(c.x) != scale_of(c.y) || zero_point_of(c.x) != zero_point_of(c.y) ||
                      scale_of(x2) != scale_of(c.y) || zero_point_of(x2) != zero_point_of(c.y))) {
    return c.fail("inputs with a quantization different from the output's are not supported");
  }
  c.spec.op_code = op_code;
  if (!c.map(c.in(0)) || !c.map(c.in(1))) return c.failed();
  return c.finish();
}

template <>
bool import_op<kOpMaximum>(OpImport& c) {
  return import_maximum_minimum(c, kOpMaximum);
}

template <>
bool import_op<kOpMinimum>(OpImport& c) {
  return import_maximum_minimum(c, kOpMinimum);
}

template <>
bool import_op<kOpHardSwish>(OpImport& c) {
  return import_unary(c, kOpHardSwish, [&] {
    HardSwishParams p{};
    if (!tflite_hard_swish_params(scale_of(c.x), zero_point_of(c.x), scale_of(c.y), zero_point_of(c.y),
                                  &p, &c.why)) {
      return false;
    }
    c.spec.params = params_bytes(p);
    return true;
  });
}

// PRELU(input, alpha): alpha (usually a constant) broadcasts to the input, with its own
// quantization; the output has the input's shape.
template <>
bool import_op<kOpPrelu>(OpImport& c) {
  if (c.in(1) < 0) return c.fail("missing alpha");
  const TfliteTensor& alpha = c.tensor(c.in(1));
  if (alpha.type != c.x.type) return c.fail("alpha must have the input's type");
  PreluParams p{};
  if (!c.is_float && !tflite_prelu_params(scale_of(c.x), zero_point_of(c.x), scale_of(alpha),
                                          zero_point_of(alpha), scale_of(c.y), zero_point_of(c.y),
                                          &p, &c.why)) {
    return c.failed();
  }
  c.spec.op_code = kOpPrelu;
  if (!c.map(c.in(0)) || !c.map(c.in(1))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpSquaredDifference>(OpImport& c) {
  return import_binary<AddParams>(
      c, kOpSquaredDifference, kTfliteActNone,
      [](float s1, int32_t z1, float s2, int32_t z2, float so, int32_t zo, int32_t, AddParams* p,
         std::string* why) { return tflite_squared_difference_params(s1, z1, s2, z2, so, zo, p, why); });
}

// RESIZE_*(input, size): a constant size equal to the output's height and width, one
// quantization for input and output (TFLite's kernels move or blend raw values).
bool check_resize(OpImport& c) {
  std::vector<int32_t> size;
  if (!constant_int32_input(c, 1, "size", &size)) return false;
  if (c.x.shape.size() != 4 || c.y.shape.size() != 4) return c.fail("input and output must have rank 4");
  if (size.size() != 2 || size[0] != c.y.shape[1] || size[1] != c.y.shape[2]) {
    return c.fail("size must hold the output's height and width");
  }
  if (c.op.options.resize.align_corners && c.op.options.resize.half_pixel_centers) {
    return c.fail("align_corners and half_pixel_centers together are not allowed (TFLite refuses them)");
  }
  if (!output_quantized_as_input(c)) return false;
  return true;
}

template <>
bool import_op<kOpResizeNearestNeighbor>(OpImport& c) {
  if (!check_resize(c)) return false;
  const TfliteResizeOptions& o = c.op.options.resize;
  ResizeNearestParams p{};
  p.output_height = c.y.shape[1];
  p.output_width = c.y.shape[2];
  std::vector<int32_t> sources =
      tflite_nearest_sources(c.x.shape[1], p.output_height, o.align_corners, o.half_pixel_centers);
  const std::vector<int32_t> cols =
      tflite_nearest_sources(c.x.shape[2], p.output_width, o.align_corners, o.half_pixel_centers);
  sources.insert(sources.end(), cols.begin(), cols.end());
  c.spec.op_code = kOpResizeNearestNeighbor;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p, sources);
  return c.finish();
}

template <>
bool import_op<kOpResizeBilinear>(OpImport& c) {
  if (!check_resize(c)) return false;
  if (c.x.type == kTfliteInt16) return c.fail("int16 activations are not supported for this operator");
  ResizeBilinearParams p{};
  p.align_corners = c.op.options.resize.align_corners ? 1 : 0;
  p.half_pixel_centers = c.op.options.resize.half_pixel_centers ? 1 : 0;
  c.spec.op_code = kOpResizeBilinear;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

// BATCH_MATMUL(lhs, rhs): per-tensor int8 (either input may be a constant) or float32.
template <>
bool import_op<kOpBatchMatMul>(OpImport& c) {
  if (c.in(1) < 0) return c.fail("missing rhs");
  const TfliteTensor& rhs = c.tensor(c.in(1));
  if (rhs.type != c.x.type) return c.fail("lhs and rhs must have the same type");
  if (c.x.scales.size() > 1 || rhs.scales.size() > 1) return c.fail("per-channel quantization is not supported");
  BatchMatMulParams p{};
  p.adj_x = c.op.options.batch_matmul.adj_x ? 1 : 0;
  p.adj_y = c.op.options.batch_matmul.adj_y ? 1 : 0;
  if (!c.is_float && !tflite_batch_matmul_params(scale_of(c.x), zero_point_of(c.x), scale_of(rhs),
                                                 zero_point_of(rhs), scale_of(c.y),
                                                 zero_point_of(c.y), &p, &c.why)) {
    return c.failed();
  }
  c.spec.op_code = kOpBatchMatMul;
  if (!c.map(c.in(0)) || !c.map(c.in(1))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

// SVDF(input, weights_feature, weights_time, bias, state): int8 with an int16 state (or int8
// with zero point 0), or float32 (a hybrid model's int8 weights dequantized); the variable state
// becomes the operator's persistent second output. TFLM's integer SVDF applies no fused
// activation, and neither does qrt; the float one applies the options' activation.
template <>
bool import_op<kOpSvdf>(OpImport& c) {
  // TFLM's integer SVDF reads the bias scale unconditionally: it has no bias-free form.
  if (c.op.inputs.size() != 5 || c.in(1) < 0 || c.in(2) < 0 || (c.in(3) < 0 && !c.is_float) || c.in(4) < 0) {
    return c.fail("expected input, weights_feature, weights_time, bias and state");
  }
  if (c.is_float) {
    const TfliteTensor& state = c.tensor(c.in(4));
    if (!state.is_variable || state.type != kTfliteFloat32) {
      return c.fail("the state (input 4) must be a float32 variable tensor");
    }
    SvdfParams p{};
    p.rank = c.op.options.svdf.rank;
    p.activation = c.op.options.svdf.activation;
    c.spec.op_code = kOpSvdf;
    if (!c.map(c.in(0)) || !c.map_float_constant(c.in(1)) || !c.map_float_constant(c.in(2)) ||
        (c.in(3) >= 0 && !c.map_float_constant(c.in(3)))) {
      return c.failed();
    }
    c.spec.params = params_bytes(p);
    return c.finish_with_states({c.in(4)});
  }
  const TfliteTensor& wf = c.tensor(c.in(1));
  const TfliteTensor& wt = c.tensor(c.in(2));
  const TfliteTensor& state = c.tensor(c.in(4));
  if (!state.is_variable) return c.fail("the state (input 4) must be a variable tensor");
  if (wf.type != kTfliteInt8 || (wt.type != kTfliteInt16 && wt.type != kTfliteInt8) ||
      state.type != wt.type) {
    return c.fail("weights_feature must be int8, weights_time and the state both int16 or both int8");
  }
  if (state.type == kTfliteInt8 && zero_point_of(state) != 0) {
    return c.fail("an int8 state with a nonzero zero point is not supported");
  }
  TfliteSvdfScales s{};
  s.input = scale_of(c.x);
  s.weights_feature = scale_of(wf);
  s.weights_time = scale_of(wt);
  s.state = scale_of(state);
  s.output = scale_of(c.y);
  s.bias = scale_of(c.tensor(c.in(3)));
  s.input_zero_point = zero_point_of(c.x);
  s.state_zero_point = zero_point_of(state);
  s.output_zero_point = zero_point_of(c.y);
  SvdfParams p{};
  if (!tflite_svdf_params(s, c.op.options.svdf.rank, &p, &c.why)) return c.failed();
  c.spec.op_code = kOpSvdf;
  if (!c.map(c.in(0)) || !c.map(c.in(1)) || !c.map(c.in(2)) || !c.map(c.in(3))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish_with_states({c.in(4)});
}

// UNIDIRECTIONAL_SEQUENCE_LSTM: TFLM's standard LSTM (24 inputs; no peephole, projection, layer
// norm or coupled input gate), int8 or 16x8 with per-tensor int8 weights (zero point 0) and an
// int16 cell state, or float32 (int8 weights of a hybrid model dequantized). The gates' weights
// and biases are stacked in the order input, forget, cell, output; the variable hidden (input 18)
// and cell (input 19) states become the operator's persistent outputs 1 and 2.
template <>
bool import_op<kOpLstm>(OpImport& c) {
  if (c.op.inputs.size() != 24) return c.fail("expected 24 inputs, as TFLite Micro's LSTM");
  for (size_t k : {9, 10, 11, 16, 17, 20, 21, 22, 23}) {
    if (c.in(k) >= 0) return c.fail("peephole, projection and layer-norm LSTMs are not supported");
  }
  for (size_t k = 1; k < 20; ++k) {
    if ((k < 9 || (k >= 12 && k < 16) || k >= 18) && c.in(k) < 0) {
      return c.fail("input " + std::to_string(k) + " is absent (a coupled input gate is not supported)");
    }
  }
  const TfliteLstmOptions& o = c.op.options.lstm;
  if (o.activation != kTfliteActTanh) return c.fail("only a TANH cell gate is supported");
  const TfliteTensor& hidden = c.tensor(c.in(18));
  const TfliteTensor& cell = c.tensor(c.in(19));
  if (!hidden.is_variable || !cell.is_variable) return c.fail("inputs 18 and 19 must be variable tensors");
  if (hidden.type != c.x.type || c.y.type != c.x.type) {
    return c.fail("the hidden state and the output must have the input's type");
  }
  LstmParams p{};
  if (c.is_float) {
    if (cell.type != kTfliteFloat32) return c.fail("a float32 LSTM needs a float32 cell state");
    p.time_major = o.time_major ? 1 : 0;
    p.float_cell_clip = o.cell_clip;
  } else {
    if (cell.type != kTfliteInt16) return c.fail("the cell state must be int16");
    TfliteLstmScales s{};
    s.input = scale_of(c.x);
    s.hidden = scale_of(hidden);
    s.cell = scale_of(cell);
    s.input_zero_point = zero_point_of(c.x);
    s.hidden_zero_point = zero_point_of(hidden);
    s.cell_clip = o.cell_clip;
    s.time_major = o.time_major;
    if (c.x.type == kTfliteInt16 && (s.input_zero_point != 0 || s.hidden_zero_point != 0)) {
      return c.fail("16x8 LSTM needs zero points 0");
    }
    for (int g = 0; g < 4; ++g) {
      const TfliteTensor& wi = c.tensor(c.in(1 + static_cast<size_t>(g)));
      const TfliteTensor& wr = c.tensor(c.in(5 + static_cast<size_t>(g)));
      if (wi.type != kTfliteInt8 || wr.type != kTfliteInt8 || wi.scales.size() != 1 || wr.scales.size() != 1 ||
          zero_point_of(wi) != 0 || zero_point_of(wr) != 0) {
        return c.fail("weights must be int8, per-tensor, zero point 0");
      }
      s.input_weights[g] = scale_of(wi);
      s.recurrent_weights[g] = scale_of(wr);
    }
    if (!tflite_lstm_params(s, &p, &c.why)) return c.failed();
  }
  c.spec.op_code = kOpLstm;
  if (!c.map(c.in(0)) || !c.map_stacked({c.in(1), c.in(2), c.in(3), c.in(4)}, "input_weights", c.is_float) ||
      !c.map_stacked({c.in(5), c.in(6), c.in(7), c.in(8)}, "recurrent_weights", c.is_float) ||
      !c.map_stacked({c.in(12), c.in(13), c.in(14), c.in(15)}, "bias", c.is_float)) {
    return c.failed();
  }
  c.spec.params = params_bytes(p);
  return c.finish_with_states({c.in(18), c.in(19)});
}

// GATHER(input, indices): int32 indices (constant or computed), batch_dims 0; the output keeps the
// input's quantization.
template <>
bool import_op<kOpGather>(OpImport& c) {
  const TfliteGatherOptions& o = c.op.options.gather;
  if (o.batch_dims != 0) return c.fail("batch_dims other than 0 is not supported");
  if (c.in(1) < 0 || c.tensor(c.in(1)).type != kTfliteInt32) return c.fail("indices must be int32");
  const auto rank = static_cast<int32_t>(c.x.shape.size());
  GatherParams p{};
  p.axis = o.axis < 0 ? o.axis + rank : o.axis;
  if (p.axis < 0 || p.axis >= rank) return c.fail("axis outside the input's rank");
  if (!output_quantized_as_input(c)) return false;
  c.spec.op_code = kOpGather;
  if (!c.map(c.in(0)) || !c.map(c.in(1))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

// TRANSPOSE(input, perm): perm a constant int32 vector, negative entries counting from the end.
template <>
bool import_op<kOpTranspose>(OpImport& c) {
  std::vector<int32_t> perm;
  if (!constant_int32_input(c, 1, "perm", &perm)) return false;
  const auto rank = static_cast<int32_t>(c.x.shape.size());
  if (static_cast<int32_t>(perm.size()) != rank || rank < 1 || rank > 5) {
    return c.fail("perm must hold one axis per input dimension (rank 1 to 5)");
  }
  TransposeParams p{};
  p.rank = rank;
  for (int32_t k = 0; k < rank; ++k) {
    p.perm[k] = perm[static_cast<size_t>(k)] < 0 ? perm[static_cast<size_t>(k)] + rank : perm[static_cast<size_t>(k)];
  }
  if (!output_quantized_as_input(c)) return false;
  c.spec.op_code = kOpTranspose;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpLeakyRelu>(OpImport& c) {
  LeakyReluParams p{};
  p.alpha = c.op.options.leaky_relu.alpha;
  if (!c.is_float && !tflite_leaky_relu_params(scale_of(c.x), zero_point_of(c.x), scale_of(c.y),
                                               zero_point_of(c.y), p.alpha, &p, &c.why)) {
    return c.failed();
  }
  c.spec.op_code = kOpLeakyRelu;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpStridedSlice>(OpImport& c) {
  const TfliteStridedSliceOptions& o = c.op.options.strided_slice;
  TfliteStridedSliceSpec spec;
  spec.input_shape = c.x.shape;
  if (!constant_int32_input(c, 1, "begin", &spec.begin) ||
      !constant_int32_input(c, 2, "end", &spec.end) ||
      !constant_int32_input(c, 3, "strides", &spec.strides)) {
    return false;
  }
  spec.begin_mask = o.begin_mask;
  spec.end_mask = o.end_mask;
  spec.ellipsis_mask = o.ellipsis_mask;
  spec.new_axis_mask = o.new_axis_mask;
  spec.shrink_axis_mask = o.shrink_axis_mask;
  spec.offset = o.offset;
  StridedSliceParams p{};
  std::vector<int32_t> shape;
  if (!tflite_strided_slice_params(spec, &p, &shape, &c.why)) return c.failed();
  if (shape != c.y.shape) return c.fail("the output tensor's shape is not the slice's");
  if (!output_quantized_as_input(c)) return false;
  c.spec.op_code = kOpStridedSlice;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpMean>(OpImport& c) {
  std::vector<int32_t> values;
  if (!constant_int32_input(c, 1, "axes", &values)) return false;
  MeanParams p{};
  // Float models use the same axis mask; the quantization fields are then unused.
  if (!tflite_mean_params(
          c.is_float ? 1.0f : scale_of(c.x), zero_point_of(c.x), c.is_float ? 1.0f : scale_of(c.y),
          zero_point_of(c.y), values.data(), static_cast<int32_t>(values.size()),
          static_cast<int32_t>(c.x.shape.size()), c.op.options.reducer.keep_dims, &p, &c.why)) {
    return c.failed();
  }
  c.spec.op_code = kOpMean;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpQuantize>(OpImport& c) {
  QuantizeParams p{};
  if (c.is_float) {
    p.scale = scale_of(c.y);
    p.output_zero_point = zero_point_of(c.y);
  } else if (!tflite_requantize_params(scale_of(c.x), zero_point_of(c.x), scale_of(c.y),
                                       zero_point_of(c.y), &p, &c.why)) {
    return c.failed();
  }
  c.spec.op_code = kOpQuantize;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

template <>
bool import_op<kOpDequantize>(OpImport& c) {
  QuantizeParams p{};
  p.scale = scale_of(c.x);
  p.input_zero_point = zero_point_of(c.x);
  c.spec.op_code = kOpDequantize;
  if (!c.map(c.in(0))) return c.failed();
  c.spec.params = params_bytes(p);
  return c.finish();
}

// SLICE, SPLIT, SPLIT_V and UNPACK take parts of their input unchanged: each output becomes one
// STRIDED_SLICE of stride 1, so they need no device code of their own. Output k is the block at
// `begin` of `size` (per input axis) of TFLite tensor `data`.
bool add_part(OpImport& c, int32_t data, size_t k, const std::vector<int32_t>& begin,
              const std::vector<int32_t>& size) {
  const TfliteTensor& x = c.tensor(data);
  const TfliteTensor& y = c.tensor(c.op.outputs[k]);
  StridedSliceParams p{};
  p.rank = static_cast<int32_t>(x.shape.size());
  if (p.rank < 1 || p.rank > 5) return c.fail("the input must have rank 1 to 5");
  int64_t elements = 1;
  for (int32_t a = 0; a < p.rank; ++a) {
    const auto i = static_cast<size_t>(a);
    if (begin[i] < 0 || size[i] < 0 || int64_t{begin[i]} + size[i] > x.shape[i]) {
      return c.fail("part " + std::to_string(k) + " lies outside the input along axis " + std::to_string(a));
    }
    p.start[a] = begin[i];
    p.stride[a] = 1;
    p.count[a] = size[i];
    elements *= size[i];
  }
  if (static_cast<uint64_t>(elements) != y.element_count) {
    return c.fail("output " + std::to_string(k) + " does not hold its part of the input");
  }
  if (x.type != kTfliteFloat32 && (scale_of(x) != scale_of(y) || zero_point_of(x) != zero_point_of(y))) {
    return c.fail("an output quantization different from the input's is not supported");
  }
  c.spec.op_code = kOpStridedSlice;
  c.spec.params = params_bytes(p);
  if (!c.map(data)) return c.failed();
  return c.finish(k);
}

// An axis given as a constant int32 scalar (or 1-element) input, counted from the end when
// negative; false (with a message) outside [0, rank).
bool axis_input(OpImport& c, size_t k, int32_t rank, int32_t* axis) {
  std::vector<int32_t> v;
  if (!constant_int32_input(c, k, "axis", &v)) return false;
  if (v.size() != 1) return c.fail("axis must hold one value");
  *axis = v[0] < 0 ? v[0] + rank : v[0];
  if (*axis < 0 || *axis >= rank) return c.fail("axis " + std::to_string(v[0]) + " outside the input's rank");
  return true;
}

// Splits `data` along `axis` into parts of the given sizes, one output each.
bool import_parts(OpImport& c, int32_t data, int32_t axis, const std::vector<int32_t>& sizes) {
  const std::vector<int32_t>& shape = c.tensor(data).shape;
  if (sizes.size() != c.op.outputs.size()) return c.fail("one output per part expected");
  std::vector<int32_t> begin(shape.size(), 0), size = shape;
  for (size_t k = 0; k < sizes.size(); ++k) {
    size[static_cast<size_t>(axis)] = sizes[k];
    if (!add_part(c, data, k, begin, size)) return false;
    begin[static_cast<size_t>(axis)] += sizes[k];
  }
  return true;
}

// SLICE(input, begin, size): size -1 takes the rest of the axis.
bool import_slice(OpImport& c) {
  std::vector<int32_t> begin, size;
  if (!constant_int32_input(c, 1, "begin", &begin) || !constant_int32_input(c, 2, "size", &size)) {
    return false;
  }
  if (begin.size() != c.x.shape.size() || size.size() != c.x.shape.size()) {
    return c.fail("begin and size must hold one value per input axis");
  }
  for (size_t a = 0; a < size.size(); ++a) {
    if (size[a] == -1) size[a] = c.x.shape[a] - begin[a];
  }
  return add_part(c, c.in(0), 0, begin, size);
}

// SPLIT(axis, input): num_splits equal parts.
// PACK(values...) along `axis`: the output is the inputs stacked on a new axis, byte for byte a
// CONCATENATION of the inputs along it (the concatenation takes inputs of one rank less).
bool import_pack(OpImport& c) {
  const TflitePackOptions& o = c.op.options.pack;
  const auto rank = static_cast<int32_t>(c.y.shape.size());
  const int32_t axis = o.axis < 0 ? o.axis + rank : o.axis;
  if (axis < 0 || axis >= rank) return c.fail("axis outside the output's rank");
  if (o.values_count != static_cast<int32_t>(c.op.inputs.size())) {
    return c.fail("values_count differs from the number of inputs");
  }
  return finish_concatenation(c, axis);
}

bool import_split(OpImport& c) {
  const int32_t data = c.in(1);
  if (data < 0) return c.fail("missing input");
  const std::vector<int32_t>& shape = c.tensor(data).shape;
  int32_t axis = 0;
  if (!axis_input(c, 0, static_cast<int32_t>(shape.size()), &axis)) return false;
  const int32_t n = c.op.options.split.num_splits;
  const int32_t dim = shape[static_cast<size_t>(axis)];
  if (n < 1 || dim % n != 0) return c.fail("num_splits must divide the axis");
  return import_parts(c, data, axis, std::vector<int32_t>(static_cast<size_t>(n), dim / n));
}

// SPLIT_V(input, size_splits, axis): one size may be -1 (the rest).
bool import_split_v(OpImport& c) {
  std::vector<int32_t> sizes;
  if (!constant_int32_input(c, 1, "size_splits", &sizes)) return false;
  int32_t axis = 0;
  if (!axis_input(c, 2, static_cast<int32_t>(c.x.shape.size()), &axis)) return false;
  const int32_t dim = c.x.shape[static_cast<size_t>(axis)];
  int64_t known = 0;
  int32_t rest = -1;
  for (size_t k = 0; k < sizes.size(); ++k) {
    if (sizes[k] == -1 && rest < 0) {
      rest = static_cast<int32_t>(k);
    } else if (sizes[k] < 0) {
      return c.fail("size_splits may hold one -1 and no other negative size");
    } else {
      known += sizes[k];
    }
  }
  if (rest >= 0) sizes[static_cast<size_t>(rest)] = static_cast<int32_t>(dim - known);
  return import_parts(c, c.in(0), axis, sizes);
}

// UNPACK(input): `num` parts of size 1 along `axis`, each output without that axis.
bool import_unpack(OpImport& c) {
  const auto rank = static_cast<int32_t>(c.x.shape.size());
  int32_t axis = c.op.options.unpack.axis;
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return c.fail("axis outside the input's rank");
  if (c.op.options.unpack.num != c.x.shape[static_cast<size_t>(axis)]) {
    return c.fail("num must equal the unpacked axis' size");
  }
  return import_parts(c, c.in(0), axis,
                      std::vector<int32_t>(static_cast<size_t>(c.op.options.unpack.num), 1));
}

using ImportFn = bool (*)(OpImport&);

// The importer of an op_list.def entry, or nullptr for an operator without a TFLite builtin (not
// instantiated then, so such operators need none).
template <int32_t Tflite, uint32_t Code>
constexpr ImportFn importer() {
  if constexpr (Tflite >= 0) {
    return &import_op<Code>;
  } else {
    return nullptr;
  }
}

struct ImportEntry {
  int32_t builtin;
  ImportFn import;
};

constexpr ImportEntry kImporters[] = {
#define QRT_OP(ident, stem, code, name, params, min_in, max_in, outputs, in_place, tflite) \
  {tflite, importer<tflite, code>()},
#include "qrt/ops/op_list.def"
#undef QRT_OP
    {kTfliteOpSqueeze, &import_op<kOpReshape>},  // a RESHAPE whose shape input is absent
    {kTfliteOpSlice, &import_slice},             // the part importers: STRIDED_SLICEs
    {kTfliteOpSplit, &import_split},
    {kTfliteOpSplitV, &import_split_v},
    {kTfliteOpUnpack, &import_unpack},
    {kTfliteOpPack, &import_pack},               // a CONCATENATION of one-rank-smaller inputs
};

// Operators that move bytes unchanged, whatever their type.
bool moves_bytes_only(int32_t builtin) {
  return builtin == kTfliteOpReshape || builtin == kTfliteOpSqueeze;
}

// Operators imported with int16 activations (TFLite's 16x8 models) too.
bool takes_int16(int32_t builtin) {
  constexpr int32_t kInt16Builtins[] = {
      kTfliteOpConv2d, kTfliteOpDepthwiseConv2d, kTfliteOpTransposeConv, kTfliteOpFullyConnected,
      kTfliteOpAdd,    kTfliteOpSub,             kTfliteOpMul,           kTfliteOpLeakyRelu,
      kTfliteOpAveragePool2d, kTfliteOpMaxPool2d, kTfliteOpPad,          kTfliteOpConcatenation,
      kTfliteOpStridedSlice,  kTfliteOpSlice,     kTfliteOpSplit,        kTfliteOpSplitV,
      kTfliteOpUnpack, kTfliteOpQuantize, kTfliteOpDequantize, kTfliteOpTranspose,
      kTfliteOpMaximum, kTfliteOpMinimum, kTfliteOpGather, kTfliteOpSoftmax, kTfliteOpLogistic,
      kTfliteOpTanh, kTfliteOpMean, kTfliteOpResizeNearestNeighbor, kTfliteOpPack,
      kTfliteOpUnidirectionalSequenceLstm};
  for (int32_t b : kInt16Builtins) {
    if (b == builtin) return true;
  }
  return false;
}

}  // namespace

OpImport::OpImport(TfliteConverter& converter, size_t i)
    : op(converter.model_.operators[i]),
      index(i),
      x(converter.tfl(op.inputs[0])),
      y(converter.tfl(op.outputs[0])),
      is_float(x.type == kTfliteFloat32),
      converter_(converter) {}

bool OpImport::map(int32_t t) {
  const int32_t q = converter_.tensor(t, &why);
  if (q < 0 && t >= 0) return false;
  spec.inputs.push_back(q);
  return true;
}

bool OpImport::map_float_constant(int32_t t) {
  const int32_t q = converter_.float_constant(t, &why);
  if (q < 0) return false;
  spec.inputs.push_back(q);
  return true;
}

bool OpImport::finish(size_t k) {
  const int32_t out = converter_.tensor(op.outputs[k], &why);
  if (out < 0) return failed();
  spec.outputs = {out};
  converter_.writer_.add_operator(std::move(spec));
  spec = OperatorSpec();
  return true;
}

bool OpImport::finish_with_states(const std::vector<int32_t>& states) {
  const int32_t out = converter_.tensor(op.outputs[0], &why);
  if (out < 0) return failed();
  spec.outputs = {out};
  for (int32_t t : states) {
    const int32_t q = converter_.tensor(t, &why);
    if (q < 0) return failed();
    spec.outputs.push_back(q);
  }
  converter_.writer_.add_operator(std::move(spec));
  spec = OperatorSpec();
  return true;
}

bool OpImport::map_stacked(const std::vector<int32_t>& parts, const char* name, bool as_float) {
  const std::string base = parts.empty() || parts[0] < 0 ? std::string() : tensor(parts[0]).name + "/";
  const int32_t q = converter_.stacked_constant(parts, base + name, as_float, &why);
  if (q < 0) return false;
  spec.inputs.push_back(q);
  return true;
}

bool TfliteConverter::convert_operator(size_t i) {
  const TfliteOperator& op = model_.operators[i];
  const bool parts = op.builtin_code == kTfliteOpSplit || op.builtin_code == kTfliteOpSplitV ||
                     op.builtin_code == kTfliteOpUnpack;
  const bool outputs_ok = parts ? !op.outputs.empty() : op.outputs.size() == 1;
  for (int32_t t : op.outputs) {
    if (t < 0) return fail_op(i, "an output is absent");
  }
  if (op.inputs.empty() || !outputs_ok || op.inputs[0] < 0) {
    return fail_op(i, "expected at least one input and exactly one output");
  }
  const int32_t data = data_input(op);
  const int32_t type = data >= 0 ? tfl(data).type : tfl(op.inputs[0]).type;
  const bool int32_quantize = type == kTfliteInt32 && op.builtin_code == kTfliteOpQuantize;
  if (type != kTfliteFloat32 && type != kTfliteInt8 && !moves_bytes_only(op.builtin_code) &&
      !(type == kTfliteInt16 && takes_int16(op.builtin_code)) && !int32_quantize) {
    return fail_op(i, type == kTfliteInt16 ? "int16 activations are not supported for this operator"
                                           : "only int8, int16 and float32 operators are supported");
  }
  for (const ImportEntry& e : kImporters) {
    if (e.import != nullptr && e.builtin == op.builtin_code) {
      OpImport c(*this, i);
      return e.import(c);
    }
  }
  return fail_op(i, "operator not supported");
}

}  // namespace host
}  // namespace qrt
