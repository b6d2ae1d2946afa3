// ATTENTION for x86-64 AVX2 (kernels_llm.h): the reference's steps, with the per-position work
// on vectors.
//  1. Scores q . k_t: eight columns per VPMADDWD (int8 operands widened to int16). A pair sum of
//     int16 products lies in (-2^31, 2^31]; only 2^31 (both pairs -32768 * -32768) wraps, to
//     INT32_MIN. Subtracting 1 before sign-extending to int64 (and adding the count back) maps
//     every lane to its true value, so the int64 score is exact.
//  2. exp(score - max) on eight positions per step: d = s - max passes the diff_min test only if
//     d >= diff_min >= INT32_MIN, so d fits int32 and requantize_s64(d) is the 32 x 32 -> 64-bit
//     product (VPMULDQ) rounded on its magnitude and saturated, as the reference.
//     exp_on_negative_values(., 5) is gemmlowp's arithmetic lane by lane: its high multiplies are
//     floor((a * b + 2^30) / 2^31), equal to saturating_rounding_doubling_high_mul except for
//     INT32_MIN * INT32_MIN (avx2_util.h), which cannot occur here: the polynomial's argument lies
//     in [-2^28, 2^28) for every input and the barrel shifter multiplies a value in [0, 2^31) by
//     positive constants.
//  3. p_t = (e_t * R + 2^38) >> 39 with unsigned 32 x 32 -> 64-bit products (VPMULUDQ).
//  4. sum_t p_t * v_t on eight value columns per VPMULLD (int32: below 2^31, see the reference).
// Positions past the last multiple of eight, and columns of a head past the last multiple of
// eight, go through the same steps in scalar code (kernel_util_llm.h).
#include <string.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

inline __m128i load_s16x8(const int16_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline __m128i load_s16x8(const int8_t* p) {
  return _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}

// floor((a * b + 2^30) / 2^31) per lane (saturating_rounding_doubling_high_mul without its one
// saturating case, see above).
inline __m256i high_mul(__m256i a, __m256i b) {
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(a, b), nudge);
  const __m256i odd = _mm256_add_epi64(
      _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32)), nudge);
  return _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
}

// rounding_divide_by_pot(x, e) per lane for a constant exponent e in [1, 31].
inline __m256i rounding_divide(__m256i x, int e) {
  const __m256i mask = _mm256_set1_epi32(static_cast<int32_t>((uint32_t{1} << e) - 1u));
  const __m256i remainder = _mm256_and_si256(x, mask);
  const __m256i negative = _mm256_cmpgt_epi32(_mm256_setzero_si256(), x);
  const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), negative);
  const __m256i round_up = _mm256_cmpgt_epi32(remainder, threshold);
  return _mm256_sub_epi32(_mm256_srai_epi32(x, e), round_up);
}

// exp_on_negative_values(a, 5) per lane (fixedpoint_nonlinear.h).
inline __m256i exp_on_negative_values_q5(__m256i a) {
  const __m256i one_quarter = _mm256_set1_epi32(int32_t{1} << 24);
  const __m256i a_mod = _mm256_sub_epi32(
      _mm256_and_si256(a, _mm256_set1_epi32((int32_t{1} << 24) - 1)), one_quarter);
  // rescale_q(a_mod, 5, 0): a_mod in [-2^24, 0), so the saturating left shift never saturates.
  const __m256i y = _mm256_slli_epi32(a_mod, 5);
  // exp_on_interval_between_negative_one_quarter_and_0_excl(y).
  const __m256i exp_minus_one_eighth = _mm256_set1_epi32(1895147668);
  const __m256i x = _mm256_add_epi32(y, _mm256_set1_epi32(int32_t{1} << 28));
  const __m256i x2 = high_mul(x, x);
  const __m256i x3 = high_mul(x2, x);
  const __m256i x4 = high_mul(x2, x2);
  const __m256i x4_over_4 = rounding_divide(x4, 2);
  const __m256i higher = rounding_divide(
      _mm256_add_epi32(high_mul(_mm256_add_epi32(x4_over_4, x3), _mm256_set1_epi32(715827883)),
                       x2),
      1);
  __m256i result = _mm256_add_epi32(
      exp_minus_one_eighth, high_mul(exp_minus_one_eighth, _mm256_add_epi32(x, higher)));
  // Barrel shifter over the bits of the remainder -a_mod + a... as the reference: a_mod - a.
  const __m256i remainder = _mm256_sub_epi32(a_mod, a);
  constexpr int32_t kExpMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308,
                                              39332535,   720401,     242};
  for (int k = 0; k < 7; ++k) {
    const __m256i bit = _mm256_set1_epi32(int32_t{1} << (24 + k));
    const __m256i set = _mm256_cmpeq_epi32(_mm256_and_si256(remainder, bit), bit);
    const __m256i product = high_mul(result, _mm256_set1_epi32(kExpMinusPowerOfTwo[k]));
    result = _mm256_blendv_epi8(result, product, set);
  }
  const __m256i is_zero = _mm256_cmpeq_epi32(a, _mm256_setzero_si256());
  return _mm256_blendv_epi8(result, _mm256_set1_epi32(kInt32Max), is_zero);
}

// requantize_s64(d, multiplier, shift) of four int64 lanes whose values fit int32: the 64-bit
// product rounded on its magnitude (ties away from zero), saturated to int32, left in the low
// half of each 64-bit lane.
inline __m256i requantize_d_x4(__m256i d, __m256i multiplier, __m128i right, __m256i half) {
  const __m256i product = _mm256_mul_epi32(d, multiplier);
  const __m256i sign = _mm256_cmpgt_epi64(_mm256_setzero_si256(), product);
  __m256i magnitude = _mm256_sub_epi64(_mm256_xor_si256(product, sign), sign);
  magnitude = _mm256_srl_epi64(_mm256_add_epi64(magnitude, half), right);
  __m256i v = _mm256_sub_epi64(_mm256_xor_si256(magnitude, sign), sign);
  const __m256i max32 = _mm256_set1_epi64x(kInt32Max);
  const __m256i min32 = _mm256_set1_epi64x(kInt32Min);
  v = _mm256_blendv_epi8(v, max32, _mm256_cmpgt_epi64(v, max32));
  return _mm256_blendv_epi8(v, min32, _mm256_cmpgt_epi64(min32, v));
}

// The low 32 bits of the four 64-bit lanes of lo and of hi, in order.
inline __m256i narrow_x8(__m256i lo, __m256i hi) {
  const __m256i pick = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  const __m256i a = _mm256_permutevar8x32_epi32(lo, pick);
  const __m256i b = _mm256_permutevar8x32_epi32(hi, pick);
  return _mm256_permute2x128_si256(a, b, 0x20);
}

template <typename TQ, typename TK>
int64_t score(const TQ* q, const TK* k, int32_t n) {
  __m256i acc = _mm256_setzero_si256();
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i pairs = _mm_sub_epi32(_mm_madd_epi16(load_s16x8(q + i), load_s16x8(k + i)),
                                        _mm_set1_epi32(1));
    acc = _mm256_add_epi64(acc, _mm256_cvtepi32_epi64(pairs));
  }
  alignas(32) int64_t lanes[4];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), acc);
  int64_t s = lanes[0] + lanes[1] + lanes[2] + lanes[3] + i / 2;  // + 1 per pair lane
  for (; i < n; ++i) s += static_cast<int64_t>(q[i]) * k[i];
  return s;
}

template <typename TQ, typename TK>
void attend(const LlmAttentionArgs& a, const TQ* q, const TK* key_cache, int32_t pos) {
  const int32_t hs = a.head_size;
  const int32_t kv_dim = a.n_kv_heads * hs;
  const int32_t group = a.n_heads / a.n_kv_heads;
  const int32_t n = pos + 1;
  // Scratch: int64 scores; the int32 exps and probabilities then overwrite them from the start
  // (element t as int32 lies in bytes of score t / 2, already read).
  int64_t* scores = a.scratch;
  int32_t* weights = reinterpret_cast<int32_t*>(a.scratch);
  const int32_t diff_min = a.diff_min, score_multiplier = a.score_multiplier;
  const int32_t score_shift = a.score_shift;
  const int right = 31 - score_shift;  // in [1, 62]
  const __m128i right_v = _mm_cvtsi32_si128(right);
  const __m256i half = _mm256_set1_epi64x(int64_t{1} << (right - 1));
  const __m256i multiplier_v = _mm256_set1_epi64x(score_multiplier);
  const __m256i diff_min_minus_one = _mm256_set1_epi64x(static_cast<int64_t>(diff_min) - 1);
  for (int32_t h = 0; h < a.n_heads; ++h) {
    const TQ* qh = q + h * hs;
    const int32_t kv_offset = (h / group) * hs;
    // 1. Scores and their maximum.
    int64_t max_score = 0;
    for (int32_t t = 0; t < n; ++t) {
      const int64_t s = score(qh, key_cache + static_cast<int64_t>(t) * kv_dim + kv_offset, hs);
      if (t == 0 || s > max_score) max_score = s;
      scores[t] = s;
    }
    // 2. exp(d) in Q0.31, 0 below diff_min; their sum.
    const __m256i max_v = _mm256_set1_epi64x(max_score);
    __m256i sum_v = _mm256_setzero_si256();
    int32_t t = 0;
    for (; t + 8 <= n; t += 8) {
      const __m256i d0 = _mm256_sub_epi64(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + t)), max_v);
      const __m256i d1 = _mm256_sub_epi64(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + t + 4)), max_v);
      // d >= diff_min <=> d > diff_min - 1; d below diff_min may not fit int32, its lanes are
      // computed with its low half and then zeroed.
      const __m256i keep = narrow_x8(_mm256_cmpgt_epi64(d0, diff_min_minus_one),
                                     _mm256_cmpgt_epi64(d1, diff_min_minus_one));
      const __m256i x = narrow_x8(requantize_d_x4(d0, multiplier_v, right_v, half),
                                  requantize_d_x4(d1, multiplier_v, right_v, half));
      const __m256i e = _mm256_and_si256(exp_on_negative_values_q5(x), keep);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(weights + t), e);
      sum_v = _mm256_add_epi64(sum_v, _mm256_add_epi64(
                                          _mm256_cvtepu32_epi64(_mm256_castsi256_si128(e)),
                                          _mm256_cvtepu32_epi64(_mm256_extracti128_si256(e, 1))));
    }
    alignas(32) int64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sum_v);
    int64_t sum = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; t < n; ++t) {
      const int32_t e = opt::llm_softmax_exp(scores[t] - max_score, diff_min, score_multiplier,
                                             score_shift);
      weights[t] = e;
      sum += e;
    }
    // 3. Probabilities in Q0.23.
    const uint32_t reciprocal = opt::llm_softmax_reciprocal(sum);
    const __m256i r_v = _mm256_set1_epi64x(reciprocal);
    const __m256i round = _mm256_set1_epi64x(int64_t{1} << 38);
    for (t = 0; t + 8 <= n; t += 8) {
      const __m256i e = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(weights + t));
      const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epu32(e, r_v), round), 39);
      const __m256i odd = _mm256_srli_epi64(
          _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(e, 32), r_v), round), 39);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(weights + t),
                          _mm256_or_si256(even, _mm256_slli_epi64(odd, 32)));
    }
    for (; t < n; ++t) weights[t] = opt::llm_softmax_probability(weights[t], reciprocal);
    // 4. Weighted sum of the values, eight columns per step.
    const int8_t* v0 = a.value_cache + kv_offset;
    int32_t i = 0;
    for (; i + 8 <= hs; i += 8) {
      __m256i acc = _mm256_setzero_si256();
      const int8_t* vt = v0 + i;
      for (t = 0; t < n; ++t, vt += kv_dim) {
        const __m256i v = _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(vt)));
        acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(v, _mm256_set1_epi32(weights[t])));
      }
      alignas(32) int32_t out[8];
      _mm256_store_si256(reinterpret_cast<__m256i*>(out), acc);
      for (int32_t j = 0; j < 8; ++j) {
        opt::llm_store(a.output_type, a.output, h * hs + i + j,
                       requantize_s64(out[j], a.out_multiplier, a.out_shift));
      }
    }
    for (; i < hs; ++i) {
      int32_t acc = 0;
      const int8_t* vt = v0 + i;
      for (t = 0; t < n; ++t, vt += kv_dim) acc += weights[t] * *vt;
      opt::llm_store(a.output_type, a.output, h * hs + i,
                     requantize_s64(acc, a.out_multiplier, a.out_shift));
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

void llm_attention_avx2(const LlmAttentionArgs& args) {
  const int32_t pos = opt::llm_attention_store_kv(args);
  if (args.q_type == kLlmInt8) {
    dispatch_key<int8_t>(args, pos);
  } else {
    dispatch_key<int16_t>(args, pos);
  }
}

}  // namespace qrt

QRT_X86_AVX2_END
