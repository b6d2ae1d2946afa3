// Portable exp_f64 / log_f64 / neg_log_softmax_f64 (qrt/ops/math_f64.h) against libm's long double
// functions (on x86-64 64 more bits than the result; on ARM targets long double is double and
// libm's exp/log are within 1 ulp), special values, and hand-computed log-softmax cases.
#include <float.h>
#include <math.h>

#include "qrt/ops/math_f64.h"
#include "qrt_test.h"

namespace {

#if defined(QRT_TEST_SLOW_TARGET)
constexpr int kSamples = 5000;
#else
constexpr int kSamples = 20000;
#endif

// Distance in double ulps between got and the oracle value (rounded to double).
double ulps(double got, long double oracle) {
  const double rounded = static_cast<double>(oracle);
  const double a = fabs(rounded);
  const double ulp = a < DBL_MIN ? 4.9406564584124654e-324 : nextafter(a, INFINITY) - a;
  return static_cast<double>(fabsl(static_cast<long double>(got) - oracle)) / ulp;
}

uint64_t next(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

double uniform(uint64_t* s, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(next(s) >> 11) * (1.0 / 9007199254740992.0);
}

// Allowed error: the functions' own (about 2 ulp, see the header) plus the oracle's on targets
// where long double is double.
constexpr double kMaxUlps = 4.0;

QRT_TEST(math_f64, exp_within_four_ulp) {
  double worst = 0;
  uint64_t s = 88172645463325252ull;
  for (int i = 0; i < kSamples; ++i) {
    const double x = uniform(&s, -708.0, 709.0);
    worst = fmax(worst, ulps(qrt::exp_f64(x), expl(static_cast<long double>(x))));
  }
  for (int i = 0; i < kSamples; ++i) {  // the log-softmax range, densely
    const double x = uniform(&s, -40.0, 0.0);
    worst = fmax(worst, ulps(qrt::exp_f64(x), expl(static_cast<long double>(x))));
  }
  QRT_EXPECT(worst <= kMaxUlps);
  // Subnormal results: the absolute error stays within a few of the smallest subnormals.
  for (double x = -744.0; x < -708.5; x += 0.37) {
    const double want = static_cast<double>(expl(static_cast<long double>(x)));
    QRT_EXPECT(fabs(qrt::exp_f64(x) - want) <= 4 * 4.9406564584124654e-324 + 4e-16 * want);
  }
  QRT_EXPECT(qrt::exp_f64(0.0) == 1.0);
  QRT_EXPECT(qrt::exp_f64(-0.0) == 1.0);
  QRT_EXPECT(isinf(qrt::exp_f64(710.0)));
  QRT_EXPECT(isinf(qrt::exp_f64(INFINITY)));
  QRT_EXPECT(qrt::exp_f64(-746.0) == 0.0);
  QRT_EXPECT(qrt::exp_f64(-INFINITY) == 0.0);
  QRT_EXPECT(qrt::exp_f64(-745.0) > 0.0);  // the smallest subnormal, not zero
  QRT_EXPECT(isnan(qrt::exp_f64(NAN)));
  QRT_EXPECT_NEAR(qrt::exp_f64(1.0), 2.718281828459045, 1e-15);
}

QRT_TEST(math_f64, log_within_four_ulp) {
  double worst = 0;
  uint64_t s = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < kSamples; ++i) {  // every binade: x = m * 2^e
    const double x = ldexp(uniform(&s, 1.0, 2.0), static_cast<int>(next(&s) % 2040) - 1020);
    worst = fmax(worst, ulps(qrt::log_f64(x), logl(static_cast<long double>(x))));
  }
  for (int i = 0; i < kSamples; ++i) {  // near 1, where ln x is small and cancellation would show
    const double x = uniform(&s, 0.5, 2.0);
    if (x == 1.0) continue;
    worst = fmax(worst, ulps(qrt::log_f64(x), logl(static_cast<long double>(x))));
  }
  for (double x = 4.9406564584124654e-324; x < 2.3e-308; x *= 3.7) {  // subnormal inputs
    worst = fmax(worst, ulps(qrt::log_f64(x), logl(static_cast<long double>(x))));
  }
  QRT_EXPECT(worst <= kMaxUlps);
  QRT_EXPECT(qrt::log_f64(1.0) == 0.0);
  QRT_EXPECT_NEAR(qrt::log_f64(2.0), 0.6931471805599453, 2e-16);
  QRT_EXPECT_NEAR(qrt::log_f64(DBL_MAX), 709.782712893384, 1e-12);
  QRT_EXPECT(isinf(qrt::log_f64(0.0)) && qrt::log_f64(0.0) < 0);
  QRT_EXPECT(isinf(qrt::log_f64(INFINITY)) && qrt::log_f64(INFINITY) > 0);
  QRT_EXPECT(isnan(qrt::log_f64(-1.0)));
  QRT_EXPECT(isnan(qrt::log_f64(NAN)));
}

QRT_TEST(math_f64, neg_log_softmax_hand_cases) {
  // Equal logits: every index has probability 1/n, NLL = ln n.
  const float flat[4] = {3.0f, 3.0f, 3.0f, 3.0f};
  QRT_EXPECT_NEAR(qrt::neg_log_softmax_f64(flat, 4, 2), 1.3862943611198906, 1e-15);
  // Logits ln 1, ln 2, ln 5 (as floats): p = x / sum with x = e^logit, so NLL(i) = ln(sum) - logit.
  const float l[3] = {0.0f, 0.693147182f, 1.60943794f};
  const double sum = 1.0 + exp(static_cast<double>(l[1])) + exp(static_cast<double>(l[2]));
  for (uint32_t i = 0; i < 3; ++i) {
    QRT_EXPECT_NEAR(qrt::neg_log_softmax_f64(l, 3, i), log(sum) - static_cast<double>(l[i]), 1e-15);
  }
  // A dominant logit: no overflow, the others get NLL = the gap (e^-1000 vanishes in the sum).
  const float big[3] = {1000.0f, 0.0f, -5.0f};
  QRT_EXPECT(qrt::neg_log_softmax_f64(big, 3, 0) == 0.0);
  QRT_EXPECT_NEAR(qrt::neg_log_softmax_f64(big, 3, 1), 1000.0, 1e-12);
  QRT_EXPECT_NEAR(qrt::neg_log_softmax_f64(big, 3, 2), 1005.0, 1e-12);
  // One logit: probability 1.
  QRT_EXPECT(qrt::neg_log_softmax_f64(big, 1, 0) == 0.0);
}

}  // namespace
