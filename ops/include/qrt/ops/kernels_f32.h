// Float32 reference kernels: the baseline the acceptance harness measures a quantized model
// against (accuracy of the float model, and its latency on the same device). They form the
// optional library part qrt_float; the integer path never links them.
//
// Contract shared by every kernel here:
//  - semantics of TensorFlow Lite's float reference kernels (reference_ops): same padding,
//    dilation, depth multiplier and broadcasting rules, and `float` accumulation in the same
//    order, so that results match TFLite's float outputs (bit for bit where TFLite's build does
//    not reorder or fuse float operations either: qrt builds these kernels without -ffast-math
//    and with -ffp-contract=off, so they also give the same bits on every target, except where
//    a kernel calls expf/tanhf, whose last bit depends on the C library: glibc vs newlib);
//  - no allocation, no state, no scratch; arguments were validated when the model loaded
//    (the float32 part of runtime/src/ops/ adapters), so kernels do not check them again;
//  - tensors are dense, row-major; 4-D activations are NHWC; lower-rank tensors are passed
//    right-aligned into 4-D (a [a, b] tensor is {1, 1, a, b});
//  - fused activations clamp to [params.float_act_min, params.float_act_max] with TFLite's
//    min(max(x, lo), hi), which lets NaN through;
//  - parameter blocks are the integer kernels' (params.h); float kernels read only the layout
//    fields (strides, padding, dilation, depth multiplier, axes) and the float fields.
//
// CONCATENATION has no float kernel: it moves bytes, so the adapters call the type-agnostic
// concatenation_ref of kernels_s8.h.
#ifndef QRT_OPS_KERNELS_F32_H
#define QRT_OPS_KERNELS_F32_H

#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/params.h"

namespace qrt {

// CONV_2D: filter [out_c, kh, kw, in_c], in_c equal to the input's channels.
// DEPTHWISE_CONV_2D: filter [1, kh, kw, out_c] with out_c = in_c * params->depth_multiplier;
// output channel ic * depth_multiplier + m reads input channel ic.
// Input tap (y, x) of output (oy, ox) filter (fy, fx) is
//   y = oy * stride_h - pad_top + fy * dilation_h,  x = ox * stride_w - pad_left + fx * dilation_w;
// taps outside the input contribute 0 (zero padding). Sum order: fy, fx, then input channel,
// then + bias, then the fused clamp.
struct ConvF32Args {
  const ConvParams* params;
  Shape4 input;
  const float* input_data;
  Shape4 filter;
  const float* filter_data;
  const float* bias;  // [out_c] or nullptr
  Shape4 output;
  float* output_data;
};
void conv2d_f32_ref(const ConvF32Args& args);
void depthwise_conv2d_f32_ref(const ConvF32Args& args);
// TRANSPOSE_CONV float32 (TFLite's reference_ops::TransposeConv): the scatter accumulates in the
// output itself, then bias and the float clamp.
void transpose_conv2d_f32_ref(const ConvF32Args& args);

// FULLY_CONNECTED: output[b][o] = clamp(sum_i in[b][i] * w[o][i] + bias[o]);
// weights [output_depth, input_depth], input [batches, input_depth].
struct FullyConnectedF32Args {
  const FullyConnectedParams* params;
  int32_t batches;
  int32_t input_depth;
  int32_t output_depth;
  const float* input;
  const float* weights;
  const float* bias;  // [output_depth] or nullptr
  float* output;
};
void fully_connected_f32_ref(const FullyConnectedF32Args& args);

// AVERAGE_POOL_2D / MAX_POOL_2D over filter_h x filter_w windows (window origin as in conv,
// dilation 1). Padded positions are skipped, not counted: the average divides by the number of
// input elements inside the window (TFLite), so every window must hold at least one.
struct PoolF32Args {
  const PoolParams* params;
  Shape4 input;
  const float* input_data;
  Shape4 output;
  float* output_data;
};
void average_pool2d_f32_ref(const PoolF32Args& args);
void max_pool2d_f32_ref(const PoolF32Args& args);

// ADD / MUL with NumPy-style broadcasting over 4-D shapes: each input dimension equals the
// output's or is 1 (then that input is repeated along it). params: AddParams or MulParams (only
// float_act_min/max are read).
struct BinaryF32Args {
  const void* params;
  Shape4 input1;
  const float* input1_data;
  Shape4 input2;
  const float* input2_data;
  Shape4 output;
  float* output_data;
};
void add_f32_ref(const BinaryF32Args& args);
void sub_f32_ref(const BinaryF32Args& args);  // input1 - input2, AddParams' float clamp
void mul_f32_ref(const BinaryF32Args& args);
void maximum_f32_ref(const BinaryF32Args& args);  // params unread
void minimum_f32_ref(const BinaryF32Args& args);
void squared_difference_f32_ref(const BinaryF32Args& args);  // params unread
void prelu_f32_ref(const BinaryF32Args& args);  // input2 is alpha; params unread

// SOFTMAX over rows of `depth` values: out = exp((x - max) * beta) / sum_row exp((x - max) * beta).
// Subtracting the row maximum keeps exp() from overflowing (for beta > 0). May run in place.
void softmax_f32_ref(const SoftmaxParams& params, int32_t rows, int32_t depth, const float* input,
                     float* output);

// Elementwise activations; each may run in place (output == input).
// LOGISTIC: 1 / (1 + exp(-x)), with TFLite's cutoffs (x > 16.619047 -> 1, x < -9 -> exp(x)).
void logistic_f32_ref(int32_t count, const float* input, float* output);
// TANH: tanhf(x).
void tanh_f32_ref(int32_t count, const float* input, float* output);
// RELU: x < 0 ? 0 : x.   RELU6: x > 6 ? 6 : (x < 0 ? 0 : x).   (NaN passes through.)
void relu_f32_ref(int32_t count, const float* input, float* output);
void relu6_f32_ref(int32_t count, const float* input, float* output);
// x > 0 ? x : x * alpha (TFLite's LeakyRelu; alpha may be negative or above 1).
void leaky_relu_f32_ref(float alpha, int32_t count, const float* input, float* output);
// BATCH_MATMUL float32 (params: adj_x / adj_y only), summing k in increasing order as TFLite.
void batch_matmul_f32_ref(const BatchMatMulArgs& args);
// RESIZE_BILINEAR float32, as TFLite's float kernel.
void resize_bilinear_f32_ref(const ResizeBilinearParams& params, Shape4 input,
                             const float* input_data, Shape4 output, float* output_data);
// SVDF float32, as TFLM's EvalFloatSvdfReference: the state [batch, filters * memory] shifts one
// entry, each filter's newest entry becomes weights_feature . x; each unit's output is the bias
// (or 0) plus its rank filters' weights_time . state, in filter order, then params.activation.
struct SvdfF32Args {
  const SvdfParams* params;
  int32_t batch, input_size, filters, memory;
  const float* input;
  const float* weights_feature;  // [filters, input_size]
  const float* weights_time;     // [filters, memory]
  const float* bias;             // [filters / rank] or null
  float* state;                  // [batch, filters * memory]
  float* output;                 // [batch, filters / rank]
};
void svdf_f32_ref(const SvdfF32Args& args);

// UNIDIRECTIONAL_SEQUENCE_LSTM float32, as TFLM's EvalLstm<float>: each gate
// act(x . W_g + bias_g + h . R_g) with sums in increasing order, cell = forget * cell + input *
// cell_gate (clipped to +-float_cell_clip when that is > 0), hidden = output * tanh(cell). Shapes
// as LstmArgs; scratch holds 4 * rows * cell floats.
struct LstmF32Args {
  const LstmParams* params;
  int32_t batch, time, input_size, cell;
  const float* input;
  const float* input_weights;      // [4 * cell, input_size]
  const float* recurrent_weights;  // [4 * cell, cell]
  const float* bias;               // [4 * cell]
  float* hidden;                   // [batch, cell]
  float* cell_state;               // [batch, cell]
  float* output;
  float* scratch;
};
void lstm_f32_ref(const LstmF32Args& args);
// HARD_SWISH: x * min(6, max(0, x + 3)) / 6.
void hard_swish_f32_ref(int32_t count, const float* input, float* output);

// PAD: output[i] = input[i - before] where that lies inside the input, else
// params.float_pad_value. params.before/after are per 4-D dimension (right-aligned like the
// shapes); output dims = input dims + before + after.
void pad_f32_ref(const PadParams& params, Shape4 input, const float* input_data, Shape4 output,
                 float* output_data);

// MEAN: `output` is the keep-dims 4-D shape; each dimension where output is 1 and input is not
// is averaged over (a dimension of 1 averages trivially either way). The sum runs in float, in
// row-major order of the reduced elements, then divides by their count (TFLite).
void mean_f32_ref(Shape4 input, const float* input_data, Shape4 output, float* output_data);

// QUANTIZE float32 -> int8: q = clamp(round(x / scale) + output_zero_point, -128, 127) with
// round-half-away-from-zero and a float division (TFLite's AffineQuantize). Values beyond the
// int8 range saturate (TFLite's int32 cast is undefined there); NaN maps to the zero point.
// Reads params.scale and params.output_zero_point.
void quantize_f32_s8_ref(const QuantizeParams& params, int32_t count, const float* input,
                         int8_t* output);
// DEQUANTIZE int8 -> float32: (q - input_zero_point) * scale. Reads params.scale and
// params.input_zero_point.
void dequantize_s8_f32_ref(const QuantizeParams& params, int32_t count, const int8_t* input,
                           float* output);
// The int16 forms (16x8 graphs): the same arithmetic, saturating to the int16 range.
void quantize_f32_s16_ref(const QuantizeParams& params, int32_t count, const float* input,
                          int16_t* output);
void dequantize_s16_f32_ref(const QuantizeParams& params, int32_t count, const int16_t* input,
                            float* output);

}  // namespace qrt

#endif  // QRT_OPS_KERNELS_F32_H
