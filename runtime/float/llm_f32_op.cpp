// Float32 transformer operators (the float baseline of a converted llama model), listed by
// qrt_llm_float_op_table(). Kernels: ops/include/qrt/ops/kernels_llm_f32.h (libqrt_float.a).
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"
#include "qrt/ops/kernels_llm_f32.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt_llm.h"

namespace qrt {
namespace {

constexpr uint32_t kF32 = QRT_DTYPE_FLOAT32;

qrt_status prepare_embedding(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 2, err));
  QRT_TRY(expect_constant(ctx, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 1, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, input_tensor(ctx, 0).dims[1], err));
  if (ctx.params_bytes != 0) return expect_params(ctx, 0, err);
  *scratch = 0;
  return QRT_OK;
}

void eval_embedding(const OpContext& ctx) {
  const format::TensorRecord& t = input_tensor(ctx, 0);
  llm_embedding_f32(input_data<float>(ctx, 0), t.dims[0], t.dims[1], input_data<int32_t>(ctx, 1)[0],
                    output_data<float>(ctx, 0));
}

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

qrt_status prepare_matmul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_input(ctx, 1, kF32, 2, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  const format::TensorRecord& w = input_tensor(ctx, 1);
  QRT_TRY(expect_llm_elements(ctx, true, 0, w.dims[1], err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, w.dims[0], err));
  if (ctx.params_bytes != 0) return expect_params(ctx, 0, err);
  *scratch = 0;
  return QRT_OK;
}

void eval_matmul(const OpContext& ctx) {
  const format::TensorRecord& w = input_tensor(ctx, 1);
  llm_matvec_f32(input_data<float>(ctx, 1), w.dims[0], w.dims[1], input_data<float>(ctx, 0),
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

extern "C" const qrt_op qrt_op_embedding_f32 = {kOpEmbedding, kF32, prepare_embedding,
                                                eval_embedding, 0};
extern "C" const qrt_op qrt_op_rms_norm_f32 = {kOpRmsNorm, kF32, prepare_rms_norm, eval_rms_norm,
                                               0};
extern "C" const qrt_op qrt_op_matmul_f32 = {kOpMatMul, kF32, prepare_matmul, eval_matmul, 0};
extern "C" const qrt_op qrt_op_rope_f32 = {kOpRope, kF32, prepare_rope, eval_rope, 1};
extern "C" const qrt_op qrt_op_attention_f32 = {kOpAttention, kF32, prepare_attention,
                                                eval_attention, 0};
extern "C" const qrt_op qrt_op_swiglu_f32 = {kOpSwiGlu, kF32, prepare_binary, eval_swiglu, 0};
extern "C" const qrt_op qrt_op_residual_add_f32 = {kOpResidualAdd, kF32, prepare_binary,
                                                   eval_residual_add, 1};

const OpImpl* const kLlmFloatOps[] = {
    &qrt_op_embedding_f32, &qrt_op_rms_norm_f32, &qrt_op_matmul_f32,      &qrt_op_rope_f32,
    &qrt_op_attention_f32, &qrt_op_swiglu_f32,   &qrt_op_residual_add_f32};

const qrt_op_table kLlmFloatOpTable = {
    kLlmFloatOps, static_cast<int32_t>(sizeof kLlmFloatOps / sizeof kLlmFloatOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_llm_float_op_table(void) { return &qrt::kLlmFloatOpTable; }
