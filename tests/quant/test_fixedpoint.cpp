// Fixed-point primitives against a double-precision oracle and hand-computed TFLite cases.
#include <math.h>

#include "qrt/quant/fixedpoint.h"
#include "qrt_test.h"

namespace {

// Deterministic 32-bit generator (xorshift) so every target sees the same cases.
uint32_t next_random(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

// The mismatches of multiply_by_quantized_multiplier_fast against the reference for one
// (multiplier, shift): extreme, random, accumulator-sized and tie-producing inputs.
int fast_mismatches(int32_t multiplier, int32_t shift, uint32_t* rng) {
  static const int32_t kEdges[] = {INT32_MIN, INT32_MIN + 1, -(1 << 30), -65536, -257, -2, -1,
                                   0,         1,             2,          255,    65535, 1 << 30,
                                   INT32_MAX - 1, INT32_MAX};
  int bad = 0;
  auto check = [&](int32_t x) {
    if (qrt::multiply_by_quantized_multiplier_fast(x, multiplier, shift) !=
        qrt::multiply_by_quantized_multiplier(x, multiplier, shift)) {
      ++bad;
    }
  };
  for (int32_t x : kEdges) check(x);
#if defined(QRT_TEST_SLOW_TARGET)
  const int kRandom = 40;
#else
  const int kRandom = 400;
#endif
  for (int i = 0; i < kRandom; ++i) {
    check(static_cast<int32_t>(next_random(rng)));  // any int32
    check(static_cast<int32_t>(next_random(rng) % (2u << 20)) - (1 << 20));  // accumulator-sized
    // Values whose product with the multiplier lands on a rounding tie of the final shift.
    const int32_t right = shift < 0 ? -shift : 0;
    if (right > 0 && right < 31) {
      const int32_t k = static_cast<int32_t>(next_random(rng) % 2001u) - 1000;
      check(static_cast<int32_t>(k * (int64_t{1} << right) + (int64_t{1} << (right - 1))));
    }
  }
  return bad;
}

// round(v) with ties away from zero, in double.
double round_half_away(double v) { return v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5); }

}  // namespace

QRT_TEST(fixedpoint, high_mul_matches_integer_oracle) {
  uint32_t state = 12345;
  for (int i = 0; i < 200000; ++i) {
    const int32_t a = static_cast<int32_t>(next_random(&state));
    const int32_t b = static_cast<int32_t>(next_random(&state));
    const double exact = static_cast<double>(a) * static_cast<double>(b) / 2147483648.0;
    // a*b/2^31 is exact in long double only up to 2^53; compare within the double's resolution
    // except at exact ties, which the integer version resolves away from zero.
    const int32_t got = qrt::saturating_rounding_doubling_high_mul(a, b);
    const double expected = round_half_away(exact);
    QRT_ASSERT(fabs(static_cast<double>(got) - expected) <= 1.0);
    // Ties are decided exactly with 64-bit integers: check the rounding direction independently.
    const int64_t ab = static_cast<int64_t>(a) * b;
    const int64_t q = ab / (int64_t{1} << 31);
    const int64_t r = ab - q * (int64_t{1} << 31);  // same sign as ab
    int64_t want = q;
    if (r * 2 >= (int64_t{1} << 31)) want = q + 1;
    if (r * 2 < -(int64_t{1} << 31)) want = q - 1;  // negative ties round up (toward zero)
    QRT_ASSERT_EQ(got, want);
  }
}

QRT_TEST(fixedpoint, high_mul_saturates_min_times_min) {
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN), INT32_MAX);
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MAX), -INT32_MAX);
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(1 << 30, 1 << 30), 1 << 29);
  // Exact ties: +0.5 -> 1, -0.5 -> 0, -1.5 -> -1, +1.5 -> 2 (round half up).
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(1 << 30, 1), 1);
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(-(1 << 30), 1), 0);
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(-(3 << 29), 2), -1);
  QRT_EXPECT_EQ(qrt::saturating_rounding_doubling_high_mul(3 << 29, 2), 2);
}

QRT_TEST(fixedpoint, rounding_divide_by_pot_rounds_half_away_from_zero) {
  QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(5, 1), 3);    // 2.5 -> 3
  QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(-5, 1), -3);  // -2.5 -> -3
  QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(-3, 2), -1);  // -0.75 -> -1
  QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(6, 2), 2);    // 1.5 -> 2
  QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(INT32_MAX, 31), 1);
  QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(INT32_MIN, 31), -1);
  uint32_t state = 99;
  for (int i = 0; i < 100000; ++i) {
    const int32_t x = static_cast<int32_t>(next_random(&state));
    const int e = static_cast<int>(next_random(&state) % 32);
    const double expected = round_half_away(static_cast<double>(x) / ldexp(1.0, e));
    QRT_ASSERT_EQ(qrt::rounding_divide_by_pot(x, e), static_cast<long long>(expected));
  }
}

QRT_TEST(fixedpoint, multiply_by_quantized_multiplier_matches_double) {
  // x * m * 2^(s-31) with two roundings; the double result is within one unit of the two-step
  // integer result and equal when no tie occurs in either step.
  uint32_t state = 7;
  for (int i = 0; i < 100000; ++i) {
    const int32_t x = static_cast<int32_t>(next_random(&state) % 2000001) - 1000000;
    const int32_t m = static_cast<int32_t>((1u << 30) + (next_random(&state) & 0x3FFFFFFFu));
    const int s = -static_cast<int>(next_random(&state) % 20);
    const double exact = static_cast<double>(x) * m * ldexp(1.0, s - 31);
    const int32_t got = qrt::multiply_by_quantized_multiplier(x, m, s);
    QRT_ASSERT(fabs(got - exact) <= 1.0);
  }
  // Hand-computed: 100 * 0.75 = 75 (0.75 = 0x60000000 * 2^-31, shift 0).
  QRT_EXPECT_EQ(qrt::multiply_by_quantized_multiplier(100, 0x60000000, 0), 75);
  // 3 * 0.5 * 2^-1 = 0.75 -> 1 ; -3 * 0.25 = -0.75 -> -1.
  QRT_EXPECT_EQ(qrt::multiply_by_quantized_multiplier(3, 1 << 30, -1), 1);
  QRT_EXPECT_EQ(qrt::multiply_by_quantized_multiplier(-3, 1 << 30, -1), -1);
  // Left shift: 10 * 0.5 * 2^3 = 40.
  QRT_EXPECT_EQ(qrt::multiply_by_quantized_multiplier(10, 1 << 30, 3), 40);
}

QRT_TEST(fixedpoint, multiplier_validity) {
  QRT_EXPECT(qrt::is_valid_quantized_multiplier(0, 0));
  QRT_EXPECT(qrt::is_valid_quantized_multiplier(1 << 30, -31));
  QRT_EXPECT(qrt::is_valid_quantized_multiplier(INT32_MAX, 30));
  QRT_EXPECT(!qrt::is_valid_quantized_multiplier((1 << 30) - 1, 0));
  QRT_EXPECT(!qrt::is_valid_quantized_multiplier(-5, 0));
  QRT_EXPECT(!qrt::is_valid_quantized_multiplier(1 << 30, 31));
  QRT_EXPECT(!qrt::is_valid_quantized_multiplier(1 << 30, -32));
}

// The fast form (one multiply-accumulate, no division) for every shift in [-31, 30] with the
// extreme and random valid multipliers.
QRT_TEST(fixedpoint, fast_requantization_equals_reference_for_every_shift) {
  uint32_t rng = 0xC0FFEEu;
  int bad = 0;
  for (int32_t shift = -31; shift <= 30; ++shift) {
    const int32_t multipliers[] = {0, 1 << 30, (1 << 30) + 1, 1518500250, INT32_MAX - 1, INT32_MAX,
                                   static_cast<int32_t>((1u << 30) + (next_random(&rng) >> 2))};
    for (int32_t m : multipliers) bad += fast_mismatches(m, shift, &rng);
  }
  QRT_EXPECT_EQ(bad, 0);
}

// TFLite's int64 requantization (16x8 kernels): hand cases (exact halves, the rounding at .5, the
// saturated Q0.15 multiplier) and, over random int64 accumulators and multipliers, within the
// Q0.15 reduction's error of the exact product x * multiplier * 2^(shift - 31).
QRT_TEST(fixedpoint, multiply_by_quantized_multiplier_s64_hand_and_bounded) {
  using qrt::multiply_by_quantized_multiplier_s64;
  QRT_EXPECT_EQ(multiply_by_quantized_multiplier_s64(int64_t{1} << 20, 1 << 30, 0), 1 << 19);
  QRT_EXPECT_EQ(multiply_by_quantized_multiplier_s64(3, 1 << 30, 0), 2);     // 1.5 rounds up
  QRT_EXPECT_EQ(multiply_by_quantized_multiplier_s64(-3, 1 << 30, 0), -1);   // -1.5 rounds up
  QRT_EXPECT_EQ(multiply_by_quantized_multiplier_s64(int64_t{1} << 40, 1 << 30, -20), 1 << 19);
  QRT_EXPECT_EQ(multiply_by_quantized_multiplier_s64(1 << 16, 0x7FFFFFFF, 0), 0x7FFF * 2);
  uint32_t state = 99;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  for (int i = 0; i < 20000; ++i) {
    const int64_t x = static_cast<int64_t>(static_cast<int32_t>(next())) * static_cast<int64_t>(next() % 4096);
    const int32_t m = static_cast<int32_t>((1u << 30) + (next() >> 2));
    const int shift = -static_cast<int>(next() % 19) - 13;  // the result fits int32
    const double exact = static_cast<double>(x) * m * ldexp(1.0, shift - 31);
    const int32_t got = multiply_by_quantized_multiplier_s64(x, m, shift);
    // The multiplier keeps 15 bits: a relative error below 2^-15, plus the final rounding.
    QRT_EXPECT(fabs(got - exact) <= 1.0 + fabs(exact) * ldexp(1.0, -15));
  }
}
