// ADD / MUL (4-D broadcasting), SOFTMAX, LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU, MAXIMUM,
// MINIMUM, HARD_SWISH, PRELU and SQUARED_DIFFERENCE float32 kernels against
// hand-computed values and double-precision oracles.
#include <math.h>

#include "qrt/ops/kernels_f32.h"
#include "qrt_test.h"
#include "test_float_common.h"

using float_test::Random;
using qrt::BinaryF32Args;
using qrt::Shape4;

namespace {

qrt::AddParams add_params(float lo, float hi) {
  qrt::AddParams p = {};
  p.float_act_min = lo;
  p.float_act_max = hi;
  return p;
}
qrt::MulParams mul_params(float lo, float hi) {
  qrt::MulParams p = {};
  p.float_act_min = lo;
  p.float_act_max = hi;
  return p;
}

}  // namespace

QRT_TEST(add_f32, broadcast_row_against_column) {
  // x: [1, 2, 1, 3] = {{1, 2, 3}, {4, 5, 6}} (one row of 3 per h); y: [1, 1, 2, 1] = {10, 20}
  // along w. out[h][w][c] = x[h][c] + y[w]: shape [1, 2, 2, 3].
  const float x[6] = {1, 2, 3, 4, 5, 6};
  const float y[2] = {10, 20};
  float out[12];
  const qrt::AddParams p = add_params(float_test::kNoClampMin, float_test::kNoClampMax);
  const BinaryF32Args a = {&p, {1, 2, 1, 3}, x, {1, 1, 2, 1}, y, {1, 2, 2, 3}, out};
  qrt::add_f32_ref(a);
  const float expected[12] = {11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26};
  for (int i = 0; i < 12; ++i) QRT_EXPECT_FLOAT_EQ(out[i], expected[i]);
}

QRT_TEST(add_f32, same_shape_with_clamp_and_scalar_operand) {
  const float x[4] = {-3, -1, 1, 3};
  const float y[4] = {1, 1, 1, 1};
  float out[4];
  const qrt::AddParams p = add_params(-1.f, 3.f);
  qrt::add_f32_ref({&p, {1, 1, 1, 4}, x, {1, 1, 1, 4}, y, {1, 1, 1, 4}, out});
  QRT_EXPECT_FLOAT_EQ(out[0], -1);  // -2 clamped
  QRT_EXPECT_FLOAT_EQ(out[1], 0);
  QRT_EXPECT_FLOAT_EQ(out[2], 2);
  QRT_EXPECT_FLOAT_EQ(out[3], 3);  // 4 clamped
  // A scalar second operand ([1,1,1,1]) and the same shapes in the other order.
  const float s[1] = {0.5f};
  const qrt::AddParams open = add_params(float_test::kNoClampMin, float_test::kNoClampMax);
  qrt::add_f32_ref({&open, {1, 1, 1, 1}, s, {1, 1, 1, 4}, x, {1, 1, 1, 4}, out});
  for (int i = 0; i < 4; ++i) QRT_EXPECT_FLOAT_EQ(out[i], x[i] + 0.5f);
}

QRT_TEST(mul_f32, broadcast_batch_and_channel) {
  // x: [2, 1, 1, 1] = {2, 3}; y: [1, 1, 2, 2] = {1, 10, 100, 1000} -> out [2, 1, 2, 2].
  const float x[2] = {2, 3};
  const float y[4] = {1, 10, 100, 1000};
  float out[8];
  const qrt::MulParams p = mul_params(float_test::kNoClampMin, 2500.f);
  qrt::mul_f32_ref({&p, {2, 1, 1, 1}, x, {1, 1, 2, 2}, y, {2, 1, 2, 2}, out});
  const float expected[8] = {2, 20, 200, 2000, 3, 30, 300, 2500 /* 3000 clamped */};
  for (int i = 0; i < 8; ++i) QRT_EXPECT_FLOAT_EQ(out[i], expected[i]);
}

QRT_TEST(binary_f32, random_broadcasts_against_oracle) {
  static float x[3 * 4 * 5 * 6], y[3 * 4 * 5 * 6], out[3 * 4 * 5 * 6];
  Random r(2024u);
  for (int round = 0; round < 200; ++round) {
    const int32_t full[4] = {1 + r.below(3), 1 + r.below(4), 1 + r.below(5), 1 + r.below(6)};
    int32_t dx[4], dy[4];
    for (int i = 0; i < 4; ++i) {
      // Each dimension: both full, or one side broadcast (1).
      const int32_t mode = r.below(3);
      dx[i] = mode == 1 ? 1 : full[i];
      dy[i] = mode == 2 ? 1 : full[i];
    }
    const Shape4 sx = {dx[0], dx[1], dx[2], dx[3]};
    const Shape4 sy = {dy[0], dy[1], dy[2], dy[3]};
    const Shape4 so = {full[0], full[1], full[2], full[3]};
    float_test::fill(r, x, float_test::count4(sx), -4.f, 4.f);
    float_test::fill(r, y, float_test::count4(sy), -4.f, 4.f);
    const bool add = (round % 2) == 0;
    const qrt::AddParams pa = add_params(float_test::kNoClampMin, float_test::kNoClampMax);
    const qrt::MulParams pm = mul_params(float_test::kNoClampMin, float_test::kNoClampMax);
    const BinaryF32Args a = {add ? static_cast<const void*>(&pa) : &pm, sx, x, sy, y, so, out};
    if (add) {
      qrt::add_f32_ref(a);
    } else {
      qrt::mul_f32_ref(a);
    }
    int32_t i = 0;
    for (int32_t n = 0; n < so.n; ++n)
      for (int32_t h = 0; h < so.h; ++h)
        for (int32_t w = 0; w < so.w; ++w)
          for (int32_t c = 0; c < so.c; ++c, ++i) {
            // Broadcast by index clamping: a dimension of 1 always reads index 0.
            const int32_t ix = (((n % sx.n) * sx.h + h % sx.h) * sx.w + w % sx.w) * sx.c + c % sx.c;
            const int32_t iy = (((n % sy.n) * sy.h + h % sy.h) * sy.w + w % sy.w) * sy.c + c % sy.c;
            const double expected = add ? static_cast<double>(x[ix]) + y[iy]
                                        : static_cast<double>(x[ix]) * y[iy];
            // One float rounding of the exact result: within half an ulp.
            QRT_EXPECT_NEAR(out[i], expected, fabs(expected) * 6e-8 + 1e-30);
          }
  }
}

QRT_TEST(softmax_f32, rows_are_independent_and_sum_to_one) {
  // Row 0: [1, 2, 3]; row 1: [1000, 1000, 1000] (exp would overflow without the max
  // subtraction); row 2: [0, -inf-ish, 0] using a large negative value.
  const float x[9] = {1, 2, 3, 1000, 1000, 1000, 0, -1000, 0};
  float y[9];
  qrt::SoftmaxParams p = {};
  p.beta = 1.f;
  qrt::softmax_f32_ref(p, 3, 3, x, y);
  const double e2 = exp(-2.0), e1 = exp(-1.0), z = e2 + e1 + 1.0;
  QRT_EXPECT_NEAR(y[0], e2 / z, 1e-7);
  QRT_EXPECT_NEAR(y[1], e1 / z, 1e-7);
  QRT_EXPECT_NEAR(y[2], 1.0 / z, 1e-7);
  for (int i = 3; i < 6; ++i) QRT_EXPECT_NEAR(y[i], 1.0 / 3.0, 1e-7);
  QRT_EXPECT_FLOAT_EQ(y[6], 0.5);
  QRT_EXPECT_FLOAT_EQ(y[7], 0);
  QRT_EXPECT_FLOAT_EQ(y[8], 0.5);
}

QRT_TEST(softmax_f32, beta_scales_logits_and_runs_in_place) {
  float x[4] = {0.5f, -0.25f, 2.f, 1.f};
  const float original[4] = {0.5f, -0.25f, 2.f, 1.f};
  qrt::SoftmaxParams p = {};
  p.beta = 2.5f;
  qrt::softmax_f32_ref(p, 1, 4, x, x);  // in place
  double z = 0.0;
  for (float v : original) z += exp(2.5 * v);
  for (int i = 0; i < 4; ++i) QRT_EXPECT_NEAR(x[i], exp(2.5 * original[i]) / z, 2e-7);
}

QRT_TEST(softmax_f32, random_rows_against_double_oracle) {
  static float x[16 * 37], y[16 * 37];
  Random r(31u);
  for (int round = 0; round < 30; ++round) {
    const int32_t rows = 1 + r.below(16), depth = 1 + r.below(37);
    float_test::fill(r, x, rows * depth, -20.f, 20.f);
    qrt::SoftmaxParams p = {};
    p.beta = r.uniform(0.1f, 3.f);
    qrt::softmax_f32_ref(p, rows, depth, x, y);
    for (int32_t i = 0; i < rows; ++i) {
      double z = 0.0;
      for (int32_t c = 0; c < depth; ++c) z += exp(static_cast<double>(p.beta) * x[i * depth + c]);
      for (int32_t c = 0; c < depth; ++c) {
        const double expected = exp(static_cast<double>(p.beta) * x[i * depth + c]) / z;
        QRT_EXPECT_NEAR(y[i * depth + c], expected, 1e-6 * expected + 1e-9);
      }
    }
  }
}

QRT_TEST(logistic_f32, matches_double_sigmoid_including_cutoffs) {
  static float x[801], y[801];
  for (int i = 0; i <= 800; ++i) x[i] = -20.f + 0.05f * static_cast<float>(i);
  qrt::logistic_f32_ref(801, x, y);
  for (int i = 0; i <= 800; ++i) {
    const double v = x[i];
    const double sigmoid = 1.0 / (1.0 + exp(-v));
    // TFLite's definition: exp(x) below -9 (relative error exp(x) <= 1.24e-4 against the true
    // sigmoid there), 1 above 16.619 (error < 6e-8), the sigmoid in between.
    const double tflite = v < -9.0 ? exp(v) : (v > 16.619047164916992188 ? 1.0 : sigmoid);
    QRT_EXPECT_NEAR(y[i], tflite, 4e-7 * tflite);
    QRT_EXPECT_NEAR(y[i], sigmoid, 1.25e-4 * sigmoid);
  }
  const float edges[5] = {0.f, 16.7f, 100.f, -9.5f, -100.f};
  float out[5];
  qrt::logistic_f32_ref(5, edges, out);
  QRT_EXPECT_FLOAT_EQ(out[0], 0.5);
  QRT_EXPECT_FLOAT_EQ(out[1], 1);  // above TFLite's upper cutoff: exactly 1
  QRT_EXPECT_FLOAT_EQ(out[2], 1);
  QRT_EXPECT_NEAR(out[3], exp(-9.5), 1e-6 * exp(-9.5));  // below -9: exp(x)
  QRT_EXPECT_NEAR(out[4], exp(-100.0), 1e-6 * exp(-100.0) + 1e-45);
}

QRT_TEST(tanh_f32, matches_double_tanh) {
  static float x[401], y[401];
  for (int i = 0; i <= 400; ++i) x[i] = -10.f + 0.05f * static_cast<float>(i);
  qrt::tanh_f32_ref(401, x, y);
  for (int i = 0; i <= 400; ++i) {
    const double expected = tanh(static_cast<double>(x[i]));
    QRT_EXPECT_NEAR(y[i], expected, 2.5e-7 * fabs(expected) + 1e-12);
  }
}

QRT_TEST(relu_f32, relu_and_relu6_hand_values) {
  const float x[7] = {-7.f, -0.f, 0.25f, 5.99f, 6.f, 6.5f, NAN};
  float r[7], r6[7];
  qrt::relu_f32_ref(7, x, r);
  qrt::relu6_f32_ref(7, x, r6);
  const float relu[6] = {0, 0, 0.25f, 5.99f, 6, 6.5f};
  const float relu6[6] = {0, 0, 0.25f, 5.99f, 6, 6};
  for (int i = 0; i < 6; ++i) {
    QRT_EXPECT_EQ(r[i] == relu[i], 1);
    QRT_EXPECT_EQ(r6[i] == relu6[i], 1);
  }
  QRT_EXPECT(r[6] != r[6]);  // NaN passes through, as in TFLite
  QRT_EXPECT(r6[6] != r6[6]);
}

// LEAKY_RELU float32: x > 0 ? x : alpha * x exactly, for alpha below 0, in (0, 1) and above 1.
QRT_TEST(leaky_relu_f32, identity_above_zero_alpha_times_x_below) {
  const float in[5] = {-2.0f, -0.5f, 0.0f, 0.25f, 3.0f};
  const float alphas[3] = {-0.25f, 0.3f, 1.5f};
  for (const float alpha : alphas) {
    float out[5];
    qrt::leaky_relu_f32_ref(alpha, 5, in, out);
    for (int i = 0; i < 5; ++i) QRT_EXPECT_FLOAT_EQ(out[i], in[i] > 0 ? in[i] : in[i] * alpha);
  }
}

// MAXIMUM / MINIMUM float32 as std::max / std::min: broadcasting, signed zeros kept as ordered
// by the comparison, and NaN passed through only as the first operand.
QRT_TEST(maximum_minimum_f32, broadcast_and_std_max_min_nan_rule) {
  const qrt::Shape4 s1 = {1, 1, 1, 4}, s2 = {1, 1, 1, 1};
  const float a[4] = {-1.0f, 2.0f, NAN, 0.5f}, b[1] = {0.5f};
  float mx[4], mn[4];
  qrt::maximum_f32_ref({nullptr, s1, a, s2, b, s1, mx});
  qrt::minimum_f32_ref({nullptr, s1, a, s2, b, s1, mn});
  QRT_EXPECT_FLOAT_EQ(mx[0], 0.5f);
  QRT_EXPECT_FLOAT_EQ(mx[1], 2.0f);
  QRT_EXPECT(mx[2] != mx[2]);  // max(NaN, b) is NaN, as std::max
  QRT_EXPECT_FLOAT_EQ(mn[0], -1.0f);
  QRT_EXPECT_FLOAT_EQ(mn[1], 0.5f);
  QRT_EXPECT(mn[2] != mn[2]);
  const float c[1] = {NAN};
  float m2[4];
  qrt::maximum_f32_ref({nullptr, s1, a, s2, c, s1, m2});
  QRT_EXPECT_FLOAT_EQ(m2[0], -1.0f);  // max(a, NaN) is a
}

// HARD_SWISH x * relu6(x + 3) / 6: zero below -3, x above 3, the parabola between.
QRT_TEST(hard_swish_f32, hand_values_on_each_piece) {
  const float in[7] = {-5.0f, -3.0f, -1.5f, 0.0f, 1.0f, 3.0f, 7.0f};
  const float expected[7] = {0.0f, 0.0f, -0.375f, 0.0f, 4.0f / 6.0f, 3.0f, 7.0f};
  float out[7];
  qrt::hard_swish_f32_ref(7, in, out);
  for (int i = 0; i < 7; ++i) QRT_EXPECT_FLOAT_EQ(out[i], expected[i]);
}

// PRELU: alpha per channel broadcast over rows; SQUARED_DIFFERENCE with a broadcast operand.
QRT_TEST(prelu_squared_difference_f32, broadcast_hand_values) {
  const qrt::Shape4 s = {1, 1, 2, 3}, c = {1, 1, 1, 3};
  const float x[6] = {-2.0f, 1.0f, -4.0f, 0.0f, -1.0f, 5.0f};
  const float alpha[3] = {0.5f, -1.0f, 0.25f};
  float out[6];
  qrt::prelu_f32_ref({nullptr, s, x, c, alpha, s, out});
  const float prelu[6] = {-1.0f, 1.0f, -1.0f, 0.0f, 1.0f, 5.0f};
  for (int i = 0; i < 6; ++i) QRT_EXPECT_FLOAT_EQ(out[i], prelu[i]);
  qrt::squared_difference_f32_ref({nullptr, s, x, c, alpha, s, out});
  const float squares[6] = {6.25f, 4.0f, 18.0625f, 0.25f, 0.0f, 22.5625f};
  for (int i = 0; i < 6; ++i) QRT_EXPECT_FLOAT_EQ(out[i], squares[i]);
}
