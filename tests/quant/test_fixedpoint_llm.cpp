// The LLM fixed-point primitives (quant/include/qrt/quant/fixedpoint_llm.h) against exact integer
// checks and a double-precision oracle.
#include <math.h>

#include "qrt/quant/fixedpoint_llm.h"
#include "qrt_test.h"
#include "test_llm_common.h"

using llm_test::next_random;

QRT_TEST(llm_fixedpoint, rounding_shift_right_ties_away_from_zero) {
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(5, 1), 3);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(-5, 1), -3);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(-3, 2), -1);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(-2, 2), -1);  // -0.5 -> -1
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(1, 2), 0);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(7, 0), 7);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(int64_t{1} << 61, 62), 1);
  uint32_t s = 17;
  for (int i = 0; i < 20000; ++i) {
    const int64_t x = static_cast<int32_t>(next_random(&s)) * int64_t{1000};
    const int k = static_cast<int>(next_random(&s) % 30) + 1;
    const double expected = llm_test::round_half_away(static_cast<double>(x) / ldexp(1.0, k));
    QRT_ASSERT_EQ(qrt::rounding_shift_right_s64(x, k), static_cast<int64_t>(expected));
  }
}

// Next to 2^63 the magnitude plus half does not fit int64 (found by fuzzing the matvec
// differential): the rounding is done on the unsigned magnitude. (2^63 - 6) / 2^62 = 1.99999...
// rounds to 2; requantize_s64 of |x| < 2^32 times a multiplier near 2^31 at shift -31 likewise.
QRT_TEST(llm_fixedpoint, rounding_shift_right_next_to_int64_limits) {
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(INT64_MAX - 5, 62), 2);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(-(INT64_MAX - 5), 62), -2);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(INT64_MAX, 1), int64_t{1} << 62);
  QRT_EXPECT_EQ(qrt::rounding_shift_right_s64(INT64_MIN + 1, 1), -(int64_t{1} << 62));
  // (2^32 - 1) * (2^31 - 1) / 2^62 = 1.99999999953...
  QRT_EXPECT_EQ(qrt::requantize_s64((int64_t{1} << 32) - 1, INT32_MAX, -31), 2);
  QRT_EXPECT_EQ(qrt::requantize_s64(-((int64_t{1} << 32) - 1), INT32_MAX, -31), -2);
}

QRT_TEST(llm_fixedpoint, requantize_i64_is_exact_rounding) {
  // x * m * 2^(shift - 31) for |x| < 2^21 and m < 2^31 is exact in double (< 2^53).
  uint32_t s = 3;
  for (int i = 0; i < 50000; ++i) {
    const int64_t x = llm_test::random_int(&s, -(1 << 21), 1 << 21);
    const int32_t m = static_cast<int32_t>(next_random(&s) >> 1) * (i % 3 == 0 ? -1 : 1);
    const int shift = llm_test::random_int(&s, -31, 10);
    const double exact = static_cast<double>(x) * m * ldexp(1.0, shift - 31);
    const double expected = llm_test::clamp(llm_test::round_half_away(exact), -2147483648.0, 2147483647.0);
    QRT_ASSERT_EQ(qrt::requantize_s64(x, m, shift), static_cast<int64_t>(expected));
  }
  // Saturation at both ends.
  QRT_EXPECT_EQ(qrt::requantize_s64((int64_t{1} << 32) - 1, 1 << 30, 30), INT32_MAX);
  QRT_EXPECT_EQ(qrt::requantize_s64(-((int64_t{1} << 32) - 1), 1 << 30, 30), INT32_MIN);
}

QRT_TEST(llm_fixedpoint, isqrt_u64_is_floor_sqrt) {
  const uint64_t cases[] = {0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 0xFFFFFFFFull, 0x100000000ull,
                            0xFFFFFFFE00000001ull, 0xFFFFFFFFFFFFFFFFull};
  uint32_t s = 9;
  for (int i = 0; i < 20000 + 14; ++i) {
    uint64_t x;
    if (i < 14) {
      x = cases[i];
    } else {
      x = (static_cast<uint64_t>(next_random(&s)) << 32 | next_random(&s)) >> (next_random(&s) % 64);
    }
    const uint64_t r = qrt::isqrt_u64(x);
    QRT_ASSERT(r * r <= x);
    // (r + 1)^2 > x, written to avoid overflow at r = 2^32 - 1.
    QRT_ASSERT(r == 0xFFFFFFFFull || (r + 1) * (r + 1) > x);
  }
}

QRT_TEST(llm_fixedpoint, inverse_sqrt_within_2_pow_minus_29) {
  uint32_t s = 5;
  for (int i = 0; i < 20000; ++i) {
    uint64_t x = (static_cast<uint64_t>(next_random(&s)) << 32 | next_random(&s)) >> (next_random(&s) % 64);
    if (x == 0) x = 1;
    int64_t mantissa;
    int exponent;
    qrt::inverse_sqrt_u64(x, &mantissa, &exponent);
    QRT_ASSERT(mantissa > (int64_t{1} << 30) && mantissa <= (int64_t{1} << 31));
    QRT_ASSERT(exponent >= 0 && exponent <= 31);
    const double got = static_cast<double>(mantissa) * ldexp(1.0, exponent - 62);
    const double expected = 1.0 / sqrt(static_cast<double>(x));
    QRT_ASSERT(fabs(got / expected - 1.0) < ldexp(1.0, -29));
  }
}
