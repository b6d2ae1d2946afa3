// Fixed-point primitives of the integer path. Header-only, integer-only, no state.
//
// Every requantization in qrt goes through these few functions, and they reproduce the rounding
// of TensorFlow Lite's reference integer kernels (gemmlowp's double-rounding scheme) bit for bit,
// so an imported TFLite int8 model gives the same output bytes as TensorFlow Lite Micro.
//
// Q formats. A real multiplier M in (0, 1) or a little above is stored as a Q0.31 int32
// `multiplier` in [2^30, 2^31) and an exponent `shift` with M = multiplier * 2^(shift - 31).
// shift > 0 is a left shift applied to the input before the multiply, shift < 0 a rounding right
// shift after it. multiplier == 0 encodes M == 0.
#ifndef QRT_QUANT_FIXEDPOINT_H
#define QRT_QUANT_FIXEDPOINT_H

#include <stdint.h>

namespace qrt {

constexpr int32_t kInt32Min = INT32_MIN;
constexpr int32_t kInt32Max = INT32_MAX;

// x * 2^s computed with two's-complement wrap-around, as the int32 arithmetic of TFLite does
// on every target; written through uint32 so that it is defined behaviour in C++.
inline int32_t shift_left_wrapping(int32_t x, int s) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << s);
}

// round(a * b / 2^31) with ties rounded up (toward +infinity: 0.5 -> 1, -0.5 -> 0), saturating
// the single overflow case (INT32_MIN * INT32_MIN). This is gemmlowp's
// SaturatingRoundingDoublingHighMul; the asymmetric tie rule comes from its nudge of
// 2^30 or (1 - 2^30) followed by a division that truncates toward zero.
inline int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == kInt32Min && b == kInt32Min) return kInt32Max;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// round(x / 2^exponent) with ties rounded away from zero; exponent in [0, 31].
inline int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * M for M = multiplier * 2^(shift - 31): TFLite's MultiplyByQuantizedMultiplier.
// shift in [-31, 30]. A positive shift is applied before the high multiply (wrapping like TFLite).
inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  return rounding_divide_by_pot(
      saturating_rounding_doubling_high_mul(shift_left_wrapping(x, left), multiplier), right);
}

// The int64 form TFLite's 16x8 kernels requantize their int64 accumulators with: the multiplier
// rounded to Q0.15 (saturating at 0x7FFF), one rounding shift by 15 - shift. TFLite assumes
// |x| < 2^47 and shift in [-31, 7], where the product cannot overflow.
inline int32_t multiply_by_quantized_multiplier_s64(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t rounded = x * reduced + (int64_t{1} << (total_shift - 1));
  return static_cast<int32_t>(rounded >> total_shift);
}

// multiply_by_quantized_multiplier for valid parameters
// (multiplier 0 or in [2^30, 2^31), shift in [-31, 30]), by a shorter route that compiles to a
// multiply-accumulate on 32-bit cores (SMLAL) and no division:
//  - the high multiply is floor((a * b + 2^30) / 2^31), which equals gemmlowp's
//    SaturatingRoundingDoublingHighMul: for a * b >= 0 both truncate the same non-negative value;
//    for a * b = -n < 0 gemmlowp's trunc((1 - 2^30 - n) / 2^31) = -floor((n + 2^30 - 1) / 2^31),
//    the same integer as floor((2^30 - n) / 2^31); its one saturating case needs b = INT32_MIN;
//  - the rounding right shift is rounding_divide_by_pot's own formula.
// The optimized kernels' scalar requantization; tests/quant/test_fixedpoint.cpp compares it with
// the reference over every shift.
inline int32_t multiply_by_quantized_multiplier_fast(int32_t x, int32_t multiplier, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = shift > 0 ? 0 : -shift;
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  const int64_t product = static_cast<int64_t>(shifted) * multiplier + (int64_t{1} << 30);
  const int32_t high = static_cast<int32_t>(product >> 31);  // arithmetic shift (C++20; GCC)
  const int32_t mask = static_cast<int32_t>((uint32_t{1} << right) - 1u);
  const int32_t remainder = high & mask;
  const int32_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
  return (high >> right) + (remainder > threshold ? 1 : 0);
}

// Variant for multipliers known to be below one (left_shift <= 0), as TFLite's
// MultiplyByQuantizedMultiplierSmallerThanOneExp.
inline int32_t multiply_by_quantized_multiplier_smaller_than_one(int32_t x, int32_t multiplier,
                                                                 int left_shift) {
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(x, multiplier), -left_shift);
}

// Variant for multipliers above one (left_shift >= 0), as TFLite's
// MultiplyByQuantizedMultiplierGreaterThanOne.
inline int32_t multiply_by_quantized_multiplier_greater_than_one(int32_t x, int32_t multiplier,
                                                                 int left_shift) {
  return saturating_rounding_doubling_high_mul(shift_left_wrapping(x, left_shift), multiplier);
}

// a + b with two's-complement wrap-around. int32 arithmetic in TFLite's kernels wraps on every
// target it runs on (an accumulator plus an extreme bias, the output zero point added to a value
// an extreme valid shift pushed next to INT32_MAX); in C++ that is undefined behaviour, so qrt
// adds through uint32, which gives those same bytes without UB. Every int32 sum of blob-derived
// values in a kernel goes through this (accumulators, bias, zero points).
inline int32_t add_wrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

inline int32_t sub_wrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

inline int32_t clamp_s32(int32_t x, int32_t lo, int32_t hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

inline int8_t saturate_to_s8(int32_t x) { return static_cast<int8_t>(clamp_s32(x, -128, 127)); }

inline int16_t saturate_to_s16(int32_t x) {
  return static_cast<int16_t>(clamp_s32(x, -32768, 32767));
}

// True when (multiplier, shift) is a value the functions above accept: the multiplier is zero or
// normalised to [2^30, 2^31), the shift within [-31, 30]. Used by the blob validator.
inline bool is_valid_quantized_multiplier(int32_t multiplier, int32_t shift) {
  if (shift < -31 || shift > 30) return false;
  return multiplier == 0 || multiplier >= (int32_t{1} << 30);
}

}  // namespace qrt

#endif  // QRT_QUANT_FIXEDPOINT_H
