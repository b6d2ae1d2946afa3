// Integer-only transformer kernels (Llama family, one token at a time): the portable reference
// kernels of the LLM operators. Contract as kernels_s8.h: no allocation, no state, no float;
// arguments were validated at load, so kernels do not check them again; any optimized variant must
// produce exactly these bytes.
//
// Activations are symmetric (zero point 0): int8 or int16 vectors with one static scale each, the
// residual stream int32. Weights are int8 or packed int4 (quant/INT4-LAYOUT.md), symmetric or
// asymmetric, per-channel or group-wise; a weight's real value is
//   per-channel:  row_scale[r] * (q - z[r])
//   group-wise:   row_unit[r] * m[r][g] * (q - z[r][g]),  m = int16 group multiplier in [1, 32767]
// and the kernels only see the int16 m and the per-row integer multipliers derived offline.
// Every requantization is requantize_s64 (fixedpoint_llm.h): one rounding, ties away from zero.
// Fixed-point formats of each kernel are stated next to it.
#ifndef QRT_OPS_KERNELS_LLM_H
#define QRT_OPS_KERNELS_LLM_H

#include <stdint.h>

namespace qrt {

// Element types of LLM kernel operands; the values equal qrt_dtype's.
enum LlmType : int32_t {
  kLlmInt8 = 1,
  kLlmInt16 = 2,
  kLlmInt32 = 3,
};

// A quantized weight matrix [rows, cols] (rows = output channels), read in place.
struct LlmWeights {
  const uint8_t* data;               // int8 [rows][cols], or int4 rows of ceil(cols / 2) bytes
  int32_t bits;                      // 8 or 4
  int32_t rows;
  int32_t cols;
  int32_t group_size;                // 0: per-channel
  const int16_t* group_multipliers;  // [rows][groups] when group_size > 0, else nullptr
  const int8_t* zero_points;         // [rows][groups] (per-channel: [rows]); nullptr: symmetric
  const int32_t* multipliers;        // [rows], see each kernel
  const int32_t* shifts;             // [rows]
};

// Groups per row: ceil(cols / group_size), 1 for per-channel.
inline int32_t llm_groups_per_row(const LlmWeights& w) {
  return w.group_size == 0 ? 1 : (w.cols + w.group_size - 1) / w.group_size;
}

// EMBEDDING: out[c] = requant((q[token][c] - z) * m, multipliers[token]) for the group of c
// (m = 1 per-channel); multipliers map (row scale | row unit) to the output scale. A token outside
// [0, rows) gives a zero vector. Output int8, int16 or int32 [cols].
struct LlmEmbeddingArgs {
  LlmWeights table;
  int32_t token;
  LlmType output_type;
  void* output;
};
void llm_embedding_ref(const LlmEmbeddingArgs& args);

// MATMUL, one vector: out[r] = requant(acc[r]) where
//   per-channel: acc = sum_c x[c] * (q[r][c] - z[r])                       (int64)
//   group-wise:  acc = round(sum_g m[r][g] * sum_{c in g} x[c] * (q[r][c] - z[r][g]) / 2^15)
// The sums are exact (int32 partial sums of at most 256 products, added in int64). acc is clamped
// to |acc| < 2^32 before requant (reachable only by adversarial int16 inputs with very long rows),
// and the result saturated to the output type. Input int8 or int16; output int8, int16 or int32.
// Asymmetric weights need the per-group sums of x: scratch of llm_matvec_ref_scratch_bytes (the
// variants' are in kernel_select.h; `asymmetric` because the data pointers may still be null when
// memory is planned).
struct LlmMatVecArgs {
  LlmWeights weights;
  LlmType input_type;
  const void* input;  // [cols]
  LlmType output_type;
  void* output;       // [rows]
  int64_t* scratch;   // [groups per row] when weights.zero_points != nullptr, else unused
};
void llm_matvec_ref(const LlmMatVecArgs& args);
inline int32_t llm_matvec_ref_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return asymmetric ? llm_groups_per_row(w) * 8 : 0;
}

// RMS_NORM: out[i] = weight[i] * x[i] / sqrt(mean(x^2) + eps), integer-only:
//  1. if max|x| >= 2^23, x is shifted right (rounding) by k so that |x| < 2^23 (the scale cancels);
//  2. S = sum x^2 + (eps_term >> 2k)   (uint64; eps_term = dim * eps / input_scale^2);
//  3. 1/sqrt(S) by inverse_sqrt_u64 (integer square root and one division), then
//     v[i] = x[i] / sqrt(S) in Q0.31 (|v| <= 1, saturated);
//  4. out[i] = requant(v[i], multipliers[i]) with real multiplier weight[i] * sqrt(dim) /
//     out_scale / 2^31 (negative for a negative weight).
// Input int32 [dim]; output int8 or int16 [dim].
struct LlmRmsNormArgs {
  const int32_t* input;
  int32_t dim;
  uint64_t eps_term;
  const int32_t* multipliers;
  const int32_t* shifts;
  LlmType output_type;
  void* output;
};
void llm_rms_norm_ref(const LlmRmsNormArgs& args);

// ROPE: rotates each pair (x[2j], x[2j+1]) of every head by angle pos * theta_j:
//   out[2j]   = requant(x[2j] * cos - x[2j+1] * sin)
//   out[2j+1] = requant(x[2j] * sin + x[2j+1] * cos)
// cos/sin from the table in Q1.14 (int16, [positions][head_size / 2][2]); the int32 sums are exact.
// multiplier: input scale / output scale / 2^14. A position outside [0, positions) is clamped.
struct LlmRopeArgs {
  LlmType input_type;   // int8 or int16
  const void* input;
  LlmType output_type;  // int8 or int16
  void* output;
  int32_t count;        // heads * head_size
  int32_t head_size;    // even
  int32_t position;
  const int16_t* table;
  int32_t positions;    // rows of the table
  int32_t multiplier;
  int32_t shift;
};
void llm_rope_ref(const LlmRopeArgs& args);

// ATTENTION for the query at position pos (clamped into [0, kv_len)): stores k and v at row pos
// of the caches, then for each query head h (KV head h / (n_heads / n_kv_heads)):
//  1. scores s_t = q_h . k_t for t = 0..pos (exact int64);
//  2. d_t = s_t - max_t s_t; weight 0 when d_t < diff_min, else
//     e_t = exp(d_t in Q5.26 via score_multiplier) by exp_on_negative_values: Q0.31;
//  3. p_t = round(e_t * 2^23 / sum e) through one reciprocal R = floor(2^62 / sum e):
//     p_t = round(e_t * R / 2^39), Q0.23 (the p_t sum to 2^23 within rounding);
//  4. out_h[i] = requant(sum_t p_t * v_t[i]) (int32 sum: |v| <= 128 keeps it below 2^31).
// q int8 or int16; key cache int8 or int16; value cache int8; out int8 or int16.
// scratch: kv_len int64 (llm_attention_scratch_bytes).
struct LlmAttentionArgs {
  LlmType q_type;
  const void* q;            // [n_heads * head_size]
  LlmType k_type;           // of the new key and the key cache
  const void* k;            // [n_kv_heads * head_size]
  const int8_t* v;          // [n_kv_heads * head_size]
  int32_t position;
  void* key_cache;          // [kv_len][n_kv_heads * head_size]
  int8_t* value_cache;      // [kv_len][n_kv_heads * head_size]
  int32_t n_heads;
  int32_t n_kv_heads;
  int32_t head_size;
  int32_t kv_len;
  int32_t score_multiplier;
  int32_t score_shift;
  int32_t diff_min;
  int32_t out_multiplier;
  int32_t out_shift;
  LlmType output_type;
  void* output;             // [n_heads * head_size]
  int64_t* scratch;         // [kv_len]
};
void llm_attention_ref(const LlmAttentionArgs& args);
inline int32_t llm_attention_scratch_bytes(int32_t kv_len) { return kv_len * 8; }

// SWIGLU: out[i] = silu(g[i]) * u[i] = g * logistic(g) * u:
//   x = g in Q4.27 (gate_multiplier; saturates at |g| >= 16, where logistic is 1 - 1e-7 or 1e-7);
//   l = logistic_fixed(x) in Q0.31 (fixedpoint_nonlinear.h);
//   t = round(g * u * l / 2^31) in units of gate scale * up scale (int32, |g * u| <= 2^30);
//   out = requant(t, out_multiplier).
// Gate and up int8 or int16 (same type); output int8 or int16.
struct LlmSwiGluArgs {
  LlmType input_type;
  const void* gate;
  const void* up;
  int32_t count;
  int32_t gate_multiplier;
  int32_t gate_shift;
  int32_t out_multiplier;
  int32_t out_shift;
  LlmType output_type;
  void* output;
};
void llm_swiglu_ref(const LlmSwiGluArgs& args);

// RESIDUAL_ADD: out = a + b on the int32 residual stream (same scale), saturating. out may alias a.
void llm_residual_add_s32_ref(const int32_t* a, const int32_t* b, int32_t count, int32_t* out);

// Kernel signatures, for the variant selectors (kernel_select.h).
using LlmEmbeddingFn = void (*)(const LlmEmbeddingArgs&);
using LlmMatVecFn = void (*)(const LlmMatVecArgs&);
using LlmRmsNormFn = void (*)(const LlmRmsNormArgs&);
using LlmRopeFn = void (*)(const LlmRopeArgs&);
using LlmAttentionFn = void (*)(const LlmAttentionArgs&);
using LlmSwiGluFn = void (*)(const LlmSwiGluArgs&);
using LlmResidualAddFn = void (*)(const int32_t* a, const int32_t* b, int32_t count, int32_t* out);

}  // namespace qrt

#endif  // QRT_OPS_KERNELS_LLM_H
