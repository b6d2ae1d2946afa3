// TRANSPOSE_CONV: int8, 16x8 (int16 activations, int8 filter) and float32, TFLite's semantics.
// The importer keeps the data input, the filter and the bias (TFLite's output-shape input is the
// output tensor's shape).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {
namespace {

const int32_t* multipliers_of(const ConvParams& p) {
  return reinterpret_cast<const int32_t*>(&p + 1);
}

const int32_t* bias_of(const OpContext& ctx) {
  return ctx.op->input_count > 2 && ctx.inputs[2] >= 0 ? input_data<int32_t>(ctx, 2) : nullptr;
}

// T is int8_t or int16_t: the tensors, the geometry, the requantization block and the ranges of
// the offsets and the clamp; int16 is symmetric and its shifts stay within the 64-bit form's.
template <typename T, uint32_t kDType>
qrt_status prepare_transpose_conv(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  constexpr int32_t kHalf = int32_t{1} << (8 * sizeof(T) - 1);
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
  if (sizeof(T) == 1) {
    QRT_TRY(expect_range(ctx, "input_offset", p.input_offset, -127, 128, err));
    QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, -128, 127, err));
  } else {  // TFLite's 16x8 is symmetric
    QRT_TRY(expect_range(ctx, "input_offset", p.input_offset, 0, 0, err));
    QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, 0, 0, err));
  }
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, -kHalf, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, kHalf - 1, err));
  const int32_t* shifts = multipliers_of(p) + p.channel_count;
  for (int32_t c = 0; c < p.channel_count && sizeof(T) == 2; ++c) {
    QRT_TRY(expect_range(ctx, "shift", shifts[c], -31, 7, err));
  }
  *scratch = static_cast<uint32_t>(
      transpose_conv2d_scratch_bytes(shape4(output_tensor(ctx, 0)), sizeof(T) == 1 ? 4u : 8u));
  return expect_multipliers(ctx, multipliers_of(p), shifts, p.channel_count, err);
}

void eval_s8(const OpContext& ctx) {
  const ConvParams& p = params_as<ConvParams>(ctx);
  const ConvS8Args a = {&p,
                        multipliers_of(p),
                        multipliers_of(p) + p.channel_count,
                        shape4(input_tensor(ctx, 0)),
                        input_data<int8_t>(ctx, 0),
                        shape4(input_tensor(ctx, 1)),
                        input_data<int8_t>(ctx, 1),
                        bias_of(ctx),
                        shape4(output_tensor(ctx, 0)),
                        output_data<int8_t>(ctx, 0),
                        ctx.scratch};
  transpose_conv2d_s8_ref(a);
}

void eval_s16(const OpContext& ctx) {
  const ConvParams& p = params_as<ConvParams>(ctx);
  const ConvS16Args a = {&p,
                         multipliers_of(p),
                         multipliers_of(p) + p.channel_count,
                         shape4(input_tensor(ctx, 0)),
                         input_data<int16_t>(ctx, 0),
                         shape4(input_tensor(ctx, 1)),
                         input_data<int8_t>(ctx, 1),
                         bias_of(ctx),
                         shape4(output_tensor(ctx, 0)),
                         output_data<int16_t>(ctx, 0),
                         ctx.scratch};
  transpose_conv2d_s16_ref(a);
}

}  // namespace

extern "C" const qrt_op qrt_op_transpose_conv_s8 = {
    kOpTransposeConv, QRT_DTYPE_INT8, prepare_transpose_conv<int8_t, QRT_DTYPE_INT8>, eval_s8, 0};
extern "C" const qrt_op qrt_op_transpose_conv_s16 = {
    kOpTransposeConv, QRT_DTYPE_INT16, prepare_transpose_conv<int16_t, QRT_DTYPE_INT16>, eval_s16,
    0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "qrt/ops/kernels_f32.h"
#include "support/checks_f32.h"

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
  ConvF32Args a;
  a.params = &params_as<ConvParams>(ctx);
  a.input = shape4(input_tensor(ctx, 0));
  a.input_data = input_data<float>(ctx, 0);
  a.filter = shape4(input_tensor(ctx, 1));
  a.filter_data = input_data<float>(ctx, 1);
  a.bias = ctx.op->input_count > 2 && ctx.inputs[2] >= 0 ? input_data<float>(ctx, 2) : nullptr;
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<float>(ctx, 0);
  transpose_conv2d_f32_ref(a);
}

}  // namespace

extern "C" const qrt_op qrt_op_transpose_conv_f32 = {kOpTransposeConv, QRT_DTYPE_FLOAT32,
                                                     prepare_transpose_conv, eval_transpose_conv,
                                                     0};

}  // namespace qrt

#endif
