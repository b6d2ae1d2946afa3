// ATTENTION for AArch64 Advanced SIMD: the reference's steps (kernels_llm.h) with cheaper
// arithmetic per cached position.
//  1. Scores: int16 queries and keys by SMULL / SADALP into int64 lanes (exact), int8 by SDOT
//     (|sum| < 2^31 for head sizes up to 4096), tails and mixed types in scalar code.
//  2. exp: the difference passes diff_min only if it fits int32, so requantize_s64 becomes a
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

// This ISA's exact dot products for the shared attention steps (kernel_util_llm.h).
struct Scores {
  static int64_t s16(const int16_t* q, const int16_t* k, int32_t n) { return score_s16(q, k, n); }
  static int64_t s8(const int8_t* q, const int8_t* k, int32_t n) { return score_s8(q, k, n); }
};

}  // namespace

void llm_attention_neon(const LlmAttentionArgs& args) {
  opt::llm_attention_with_scores<Scores>(args);
}

}  // namespace qrt
