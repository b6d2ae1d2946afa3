// ATTENTION for the Arm DSP extension (Cortex-M4, M7): the reference's steps (kernels_llm.h)
// with cheaper arithmetic per cached position.
//  1. Scores: int16 queries and keys two columns per SMLALD (exact 64-bit accumulation); int8
//     queries and keys two per SMLAD on SXTB16-widened bytes (|sum| < 2^31 for head sizes up to
//     4096); mixed types in scalar code.
//  2. exp: the difference passes diff_min only if it fits int32, so requantize_s64 becomes a
//     32 x 32 -> 64-bit product; exp_on_negative_values with single-multiply high products
//     (kernel_util_llm.h: exp_on_negative_values_q5).
//  3. p_t = (e_t * R + 2^38) >> 39, one UMULL.
//  4. The weighted value sum column by column, p_t read from scratch.
#include <string.h>

#include "dsp_simd.h"
#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {
namespace {

inline int32_t load_word(const void* p) {
  int32_t v;
  memcpy(&v, p, 4);
  return v;
}

int64_t score_s16(const int16_t* q, const int16_t* k, int32_t n) {
  int64_t s = 0;
  int32_t i = 0;
  for (; i + 2 <= n; i += 2) s = __smlald(load_word(q + i), load_word(k + i), s);
  if (i < n) s += static_cast<int32_t>(q[i]) * k[i];
  return s;
}

int64_t score_s8(const int8_t* q, const int8_t* k, int32_t n) {
  int32_t s = 0;
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t qw = load_word(q + i), kw = load_word(k + i);
    s = dsp::smlad(dsp::sxtb16_even(qw), dsp::sxtb16_even(kw), s);
    s = dsp::smlad(dsp::sxtb16_odd(qw), dsp::sxtb16_odd(kw), s);
  }
  for (; i < n; ++i) s += static_cast<int32_t>(q[i]) * k[i];
  return s;
}

// This ISA's exact dot products for the shared attention steps (kernel_util_llm.h).
struct Scores {
  static int64_t s16(const int16_t* q, const int16_t* k, int32_t n) { return score_s16(q, k, n); }
  static int64_t s8(const int8_t* q, const int8_t* k, int32_t n) { return score_s8(q, k, n); }
};

}  // namespace

void llm_attention_dsp(const LlmAttentionArgs& args) {
  opt::llm_attention_with_scores<Scores>(args);
}

}  // namespace qrt
