#include "tflite_params.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "multiplier.h"

namespace qrt {

namespace {

constexpr int32_t kActRelu = 1;
constexpr int32_t kActReluN1To1 = 2;
constexpr int32_t kActRelu6 = 3;
constexpr int32_t kPaddingSame = 0;
constexpr int32_t kPaddingValid = 1;

bool fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

// TFLite kernel_util.cc Quantize(): zero_point + (int32)round(f / scale), in float.
bool quantize_activation_value(float scale, int32_t zero_point, float f, int32_t* q) {
  const float tmp = std::round(f / scale);
  if (!(tmp >= static_cast<float>(std::numeric_limits<int32_t>::min()) &&
        tmp <= static_cast<float>(std::numeric_limits<int32_t>::max()))) {
    return false;
  }
  *q = zero_point + static_cast<int32_t>(tmp);
  return true;
}

void set_multiplier(double real, int32_t* multiplier, int32_t* shift) {
  const QuantizedMultiplier q = quantize_multiplier(real);
  *multiplier = q.multiplier;
  *shift = q.shift;
}

// QuantizeMultiplierSmallerThanOneExp, which TFLite CHECKs to 0 < real < 1.
bool set_multiplier_smaller_than_one(double real, int32_t* multiplier, int32_t* shift,
                                     const char* what, std::string* error) {
  if (!(real > 0.0 && real < 1.0)) {
    return fail(error, std::string(what) + " multiplier " + std::to_string(real) +
                           " is not in (0, 1) as TFLite requires");
  }
  set_multiplier(real, multiplier, shift);
  return true;
}

bool check_scale(float scale, const char* what, std::string* error) {
  if (!(scale > 0.0f) || !std::isfinite(scale)) {
    return fail(error, std::string(what) + " scale " + std::to_string(scale) + " is not a positive finite number");
  }
  return true;
}

// TFLite's CheckedLog2: log2 in float rounded to *log2; true when within 1e-3 of an integer.
bool checked_log2(float x, int* log2) {
  const float l = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(l);
  *log2 = static_cast<int>(rounded);
  return std::fabs(l - rounded) < 1e-3f;
}

// An int8 operand's zero point (TFLite: [-128, 127]); the offsets the kernels use are its
// negation, which for an arbitrary int32 (INT32_MIN) would overflow.
bool check_zero_point_s8(int32_t zp, const char* what, std::string* error) {
  if (zp < -128 || zp > 127) {
    return fail(error, std::string(what) + " zero point " + std::to_string(zp) + " is outside [-128, 127]");
  }
  return true;
}

}  // namespace

bool tflite_activation_range_s8(int32_t activation, float output_scale, int32_t output_zero_point,
                                int32_t* act_min, int32_t* act_max, float* float_min,
                                float* float_max, std::string* error) {
  return tflite_activation_range(activation, 8, output_scale, output_zero_point, act_min, act_max,
                                 float_min, float_max, error);
}

bool tflite_activation_range(int32_t activation, int32_t bits, float output_scale,
                             int32_t output_zero_point, int32_t* act_min, int32_t* act_max,
                             float* float_min, float* float_max, std::string* error) {
  const int32_t kQmin = bits == 16 ? -32768 : -128;
  const int32_t kQmax = bits == 16 ? 32767 : 127;
  int32_t lo = kQmin;
  int32_t hi = kQmax;
  int32_t q = 0;
  bool ok = true;
  if (activation == kActRelu) {
    ok = quantize_activation_value(output_scale, output_zero_point, 0.0f, &q);
    lo = std::max(kQmin, q);
  } else if (activation == kActRelu6) {
    ok = quantize_activation_value(output_scale, output_zero_point, 0.0f, &q);
    lo = std::max(kQmin, q);
    ok = ok && quantize_activation_value(output_scale, output_zero_point, 6.0f, &q);
    hi = std::min(kQmax, q);
  } else if (activation == kActReluN1To1) {
    ok = quantize_activation_value(output_scale, output_zero_point, -1.0f, &q);
    lo = std::max(kQmin, q);
    ok = ok && quantize_activation_value(output_scale, output_zero_point, 1.0f, &q);
    hi = std::min(kQmax, q);
  }
  if (!ok) {
    return fail(error, "fused activation bound does not fit int32 at output scale " +
                           std::to_string(output_scale));
  }
  *act_min = lo;
  *act_max = hi;
  // CalculateActivationRange (float): NONE and other codes give the whole float range.
  float fmin = std::numeric_limits<float>::lowest();
  float fmax = std::numeric_limits<float>::max();
  if (activation == kActRelu) {
    fmin = 0.0f;
  } else if (activation == kActRelu6) {
    fmin = 0.0f;
    fmax = 6.0f;
  } else if (activation == kActReluN1To1) {
    fmin = -1.0f;
    fmax = 1.0f;
  }
  if (float_min != nullptr) *float_min = fmin;
  if (float_max != nullptr) *float_max = fmax;
  return true;
}

int32_t tflite_input_radius(int input_integer_bits, int input_left_shift, int total_signed_bits) {
  const double max_input_rescaled = 1.0 * ((1 << input_integer_bits) - 1) *
                                    static_cast<double>(int64_t{1} << (total_signed_bits - input_integer_bits)) /
                                    static_cast<double>(int64_t{1} << input_left_shift);
  return static_cast<int32_t>(std::floor(max_input_rescaled));
}

bool tflite_padding_1d(int32_t padding, int32_t stride, int32_t dilation, int32_t in_size,
                       int32_t filter_size, TflitePadding1d* out, std::string* error) {
  if (padding != kPaddingSame && padding != kPaddingValid) {
    return fail(error, "padding code " + std::to_string(padding) + " is neither SAME (0) nor VALID (1)");
  }
  if (stride <= 0 || dilation <= 0 || filter_size <= 0 || in_size < 0) {
    return fail(error, "stride " + std::to_string(stride) + ", dilation " + std::to_string(dilation) +
                           ", filter " + std::to_string(filter_size) + " and input size " +
                           std::to_string(in_size) + " must be positive");
  }
  const int64_t effective_filter = (static_cast<int64_t>(filter_size) - 1) * dilation + 1;
  const int64_t out_size = padding == kPaddingSame
                               ? (static_cast<int64_t>(in_size) + stride - 1) / stride
                               : (static_cast<int64_t>(in_size) + stride - effective_filter) / stride;
  if (out_size <= 0 || out_size > std::numeric_limits<int32_t>::max()) {
    return fail(error, "output size " + std::to_string(out_size) + " from input " + std::to_string(in_size) +
                           ", filter " + std::to_string(filter_size) + " is not positive");
  }
  int64_t total = (out_size - 1) * stride + effective_filter - in_size;
  total = total > 0 ? total : 0;
  out->out_size = static_cast<int32_t>(out_size);
  out->pad_before = static_cast<int32_t>(total / 2);
  out->pad_after = static_cast<int32_t>(total - total / 2);
  return true;
}

namespace {

// PopulateConvolutionQuantizationParams: input scale * filter scale[c] / output scale per channel,
// every factor widened to double first.
bool conv_multipliers(const TfliteConvSpec& spec, std::vector<int32_t>* multipliers,
                      std::vector<int32_t>* shifts, std::string* error) {
  multipliers->assign(static_cast<size_t>(spec.filter_scale_count), 0);
  shifts->assign(static_cast<size_t>(spec.filter_scale_count), 0);
  for (int32_t c = 0; c < spec.filter_scale_count; ++c) {
    if (!check_scale(spec.filter_scales[c], "filter", error)) return false;
    const double effective = static_cast<double>(spec.input_scale) * static_cast<double>(spec.filter_scales[c]) /
                             static_cast<double>(spec.output_scale);
    set_multiplier(effective, &(*multipliers)[static_cast<size_t>(c)], &(*shifts)[static_cast<size_t>(c)]);
  }
  return true;
}

// The quantization fields of CONV_2D, DEPTHWISE_CONV_2D and TRANSPOSE_CONV: zero points (0 for
// 16x8), offsets, the activation range of spec.bits, and the per-channel multipliers.
bool conv_quantization(const TfliteConvSpec& spec, const char* op, ConvParams* p,
                       std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                       std::string* error) {
  if (spec.bits == 16 && (spec.input_zero_point != 0 || spec.output_zero_point != 0)) {
    return fail(error, std::string(op) + ": int16 activations need zero points 0 (TFLite's 16x8)");
  }
  if (spec.bits != 16 && (!check_zero_point_s8(spec.input_zero_point, "input", error) ||
                          !check_zero_point_s8(spec.output_zero_point, "output", error))) {
    return false;
  }
  p->input_offset = -spec.input_zero_point;
  p->output_offset = spec.output_zero_point;
  if (!tflite_activation_range(spec.activation, spec.bits, spec.output_scale, spec.output_zero_point,
                               &p->act_min, &p->act_max, &p->float_act_min, &p->float_act_max,
                               error)) {
    return false;
  }
  p->channel_count = spec.filter_scale_count;
  return conv_multipliers(spec, multipliers, shifts, error);
}

}  // namespace

bool tflite_conv_params(const TfliteConvSpec& spec, bool depthwise, ConvParams* params,
                        std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                        std::string* error) {
  const char* op = depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D";
  if (!check_scale(spec.input_scale, "input", error) || !check_scale(spec.output_scale, "output", error)) {
    return false;
  }
  const int32_t out_channels = depthwise ? spec.filter.c : spec.filter.n;
  if (out_channels != spec.output.c) {
    return fail(error, std::string(op) + ": filter has " + std::to_string(out_channels) +
                           " output channels, output tensor " + std::to_string(spec.output.c));
  }
  if (depthwise) {
    if (spec.depth_multiplier <= 0 ||
        int64_t{spec.input.c} * spec.depth_multiplier != spec.output.c) {  // no int32 wrap
      return fail(error, std::string(op) + ": input channels " + std::to_string(spec.input.c) +
                             " * depth multiplier " + std::to_string(spec.depth_multiplier) +
                             " != output channels " + std::to_string(spec.output.c));
    }
  } else if (spec.filter.c <= 0 || spec.input.c <= 0 || spec.input.c % spec.filter.c != 0 ||
             spec.output.c % (spec.input.c / spec.filter.c) != 0) {
    return fail(error, std::string(op) + ": filter input depth " + std::to_string(spec.filter.c) +
                           " does not divide input channels " + std::to_string(spec.input.c) +
                           " into groups of the output channels");
  }
  if (spec.filter_scale_count != 1 && spec.filter_scale_count != out_channels) {
    return fail(error, std::string(op) + ": " + std::to_string(spec.filter_scale_count) +
                           " filter scales for " + std::to_string(out_channels) + " output channels");
  }
  TflitePadding1d ph{}, pw{};
  if (!tflite_padding_1d(spec.padding, spec.stride_h, spec.dilation_h, spec.input.h, spec.filter.h, &ph, error) ||
      !tflite_padding_1d(spec.padding, spec.stride_w, spec.dilation_w, spec.input.w, spec.filter.w, &pw, error)) {
    return false;
  }
  if (ph.out_size != spec.output.h || pw.out_size != spec.output.w) {
    return fail(error, std::string(op) + ": output " + std::to_string(spec.output.h) + "x" +
                           std::to_string(spec.output.w) + " but TFLite derives " +
                           std::to_string(ph.out_size) + "x" + std::to_string(pw.out_size));
  }
  ConvParams p{};
  p.stride_h = spec.stride_h;
  p.stride_w = spec.stride_w;
  p.dilation_h = spec.dilation_h;
  p.dilation_w = spec.dilation_w;
  p.pad_top = ph.pad_before;
  p.pad_left = pw.pad_before;
  p.depth_multiplier = depthwise ? spec.depth_multiplier : 1;
  if (!conv_quantization(spec, op, &p, multipliers, shifts, error)) return false;
  *params = p;
  return true;
}

bool tflite_transpose_conv_params(const TfliteConvSpec& spec, ConvParams* params,
                                  std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                                  std::string* error) {
  const char* op = "TRANSPOSE_CONV";
  if (!check_scale(spec.input_scale, "input", error) || !check_scale(spec.output_scale, "output", error)) {
    return false;
  }
  if (spec.filter.n != spec.output.c || spec.filter.c != spec.input.c || spec.input.n != spec.output.n) {
    return fail(error, std::string(op) + ": filter must be [output channels, kh, kw, input channels]");
  }
  if (spec.filter_scale_count != 1 && spec.filter_scale_count != spec.output.c) {
    return fail(error, std::string(op) + ": " + std::to_string(spec.filter_scale_count) +
                           " filter scales for " + std::to_string(spec.output.c) + " output channels");
  }
  // TFLM pads as for the convolution from the transpose's output back to its input.
  TflitePadding1d ph{}, pw{};
  if (!tflite_padding_1d(spec.padding, spec.stride_h, 1, spec.output.h, spec.filter.h, &ph, error) ||
      !tflite_padding_1d(spec.padding, spec.stride_w, 1, spec.output.w, spec.filter.w, &pw, error)) {
    return false;
  }
  ConvParams p{};
  p.stride_h = spec.stride_h;
  p.stride_w = spec.stride_w;
  p.dilation_h = 1;
  p.dilation_w = 1;
  p.pad_top = ph.pad_before;
  p.pad_left = pw.pad_before;
  p.depth_multiplier = 1;
  if (!conv_quantization(spec, op, &p, multipliers, shifts, error)) return false;
  *params = p;
  return true;
}

bool tflite_fully_connected_params(const TfliteFullyConnectedSpec& spec, FullyConnectedParams* params,
                                   std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                                   std::string* error) {
  if (!check_scale(spec.input_scale, "input", error) || !check_scale(spec.output_scale, "output", error)) {
    return false;
  }
  if (spec.filter_scale_count < 1) return fail(error, "FULLY_CONNECTED: no filter scale");
  for (int32_t c = 0; c < spec.filter_scale_count; ++c) {
    if (!check_scale(spec.filter_scales[c], "filter", error)) return false;
  }
  if (spec.bits == 16 && (spec.input_zero_point != 0 || spec.output_zero_point != 0)) {
    return fail(error, "FULLY_CONNECTED: int16 activations need zero points 0 (TFLite's 16x8)");
  }
  if ((spec.bits != 16 && (!check_zero_point_s8(spec.input_zero_point, "input", error) ||
                           !check_zero_point_s8(spec.output_zero_point, "output", error))) ||
      !check_zero_point_s8(spec.filter_zero_point, "filter", error)) {
    return false;
  }
  FullyConnectedParams p{};
  p.input_offset = -spec.input_zero_point;
  p.weights_offset = -spec.filter_zero_point;
  p.output_offset = spec.output_zero_point;
  if (!tflite_activation_range(spec.activation, spec.bits, spec.output_scale, spec.output_zero_point,
                               &p.act_min, &p.act_max, &p.float_act_min, &p.float_act_max, error)) {
    return false;
  }
  p.channel_count = spec.filter_scale_count;
  multipliers->assign(static_cast<size_t>(p.channel_count), 0);
  shifts->assign(static_cast<size_t>(p.channel_count), 0);
  if (p.channel_count == 1) {
    // GetQuantizedConvolutionMultipler: the product is a float multiplication.
    const float product = spec.input_scale * spec.filter_scales[0];
    if (spec.has_bias) {
      const double input_product_scale =
          static_cast<double>(spec.input_scale) * static_cast<double>(spec.filter_scales[0]);
      const double scale_diff = std::abs(input_product_scale - static_cast<double>(spec.bias_scale));
      if (!(scale_diff / static_cast<double>(spec.output_scale) <= 0.02)) {
        return fail(error, "FULLY_CONNECTED: bias scale " + std::to_string(spec.bias_scale) +
                               " differs from input * filter scale " + std::to_string(input_product_scale) +
                               " (TFLite requires |difference| / output scale <= 0.02)");
      }
    }
    set_multiplier(static_cast<double>(product) / static_cast<double>(spec.output_scale), &(*multipliers)[0],
                   &(*shifts)[0]);
  } else {
    for (int32_t c = 0; c < p.channel_count; ++c) {
      const double effective = static_cast<double>(spec.input_scale) * static_cast<double>(spec.filter_scales[c]) /
                               static_cast<double>(spec.output_scale);
      set_multiplier(effective, &(*multipliers)[static_cast<size_t>(c)], &(*shifts)[static_cast<size_t>(c)]);
    }
  }
  *params = p;
  return true;
}

bool tflite_pool_params(int32_t padding, int32_t stride_h, int32_t stride_w, int32_t filter_h,
                        int32_t filter_w, int32_t in_h, int32_t in_w, int32_t activation,
                        float output_scale, int32_t output_zero_point, PoolParams* params,
                        int32_t* out_h, int32_t* out_w, std::string* error, int32_t bits) {
  TflitePadding1d ph{}, pw{};
  if (!tflite_padding_1d(padding, stride_h, 1, in_h, filter_h, &ph, error) ||
      !tflite_padding_1d(padding, stride_w, 1, in_w, filter_w, &pw, error)) {
    return false;
  }
  PoolParams p{};
  p.stride_h = stride_h;
  p.stride_w = stride_w;
  p.filter_h = filter_h;
  p.filter_w = filter_w;
  p.pad_top = ph.pad_before;
  p.pad_left = pw.pad_before;
  if (!tflite_activation_range(activation, bits, output_scale, output_zero_point, &p.act_min,
                               &p.act_max, &p.float_act_min, &p.float_act_max, error)) {
    return false;
  }
  *params = p;
  *out_h = ph.out_size;
  *out_w = pw.out_size;
  return true;
}

namespace {

// ADD and SUB: `op` names the operator in errors.
// TFLM's add.cc and sub_common.cc, in double for both. (sub_common.cc at the pinned commit
// computes SUB's common scale and multipliers in float; TFLM's own SEANet goldens match the
// double form, 5 of 5 models, and not the float one, 2 of 5: the goldens are the oracle.)
bool add_or_sub_params(const char* op, float input1_scale, int32_t input1_zero_point,
                       float input2_scale, int32_t input2_zero_point, float output_scale,
                       int32_t output_zero_point, int32_t activation, int32_t bits,
                       AddParams* params, std::string* error) {
  if (!check_scale(input1_scale, "input1", error) || !check_scale(input2_scale, "input2", error) ||
      !check_scale(output_scale, "output", error)) {
    return false;
  }
  AddParams p{};
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  p.left_shift = bits == 16 ? 15 : 20;
  const std::string name = op;
  const double twice_max = 2 * static_cast<double>(std::max(input1_scale, input2_scale));
  const double real_input1 = static_cast<double>(input1_scale) / twice_max;
  const double real_input2 = static_cast<double>(input2_scale) / twice_max;
  const double real_output = twice_max / ((1 << p.left_shift) * static_cast<double>(output_scale));
  if (!set_multiplier_smaller_than_one(real_input1, &p.input1_multiplier, &p.input1_shift,
                                       (name + " input1").c_str(), error) ||
      !set_multiplier_smaller_than_one(real_input2, &p.input2_multiplier, &p.input2_shift,
                                       (name + " input2").c_str(), error) ||
      !set_multiplier_smaller_than_one(real_output, &p.output_multiplier, &p.output_shift,
                                       (name + " output").c_str(), error)) {
    return false;
  }
  if (!tflite_activation_range(activation, bits, output_scale, output_zero_point, &p.act_min,
                               &p.act_max, &p.float_act_min, &p.float_act_max, error)) {
    return false;
  }
  *params = p;
  return true;
}

}  // namespace

bool tflite_add_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                       int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                       int32_t activation, AddParams* params, std::string* error, int32_t bits) {
  return add_or_sub_params("ADD", input1_scale, input1_zero_point, input2_scale, input2_zero_point,
                           output_scale, output_zero_point, activation, bits, params, error);
}

bool tflite_sub_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                       int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                       int32_t activation, AddParams* params, std::string* error, int32_t bits) {
  return add_or_sub_params("SUB", input1_scale, input1_zero_point, input2_scale, input2_zero_point,
                           output_scale, output_zero_point, activation, bits, params, error);
}

bool tflite_mul_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                       int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                       int32_t activation, MulParams* params, std::string* error, int32_t bits) {
  if (!check_scale(input1_scale, "input1", error) || !check_scale(input2_scale, "input2", error) ||
      !check_scale(output_scale, "output", error)) {
    return false;
  }
  MulParams p{};
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  if (bits == 16 && (input1_zero_point != 0 || input2_zero_point != 0 || output_zero_point != 0)) {
    return fail(error, "MUL: int16 activations need zero points 0 (TFLite's 16x8)");
  }
  if (!tflite_activation_range(activation, bits, output_scale, output_zero_point, &p.act_min,
                               &p.act_max, &p.float_act_min, &p.float_act_max, error)) {
    return false;
  }
  const double real = static_cast<double>(input1_scale) * static_cast<double>(input2_scale) /
                      static_cast<double>(output_scale);
  set_multiplier(real, &p.output_multiplier, &p.output_shift);
  *params = p;
  return true;
}

bool tflite_softmax_params(float beta, float input_scale, float output_scale,
                           int32_t output_zero_point, SoftmaxParams* params, std::string* error) {
  if (!check_scale(input_scale, "input", error)) return false;
  if (output_zero_point != -128 || output_scale != 1.0f / 256) {
    return fail(error, "SOFTMAX int8 output must have scale 1/256 and zero point -128 (has " +
                           std::to_string(output_scale) + ", " + std::to_string(output_zero_point) + ")");
  }
  constexpr int kScaledDiffIntegerBits = 5;
  // PreprocessSoftmaxScaling, double-rounding build: the multiplier is capped at 2^31 - 1.
  const double max_real_multiplier = static_cast<double>((int64_t{1} << 31) - 1);
  const double real = std::min(static_cast<double>(beta) * static_cast<double>(input_scale) *
                                   static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                               max_real_multiplier);
  if (!(real > 1.0)) {
    return fail(error, "SOFTMAX: beta * input scale * 2^26 = " + std::to_string(real) +
                           " must exceed 1 (TFLite's QuantizeMultiplierGreaterThanOne)");
  }
  SoftmaxParams p{};
  set_multiplier(real, &p.input_multiplier, &p.input_left_shift);
  p.diff_min = static_cast<int32_t>(-1.0 * tflite_input_radius(kScaledDiffIntegerBits, p.input_left_shift));
  p.beta = beta;
  *params = p;
  return true;
}

namespace {

// The LOGISTIC / TANH int8 input rescaling of TFLM's Prepare: frexp of input_scale * 2^27, the
// mantissa rounded to Q0.31 without renormalisation.
bool logistic_tanh_input_params(float input_scale, int32_t input_zero_point, LogisticParams* params,
                                const char* op, std::string* error) {
  if (!check_scale(input_scale, "input", error)) return false;
  constexpr int kInputIntegerBits = 4;
  const double real = static_cast<double>(input_scale) * static_cast<double>(1 << (31 - kInputIntegerBits));
  int left_shift = 0;
  const double q = std::frexp(real, &left_shift);
  const int64_t multiplier = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (multiplier >= (int64_t{1} << 31)) {
    // Cannot happen for a float32 scale (24-bit mantissa); TFLite would wrap.
    return fail(error, std::string(op) + ": input multiplier rounds to 2^31");
  }
  if (left_shift < 0 || left_shift > 62) {
    return fail(error, std::string(op) + ": input scale " + std::to_string(input_scale) +
                           " gives a shift of " + std::to_string(left_shift) + " outside [0, 62]");
  }
  LogisticParams p{};
  p.input_zero_point = input_zero_point;
  p.input_multiplier = static_cast<int32_t>(multiplier);
  p.input_left_shift = left_shift;
  p.input_range_radius = tflite_input_radius(kInputIntegerBits, left_shift, 31);
  *params = p;
  return true;
}

}  // namespace

bool tflite_logistic_params(float input_scale, int32_t input_zero_point, float output_scale,
                            int32_t output_zero_point, LogisticParams* params, std::string* error) {
  (void)output_scale;  // TFLM does not check it; the kernel writes scale 1/256
  if (output_zero_point != -128) {
    return fail(error, "LOGISTIC int8 output zero point must be -128 (has " + std::to_string(output_zero_point) + ")");
  }
  return logistic_tanh_input_params(input_scale, input_zero_point, params, "LOGISTIC", error);
}

bool tflite_tanh_params(float input_scale, int32_t input_zero_point, LogisticParams* params,
                        std::string* error) {
  return logistic_tanh_input_params(input_scale, input_zero_point, params, "TANH", error);
}

namespace {

// TFLite's DownScaleInt32ToInt16Multiplier: a Q0.31 multiplier rounded to Q0.15, saturating.
int32_t q15_of(int32_t multiplier) {
  constexpr int32_t kHalf = 1 << 15;
  if (multiplier >= INT32_MAX - kHalf) return 32767;
  return (multiplier + kHalf) >> 16;
}

}  // namespace

bool tflite_hard_swish_params(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, HardSwishParams* params,
                              std::string* error) {
  if (!check_scale(input_scale, "input", error) || !check_scale(output_scale, "output", error)) {
    return false;
  }
  const float hires = (1.0f / 128.0f) * input_scale;
  const float reluish_scale = 3.0f / 32768.0f;
  HardSwishParams p{};
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  const QuantizedMultiplier out = quantize_multiplier(static_cast<double>(hires / output_scale));
  const QuantizedMultiplier reluish = quantize_multiplier(static_cast<double>(hires / reluish_scale));
  if (out.shift > 0) {
    return fail(error, "HARD_SWISH: input scale / output scale above 128 gives a positive output exponent (TFLM refuses it)");
  }
  if (out.shift < -31 || reluish.shift < -31 || reluish.shift > 31) {
    return fail(error, "HARD_SWISH: input / output scale ratio out of range");
  }
  p.output_multiplier = q15_of(out.multiplier);
  p.output_exponent = out.shift;
  p.reluish_multiplier = q15_of(reluish.multiplier);
  p.reluish_exponent = reluish.shift;
  *params = p;
  return true;
}

bool tflite_prelu_params(float input_scale, int32_t input_zero_point, float alpha_scale,
                         int32_t alpha_zero_point, float output_scale, int32_t output_zero_point,
                         PreluParams* params, std::string* error) {
  if (!check_scale(input_scale, "input", error) || !check_scale(alpha_scale, "alpha", error) ||
      !check_scale(output_scale, "output", error)) {
    return false;
  }
  PreluParams p{};
  p.input_offset = -input_zero_point;
  p.alpha_offset = -alpha_zero_point;
  p.output_offset = output_zero_point;
  set_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale),
                 &p.multiplier_positive, &p.shift_positive);
  set_multiplier(static_cast<double>(input_scale) * static_cast<double>(alpha_scale) /
                     static_cast<double>(output_scale),
                 &p.multiplier_alpha, &p.shift_alpha);
  *params = p;
  return true;
}

bool tflite_squared_difference_params(float input1_scale, int32_t input1_zero_point,
                                      float input2_scale, int32_t input2_zero_point,
                                      float output_scale, int32_t output_zero_point,
                                      AddParams* params, std::string* error) {
  if (!check_scale(input1_scale, "input1", error) || !check_scale(input2_scale, "input2", error) ||
      !check_scale(output_scale, "output", error)) {
    return false;
  }
  AddParams p{};
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  p.left_shift = 7;
  const double twice_max = 2.0 * static_cast<double>(std::max(input1_scale, input2_scale));
  if (!set_multiplier_smaller_than_one(static_cast<double>(input1_scale) / twice_max, &p.input1_multiplier,
                                       &p.input1_shift, "SQUARED_DIFFERENCE input1", error) ||
      !set_multiplier_smaller_than_one(static_cast<double>(input2_scale) / twice_max, &p.input2_multiplier,
                                       &p.input2_shift, "SQUARED_DIFFERENCE input2", error)) {
    return false;
  }
  // TFLite multiplies 2^14 by the output scale in float (exact: a power of two).
  set_multiplier(twice_max * twice_max / static_cast<double>(16384.0f * output_scale),
                 &p.output_multiplier, &p.output_shift);
  p.act_min = -128;
  p.act_max = 127;
  *params = p;
  return true;
}

std::vector<int32_t> tflite_nearest_sources(int32_t input_size, int32_t output_size,
                                            bool align_corners, bool half_pixel_centers) {
  const float scale = (align_corners && output_size > 1)
                          ? static_cast<float>(input_size - 1) / static_cast<float>(output_size - 1)
                          : static_cast<float>(input_size) / static_cast<float>(output_size);
  const float offset = half_pixel_centers ? 0.5f : 0.0f;
  std::vector<int32_t> sources(static_cast<size_t>(output_size));
  for (int32_t i = 0; i < output_size; ++i) {
    const float at = (static_cast<float>(i) + offset) * scale;
    int32_t v = static_cast<int32_t>(align_corners ? std::round(at) : std::floor(at));
    v = std::min(v, input_size - 1);
    if (half_pixel_centers) v = std::max(v, 0);
    sources[static_cast<size_t>(i)] = v;
  }
  return sources;
}

bool tflite_batch_matmul_params(float lhs_scale, int32_t lhs_zero_point, float rhs_scale,
                                int32_t rhs_zero_point, float output_scale,
                                int32_t output_zero_point, BatchMatMulParams* params,
                                std::string* error) {
  if (!check_scale(lhs_scale, "lhs", error) || !check_scale(rhs_scale, "rhs", error) ||
      !check_scale(output_scale, "output", error)) {
    return false;
  }
  BatchMatMulParams p = *params;  // keeps adj_x / adj_y
  p.lhs_offset = -lhs_zero_point;
  p.rhs_offset = -rhs_zero_point;
  p.output_offset = output_zero_point;
  set_multiplier(static_cast<double>(lhs_scale * rhs_scale) / static_cast<double>(output_scale),
                 &p.output_multiplier, &p.output_shift);
  *params = p;
  return true;
}

bool tflite_svdf_params(const TfliteSvdfScales& s, int32_t rank, SvdfParams* params,
                        std::string* error) {
  if (!check_scale(s.input, "input", error) || !check_scale(s.weights_feature, "weights_feature", error) ||
      !check_scale(s.weights_time, "weights_time", error) || !check_scale(s.state, "state", error) ||
      !check_scale(s.output, "output", error)) {
    return false;
  }
  if (!(std::fabs(static_cast<double>(s.bias) - static_cast<double>(s.state * s.weights_time)) < 1e-5)) {
    return fail(error, "SVDF: bias scale must equal state scale * weights_time scale");
  }
  SvdfParams p{};
  p.rank = rank;
  p.input_zero_point = s.input_zero_point;
  p.state_zero_point = s.state_zero_point;
  p.output_zero_point = s.output_zero_point;
  set_multiplier(static_cast<double>(s.input * s.weights_feature / s.state), &p.feature_multiplier,
                 &p.feature_shift);
  set_multiplier(static_cast<double>(s.state * s.weights_time / s.output), &p.output_multiplier,
                 &p.output_shift);
  *params = p;
  return true;
}

bool tflite_lstm_params(const TfliteLstmScales& s, LstmParams* params, std::string* error) {
  if (!check_scale(s.input, "input", error) || !check_scale(s.hidden, "hidden state", error) ||
      !check_scale(s.cell, "cell state", error)) {
    return false;
  }
  LstmParams p{};
  p.time_major = s.time_major ? 1 : 0;
  p.input_zero_point = s.input_zero_point;
  p.hidden_zero_point = s.hidden_zero_point;
  // The gates' FC outputs are Q3.12 and the nonlinearities' outputs Q0.15 (TFLM's fixed scales).
  const float gate_in = 1.0f / 4096, gate_out = 1.0f / 32768;
  for (int g = 0; g < 4; ++g) {
    if (!check_scale(s.input_weights[g], "input weights", error) ||
        !check_scale(s.recurrent_weights[g], "recurrent weights", error)) {
      return false;
    }
    // GetQuantizedConvolutionMultipler without a bias: the scale product in float.
    set_multiplier(static_cast<double>(s.input * s.input_weights[g]) / static_cast<double>(gate_in),
                   &p.gates[g].input_multiplier, &p.gates[g].input_shift);
    set_multiplier(static_cast<double>(s.hidden * s.recurrent_weights[g]) / static_cast<double>(gate_in),
                   &p.gates[g].recurrent_multiplier, &p.gates[g].recurrent_shift);
  }
  // CreateInterGateMulParams: double * double / double.
  const auto mul = [](float a, float b, float out, int32_t* m, int32_t* sh) {
    set_multiplier(static_cast<double>(a) * static_cast<double>(b) / static_cast<double>(out), m, sh);
  };
  mul(gate_out, s.cell, s.cell, &p.forget_multiplier, &p.forget_shift);
  mul(gate_out, gate_out, s.cell, &p.input_multiplier, &p.input_shift);
  mul(gate_out, gate_out, s.hidden, &p.output_multiplier, &p.output_shift);
  // CreateLstmCellStateInfo: the cell scale's rounded log2 (a power of two is not enforced) sets
  // tanh's input rescale, (15 + log2) - 3 as a left shift or, when negative, multiplier 3 with
  // that right shift; the clip in double, truncated.
  int cell_log2 = 0;
  checked_log2(s.cell, &cell_log2);
  const int tanh_shift = (15 + cell_log2) - 3;
  if (tanh_shift < 0) {
    p.cell_tanh_multiplier = 3;
    p.cell_tanh_shift = -tanh_shift;
  } else if (tanh_shift <= 13) {
    p.cell_tanh_multiplier = 3 << tanh_shift;  // TFLite's multiplier-0 case, as the kernel runs it
  } else {
    return fail(error, "LSTM: cell state scale " + std::to_string(s.cell) + " above 2 is not supported");
  }
  p.float_cell_clip = s.cell_clip;
  if (s.cell_clip > 0.0f) {
    p.clip_enabled = 1;
    const double q = static_cast<double>(s.cell_clip) / static_cast<double>(s.cell);
    p.cell_clip = static_cast<int16_t>(std::min(std::max(q, -32768.0), 32767.0));
  }
  *params = p;
  return true;
}

bool tflite_softmax_s16_params(float beta, float input_scale, int32_t input_zero_point,
                               float output_scale, int32_t output_zero_point,
                               SoftmaxParams* params, std::string* error) {
  if (!check_scale(input_scale, "input", error)) return false;
  if (input_zero_point != 0 || output_zero_point != 0) {
    return fail(error, "SOFTMAX int16 needs zero points 0 (has " + std::to_string(input_zero_point) +
                           ", " + std::to_string(output_zero_point) + ")");
  }
  const float kOutputScale = 1.0f / 32768;
  if (!(std::fabs(output_scale - kOutputScale) <= 0.001f * kOutputScale)) {
    return fail(error, "SOFTMAX int16 output scale must be 1/32768 (has " + std::to_string(output_scale) + ")");
  }
  const double real = static_cast<double>(input_scale) * static_cast<double>(beta) / (10.0 / 65535.0);
  if (!(real > 0.0) || !std::isfinite(real)) {
    return fail(error, "SOFTMAX int16: beta * input scale must be positive and finite");
  }
  const QuantizedMultiplier m = quantize_multiplier(real);
  if (m.shift > 30) return fail(error, "SOFTMAX int16: beta * input scale too large");
  SoftmaxParams p{};
  p.input_multiplier = m.multiplier;
  p.input_left_shift = m.shift;
  p.beta = beta;
  *params = p;
  return true;
}

bool tflite_logistic_tanh_s16_params(bool tanh, float input_scale, int32_t input_zero_point,
                                     float output_scale, int32_t output_zero_point,
                                     LogisticParams* params, std::string* error) {
  const char* op = tanh ? "TANH" : "LOGISTIC";
  // Both scales positive and finite before their float log2 (found by fuzzing: an output scale
  // of 0 made it -inf, converted to int).
  if (!check_scale(input_scale, "input", error) || !check_scale(output_scale, "output", error)) {
    return false;
  }
  if (input_zero_point != 0 || output_zero_point != 0) {
    return fail(error, std::string(op) + " int16 needs zero points 0 (has " +
                           std::to_string(input_zero_point) + ", " + std::to_string(output_zero_point) + ")");
  }
  int output_log2 = 0;
  if (!checked_log2(output_scale, &output_log2) || output_log2 != -15) {
    return fail(error, std::string(op) + " int16 output scale must be 2^-15 (has " + std::to_string(output_scale) + ")");
  }
  constexpr int kInputIntegerBits = 3;
  int input_log2 = 0;
  const bool pot = checked_log2(input_scale, &input_log2);
  const int pot_shift = (15 - kInputIntegerBits) + input_log2;
  LogisticParams p{};
  if (pot && (pot_shift == 0 || (tanh && pot_shift == 1))) {
    p.input_multiplier = 3 << pot_shift;  // TFLite's multiplier-0 case, as the kernel runs it
  } else {
    double multiplier = static_cast<double>(input_scale) * 4096.0 * 3.0;
    int shift = 0;
    while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
      ++shift;
      multiplier *= 2.0;
    }
    if (multiplier > 32767.0) {
      return fail(error, std::string(op) + " int16: input scale " + std::to_string(input_scale) +
                             " above 32767 / (3 * 4096) is not supported (TFLite's multiplier overflows)");
    }
    p.input_multiplier = static_cast<int32_t>(multiplier);
    p.input_left_shift = shift;
    if (p.input_multiplier < 1) {
      return fail(error, std::string(op) + " int16: input scale " + std::to_string(input_scale) + " too small");
    }
  }
  *params = p;
  return true;
}

bool tflite_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                        int32_t output_zero_point, ReluParams* params, std::string* error) {
  if (!check_scale(input_scale, "RELU input", error) || !check_scale(output_scale, "RELU output", error)) {
    return false;
  }
  ReluParams p{};
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  set_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale), &p.multiplier, &p.shift);
  p.act_min = std::max(-128, output_zero_point + static_cast<int32_t>(std::round(0.0f / output_scale)));
  p.act_max = 127;
  p.float_act_min = 0.0f;
  p.float_act_max = std::numeric_limits<float>::infinity();
  *params = p;
  return true;
}

bool tflite_relu6_params(float input_scale, int32_t input_zero_point, ReluParams* params,
                         std::string* error) {
  if (!check_scale(input_scale, "RELU6 input", error)) return false;
  ReluParams p{};
  p.input_zero_point = input_zero_point;
  p.output_zero_point = input_zero_point;
  p.multiplier = int32_t{1} << 30;  // exactly 1.0: the kernel passes the input through
  p.shift = 1;
  // FloatToQuantizedType<int8_t>(6.0f, scale, zero_point): round(6.0f / scale) + zero_point,
  // clamped to int8.
  const double six = static_cast<double>(std::round(6.0f / input_scale)) + input_zero_point;
  p.act_min = input_zero_point;
  p.act_max = static_cast<int32_t>(std::min(127.0, std::max(-128.0, six)));
  p.float_act_min = 0.0f;
  p.float_act_max = 6.0f;
  *params = p;
  return true;
}

bool tflite_requantize_params(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, QuantizeParams* params,
                              std::string* error) {
  if (!check_scale(input_scale, "QUANTIZE input", error) ||
      !check_scale(output_scale, "QUANTIZE output", error)) {
    return false;
  }
  QuantizeParams p{};
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  set_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale), &p.multiplier, &p.shift);
  p.scale = output_scale;
  *params = p;
  return true;
}

bool tflite_mean_params(float input_scale, int32_t input_zero_point, float output_scale,
                        int32_t output_zero_point, const int32_t* axes, int32_t axis_count,
                        int32_t input_rank, bool keep_dims, MeanParams* params, std::string* error) {
  if (input_rank < 1 || input_rank > 4) {
    return fail(error, "MEAN: input rank " + std::to_string(input_rank) + " is not in 1..4");
  }
  if (!check_scale(input_scale, "input", error) || !check_scale(output_scale, "output", error)) return false;
  MeanParams p{};
  for (int32_t i = 0; i < axis_count; ++i) {
    const int32_t axis = axes[i] < 0 ? axes[i] + input_rank : axes[i];
    if (axis < 0 || axis >= input_rank) {
      return fail(error, "MEAN: axis " + std::to_string(axes[i]) + " out of range for rank " +
                             std::to_string(input_rank));
    }
    p.axis_mask |= 1u << (4 - input_rank + axis);
  }
  p.keep_dims = keep_dims ? 1 : 0;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  set_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale), &p.multiplier, &p.shift);
  *params = p;
  return true;
}

bool tflite_pad_params(const int32_t* paddings, int32_t rank, int32_t pad_value, PadParams* params,
                       std::string* error) {
  if (rank < 1 || rank > 4) return fail(error, "PAD: rank " + std::to_string(rank) + " is not in 1..4");
  if (pad_value < -32768 || pad_value > 32767) {
    return fail(error, "PAD: pad value " + std::to_string(pad_value) + " is not an int8 or int16");
  }
  PadParams p{};
  for (int32_t d = 0; d < rank; ++d) {
    const int32_t before = paddings[2 * d];
    const int32_t after = paddings[2 * d + 1];
    if (before < 0 || after < 0) {
      return fail(error, "PAD: negative padding " + std::to_string(before) + ", " + std::to_string(after) +
                             " in dimension " + std::to_string(d));
    }
    p.before[4 - rank + d] = before;
    p.after[4 - rank + d] = after;
  }
  p.pad_value = pad_value;
  p.float_pad_value = 0.0f;
  *params = p;
  return true;
}

bool tflite_leaky_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, float alpha, LeakyReluParams* params,
                              std::string* error) {
  if (!check_scale(input_scale, "input", error) || !check_scale(output_scale, "output", error)) {
    return false;
  }
  if (!std::isfinite(alpha)) return fail(error, "LEAKY_RELU: alpha is not finite");
  LeakyReluParams p{};
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  p.alpha = alpha;
  // Both reals are float arithmetic (as TFLM's), which can overflow to infinity: they must be
  // finite and below 2^30, where a (multiplier, shift) pair exists (found by fuzzing).
  const double real_alpha = static_cast<double>(input_scale * alpha / output_scale);
  const double real_identity = static_cast<double>(input_scale / output_scale);
  for (const double real : {real_alpha, real_identity}) {
    if (!std::isfinite(real) || std::fabs(real) >= 1073741824.0) {
      return fail(error, "LEAKY_RELU: rescale " + std::to_string(real) + " is not representable");
    }
  }
  set_multiplier(std::fabs(real_alpha), &p.multiplier_alpha, &p.shift_alpha);
  if (real_alpha < 0) p.multiplier_alpha = -p.multiplier_alpha;
  set_multiplier(real_identity, &p.multiplier_identity, &p.shift_identity);
  *params = p;
  return true;
}

namespace {

int32_t clamp_index(int64_t v, int32_t lo, int32_t hi) {
  return static_cast<int32_t>(v < lo ? lo : v > hi ? hi : v);
}

}  // namespace

bool tflite_strided_slice_params(const TfliteStridedSliceSpec& spec, StridedSliceParams* params,
                                 std::vector<int32_t>* output_shape, std::string* error) {
  const auto rank = static_cast<int32_t>(spec.input_shape.size());
  if (rank < 1 || rank > 5) return fail(error, "STRIDED_SLICE: rank " + std::to_string(rank) + " is not in 1..5");
  if (spec.begin.size() != spec.input_shape.size() || spec.end.size() != spec.input_shape.size() ||
      spec.strides.size() != spec.input_shape.size()) {
    return fail(error, "STRIDED_SLICE: begin, end and strides must hold one value per input axis");
  }
  if (spec.ellipsis_mask != 0 || spec.new_axis_mask != 0 || spec.offset) {
    return fail(error, "STRIDED_SLICE: ellipsis_mask, new_axis_mask and offset are not supported");
  }
  StridedSliceParams p{};
  p.rank = rank;
  output_shape->clear();
  for (int32_t a = 0; a < rank; ++a) {
    const int32_t dim = spec.input_shape[static_cast<size_t>(a)];
    const int32_t stride = spec.strides[static_cast<size_t>(a)];
    if (stride == 0) return fail(error, "STRIDED_SLICE: stride of axis " + std::to_string(a) + " is 0");
    const bool shrink = (spec.shrink_axis_mask >> a & 1) != 0;
    // StartForAxis: the mask takes the whole axis; negative indices count from the end.
    int64_t start = spec.begin[static_cast<size_t>(a)];
    if ((spec.begin_mask >> a & 1) != 0) start = stride > 0 ? INT32_MIN : INT32_MAX;
    if (start < 0) start += dim;
    const int32_t first = stride > 0 ? clamp_index(start, 0, dim) : clamp_index(start, -1, dim - 1);
    // StopForAxis: a shrunk axis takes exactly the element at `first`.
    int64_t stop = spec.end[static_cast<size_t>(a)];
    int32_t last;
    if (shrink) {
      last = first + 1;
    } else {
      if ((spec.end_mask >> a & 1) != 0) stop = stride > 0 ? INT32_MAX : INT32_MIN;
      if (stop < 0) stop += dim;
      last = stride > 0 ? clamp_index(stop, 0, dim) : clamp_index(stop, -1, dim - 1);
    }
    const int64_t span = stride > 0 ? static_cast<int64_t>(last) - first
                                    : static_cast<int64_t>(first) - last;
    const int64_t step = stride > 0 ? stride : -static_cast<int64_t>(stride);
    const int32_t count = span > 0 ? static_cast<int32_t>((span + step - 1) / step) : 0;
    p.start[a] = count > 0 ? first : 0;
    p.stride[a] = stride;
    p.count[a] = count;
    if (!shrink) output_shape->push_back(count);
  }
  *params = p;
  return true;
}

}  // namespace qrt
