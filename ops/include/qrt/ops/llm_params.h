// Parameter blocks of the transformer operators (kOpEmbedding .. kOpResidualAdd): the exact bytes
// a .qrt blob's Params section holds for them, read in place by the operator adapters
// (runtime/src/ops/llm_*). Part of the blob format (runtime/FORMAT.md): fixed-width fields,
// 4-byte aligned, append-only. Every multiplier/shift pair means real = multiplier * 2^(shift - 31), applied with
// requantize_s64 (quant/include/qrt/quant/fixedpoint_llm.h: one rounding, ties away from zero).
// Kernels and fixed-point formats: ops/include/qrt/ops/kernels_llm.h.
#ifndef QRT_OPS_LLM_PARAMS_H
#define QRT_OPS_LLM_PARAMS_H

#include <stdint.h>

namespace qrt {

// EMBEDDING. Inputs: table (int8 [vocab, dim] or int4 rows; input 0, so that the table's type
// selects the implementation), token id (int32 [1]), group multipliers (int16 [vocab, groups] or
// absent), zero points (int8 [vocab, groups] or absent).
// Followed by int32 multiplier[vocab], int32 shift[vocab]: per-channel, the row's scale / output
// scale; group-wise, the row's unit scale / output scale (the group multiplier is applied first).
struct LlmEmbeddingParams {
  int32_t group_size;  // 0: per-channel (one scale per row)
};
static_assert(sizeof(LlmEmbeddingParams) == 4, "LlmEmbeddingParams layout");

// MATMUL (matrix-vector, one token). Inputs: x (int8 or int16 [cols]), weights (int8 [rows, cols]
// or int4 rows), group multipliers (int16 [rows, groups] or absent), zero points (int8
// [rows, groups]; per-channel [rows, 1]; absent when symmetric). Followed by int32
// multiplier[rows], int32 shift[rows]: per-channel, input scale * row scale / output scale;
// group-wise, input scale * row unit * 2^15 / output scale.
struct LlmMatMulParams {
  int32_t group_size;  // 0: per-channel
};
static_assert(sizeof(LlmMatMulParams) == 4, "LlmMatMulParams layout");

// RMS_NORM. Input int32 [dim] (the residual stream), output int8 or int16 [dim]. eps_term is
// dim * eps / input_scale^2 as an unsigned 64-bit integer (low, high words). Followed by int32
// multiplier[dim], int32 shift[dim] for weight[i] * sqrt(dim) / output scale / 2^31; a negative
// multiplier carries the sign of a negative weight.
struct LlmRmsNormParams {
  uint32_t eps_term_lo;
  uint32_t eps_term_hi;
};
static_assert(sizeof(LlmRmsNormParams) == 8, "LlmRmsNormParams layout");

// ROPE. Inputs: x (int8 or int16 [heads * head_size]), position (int32 [1]), table (int16
// [positions, head_size / 2, 2], cos and sin of pos * theta^(-2j / head_size) in Q1.14). Output
// int8 or int16, same shape. multiplier/shift: input scale / output scale / 2^14.
struct LlmRopeParams {
  int32_t head_size;
  int32_t multiplier;
  int32_t shift;
};
static_assert(sizeof(LlmRopeParams) == 12, "LlmRopeParams layout");

// ATTENTION (causal, grouped-query, one query token). Inputs: q (int8 or int16 [n_heads *
// head_size]), k (the new key, dtype of the key cache, [n_kv_heads * head_size]), v (the new
// value, int8), position (int32 [1]). Outputs: out (int8 or int16 [n_heads * head_size]), key
// cache (persistent, int8 or int16 [kv_len, n_kv_heads * head_size]), value cache (persistent,
// int8, same shape).
struct LlmAttentionParams {
  int32_t n_heads;
  int32_t n_kv_heads;
  int32_t head_size;
  int32_t kv_len;            // cache rows (positions 0 .. kv_len - 1)
  int32_t score_multiplier;  // q scale * k scale / sqrt(head_size) * 2^26: score units -> Q5.26
  int32_t score_shift;
  int32_t diff_min;          // scores this far (or more) below the row maximum get weight 0
  int32_t out_multiplier;    // v scale / out scale / 2^23 (probabilities are Q0.23)
  int32_t out_shift;
};
static_assert(sizeof(LlmAttentionParams) == 36, "LlmAttentionParams layout");

// SWIGLU: out = silu(gate) * up. Inputs gate, up (int8 or int16, same shape and dtype); output
// int8 or int16.
struct LlmSwiGluParams {
  int32_t gate_multiplier;  // gate scale * 2^27: gate units -> Q4.27 for the logistic
  int32_t gate_shift;
  int32_t out_multiplier;   // gate scale * up scale / out scale
  int32_t out_shift;
};
static_assert(sizeof(LlmSwiGluParams) == 16, "LlmSwiGluParams layout");

// RESIDUAL_ADD has no parameter block: int32 + int32 in the same scale, saturating.

// ---- float32 variants (the float baseline; ops/float/llm_f32.cpp, kernels_llm_f32.h) ------------------
// EMBEDDING [float32 table, token], MATMUL [x, float32 weights], SWIGLU and RESIDUAL_ADD take no
// parameter block.

// RMS_NORM float32: inputs x [dim] and weight (float32 constant [dim]).
struct LlmRmsNormF32Params {
  float eps;
};
static_assert(sizeof(LlmRmsNormF32Params) == 4, "LlmRmsNormF32Params layout");

// ROPE float32: inputs x and position; angles pos * theta^(-2j / head_size) computed as run.c.
struct LlmRopeF32Params {
  int32_t head_size;
  float theta;
};
static_assert(sizeof(LlmRopeF32Params) == 8, "LlmRopeF32Params layout");

// ATTENTION float32: inputs q, k, v, position; outputs out, key cache, value cache (float32).
struct LlmAttentionF32Params {
  int32_t n_heads;
  int32_t n_kv_heads;
  int32_t head_size;
  int32_t kv_len;
};
static_assert(sizeof(LlmAttentionF32Params) == 16, "LlmAttentionF32Params layout");

}  // namespace qrt

#endif  // QRT_OPS_LLM_PARAMS_H
