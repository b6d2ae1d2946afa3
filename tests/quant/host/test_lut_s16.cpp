// The int16 tables of the device library against their independent sources: SOFTMAX's two
// tables must equal what quant/host/lut_s16.cpp builds (TFLite's float procedure), and those
// built tables must follow exp and 1 / (1 + x) in double precision; the LOGISTIC / TANH table
// must be sigmoid(i / 24) in Q0.16 within 1.25 units.
#include <cmath>
#include <cstdio>

#include "lut_s16.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"

namespace {

// Prints the table in C form when it differs, so the library copy can be regenerated.
int count_differences(const int16_t* library, const int16_t* built, const char* name) {
  int differences = 0;
  for (int i = 0; i < qrt::kLutS16Entries; ++i) differences += library[i] != built[i];
  if (differences != 0) {
    printf("  %s differs in %d entries; the built table:\n", name, differences);
    for (int i = 0; i < qrt::kLutS16Entries; ++i) printf("%d,%s", built[i], i % 12 == 11 ? "\n" : " ");
    printf("\n");
  }
  return differences;
}

// Largest |table - f| in output units over the table's sample points (entry i at input
// lo + i * (hi - lo) / 512).
double worst_error(const int16_t* lut, double lo, double hi, double out_scale, double (*f)(double)) {
  double worst = 0;
  for (int i = 0; i < qrt::kLutS16Entries; ++i) {
    const double x = lo + (hi - lo) * i / 512.0;
    worst = std::fmax(worst, std::fabs(lut[i] - f(x) / out_scale));
  }
  return worst;
}

double reciprocal_one_plus(double x) { return 1.0 / (1.0 + x); }
double exp_d(double x) { return std::exp(x); }

QRT_TEST(lut_s16, softmax_tables_are_the_built_ones) {
  int16_t exp_lut[qrt::kLutS16Entries], reciprocal_lut[qrt::kLutS16Entries];
  qrt::make_softmax_s16_exp_lut(exp_lut);
  qrt::make_softmax_s16_reciprocal_lut(reciprocal_lut);
  QRT_EXPECT_EQ(count_differences(qrt::kSoftmaxS16ExpLut, exp_lut, "kSoftmaxS16ExpLut"), 0);
  QRT_EXPECT_EQ(count_differences(qrt::kSoftmaxS16ReciprocalLut, reciprocal_lut, "kSoftmaxS16ReciprocalLut"), 0);
}

QRT_TEST(lut_s16, built_tables_follow_the_functions) {
  // Output scale 2/65535: exp on [-10, 0] maps to [0, 32767]. The interpolation correction moves
  // an entry by at most half the curve's midpoint error: a few units where exp is steepest.
  int16_t lut[qrt::kLutS16Entries];
  qrt::make_softmax_s16_exp_lut(lut);
  QRT_EXPECT(worst_error(lut, -10.0, 0.0, 2.0 / 65535, exp_d) <= 2.0);
  QRT_EXPECT_EQ(lut[512], 32767);
  QRT_EXPECT(lut[0] >= 0 && lut[0] <= 2);  // exp(-10) * 32767.5 = 1.49
  qrt::make_softmax_s16_reciprocal_lut(lut);
  QRT_EXPECT(worst_error(lut, 0.0, 1.0, 2.0 / 65535, reciprocal_one_plus) <= 2.0);
  QRT_EXPECT_EQ(lut[0], 32767);  // 1 / (1 + 0) saturates at the int16 maximum
  QRT_EXPECT_EQ(lut[512], 16384);
}

QRT_TEST(lut_s16, sigmoid_table_is_sigmoid_of_i_over_24) {
  const uint16_t* t = qrt::sigmoid_table_s16();
  int above = 0;
  for (int i = 0; i < 256; ++i) {
    const double exact = 65536.0 / (1.0 + std::exp(-i / 24.0));
    const double clamped = std::fmin(exact, 65535.0);
    QRT_EXPECT(std::fabs(t[i] - clamped) <= 1.25);  // TFLite's entries: at most 1.11 off
    above += t[i] > std::lround(clamped);
    if (i > 0) QRT_EXPECT(t[i] >= t[i - 1]);  // the kernels' interpolation assumes a rising table
  }
  QRT_EXPECT_EQ(t[0], 32768);
  printf("  %d of 256 entries one above the rounded sigmoid\n", above);
}

}  // namespace
