// Operator parameters exactly as TensorFlow Lite Micro's Prepare() computes them for int8
// kernels (host-only). The TFLite importer reads scales, zero points, shapes and builtin options
// from the flatbuffer and calls these functions to fill the parameter blocks of
// ops/include/qrt/ops/params.h; the reference kernels (ops/ref/) then reproduce TFLM's output
// bytes.
//
// Conventions:
//  - scales are passed as the float32 values stored in the flatbuffer; each function converts
//    them to double (or multiplies them in float) in the same order as TFLM, because the last bit
//    of a multiplier depends on it;
//  - `activation` is a schema.fbs ActivationFunctionType value (0 NONE, 1 RELU, 2 RELU_N1_TO_1,
//    3 RELU6, 4 TANH, 5 SIGN_BIT) and `padding` a schema.fbs Padding value (0 SAME, 1 VALID);
//  - every function returns false with a one-line *error (when error is non-null) where TFLM's
//    Prepare would fail or abort (TF_LITE_ENSURE, TFLITE_CHECK), and leaves its outputs
//    unspecified then;
//  - multipliers follow fixedpoint.h: real = multiplier * 2^(shift - 31), computed by
//    quantize_multiplier() (TFLite's QuantizeMultiplier, double-rounding build).
#ifndef QRT_QUANT_HOST_TFLITE_PARAMS_H
#define QRT_QUANT_HOST_TFLITE_PARAMS_H

#include <stdint.h>

#include <string>
#include <vector>

#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/params.h"

namespace qrt {

// ---- Shared pieces -------------------------------------------------------------------------

// CalculateActivationRangeQuantized for an int8 output: RELU clamps at the quantized 0,
// RELU6 at quantized 0 and 6, RELU_N1_TO_1 at quantized -1 and 1, each intersected with
// [-128, 127]; NONE (and, as in TFLite, any other code) gives [-128, 127]. Values are quantized
// as zero_point + (int32)round(value / scale) in float, failing when that leaves int32.
// Also fills *float_min / *float_max (TFLite's CalculateActivationRange) when non-null.
bool tflite_activation_range_s8(int32_t activation, float output_scale, int32_t output_zero_point,
                                int32_t* act_min, int32_t* act_max, float* float_min,
                                float* float_max, std::string* error);
// The same for an int8 (bits 8) or int16 (bits 16, [-32768, 32767]) output.
bool tflite_activation_range(int32_t activation, int32_t bits, float output_scale,
                             int32_t output_zero_point, int32_t* act_min, int32_t* act_max,
                             float* float_min, float* float_max, std::string* error);

// TFLite's CalculateInputRadius: floor((2^input_integer_bits - 1) * 2^(total_signed_bits -
// input_integer_bits) / 2^input_left_shift), the largest input difference whose rescaled value
// stays in range. input_left_shift must be in [0, 62].
int32_t tflite_input_radius(int input_integer_bits, int input_left_shift, int total_signed_bits = 31);

// Output size and padding of one spatial dimension (TFLM's ComputePaddingHeightWidth).
struct TflitePadding1d {
  int32_t out_size;
  int32_t pad_before;  // rows / columns of zeros before the first input row / column
  int32_t pad_after;   // pad_before or pad_before + 1 (SAME puts the odd one after)
};

// SAME: out = ceil(in / stride); VALID: out = (in - effective_filter) / stride + 1 with
// effective_filter = (filter - 1) * dilation + 1; total padding max(0, (out - 1) * stride +
// effective_filter - in), split with the smaller half first. Fails on a bad padding code,
// non-positive stride / dilation / filter, or an empty VALID output.
bool tflite_padding_1d(int32_t padding, int32_t stride, int32_t dilation, int32_t in_size,
                       int32_t filter_size, TflitePadding1d* out, std::string* error);

// ---- CONV_2D / DEPTHWISE_CONV_2D ----------------------------------------------------------

struct TfliteConvSpec {
  // NHWC input and output; filter [out_c, kh, kw, in_c / groups] for CONV_2D, [1, kh, kw, out_c]
  // for DEPTHWISE_CONV_2D.
  Shape4 input, filter, output;
  int32_t padding;                 // schema Padding
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t depth_multiplier;        // DEPTHWISE_CONV_2D option (ignored for CONV_2D)
  int32_t activation;              // schema ActivationFunctionType
  float input_scale;
  int32_t input_zero_point;
  const float* filter_scales;      // 1 (per-tensor) or output-channel count values
  int32_t filter_scale_count;
  float output_scale;
  int32_t output_zero_point;
  int32_t bits = 8;                // activations: 8 (int8) or 16 (16x8: zero points must be 0)
};

// Fills ConvParams and the per-channel (multiplier, shift) arrays as TFLM's
// PopulateConvolutionQuantizationParams: for each channel
// double(input_scale) * double(filter_scale[c]) / double(output_scale) -> QuantizeMultiplier.
// A per-tensor filter gives channel_count 1 (TFLM stores the same pair for every channel;
// the kernel broadcasts the single pair). Padding from tflite_padding_1d; the output shape must
// equal the one TFLite derives. float_act_* are filled too.
bool tflite_conv_params(const TfliteConvSpec& spec, bool depthwise, ConvParams* params,
                        std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                        std::string* error);

// TRANSPOSE_CONV (TFLM transpose_conv.cc): filter [out_c, kh, kw, in_c]; pads from
// tflite_padding_1d over the OUTPUT size (the convolution the transpose undoes), dilations 1;
// multipliers, offsets and clamp as tflite_conv_params (bits 16: zero points 0).
bool tflite_transpose_conv_params(const TfliteConvSpec& spec, ConvParams* params,
                                  std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                                  std::string* error);

// ---- FULLY_CONNECTED ----------------------------------------------------------------------

struct TfliteFullyConnectedSpec {
  int32_t activation;
  float input_scale;
  int32_t input_zero_point;
  const float* filter_scales;  // 1 (per-tensor) or output-unit count values
  int32_t filter_scale_count;
  int32_t filter_zero_point;   // TFLite requires 0 for int8 weights
  float output_scale;
  int32_t output_zero_point;
  bool has_bias;
  float bias_scale;            // when has_bias: checked against input * filter scale
  int32_t bits = 8;            // activations: 8 (int8) or 16 (16x8: zero points must be 0)
};

// TFLM's CalculateOpDataFullyConnected. Per-tensor: the scale product is taken in float, then
// double(float(input_scale * filter_scale)) / double(output_scale) (GetQuantizedConvolution-
// Multipler), and with a bias TFLite checks |input*filter scale - bias scale| / output scale
// <= 0.02. Per-channel: double * double / double per unit, as for convolutions.
bool tflite_fully_connected_params(const TfliteFullyConnectedSpec& spec, FullyConnectedParams* params,
                                   std::vector<int32_t>* multipliers, std::vector<int32_t>* shifts,
                                   std::string* error);

// ---- Pooling --------------------------------------------------------------------------------

// AVERAGE_POOL_2D / MAX_POOL_2D: padding (dilation 1) and the activation range; input and output
// share quantization (TFLite requires it). *out_h / *out_w receive the output size TFLite derives.
bool tflite_pool_params(int32_t padding, int32_t stride_h, int32_t stride_w, int32_t filter_h,
                        int32_t filter_w, int32_t in_h, int32_t in_w, int32_t activation,
                        float output_scale, int32_t output_zero_point, PoolParams* params,
                        int32_t* out_h, int32_t* out_w, std::string* error, int32_t bits = 8);

// ---- Elementwise ----------------------------------------------------------------------------

// ADD (TFLM add.cc; bits 8: int8, 16: int16 activations): left_shift 20 (int8) or 15 (int16);
// twice_max = 2 * double(max(s1, s2)) (max taken in float); input_i multiplier =
// double(s_i) / twice_max, output = twice_max / (2^left_shift * double(so)), each by
// QuantizeMultiplierSmallerThanOneExp (fails unless 0 < real < 1); the clamp of `bits`.
bool tflite_add_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                       int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                       int32_t activation, AddParams* params, std::string* error, int32_t bits = 8);
// SUB (TFLM sub_common.cc): the same parameters as ADD; the kernel subtracts.
bool tflite_sub_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                       int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                       int32_t activation, AddParams* params, std::string* error, int32_t bits = 8);

// MUL (int8, or bits 16 with zero points 0 as TFLM requires): double(s1) * double(s2) /
// double(so) -> QuantizeMultiplier; the clamp of `bits`.
bool tflite_mul_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                       int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                       int32_t activation, MulParams* params, std::string* error, int32_t bits = 8);

// ---- Non-linear -----------------------------------------------------------------------------

// SOFTMAX int8 -> int8: the output must be scale exactly 1/256 and zero point -128 (TFLM checks).
// PreprocessSoftmaxScaling(beta, input_scale, 5): min(double(beta) * double(input_scale) * 2^26,
// 2^31 - 1) -> QuantizeMultiplierGreaterThanOne (fails unless > 1), diff_min =
// -CalculateInputRadius(5, shift).
bool tflite_softmax_params(float beta, float input_scale, float output_scale,
                           int32_t output_zero_point, SoftmaxParams* params, std::string* error);

// LOGISTIC (int8): output zero point must be -128 (TFLM checks; the kernel assumes scale 1/256).
// input_multiplier / input_left_shift = frexp(double(input_scale) * 2^27) with the mantissa
// rounded to 31 bits (not renormalised, as TFLM), radius = CalculateInputRadius(4, shift, 31).
// Fails when the shift falls outside [0, 62] (input scale below 2^-28 or absurdly large).
bool tflite_logistic_params(float input_scale, int32_t input_zero_point, float output_scale,
                            int32_t output_zero_point, LogisticParams* params, std::string* error);

// TANH (int8): the same parameters as LOGISTIC. TFLM checks nothing about the output: its kernel
// always writes scale 1/128, zero point 0, whatever the output tensor says (the converter
// always produces that).
bool tflite_tanh_params(float input_scale, int32_t input_zero_point, LogisticParams* params,
                        std::string* error);

// SOFTMAX int16 (TFLM's CalculateSoftmaxParams): zero points 0, output scale 1/32768 (within
// 0.1%); (input_multiplier, input_left_shift) = QuantizeMultiplier(double(input_scale) * beta /
// (10 / 65535)), so that a difference of -65535 stands for -10. diff_min is 0 (unused).
bool tflite_softmax_s16_params(float beta, float input_scale, int32_t input_zero_point,
                               float output_scale, int32_t output_zero_point,
                               SoftmaxParams* params, std::string* error);

// LOGISTIC and TANH int16 (TFLM's prepare for int16): zero points 0, output scale 2^-15. A
// power-of-two input scale 2^-(12 - s) with s = 0 (LOGISTIC) or s in {0, 1} (TANH) takes the shift
// path, stored as multiplier 3 << s and shift 0; any other scale gets the multiplier
// double(input_scale) * 3 * 4096 doubled (shift + 1) while <= 32767 / 2 and shift <= 30.
bool tflite_logistic_tanh_s16_params(bool tanh, float input_scale, int32_t input_zero_point,
                                     float output_scale, int32_t output_zero_point,
                                     LogisticParams* params, std::string* error);

// HARD_SWISH int8 (TFLM's HardSwishPrepare): with hires = input scale / 128 (float), the
// output multiplier QuantizeMultiplier(double(hires / output scale)) and the reluish one
// QuantizeMultiplier(double(hires / (3 / 32768))), each reduced to Q0.15 (rounded, saturating
// at 32767). Fails when the output exponent is positive (TFLM refuses it).
bool tflite_hard_swish_params(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, HardSwishParams* params,
                              std::string* error);

// PRELU int8 (TFLM's CalculatePreluParams): QuantizeMultiplier of double(input scale) /
// double(output scale) and of double(input scale) * double(alpha scale) / double(output scale).
bool tflite_prelu_params(float input_scale, int32_t input_zero_point, float alpha_scale,
                         int32_t alpha_zero_point, float output_scale, int32_t output_zero_point,
                         PreluParams* params, std::string* error);

// SQUARED_DIFFERENCE int8 (TFLM's PrepareQuantized, left_shift 7): ADD's input multipliers and
// QuantizeMultiplier((2 max scale)^2 / (2^14 output scale)) for the output; clamp [-128, 127].
bool tflite_squared_difference_params(float input1_scale, int32_t input1_zero_point,
                                      float input2_scale, int32_t input2_zero_point,
                                      float output_scale, int32_t output_zero_point,
                                      AddParams* params, std::string* error);

// RESIZE_NEAREST_NEIGHBOR's source index for each of `output_size` outputs along an axis of
// `input_size`, as TFLite's GetNearestNeighbor computes it in float (align_corners rounds,
// otherwise floor; half_pixel_centers offsets by 0.5 and clamps at 0; always at most size - 1).
std::vector<int32_t> tflite_nearest_sources(int32_t input_size, int32_t output_size,
                                            bool align_corners, bool half_pixel_centers);

// BATCH_MATMUL int8 (TFLM's BatchMatMulPrepare): per-tensor scales only; QuantizeMultiplier of
// double(lhs scale * rhs scale) / double(output scale) (the product in float, as TFLite's
// GetQuantizedConvolutionMultipler), offsets the negated input zero points.
bool tflite_batch_matmul_params(float lhs_scale, int32_t lhs_zero_point, float rhs_scale,
                                int32_t rhs_zero_point, float output_scale,
                                int32_t output_zero_point, BatchMatMulParams* params,
                                std::string* error);

// SVDF int8 (TFLM's PrepareSvdf): feature multiplier QuantizeMultiplier(double(float(input
// scale * weights_feature scale / state scale))), output multiplier of double(float(state scale
// * weights_time scale / output scale)); a bias must have scale state * weights_time (1e-5).
struct TfliteSvdfScales {
  float input, weights_feature, weights_time, state, output, bias;
  int32_t input_zero_point, state_zero_point, output_zero_point;
};
bool tflite_svdf_params(const TfliteSvdfScales& s, int32_t rank, SvdfParams* params,
                        std::string* error);

// UNIDIRECTIONAL_SEQUENCE_LSTM integer (TFLM's PrepareGateParametersInteger and
// CreateLstmCellStateInfo) from the per-tensor scales of the input, hidden state, cell state and
// the gates' weights (input, forget, cell, output); the float path reads time_major and the clip.
struct TfliteLstmScales {
  float input, hidden, cell;
  float input_weights[4], recurrent_weights[4];
  int32_t input_zero_point, hidden_zero_point;
  float cell_clip;
  bool time_major;
};
bool tflite_lstm_params(const TfliteLstmScales& s, LstmParams* params, std::string* error);

// RELU (int8, TFLM's CalculateReluOpData): double(input_scale) / double(output_scale) ->
// QuantizeMultiplier; act_min = max(-128, output_zero_point + (int32)roundf(0 / output_scale)),
// act_max = 127. False (with a one-line *error) for a scale that is not positive and finite.
bool tflite_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                        int32_t output_zero_point, ReluParams* params, std::string* error);

// RELU6 (int8): TFLM clamps the raw input to [input zero point, quantized 6] in the input's own
// quantization and ignores the output tensor's. Expressed for relu_s8_ref as the identity
// requantization (2^30, shift 1) with both zero points = the input's, act_min = zero point and
// act_max = clamp(round(6.0f / input_scale) + zero point, -128, 127) (FloatToQuantizedType).
// False for a scale that is not positive and finite.
bool tflite_relu6_params(float input_scale, int32_t input_zero_point, ReluParams* params,
                         std::string* error);

// QUANTIZE int8 -> int8 (TFLM's PrepareQuantizeReference): double(in) / double(out) ->
// QuantizeMultiplier. False for a scale that is not positive and finite.
bool tflite_requantize_params(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, QuantizeParams* params,
                              std::string* error);

// ---- Shape operators ------------------------------------------------------------------------

// MEAN (int8): axes as in the axis tensor (negative = from the end, duplicates allowed) of an
// input of rank input_rank (1..4), mapped to axis_mask bits of the 4-D right-aligned shape the
// kernel sees (bit 4 - rank + axis). Multiplier double(in) / double(out) -> QuantizeMultiplier;
// equal scales and zero points give exactly (2^30, 1) with equal zero points, which the kernel
// takes as TFLM's same-quantization (truncating) path.
bool tflite_mean_params(float input_scale, int32_t input_zero_point, float output_scale,
                        int32_t output_zero_point, const int32_t* axes, int32_t axis_count,
                        int32_t input_rank, bool keep_dims, MeanParams* params, std::string* error);

// PAD: paddings is the [rank, 2] int32 tensor (before, after per dimension) of an input of rank
// 1..4, right-aligned into the 4-D before/after arrays. pad_value is the int8 / int16
// constant_values scalar for PADV2, or the output zero point for PAD (TFLM).
bool tflite_pad_params(const int32_t* paddings, int32_t rank, int32_t pad_value, PadParams* params,
                       std::string* error);

// LEAKY_RELU (TFLM leaky_relu_common.cc; bits 8 or 16 only name the type in messages): the alpha
// multiplier is QuantizeMultiplier(double(input_scale * alpha / output_scale)), the product and
// quotient taken in float as TFLM does, negative for a negative alpha; the identity multiplier
// QuantizeMultiplier(double(input_scale / output_scale)).
bool tflite_leaky_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, float alpha, LeakyReluParams* params,
                              std::string* error);

// STRIDED_SLICE: begin, end and strides (one value per input axis, rank 1..5) with TFLite's
// begin_mask, end_mask and shrink_axis_mask resolved as its strided_slice_logic does (negative
// indices count from the end, then clamping to the axis) into start, stride and count per axis.
// *output_shape is the shape TFLite infers (shrunk axes removed). ellipsis_mask, new_axis_mask
// and offset are not supported (TFLM refuses the first two).
struct TfliteStridedSliceSpec {
  std::vector<int32_t> input_shape, begin, end, strides;
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
};
bool tflite_strided_slice_params(const TfliteStridedSliceSpec& spec, StridedSliceParams* params,
                                 std::vector<int32_t>* output_shape, std::string* error);

}  // namespace qrt

#endif  // QRT_QUANT_HOST_TFLITE_PARAMS_H
