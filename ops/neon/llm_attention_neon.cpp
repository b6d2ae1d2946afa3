// ATTENTION for AArch64 Advanced SIMD: the reference's steps (kernels_llm.h) with cheaper
// arithmetic per cached position.
//  1. Scores: int16 queries and keys by SMULL / SADALP into int64 lanes (exact), int8 by SDOT
//     (|sum| < 2^31 for head sizes up to 4096), tails and mixed types in scalar code.
//  2. exp: the difference passes diff_min only if it fits int32, so requantize_i64 becomes a
//     32 x 32 -> 64-bit product; exp_on_negative_values with single-multiply high products
//     (kernel_util_llm.h: exp_on_negative_values_q5).
//  3. p_t = (e_t * R + 2^38) >> 39, one UMULL.
//  4. The weighted value sum column by column, p_t read from scratch.
#include <string.h>

#include <arm_neon.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {
namespace {

int64_t score_s16(const int16_t* q, const int16_t* k, int32_t n) {
  int64x2_t acc = vdupq_n_s64(0);
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const int16x8_t qv = vld1q_s16(q + i), kv = vld1q_s16(k + i);
    acc = vpadalq_s32(acc, vmull_s16(vget_low_s16(qv), vget_low_s16(kv)));
    acc = vpadalq_s32(acc, vmull_high_s16(qv, kv));
  }
  int64_t s = vaddvq_s64(acc);
  for (; i < n; ++i) s += static_cast<int32_t>(q[i]) * k[i];
  return s;
}

int64_t score_s8(const int8_t* q, const int8_t* k, int32_t n) {
  int32x4_t acc = vdupq_n_s32(0);
  int32_t i = 0;
  for (; i + 16 <= n; i += 16) acc = vdotq_s32(acc, vld1q_s8(q + i), vld1q_s8(k + i));
  int32_t s = vaddvq_s32(acc);
  for (; i < n; ++i) s += static_cast<int32_t>(q[i]) * k[i];
  return s;
}

template <typename TQ, typename TK>
int64_t score_any(const TQ* q, const TK* k, int32_t n) {
  int64_t s = 0;
  for (int32_t i = 0; i < n; ++i) s += static_cast<int64_t>(q[i]) * k[i];
  return s;
}

inline int64_t score(const int16_t* q, const int16_t* k, int32_t n) { return score_s16(q, k, n); }
inline int64_t score(const int8_t* q, const int8_t* k, int32_t n) { return score_s8(q, k, n); }
inline int64_t score(const int8_t* q, const int16_t* k, int32_t n) { return score_any(q, k, n); }
inline int64_t score(const int16_t* q, const int8_t* k, int32_t n) { return score_any(q, k, n); }

template <typename TQ, typename TK>
void attend(const LlmAttentionArgs& a, const TQ* q, const TK* key_cache, int32_t pos) {
  const int32_t hs = a.head_size;
  const int32_t kv_dim = a.n_kv_heads * hs;
  const int32_t group = a.n_heads / a.n_kv_heads;
  const int32_t n = pos + 1;
  // Scratch: int64 scores, then the int32 exps / probabilities over them from the start
  // (element t as int32 lies in bytes of score t / 2, already read).
  int64_t* scores = a.scratch;
  int32_t* weights = reinterpret_cast<int32_t*>(a.scratch);
  const int32_t diff_min = a.diff_min, score_multiplier = a.score_multiplier;
  const int32_t score_shift = a.score_shift, out_multiplier = a.out_multiplier;
  const int32_t out_shift = a.out_shift;
  const LlmType out_type = a.output_type;
  void* const out = a.output;
  const int8_t* const value_cache = a.value_cache;
  for (int32_t h = 0; h < a.n_heads; ++h) {
    const TQ* qh = q + h * hs;
    const int32_t kv_offset = (h / group) * hs;
    const TK* kt = key_cache + kv_offset;
    int64_t max_score = 0;
    for (int32_t t = 0; t < n; ++t, kt += kv_dim) {
      const int64_t s = score(qh, kt, hs);
      if (t == 0 || s > max_score) max_score = s;
      scores[t] = s;
    }
    int64_t sum = 0;
    for (int32_t t = 0; t < n; ++t) {
      const int32_t e = opt::llm_softmax_exp(scores[t] - max_score, diff_min, score_multiplier,
                                             score_shift);
      weights[t] = e;
      sum += e;
    }
    const uint32_t reciprocal = opt::llm_softmax_reciprocal(sum);
    for (int32_t t = 0; t < n; ++t) weights[t] = opt::llm_softmax_probability(weights[t], reciprocal);
    const int8_t* v0 = value_cache + kv_offset;
    for (int32_t i = 0; i < hs; ++i) {
      int32_t acc = 0;
      const int8_t* vt = v0 + i;
      for (int32_t t = 0; t < n; ++t, vt += kv_dim) acc += weights[t] * *vt;
      opt::llm_store(out_type, out, h * hs + i, requantize_i64(acc, out_multiplier, out_shift));
    }
  }
}

template <typename TQ>
void dispatch_key(const LlmAttentionArgs& a, int32_t pos) {
  const auto* q = static_cast<const TQ*>(a.q);
  if (a.k_type == kLlmInt8) {
    attend(a, q, static_cast<const int8_t*>(a.key_cache), pos);
  } else {
    attend(a, q, static_cast<const int16_t*>(a.key_cache), pos);
  }
}

}  // namespace

void llm_attention_neon(const LlmAttentionArgs& args) {
  const int32_t pos = opt::llm_attention_store_kv(args);
  if (args.q_type == kLlmInt8) {
    dispatch_key<int8_t>(args, pos);
  } else {
    dispatch_key<int16_t>(args, pos);
  }
}

}  // namespace qrt
