// SWIGLU for x86-64 AVX2 (kernels_llm.h): the reference's arithmetic on eight elements per step.
//  - requantize_s64 of an int32 value: 32 x 32 -> 64-bit products (VPMULDQ on even and odd lanes),
//    rounded on their magnitude (ties away from zero) and saturated to int32, as the reference;
//  - logistic_fixed(x, 4): gemmlowp's exp_on_negative_values, the Newton-Raphson reciprocal and
//    the rescales lane by lane. High multiplies are floor((a * b + 2^30) / 2^31) with
//    INT32_MIN * INT32_MIN saturated to INT32_MAX: saturating_rounding_doubling_high_mul exactly
//    (avx2_util.h gives the argument); saturating shifts compare against the same thresholds;
//  - t = saturating_rounding_doubling_high_mul(g * u, l) with g * u exact in int32 (|g u| <= 2^30).
// Elements past the last multiple of eight go to the reference.
#include <string.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

inline __m256i load_s32x8(const int8_t* p) {
  return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}
inline __m256i load_s32x8(const int16_t* p) {
  return _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

// saturating_rounding_doubling_high_mul per lane.
inline __m256i srdhm(__m256i a, __m256i b) {
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(a, b), nudge);
  const __m256i odd = _mm256_add_epi64(
      _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32)), nudge);
  const __m256i high =
      _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  const __m256i min = _mm256_set1_epi32(kInt32Min);
  const __m256i both_min = _mm256_and_si256(_mm256_cmpeq_epi32(a, min), _mm256_cmpeq_epi32(b, min));
  return _mm256_blendv_epi8(high, _mm256_set1_epi32(kInt32Max), both_min);
}

inline __m256i rounding_divide(__m256i x, int e) {
  const __m256i mask = _mm256_set1_epi32(static_cast<int32_t>((uint32_t{1} << e) - 1u));
  const __m256i remainder = _mm256_and_si256(x, mask);
  const __m256i negative = _mm256_cmpgt_epi32(_mm256_setzero_si256(), x);
  const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), negative);
  return _mm256_sub_epi32(_mm256_srai_epi32(x, e), _mm256_cmpgt_epi32(remainder, threshold));
}

// saturating_rounding_multiply_by_pot(x, e) for a constant e in [1, 30].
inline __m256i saturating_shift_left(__m256i x, int e) {
  const __m256i threshold = _mm256_set1_epi32(static_cast<int32_t>((uint32_t{1} << (31 - e)) - 1u));
  const __m256i above = _mm256_cmpgt_epi32(x, threshold);
  const __m256i below = _mm256_cmpgt_epi32(_mm256_sub_epi32(_mm256_setzero_si256(), threshold), x);
  __m256i v = _mm256_sll_epi32(x, _mm_cvtsi32_si128(e));
  v = _mm256_blendv_epi8(v, _mm256_set1_epi32(kInt32Max), above);
  return _mm256_blendv_epi8(v, _mm256_set1_epi32(kInt32Min), below);
}

// exp_on_negative_values(a, 4) per lane.
inline __m256i exp_on_negative_values_q4(__m256i a) {
  const __m256i a_mod = _mm256_sub_epi32(
      _mm256_and_si256(a, _mm256_set1_epi32((int32_t{1} << 25) - 1)),
      _mm256_set1_epi32(int32_t{1} << 25));
  // rescale_q(a_mod, 4, 0): a_mod in [-2^25, 0), the saturating shift never saturates.
  const __m256i x = _mm256_add_epi32(_mm256_slli_epi32(a_mod, 4), _mm256_set1_epi32(int32_t{1} << 28));
  const __m256i x2 = srdhm(x, x);
  const __m256i x3 = srdhm(x2, x);
  const __m256i x4 = srdhm(x2, x2);
  const __m256i higher = rounding_divide(
      _mm256_add_epi32(srdhm(_mm256_add_epi32(rounding_divide(x4, 2), x3),
                             _mm256_set1_epi32(715827883)),
                       x2),
      1);
  const __m256i c = _mm256_set1_epi32(1895147668);
  __m256i result = _mm256_add_epi32(c, srdhm(c, _mm256_add_epi32(x, higher)));
  const __m256i remainder = _mm256_sub_epi32(a_mod, a);
  constexpr int32_t kExpMinusPowerOfTwo[6] = {1672461947, 1302514674, 790015084,
                                              290630308,  39332535,   720401};
  for (int k = 0; k < 6; ++k) {  // bits 25 .. 30: exp(-1/4) .. exp(-8)
    const __m256i bit = _mm256_set1_epi32(int32_t{1} << (25 + k));
    const __m256i set = _mm256_cmpeq_epi32(_mm256_and_si256(remainder, bit), bit);
    result = _mm256_blendv_epi8(result, srdhm(result, _mm256_set1_epi32(kExpMinusPowerOfTwo[k])), set);
  }
  return _mm256_blendv_epi8(result, _mm256_set1_epi32(kInt32Max),
                            _mm256_cmpeq_epi32(a, _mm256_setzero_si256()));
}

// one_over_one_plus_x_for_x_in_0_1(e) per lane, e >= 0 (an exp result): rounding_half_sum(e,
// INT32_MAX) = (e + 2^31) / 2 = (e >> 1) + 2^30 there.
inline __m256i one_over_one_plus_x(__m256i e) {
  const __m256i half = _mm256_add_epi32(_mm256_srli_epi32(e, 1), _mm256_set1_epi32(int32_t{1} << 30));
  __m256i x = _mm256_add_epi32(_mm256_set1_epi32(1515870810),
                               srdhm(half, _mm256_set1_epi32(-1010580540)));
  const __m256i one_q2 = _mm256_set1_epi32(int32_t{1} << 29);
  for (int i = 0; i < 3; ++i) {
    const __m256i one_minus = _mm256_sub_epi32(one_q2, srdhm(half, x));
    x = _mm256_add_epi32(x, saturating_shift_left(srdhm(x, one_minus), 2));
  }
  return saturating_shift_left(x, 1);
}

// logistic_fixed(a, 4) per lane.
inline __m256i logistic_q4(__m256i a) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i minus_abs = _mm256_sub_epi32(zero, _mm256_abs_epi32(a));  // wraps as the reference
  const __m256i r = one_over_one_plus_x(exp_on_negative_values_q4(minus_abs));
  __m256i v = _mm256_blendv_epi8(_mm256_sub_epi32(_mm256_set1_epi32(kInt32Max), r), r,
                                 _mm256_cmpgt_epi32(a, zero));
  return _mm256_blendv_epi8(v, _mm256_set1_epi32(int32_t{1} << 30), _mm256_cmpeq_epi32(a, zero));
}

// requantize_s64(x, multiplier, shift) of eight int32 lanes.
inline __m256i requantize_x8(__m256i x, __m256i multiplier, __m128i right, __m256i half) {
  const __m256i max32 = _mm256_set1_epi64x(kInt32Max);
  const __m256i min32 = _mm256_set1_epi64x(kInt32Min);
  __m256i r[2];
  for (int k = 0; k < 2; ++k) {
    const __m256i p = _mm256_mul_epi32(k == 0 ? x : _mm256_srli_epi64(x, 32), multiplier);
    const __m256i sign = _mm256_cmpgt_epi64(_mm256_setzero_si256(), p);
    __m256i m = _mm256_sub_epi64(_mm256_xor_si256(p, sign), sign);
    m = _mm256_srl_epi64(_mm256_add_epi64(m, half), right);
    __m256i v = _mm256_sub_epi64(_mm256_xor_si256(m, sign), sign);
    v = _mm256_blendv_epi8(v, max32, _mm256_cmpgt_epi64(v, max32));
    r[k] = _mm256_blendv_epi8(v, min32, _mm256_cmpgt_epi64(min32, v));
  }
  return _mm256_blend_epi32(r[0], _mm256_slli_epi64(r[1], 32), 0xAA);
}

struct Requant {
  __m256i multiplier, half;
  __m128i right;
};
inline Requant requant_of(int32_t multiplier, int32_t shift) {
  Requant q;
  q.multiplier = _mm256_set1_epi32(multiplier);
  q.right = _mm_cvtsi32_si128(31 - shift);
  q.half = _mm256_set1_epi64x(int64_t{1} << (30 - shift));
  return q;
}

template <typename TIn>
int32_t swiglu(const LlmSwiGluArgs& a, const TIn* gate, const TIn* up) {
  const Requant gq = requant_of(a.gate_multiplier, a.gate_shift);
  const Requant oq = requant_of(a.out_multiplier, a.out_shift);
  const LlmType out_type = a.output_type;
  void* const out = a.output;
  int32_t i = 0;
  for (; i + 8 <= a.count; i += 8) {
    const __m256i g = load_s32x8(gate + i);
    const __m256i u = load_s32x8(up + i);
    const __m256i l = logistic_q4(requantize_x8(g, gq.multiplier, gq.right, gq.half));
    const __m256i t = srdhm(_mm256_mullo_epi32(g, u), l);
    alignas(32) int32_t v[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(v), requantize_x8(t, oq.multiplier, oq.right, oq.half));
    for (int32_t j = 0; j < 8; ++j) opt::llm_store(out_type, out, i + j, v[j]);
  }
  return i;
}

}  // namespace

void llm_swiglu_avx2(const LlmSwiGluArgs& args) {
  const bool s8 = args.input_type == kLlmInt8;
  const int32_t done = s8 ? swiglu(args, static_cast<const int8_t*>(args.gate),
                                   static_cast<const int8_t*>(args.up))
                          : swiglu(args, static_cast<const int16_t*>(args.gate),
                                   static_cast<const int16_t*>(args.up));
  if (done == args.count) return;
  // The tail through the reference, on the remaining elements.
  const int32_t in_bytes = s8 ? 1 : 2;
  const int32_t out_bytes = args.output_type == kLlmInt8 ? 1 : (args.output_type == kLlmInt16 ? 2 : 4);
  LlmSwiGluArgs tail = args;
  tail.gate = static_cast<const uint8_t*>(args.gate) + done * in_bytes;
  tail.up = static_cast<const uint8_t*>(args.up) + done * in_bytes;
  tail.output = static_cast<uint8_t*>(args.output) + done * out_bytes;
  tail.count = args.count - done;
  llm_swiglu_ref(tail);
}

}  // namespace qrt

QRT_X86_AVX2_END
