// What the convolution-like adapters share (conv.cpp, transpose_conv.cpp, fully_connected.cpp):
// the kernels' argument structs filled from an operator's tensors, and the checks of a 16x8
// requantization block.
#ifndef QRT_RUNTIME_SRC_OPS_SUPPORT_CONV_COMMON_H
#define QRT_RUNTIME_SRC_OPS_SUPPORT_CONV_COMMON_H

#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

// The per-channel (multiplier, shift) arrays that follow a parameter block P.
template <typename P>
const int32_t* multipliers_of(const P& p) {
  return reinterpret_cast<const int32_t*>(&p + 1);
}

// ConvS8Args, ConvS16Args or ConvF32Args from input 0 (elements T), filter 1 (W), the optional
// bias 2 (B) and output 0.
template <typename Args, typename T, typename W, typename B>
Args conv_tensors(const OpContext& ctx) {
  Args a{};
  a.params = &params_as<ConvParams>(ctx);
  a.input = shape4(input_tensor(ctx, 0));
  a.input_data = input_data<T>(ctx, 0);
  a.filter = shape4(input_tensor(ctx, 1));
  a.filter_data = input_data<W>(ctx, 1);
  a.bias = ctx.op->input_count > 2 && ctx.inputs[2] >= 0 ? input_data<B>(ctx, 2) : nullptr;
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<T>(ctx, 0);
  return a;
}

// The integer forms add the requantization arrays and the scratch.
template <typename Args, typename T>
Args conv_args_int(const OpContext& ctx) {
  Args a = conv_tensors<Args, T, int8_t, int32_t>(ctx);
  a.multipliers = multipliers_of(*a.params);
  a.shifts = a.multipliers + a.params->channel_count;
  a.scratch = ctx.scratch;
  return a;
}

// FullyConnectedS8Args or FullyConnectedS16Args: the input viewed as [batches, depth] with depth
// the weights' dims[1].
template <typename Args, typename T>
Args fully_connected_args(const OpContext& ctx) {
  const FullyConnectedParams& p = params_as<FullyConnectedParams>(ctx);
  const format::TensorRecord& weights = input_tensor(ctx, 1);
  Args a{};
  a.params = &p;
  a.multipliers = multipliers_of(p);
  a.shifts = a.multipliers + p.channel_count;
  a.output_depth = weights.dims[0];
  a.input_depth = weights.dims[1];
  a.batches = element_count(input_tensor(ctx, 0)) / a.input_depth;
  a.input = input_data<T>(ctx, 0);
  a.weights = input_data<int8_t>(ctx, 1);
  a.bias = ctx.op->input_count > 2 && ctx.inputs[2] >= 0 ? input_data<int32_t>(ctx, 2) : nullptr;
  a.output = output_data<T>(ctx, 0);
  return a;
}

// 16x8 accumulation depth (products summed into one int64): at most 2^24, which keeps the
// accumulator below 2^47 as TFLite's 64-bit requantization assumes (TFLite assumes 2^16).
inline qrt_status expect_s16_depth(const OpContext& ctx, int64_t products, qrt_error* err) {
  return expect_range(ctx, "products per output", products, 0, int64_t{1} << 24, err);
}

// 16x8 requantization: symmetric int16 (both offsets 0), an int16 clamp, and valid multipliers
// whose shifts stay within [-31, 7], the range TFLite's 64-bit requantization is defined for.
inline qrt_status expect_requant_s16(const OpContext& ctx, int32_t input_offset,
                                     int32_t output_offset, int32_t act_min, int32_t act_max,
                                     const int32_t* multipliers, int32_t count, qrt_error* err) {
  QRT_TRY(expect_range(ctx, "input_offset", input_offset, 0, 0, err));
  QRT_TRY(expect_range(ctx, "output_offset", output_offset, 0, 0, err));
  QRT_TRY(expect_range(ctx, "act_min", act_min, -32768, act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", act_max, act_min, 32767, err));
  const int32_t* shifts = multipliers + count;
  for (int32_t c = 0; c < count; ++c) QRT_TRY(expect_range(ctx, "shift", shifts[c], -31, 7, err));
  return expect_multipliers(ctx, multipliers, shifts, count, err);
}

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_SUPPORT_CONV_COMMON_H
