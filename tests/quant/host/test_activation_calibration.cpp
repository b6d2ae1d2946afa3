// Activation calibration (quant/host/calibration.h) for the CNN quantizer: the entropy (KL)
// method on hand-made histograms, and the int8 / int16 activation parameters against values worked
// out by hand from TFLite's formulas.
#include <math.h>

#include <vector>

#include "calibration.h"
#include "qrt_test.h"

QRT_TEST(activation_calibration, int8_and_int16_parameters_by_hand) {
  // [0, 2.55]: 255 steps of 0.01, zero at -128.
  qrt::ActivationQuant q = qrt::activation_quant(0.0, 2.55, 8);
  QRT_EXPECT_NEAR(q.scale, 0.01, 1e-9);
  QRT_EXPECT_EQ(q.zero_point, -128);
  // [-1.28, 1.27]: scale 0.01, zero point -128 + 128 = 0.
  q = qrt::activation_quant(-1.28, 1.27, 8);
  QRT_EXPECT_NEAR(q.scale, 0.01, 1e-9);
  QRT_EXPECT_EQ(q.zero_point, 0);
  // [-0.5, 2.05]: scale 0.01, zero point -128 + 50 = -78.
  q = qrt::activation_quant(-0.5, 2.05, 8);
  QRT_EXPECT_EQ(q.zero_point, -78);
  // [0.5, 3.0] is widened to include 0: [0, 3].
  q = qrt::activation_quant(0.5, 3.0, 8);
  QRT_EXPECT_NEAR(q.scale, 3.0 / 255.0, 1e-9);
  QRT_EXPECT_EQ(q.zero_point, -128);
  // [-3, -1] -> [-3, 0]: zero at the top code.
  q = qrt::activation_quant(-3.0, -1.0, 8);
  QRT_EXPECT_EQ(q.zero_point, 127);
  // int16: symmetric on the larger magnitude.
  q = qrt::activation_quant(-3.0, 2.0, 16);
  QRT_EXPECT_NEAR(q.scale, 3.0 / 32767.0, 1e-12);
  QRT_EXPECT_EQ(q.zero_point, 0);
  // An all-zero tensor still gets a valid positive scale.
  q = qrt::activation_quant(0.0, 0.0, 8);
  QRT_EXPECT(q.scale > 0.0f);
}

QRT_TEST(activation_calibration, entropy_keeps_a_uniform_range_and_drops_a_far_outlier) {
  // Uniform values: any clip below the maximum loses mass into the last bin, so KL is smallest
  // (zero up to the histogram's resolution) at the full range.
  std::vector<float> v;
  for (int i = 0; i < 100000; ++i) v.push_back(static_cast<float>((i % 1000) / 1000.0));
  qrt::AbsHistogram h = qrt::make_abs_histogram();
  qrt::histogram_add(&h, v.data(), v.size());
  qrt::CalibrationOptions o;
  o.method = qrt::kCalibrateEntropy;
  o.qmax = 127;
  const double c = qrt::calibrate_clip(h, o);
  QRT_EXPECT(c > 0.95 * h.abs_max);
  // Add one value at 100x the rest: min-max follows it, entropy clips far below it. (Its smallest
  // candidate is qmax + 1 = 128 bins of the 2048 over [0, 128): 8.0, the method's resolution.)
  v.push_back(100.0f);
  qrt::AbsHistogram g = qrt::make_abs_histogram();
  qrt::histogram_add(&g, v.data(), v.size());
  const double ce = qrt::calibrate_clip(g, o);
  printf("  entropy clip: uniform %.4f (max %.4f); with an outlier at 100: %.4f\n", c, h.abs_max, ce);
  QRT_EXPECT(ce < 15.0);
  QRT_EXPECT(ce >= 0.9);
  o.method = qrt::kCalibrateMinMax;
  QRT_EXPECT_NEAR(qrt::calibrate_clip(g, o), 100.0, 1e-9);
}

QRT_TEST(activation_calibration, kl_is_zero_when_every_level_is_one_bin) {
  std::vector<float> v = {0.1f, 0.2f, 0.3f, 0.7f, 0.9f, 1.5f};
  qrt::AbsHistogram h = qrt::make_abs_histogram(16);
  qrt::histogram_add(&h, v.data(), v.size());
  // 16 bins clipped at 16 with 16 levels: Q is P.
  QRT_EXPECT_NEAR(qrt::histogram_clip_kl(h, 16, 16), 0.0, 1e-12);
  // Clipping at 8 bins folds the upper mass into bin 7: a positive divergence.
  QRT_EXPECT(qrt::histogram_clip_kl(h, 8, 4) > 0.0);
}

QRT_TEST(activation_calibration, range_of_a_nonnegative_tensor_uses_all_256_levels) {
  std::vector<float> v;
  for (int i = 0; i <= 1000; ++i) v.push_back(static_cast<float>(i) / 100.0f);
  qrt::AbsHistogram h = qrt::make_abs_histogram();
  qrt::histogram_add(&h, v.data(), v.size());
  qrt::CalibrationOptions o;
  double lo = 0, hi = 0;
  qrt::calibrated_range(h, o, 8, &lo, &hi);
  QRT_EXPECT_NEAR(lo, 0.0, 1e-12);
  QRT_EXPECT_NEAR(hi, 10.0, 1e-6);
  // Signed data clipped symmetrically by the percentile method.
  std::vector<float> s = v;
  for (float x : v) s.push_back(-x);
  qrt::AbsHistogram hs = qrt::make_abs_histogram();
  qrt::histogram_add(&hs, s.data(), s.size());
  o.method = qrt::kCalibratePercentile;
  o.percentile = 90.0;
  qrt::calibrated_range(hs, o, 8, &lo, &hi);
  QRT_EXPECT_NEAR(hi, 9.0, 0.05);
  QRT_EXPECT_NEAR(lo, -hi, 1e-12);
}
