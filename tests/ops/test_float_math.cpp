// Portable exp_f32 / tanh_f32 against a double-precision oracle (libm's exp/tanh in double are
// far more accurate than the float result needs), and their special values.
#include <math.h>

#include "qrt/ops/math_f32.h"
#include "qrt_test.h"

namespace {

// Distance in float ulps between got and the exactly rounded double value.
double ulps(float got, double exact) {
  const float rounded = static_cast<float>(exact);
  const double ulp = static_cast<double>(nextafterf(fabsf(rounded), INFINITY) - fabsf(rounded));
  return fabs(static_cast<double>(got) - exact) / ulp;
}

uint32_t next(uint32_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

QRT_TEST(float_math, exp_within_two_ulp) {
  double worst = 0;
  uint32_t state = 1234;
  for (int i = 0; i < 200000; ++i) {
    const float x = -87.0f + 175.0f * static_cast<float>(next(&state) & 0xFFFFFF) / 16777216.0f;
    worst = fmax(worst, ulps(qrt::exp_f32(x), exp(static_cast<double>(x))));
  }
  for (float x = -10.0f; x <= 10.0f; x += 0.001953125f) {
    worst = fmax(worst, ulps(qrt::exp_f32(x), exp(static_cast<double>(x))));
  }
  QRT_EXPECT(worst <= 2.0);
  QRT_EXPECT_FLOAT_EQ(qrt::exp_f32(0.0f), 1.0f);
  QRT_EXPECT(isinf(qrt::exp_f32(89.0f)));
  QRT_EXPECT_FLOAT_EQ(qrt::exp_f32(-104.0f), 0.0f);
  QRT_EXPECT(qrt::exp_f32(-100.0f) > 0.0f);  // subnormal range still positive
  QRT_EXPECT(isnan(qrt::exp_f32(NAN)));
}

QRT_TEST(float_math, tanh_within_two_ulp) {
  double worst = 0;
  for (float x = -12.0f; x <= 12.0f; x += 0.0009765625f) {
    if (x == 0.0f) continue;
    worst = fmax(worst, ulps(qrt::tanh_f32(x), tanh(static_cast<double>(x))));
  }
  for (float x = 1e-6f; x < 0.6f; x *= 1.01f) {
    worst = fmax(worst, ulps(qrt::tanh_f32(x), tanh(static_cast<double>(x))));
  }
  QRT_EXPECT(worst <= 2.0);
  QRT_EXPECT_FLOAT_EQ(qrt::tanh_f32(0.0f), 0.0f);
  QRT_EXPECT_FLOAT_EQ(qrt::tanh_f32(20.0f), 1.0f);
  QRT_EXPECT_FLOAT_EQ(qrt::tanh_f32(-20.0f), -1.0f);
}

}  // namespace
