// Helpers shared by the reference-kernel tests (tests/ops/test_*_s8*.cpp): a deterministic random
// generator, an independent real -> (multiplier, shift) conversion (frexp, as TFLite does it) and
// the double-precision oracle for requantized integer results.
//
// The oracle: a requantized value q = round(acc * M) + zero_point computed with TFLite's two
// rounding steps (high multiply, then rounding shift) is within 1 of the real acc * M + zero_point
// (each step rounds by at most 1/2 of its own unit), and clamping only brings it closer. Kernels
// are checked against that bound on random data, and exactly on hand-computed cases.
#ifndef QRT_TESTS_OPS_REF_TEST_UTIL_H
#define QRT_TESTS_OPS_REF_TEST_UTIL_H

#include <math.h>
#include <stdint.h>

namespace qrt_test_util {

struct Rng {
  uint32_t state;
  uint32_t next() {
    uint32_t x = state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    state = x;
    return x;
  }
  // Uniform integer in [lo, hi].
  int32_t uniform(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(next() % static_cast<uint32_t>(hi - lo + 1));
  }
  int8_t s8() { return static_cast<int8_t>(uniform(-128, 127)); }
  // Uniform in [lo, hi) as a double.
  double real(double lo, double hi) { return lo + (hi - lo) * (next() / 4294967296.0); }
};

struct Multiplier {
  int32_t multiplier;
  int32_t shift;
};

// real = multiplier * 2^(shift - 31) with multiplier in [2^30, 2^31): frexp then round the
// mantissa to 31 bits (independent of quant/host, same definition as TFLite's QuantizeMultiplier).
inline Multiplier to_multiplier(double real) {
  if (real == 0) return {0, 0};
  int exponent = 0;
  const double mantissa = frexp(real, &exponent);
  int64_t fixed = static_cast<int64_t>(round(mantissa * 2147483648.0));
  if (fixed == (int64_t{1} << 31)) {
    fixed /= 2;
    ++exponent;
  }
  return {static_cast<int32_t>(fixed), exponent};
}

// The exact real value a (multiplier, shift) pair stands for.
inline double multiplier_value(Multiplier m) { return ldexp(static_cast<double>(m.multiplier), m.shift - 31); }

inline double clamp_real(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

// True when `got` is within 1 of clamp(real, lo, hi).
inline bool within_one(int32_t got, double real, int32_t lo, int32_t hi) {
  return fabs(static_cast<double>(got) - clamp_real(real, lo, hi)) <= 1.0 + 1e-9;
}

}  // namespace qrt_test_util

#endif  // QRT_TESTS_OPS_REF_TEST_UTIL_H
