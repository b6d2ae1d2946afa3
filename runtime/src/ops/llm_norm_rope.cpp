// RMS_NORM and ROPE: integer (int32 residual in, int8 / int16 out) and float32 (run.c's arithmetic).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace {

constexpr uint32_t kActivationTypes = dtype_bit(QRT_DTYPE_INT8) | dtype_bit(QRT_DTYPE_INT16);

const int32_t* tail_of(const OpContext& ctx, uint32_t header) {
  return reinterpret_cast<const int32_t*>(static_cast<const uint8_t*>(ctx.params) + header);
}

qrt_status prepare_rms_norm(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT32, 0, err));
  uint32_t out_type = 0;
  QRT_TRY(expect_llm_dtype(ctx, false, 0, kActivationTypes, &out_type, err));
  const int32_t dim = element_count(input_tensor(ctx, 0));
  // The kernel's sum of squares has room for 2^16 values of 2^46.
  QRT_TRY(expect_range(ctx, "dim", dim, 1, 65536, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, dim, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmRmsNormParams) + 8u * static_cast<uint32_t>(dim), err));
  const int32_t* m = tail_of(ctx, sizeof(LlmRmsNormParams));
  QRT_TRY(expect_llm_multipliers(ctx, m, m + dim, dim, err));
  // eps_term >> 0 is added to a sum below 2^62: keep it below 2^62 as well.
  QRT_TRY(expect_range(ctx, "eps_term high word", params_as<LlmRmsNormParams>(ctx).eps_term_hi, 0,
                       (1 << 30) - 1, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_rms_norm(const OpContext& ctx) {
  const LlmRmsNormParams& p = params_as<LlmRmsNormParams>(ctx);
  LlmRmsNormArgs a;
  a.input = input_data<int32_t>(ctx, 0);
  a.dim = element_count(input_tensor(ctx, 0));
  a.eps_term = (static_cast<uint64_t>(p.eps_term_hi) << 32) | p.eps_term_lo;
  a.multipliers = tail_of(ctx, sizeof(LlmRmsNormParams));
  a.shifts = a.multipliers + a.dim;
  a.output_type = llm_type(output_tensor(ctx, 0).dtype);
  a.output = output_data<void>(ctx, 0);
  llm_rms_norm_ref(a);
}

qrt_status prepare_rope(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 3, 3, 1, err));
  uint32_t in_type = 0, out_type = 0;
  QRT_TRY(expect_llm_dtype(ctx, true, 0, kActivationTypes, &in_type, err));
  QRT_TRY(expect_llm_dtype(ctx, false, 0, kActivationTypes, &out_type, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 1, 1, err));
  QRT_TRY(expect_input(ctx, 2, QRT_DTYPE_INT16, 3, err));
  QRT_TRY(expect_constant(ctx, 2, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmRopeParams), err));
  const LlmRopeParams& p = params_as<LlmRopeParams>(ctx);
  const int32_t count = element_count(input_tensor(ctx, 0));
  QRT_TRY(expect_range(ctx, "head_size", p.head_size, 2, 65536, err));
  if (p.head_size % 2 != 0 || count % p.head_size != 0) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("head_size ").num(p.head_size)
        .text(" must be even and divide ").num(count);
    return QRT_ERR_BAD_PARAMS;
  }
  QRT_TRY(expect_llm_elements(ctx, false, 0, count, err));
  const format::TensorRecord& table = input_tensor(ctx, 2);
  if (table.dims[1] * 2 != p.head_size || table.dims[2] != 2) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("table must be [positions, head_size / 2, 2]");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_llm_multipliers(ctx, &p.multiplier, &p.shift, 1, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_rope(const OpContext& ctx) {
  const LlmRopeParams& p = params_as<LlmRopeParams>(ctx);
  LlmRopeArgs a;
  a.input_type = llm_type(input_tensor(ctx, 0).dtype);
  a.input = input_data<void>(ctx, 0);
  a.output_type = llm_type(output_tensor(ctx, 0).dtype);
  a.output = output_data<void>(ctx, 0);
  a.count = element_count(input_tensor(ctx, 0));
  a.head_size = p.head_size;
  a.position = input_data<int32_t>(ctx, 1)[0];
  a.table = input_data<int16_t>(ctx, 2);
  a.positions = input_tensor(ctx, 2).dims[0];
  a.multiplier = p.multiplier;
  a.shift = p.shift;
  llm_rope_ref(a);
}

}  // namespace

extern "C" const qrt_op qrt_op_rms_norm_s32 = {kOpRmsNorm, QRT_DTYPE_INT32, prepare_rms_norm,
                                               eval_rms_norm, 0};
extern "C" const qrt_op qrt_op_rope_s8 = {kOpRope, QRT_DTYPE_INT8, prepare_rope, eval_rope, 0};
extern "C" const qrt_op qrt_op_rope_s16 = {kOpRope, QRT_DTYPE_INT16, prepare_rope, eval_rope, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"
#include "qrt/ops/kernels_llm_f32.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt_llm.h"

namespace qrt {
namespace {

constexpr uint32_t kF32 = QRT_DTYPE_FLOAT32;

qrt_status prepare_rms_norm(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_input(ctx, 1, kF32, 0, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  const int32_t dim = element_count(input_tensor(ctx, 0));
  QRT_TRY(expect_llm_elements(ctx, true, 1, dim, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, dim, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmRmsNormF32Params), err));
  *scratch = 0;
  return QRT_OK;
}

void eval_rms_norm(const OpContext& ctx) {
  llm_rms_norm_f32(input_data<float>(ctx, 0), input_data<float>(ctx, 1),
                   element_count(input_tensor(ctx, 0)), params_as<LlmRmsNormF32Params>(ctx).eps,
                   output_data<float>(ctx, 0));
}

qrt_status prepare_rope(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 1, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  const int32_t count = element_count(input_tensor(ctx, 0));
  QRT_TRY(expect_llm_elements(ctx, false, 0, count, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmRopeF32Params), err));
  const LlmRopeF32Params& p = params_as<LlmRopeF32Params>(ctx);
  QRT_TRY(expect_range(ctx, "head_size", p.head_size, 2, 65536, err));
  if (p.head_size % 2 != 0 || count % p.head_size != 0 || !(p.theta > 1.0f && p.theta < 1e30f)) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("head_size must be even and divide the input; theta > 1");
    return QRT_ERR_BAD_PARAMS;
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_rope(const OpContext& ctx) {
  const LlmRopeF32Params& p = params_as<LlmRopeF32Params>(ctx);
  llm_rope_f32(input_data<float>(ctx, 0), element_count(input_tensor(ctx, 0)), p.head_size,
               input_data<int32_t>(ctx, 1)[0], p.theta, output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_rms_norm_f32 = {kOpRmsNorm, kF32, prepare_rms_norm, eval_rms_norm,
                                               0};
extern "C" const qrt_op qrt_op_rope_f32 = {kOpRope, kF32, prepare_rope, eval_rope, 1};

}  // namespace qrt

#endif
