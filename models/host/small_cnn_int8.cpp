#include "small_cnn_int8.h"

#include <math.h>

#include <algorithm>

#include "qrt/quant/fixedpoint.h"
#include "tflite_params.h"

namespace qrt {
namespace models {
namespace {

constexpr int32_t kActivationRelu = 1;  // schema.fbs ActivationFunctionType
constexpr int32_t kActivationNone = 0;
constexpr int32_t kPaddingSame = 0;     // schema.fbs Padding

// RELU outputs: the real range is [0, max], so the whole int8 range covers it with zero point
// -128 (real 0 is exactly representable, as TFLite requires).
ActivationQuant relu_output_quant(const AbsHistogram& h) {
  CalibrationOptions options;
  options.method = kCalibrateMinMax;
  const double clip = calibrate_clip(h, options);
  return ActivationQuant{static_cast<float>(clip / 255.0), -128};
}

// A signed tensor: TFLite's asymmetric choice. The range is widened to contain 0, scale =
// (max - min) / 255, and the zero point is the rounded integer that maps real 0, clamped to int8.
ActivationQuant asymmetric_quant(const AbsHistogram& h) {
  const double lo = std::min(0.0, h.min), hi = std::max(0.0, h.max);
  const double scale = hi > lo ? (hi - lo) / 255.0 : 1.0;
  const double zp = std::round(-128.0 - lo / scale);
  return ActivationQuant{static_cast<float>(scale),
                         static_cast<int32_t>(std::min(127.0, std::max(-128.0, zp)))};
}

// int32 bias with scale input_scale * weight_scale[c] (TFLite's bias quantization, zero point 0).
bool quantize_bias(const float* bias, const QuantizedWeight& w, float input_scale,
                   std::vector<float>* scales, std::vector<int32_t>* out, std::string* error) {
  scales->resize(static_cast<size_t>(w.rows));
  out->resize(static_cast<size_t>(w.rows));
  for (int32_t c = 0; c < w.rows; ++c) {
    const double s = static_cast<double>(input_scale) * static_cast<double>(w.scales[static_cast<size_t>(c)]);
    const double q = std::round(static_cast<double>(bias[c]) / s);
    if (!(std::fabs(q) < 2147483647.0)) {
      *error = "bias does not fit int32 at its scale";
      return false;
    }
    (*scales)[static_cast<size_t>(c)] = static_cast<float>(s);
    (*out)[static_cast<size_t>(c)] = static_cast<int32_t>(q);
  }
  return true;
}

bool quantize_conv(const float* weights, const float* bias, int32_t in_side, int32_t in_c,
                   int32_t out_side, int32_t out_c, ActivationQuant in, ActivationQuant out,
                   QuantizedConv* q, std::string* error) {
  WeightQuantConfig config;  // int8, per-channel, symmetric
  if (!quantize_weights(weights, out_c, kKernelSide * kKernelSide * in_c, config, &q->weights, error) ||
      !quantize_bias(bias, q->weights, in.scale, &q->bias_scales, &q->bias, error)) {
    return false;
  }
  TfliteConvSpec spec{};
  spec.input = Shape4{1, in_side, in_side, in_c};
  spec.filter = Shape4{out_c, kKernelSide, kKernelSide, in_c};
  spec.output = Shape4{1, out_side, out_side, out_c};
  spec.padding = kPaddingSame;
  spec.stride_h = spec.stride_w = kConvStride;
  spec.dilation_h = spec.dilation_w = 1;
  spec.depth_multiplier = 1;
  spec.activation = kActivationRelu;
  spec.input_scale = in.scale;
  spec.input_zero_point = in.zero_point;
  spec.filter_scales = q->weights.scales.data();
  spec.filter_scale_count = out_c;
  spec.output_scale = out.scale;
  spec.output_zero_point = out.zero_point;
  if (!tflite_conv_params(spec, false, &q->params, &q->multipliers, &q->shifts, error)) return false;
  if (q->params.pad_top != kConvPadBefore || q->params.pad_left != kConvPadBefore) {
    *error = "SAME padding is not the geometry the float model was trained with";
    return false;
  }
  return true;
}

// Zero-padded 3x3 stride-2 convolution, int8 in and out, TFLite's ConvPerChannel arithmetic.
void conv_s8(const int8_t* in, int32_t in_side, int32_t in_c, const QuantizedConv& q,
             int32_t out_side, int32_t out_c, int32_t input_zero_point, int8_t* out) {
  const auto* w = reinterpret_cast<const int8_t*>(q.weights.data.data());
  for (int32_t oy = 0; oy < out_side; ++oy) {
    for (int32_t ox = 0; ox < out_side; ++ox) {
      for (int32_t oc = 0; oc < out_c; ++oc) {
        int32_t acc = 0;
        for (int32_t fy = 0; fy < kKernelSide; ++fy) {
          const int32_t y = oy * kConvStride - kConvPadBefore + fy;
          if (y < 0 || y >= in_side) continue;
          for (int32_t fx = 0; fx < kKernelSide; ++fx) {
            const int32_t x = ox * kConvStride - kConvPadBefore + fx;
            if (x < 0 || x >= in_side) continue;
            for (int32_t ic = 0; ic < in_c; ++ic) {
              const int32_t xv = in[(y * in_side + x) * in_c + ic] - input_zero_point;
              acc += xv * w[((oc * kKernelSide + fy) * kKernelSide + fx) * in_c + ic];
            }
          }
        }
        acc += q.bias[static_cast<size_t>(oc)];
        acc = multiply_by_quantized_multiplier(acc, q.multipliers[static_cast<size_t>(oc)],
                                               q.shifts[static_cast<size_t>(oc)]);
        acc += q.params.output_offset;
        out[(oy * out_side + ox) * out_c + oc] =
            static_cast<int8_t>(clamp_s32(acc, q.params.act_min, q.params.act_max));
      }
    }
  }
}

}  // namespace

SmallCnnCalibration calibrate_small_cnn(const SmallCnn& net, const uint8_t* images,
                                        int32_t image_count, int32_t stride) {
  SmallCnnCalibration c;
  c.conv1 = make_abs_histogram();
  c.conv2 = make_abs_histogram();
  c.logits = make_abs_histogram();
  SmallCnnActivations act;
  for (int32_t i = 0; i < image_count; i += stride) {
    small_cnn_forward(net, images + static_cast<size_t>(i) * kImageSide * kImageSide, &act);
    histogram_add(&c.conv1, act.conv1, sizeof act.conv1 / sizeof(float));
    histogram_add(&c.conv2, act.conv2, sizeof act.conv2 / sizeof(float));
    histogram_add(&c.logits, act.logits, sizeof act.logits / sizeof(float));
    ++c.images;
  }
  return c;
}

bool quantize_small_cnn(const SmallCnn& net, const SmallCnnCalibration& calibration,
                        QuantizedSmallCnn* q, std::string* error) {
  if (calibration.images == 0 || !(calibration.conv1.abs_max > 0.0) ||
      !(calibration.conv2.abs_max > 0.0)) {
    *error = "calibration saw no positive activation";
    return false;
  }
  q->input = ActivationQuant{kInputScale, kInputZeroPoint};
  q->conv1_out = relu_output_quant(calibration.conv1);
  q->conv2_out = relu_output_quant(calibration.conv2);
  q->logits = asymmetric_quant(calibration.logits);
  if (!quantize_conv(net.conv1_weights(), net.conv1_bias(), kImageSide, 1, kConv1Side,
                     kConv1Channels, q->input, q->conv1_out, &q->conv1, error) ||
      !quantize_conv(net.conv2_weights(), net.conv2_bias(), kConv1Side, kConv1Channels,
                     kConv2Side, kConv2Channels, q->conv1_out, q->conv2_out, &q->conv2, error)) {
    return false;
  }
  QuantizedFullyConnected& fc = q->fc;
  WeightQuantConfig config;
  if (!quantize_weights(net.fc_weights(), kClassCount, kFlatDepth, config, &fc.weights, error) ||
      !quantize_bias(net.fc_bias(), fc.weights, q->conv2_out.scale, &fc.bias_scales, &fc.bias,
                     error)) {
    return false;
  }
  TfliteFullyConnectedSpec spec{};
  spec.activation = kActivationNone;
  spec.input_scale = q->conv2_out.scale;
  spec.input_zero_point = q->conv2_out.zero_point;
  spec.filter_scales = fc.weights.scales.data();
  spec.filter_scale_count = kClassCount;
  spec.filter_zero_point = 0;
  spec.output_scale = q->logits.scale;
  spec.output_zero_point = q->logits.zero_point;
  spec.has_bias = true;
  spec.bias_scale = fc.bias_scales[0];
  return tflite_fully_connected_params(spec, &fc.params, &fc.multipliers, &fc.shifts, error);
}

void small_cnn_int8_forward(const QuantizedSmallCnn& q, const uint8_t* image,
                            int8_t logits[kClassCount]) {
  int8_t input[kImageSide * kImageSide];
  int8_t conv1[kConv1Side * kConv1Side * kConv1Channels];
  int8_t conv2[kFlatDepth];
  for (int32_t i = 0; i < kImageSide * kImageSide; ++i) {
    input[i] = static_cast<int8_t>(static_cast<int32_t>(image[i]) - 128);
  }
  conv_s8(input, kImageSide, 1, q.conv1, kConv1Side, kConv1Channels, q.input.zero_point, conv1);
  conv_s8(conv1, kConv1Side, kConv1Channels, q.conv2, kConv2Side, kConv2Channels,
          q.conv1_out.zero_point, conv2);
  const auto* w = reinterpret_cast<const int8_t*>(q.fc.weights.data.data());
  for (int32_t o = 0; o < kClassCount; ++o) {
    int32_t acc = 0;
    for (int32_t d = 0; d < kFlatDepth; ++d) {
      acc += (conv2[d] - q.conv2_out.zero_point) * w[o * kFlatDepth + d];
    }
    acc += q.fc.bias[static_cast<size_t>(o)];
    acc = multiply_by_quantized_multiplier(acc, q.fc.multipliers[static_cast<size_t>(o)],
                                           q.fc.shifts[static_cast<size_t>(o)]);
    acc += q.logits.zero_point;
    logits[o] = static_cast<int8_t>(clamp_s32(acc, q.fc.params.act_min, q.fc.params.act_max));
  }
}

int32_t argmax_s8(const int8_t* values, int32_t n) {
  int32_t best = 0;
  for (int32_t i = 1; i < n; ++i) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

}  // namespace models
}  // namespace qrt
