// The port's DEPTHWISE_CONV_2D kernel against the reference kernel, byte for byte: 3x3 with
// stride 1 and 2 and padding at every border, channel counts around the SIMD widths (1..33, odd),
// depth multiplier 2 and 8 (person_detect's first layer), dilation, micro_speech's 10x8 filter,
// batches, and random shapes; data and requantization modes as in test_opt_conv2d_s8.cpp.
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
  return opt_test::check_conv_all_modes(rng, shape, true, name, &g_buf);
}

ConvShape dw(int32_t batches, int32_t h, int32_t w, int32_t c, int32_t kh, int32_t kw,
             int32_t multiplier, int32_t stride, bool same, int32_t dilation = 1) {
  ConvShape s;
  s.batches = batches;
  s.in_h = h;
  s.in_w = w;
  s.in_c = c;
  s.filter_h = kh;
  s.filter_w = kw;
  s.out_c = 0;
  s.stride_h = s.stride_w = stride;
  s.dilation_h = s.dilation_w = dilation;
  s.same = same;
  s.depth_multiplier = multiplier;
  s.groups = 1;
  return s;
}

}  // namespace

QRT_TEST(opt_depthwise_conv2d_s8, three_by_three) {
  qrt_test_util::Rng rng{0x11111111u};
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 6, 6, 8, 3, 3, 1, 1, true), "3x3 c8"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 7, 7, 16, 3, 3, 1, 2, true), "3x3 c16 s2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 8, 8, 16, 3, 3, 1, 2, true), "3x3 even s2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 5, 4, 32, 3, 3, 1, 1, true), "3x3 c32"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 5, 5, 7, 3, 3, 1, 1, true), "3x3 c7"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 4, 6, 19, 3, 3, 1, 1, false), "3x3 c19 VALID"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 3, 3, 33, 3, 3, 1, 1, true), "3x3 c33"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 1, 1, 12, 3, 3, 1, 1, true), "3x3 on 1x1"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 2, 9, 4, 3, 3, 1, 1, true), "3x3 on 2x9"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(3, 4, 4, 5, 3, 3, 1, 1, true), "3x3 batches 3"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 3, 3, 128, 3, 3, 1, 1, true), "3x3 c128"), 0);
}

QRT_TEST(opt_depthwise_conv2d_s8, depth_multiplier) {
  qrt_test_util::Rng rng{0x22222222u};
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 12, 12, 1, 3, 3, 8, 2, true), "person layer 0"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 6, 6, 3, 3, 3, 2, 1, true), "dm 2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 5, 5, 5, 3, 3, 3, 1, true), "dm 3"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 4, 4, 2, 3, 3, 5, 2, false), "dm 5 VALID"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(2, 3, 3, 4, 2, 2, 4, 1, true), "dm 4 2x2"), 0);
}

QRT_TEST(opt_depthwise_conv2d_s8, other_windows) {
  qrt_test_util::Rng rng{0x33333333u};
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 13, 12, 1, 10, 8, 8, 2, true), "micro_speech"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 7, 7, 12, 3, 3, 1, 1, true, 2), "3x3 dilation 2"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 6, 6, 9, 5, 5, 1, 1, true), "5x5 c9"), 0);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, dw(1, 6, 6, 8, 1, 1, 1, 1, true), "1x1 c8"), 0);
  ConvShape s = dw(1, 8, 7, 6, 3, 1, 1, 1, true);
  s.stride_h = 2;
  s.dilation_w = 3;
  QRT_EXPECT_EQ(check_shape_all_modes(rng, s, "3x1 mixed"), 0);
  s = dw(1, 9, 9, 4, 3, 3, 2, 1, true, 3);
  QRT_EXPECT_EQ(check_shape_all_modes(rng, s, "dm 2 dilation 3"), 0);
}

QRT_TEST(opt_depthwise_conv2d_s8, random_shapes) {
  qrt_test_util::Rng rng{0x44444444u};
  int failures = 0;
  int run = 0;
  while (run < opt_test::kRandomCases) {
    const ConvShape s = opt_test::random_conv_shape(rng, true);
    const Data d = static_cast<Data>(rng.uniform(0, 5) < 4 ? 0 : rng.uniform(1, 2));
    const Requant q = static_cast<Requant>(rng.uniform(0, 4) == 0 ? 1 : 0);
    qrt::ConvParams p;
    qrt::ConvS8Args a;
    if (!opt_test::make_conv_case(rng, s, true, d, q, &g_buf, &p, &a)) continue;
    ++run;
    const opt_test::Compare r = opt_test::run_conv_compare(true, a, &g_buf);
    if (!opt_test::compare_ok(r)) {
      if (failures < 5) opt_test::print_conv_case("random", a, r);
      ++failures;
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
