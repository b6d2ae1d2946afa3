// TRANSPOSE_CONV: int8, 16x8 (int16 activations, int8 filter) and float32, TFLite's semantics.
// The importer keeps the data input, the filter and the bias (TFLite's output-shape input is the
// output tensor's shape).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/conv_common.h"

namespace qrt {
namespace {

// T is int8_t or int16_t: the tensors, the geometry, the requantization block and the ranges of
// the offsets and the clamp (expect_requant_s16 for int16).
template <typename T, uint32_t kDType>
qrt_status prepare_transpose_conv(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, kDType, 4, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT8, 4, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, kDType, 4, err));
  if (ctx.params_bytes < sizeof(ConvParams)) return expect_params(ctx, sizeof(ConvParams), err);
  const ConvParams& p = params_as<ConvParams>(ctx);
  int32_t out_c = 0;
  QRT_TRY(expect_transpose_conv_geometry(ctx, p, &out_c, err));
  QRT_TRY(expect_requant_block(ctx, sizeof(ConvParams), p.channel_count, out_c, err));
  QRT_TRY(expect_optional_constant(ctx, 2, QRT_DTYPE_INT32, out_c, err));
  // One accumulator per output element (found by fuzzing: count x 8 overflowed int32).
  const int64_t accumulators =
      transpose_conv2d_scratch_bytes(shape4(output_tensor(ctx, 0)), sizeof(T) == 1 ? 4u : 8u);
  QRT_TRY(expect_range(ctx, "scratch bytes", accumulators, 0, INT32_MAX, err));
  const auto scratch_bytes = static_cast<uint32_t>(accumulators);
  if (sizeof(T) == 2) {
    // An output element sums at most in_c x kh x kw products.
    const format::TensorRecord& f = input_tensor(ctx, 1);
    QRT_TRY(expect_s16_depth(ctx, int64_t{f.dims[1]} * f.dims[2] * f.dims[3], err));
    *scratch = scratch_bytes;
    return expect_requant_s16(ctx, p.input_offset, p.output_offset, p.act_min, p.act_max,
                              multipliers_of(p), p.channel_count, err);
  }
  QRT_TRY(expect_range(ctx, "input_offset", p.input_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, -128, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, 127, err));
  *scratch = scratch_bytes;
  return expect_multipliers(ctx, multipliers_of(p), multipliers_of(p) + p.channel_count,
                            p.channel_count, err);
}

void eval_s8(const OpContext& ctx) {
  transpose_conv2d_s8_ref(conv_args_int<ConvS8Args, int8_t>(ctx));
}

void eval_s16(const OpContext& ctx) {
  transpose_conv2d_s16_ref(conv_args_int<ConvS16Args, int16_t>(ctx));
}

}  // namespace

extern "C" const qrt_op qrt_op_transpose_conv_s8 = {
    kOpTransposeConv, QRT_DTYPE_INT8, prepare_transpose_conv<int8_t, QRT_DTYPE_INT8>, eval_s8, 0};
extern "C" const qrt_op qrt_op_transpose_conv_s16 = {
    kOpTransposeConv, QRT_DTYPE_INT16, prepare_transpose_conv<int16_t, QRT_DTYPE_INT16>, eval_s16,
    0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/ops/kernels_f32.h"
#include "support/checks_f32.h"
#include "support/conv_common.h"

namespace qrt {
namespace {

qrt_status prepare_transpose_conv(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 4, err));
  QRT_TRY(expect_float_weights(ctx, 1, 4, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 4, err));
  QRT_TRY(expect_params(ctx, sizeof(ConvParams), err));
  const ConvParams& p = params_as<ConvParams>(ctx);
  QRT_TRY(expect_range(ctx, "channel_count (float32 has no requantization)", p.channel_count, 0,
                       0, err));
  int32_t out_c = 0;
  QRT_TRY(expect_transpose_conv_geometry(ctx, p, &out_c, err));
  QRT_TRY(expect_optional_constant(ctx, 2, QRT_DTYPE_FLOAT32, out_c, err));
  QRT_TRY(expect_float_clamp(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_transpose_conv(const OpContext& ctx) {
  transpose_conv2d_f32_ref(conv_tensors<ConvF32Args, float, float, float>(ctx));
}

}  // namespace

extern "C" const qrt_op qrt_op_transpose_conv_f32 = {kOpTransposeConv, QRT_DTYPE_FLOAT32,
                                                     prepare_transpose_conv, eval_transpose_conv,
                                                     0};

}  // namespace qrt

#endif
