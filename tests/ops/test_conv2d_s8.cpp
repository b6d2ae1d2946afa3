// conv2d_s8_ref: hand-computed cases (zero padding semantics, stride, dilation, groups,
// per-channel vs per-tensor requantization) and a real-valued oracle on random shapes: the
// output is compared with the convolution of the dequantized input, zero-padded in the real
// domain, by the dequantized filter.
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;
using qrt_test_util::Rng;

namespace {

qrt::ConvParams conv_params(int32_t stride, int32_t dilation, int32_t pad, int32_t input_zp,
                            int32_t output_zp, int32_t channel_count) {
  qrt::ConvParams p{};
  p.stride_h = p.stride_w = stride;
  p.dilation_h = p.dilation_w = dilation;
  p.pad_top = p.pad_left = pad;
  p.depth_multiplier = 1;
  p.input_offset = -input_zp;
  p.output_offset = output_zp;
  p.act_min = -128;
  p.act_max = 127;
  p.channel_count = channel_count;
  return p;
}

void run_conv(const qrt::ConvParams& p, const int32_t* mult, const int32_t* shift, qrt::Shape4 is,
              const int8_t* in, qrt::Shape4 fs, const int8_t* w, const int32_t* bias, qrt::Shape4 os,
              int8_t* out) {
  qrt::ConvS8Args a{};
  a.params = &p;
  a.multipliers = mult;
  a.shifts = shift;
  a.input = is;
  a.input_data = in;
  a.filter = fs;
  a.filter_data = w;
  a.bias = bias;
  a.output = os;
  a.output_data = out;
  qrt::conv2d_s8_ref(a);
}

// Identity requantization (M = 1.0).
const int32_t kOne[] = {1 << 30};
const int32_t kShiftOne[] = {1};

}  // namespace

QRT_TEST(conv2d_s8, valid_3x3_input_2x2_filter) {
  const qrt::ConvParams p = conv_params(1, 1, 0, 0, 0, 1);
  const int8_t in[] = {1, 2, 3,
                       4, 5, 6,
                       7, 8, 9};
  const int8_t w[] = {1, 0,
                      0, -1};  // x[y][x] - x[y+1][x+1]
  int8_t out[4];
  run_conv(p, kOne, kShiftOne, {1, 3, 3, 1}, in, {1, 2, 2, 1}, w, nullptr, {1, 2, 2, 1}, out);
  QRT_EXPECT_EQ(out[0], -4);
  QRT_EXPECT_EQ(out[1], -4);
  QRT_EXPECT_EQ(out[2], -4);
  QRT_EXPECT_EQ(out[3], -4);
}

QRT_TEST(conv2d_s8, padding_taps_contribute_nothing) {
  // Input entirely at its zero point (-5) is real zero everywhere; with SAME padding 1 the
  // padded taps must add nothing either (not input_offset * w), so each output is bias * M.
  const qrt::ConvParams p = conv_params(1, 1, 1, -5, 3, 1);
  int8_t in[9];
  for (int8_t& v : in) v = -5;
  int8_t w[9];
  for (int8_t& v : w) v = 7;
  const int32_t bias[] = {10};
  int8_t out[9];
  run_conv(p, kOne, kShiftOne, {1, 3, 3, 1}, in, {1, 3, 3, 1}, w, bias, {1, 3, 3, 1}, out);
  for (int8_t v : out) QRT_EXPECT_EQ(v, 13);

  // Now input 1 above the zero point: the corner sees 4 taps, the edge 6, the centre 9.
  for (int8_t& v : in) v = -4;
  run_conv(p, kOne, kShiftOne, {1, 3, 3, 1}, in, {1, 3, 3, 1}, w, bias, {1, 3, 3, 1}, out);
  const int expected[9] = {41, 55, 41, 55, 76, 55, 41, 55, 41};  // 7 * taps + 10 + 3
  for (int i = 0; i < 9; ++i) QRT_EXPECT_EQ(out[i], expected[i]);
}

QRT_TEST(conv2d_s8, stride_and_dilation) {
  // 5x5 input of values 0..24, 2x2 filter of ones with dilation 2 (a 3x3 footprint) and
  // stride 2: outputs at origins (0,0), (0,2), (2,0), (2,2) sum x[y][x] + x[y][x+2] +
  // x[y+2][x] + x[y+2][x+2].
  const qrt::ConvParams p = conv_params(2, 2, 0, 0, 0, 1);
  int8_t in[25];
  for (int i = 0; i < 25; ++i) in[i] = static_cast<int8_t>(i);
  const int8_t w[] = {1, 1, 1, 1};
  int8_t out[4];
  run_conv(p, kOne, kShiftOne, {1, 5, 5, 1}, in, {1, 2, 2, 1}, w, nullptr, {1, 2, 2, 1}, out);
  QRT_EXPECT_EQ(out[0], 0 + 2 + 10 + 12);
  QRT_EXPECT_EQ(out[1], 2 + 4 + 12 + 14);
  QRT_EXPECT_EQ(out[2], 10 + 12 + 20 + 22);
  QRT_EXPECT_EQ(out[3], 12 + 14 + 22 + 24);
}

QRT_TEST(conv2d_s8, per_channel_multipliers_and_groups) {
  // 1x1 grouped convolution: 4 input channels, 2 groups of 2, 4 filters (2 per group).
  const qrt::ConvParams p = conv_params(1, 1, 0, 0, 0, 4);
  const int8_t in[] = {1, 2, 3, 4};
  const int8_t w[] = {1, 1,    // group 0: 1 + 2 = 3
                      1, -1,   // group 0: -1
                      1, 1,    // group 1: 3 + 4 = 7
                      2, 0};   // group 1: 6
  const int32_t mult[] = {1 << 30, 1 << 30, 1 << 30, 1 << 30};
  const int32_t shift[] = {1, 2, 0, -1};  // M = 1, 2, 0.5, 0.25
  int8_t out[4];
  run_conv(p, mult, shift, {1, 1, 1, 4}, in, {4, 1, 1, 2}, w, nullptr, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], 3);
  QRT_EXPECT_EQ(out[1], -2);
  QRT_EXPECT_EQ(out[2], 4);  // 3.5: round(3.5) = 4
  QRT_EXPECT_EQ(out[3], 2);  // 1.5: round(3) = 3, round(3 / 2) = 2

  // channel_count 1: the one pair applies to every channel.
  const qrt::ConvParams p1 = conv_params(1, 1, 0, 0, 0, 1);
  const int32_t half[] = {1 << 30};
  const int32_t half_shift[] = {0};
  run_conv(p1, half, half_shift, {1, 1, 1, 4}, in, {4, 1, 1, 2}, w, nullptr, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], 2);   // 1.5 -> 2
  QRT_EXPECT_EQ(out[1], 0);   // -0.5 -> 0 (high-multiply ties round up)
  QRT_EXPECT_EQ(out[2], 4);   // 3.5 -> 4
  QRT_EXPECT_EQ(out[3], 3);
}

QRT_TEST(conv2d_s8, activation_clamp_and_int8_min) {
  qrt::ConvParams p = conv_params(1, 1, 0, -128, -128, 1);
  p.act_min = -100;  // e.g. a fused RELU with the output zero point at -100
  p.act_max = 100;
  const int8_t in[] = {-128, 127};  // real 0 and 255 (offset +128)
  const int8_t w[] = {-128, 127};
  const int32_t bias[] = {0};
  int8_t out[1];
  // 255 * 127 = 32385 -> +(-128) -> clamps to 100
  run_conv(p, kOne, kShiftOne, {1, 1, 1, 2}, in, {1, 1, 1, 2}, w, bias, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], 100);
  const int8_t w2[] = {127, -128};
  run_conv(p, kOne, kShiftOne, {1, 1, 1, 2}, in, {1, 1, 1, 2}, w2, bias, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], -100);
}

QRT_TEST(conv2d_s8, random_shapes_within_one_of_real_oracle) {
  Rng rng{31337};
  static int8_t in[2 * 9 * 9 * 5];
  static int8_t w[6 * 3 * 3 * 5];
  static int8_t out[2 * 9 * 9 * 6];
  static double padded[2 * 13 * 13 * 5];
  int32_t bias[6];
  int32_t mult[6];
  int32_t shift[6];
  double scale_w[6];
  for (int iter = 0; iter < 150; ++iter) {
    const int32_t n = rng.uniform(1, 2), h = rng.uniform(1, 9), wd = rng.uniform(1, 9);
    const int32_t groups = rng.uniform(1, 2);
    const int32_t fic = rng.uniform(1, 5 / groups > 0 ? 5 / groups : 1);
    const int32_t ic = fic * groups;
    const int32_t oc = groups * rng.uniform(1, 3);
    const int32_t kh = rng.uniform(1, 3), kw = rng.uniform(1, 3);
    const int32_t stride = rng.uniform(1, 3), dilation = rng.uniform(1, 2);
    const int32_t pad = rng.uniform(0, 2);
    const int32_t eff_h = (kh - 1) * dilation + 1, eff_w = (kw - 1) * dilation + 1;
    if (h + 2 * pad < eff_h || wd + 2 * pad < eff_w) continue;
    const int32_t oh = (h + 2 * pad - eff_h) / stride + 1, ow = (wd + 2 * pad - eff_w) / stride + 1;
    const bool per_channel = (iter & 1) != 0;
    const int32_t in_zp = rng.uniform(-128, 127), out_zp = rng.uniform(-128, 127);
    qrt::ConvParams p = conv_params(stride, dilation, pad, in_zp, out_zp, per_channel ? oc : 1);
    p.act_min = rng.uniform(-128, -50);
    p.act_max = rng.uniform(50, 127);
    const double scale_in = rng.real(0.01, 0.1), scale_out = rng.real(0.05, 0.5);
    for (int32_t c = 0; c < oc; ++c) {
      scale_w[c] = per_channel || c == 0 ? rng.real(0.001, 0.02) : scale_w[0];
      const Multiplier m = qrt_test_util::to_multiplier(scale_in * scale_w[c] / scale_out);
      mult[c] = m.multiplier;
      shift[c] = m.shift;
      bias[c] = rng.uniform(-3000, 3000);
    }
    for (int32_t i = 0; i < n * h * wd * ic; ++i) in[i] = rng.s8();
    for (int32_t i = 0; i < oc * kh * kw * fic; ++i) w[i] = static_cast<int8_t>(rng.uniform(-127, 127));
    run_conv(p, mult, shift, {n, h, wd, ic}, in, {oc, kh, kw, fic}, w, bias, {n, oh, ow, oc}, out);

    // The dequantized input, zero-padded in the real domain.
    const int32_t ph = h + 2 * pad, pw = wd + 2 * pad;
    for (int32_t i = 0; i < n * ph * pw * ic; ++i) padded[i] = 0;
    for (int32_t b = 0; b < n; ++b)
      for (int32_t y = 0; y < h; ++y)
        for (int32_t x = 0; x < wd; ++x)
          for (int32_t c = 0; c < ic; ++c)
            padded[((b * ph + y + pad) * pw + x + pad) * ic + c] =
                scale_in * (in[((b * h + y) * wd + x) * ic + c] - in_zp);
    for (int32_t b = 0; b < n; ++b) {
      for (int32_t oy = 0; oy < oh; ++oy) {
        for (int32_t ox = 0; ox < ow; ++ox) {
          for (int32_t o = 0; o < oc; ++o) {
            const int32_t g = o / (oc / groups);
            const int32_t c = per_channel ? o : 0;
            // Real bias is bias * scale_in * scale_w (TFLite's bias quantization).
            double real = bias[o] * scale_in * scale_w[o];
            for (int32_t fy = 0; fy < kh; ++fy)
              for (int32_t fx = 0; fx < kw; ++fx)
                for (int32_t k = 0; k < fic; ++k)
                  real += padded[((b * ph + oy * stride + fy * dilation) * pw + ox * stride +
                                  fx * dilation) * ic + g * fic + k] *
                          scale_w[o] * w[((o * kh + fy) * kw + fx) * fic + k];
            // In the output's integer domain, through the kernel's exact multiplier.
            const double m = qrt_test_util::multiplier_value({mult[c], shift[c]});
            const double q = real / (scale_in * scale_w[o]) * m + out_zp;
            QRT_ASSERT(qrt_test_util::within_one(out[((b * oh + oy) * ow + ox) * oc + o], q,
                                                 p.act_min, p.act_max));
          }
        }
      }
    }
  }
}
