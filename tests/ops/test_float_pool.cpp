// AVERAGE_POOL_2D and MAX_POOL_2D float32 kernels: hand-computed border windows (the average
// divides by the number of valid elements, as TFLite does) and random shapes against an oracle
// that enumerates every window position and skips padded ones explicitly.
#include <math.h>

#include "qrt/ops/kernels_f32.h"
#include "qrt_test.h"
#include "test_float_common.h"

using float_test::Geometry;
using float_test::Random;
using qrt::PoolF32Args;
using qrt::PoolParams;
using qrt::Shape4;

namespace {

PoolParams pool_params(int32_t fh, int32_t fw, int32_t sh, int32_t sw, int32_t pad_top,
                       int32_t pad_left) {
  PoolParams p = {};
  p.filter_h = fh;
  p.filter_w = fw;
  p.stride_h = sh;
  p.stride_w = sw;
  p.pad_top = pad_top;
  p.pad_left = pad_left;
  p.float_act_min = float_test::kNoClampMin;
  p.float_act_max = float_test::kNoClampMax;
  return p;
}

void run(bool average, const PoolParams& p, Shape4 in, const float* x, Shape4 out, float* y) {
  const PoolF32Args a = {&p, in, x, out, y};
  if (average) {
    qrt::average_pool2d_f32_ref(a);
  } else {
    qrt::max_pool2d_f32_ref(a);
  }
}

}  // namespace

QRT_TEST(pool_f32, average_same_2x2_divides_by_valid_count) {
  // 3x3 ramp 1..9, 2x2 window stride 1 SAME: total pad 1 goes after, so the last row/column of
  // windows holds 2 or 1 valid elements.
  const float x[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  float y[9];
  const PoolParams p = pool_params(2, 2, 1, 1, 0, 0);
  run(true, p, {1, 3, 3, 1}, x, {1, 3, 3, 1}, y);
  const float expected[9] = {3, 4, 4.5f,        // (1+2+4+5)/4, (2+3+5+6)/4, (3+6)/2
                             6, 7, 7.5f,        // (4+5+7+8)/4, (5+6+8+9)/4, (6+9)/2
                             7.5f, 8.5f, 9};    // (7+8)/2, (8+9)/2, 9/1
  for (int i = 0; i < 9; ++i) QRT_EXPECT_FLOAT_EQ(y[i], expected[i]);
}

QRT_TEST(pool_f32, max_same_2x2_and_negative_values) {
  // All-negative input: padded positions must not count as 0.
  const float x[9] = {-9, -8, -7, -6, -5, -4, -3, -2, -1};
  float y[9];
  const PoolParams p = pool_params(2, 2, 1, 1, 0, 0);
  run(false, p, {1, 3, 3, 1}, x, {1, 3, 3, 1}, y);
  const float expected[9] = {-5, -4, -4, -2, -1, -1, -2, -1, -1};
  for (int i = 0; i < 9; ++i) QRT_EXPECT_FLOAT_EQ(y[i], expected[i]);
}

QRT_TEST(pool_f32, valid_stride2_two_channels_and_clamp) {
  // 4x4x2: channel 0 ramp 0..15, channel 1 = -ramp. 2x2 stride 2 VALID; clamp to [-10, 10].
  float x[32];
  for (int i = 0; i < 16; ++i) {
    x[2 * i] = static_cast<float>(i);
    x[2 * i + 1] = -static_cast<float>(i);
  }
  float avg[8], max[8];
  PoolParams p = pool_params(2, 2, 2, 2, 0, 0);
  p.float_act_min = -10.f;
  p.float_act_max = 10.f;
  run(true, p, {1, 4, 4, 2}, x, {1, 2, 2, 2}, avg);
  run(false, p, {1, 4, 4, 2}, x, {1, 2, 2, 2}, max);
  // Window means of the ramp: (0+1+4+5)/4 = 2.5, 4.5, 10.5 -> 10, 12.5 -> 10.
  const float avg0[4] = {2.5f, 4.5f, 10.f, 10.f};
  const float avg1[4] = {-2.5f, -4.5f, -10.f, -10.f};
  const float max0[4] = {5, 7, 10, 10};     // 5, 7, 13 -> 10, 15 -> 10
  const float max1[4] = {0, -2, -8, -10};   // -0, -2, -8, -10
  for (int i = 0; i < 4; ++i) {
    QRT_EXPECT_FLOAT_EQ(avg[2 * i], avg0[i]);
    QRT_EXPECT_FLOAT_EQ(avg[2 * i + 1], avg1[i]);
    QRT_EXPECT_FLOAT_EQ(max[2 * i], max0[i]);
    QRT_EXPECT_FLOAT_EQ(max[2 * i + 1], max1[i]);
  }
}

QRT_TEST(pool_f32, random_shapes_against_double_oracle) {
  static float x[2 * 11 * 11 * 3], y[2 * 11 * 11 * 3];
  Random r(4242u);
  int cases = 0;
  while (cases < 200) {
    const int32_t fh = 1 + r.below(4), fw = 1 + r.below(4);
    const int32_t sh = 1 + r.below(3), sw = 1 + r.below(3);
    const Shape4 in = {1 + r.below(2), 1 + r.below(11), 1 + r.below(11), 1 + r.below(3)};
    const bool same = r.below(2) == 0;
    const Geometry gy = same ? float_test::same_geometry(in.h, fh, sh, 1)
                             : float_test::valid_geometry(in.h, fh, sh, 1);
    const Geometry gx = same ? float_test::same_geometry(in.w, fw, sw, 1)
                             : float_test::valid_geometry(in.w, fw, sw, 1);
    if (gy.out < 1 || gx.out < 1) continue;
    const Shape4 out = {in.n, gy.out, gx.out, in.c};
    const PoolParams p = pool_params(fh, fw, sh, sw, gy.pad, gx.pad);
    float_test::fill(r, x, float_test::count4(in), -5.f, 5.f);
    const bool average = r.below(2) == 0;
    run(average, p, in, x, out, y);
    for (int32_t b = 0; b < out.n; ++b)
      for (int32_t oy = 0; oy < out.h; ++oy)
        for (int32_t ox = 0; ox < out.w; ++ox)
          for (int32_t c = 0; c < out.c; ++c) {
            double sum = 0.0, best = -INFINITY;
            int count = 0;
            for (int32_t fy = 0; fy < fh; ++fy)
              for (int32_t fx = 0; fx < fw; ++fx) {
                const int32_t iy = oy * sh - gy.pad + fy, ix = ox * sw - gx.pad + fx;
                if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) continue;
                const double v = x[((b * in.h + iy) * in.w + ix) * in.c + c];
                sum += v;
                best = v > best ? v : best;
                ++count;
              }
            QRT_ASSERT(count > 0);  // SAME/VALID geometry never yields an empty window
            const float got = y[((b * out.h + oy) * out.w + ox) * out.c + c];
            if (average) {
              QRT_EXPECT_NEAR(got, sum / count, 1e-6 * 5.0 + 1e-7);
            } else {
              QRT_EXPECT_EQ(got == static_cast<float>(best), 1);
            }
          }
    ++cases;
  }
}
