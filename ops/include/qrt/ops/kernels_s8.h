// Integer kernel contracts: one argument struct and one function-pointer type per kernel family,
// the portable reference kernel of each (ops/ref/); kernel_select.h chooses optimized variants.
//
// Contract shared by every kernel here:
//  - integer-only, no allocation, no state; all arguments were validated when the model loaded,
//    so kernels do not check them again;
//  - an optimized variant must produce exactly the reference's bytes for every valid argument;
//  - tensors are dense, row-major; 4-D activations are NHWC.
#ifndef QRT_OPS_KERNELS_S8_H
#define QRT_OPS_KERNELS_S8_H

#include <stdint.h>

#include "qrt/ops/params.h"

namespace qrt {

struct Shape4 {
  int32_t n, h, w, c;
};

// CONV_2D: filter [out_c, kh, kw, in_c]. DEPTHWISE_CONV_2D: filter [1, kh, kw, out_c] with
// out_c = in_c * depth_multiplier. Requantization per output channel (or one pair for all when
// params->channel_count == 1).
struct ConvS8Args {
  const ConvParams* params;
  const int32_t* multipliers;
  const int32_t* shifts;
  Shape4 input;
  const int8_t* input_data;
  Shape4 filter;
  const int8_t* filter_data;
  const int32_t* bias;  // [out_c] or nullptr
  Shape4 output;
  int8_t* output_data;
  void* scratch;  // the kernel's declared scratch bytes (0 for the reference)
};
using ConvS8Fn = void (*)(const ConvS8Args&);
void conv2d_s8_ref(const ConvS8Args& args);
void depthwise_conv2d_s8_ref(const ConvS8Args& args);
// The same with a packed INT4 filter (quant/INT4-LAYOUT.md: rows of the filter's innermost
// dimension, two values a byte, each row byte-aligned); filter_data then points at those bytes.
// The values in [-8, 7] enter the int8 arithmetic unchanged, as TFLite's int4 filters do.
void conv2d_s8s4_ref(const ConvS8Args& args);
void depthwise_conv2d_s8s4_ref(const ConvS8Args& args);

// CONV_2D 16x8 (TFLite's ConvPerChannel for int16): int16 input and output with zero points 0,
// int8 filter, int32 bias (TFLite's int64 bias when every value fits int32), int64 accumulator
// requantized by multiply_by_quantized_multiplier_s64 per output channel.
struct ConvS16Args {
  const ConvParams* params;
  const int32_t* multipliers;
  const int32_t* shifts;
  Shape4 input;
  const int16_t* input_data;
  Shape4 filter;
  const int8_t* filter_data;
  const int32_t* bias;  // [out_c] or nullptr
  Shape4 output;
  int16_t* output_data;
  void* scratch;  // transpose_conv2d_s16_ref: int64 per output element
};
using ConvS16Fn = void (*)(const ConvS16Args&);
void conv2d_s16_ref(const ConvS16Args& args);
// DEPTHWISE_CONV_2D 16x8 (TFLite's DepthwiseConvPerChannel for int16): as conv2d_s16_ref with the
// depthwise channel rule of depthwise_conv2d_s8_ref.
void depthwise_conv2d_s16_ref(const ConvS16Args& args);

// TRANSPOSE_CONV (TFLite's reference_integer_ops::TransposeConv): every input element scattered
// through the filter [out_c, kh, kw, in_c] onto output (y * stride - pad_top + fy, ...),
// accumulated in the scratch (int32 per output element for int8, int64 for int16), then bias,
// per-channel requantization and the clamp. The scratch bytes are transpose_conv2d_scratch_bytes.
void transpose_conv2d_s8_ref(const ConvS8Args& args);
void transpose_conv2d_s16_ref(const ConvS16Args& args);
// In 64 bits: the output's element count times 8 need not fit int32 (the caller checks).
int64_t transpose_conv2d_scratch_bytes(Shape4 output, uint32_t element_bytes);

// FULLY_CONNECTED: output[b][o] = requant(sum_i (in[b][i] + input_offset) *
// (w[o][i] + weights_offset) + bias[o]); weights [output_depth, input_depth].
struct FullyConnectedS8Args {
  const FullyConnectedParams* params;
  const int32_t* multipliers;
  const int32_t* shifts;
  int32_t batches;
  int32_t input_depth;
  int32_t output_depth;
  const int8_t* input;
  const int8_t* weights;
  const int32_t* bias;  // [output_depth] or nullptr
  int8_t* output;
  void* scratch;  // the INT4 variants' declared scratch (kernel_select.h); int8 kernels ignore it
};
using FullyConnectedS8Fn = void (*)(const FullyConnectedS8Args&);
void fully_connected_s8_ref(const FullyConnectedS8Args& args);
// The same over packed INT4 weights (rows of input_depth values; `weights` points at the bytes).
void fully_connected_s8s4_ref(const FullyConnectedS8Args& args);

// FULLY_CONNECTED 16x8 (TFLite's FullyConnected / FullyConnectedPerChannel for int16 input and
// an int64 bias): int64 accumulator, multiply_by_quantized_multiplier_s64, the int16 clamp.
struct FullyConnectedS16Args {
  const FullyConnectedParams* params;
  const int32_t* multipliers;
  const int32_t* shifts;
  int32_t batches;
  int32_t input_depth;
  int32_t output_depth;
  const int16_t* input;
  const int8_t* weights;
  const int32_t* bias;  // [output_depth] or nullptr
  int16_t* output;
};
using FullyConnectedS16Fn = void (*)(const FullyConnectedS16Args&);
void fully_connected_s16_ref(const FullyConnectedS16Args& args);

struct PoolS8Args {
  const PoolParams* params;
  Shape4 input;
  const int8_t* input_data;
  Shape4 output;
  int8_t* output_data;
};
using PoolS8Fn = void (*)(const PoolS8Args&);
void average_pool2d_s8_ref(const PoolS8Args& args);
void max_pool2d_s8_ref(const PoolS8Args& args);
// The int16 forms (TFLite's 16x8 pools: the same arithmetic on int16 values).
struct PoolS16Args {
  const PoolParams* params;
  Shape4 input;
  const int16_t* input_data;
  Shape4 output;
  int16_t* output_data;
};
void average_pool2d_s16_ref(const PoolS16Args& args);
void max_pool2d_s16_ref(const PoolS16Args& args);

// ADD / MUL with NumPy-style broadcasting over 4-D shapes (a dimension of 1 broadcasts).
struct BinaryS8Args {
  const void* params;  // AddParams or MulParams
  Shape4 input1;
  const int8_t* input1_data;
  Shape4 input2;
  const int8_t* input2_data;
  Shape4 output;
  int8_t* output_data;
};
using BinaryS8Fn = void (*)(const BinaryS8Args&);
void add_s8_ref(const BinaryS8Args& args);
void sub_s8_ref(const BinaryS8Args& args);  // input1 - input2, AddParams (TFLite's SUB)

// The int16 forms (TFLite's 16x8 ADD / SUB: left_shift 15, int16 clamp).
struct BinaryS16Args {
  const void* params;  // AddParams
  Shape4 input1;
  const int16_t* input1_data;
  Shape4 input2;
  const int16_t* input2_data;
  Shape4 output;
  int16_t* output_data;
};
void add_s16_ref(const BinaryS16Args& args);
void sub_s16_ref(const BinaryS16Args& args);
void mul_s16_ref(const BinaryS16Args& args);  // zero points 0: |product| <= 2^30

// SQUARED_DIFFERENCE int8 (AddParams with left_shift 7, the output shift of either sign).
void squared_difference_s8_ref(const BinaryS8Args& args);
// PRELU int8 (PreluParams; input2 is alpha, broadcast to input1's shape).
void prelu_s8_ref(const BinaryS8Args& args);
// HARD_SWISH int8 elementwise.
void hard_swish_s8_ref(const HardSwishParams& params, int32_t count, const int8_t* input,
                       int8_t* output);

// RESIZE_NEAREST_NEIGHBOR, any element size: output (n, y, x) copies the `depth` elements of
// input (n, rows[y], cols[x]).
void resize_nearest_ref(Shape4 input, const void* input_data, Shape4 output, const int32_t* rows,
                        const int32_t* cols, int32_t element_bytes, void* output_data);
// RESIZE_BILINEAR int8 (TFLite's integer form; inputs and output share quantization).
void resize_bilinear_s8_ref(const ResizeBilinearParams& params, Shape4 input,
                            const int8_t* input_data, Shape4 output, int8_t* output_data);

// BATCH_MATMUL's operands: dims right-aligned into 5 (leading 1s), the batch dims (0..2) of each
// input 1 or the output's.
struct BatchMatMulArgs {
  const BatchMatMulParams* params;
  int32_t lhs_dims[5], rhs_dims[5], output_dims[5];
  const void* lhs;
  const void* rhs;
  void* output;
};
void batch_matmul_s8_ref(const BatchMatMulArgs& args);

// SVDF int8 with a state of T = int16_t or int8_t (SvdfParams); bias may be null.
struct SvdfArgs {
  const SvdfParams* params;
  int32_t batch, input_size, filters, memory;
  const int8_t* input;
  const int8_t* weights_feature;  // [filters, input_size]
  const void* weights_time;       // [filters, memory], T
  const int32_t* bias;            // [filters / rank] or null
  void* state;                    // [batch, filters * memory], T
  int8_t* output;                 // [batch, filters / rank]
};
void svdf_s8_state_s16_ref(const SvdfArgs& args);
void svdf_s8_state_s8_ref(const SvdfArgs& args);

// UNIDIRECTIONAL_SEQUENCE_LSTM (LstmParams) with int8 (lstm_s8_ref) or int16 (lstm_s16_ref,
// 16x8) activations, int8 weights, int32 bias and an int16 cell state; the state is read and
// written in place. Each step handles `rows` = time_major ? batch : 1 sequences.
struct LstmArgs {
  const LstmParams* params;
  int32_t batch, time, input_size, cell;
  const void* input;                // activation type, [batch, time, input_size] or time-major
  const int8_t* input_weights;      // [4 * cell, input_size], gates input, forget, cell, output
  const int8_t* recurrent_weights;  // [4 * cell, cell]
  const int32_t* bias;              // [4 * cell]
  void* hidden;                     // [batch, cell], activation type
  int16_t* cell_state;              // [batch, cell]
  void* output;                     // as the input with cell for input_size
  int16_t* scratch;                 // 4 * rows * cell
};
void lstm_s8_ref(const LstmArgs& args);
void lstm_s16_ref(const LstmArgs& args);

// MAXIMUM / MINIMUM on the raw values (inputs and output share quantization, as TFLite's
// converter guarantees); params unread.
void maximum_s8_ref(const BinaryS8Args& args);
void minimum_s8_ref(const BinaryS8Args& args);
void maximum_s16_ref(const BinaryS16Args& args);
void minimum_s16_ref(const BinaryS16Args& args);
void mul_s8_ref(const BinaryS8Args& args);

// SOFTMAX over rows of `depth` values.
void softmax_s8_ref(const SoftmaxParams& params, int32_t rows, int32_t depth, const int8_t* input,
                    int8_t* output);
// SOFTMAX int16 (TFLite's LUT form): input zero point 0, output scale 1/32768 and zero point 0;
// depth <= 65536. Its two interpolating tables (TFLite's, built by quant/host/lut_s16.h):
constexpr int32_t kSoftmaxS16LutEntries = 513;
extern const int16_t kSoftmaxS16ExpLut[kSoftmaxS16LutEntries];         // exp on [-10, 0]
extern const int16_t kSoftmaxS16ReciprocalLut[kSoftmaxS16LutEntries];  // 1 / (1 + x) on [0, 1]
void softmax_s16_ref(const SoftmaxParams& params, int32_t rows, int32_t depth,
                     const int16_t* input, int16_t* output);
// LOGISTIC and TANH int16 (TFLite's table form, zero points 0, output scale 2^-15): the input
// rescale (input_multiplier in [1, 32767], input_left_shift in [0, 31]) gives scale 1/(3 * 4096).
void logistic_s16_ref(const LogisticParams& params, int32_t count, const int16_t* input,
                      int16_t* output);
void tanh_s16_ref(const LogisticParams& params, int32_t count, const int16_t* input,
                  int16_t* output);
// Their table, sigmoid(i / 24) in Q0.16 for i = 0..255 (for tests).
const uint16_t* sigmoid_table_s16();
// LOGISTIC and TANH elementwise.
void logistic_s8_ref(const LogisticParams& params, int32_t count, const int8_t* input,
                     int8_t* output);
void tanh_s8_ref(const LogisticParams& params, int32_t count, const int8_t* input, int8_t* output);
// RELU / RELU6 elementwise (requantize then clamp).
void relu_s8_ref(const ReluParams& params, int32_t count, const int8_t* input, int8_t* output);

// LEAKY_RELU int8 / int16 (TFLM's QuantizeLeakyRelu).
void leaky_relu_s8_ref(const LeakyReluParams& params, int32_t count, const int8_t* input,
                       int8_t* output);
void leaky_relu_s16_ref(const LeakyReluParams& params, int32_t count, const int16_t* input,
                        int16_t* output);
// QUANTIZE int8 -> int8 (requantization to another scale / zero point).
void requantize_s8_ref(const QuantizeParams& params, int32_t count, const int8_t* input,
                       int8_t* output);
// QUANTIZE between int8, int16 and int32 (element sizes 1, 2, 4), TFLite's Requantize.
void requantize_int_ref(const QuantizeParams& params, int32_t count, uint32_t in_bytes,
                        const void* input, uint32_t out_bytes, void* output);

// PAD of a 4-D int8 / int16 tensor (shapes right-aligned to 4-D by the caller).
void pad_s8_ref(const PadParams& params, Shape4 input, const int8_t* input_data, Shape4 output,
                int8_t* output_data);
void pad_s16_ref(const PadParams& params, Shape4 input, const int16_t* input_data, Shape4 output,
                 int16_t* output_data);

// MEAN of a 4-D int8 tensor over the axes in params.axis_mask.
void mean_s8_ref(const MeanParams& params, Shape4 input, const int8_t* input_data, Shape4 output,
                 int8_t* output_data);
void mean_s16_ref(const MeanParams& params, Shape4 input, const int16_t* input_data, Shape4 output,
                  int16_t* output_data);

// CONCATENATION of `count` tensors along one axis, type-agnostic: each input i is viewed as
// [outer, inner_bytes[i]] and the output as [outer, sum(inner_bytes)].
void concatenation_ref(int32_t count, const void* const* inputs, const int32_t* inner_bytes,
                       int32_t outer, void* output);

// STRIDED_SLICE, type-agnostic (element_bytes 1, 2 or 4): output element j is the input element
// at start[a] + i[a] * stride[a] on every axis a, i being j's row-major index over count[].
// input_dims are the input's params.rank dimensions.
void strided_slice_ref(const StridedSliceParams& params, const int32_t* input_dims,
                       uint32_t element_bytes, const void* input, void* output);

// GATHER, type-agnostic: for each of `outer` blocks of the input ([outer, axis_size, inner_bytes]),
// the rows indices[0..index_count) in order. An index outside [0, axis_size) -- possible only for
// indices computed at run time -- yields a row of zero bytes (TFLite fails the invoke there).
void gather_ref(int32_t outer, int32_t axis_size, int32_t inner_bytes, const int32_t* indices,
                int32_t index_count, const void* input, void* output);

// TRANSPOSE, type-agnostic (element_bytes 1, 2 or 4): the output, row-major over
// input_dims[perm[k]], takes at each index i the input element whose axis perm[k] index is i[k].
void transpose_ref(const TransposeParams& params, const int32_t* input_dims,
                   uint32_t element_bytes, const void* input, void* output);

}  // namespace qrt

#endif  // QRT_OPS_KERNELS_S8_H
