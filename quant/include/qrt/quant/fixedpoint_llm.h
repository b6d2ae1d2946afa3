// Fixed-point primitives of the transformer (LLM) kernels, in addition to fixedpoint.h and
// fixedpoint_nonlinear.h. Header-only, integer-only, no state.
//
// The TFLite-compatible requantization of fixedpoint.h rounds twice (high multiply, then shift)
// and takes int32 accumulators. The transformer kernels have no peer to match bit for bit, and
// their accumulators are int64 (int16 activations, group-wise sums, attention), so they requantize
// with one rounding from an int64: requantize_s64 below computes round(x * M) for
// M = multiplier * 2^(shift - 31) exactly, ties away from zero, saturated to int32.
#ifndef QRT_QUANT_FIXEDPOINT_LLM_H
#define QRT_QUANT_FIXEDPOINT_LLM_H

#include <stdint.h>

#include "qrt/quant/fixedpoint.h"

namespace qrt {

inline int32_t saturate_s64_to_s32(int64_t x) {
  return x < kInt32Min ? kInt32Min : (x > kInt32Max ? kInt32Max : static_cast<int32_t>(x));
}

// Clamps x to [-(2^bits - 1), 2^bits - 1].
inline int64_t clamp_s64_magnitude(int64_t x, int bits) {
  const int64_t limit = (int64_t{1} << bits) - 1;
  return x < -limit ? -limit : (x > limit ? limit : x);
}

// round(x / 2^s) with ties away from zero, s in [0, 62]. Written on the unsigned magnitude, so
// that it is symmetric, defined for negative x without relying on arithmetic shifts, and cannot
// overflow next to 2^63 (found by fuzzing: |x| + 2^(s-1) may not fit int64): adding half and
// shifting is the quotient plus the bit just below it.
inline int64_t rounding_shift_right_s64(int64_t x, int s) {
  if (s == 0) return x;
  const uint64_t magnitude = x >= 0 ? static_cast<uint64_t>(x) : uint64_t{0} - static_cast<uint64_t>(x);
  const uint64_t rounded = (magnitude >> s) + ((magnitude >> (s - 1)) & 1u);
  return x >= 0 ? static_cast<int64_t>(rounded) : -static_cast<int64_t>(rounded);
}

// x * multiplier * 2^(shift - 31), rounded once (ties away from zero), saturated to int32.
// Valid for |x| < 2^32 (callers clamp with clamp_s64_magnitude(x, 32)), |multiplier| < 2^31 and
// shift in [-31, 30]: the product then fits in int64 exactly.
inline int32_t requantize_s64(int64_t x, int32_t multiplier, int shift) {
  const int64_t product = x * static_cast<int64_t>(multiplier);  // |product| < 2^63
  const int right = 31 - shift;                                   // in [1, 62]
  return saturate_s64_to_s32(rounding_shift_right_s64(product, right));
}

// floor(sqrt(x)) for any 64-bit unsigned x, bit by bit (no division, no float).
inline uint32_t isqrt_u64(uint64_t x) {
  uint64_t result = 0;
  uint64_t bit = uint64_t{1} << 62;  // the largest power of four
  while (bit > x) bit >>= 2;
  while (bit != 0) {
    if (x >= result + bit) {
      x -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  return static_cast<uint32_t>(result);
}

// Number of significant bits of x (0 for 0): 1 + floor(log2(x)).
inline int bit_length_u64(uint64_t x) {
  int n = 0;
  while (x != 0) {
    ++n;
    x >>= 1;
  }
  return n;
}

// 1 / sqrt(s) for s >= 1 (s = 0 is treated as 1), as a mantissa and a power of two:
//   1 / sqrt(s) = *mantissa * 2^(*exponent - 62),  *mantissa in (2^30, 2^31],  *exponent in [0, 31].
// s is shifted by an even amount 2e into [2^60, 2^62), so that r = isqrt(s * 2^2e) has 31 bits
// and sqrt(s) = r * 2^-e (to within one part in 2^30); then 1 / sqrt(s) = 2^e / r =
// (2^61 / r) * 2^(e + 1 - 62), with 2^61 / r rounded to nearest. Relative error below 2^-29.
inline void inverse_sqrt_u64(uint64_t s, int64_t* mantissa, int* exponent) {
  if (s == 0) s = 1;
  // Normalise into [2^60, 2^62) with an even shift (left or right).
  const int bits = bit_length_u64(s);  // s in [2^(bits-1), 2^bits)
  int shift = 62 - bits;               // s << shift is in [2^61, 2^62)
  if (shift % 2 != 0) shift -= 1;      // even: [2^60, 2^62)
  uint64_t normalised;
  if (shift >= 0) {
    normalised = s << shift;
  } else {
    normalised = s >> (-shift);  // only for s >= 2^62: drops at most 2 low bits of 62
  }
  const int e = shift / 2;  // sqrt(s) = sqrt(normalised) * 2^-e
  const uint64_t r = isqrt_u64(normalised);  // in [2^30, 2^31)
  *mantissa = static_cast<int64_t>(((uint64_t{1} << 61) + r / 2) / r);
  *exponent = e + 1;
}

}  // namespace qrt

#endif  // QRT_QUANT_FIXEDPOINT_LLM_H
