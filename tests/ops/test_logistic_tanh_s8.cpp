// logistic_s8_ref and tanh_s8_ref: every int8 input for a range of input scales and zero
// points against the double-precision functions, plus exact hand cases (the zero point maps to
// 1/2 and 0, saturation beyond the input radius). Parameters are computed here as TFLite's int8
// Prepare defines them: frexp(input_scale * 2^27) and CalculateInputRadius(4, shift, 31).
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

namespace {

qrt::LogisticParams logistic_params(double input_scale, int32_t zero_point) {
  int exponent = 0;
  const double mantissa = frexp(input_scale * 134217728.0, &exponent);  // 2^27: Q4.27
  qrt::LogisticParams p{};
  p.input_zero_point = zero_point;
  p.input_multiplier = static_cast<int32_t>(round(mantissa * 2147483648.0));
  p.input_left_shift = exponent;
  // floor(15 * 2^27 / 2^shift): the largest |x| whose Q4.27 value stays below 15.
  p.input_range_radius = static_cast<int32_t>(floor(15.0 * 134217728.0 / ldexp(1.0, exponent)));
  return p;
}

int8_t all_inputs[256];

void fill_all_inputs() {
  for (int i = 0; i < 256; ++i) all_inputs[i] = static_cast<int8_t>(i - 128);
}

}  // namespace

QRT_TEST(logistic_tanh_s8, zero_point_and_saturation) {
  fill_all_inputs();
  const qrt::LogisticParams p = logistic_params(0.1, 7);
  // 0.1 * 2^27 = 0.8 * 2^24: shift 24, and |x| < 15 * 2^27 / 2^24 = 120 keeps x << 24 in int32
  // (inputs of real magnitude >= 12 saturate).
  QRT_EXPECT_EQ(p.input_left_shift, 24);
  QRT_EXPECT_EQ(p.input_range_radius, 120);
  int8_t out[256];
  qrt::logistic_s8_ref(p, 256, all_inputs, out);
  QRT_EXPECT_EQ(out[7 + 128], 0);     // logistic(0) = 1/2 -> 128 - 128
  QRT_EXPECT_EQ(out[0], -128);        // x = -135 <= -120
  QRT_EXPECT_EQ(out[255], 127);       // x = 120 >= 120
  qrt::tanh_s8_ref(p, 256, all_inputs, out);
  QRT_EXPECT_EQ(out[7 + 128], 0);
  QRT_EXPECT_EQ(out[0], -128);
  QRT_EXPECT_EQ(out[255], 127);
  // A large scale: radius 0, every input saturates; the zero point itself low, since the
  // x <= -radius test comes first (as in TFLite).
  const qrt::LogisticParams big = logistic_params(16.0, 0);
  QRT_EXPECT_EQ(big.input_range_radius, 0);  // 15 * 2^27 / 2^32
  qrt::logistic_s8_ref(big, 256, all_inputs, out);
  QRT_EXPECT_EQ(out[128], -128);
  QRT_EXPECT_EQ(out[129], 127);
  QRT_EXPECT_EQ(out[127], -128);
}

QRT_TEST(logistic_tanh_s8, every_input_within_one_of_double) {
  fill_all_inputs();
  const double scales[] = {0.001, 0.0078125, 0.02, 0.0625, 0.1, 0.25, 0.5, 1.0, 3.7};
  const int32_t zero_points[] = {-128, -20, 0, 33, 127};
  int8_t lo[256];
  int8_t th[256];
  for (double scale : scales) {
    for (int32_t zp : zero_points) {
      const qrt::LogisticParams p = logistic_params(scale, zp);
      qrt::logistic_s8_ref(p, 256, all_inputs, lo);
      qrt::tanh_s8_ref(p, 256, all_inputs, th);
      for (int i = 0; i < 256; ++i) {
        const double x = scale * (all_inputs[i] - zp);
        const double want_logistic = 256.0 / (1.0 + exp(-x)) - 128.0;
        const double want_tanh = 128.0 * tanh(x);
        QRT_ASSERT(qrt_test_util::within_one(lo[i], want_logistic, -128, 127));
        QRT_ASSERT(qrt_test_util::within_one(th[i], want_tanh, -128, 127));
      }
    }
  }
}

QRT_TEST(logistic_tanh_s8, symmetry) {
  fill_all_inputs();
  // With zero point 0, logistic(-x) = 1 - logistic(x) and tanh(-x) = -tanh(x); in the int8
  // encodings: lo(-x) = -1 - lo(x) and th(-x) = -th(x), up to the rounding of exact halves.
  const qrt::LogisticParams p = logistic_params(0.05, 0);
  int8_t lo[256];
  int8_t th[256];
  qrt::logistic_s8_ref(p, 256, all_inputs, lo);
  qrt::tanh_s8_ref(p, 256, all_inputs, th);
  for (int x = 1; x < 128; ++x) {
    QRT_ASSERT(abs((-1 - lo[128 + x]) - lo[128 - x]) <= 1);
    QRT_ASSERT(abs(th[128 + x] + th[128 - x]) <= 1);
  }
}
