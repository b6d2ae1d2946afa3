// ATTENTION for Helium / MVE (Cortex-M55, M85): the reference's steps (kernels_llm.h) with
// cheaper arithmetic per cached position.
//  1. Scores: int16 queries and keys eight columns per VMLALDAVA.S16 (exact 64-bit accumulation),
//     int8 sixteen per VMLADAVA.S8 (|sum| < 2^31 for head sizes up to 4096), tails predicated;
//     mixed types in scalar code.
//  2. exp: the difference passes diff_min only if it fits int32, so requantize_s64 becomes a
//     32 x 32 -> 64-bit product; exp_on_negative_values with single-multiply high products
//     (kernel_util_llm.h: exp_on_negative_values_q5).
//  3. p_t = (e_t * R + 2^38) >> 39, one UMULL.
//  4. The weighted value sum column by column, p_t read from scratch.
#include <string.h>

#include <arm_mve.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {
namespace {

int64_t score_s16(const int16_t* q, const int16_t* k, int32_t n) {
  int64_t s = 0;
  for (int32_t i = 0; i < n; i += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - i));
    s = vmlaldavaq_p_s16(s, vldrhq_z_s16(q + i, p), vldrhq_z_s16(k + i, p), p);
  }
  return s;
}

int64_t score_s8(const int8_t* q, const int8_t* k, int32_t n) {
  int32_t s = 0;
  for (int32_t i = 0; i < n; i += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - i));
    s = vmladavaq_p_s8(s, vldrbq_z_s8(q + i, p), vldrbq_z_s8(k + i, p), p);
  }
  return s;
}

// This ISA's exact dot products for the shared attention steps (kernel_util_llm.h).
struct Scores {
  static int64_t s16(const int16_t* q, const int16_t* k, int32_t n) { return score_s16(q, k, n); }
  static int64_t s8(const int8_t* q, const int8_t* k, int32_t n) { return score_s8(q, k, n); }
};

}  // namespace

void llm_attention_mve(const LlmAttentionArgs& args) {
  opt::llm_attention_with_scores<Scores>(args);
}

}  // namespace qrt
