// Fixed-point non-linear functions of the integer path: exp on negative values, 1 / (1 + x),
// (1 - x) / (1 + x), logistic, tanh and the reciprocal used by softmax. Header-only, integer-only.
//
// They reproduce gemmlowp's fixedpoint.h (which TensorFlow Lite's int8 SOFTMAX, LOGISTIC and TANH
// reference kernels call) bit for bit: same polynomial, same Newton-Raphson steps, same rounding
// and saturation at every step. gemmlowp writes them as templates over the number of integer bits;
// here they are plain functions on raw int32 values with the integer bits as an argument.
//
// Q formats. A raw int32 x "in Qm" (m integer bits, 31 - m fractional bits, plus the sign bit)
// stands for the real value x / 2^(31 - m), range [-2^m, 2^m). Q0 is Q0.31: [-1, 1), and its
// "one" is INT32_MAX (1 itself is not representable). Multiplying a Qa by a Qb value with
// saturating_rounding_doubling_high_mul (fixedpoint.h) gives a Q(a+b) value.
//
// Overflow. gemmlowp's plain additions are int32 additions that never overflow for in-range
// arguments; they are written here as wrapping additions so that out-of-range arguments still give
// defined (if meaningless) results, as the blob is untrusted.
#ifndef QRT_QUANT_FIXEDPOINT_NONLINEAR_H
#define QRT_QUANT_FIXEDPOINT_NONLINEAR_H

#include <stdint.h>

#include "qrt/quant/fixedpoint.h"

namespace qrt {

// Two's-complement wrapping a - b, -a (defined behaviour through uint32; a + b is add_wrapping
// in fixedpoint.h).
inline int32_t wrapping_sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline int32_t wrapping_neg(int32_t a) { return static_cast<int32_t>(0u - static_cast<uint32_t>(a)); }

// Number of leading zero bits of x; 32 for x == 0.
inline int count_leading_zeros_u32(uint32_t x) {
  if (x == 0) return 32;
#if defined(__GNUC__)
  return __builtin_clz(x);
#else
  int n = 0;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
#endif
}

// x * 2^exponent for exponent in [-31, 31]: a rounding (half away from zero) right shift for a
// negative exponent, a saturating left shift for a positive one. Like gemmlowp, saturation starts
// at |x| > 2^(31 - exponent) - 1, so -2^(31 - exponent) saturates to INT32_MIN although it would
// just fit.
inline int32_t saturating_rounding_multiply_by_pot(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return rounding_divide_by_pot(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((uint32_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return kInt32Max;
  if (x < -threshold) return kInt32Min;
  return shift_left_wrapping(x, exponent);
}

// Converts a raw value from Q(src_integer_bits) to Q(dst_integer_bits), saturating / rounding
// (gemmlowp's Rescale).
inline int32_t rescale_q(int32_t x, int src_integer_bits, int dst_integer_bits) {
  return saturating_rounding_multiply_by_pot(x, src_integer_bits - dst_integer_bits);
}

// (a + b) / 2 rounded half away from zero, computed without overflow (gemmlowp's
// RoundingHalfSum, the VRHADD instruction).
inline int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

// exp(a) for a in [-1/4, 0). Q0 in, Q0 out. A 4th-order Taylor expansion around -1/8:
// exp(-1/8) * (1 + x + x^2/2 + x^3/6 + x^4/24) with x = a + 1/8.
inline int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0
  constexpr int32_t kOneThird = 715827883;            // 1/3 in Q0
  const int32_t x = add_wrapping(a, int32_t{1} << 28);  // + 1/8
  const int32_t x2 = saturating_rounding_doubling_high_mul(x, x);
  const int32_t x3 = saturating_rounding_doubling_high_mul(x2, x);
  const int32_t x4 = saturating_rounding_doubling_high_mul(x2, x2);
  const int32_t x4_over_4 = rounding_divide_by_pot(x4, 2);
  // ((x^4/4 + x^3) / 3 + x^2) / 2 = x^4/24 + x^3/6 + x^2/2
  const int32_t higher_terms = rounding_divide_by_pot(
      add_wrapping(
          saturating_rounding_doubling_high_mul(add_wrapping(x4_over_4, x3), kOneThird), x2),
      1);
  return add_wrapping(kExpMinusOneEighth, saturating_rounding_doubling_high_mul(
                                              kExpMinusOneEighth, add_wrapping(x, higher_terms)));
}

// exp(a) for a <= 0 given in Q(integer_bits), integer_bits in [0, 29]; the result is in Q0
// (exp(0) gives INT32_MAX). The argument is split as a = q + r with q a multiple of -1/4 and r in
// [-1/4, 0): exp(r) comes from the polynomial above, exp(q) from a product of the constants
// exp(-1/4), exp(-1/2), exp(-1), ..., exp(-16) selected by the bits of q ("barrel shifter").
// For integer_bits > 5, inputs below -32 give 0. Positive inputs give meaningless results.
inline int32_t exp_on_negative_values(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  const int32_t a_mod_quarter_minus_one_quarter = wrapping_sub(a & (one_quarter - 1), one_quarter);
  int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(
      rescale_q(a_mod_quarter_minus_one_quarter, integer_bits, 0));
  const int32_t remainder = wrapping_sub(a_mod_quarter_minus_one_quarter, a);  // -q, >= 0
  // exp(-2^k) in Q0 for k = -2 .. 4.
  constexpr int32_t kExpMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308,
                                              39332535,   720401,     242};
  for (int k = -2; k <= 4; ++k) {
    if (integer_bits > k) {  // 2^k is representable in this format
      const int bit = fractional_bits + k;
      if ((remainder & (int32_t{1} << bit)) != 0) {
        result = saturating_rounding_doubling_high_mul(result, kExpMinusPowerOfTwo[k + 2]);
      }
    }
  }
  if (integer_bits > 5) {
    const int32_t minus_32 = -(int32_t{1} << (36 - integer_bits));
    if (a < minus_32) result = 0;
  }
  if (a == 0) result = kInt32Max;
  return result;
}

// Newton-Raphson iterations for 1 / (2 * half_denominator) with half_denominator in Q0 in
// [1/2, 1); returns the estimate in Q2. Starts from 48/17 - 32/17 * d and does three steps
// x += x * (1 - d * x), each product rounded, the correction rescaled from Q4 with saturation.
inline int32_t newton_raphson_reciprocal_q2(int32_t half_denominator) {
  constexpr int32_t kFortyEightOverSeventeen = 1515870810;       // 48/17 in Q2
  constexpr int32_t kMinusThirtyTwoOverSeventeen = -1010580540;  // -32/17 in Q2
  constexpr int32_t kOneQ2 = int32_t{1} << 29;
  int32_t x = add_wrapping(kFortyEightOverSeventeen,
                           saturating_rounding_doubling_high_mul(half_denominator,
                                                                 kMinusThirtyTwoOverSeventeen));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x =
        saturating_rounding_doubling_high_mul(half_denominator, x);  // Q2
    const int32_t one_minus_half_denominator_times_x = wrapping_sub(kOneQ2, half_denominator_times_x);
    x = add_wrapping(x, rescale_q(saturating_rounding_doubling_high_mul(
                                      x, one_minus_half_denominator_times_x),
                                  4, 2));
  }
  return x;
}

// 1 / (1 + a) for a in [0, 1). Q0 in, Q0 out.
inline int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t x = newton_raphson_reciprocal_q2(rounding_half_sum(a, kInt32Max));
  // x / 2 taken from Q2 as Q1 (exact), then Q1 -> Q0 with saturation.
  return rescale_q(x, 1, 0);
}

// (1 - a) / (1 + a) for a in [0, 1). Q0 in, Q0 out.
inline int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t x = newton_raphson_reciprocal_q2(rounding_half_sum(a, kInt32Max));
  // 2 / (1 + a) - 1, Q2 -> Q0.
  return rescale_q(wrapping_sub(x, int32_t{1} << 29), 2, 0);
}

// logistic(a) = 1 / (1 + exp(-a)) for a in Q(integer_bits), integer_bits in [0, 29]; result in Q0
// (in [0, 1); logistic(0) = 1/2 exactly). Computed on |a| and mirrored as 1 - y for a < 0.
inline int32_t logistic_fixed(int32_t a, int integer_bits) {
  if (a == 0) return int32_t{1} << 30;
  const int32_t abs_a = a > 0 ? a : wrapping_neg(a);
  const int32_t result_if_positive =
      one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(wrapping_neg(abs_a), integer_bits));
  return a > 0 ? result_if_positive : wrapping_sub(kInt32Max, result_if_positive);
}

// tanh(a) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)) with the sign of a, for a in Q(integer_bits),
// integer_bits in [0, 28]; result in Q0. -2|a| is formed exactly by reading the raw -|a| in
// Q(integer_bits + 1).
inline int32_t tanh_fixed(int32_t a, int integer_bits) {
  if (a == 0) return 0;
  const int32_t minus_abs_a = a < 0 ? a : wrapping_neg(a);
  const int32_t t =
      one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(minus_abs_a, integer_bits + 1));
  return a < 0 ? wrapping_neg(t) : t;
}

// Reciprocal of a positive X given as a raw x > 0 in Q(x_integer_bits), as TFLite's GetReciprocal:
// x is normalised by its leading zeros to N in [1, 2), so that X = N * 2^num_bits_over_unit with
// *num_bits_over_unit = x_integer_bits - leading zeros; returns 1 / N in Q0. Thus
// 1 / X = result * 2^-num_bits_over_unit.
inline int32_t reciprocal_q0(int32_t x, int x_integer_bits, int* num_bits_over_unit) {
  const int headroom_plus_one = count_leading_zeros_u32(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_bits - headroom_plus_one;
  const int32_t shifted_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return one_over_one_plus_x_for_x_in_0_1(shifted_minus_one);
}

// ---- fast forms, equal to the functions above (tests/quant/test_fixedpoint_nonlinear.cpp) -----
// The transformer kernels' (SWIGLU, ATTENTION softmax): one 32 x 32 -> 64-bit multiply per high
// product instead of gemmlowp's nudge and division.

// saturating_rounding_doubling_high_mul(a, b) where (a, b) != (INT32_MIN, INT32_MIN):
// floor((a * b + 2^30) / 2^31), which equals gemmlowp's nudge-and-truncate for every other pair
// (multiply_by_quantized_multiplier_fast gives the argument); one 32 x 32 -> 64-bit multiply-accumulate and a shift.
inline int32_t high_mul_no_min_min(int32_t a, int32_t b) {
  return static_cast<int32_t>((static_cast<int64_t>(a) * b + (int64_t{1} << 30)) >> 31);
}

// exp_on_negative_values(a, kIntegerBits) for every int32 a and
// kIntegerBits 4 or 5, step for step, with high_mul_no_min_min for its high multiplies: their
// operands never are both INT32_MIN, because the polynomial's argument lies in [-2^28, 2^28)
// whatever a is, and the barrel shifter multiplies a value in [0, 2^31) by positive constants.
template <int kIntegerBits>
inline int32_t exp_on_negative_values_fast(int32_t a) {
  static_assert(kIntegerBits == 4 || kIntegerBits == 5, "integer bits 4 or 5");
  constexpr int kFractionalBits = 31 - kIntegerBits;
  constexpr int32_t kQuarter = int32_t{1} << (kFractionalBits - 2);
  const int32_t a_mod = wrapping_sub(a & (kQuarter - 1), kQuarter);  // [-2^(f-2), 0)
  // Rescaled to Q0 (never saturates: a_mod * 2^kIntegerBits >= -2^29), plus 1/8.
  const int32_t x = add_wrapping(a_mod * (int32_t{1} << kIntegerBits), int32_t{1} << 28);
  const int32_t x2 = high_mul_no_min_min(x, x);
  const int32_t x3 = high_mul_no_min_min(x2, x);
  const int32_t x4 = high_mul_no_min_min(x2, x2);
  const int32_t higher = rounding_divide_by_pot(
      add_wrapping(high_mul_no_min_min(add_wrapping(rounding_divide_by_pot(x4, 2), x3), 715827883),
                   x2),
      1);
  constexpr int32_t kExpMinusOneEighth = 1895147668;
  int32_t result = add_wrapping(kExpMinusOneEighth,
                                high_mul_no_min_min(kExpMinusOneEighth, add_wrapping(x, higher)));
  const uint32_t remainder = static_cast<uint32_t>(wrapping_sub(a_mod, a));
  constexpr int32_t kExpMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308,
                                              39332535,   720401,     242};
  for (int k = 0; k < kIntegerBits + 2; ++k) {  // exp(-2^(k-2)) for the bits 2^(k-2) < 2^kIntegerBits
    if ((remainder >> (kFractionalBits - 2 + k)) & 1u) {
      result = high_mul_no_min_min(result, kExpMinusPowerOfTwo[k]);
    }
  }
  return a == 0 ? kInt32Max : result;
}
inline int32_t exp_on_negative_values_q5(int32_t a) { return exp_on_negative_values_fast<5>(a); }

// saturating_rounding_doubling_high_mul with its INT32_MIN * INT32_MIN case, single multiply.
inline int32_t srdhm_fast(int32_t a, int32_t b) {
  return (a == kInt32Min && b == kInt32Min) ? kInt32Max : high_mul_no_min_min(a, b);
}

// logistic_fixed(a, 4) step for step with single-multiply high products.
inline int32_t logistic_q4_fast(int32_t a) {
  if (a == 0) return int32_t{1} << 30;
  const int32_t abs_a = a > 0 ? a : wrapping_neg(a);
  const int32_t e = exp_on_negative_values_fast<4>(wrapping_neg(abs_a));
  // one_over_one_plus_x_for_x_in_0_1(e): Newton-Raphson for 1 / (1 + e) in Q2.
  const int32_t half = rounding_half_sum(e, kInt32Max);
  int32_t x = add_wrapping(1515870810, srdhm_fast(half, -1010580540));
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus = wrapping_sub(int32_t{1} << 29, srdhm_fast(half, x));
    x = add_wrapping(x, saturating_rounding_multiply_by_pot(srdhm_fast(x, one_minus), 2));
  }
  const int32_t r = saturating_rounding_multiply_by_pot(x, 1);
  return a > 0 ? r : wrapping_sub(kInt32Max, r);
}

}  // namespace qrt

#endif  // QRT_QUANT_FIXEDPOINT_NONLINEAR_H
