// TFLite -> .qrt, one converter per operator: maps inputs/outputs and builds the parameter block
// with quant/host/tflite_params.h (what TFLM's Prepare computes) for int8 operators, or the float
// clamps for float32 operators.
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

Shape4 to_shape4(const std::vector<int32_t>& shape) {
  int32_t d[4] = {1, 1, 1, 1};
  const size_t rank = shape.size();
  for (size_t i = 0; i < rank && i < 4; ++i) d[4 - rank + i] = shape[i];
  return Shape4{d[0], d[1], d[2], d[3]};
}

float scale_of(const TfliteTensor& t) { return t.scales.empty() ? 0.0f : t.scales[0]; }
int32_t zero_point_of(const TfliteTensor& t) {
  return t.zero_points.empty() ? 0 : static_cast<int32_t>(t.zero_points[0]);
}

std::vector<int32_t> concat(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  std::vector<int32_t> out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

bool TfliteConverter::convert_operator(size_t i) {
  const TfliteOperator& op = model_.operators[i];
  const int32_t code = op.builtin_code;
  std::string why;
  auto in = [&](size_t k) { return k < op.inputs.size() ? op.inputs[k] : -1; };
  if (op.inputs.empty() || op.outputs.size() != 1 || in(0) < 0 || op.outputs[0] < 0) {
    return fail_op(i, "expected at least one input and exactly one output");
  }
  const TfliteTensor& x = tfl(in(0));
  const TfliteTensor& y = tfl(op.outputs[0]);
  const bool is_float = x.type == kTfliteFloat32;
  if (!is_float && x.type != kTfliteInt8 && code != kTfliteOpReshape && code != kTfliteOpSqueeze) {
    return fail_op(i, "only int8 and float32 operators are supported");
  }
  OperatorSpec spec;
  auto map = [&](int32_t t) {
    const int32_t q = tensor(t, &why);
    if (q < 0 && t >= 0) return false;
    spec.inputs.push_back(q);
    return true;
  };
  auto finish = [&]() {
    const int32_t out = tensor(op.outputs[0], &why);
    if (out < 0) return fail_op(i, why);
    spec.outputs = {out};
    writer_.add_operator(std::move(spec));
    return true;
  };
  auto failed = [&]() { return fail_op(i, why); };

  switch (code) {
    case kTfliteOpConv2d:
    case kTfliteOpDepthwiseConv2d: {
      const bool depthwise = code == kTfliteOpDepthwiseConv2d;
      if (in(1) < 0) return fail_op(i, "missing filter");
      const TfliteTensor& f = tfl(in(1));
      ConvParams p{};
      std::vector<int32_t> mults, shifts;
      const int32_t padding = depthwise ? op.options.depthwise_conv_2d.padding : op.options.conv_2d.padding;
      const int32_t activation = depthwise ? op.options.depthwise_conv_2d.activation : op.options.conv_2d.activation;
      TfliteConvSpec c{};
      c.input = to_shape4(x.shape);
      c.filter = to_shape4(f.shape);
      c.output = to_shape4(y.shape);
      c.padding = padding;
      c.stride_h = depthwise ? op.options.depthwise_conv_2d.stride_h : op.options.conv_2d.stride_h;
      c.stride_w = depthwise ? op.options.depthwise_conv_2d.stride_w : op.options.conv_2d.stride_w;
      c.dilation_h = depthwise ? op.options.depthwise_conv_2d.dilation_h : op.options.conv_2d.dilation_h;
      c.dilation_w = depthwise ? op.options.depthwise_conv_2d.dilation_w : op.options.conv_2d.dilation_w;
      c.depth_multiplier = depthwise ? op.options.depthwise_conv_2d.depth_multiplier : 1;
      c.activation = activation;
      if (is_float) {
        TflitePadding1d ph, pw;
        if (!tflite_padding_1d(padding, c.stride_h, c.dilation_h, c.input.h, c.filter.h, &ph, &why) ||
            !tflite_padding_1d(padding, c.stride_w, c.dilation_w, c.input.w, c.filter.w, &pw, &why)) {
          return failed();
        }
        p.stride_h = c.stride_h;
        p.stride_w = c.stride_w;
        p.dilation_h = c.dilation_h;
        p.dilation_w = c.dilation_w;
        p.pad_top = ph.pad_before;
        p.pad_left = pw.pad_before;
        p.depth_multiplier = depthwise ? c.filter.c / (c.input.c > 0 ? c.input.c : 1) : 1;
        float_activation(activation, &p.float_act_min, &p.float_act_max);
        spec.op_code = depthwise ? kOpDepthwiseConv2d : kOpConv2d;
        if (!map(in(0))) return failed();
        const int32_t fq = float_constant(in(1), &why);
        if (fq < 0) return failed();
        spec.inputs.push_back(fq);
        if (!map(in(2))) return failed();
        spec.params = params_bytes(p);
        return finish();
      }
      c.input_scale = scale_of(x);
      c.input_zero_point = zero_point_of(x);
      c.filter_scales = f.scales.data();
      c.filter_scale_count = static_cast<int32_t>(f.scales.size());
      c.output_scale = scale_of(y);
      c.output_zero_point = zero_point_of(y);
      if (!tflite_conv_params(c, depthwise, &p, &mults, &shifts, &why)) return failed();
      spec.op_code = depthwise ? kOpDepthwiseConv2d : kOpConv2d;
      if (!map(in(0)) || !map(in(1)) || !map(in(2))) return failed();
      spec.params = params_bytes(p, concat(mults, shifts));
      return finish();
    }
    case kTfliteOpFullyConnected: {
      const TfliteFullyConnectedOptions& o = op.options.fully_connected;
      if (in(1) < 0) return fail_op(i, "missing weights");
      if (o.weights_format != kTfliteWeightsDefault) return fail_op(i, "shuffled weights are not supported");
      const TfliteTensor& w = tfl(in(1));
      if (w.shape.size() != 2) return fail_op(i, "weights must be 2-D");
      FullyConnectedParams p{};
      spec.op_code = kOpFullyConnected;
      if (is_float) {
        float_activation(o.activation, &p.float_act_min, &p.float_act_max);
        if (!map(in(0))) return failed();
        const int32_t wq = float_constant(in(1), &why);
        if (wq < 0) return failed();
        spec.inputs.push_back(wq);
        if (!map(in(2))) return failed();
        spec.params = params_bytes(p);
        return finish();
      }
      TfliteFullyConnectedSpec s{};
      s.activation = o.activation;
      s.input_scale = scale_of(x);
      s.input_zero_point = zero_point_of(x);
      s.filter_scales = w.scales.data();
      s.filter_scale_count = static_cast<int32_t>(w.scales.size());
      s.filter_zero_point = zero_point_of(w);
      s.output_scale = scale_of(y);
      s.output_zero_point = zero_point_of(y);
      s.has_bias = in(2) >= 0;
      s.bias_scale = s.has_bias ? scale_of(tfl(in(2))) : 0.0f;
      std::vector<int32_t> mults, shifts;
      if (!tflite_fully_connected_params(s, &p, &mults, &shifts, &why)) return failed();
      if (!map(in(0)) || !map(in(1)) || !map(in(2))) return failed();
      spec.params = params_bytes(p, concat(mults, shifts));
      return finish();
    }
    case kTfliteOpAveragePool2d:
    case kTfliteOpMaxPool2d: {
      const TflitePool2dOptions& o = op.options.pool_2d;
      const Shape4 xs = to_shape4(x.shape);
      PoolParams p{};
      int32_t out_h = 0, out_w = 0;
      // For float the quantization arguments are unused; a unit scale keeps the helper happy.
      if (!tflite_pool_params(o.padding, o.stride_h, o.stride_w, o.filter_h, o.filter_w, xs.h, xs.w,
                              is_float ? kTfliteActNone : o.activation,
                              is_float ? 1.0f : scale_of(y), zero_point_of(y), &p, &out_h, &out_w, &why)) {
        return failed();
      }
      if (is_float) float_activation(o.activation, &p.float_act_min, &p.float_act_max);
      spec.op_code = code == kTfliteOpAveragePool2d ? kOpAveragePool2d : kOpMaxPool2d;
      if (!map(in(0))) return failed();
      spec.params = params_bytes(p);
      return finish();
    }
    case kTfliteOpAdd:
    case kTfliteOpMul: {
      if (in(1) < 0) return fail_op(i, "missing second input");
      const TfliteTensor& x2 = tfl(in(1));
      const int32_t activation = code == kTfliteOpAdd ? op.options.add.activation : op.options.mul.activation;
      spec.op_code = code == kTfliteOpAdd ? kOpAdd : kOpMul;
      if (code == kTfliteOpAdd) {
        AddParams p{};
        if (!is_float && !tflite_add_params(scale_of(x), zero_point_of(x), scale_of(x2), zero_point_of(x2),
                                            scale_of(y), zero_point_of(y), activation, &p, &why)) {
          return failed();
        }
        if (is_float) float_activation(activation, &p.float_act_min, &p.float_act_max);
        spec.params = params_bytes(p);
      } else {
        MulParams p{};
        if (!is_float && !tflite_mul_params(scale_of(x), zero_point_of(x), scale_of(x2), zero_point_of(x2),
                                            scale_of(y), zero_point_of(y), activation, &p, &why)) {
          return failed();
        }
        if (is_float) float_activation(activation, &p.float_act_min, &p.float_act_max);
        spec.params = params_bytes(p);
      }
      if (!map(in(0)) || !map(in(1))) return failed();
      return finish();
    }
    case kTfliteOpSoftmax: {
      SoftmaxParams p{};
      p.beta = op.options.softmax.beta;
      if (!is_float && !tflite_softmax_params(p.beta, scale_of(x), scale_of(y), zero_point_of(y), &p, &why)) {
        return failed();
      }
      spec.op_code = kOpSoftmax;
      if (!map(in(0))) return failed();
      spec.params = params_bytes(p);
      return finish();
    }
    case kTfliteOpLogistic:
    case kTfliteOpTanh: {
      spec.op_code = code == kTfliteOpLogistic ? kOpLogistic : kOpTanh;
      if (!is_float) {
        LogisticParams p{};
        const bool ok = code == kTfliteOpLogistic
                            ? tflite_logistic_params(scale_of(x), zero_point_of(x), scale_of(y), zero_point_of(y), &p, &why)
                            : tflite_tanh_params(scale_of(x), zero_point_of(x), &p, &why);
        if (!ok) return failed();
        spec.params = params_bytes(p);
      }
      if (!map(in(0))) return failed();
      return finish();
    }
    case kTfliteOpRelu:
    case kTfliteOpRelu6: {
      spec.op_code = code == kTfliteOpRelu ? kOpRelu : kOpRelu6;
      if (!is_float) {
        ReluParams p{};
        const bool ok =
            code == kTfliteOpRelu
                ? tflite_relu_params(scale_of(x), zero_point_of(x), scale_of(y), zero_point_of(y), &p, &why)
                : tflite_relu6_params(scale_of(x), zero_point_of(x), &p, &why);
        if (!ok) return failed();
        spec.params = params_bytes(p);
      }
      if (!map(in(0))) return failed();
      return finish();
    }
    case kTfliteOpReshape:
    case kTfliteOpSqueeze: {
      // Same bytes, new shape: the shape comes from the output tensor; the shape input is dropped.
      spec.op_code = kOpReshape;
      if (!map(in(0))) return failed();
      return finish();
    }
    case kTfliteOpConcatenation: {
      ConcatenationParams p{};
      p.axis = op.options.concatenation.axis;
      if (p.axis < 0) p.axis += static_cast<int32_t>(y.shape.size());
      if (op.options.concatenation.activation != kTfliteActNone) {
        return fail_op(i, "a fused activation on CONCATENATION is not supported");
      }
      for (size_t k = 0; k < op.inputs.size(); ++k) {
        const int32_t t = op.inputs[k];
        if (t < 0) return fail_op(i, "input " + std::to_string(k) + " is absent");
        const TfliteTensor& xi = tfl(t);
        if (!is_float && (scale_of(xi) != scale_of(y) || zero_point_of(xi) != zero_point_of(y))) {
          return fail_op(i, "inputs with a quantization different from the output's are not supported");
        }
        if (!map(t)) return failed();
      }
      spec.op_code = kOpConcatenation;
      spec.params = params_bytes(p);
      return finish();
    }
    case kTfliteOpPad: {
      if (in(1) < 0 || tfl(in(1)).data == nullptr || tfl(in(1)).type != kTfliteInt32) {
        return fail_op(i, "paddings must be a constant int32 tensor");
      }
      const TfliteTensor& pads = tfl(in(1));
      std::vector<int32_t> values(pads.element_count);
      std::memcpy(values.data(), pads.data, values.size() * 4);
      PadParams p{};
      if (!tflite_pad_params(values.data(), static_cast<int32_t>(x.shape.size()),
                             is_float ? 0 : zero_point_of(y), &p, &why)) {
        return failed();
      }
      p.float_pad_value = 0.0f;
      spec.op_code = kOpPad;
      if (!map(in(0))) return failed();
      spec.params = params_bytes(p);
      return finish();
    }
    case kTfliteOpMean: {
      if (in(1) < 0 || tfl(in(1)).data == nullptr || tfl(in(1)).type != kTfliteInt32) {
        return fail_op(i, "axes must be a constant int32 tensor");
      }
      const TfliteTensor& axes = tfl(in(1));
      std::vector<int32_t> values(axes.element_count);
      std::memcpy(values.data(), axes.data, values.size() * 4);
      MeanParams p{};
      // Float models use the same axis mask; the quantization fields are then unused.
      if (!tflite_mean_params(is_float ? 1.0f : scale_of(x), zero_point_of(x),
                              is_float ? 1.0f : scale_of(y), zero_point_of(y), values.data(),
                              static_cast<int32_t>(values.size()), static_cast<int32_t>(x.shape.size()),
                              op.options.reducer.keep_dims, &p, &why)) {
        return failed();
      }
      spec.op_code = kOpMean;
      if (!map(in(0))) return failed();
      spec.params = params_bytes(p);
      return finish();
    }
    case kTfliteOpQuantize: {
      QuantizeParams p{};
      if (is_float) {
        p.scale = scale_of(y);
        p.output_zero_point = zero_point_of(y);
      } else {
        if (!tflite_requantize_params(scale_of(x), zero_point_of(x), scale_of(y), zero_point_of(y), &p, &why)) {
          return failed();
        }
      }
      spec.op_code = kOpQuantize;
      if (!map(in(0))) return failed();
      spec.params = params_bytes(p);
      return finish();
    }
    case kTfliteOpDequantize: {
      QuantizeParams p{};
      p.scale = scale_of(x);
      p.input_zero_point = zero_point_of(x);
      spec.op_code = kOpDequantize;
      if (!map(in(0))) return failed();
      spec.params = params_bytes(p);
      return finish();
    }
    default:
      return fail_op(i, "operator not supported");
  }
}

}  // namespace host
}  // namespace qrt
