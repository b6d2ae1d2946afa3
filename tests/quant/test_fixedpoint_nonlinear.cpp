// Fixed-point non-linear primitives (fixedpoint_nonlinear.h) against a double-precision oracle,
// plus hand-computed edge cases. The sweeps step through the whole input range of each function
// with a stride that keeps the test fast under Cortex-M emulation; the tolerances are accuracy
// claims for gemmlowp's algorithms (polynomial / Newton-Raphson error plus rounding).
#include <math.h>

#include "qrt/quant/fixedpoint_nonlinear.h"
#include "qrt_test.h"

namespace {

// Real value of a raw int32 in Q(integer_bits).
double from_q(int64_t raw, int integer_bits) { return static_cast<double>(raw) / ldexp(1.0, 31 - integer_bits); }

double round_half_away(double v) { return v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5); }

uint32_t next_random(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

}  // namespace

QRT_TEST(fixedpoint_nonlinear, multiply_by_pot_hand_cases) {
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(5, -1), 3);    // 2.5 -> 3
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(-5, -1), -3);  // -2.5 -> -3
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(7, 0), 7);
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot((1 << 30) - 1, 1), INT32_MAX - 1);
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(1 << 30, 1), INT32_MAX);
  // gemmlowp's threshold is symmetric: -2^30 * 2 saturates although -2^31 is representable.
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(-(1 << 30), 1), INT32_MIN);
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(-(1 << 30) + 1, 1), -(1 << 30) * 2 + 2);
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(1, 30), 1 << 30);
  QRT_EXPECT_EQ(qrt::saturating_rounding_multiply_by_pot(2, 30), INT32_MAX);
  QRT_EXPECT_EQ(qrt::rescale_q(1 << 19, 12, 0), INT32_MAX);  // 1.0 in Q12 does not fit Q0
  QRT_EXPECT_EQ(qrt::rescale_q(INT32_MAX, 0, 12), 1 << 19);   // ~1.0 in Q0 -> 1.0 in Q12
}

QRT_TEST(fixedpoint_nonlinear, multiply_by_pot_matches_double_oracle) {
  uint32_t state = 777;
  for (int i = 0; i < 30000; ++i) {
    const int32_t x = static_cast<int32_t>(next_random(&state)) >> (next_random(&state) % 31);
    const int e = static_cast<int>(next_random(&state) % 61) - 30;
    double want = round_half_away(ldexp(static_cast<double>(x), e));
    if (e > 0) {
      const double threshold = ldexp(1.0, 31 - e) - 1;
      if (x > threshold) want = INT32_MAX;
      if (x < -threshold) want = INT32_MIN;
    }
    QRT_ASSERT_EQ(qrt::saturating_rounding_multiply_by_pot(x, e), static_cast<int64_t>(want));
  }
}

QRT_TEST(fixedpoint_nonlinear, rounding_half_sum) {
  QRT_EXPECT_EQ(qrt::rounding_half_sum(1, 2), 2);
  QRT_EXPECT_EQ(qrt::rounding_half_sum(-1, -2), -2);
  QRT_EXPECT_EQ(qrt::rounding_half_sum(0, -1), -1);
  QRT_EXPECT_EQ(qrt::rounding_half_sum(INT32_MAX, INT32_MAX), INT32_MAX);
  QRT_EXPECT_EQ(qrt::rounding_half_sum(INT32_MIN, INT32_MIN), INT32_MIN);
  uint32_t state = 4242;
  for (int i = 0; i < 30000; ++i) {
    const int32_t a = static_cast<int32_t>(next_random(&state));
    const int32_t b = static_cast<int32_t>(next_random(&state));
    const double want = round_half_away((static_cast<double>(a) + b) / 2);
    QRT_ASSERT_EQ(qrt::rounding_half_sum(a, b), static_cast<int64_t>(want));
  }
}

QRT_TEST(fixedpoint_nonlinear, wrapping_arithmetic) {
  QRT_EXPECT_EQ(qrt::add_wrapping(INT32_MAX, 1), INT32_MIN);
  QRT_EXPECT_EQ(qrt::wrapping_sub(INT32_MIN, 1), INT32_MAX);
  QRT_EXPECT_EQ(qrt::wrapping_neg(INT32_MIN), INT32_MIN);
  QRT_EXPECT_EQ(qrt::wrapping_neg(5), -5);
  QRT_EXPECT_EQ(qrt::count_leading_zeros_u32(0), 32);
  QRT_EXPECT_EQ(qrt::count_leading_zeros_u32(1), 31);
  QRT_EXPECT_EQ(qrt::count_leading_zeros_u32(0x80000000u), 0);
  QRT_EXPECT_EQ(qrt::count_leading_zeros_u32(0x00ffffffu), 8);
}

QRT_TEST(fixedpoint_nonlinear, exp_on_interval_matches_double) {
  // Q0 inputs in [-1/4, 0): the Taylor polynomial is good to ~2^-22.
  double worst = 0;
  for (int64_t a = -(int64_t{1} << 29); a < 0; a += 16411) {
    const double got = from_q(qrt::exp_on_interval_between_negative_one_quarter_and_0_excl(
                                  static_cast<int32_t>(a)),
                              0);
    const double err = fabs(got - exp(from_q(a, 0)));
    worst = err > worst ? err : worst;
  }
  QRT_EXPECT_NEAR(worst, 0.0, ldexp(1.0, -21));
}

QRT_TEST(fixedpoint_nonlinear, exp_on_negative_values_matches_double) {
  const int integer_bits[] = {0, 1, 4, 5, 6, 12};
  for (int ib : integer_bits) {
    double worst = 0;
    for (int64_t a = INT32_MIN; a <= 0; a += 262139) {
      const double got = from_q(qrt::exp_on_negative_values(static_cast<int32_t>(a), ib), 0);
      const double err = fabs(got - exp(from_q(a, ib)));
      worst = err > worst ? err : worst;
    }
    QRT_EXPECT_NEAR(worst, 0.0, ldexp(1.0, -21));
  }
  // Every multiple of 2^-12 in [-32, 0] in the softmax format Q5.26 (all barrel-shifter bits).
  double worst = 0;
  for (int64_t a = -(int64_t{32} << 26); a <= 0; a += int64_t{1} << 14) {
    const double got = from_q(qrt::exp_on_negative_values(static_cast<int32_t>(a), 5), 0);
    const double err = fabs(got - exp(from_q(a, 5)));
    worst = err > worst ? err : worst;
  }
  QRT_EXPECT_NEAR(worst, 0.0, ldexp(1.0, -21));
}

QRT_TEST(fixedpoint_nonlinear, exp_edge_cases) {
  QRT_EXPECT_EQ(qrt::exp_on_negative_values(0, 5), INT32_MAX);  // exp(0) = "one" of Q0
  QRT_EXPECT_EQ(qrt::exp_on_negative_values(0, 0), INT32_MAX);
  // Below -32 in formats with more than 5 integer bits the result is flushed to 0.
  QRT_EXPECT_EQ(qrt::exp_on_negative_values(-(33 << 24), 7), 0);
  // exp(-32) ~ 1.3e-14 is below Q0's resolution.
  QRT_EXPECT_EQ(qrt::exp_on_negative_values(INT32_MIN, 5), 0);
  // exp(-1) in Q4: within 2^-21 of e^-1.
  QRT_EXPECT_NEAR(from_q(qrt::exp_on_negative_values(-(1 << 27), 4), 0), exp(-1.0), ldexp(1.0, -21));
}

QRT_TEST(fixedpoint_nonlinear, one_over_one_plus_x_matches_double) {
  double worst_recip = 0;
  double worst_ratio = 0;
  for (int64_t a = 0; a <= INT32_MAX; a += 65537) {
    const double x = from_q(a, 0);
    const int32_t raw = static_cast<int32_t>(a);
    const double r = from_q(qrt::one_over_one_plus_x_for_x_in_0_1(raw), 0);
    const double q = from_q(qrt::one_minus_x_over_one_plus_x_for_x_in_0_1(raw), 0);
    worst_recip = fmax(worst_recip, fabs(r - 1.0 / (1.0 + x)));
    worst_ratio = fmax(worst_ratio, fabs(q - (1.0 - x) / (1.0 + x)));
  }
  QRT_EXPECT_NEAR(worst_recip, 0.0, ldexp(1.0, -27));
  QRT_EXPECT_NEAR(worst_ratio, 0.0, ldexp(1.0, -26));
  // 1/(1+0) saturates to the largest Q0 value; 1/(1+~1) = ~1/2.
  QRT_EXPECT_NEAR(from_q(qrt::one_over_one_plus_x_for_x_in_0_1(0), 0), 1.0, ldexp(1.0, -27));
  QRT_EXPECT_NEAR(from_q(qrt::one_over_one_plus_x_for_x_in_0_1(INT32_MAX), 0), 0.5, ldexp(1.0, -27));
}

QRT_TEST(fixedpoint_nonlinear, logistic_and_tanh_match_double) {
  const int integer_bits[] = {0, 4, 5};
  for (int ib : integer_bits) {
    double worst_logistic = 0;
    double worst_tanh = 0;
    for (int64_t a = -INT32_MAX; a <= INT32_MAX; a += 524287) {
      const double x = from_q(a, ib);
      const double l = from_q(qrt::logistic_fixed(static_cast<int32_t>(a), ib), 0);
      const double t = from_q(qrt::tanh_fixed(static_cast<int32_t>(a), ib), 0);
      worst_logistic = fmax(worst_logistic, fabs(l - 1.0 / (1.0 + exp(-x))));
      worst_tanh = fmax(worst_tanh, fabs(t - tanh(x)));
    }
    QRT_EXPECT_NEAR(worst_logistic, 0.0, ldexp(1.0, -22));
    QRT_EXPECT_NEAR(worst_tanh, 0.0, ldexp(1.0, -21));
  }
  QRT_EXPECT_EQ(qrt::logistic_fixed(0, 4), 1 << 30);  // exactly 1/2
  QRT_EXPECT_EQ(qrt::tanh_fixed(0, 4), 0);
  // Odd / mirror symmetry holds exactly by construction.
  for (int32_t a = 1; a < (1 << 30); a = a * 3 + 7) {
    QRT_ASSERT_EQ(qrt::tanh_fixed(-a, 4), -qrt::tanh_fixed(a, 4));
    QRT_ASSERT_EQ(qrt::logistic_fixed(-a, 4), INT32_MAX - qrt::logistic_fixed(a, 4));
  }
}

QRT_TEST(fixedpoint_nonlinear, reciprocal_matches_double) {
  int bits = -1;
  // 1.0 in Q12: no normalisation, 1/1 ~ INT32_MAX.
  QRT_EXPECT_NEAR(from_q(qrt::reciprocal_q0(1 << 19, 12, &bits), 0), 1.0, ldexp(1.0, -27));
  QRT_EXPECT_EQ(bits, 0);
  // 3.0 in Q12 = 1.5 * 2^1: 1/1.5.
  QRT_EXPECT_NEAR(from_q(qrt::reciprocal_q0(3 << 19, 12, &bits), 0), 2.0 / 3.0, ldexp(1.0, -27));
  QRT_EXPECT_EQ(bits, 1);
  uint32_t state = 99;
  for (int i = 0; i < 20000; ++i) {
    const int32_t x = static_cast<int32_t>(next_random(&state) >> (1 + next_random(&state) % 31));
    if (x <= 0) continue;
    const double got = from_q(qrt::reciprocal_q0(x, 12, &bits), 0) * ldexp(1.0, -bits);
    const double want = 1.0 / from_q(x, 12);
    QRT_ASSERT(fabs(got - want) <= want * ldexp(1.0, -26));
  }
}

// Peer values: outputs of gemmlowp's own fixedpoint.h (the implementation TFLite's kernels call)
// for a spread of inputs, printed by a throwaway host program (not in this repository) calling
// exp_on_negative_values / logistic / tanh / one_over_one_plus_x_for_x_in_0_1 /
// one_minus_x_over_one_plus_x_for_x_in_0_1 on FixedPoint<int32_t, 5|4|0>::FromRaw(x). Made with
// Debian 12's libgemmlowp-dev 0.0~git20211220.e844ffd-1 (gemmlowp commit e844ffd), g++ 12.2
// -O2 -std=c++17, x86-64; re-run on 2026-12-02 with identical output. qrt must match them bit for
// bit, not just within the accuracy bounds above.
QRT_TEST(fixedpoint_nonlinear, matches_gemmlowp_peer_values) {
  const int32_t exp_q5[][2] = {
      {-1, 2147483124},        {-2, 2147483093},        {-1000, 2147451157},
      {-123456, 2143536231},   {-16777216, 1672462419}, {-67108864, 790015308},
      {-100000000, 483927985}, {-536870912, 720401},    {-987654321, 872},
      {-1500000000, 0},        {-2000000000, 0},        {-2147483647, 0},
  };
  for (const auto& c : exp_q5) QRT_EXPECT_EQ(qrt::exp_on_negative_values(c[0], 5), c[1]);

  const int32_t logistic_tanh_q4[][3] = {
      {1, 1073741948, 260},
      {-1, 1073741699, -260},
      {777, 1073745054, 12672},
      {-777, 1073738593, -12672},
      {1048576, 1077936196, 16776996},
      {-1048576, 1069547451, -16776996},
      {123456789, 1535464548, 1558674772},
      {-123456789, 612019099, -1558674772},
      {134217728, 1569936226, 1635510876},
      {-134217728, 577547421, -1635510876},
      {1000000000, 2146236460, 2147482200},
      {-1000000000, 1247187, -2147482200},
      {2147483647, 2147483406, 2147483647},
      {-2147483647, 241, -2147483647},
  };
  for (const auto& c : logistic_tanh_q4) {
    QRT_EXPECT_EQ(qrt::logistic_fixed(c[0], 4), c[1]);
    QRT_EXPECT_EQ(qrt::tanh_fixed(c[0], 4), c[2]);
  }

  const int32_t reciprocal_q0_cases[][3] = {
      {0, 2147483647, 2147483647},
      {1, 2147483647, 2147483647},
      {1000, 2147482650, 2147481652},
      {1048576, 2146435584, 2145387520},
      {536870912, 1717986914, 1288490180},
      {1073741824, 1431655762, 715827876},
      {1234567890, 1363576508, 579669368},
      {2000000000, 1111923858, 76364068},
      {2147483647, 1073741820, -8},
  };
  for (const auto& c : reciprocal_q0_cases) {
    QRT_EXPECT_EQ(qrt::one_over_one_plus_x_for_x_in_0_1(c[0]), c[1]);
    QRT_EXPECT_EQ(qrt::one_minus_x_over_one_plus_x_for_x_in_0_1(c[0]), c[2]);
  }
}

// The fast forms (one multiply per high product) equal the reference functions for every input
// tried: a stride through all of int32, random values and the edges.
namespace {

template <typename Fast, typename Reference>
int fast_mismatches(Fast fast, Reference reference) {
  int bad = 0;
  const int32_t edges[] = {INT32_MIN, INT32_MIN + 1, -(1 << 30), -1, 0, 1, 1 << 30, INT32_MAX};
  for (int32_t a : edges) bad += fast(a) != reference(a);
  for (int64_t a = INT32_MIN; a <= INT32_MAX; a += 65521) {
    bad += fast(static_cast<int32_t>(a)) != reference(static_cast<int32_t>(a));
  }
  uint32_t state = 777;
  for (int i = 0; i < 20000; ++i) {
    const int32_t a = static_cast<int32_t>(next_random(&state));
    bad += fast(a) != reference(a);
  }
  return bad;
}

}  // namespace

QRT_TEST(fixedpoint_nonlinear, fast_exp_and_logistic_equal_the_reference) {
  const int exp4 = fast_mismatches([](int32_t a) { return qrt::exp_on_negative_values_fast<4>(a); },
                                   [](int32_t a) { return qrt::exp_on_negative_values(a, 4); });
  const int exp5 = fast_mismatches([](int32_t a) { return qrt::exp_on_negative_values_fast<5>(a); },
                                   [](int32_t a) { return qrt::exp_on_negative_values(a, 5); });
  const int logistic = fast_mismatches([](int32_t a) { return qrt::logistic_q4_fast(a); },
                                       [](int32_t a) { return qrt::logistic_fixed(a, 4); });
  QRT_EXPECT_EQ(exp4, 0);
  QRT_EXPECT_EQ(exp5, 0);
  QRT_EXPECT_EQ(logistic, 0);
}

QRT_TEST(fixedpoint_nonlinear, fast_high_mul_equals_the_reference) {
  uint32_t state = 4242;
  int bad = 0;
  const int32_t edges[] = {INT32_MIN, INT32_MIN + 1, -(1 << 30), -1, 0, 1, 1 << 30, INT32_MAX};
  for (int32_t a : edges) {
    for (int32_t b : edges) {
      bad += qrt::srdhm_fast(a, b) != qrt::saturating_rounding_doubling_high_mul(a, b);
    }
  }
  for (int i = 0; i < 100000; ++i) {
    const int32_t a = static_cast<int32_t>(next_random(&state));
    // Ties of the high multiply: b a power of two makes a * b / 2^31 land on halves.
    const int32_t b = (i & 1) ? static_cast<int32_t>(next_random(&state))
                              : static_cast<int32_t>(1u << (next_random(&state) % 31));
    bad += qrt::srdhm_fast(a, b) != qrt::saturating_rounding_doubling_high_mul(a, b);
  }
  QRT_EXPECT_EQ(bad, 0);
}
