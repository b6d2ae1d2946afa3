// MUL with 4-D broadcasting: int8 and int16 (TFLite's integer semantics) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_mul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_INT8, err));
  QRT_TRY(expect_params(ctx, sizeof(MulParams), err));
  const MulParams& p = params_as<MulParams>(ctx);
  QRT_TRY(expect_offsets<int8_t>(ctx, p.input1_offset, p.input2_offset, p.output_offset, p.act_min,
                         p.act_max, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.output_multiplier, &p.output_shift, 1, err);
}

void eval_mul(const OpContext& ctx) { mul_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx)); }

// 16x8: zero points 0 (TFLM requires it), which keeps the product within 2^30.
qrt_status prepare_mul_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_INT16, err));
  QRT_TRY(expect_params(ctx, sizeof(MulParams), err));
  const MulParams& p = params_as<MulParams>(ctx);
  QRT_TRY(expect_range(ctx, "input1_offset", p.input1_offset, 0, 0, err));
  QRT_TRY(expect_range(ctx, "input2_offset", p.input2_offset, 0, 0, err));
  QRT_TRY(expect_offsets<int16_t>(ctx, 0, 0, p.output_offset, p.act_min, p.act_max, err));
  QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, 0, 0, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.output_multiplier, &p.output_shift, 1, err);
}

void eval_mul_s16(const OpContext& ctx) { mul_s16_ref(binary_args<BinaryS16Args, int16_t>(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_mul_s8 = {kOpMul, QRT_DTYPE_INT8, prepare_mul, eval_mul, 1};
extern "C" const qrt_op qrt_op_mul_s16 = {kOpMul, QRT_DTYPE_INT16, prepare_mul_s16, eval_mul_s16, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_mul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  QRT_TRY(expect_params(ctx, sizeof(MulParams), err));
  const MulParams& p = params_as<MulParams>(ctx);
  QRT_TRY(expect_float_clamp(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_mul(const OpContext& ctx) { mul_f32_ref(binary_args<BinaryF32Args, float>(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_mul_f32 = {kOpMul, QRT_DTYPE_FLOAT32, prepare_mul, eval_mul, 1};

}  // namespace qrt

#endif
