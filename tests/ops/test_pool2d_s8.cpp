// average_pool2d_s8_ref and max_pool2d_s8_ref: hand-computed rounding and padding cases, and an
// exact oracle (mean rounded half away from zero over the in-image taps; maximum) on random
// shapes.
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Rng;

namespace {

qrt::PoolParams pool_params(int32_t filter, int32_t stride, int32_t pad) {
  qrt::PoolParams p{};
  p.stride_h = p.stride_w = stride;
  p.filter_h = p.filter_w = filter;
  p.pad_top = p.pad_left = pad;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

void run_pool(bool average, const qrt::PoolParams& p, qrt::Shape4 is, const int8_t* in,
              qrt::Shape4 os, int8_t* out) {
  qrt::PoolS8Args a{&p, is, in, os, out};
  if (average) {
    qrt::average_pool2d_s8_ref(a);
  } else {
    qrt::max_pool2d_s8_ref(a);
  }
}

}  // namespace

QRT_TEST(pool2d_s8, average_rounds_half_away_from_zero) {
  // Four 2x2 windows laid out as 4 channels of a 2x2 image.
  const qrt::PoolParams p = pool_params(2, 1, 0);
  const int8_t in[] = {1, -1, 1, -1,    // sums: 10, -10, 11, -3
                       2, -2, 2, -1,
                       3, -3, 3, -1,
                       4, -4, 5, 0};
  int8_t out[4];
  run_pool(true, p, {1, 2, 2, 4}, in, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], 3);   // 2.5
  QRT_EXPECT_EQ(out[1], -3);  // -2.5
  QRT_EXPECT_EQ(out[2], 3);   // 2.75
  QRT_EXPECT_EQ(out[3], -1);  // -0.75
}

QRT_TEST(pool2d_s8, average_counts_only_in_image_taps) {
  // 3x3 image, 3x3 window, SAME padding 1: the corner averages 4 values, the edge 6, the centre 9.
  const qrt::PoolParams p = pool_params(3, 1, 1);
  const int8_t in[] = {10, 20, 30,
                       40, 50, 60,
                       70, 80, 90};
  int8_t out[9];
  run_pool(true, p, {1, 3, 3, 1}, in, {1, 3, 3, 1}, out);
  QRT_EXPECT_EQ(out[0], 30);  // (10+20+40+50)/4
  QRT_EXPECT_EQ(out[1], 35);  // (10+20+30+40+50+60)/6
  QRT_EXPECT_EQ(out[4], 50);
  QRT_EXPECT_EQ(out[8], 70);  // (50+60+80+90)/4
  // Global average with a count of 3 (1x3 window over a 1x3 image), rounding both ways.
  const qrt::PoolParams g = pool_params(3, 1, 0);
  const int8_t row[] = {1, 2, 2};      // 5/3 = 1.67 -> 2
  const int8_t neg[] = {-1, -2, -2};   // -1.67 -> -2
  const int8_t low[] = {1, 1, 2};      // 1.33 -> 1
  qrt::PoolParams g1 = g;
  g1.filter_h = 1;
  run_pool(true, g1, {1, 1, 3, 1}, row, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], 2);
  run_pool(true, g1, {1, 1, 3, 1}, neg, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], -2);
  run_pool(true, g1, {1, 1, 3, 1}, low, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], 1);
}

QRT_TEST(pool2d_s8, max_with_padding_int8_min_and_clamp) {
  qrt::PoolParams p = pool_params(2, 2, 1);
  // 3x3 image; windows at origins (-1,-1), (-1,1), (1,-1), (1,1).
  const int8_t in[] = {-128, -128, -7,
                       -128, -100, -128,
                       5, -128, 127};
  int8_t out[4];
  run_pool(false, p, {1, 3, 3, 1}, in, {1, 2, 2, 1}, out);
  QRT_EXPECT_EQ(out[0], -128);  // only in[0]: padding does not count as a value
  QRT_EXPECT_EQ(out[1], -7);    // in[1], in[2]
  QRT_EXPECT_EQ(out[2], 5);     // in[3], in[6]
  QRT_EXPECT_EQ(out[3], 127);   // in[4], in[5], in[7], in[8]
  p.act_min = -50;
  p.act_max = 100;
  run_pool(false, p, {1, 3, 3, 1}, in, {1, 2, 2, 1}, out);
  QRT_EXPECT_EQ(out[0], -50);
  QRT_EXPECT_EQ(out[3], 100);
}

QRT_TEST(pool2d_s8, random_shapes_match_exact_oracle) {
  Rng rng{555};
  static int8_t in[2 * 10 * 10 * 5];
  static int8_t out_avg[2 * 10 * 10 * 5];
  static int8_t out_max[2 * 10 * 10 * 5];
  for (int iter = 0; iter < 200; ++iter) {
    const int32_t n = rng.uniform(1, 2), h = rng.uniform(1, 10), w = rng.uniform(1, 10);
    const int32_t c = rng.uniform(1, 5);
    qrt::PoolParams p{};
    p.filter_h = rng.uniform(1, 4);
    p.filter_w = rng.uniform(1, 4);
    p.stride_h = rng.uniform(1, 3);
    p.stride_w = rng.uniform(1, 3);
    p.pad_top = rng.uniform(0, p.filter_h - 1);
    p.pad_left = rng.uniform(0, p.filter_w - 1);
    p.act_min = rng.uniform(-128, -60);
    p.act_max = rng.uniform(60, 127);
    if (h + p.pad_top < p.filter_h || w + p.pad_left < p.filter_w) continue;
    const int32_t oh = (h + p.pad_top - p.filter_h) / p.stride_h + 1;
    const int32_t ow = (w + p.pad_left - p.filter_w) / p.stride_w + 1;
    for (int32_t i = 0; i < n * h * w * c; ++i) in[i] = rng.s8();
    run_pool(true, p, {n, h, w, c}, in, {n, oh, ow, c}, out_avg);
    run_pool(false, p, {n, h, w, c}, in, {n, oh, ow, c}, out_max);
    for (int32_t b = 0; b < n; ++b) {
      for (int32_t oy = 0; oy < oh; ++oy) {
        for (int32_t ox = 0; ox < ow; ++ox) {
          for (int32_t ch = 0; ch < c; ++ch) {
            int32_t sum = 0, count = 0, max = -128;
            for (int32_t fy = 0; fy < p.filter_h; ++fy) {
              for (int32_t fx = 0; fx < p.filter_w; ++fx) {
                const int32_t y = oy * p.stride_h - p.pad_top + fy;
                const int32_t x = ox * p.stride_w - p.pad_left + fx;
                if (y < 0 || y >= h || x < 0 || x >= w) continue;
                const int32_t v = in[((b * h + y) * w + x) * c + ch];
                sum += v;
                ++count;
                max = v > max ? v : max;
              }
            }
            QRT_ASSERT(count > 0);
            const double mean = static_cast<double>(sum) / count;
            const double rounded = mean >= 0 ? floor(mean + 0.5) : -floor(-mean + 0.5);
            const int32_t idx = ((b * oh + oy) * ow + ox) * c + ch;
            QRT_ASSERT_EQ(out_avg[idx],
                          static_cast<int32_t>(qrt_test_util::clamp_real(rounded, p.act_min, p.act_max)));
            QRT_ASSERT_EQ(out_max[idx], max < p.act_min ? p.act_min : (max > p.act_max ? p.act_max : max));
          }
        }
      }
    }
  }
}

// int16 pools: the int8 arithmetic on int16 values -- a hand case (a 2x2 window over a 3x3
// input with SAME-style clipping, averages rounded half away from zero) and the max.
QRT_TEST(pool2d_s16, average_rounds_half_away_and_max_of_clipped_windows) {
  qrt::PoolParams p{};
  p.stride_h = p.stride_w = 2;
  p.filter_h = p.filter_w = 2;
  p.act_min = -32768;
  p.act_max = 32767;
  const int16_t in[9] = {30001, 30000, -5, 2, 1, 7, -30000, -30001, 9};  // [1, 3, 3, 1]
  int16_t avg[4], max[4];
  const qrt::PoolS16Args a = {&p, {1, 3, 3, 1}, in, {1, 2, 2, 1}, avg};
  qrt::average_pool2d_s16_ref(a);
  qrt::PoolS16Args m = a;
  m.output_data = max;
  qrt::max_pool2d_s16_ref(m);
  // Windows: {30001, 30000, 2, 1}, {-5, 7} (clipped), {-30000, -30001}, {9}.
  QRT_EXPECT_EQ(avg[0], 15001);   // 60004 / 4 = 15001
  QRT_EXPECT_EQ(avg[1], 1);       // 2 / 2
  QRT_EXPECT_EQ(avg[2], -30001);  // -60001 / 2 = -30000.5, away from zero
  QRT_EXPECT_EQ(avg[3], 9);
  QRT_EXPECT_EQ(max[0], 30001);
  QRT_EXPECT_EQ(max[1], 7);
  QRT_EXPECT_EQ(max[2], -30000);
  QRT_EXPECT_EQ(max[3], 9);
}
