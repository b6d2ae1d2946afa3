// Helpers shared by the LLM kernel tests (tests/ops/test_llm_*.cpp): a deterministic generator,
// real multiplier -> (multiplier, shift) as the converter computes it, and double-precision
// rounding. Header-only; no heap (the tests also run on bare-metal Cortex-M).
#ifndef QRT_TESTS_OPS_TEST_LLM_COMMON_H
#define QRT_TESTS_OPS_TEST_LLM_COMMON_H

#include <math.h>
#include <stdint.h>

namespace llm_test {

inline uint32_t next_random(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

// Uniform integer in [lo, hi].
inline int32_t random_int(uint32_t* state, int32_t lo, int32_t hi) {
  const uint32_t span = static_cast<uint32_t>(hi - lo) + 1u;
  return lo + static_cast<int32_t>(next_random(state) % span);
}

// real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31) carrying real's sign; values
// below 2^-32 flush to 0 (shift would be below -31), as the converter does.
inline void to_multiplier(double real, int32_t* multiplier, int32_t* shift) {
  if (real == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  int e = 0;
  const double mantissa = frexp(fabs(real), &e);
  int64_t m = static_cast<int64_t>(round(mantissa * 2147483648.0));
  if (m == (int64_t{1} << 31)) {
    m /= 2;
    ++e;
  }
  if (e < -31) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  *multiplier = static_cast<int32_t>(real < 0 ? -m : m);
  *shift = e;
}

// The real value a (multiplier, shift) pair stands for.
inline double multiplier_value(int32_t multiplier, int32_t shift) {
  return multiplier * ldexp(1.0, shift - 31);
}

inline double round_half_away(double v) { return v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5); }

inline double clamp(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

}  // namespace llm_test

#endif  // QRT_TESTS_OPS_TEST_LLM_COMMON_H
