// Float32 transformer kernels: the float baseline of the LLM operators (optional float path,
// library qrt_ops_float / libqrt_float.a; never linked into the integer path). They compute
// exactly what llama2.c's run.c computes, operation for operation (float32 sums in index order,
// run.c's RoPE angles and softmax), so a float32 .qrt blob reproduces run.c's logits and greedy
// output.
#ifndef QRT_OPS_KERNELS_LLM_F32_H
#define QRT_OPS_KERNELS_LLM_F32_H

#include <stdint.h>

namespace qrt {

// out = table[token] (a zero vector for a token outside [0, rows)).
void llm_embedding_f32(const float* table, int32_t rows, int32_t cols, int32_t token, float* out);

// out[i] = weight[i] * (x[i] / sqrt(mean(x^2) + eps)) with run.c's float32 order.
void llm_rms_norm_f32(const float* x, const float* weight, int32_t dim, float eps, float* out);

// out[r] = sum_c w[r][c] * x[c], each row summed in index order.
void llm_matvec_f32(const float* w, int32_t rows, int32_t cols, const float* x, float* out);

// Rotates pairs of every head: angle pos / theta^(head_dim / head_size) (powf, cosf, sinf as
// run.c). out may alias x.
void llm_rope_f32(const float* x, int32_t count, int32_t head_size, int32_t position, float theta,
                  float* out);

// Causal grouped-query attention of one query at `position` (clamped into [0, kv_len)): stores
// k, v in the caches, then softmax(q.k / sqrt(head_size)) . v per head. scratch: kv_len floats.
struct LlmAttentionF32Args {
  const float* q;
  const float* k;
  const float* v;
  int32_t position;
  float* key_cache;
  float* value_cache;
  int32_t n_heads;
  int32_t n_kv_heads;
  int32_t head_size;
  int32_t kv_len;
  float* output;
  float* scratch;
};
void llm_attention_f32(const LlmAttentionF32Args& args);

// out[i] = silu(gate[i]) * up[i] (run.c's expression).
void llm_swiglu_f32(const float* gate, const float* up, int32_t count, float* out);

// out = a + b (out may alias a).
void llm_residual_add_f32(const float* a, const float* b, int32_t count, float* out);

}  // namespace qrt

#endif  // QRT_OPS_KERNELS_LLM_F32_H
