// Operator parameter blocks: the exact bytes stored in a .qrt blob's Params section, read in
// place by the kernels. Part of the blob format (runtime/FORMAT.md): fields are fixed-width and
// 4-byte aligned; append new fields only at the end of a block, and only with a format version.
//
// Integer fields follow TensorFlow Lite's names and meaning so that values computed by the TFLite
// importer (quant/host/tflite_params.h) are those TFLite's Prepare() computes:
//   *_offset      for an input: minus its zero point; for an output: its zero point
//   multiplier    Q0.31 in [2^30, 2^31) (or 0), with shift in [-31, 30]: see fixedpoint.h
//   act_min/max   fused activation clamp in the output's integer domain
//   float_act_*   the same clamp for float32 kernels (ignored by integer kernels)
#ifndef QRT_OPS_PARAMS_H
#define QRT_OPS_PARAMS_H

#include <stdint.h>

namespace qrt {

// CONV_2D, DEPTHWISE_CONV_2D and TRANSPOSE_CONV (dilations 1; its pads are those of the
// convolution the transpose undoes). Followed by int32 multiplier[channel_count] and
// int32 shift[channel_count] (channel_count is 1 or the output channel count; 0 for float32).
struct ConvParams {
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left;  // zero padding before the first row/column
  int32_t depth_multiplier;   // depthwise: output channels per input channel; CONV_2D: 1
  int32_t input_offset;
  int32_t output_offset;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
  int32_t channel_count;
};
static_assert(sizeof(ConvParams) == 56, "ConvParams layout");

// FULLY_CONNECTED. Followed by int32 multiplier[channel_count], int32 shift[channel_count]
// (1 = per-tensor weights, output units = per-channel; 0 for float32).
struct FullyConnectedParams {
  int32_t input_offset;
  int32_t weights_offset;  // minus the weights' zero point (0 for symmetric int8 weights)
  int32_t output_offset;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
  int32_t channel_count;
};
static_assert(sizeof(FullyConnectedParams) == 32, "FullyConnectedParams layout");

// AVERAGE_POOL_2D and MAX_POOL_2D (input and output share quantization).
struct PoolParams {
  int32_t stride_h, stride_w;
  int32_t filter_h, filter_w;
  int32_t pad_top, pad_left;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};
static_assert(sizeof(PoolParams) == 40, "PoolParams layout");

// ADD: each input is rescaled to a common scale with `left_shift` bits of headroom, summed, and
// the sum rescaled to the output (TFLite's int8 Add).
struct AddParams {
  int32_t input1_offset, input2_offset, output_offset;
  int32_t left_shift;
  int32_t input1_multiplier, input1_shift;
  int32_t input2_multiplier, input2_shift;
  int32_t output_multiplier, output_shift;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};
static_assert(sizeof(AddParams) == 56, "AddParams layout");

// MUL: (in1 + offset1) * (in2 + offset2) rescaled to the output.
struct MulParams {
  int32_t input1_offset, input2_offset, output_offset;
  int32_t output_multiplier, output_shift;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};
static_assert(sizeof(MulParams) == 36, "MulParams layout");

// SOFTMAX over the innermost dimension. int8 in, int8 out with scale 1/256 and zero point -128.
// (input_multiplier, input_left_shift) is beta * input scale * 2^26 (differences to the row
// maximum become Q5.26), a multiplier above one: left shift in [1, 31].
struct SoftmaxParams {
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t diff_min;  // differences to the row maximum below this contribute 0 (<= 0)
  float beta;        // float32 kernels
};
static_assert(sizeof(SoftmaxParams) == 16, "SoftmaxParams layout");

// LOGISTIC (output scale 1/256, zero point -128) and TANH (output scale 1/128, zero point 0).
// (input_multiplier, input_left_shift) is input scale * 2^27 (inputs become Q4.27).
struct LogisticParams {
  int32_t input_zero_point;
  int32_t input_range_radius;  // |input - zero point| at or beyond this saturates; TFLite's value
                               // exceeds 255 for input scales below 15/256 (nothing saturates)
  int32_t input_multiplier;
  int32_t input_left_shift;
};
static_assert(sizeof(LogisticParams) == 16, "LogisticParams layout");

// CONCATENATION along `axis` (all inputs share the output's quantization).
struct ConcatenationParams {
  int32_t axis;
};
static_assert(sizeof(ConcatenationParams) == 4, "ConcatenationParams layout");

// STRIDED_SLICE as a strided copy of a rank <= 5 tensor, type-agnostic: the importer resolves
// TFLite's begin / end / strides and masks into, per input axis, the first index, the step
// (non-zero, negative walks backwards) and the number of elements taken. The output holds the
// product of the counts in row-major order (shrunk axes are counts of 1).
struct StridedSliceParams {
  int32_t rank;
  int32_t start[5];
  int32_t stride[5];
  int32_t count[5];
};
static_assert(sizeof(StridedSliceParams) == 64, "StridedSliceParams layout");

// TRANSPOSE of a rank <= 5 tensor, type-agnostic: output axis k is input axis perm[k] (a
// permutation of 0..rank-1).
struct TransposeParams {
  int32_t rank;
  int32_t perm[5];
};
static_assert(sizeof(TransposeParams) == 24, "TransposeParams layout");

// GATHER along `axis` of input 0 (TFLite's batch_dims 0) with the int32 indices of input 1: the
// output is input.shape[:axis] + indices.shape + input.shape[axis + 1:].
struct GatherParams {
  int32_t axis;
};
static_assert(sizeof(GatherParams) == 4, "GatherParams layout");

// PAD of a rank <= 4 tensor (dims aligned to the right, as TFLite does), filled with pad_value
// (the output zero point for int8 / int16 tensors; float_pad_value for float32).
struct PadParams {
  int32_t before[4];
  int32_t after[4];
  int32_t pad_value;
  float float_pad_value;
};
static_assert(sizeof(PadParams) == 40, "PadParams layout");

// MEAN over the axes set in axis_mask (bit i = dimension i of the input, right-aligned to 4-D:
// TFLite axis a of a rank-r tensor is bit 4 - r + a). Equal input and output quantization is
// recognised by (multiplier, shift) == (2^30, 1) with equal zero points, exactly what TFLite's
// QuantizeMultiplier gives for a ratio of 1: the kernel then takes TFLM's truncating path.
struct MeanParams {
  uint32_t axis_mask;
  int32_t keep_dims;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;  // input scale / output scale (the element count is divided separately)
  int32_t shift;
};
static_assert(sizeof(MeanParams) == 24, "MeanParams layout");

// QUANTIZE (float32 -> int8, or int8 -> int8 requantization) and DEQUANTIZE (int8 -> float32).
struct QuantizeParams {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;  // int8 -> int8: input scale / output scale
  int32_t shift;
  float scale;         // float32 -> int8: output scale; int8 -> float32: input scale
};
static_assert(sizeof(QuantizeParams) == 20, "QuantizeParams layout");

// RELU / RELU6 on int8: requantize from the input to the output scale, then clamp. TFLM's RELU6
// (a clamp in the input's own quantization) is the identity (2^30, shift 1) with both zero points
// equal to the input's.
struct ReluParams {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};
static_assert(sizeof(ReluParams) == 32, "ReluParams layout");

// LEAKY_RELU (TFLM's QuantizeLeakyRelu): x - input_zero_point >= 0 is requantized by the
// identity multiplier (input scale / output scale), a negative one by the alpha multiplier
// (input scale * alpha / output scale, negative for a negative alpha), then the output zero
// point is added and the result clamped to the type. float32 reads alpha only.
struct LeakyReluParams {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier_identity, shift_identity;
  int32_t multiplier_alpha, shift_alpha;
  float alpha;
};
static_assert(sizeof(LeakyReluParams) == 28, "LeakyReluParams layout");

// HARD_SWISH int8 (TFLite's reference_ops::HardSwish): x * relu6(x + 3) / 6 in int16 fixed
// point. The input minus its zero point, times 128 (the "hires" scale), is rescaled twice with
// Q0.15 multipliers: onto the output scale (output_multiplier, output_exponent <= 0) and onto
// [-3, 3] -> [-32768, 32767] (reluish_multiplier, reluish_exponent of either sign).
struct HardSwishParams {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t reluish_multiplier;  // [0, 32767]
  int32_t reluish_exponent;    // [-31, 31]
  int32_t output_multiplier;   // [0, 32767]
  int32_t output_exponent;     // [-31, 0]
};
static_assert(sizeof(HardSwishParams) == 24, "HardSwishParams layout");

// PRELU int8 (TFLite's BroadcastPrelu4DSlow): input + input_offset >= 0 is rescaled by
// (multiplier_positive, shift_positive) = input scale / output scale, a negative one times
// (alpha + alpha_offset) by (multiplier_alpha, shift_alpha) = input scale * alpha scale / output
// scale; then the output offset, clamped to int8. Input 1 is alpha, broadcast to the input.
struct PreluParams {
  int32_t input_offset, alpha_offset, output_offset;
  int32_t multiplier_positive, shift_positive;
  int32_t multiplier_alpha, shift_alpha;
};
static_assert(sizeof(PreluParams) == 28, "PreluParams layout");

// RESIZE_NEAREST_NEIGHBOR over the H and W axes of an NHWC tensor, type-agnostic. The importer
// resolves TFLite's float index rule (align_corners, half_pixel_centers) once: the block is
// followed by output_height int32 source rows, then output_width int32 source columns.
struct ResizeNearestParams {
  int32_t output_height, output_width;
};
static_assert(sizeof(ResizeNearestParams) == 8, "ResizeNearestParams layout");

// RESIZE_BILINEAR over H and W of an NHWC tensor (TFLite's ResizeBilinearInteger for int8:
// 10-bit fixed-point source positions; float32 as TFLite's float kernel). Flags are 0 or 1,
// never both set.
struct ResizeBilinearParams {
  int32_t align_corners, half_pixel_centers;
};
static_assert(sizeof(ResizeBilinearParams) == 8, "ResizeBilinearParams layout");

// BATCH_MATMUL (TFLite's reference BatchMatMul): out[b, i, j] = sum_k lhs[b, i, k] * rhs[b, k, j]
// over batch dims broadcast to the output's (rank <= 5), adj_x / adj_y reading lhs / rhs
// transposed. int8: the sums of (value + offset) products rescaled by (output_multiplier,
// output_shift) = lhs scale * rhs scale / output scale, plus output_offset, clamped to int8.
struct BatchMatMulParams {
  int32_t adj_x, adj_y;
  int32_t lhs_offset, rhs_offset, output_offset;
  int32_t output_multiplier, output_shift;
};
static_assert(sizeof(BatchMatMulParams) == 28, "BatchMatMulParams layout");

// SVDF int8 (TFLM's EvalIntegerSvdfReference; the state int16 or int8 with zero point 0): per
// invoke the state [batch, filters * memory] shifts one step, each filter's newest entry becomes
// the feature dot product (x - input_zero_point) . weights_feature rescaled by (feature_multiplier,
// feature_shift) and clamped to the state type; each unit's output is the bias plus the sum over
// its `rank` filters of weights_time . (state - state_zero_point), rescaled by
// (output_multiplier, output_shift) plus output_zero_point, clamped to int8. TFLM applies no
// fused activation on this path, nor does qrt. The float32 kernel reads rank and `activation`
// (schema.fbs ActivationFunctionType, applied to each unit's output) only.
struct SvdfParams {
  int32_t rank;
  int32_t input_zero_point, state_zero_point, output_zero_point;
  int32_t feature_multiplier, feature_shift;
  int32_t output_multiplier, output_shift;
  int32_t activation;
};
static_assert(sizeof(SvdfParams) == 36, "SvdfParams layout");

// UNIDIRECTIONAL_SEQUENCE_LSTM (TFLM's standard LSTM, lstm_eval.h: no peephole, projection,
// layer norm or coupled input gate). The four gates, in the order input, forget, cell, output,
// each take FC(x) + FC(h): the input FC (x - input_zero_point) . W_g + bias_g and the recurrent
// FC (h - hidden_zero_point) . R_g are each rescaled by their gate's (multiplier, shift) to int16
// of scale 2^-12 (clamped), then added with int16 saturation. Input, forget and output gates go
// through LOGISTIC, the cell gate through TANH (both int16, input scale 2^-12, output 2^-15).
// Per step: cell = sat16(forget * cell [forget_*] + input * cell_gate [input_*]), clipped to
// +-cell_clip when clip_enabled; hidden = output_gate * tanh(cell) [output_*] + hidden_zero_point,
// clamped to the activation type (tanh's input rescale of the cell state is cell_tanh_*, in
// LogisticParams form); the step's output is the new hidden state. float_cell_clip serves the
// float32 kernel (clip when > 0), which reads no other field but time_major.
struct LstmGateParams {
  int32_t input_multiplier, input_shift;
  int32_t recurrent_multiplier, recurrent_shift;
};
struct LstmParams {
  int32_t time_major;  // input [time, batch, input_size] when 1, else [batch, time, input_size]
  int32_t input_zero_point, hidden_zero_point;
  int32_t clip_enabled, cell_clip;
  int32_t cell_tanh_multiplier, cell_tanh_shift;
  LstmGateParams gates[4];
  int32_t forget_multiplier, forget_shift;  // forget gate (2^-15) * cell -> cell
  int32_t input_multiplier, input_shift;    // input gate (2^-15) * cell gate (2^-15) -> cell
  int32_t output_multiplier, output_shift;  // output gate (2^-15) * tanh (2^-15) -> hidden
  float float_cell_clip;
};
static_assert(sizeof(LstmParams) == 120, "LstmParams layout");

}  // namespace qrt

#endif  // QRT_OPS_PARAMS_H
