// softmax_s8_ref: hand-derived cases (uniform rows, saturation, the diff_min cut-off) and a
// double-precision oracle on random rows. Parameters are computed here independently of
// quant/host, following TFLite's PreprocessSoftmaxScaling / CalculateInputRadius definitions.
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;
using qrt_test_util::Rng;

namespace {

// beta * input_scale in Q5.26 (at most 2^31 - 1), and the most negative difference that still
// counts: floor(31 * 2^26 / 2^shift).
qrt::SoftmaxParams softmax_params(double beta, double input_scale) {
  double real = beta * input_scale * 67108864.0;  // 2^(31 - 5)
  if (real > 2147483647.0) real = 2147483647.0;
  const Multiplier m = qrt_test_util::to_multiplier(real);
  qrt::SoftmaxParams p{};
  p.input_multiplier = m.multiplier;
  p.input_left_shift = m.shift;
  p.diff_min = -static_cast<int32_t>(floor(31.0 * 67108864.0 / ldexp(1.0, m.shift)));
  p.beta = static_cast<float>(beta);
  return p;
}

}  // namespace

QRT_TEST(softmax_s8, uniform_rows) {
  const qrt::SoftmaxParams p = softmax_params(1.0, 0.1);
  int8_t in[256];
  int8_t out[256];
  // depth 1: probability 1 -> 256 - 128 = 128, saturated to 127.
  in[0] = -37;
  qrt::softmax_s8_ref(p, 1, 1, in, out);
  QRT_EXPECT_EQ(out[0], 127);
  // depth 2, 4, 256 of equal values: 1/2, 1/4, 1/256 of 256, minus 128.
  const int32_t depths[] = {2, 4, 256};
  const int32_t expected[] = {0, -64, -127};
  for (int k = 0; k < 3; ++k) {
    for (int32_t i = 0; i < depths[k]; ++i) in[i] = 55;
    qrt::softmax_s8_ref(p, 1, depths[k], in, out);
    for (int32_t i = 0; i < depths[k]; ++i) QRT_ASSERT_EQ(out[i], expected[k]);
  }
}

QRT_TEST(softmax_s8, rows_are_independent_and_shift_invariant) {
  const qrt::SoftmaxParams p = softmax_params(1.0, 0.25);
  const int8_t in[] = {1, 2, 3, 4, 5, 101, 102, 103, 104, 105};
  int8_t out[10];
  qrt::softmax_s8_ref(p, 2, 5, in, out);
  for (int i = 0; i < 5; ++i) QRT_EXPECT_EQ(out[i], out[i + 5]);
  // Monotone in the input.
  for (int i = 0; i < 4; ++i) QRT_EXPECT(out[i] <= out[i + 1]);
}

QRT_TEST(softmax_s8, saturation_and_diff_min_cutoff) {
  // Scale 1: the Q5.26 rescale is a left shift by 27 before the high multiply, so only
  // differences down to -15 fit (TFLite's CalculateInputRadius); anything below is cut off and
  // gives -128 exactly. The single maximum takes probability ~1 -> 127.
  const qrt::SoftmaxParams p = softmax_params(1.0, 1.0);
  QRT_EXPECT_EQ(p.input_left_shift, 27);
  QRT_EXPECT_EQ(p.diff_min, -15);
  const int8_t in[] = {-128, 127, 112, 111};  // differences -255, 0, -15, -16
  int8_t out[4];
  qrt::softmax_s8_ref(p, 1, 4, in, out);
  QRT_EXPECT_EQ(out[0], -128);
  QRT_EXPECT_EQ(out[1], 127);
  QRT_EXPECT_EQ(out[2], -128);
  QRT_EXPECT_EQ(out[3], -128);
}

QRT_TEST(softmax_s8, random_rows_within_one_of_double_oracle) {
  Rng rng{8080};
  int8_t in[64];
  int8_t out[64];
  const double scales[] = {0.0039, 0.02, 0.0625, 0.1, 0.25, 0.5, 1.0};
  const double betas[] = {1.0, 0.5, 2.0};
  for (int iter = 0; iter < 500; ++iter) {
    const double scale = scales[iter % 7];
    const double beta = betas[(iter / 7) % 3];
    const qrt::SoftmaxParams p = softmax_params(beta, scale);
    const int32_t depth = rng.uniform(1, 64);
    const int32_t lo = rng.uniform(-128, 127);
    const int32_t hi = rng.uniform(lo, 127);
    for (int32_t i = 0; i < depth; ++i) in[i] = static_cast<int8_t>(rng.uniform(lo, hi));
    qrt::softmax_s8_ref(p, 1, depth, in, out);
    int32_t max = -128;
    for (int32_t i = 0; i < depth; ++i) max = in[i] > max ? in[i] : max;
    double sum = 0;
    for (int32_t i = 0; i < depth; ++i) sum += exp(beta * scale * (in[i] - max));
    for (int32_t i = 0; i < depth; ++i) {
      const double prob = exp(beta * scale * (in[i] - max)) / sum;
      const double want = qrt_test_util::clamp_real(prob * 256.0 - 128.0, -128, 127);
      // Two rounding steps (<= 1) plus the fixed-point exp / sum error (< 0.05 at depth 64).
      QRT_ASSERT(fabs(out[i] - want) <= 1.05);
    }
  }
}
