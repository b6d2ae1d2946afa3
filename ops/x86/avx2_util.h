// AVX2 helpers of the ops/x86 kernels: the reference output stage on eight int32 lanes, byte
// stores of eight results, masks. The kernels' sources put their code between
// QRT_X86_AVX2_BEGIN and QRT_X86_AVX2_END, after all includes: only that code is generated for
// AVX2, so the program still runs on x86-64 without it (the host port checks the CPU first), and
// inline functions of other headers keep their baseline code wherever they are emitted.
//
// requantize_s32x8 is multiply_by_quantized_multiplier (quant/include/qrt/quant/fixedpoint.h)
// lane by lane, bit for bit:
//  - the left shift is VPSLLVD, which drops the bits shifted out (shift_left_wrapping);
//  - the high multiply takes the 64-bit product ab of each lane (VPMULDQ on even lanes, and on
//    the odd lanes moved down) and keeps bits 31..62 of ab + 2^30, i.e. floor((ab + 2^30) / 2^31).
//    That is gemmlowp's SaturatingRoundingDoublingHighMul: for ab >= 0 it truncates the same
//    non-negative value; for ab = -n < 0 gemmlowp gives trunc((1 - 2^30 - n) / 2^31) =
//    -floor((n + 2^30 - 1) / 2^31), which equals floor((2^30 - n) / 2^31). Its one saturating
//    case, INT32_MIN * INT32_MIN, needs a multiplier of INT32_MIN, which is not valid (>= 0);
//  - the rounding right shift is rounding_divide_by_pot's own formula (mask, remainder,
//    threshold) with per-lane shifts (VPSRAVD, VPSLLVD).
#ifndef QRT_OPS_X86_AVX2_UTIL_H
#define QRT_OPS_X86_AVX2_UTIL_H

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#if defined(__clang__)
#define QRT_X86_AVX2_BEGIN \
  _Pragma("clang attribute push(__attribute__((target(\"avx2\"))), apply_to = function)")
#define QRT_X86_AVX2_END _Pragma("clang attribute pop")
#else
#define QRT_X86_AVX2_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx2\")")
#define QRT_X86_AVX2_END _Pragma("GCC pop_options")
#endif

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace x86 {
namespace {

inline __m256i requantize_s32x8(__m256i x, __m256i multiplier, __m256i shift) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i left = _mm256_max_epi32(shift, zero);
  const __m256i right = _mm256_max_epi32(_mm256_sub_epi32(zero, shift), zero);
  x = _mm256_sllv_epi32(x, left);
  // High multiply: even lanes in place, odd lanes shifted down to even positions.
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, multiplier), nudge);
  const __m256i odd = _mm256_add_epi64(
      _mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(multiplier, 32)), nudge);
  // Bits 31..62: for even lanes in the low half of each 64-bit lane, for odd lanes in the high.
  const __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1),
                                          0xAA);
  // Rounding divide by 2^right, ties away from zero.
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
  const __m256i remainder = _mm256_and_si256(high, mask);
  const __m256i negative = _mm256_cmpgt_epi32(zero, high);  // -1 where high < 0
  const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), negative);
  const __m256i round_up = _mm256_cmpgt_epi32(remainder, threshold);  // -1 where rounding up
  return _mm256_sub_epi32(_mm256_srav_epi32(high, right), round_up);
}

// The output stage of eight accumulators: requantize, add the output zero point, max with
// act_min then min with act_max, as the reference. Lanes end in [-128, 127].
struct OutputStage {
  __m256i output_offset, act_min, act_max;
};

inline OutputStage output_stage_of(int32_t output_offset, int32_t act_min, int32_t act_max) {
  OutputStage s;
  s.output_offset = _mm256_set1_epi32(output_offset);
  s.act_min = _mm256_set1_epi32(act_min);
  s.act_max = _mm256_set1_epi32(act_max);
  return s;
}

inline __m256i output_stage(const OutputStage& s, __m256i acc, __m256i multiplier, __m256i shift) {
  __m256i v = _mm256_add_epi32(requantize_s32x8(acc, multiplier, shift), s.output_offset);
  v = _mm256_max_epi32(v, s.act_min);
  return _mm256_min_epi32(v, s.act_max);
}

// Lanes [0, n) set (n in [0, 8]), for masked loads that never touch the other lanes' memory.
inline __m256i lane_mask(int32_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// Eight int32 lanes (each in [-128, 127]) as eight bytes in lane order.
inline void narrow_s32x8(__m256i v, int8_t out[8]) {
  const __m256i words = _mm256_packs_epi32(v, v);     // per 128-bit half: l0..l3 twice
  const __m256i bytes = _mm256_packs_epi16(words, words);  // per half: l0..l3 four times
  const __m256i gathered =
      _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(gathered));
}

// Stores the first n (<= 8) of eight results.
inline void store_s8(int8_t* dst, __m256i v, int32_t n) {
  if (n >= 8) {
    narrow_s32x8(v, dst);
    return;
  }
  int8_t tmp[8];
  narrow_s32x8(v, tmp);
  memcpy(dst, tmp, static_cast<size_t>(n));
}

// Sixteen bytes widened to int16 lanes.
inline __m256i load_s8x16_as_s16(const int8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

}  // namespace
}  // namespace x86
}  // namespace qrt

QRT_X86_AVX2_END

#endif  // QRT_OPS_X86_AVX2_UTIL_H
