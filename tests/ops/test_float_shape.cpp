// PAD, MEAN, QUANTIZE (float32 -> int8) and DEQUANTIZE (int8 -> float32) kernels: hand-computed
// cases (pad value at every border, mean over H,W with keep_dims, round-half-away ties and
// saturation) and random shapes against double-precision oracles.
#include <math.h>

#include "qrt/ops/kernels_f32.h"
#include "qrt_test.h"
#include "test_float_common.h"

using float_test::Random;
using qrt::QuantizeParams;
using qrt::Shape4;

QRT_TEST(pad_f32, pads_every_border_of_hw) {
  // [1, 2, 2, 1] = {{1, 2}, {3, 4}} padded by 1 row above, 2 below, 1 column left, 0 right,
  // with -1.5 -> [1, 5, 3, 1].
  const float x[4] = {1, 2, 3, 4};
  float y[15];
  qrt::PadParams p = {};
  p.before[1] = 1;
  p.after[1] = 2;
  p.before[2] = 1;
  p.float_pad_value = -1.5f;
  qrt::pad_f32_ref(p, {1, 2, 2, 1}, x, {1, 5, 3, 1}, y);
  const float v = -1.5f;
  const float expected[15] = {v, v, v,  //
                              v, 1, 2,  //
                              v, 3, 4,  //
                              v, v, v,  //
                              v, v, v};
  for (int i = 0; i < 15; ++i) QRT_EXPECT_EQ(y[i] == expected[i], 1);
}

QRT_TEST(pad_f32, random_shapes_against_oracle) {
  static float x[2 * 4 * 4 * 3], y[5 * 9 * 9 * 8];
  Random r(5u);
  for (int round = 0; round < 100; ++round) {
    const Shape4 in = {1 + r.below(2), 1 + r.below(4), 1 + r.below(4), 1 + r.below(3)};
    qrt::PadParams p = {};
    for (int i = 0; i < 4; ++i) {
      p.before[i] = r.below(3);
      p.after[i] = r.below(3);
    }
    p.float_pad_value = r.uniform(-1.f, 1.f);
    const Shape4 out = {in.n + p.before[0] + p.after[0], in.h + p.before[1] + p.after[1],
                        in.w + p.before[2] + p.after[2], in.c + p.before[3] + p.after[3]};
    float_test::fill(r, x, float_test::count4(in), 2.f, 3.f);
    qrt::pad_f32_ref(p, in, x, out, y);
    int32_t i = 0;
    for (int32_t n = 0; n < out.n; ++n)
      for (int32_t h = 0; h < out.h; ++h)
        for (int32_t w = 0; w < out.w; ++w)
          for (int32_t c = 0; c < out.c; ++c, ++i) {
            const int32_t a = n - p.before[0], b = h - p.before[1], d = w - p.before[2],
                          e = c - p.before[3];
            const bool inside =
                a >= 0 && a < in.n && b >= 0 && b < in.h && d >= 0 && d < in.w && e >= 0 && e < in.c;
            const float expected =
                inside ? x[((a * in.h + b) * in.w + d) * in.c + e] : p.float_pad_value;
            QRT_EXPECT_EQ(y[i] == expected, 1);
          }
  }
}

QRT_TEST(mean_f32, over_height_width_keep_dims) {
  // [1, 2, 2, 2]: channel 0 = {1, 2, 3, 4}, channel 1 = {10, 20, 30, 50} -> [1, 1, 1, 2].
  const float x[8] = {1, 10, 2, 20, 3, 30, 4, 50};
  float y[2];
  qrt::mean_f32_ref({1, 2, 2, 2}, x, {1, 1, 1, 2}, y);
  QRT_EXPECT_FLOAT_EQ(y[0], 2.5);
  QRT_EXPECT_FLOAT_EQ(y[1], 27.5);
}

QRT_TEST(mean_f32, over_channels_and_over_everything) {
  const float x[6] = {1, 2, 3, 4, 5, 9};  // [1, 1, 2, 3]
  float y[2];
  qrt::mean_f32_ref({1, 1, 2, 3}, x, {1, 1, 2, 1}, y);
  QRT_EXPECT_FLOAT_EQ(y[0], 2);
  QRT_EXPECT_FLOAT_EQ(y[1], 6);
  float all[1];
  qrt::mean_f32_ref({1, 1, 2, 3}, x, {1, 1, 1, 1}, all);
  QRT_EXPECT_FLOAT_EQ(all[0], 4);
}

QRT_TEST(mean_f32, random_axes_against_double_oracle) {
  static float x[3 * 5 * 6 * 4], y[3 * 5 * 6 * 4];
  Random r(8u);
  for (int round = 0; round < 100; ++round) {
    const Shape4 in = {1 + r.below(3), 1 + r.below(5), 1 + r.below(6), 1 + r.below(4)};
    const uint32_t mask = 1u + static_cast<uint32_t>(r.below(15));  // bits n, h, w, c
    const Shape4 out = {(mask & 1u) ? 1 : in.n, (mask & 2u) ? 1 : in.h, (mask & 4u) ? 1 : in.w,
                        (mask & 8u) ? 1 : in.c};
    float_test::fill(r, x, float_test::count4(in), -10.f, 10.f);
    qrt::mean_f32_ref(in, x, out, y);
    for (int32_t n = 0; n < out.n; ++n)
      for (int32_t h = 0; h < out.h; ++h)
        for (int32_t w = 0; w < out.w; ++w)
          for (int32_t c = 0; c < out.c; ++c) {
            double sum = 0.0;
            int count = 0;
            for (int32_t a = 0; a < in.n; ++a)
              for (int32_t b = 0; b < in.h; ++b)
                for (int32_t d = 0; d < in.w; ++d)
                  for (int32_t e = 0; e < in.c; ++e) {
                    // Kept axes must match the output index; reduced axes range freely.
                    if (!(mask & 1u) && a != n) continue;
                    if (!(mask & 2u) && b != h) continue;
                    if (!(mask & 4u) && d != w) continue;
                    if (!(mask & 8u) && e != c) continue;
                    sum += x[((a * in.h + b) * in.w + d) * in.c + e];
                    ++count;
                  }
            const float got = y[((n * out.h + h) * out.w + w) * out.c + c];
            QRT_EXPECT_NEAR(got, sum / count, 1e-5);
          }
  }
}

namespace {

QuantizeParams quant_params(float scale, int32_t zero_point) {
  QuantizeParams p = {};
  p.scale = scale;
  p.input_zero_point = zero_point;
  p.output_zero_point = zero_point;
  return p;
}

}  // namespace

QRT_TEST(quantize_f32_s8, ties_round_half_away_from_zero) {
  // scale 0.5: x / scale lands exactly on .5 for x = +-0.25, +-0.75, +-1.25 (exact in binary).
  const float x[8] = {0.25f, -0.25f, 0.75f, -0.75f, 1.25f, -1.25f, 0.2f, -0.2f};
  int8_t q[8];
  qrt::quantize_f32_s8_ref(quant_params(0.5f, 0), 8, x, q);
  const int expected[8] = {1, -1, 2, -2, 3, -3, 0, 0};  // not banker's rounding (0, 0, 2, -2, 2, -2)
  for (int i = 0; i < 8; ++i) QRT_EXPECT_EQ(q[i], expected[i]);
  // With a zero point the tie is resolved before it is added: round(2.5) + 3 = 6.
  const float t[2] = {2.5f, -2.5f};
  qrt::quantize_f32_s8_ref(quant_params(1.f, 3), 2, t, q);
  QRT_EXPECT_EQ(q[0], 6);
  QRT_EXPECT_EQ(q[1], 0);  // round(-2.5) = -3, + 3
}

QRT_TEST(quantize_f32_s8, saturates_and_maps_nan_to_zero_point) {
  const float x[8] = {1000.f, -1000.f, 1e30f, -1e30f, INFINITY, -INFINITY, NAN, 0.f};
  int8_t q[8];
  qrt::quantize_f32_s8_ref(quant_params(0.1f, -20), 8, x, q);
  QRT_EXPECT_EQ(q[0], 127);
  QRT_EXPECT_EQ(q[1], -128);
  QRT_EXPECT_EQ(q[2], 127);
  QRT_EXPECT_EQ(q[3], -128);
  QRT_EXPECT_EQ(q[4], 127);
  QRT_EXPECT_EQ(q[5], -128);
  QRT_EXPECT_EQ(q[6], -20);
  QRT_EXPECT_EQ(q[7], -20);
  // Exactly at the edges: with zp -20, 147 * scale is the last value that reaches 127 and
  // 148 * scale saturates; -108 * scale reaches -128.
  const float edges[3] = {147.f, 148.f, -108.f};
  qrt::quantize_f32_s8_ref(quant_params(1.f, -20), 3, edges, q);
  QRT_EXPECT_EQ(q[0], 127);
  QRT_EXPECT_EQ(q[1], 127);
  QRT_EXPECT_EQ(q[2], -128);
  const float inside[2] = {146.f, -107.f};
  qrt::quantize_f32_s8_ref(quant_params(1.f, -20), 2, inside, q);
  QRT_EXPECT_EQ(q[0], 126);
  QRT_EXPECT_EQ(q[1], -127);
}

QRT_TEST(quantize_f32_s8, random_against_double_oracle) {
  static float x[1000];
  static int8_t q[1000];
  Random r(77u);
  for (int round = 0; round < 20; ++round) {
    const float scale = r.uniform(0.001f, 0.5f);
    const int32_t zp = r.below(256) - 128;
    float_test::fill(r, x, 1000, -100.f * scale, 100.f * scale);
    qrt::quantize_f32_s8_ref(quant_params(scale, zp), 1000, x, q);
    for (int i = 0; i < 1000; ++i) {
      // Oracle: the same float quotient TFLite forms, rounded half away from zero by hand.
      const double v = static_cast<double>(x[i] / scale);
      const double rounded = v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5);
      double expected = rounded + zp;
      expected = expected < -128 ? -128 : (expected > 127 ? 127 : expected);
      QRT_EXPECT_EQ(q[i], static_cast<int>(expected));
    }
  }
}

QRT_TEST(dequantize_s8_f32, exact_products_for_every_int8_value) {
  static int8_t q[256];
  static float y[256];
  for (int i = 0; i < 256; ++i) q[i] = static_cast<int8_t>(i - 128);
  const float scales[3] = {0.02448f, 1.f / 256.f, 3.3e-3f};
  const int32_t zps[3] = {-128, 5, 127};
  for (int k = 0; k < 3; ++k) {
    qrt::dequantize_s8_f32_ref(quant_params(scales[k], zps[k]), 256, q, y);
    for (int i = 0; i < 256; ++i) {
      // TFLite computes in double and rounds to float once; so must we, exactly.
      const float expected = static_cast<float>(static_cast<double>(scales[k]) * (q[i] - zps[k]));
      QRT_EXPECT_EQ(y[i] == expected, 1);
    }
  }
}

QRT_TEST(quantize_roundtrip, dequantize_then_quantize_is_identity) {
  static int8_t q[256], back[256];
  static float y[256];
  for (int i = 0; i < 256; ++i) q[i] = static_cast<int8_t>(i - 128);
  const QuantizeParams p = quant_params(0.008291f, 5);
  qrt::dequantize_s8_f32_ref(p, 256, q, y);
  qrt::quantize_f32_s8_ref(p, 256, y, back);
  for (int i = 0; i < 256; ++i) QRT_EXPECT_EQ(back[i], q[i]);
}

// The int16 forms of QUANTIZE and DEQUANTIZE (16x8 graphs): halves round away from zero, values
// beyond the int16 range saturate, NaN maps to the zero point; dequantizing equals the double
// product rounded once to float for every int16 value.
QRT_TEST(quantize_f32_s16, rounding_saturation_nan_and_exact_dequantize) {
  qrt::QuantizeParams p{};
  p.scale = 0.5f;
  p.output_zero_point = 3;
  const float in[7] = {0.25f, -0.25f, 0.75f, 20000.0f, -20000.0f, NAN, 1.0f};
  int16_t q[7];
  qrt::quantize_f32_s16_ref(p, 7, in, q);
  const int16_t expected[7] = {4, 2, 5, 32767, -32768, 3, 5};  // 0.5 -> 1, -0.5 -> -1, 1.5 -> 2
  for (int i = 0; i < 7; ++i) QRT_EXPECT_EQ(q[i], expected[i]);
  qrt::QuantizeParams d{};
  d.scale = 0.0013917f;
  d.input_zero_point = -7;
  int16_t all[1024];
  float out[1024];
  for (int32_t start = -32768; start < 32768; start += 1024) {
    for (int i = 0; i < 1024; ++i) all[i] = static_cast<int16_t>(start + i);
    qrt::dequantize_s16_f32_ref(d, 1024, all, out);
    for (int i = 0; i < 1024; ++i) {
      const float want = static_cast<float>(static_cast<double>(d.scale) * (all[i] - d.input_zero_point));
      QRT_EXPECT_FLOAT_EQ(out[i], want);
    }
  }
}
