// The target's CONV_2D variant (kernel_select.h: DSP, MVE, AVX2 or NEON) against
// the reference kernel, byte for byte, on edge shapes (1x1 pointwise with and without stride, K
// not a multiple of any block, odd channel counts, 3x3 SAME at the borders, stride 2, dilation,
// batches, grouped convolution) and on random shapes, each with uniform data, INT8_MIN everywhere
// and only -128/127, realistic and extreme requantization (shift -31 and +30, multiplier 0,
// INT32_MAX) and random activation clamps. Also checks that nothing is written past the output or
// past the scratch the variant declared.
#include <stdio.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"
#include "qrt_test.h"
#include "test_opt_util.h"

using opt_test::ConvShape;
using opt_test::Data;
using opt_test::Requant;

namespace {

opt_test::ConvBuffers g_buf;

int check_shape_all_modes(qrt_test_util::Rng& rng, const ConvShape& shape, const char* name) {
  return opt_test::check_conv_all_modes(rng, shape, false, name, &g_buf);
}

ConvShape conv(int32_t batches, int32_t h, int32_t w, int32_t in_c, int32_t kh, int32_t kw,
               int32_t out_c, int32_t stride, bool same, int32_t dilation = 1) {
  ConvShape s;
  s.batches = batches;
  s.in_h = h;
  s.in_w = w;
  s.in_c = in_c;
  s.filter_h = kh;
  s.filter_w = kw;
  s.out_c = out_c;
  s.stride_h = s.stride_w = stride;
  s.dilation_h = s.dilation_w = dilation;
  s.same = same;
  s.depth_multiplier = 1;
  s.groups = 1;
  return s;
}

}  // namespace

QRT_TEST(opt_conv2d_s8, pointwise_shapes) {
  qrt_test_util::Rng rng{0x1234567u};
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 6, 6, 8, 1, 1, 16, 1, true), "1x1 8->16"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 4, 4, 64, 1, 1, 32, 1, true), "1x1 64->32"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 3, 3, 128, 1, 1, 17, 1, true), "1x1 128->17"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 5, 5, 7, 1, 1, 5, 1, true), "1x1 odd"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 7, 7, 16, 1, 1, 32, 2, true), "1x1 stride 2 SAME"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 8, 8, 16, 1, 1, 8, 2, false), "1x1 stride 2 VALID"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(3, 3, 3, 33, 1, 1, 3, 1, true), "1x1 batches 3"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 1, 1, 256, 1, 1, 2, 1, true), "1x1 head"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 1, 1, 1, 1, 1, 1, 1, true), "1x1 scalar"), 0);
}

QRT_TEST(opt_conv2d_s8, im2col_shapes) {
  qrt_test_util::Rng rng{0x2345678u};
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 8, 8, 3, 3, 3, 16, 1, true), "3x3 rgb SAME"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 6, 6, 16, 3, 3, 16, 1, true), "3x3 16->16"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 7, 7, 16, 3, 3, 32, 2, true), "3x3 stride 2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 6, 5, 9, 3, 3, 7, 1, false), "3x3 VALID odd"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 7, 6, 5, 3, 3, 3, 1, true, 2), "3x3 dilation 2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 13, 6, 1, 10, 4, 8, 2, true), "10x4 kws"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(2, 5, 5, 4, 5, 5, 6, 1, true), "5x5 batches 2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 2, 2, 8, 3, 3, 4, 1, true), "3x3 on 2x2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 1, 1, 5, 3, 3, 9, 1, true), "3x3 on 1x1"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, conv(1, 4, 4, 64, 3, 3, 8, 1, true), "3x3 K 576"), 0);
  ConvShape s = conv(1, 9, 8, 6, 3, 2, 5, 1, true);
  s.stride_h = 2;
  s.stride_w = 1;
  s.dilation_w = 2;
  QRT_EXPECT_EQ(check_shape_all_modes(rng, s, "3x2 mixed stride/dilation"), 0);
}

QRT_TEST(opt_conv2d_s8, grouped_matches_reference) {
  qrt_test_util::Rng rng{0x3456789u};
  ConvShape s = conv(1, 5, 5, 8, 3, 3, 6, 1, true);
  s.groups = 2;
  QRT_EXPECT_EQ(check_shape_all_modes(rng, s, "grouped"), 0);
}

QRT_TEST(opt_conv2d_s8, random_shapes) {
  qrt_test_util::Rng rng{0x456789Au};
  int failures = 0;
  int run = 0;
  while (run < opt_test::kRandomCases) {
    const ConvShape s = opt_test::random_conv_shape(rng, false);
    const Data d = static_cast<Data>(rng.uniform(0, 5) < 4 ? 0 : rng.uniform(1, 2));
    const Requant q = static_cast<Requant>(rng.uniform(0, 4) == 0 ? 1 : 0);
    qrt::ConvParams p;
    qrt::ConvS8Args a;
    if (!opt_test::make_conv_case(rng, s, false, d, q, &g_buf, &p, &a)) continue;
    ++run;
    const opt_test::Compare r = opt_test::run_conv_compare(false, a, &g_buf);
    if (!opt_test::compare_ok(r)) {
      if (failures < 5) opt_test::print_conv_case("random", a, r);
      ++failures;
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
