// The target's CONV_2D and DEPTHWISE_CONV_2D 16x8 kernels against the reference kernels, byte
// for byte. CONV_2D on random
// geometries: input channels around every dot-product block (1..3 as first layers, 8, 16, 17,
// 33, 64, 200), grouped filters, 1x1 to 3x3 filters, strides, dilations and padding (taps that
// fall outside the input), per-tensor and per-channel requantization, with and without bias,
// random and extreme data (every input -32768, every weight -128). DEPTHWISE_CONV_2D on channel
// counts around the 16-channel block and the 4-channel steps, depth multipliers 1 and 2, 1x1 to
// 5x5 filters and a 17x16 one (over 256 taps: the reference path). On a target without a 16x8
// variant each compares the reference with itself.
#include <stdio.h>
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt_test.h"
#include "ref_test_util.h"

namespace {

constexpr int32_t kMaxIn = 40000, kMaxFilter = 40000, kMaxOut = 40000;
int16_t g_input[kMaxIn];
int8_t g_filter[kMaxFilter];
constexpr int32_t kMaxChannels = 128;  // the depthwise cases: 64 channels x depth multiplier 2
int32_t g_bias[kMaxChannels], g_multipliers[kMaxChannels], g_shifts[kMaxChannels];
int16_t g_ref[kMaxOut], g_opt[kMaxOut];

// Fills input, filter, bias and requantization (random, or the extreme values), runs `ref` and
// `opt` on the geometry and says whether their outputs are the same bytes.
bool same_output(qrt_test_util::Rng& rng, const qrt::ConvParams& p, const qrt::Shape4& in,
                 const qrt::Shape4& filter, const qrt::Shape4& out, bool extreme, qrt::ConvS16Fn ref,
                 qrt::ConvS16Fn opt) {
  for (int32_t i = 0; i < in.n * in.h * in.w * in.c; ++i) {
    g_input[i] = static_cast<int16_t>(extreme ? -32768 : rng.uniform(-32768, 32767));
  }
  for (int32_t i = 0; i < filter.n * filter.h * filter.w * filter.c; ++i) {
    g_filter[i] = static_cast<int8_t>(extreme ? -128 : rng.uniform(-128, 127));
  }
  for (int32_t o = 0; o < out.c; ++o) {
    g_bias[o] = rng.uniform(-(1 << 20), 1 << 20);
    g_multipliers[o] = (1 << 30) + rng.uniform(0, (1 << 30) - 1);
    g_shifts[o] = -rng.uniform(8, 22);
  }
  qrt::ConvS16Args a{};
  a.params = &p;
  a.multipliers = g_multipliers;
  a.shifts = g_shifts;
  a.input = in;
  a.input_data = g_input;
  a.filter = filter;
  a.filter_data = g_filter;
  a.bias = rng.uniform(0, 1) ? g_bias : nullptr;
  a.output = out;
  a.output_data = g_ref;
  ref(a);
  a.output_data = g_opt;
  opt(a);
  return memcmp(g_ref, g_opt, sizeof(int16_t) * static_cast<size_t>(out.n * out.h * out.w * out.c)) == 0;
}

bool same_bytes(qrt_test_util::Rng& rng, int32_t in_c, bool extreme) {
  qrt::ConvParams p{};
  p.stride_h = rng.uniform(1, 2);
  p.stride_w = rng.uniform(1, 2);
  p.dilation_h = rng.uniform(1, 2);
  p.dilation_w = rng.uniform(1, 2);
  p.pad_top = rng.uniform(0, 1);
  p.pad_left = rng.uniform(0, 1);
  p.depth_multiplier = 1;
  p.act_min = -32768;
  p.act_max = 32767;
  const int32_t groups = in_c % 2 == 0 && rng.uniform(0, 2) == 0 ? 2 : 1;
  const int32_t out_c = groups * rng.uniform(1, 4);
  p.channel_count = rng.uniform(0, 1) ? out_c : 1;
  const qrt::Shape4 in = {rng.uniform(1, 2), rng.uniform(1, 7), rng.uniform(1, 7), in_c};
  const qrt::Shape4 filter = {out_c, rng.uniform(1, 3), rng.uniform(1, 3), in_c / groups};
  const int32_t out_h = (in.h + 2 * p.pad_top - p.dilation_h * (filter.h - 1) - 1) / p.stride_h + 1;
  const int32_t out_w = (in.w + 2 * p.pad_left - p.dilation_w * (filter.w - 1) - 1) / p.stride_w + 1;
  const qrt::Shape4 out = {in.n, out_h > 0 ? out_h : 1, out_w > 0 ? out_w : 1, out_c};
  if (!same_output(rng, p, in, filter, out, extreme, qrt::conv2d_s16_ref,
                   qrt::conv2d_s16_kernel(qrt::conv2d_s16_variant(qrt::target_isas())))) {
    printf("  conv16 in %dx%dx%dx%d filter %dx%dx%dx%d differs\n", static_cast<int>(in.n),
           static_cast<int>(in.h), static_cast<int>(in.w), static_cast<int>(in.c),
           static_cast<int>(filter.n), static_cast<int>(filter.h), static_cast<int>(filter.w),
           static_cast<int>(filter.c));
    return false;
  }
  return true;
}

// Cases compared (draws beyond the buffers are skipped).
int g_depthwise_compared = 0;

bool same_bytes_depthwise(qrt_test_util::Rng& rng, int32_t in_c, bool extreme) {
  qrt::ConvParams p{};
  p.stride_h = rng.uniform(1, 2);
  p.stride_w = rng.uniform(1, 2);
  p.dilation_h = rng.uniform(1, 2);
  p.dilation_w = rng.uniform(1, 2);
  p.pad_top = rng.uniform(0, 2);
  p.pad_left = rng.uniform(0, 2);
  p.depth_multiplier = rng.uniform(0, 3) == 0 ? 2 : 1;
  p.act_min = -32768 + rng.uniform(0, 1) * 30000;
  p.act_max = 32767;
  const int32_t out_c = in_c * p.depth_multiplier;
  p.channel_count = rng.uniform(0, 1) ? out_c : 1;
  const bool big = rng.uniform(0, 9) == 0;
  const qrt::Shape4 in = {rng.uniform(1, 2), big ? 17 : rng.uniform(1, 7), big ? 16 : rng.uniform(1, 7), in_c};
  const qrt::Shape4 filter = {1, big ? 17 : rng.uniform(1, 5), big ? 16 : rng.uniform(1, 5), out_c};
  if (big) p.dilation_h = p.dilation_w = 1;
  const int32_t out_h = (in.h + 2 * p.pad_top - p.dilation_h * (filter.h - 1) - 1) / p.stride_h + 1;
  const int32_t out_w = (in.w + 2 * p.pad_left - p.dilation_w * (filter.w - 1) - 1) / p.stride_w + 1;
  const qrt::Shape4 out = {in.n, out_h > 0 ? out_h : 1, out_w > 0 ? out_w : 1, out_c};
  if (in.n * in.h * in.w * in.c > kMaxIn || filter.h * filter.w * filter.c > kMaxFilter ||
      out.n * out.h * out.w * out.c > kMaxOut) {
    return true;  // beyond the buffers: not drawn
  }
  ++g_depthwise_compared;
  if (!same_output(rng, p, in, filter, out, extreme, qrt::depthwise_conv2d_s16_ref,
                   qrt::depthwise_conv2d_s16_kernel(qrt::depthwise_conv2d_s16_variant(qrt::target_isas())))) {
    printf("  depthwise16 in %dx%dx%dx%d filter %dx%d dm %d differs\n", static_cast<int>(in.n),
           static_cast<int>(in.h), static_cast<int>(in.w), static_cast<int>(in.c), static_cast<int>(filter.h),
           static_cast<int>(filter.w), static_cast<int>(p.depth_multiplier));
    return false;
  }
  return true;
}

}  // namespace

QRT_TEST(opt_conv2d_s16, depthwise_random_geometries) {
  printf("  variant: %s\n", qrt::isa_name(qrt::depthwise_conv2d_s16_variant(qrt::target_isas())));
  qrt_test_util::Rng rng{0xD3F7516Eu};
  static const int32_t kChannels[] = {1, 3, 4, 5, 15, 16, 17, 20, 33, 64};
  int failures = 0;
  for (int32_t in_c : kChannels) {
    for (int rep = 0; rep < 12; ++rep) failures += same_bytes_depthwise(rng, in_c, rep % 4 == 3) ? 0 : 1;
  }
  printf("  %d depthwise cases compared\n", g_depthwise_compared);
  QRT_EXPECT(g_depthwise_compared >= 110);
  QRT_EXPECT_EQ(failures, 0);
}

QRT_TEST(opt_conv2d_s16, random_geometries) {
  printf("  variant: %s\n", qrt::isa_name(qrt::conv2d_s16_variant(qrt::target_isas())));
  qrt_test_util::Rng rng{0xC0165EEDu};
  static const int32_t kChannels[] = {1, 2, 3, 8, 16, 17, 33, 64, 200};
  int failures = 0;
  for (int32_t in_c : kChannels) {
    for (int rep = 0; rep < 12; ++rep) failures += same_bytes(rng, in_c, rep % 4 == 3) ? 0 : 1;
  }
  QRT_EXPECT_EQ(failures, 0);
}
