// ATTENTION over the persistent KV cache, SWIGLU and RESIDUAL_ADD: integer and float32 (run.c's
// arithmetic).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace {

constexpr uint32_t kActivationTypes = dtype_bit(QRT_DTYPE_INT8) | dtype_bit(QRT_DTYPE_INT16);

qrt_status expect_cache(const OpContext& ctx, int k, uint32_t dtype, int32_t kv_len,
                        int32_t kv_dim, qrt_error* err) {
  QRT_TRY(expect_output(ctx, k, dtype, 2, err));
  const format::TensorRecord& r = output_tensor(ctx, k);
  if (r.kind != format::kTensorPersistent || r.dims[0] != kv_len || r.dims[1] != kv_dim) {
    op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("output ").num(k)
        .text(" must be a persistent cache [kv_len, kv_heads * head_size]");
    return QRT_ERR_BAD_OPERATOR;
  }
  return QRT_OK;
}

qrt_status prepare_attention(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 4, 4, 3, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmAttentionParams), err));
  const LlmAttentionParams& p = params_as<LlmAttentionParams>(ctx);
  QRT_TRY(expect_range(ctx, "n_heads", p.n_heads, 1, 4096, err));
  QRT_TRY(expect_range(ctx, "n_kv_heads", p.n_kv_heads, 1, p.n_heads, err));
  QRT_TRY(expect_range(ctx, "head_size", p.head_size, 1, 4096, err));
  QRT_TRY(expect_range(ctx, "kv_len", p.kv_len, 1, 1 << 20, err));
  QRT_TRY(expect_range(ctx, "diff_min", p.diff_min, INT32_MIN, 0, err));
  if (p.n_heads % p.n_kv_heads != 0) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("n_heads must be a multiple of n_kv_heads");
    return QRT_ERR_BAD_PARAMS;
  }
  QRT_TRY(expect_llm_multipliers(ctx, &p.score_multiplier, &p.score_shift, 1, err));
  QRT_TRY(expect_llm_multipliers(ctx, &p.out_multiplier, &p.out_shift, 1, err));
  const int32_t q_dim = p.n_heads * p.head_size, kv_dim = p.n_kv_heads * p.head_size;
  uint32_t q_type = 0, k_type = 0, out_type = 0;
  QRT_TRY(expect_llm_dtype(ctx, true, 0, kActivationTypes, &q_type, err));
  QRT_TRY(expect_llm_elements(ctx, true, 0, q_dim, err));
  QRT_TRY(expect_llm_dtype(ctx, true, 1, kActivationTypes, &k_type, err));
  QRT_TRY(expect_llm_elements(ctx, true, 1, kv_dim, err));
  QRT_TRY(expect_input(ctx, 2, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 2, kv_dim, err));
  QRT_TRY(expect_input(ctx, 3, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 3, 1, err));
  QRT_TRY(expect_llm_dtype(ctx, false, 0, kActivationTypes, &out_type, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, q_dim, err));
  QRT_TRY(expect_cache(ctx, 1, k_type, p.kv_len, kv_dim, err));
  QRT_TRY(expect_cache(ctx, 2, QRT_DTYPE_INT8, p.kv_len, kv_dim, err));
  *scratch = static_cast<uint32_t>(llm_attention_scratch_bytes(p.kv_len));
  return QRT_OK;
}

void eval_attention(const OpContext& ctx) {
  const LlmAttentionParams& p = params_as<LlmAttentionParams>(ctx);
  LlmAttentionArgs a;
  a.q_type = llm_type(input_tensor(ctx, 0).dtype);
  a.q = input_data<void>(ctx, 0);
  a.k_type = llm_type(input_tensor(ctx, 1).dtype);
  a.k = input_data<void>(ctx, 1);
  a.v = input_data<int8_t>(ctx, 2);
  a.position = input_data<int32_t>(ctx, 3)[0];
  a.key_cache = output_data<void>(ctx, 1);
  a.value_cache = output_data<int8_t>(ctx, 2);
  a.n_heads = p.n_heads;
  a.n_kv_heads = p.n_kv_heads;
  a.head_size = p.head_size;
  a.kv_len = p.kv_len;
  a.score_multiplier = p.score_multiplier;
  a.score_shift = p.score_shift;
  a.diff_min = p.diff_min;
  a.out_multiplier = p.out_multiplier;
  a.out_shift = p.out_shift;
  a.output_type = llm_type(output_tensor(ctx, 0).dtype);
  a.output = output_data<void>(ctx, 0);
  a.scratch = static_cast<int64_t*>(ctx.scratch);
  llm_attention_kernel(llm_attention_variant(ctx.isas))(a);
}

qrt_status prepare_swiglu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  uint32_t in_type = 0, out_type = 0;
  QRT_TRY(expect_llm_dtype(ctx, true, 0, kActivationTypes, &in_type, err));
  QRT_TRY(expect_input(ctx, 1, in_type, 0, err));
  QRT_TRY(expect_llm_dtype(ctx, false, 0, kActivationTypes, &out_type, err));
  const int32_t count = element_count(input_tensor(ctx, 0));
  QRT_TRY(expect_llm_elements(ctx, true, 1, count, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, count, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmSwiGluParams), err));
  const LlmSwiGluParams& p = params_as<LlmSwiGluParams>(ctx);
  QRT_TRY(expect_llm_multipliers(ctx, &p.gate_multiplier, &p.gate_shift, 1, err));
  QRT_TRY(expect_llm_multipliers(ctx, &p.out_multiplier, &p.out_shift, 1, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_swiglu(const OpContext& ctx) {
  const LlmSwiGluParams& p = params_as<LlmSwiGluParams>(ctx);
  LlmSwiGluArgs a;
  a.input_type = llm_type(input_tensor(ctx, 0).dtype);
  a.gate = input_data<void>(ctx, 0);
  a.up = input_data<void>(ctx, 1);
  a.count = element_count(input_tensor(ctx, 0));
  a.gate_multiplier = p.gate_multiplier;
  a.gate_shift = p.gate_shift;
  a.out_multiplier = p.out_multiplier;
  a.out_shift = p.out_shift;
  a.output_type = llm_type(output_tensor(ctx, 0).dtype);
  a.output = output_data<void>(ctx, 0);
  llm_swiglu_kernel(llm_swiglu_variant(ctx.isas))(a);
}

qrt_status prepare_residual_add(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT32, 0, err));
  const int32_t count = element_count(input_tensor(ctx, 0));
  QRT_TRY(expect_llm_elements(ctx, true, 1, count, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, count, err));
  if (ctx.params_bytes != 0) return expect_params(ctx, 0, err);
  *scratch = 0;
  return QRT_OK;
}

void eval_residual_add(const OpContext& ctx) {
  llm_residual_add_s32_ref(input_data<int32_t>(ctx, 0), input_data<int32_t>(ctx, 1),
                           element_count(input_tensor(ctx, 0)), output_data<int32_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_attention_s8 = {kOpAttention, QRT_DTYPE_INT8, prepare_attention,
                                               eval_attention, 0};
extern "C" const qrt_op qrt_op_attention_s16 = {kOpAttention, QRT_DTYPE_INT16, prepare_attention,
                                                eval_attention, 0};
extern "C" const qrt_op qrt_op_swiglu_s8 = {kOpSwiGlu, QRT_DTYPE_INT8, prepare_swiglu, eval_swiglu,
                                            0};
extern "C" const qrt_op qrt_op_swiglu_s16 = {kOpSwiGlu, QRT_DTYPE_INT16, prepare_swiglu,
                                             eval_swiglu, 0};
extern "C" const qrt_op qrt_op_residual_add_s32 = {kOpResidualAdd, QRT_DTYPE_INT32,
                                                   prepare_residual_add, eval_residual_add, 1};

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

qrt_status prepare_attention(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 4, 4, 3, err));
  QRT_TRY(expect_params(ctx, sizeof(LlmAttentionF32Params), err));
  const LlmAttentionF32Params& p = params_as<LlmAttentionF32Params>(ctx);
  QRT_TRY(expect_range(ctx, "n_heads", p.n_heads, 1, 4096, err));
  QRT_TRY(expect_range(ctx, "n_kv_heads", p.n_kv_heads, 1, p.n_heads, err));
  QRT_TRY(expect_range(ctx, "head_size", p.head_size, 1, 4096, err));
  QRT_TRY(expect_range(ctx, "kv_len", p.kv_len, 1, 1 << 20, err));
  if (p.n_heads % p.n_kv_heads != 0) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("n_heads must be a multiple of n_kv_heads");
    return QRT_ERR_BAD_PARAMS;
  }
  const int32_t q_dim = p.n_heads * p.head_size, kv_dim = p.n_kv_heads * p.head_size;
  for (int k = 0; k < 3; ++k) {
    QRT_TRY(expect_input(ctx, k, kF32, 0, err));
    QRT_TRY(expect_llm_elements(ctx, true, k, k == 0 ? q_dim : kv_dim, err));
  }
  QRT_TRY(expect_input(ctx, 3, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 3, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, q_dim, err));
  for (int k = 1; k < 3; ++k) {
    QRT_TRY(expect_output(ctx, k, kF32, 2, err));
    const format::TensorRecord& r = output_tensor(ctx, k);
    if (r.kind != format::kTensorPersistent || r.dims[0] != p.kv_len || r.dims[1] != kv_dim) {
      op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("output ").num(k)
          .text(" must be a persistent cache [kv_len, kv_heads * head_size]");
      return QRT_ERR_BAD_OPERATOR;
    }
  }
  *scratch = static_cast<uint32_t>(p.kv_len) * 4u;
  return QRT_OK;
}

void eval_attention(const OpContext& ctx) {
  const LlmAttentionF32Params& p = params_as<LlmAttentionF32Params>(ctx);
  LlmAttentionF32Args a;
  a.q = input_data<float>(ctx, 0);
  a.k = input_data<float>(ctx, 1);
  a.v = input_data<float>(ctx, 2);
  a.position = input_data<int32_t>(ctx, 3)[0];
  a.key_cache = output_data<float>(ctx, 1);
  a.value_cache = output_data<float>(ctx, 2);
  a.n_heads = p.n_heads;
  a.n_kv_heads = p.n_kv_heads;
  a.head_size = p.head_size;
  a.kv_len = p.kv_len;
  a.output = output_data<float>(ctx, 0);
  a.scratch = static_cast<float*>(ctx.scratch);
  llm_attention_f32(a);
}

qrt_status prepare_binary(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_input(ctx, 1, kF32, 0, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  const int32_t count = element_count(input_tensor(ctx, 0));
  QRT_TRY(expect_llm_elements(ctx, true, 1, count, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, count, err));
  if (ctx.params_bytes != 0) return expect_params(ctx, 0, err);
  *scratch = 0;
  return QRT_OK;
}

void eval_swiglu(const OpContext& ctx) {
  llm_swiglu_f32(input_data<float>(ctx, 0), input_data<float>(ctx, 1),
                 element_count(input_tensor(ctx, 0)), output_data<float>(ctx, 0));
}

void eval_residual_add(const OpContext& ctx) {
  llm_residual_add_f32(input_data<float>(ctx, 0), input_data<float>(ctx, 1),
                       element_count(input_tensor(ctx, 0)), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_attention_f32 = {kOpAttention, kF32, prepare_attention,
                                                eval_attention, 0};
extern "C" const qrt_op qrt_op_swiglu_f32 = {kOpSwiGlu, kF32, prepare_binary, eval_swiglu, 0};
extern "C" const qrt_op qrt_op_residual_add_f32 = {kOpResidualAdd, kF32, prepare_binary,
                                                   eval_residual_add, 1};

}  // namespace qrt

#endif
