// depthwise_conv2d_s8_ref: hand-computed cases (depth multiplier channel order, padding, stride)
// and a real-valued oracle on random shapes.
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;
using qrt_test_util::Rng;

namespace {

qrt::ConvParams dw_params(int32_t stride, int32_t dilation, int32_t pad, int32_t depth_multiplier,
                          int32_t input_zp, int32_t output_zp, int32_t channel_count) {
  qrt::ConvParams p{};
  p.stride_h = p.stride_w = stride;
  p.dilation_h = p.dilation_w = dilation;
  p.pad_top = p.pad_left = pad;
  p.depth_multiplier = depth_multiplier;
  p.input_offset = -input_zp;
  p.output_offset = output_zp;
  p.act_min = -128;
  p.act_max = 127;
  p.channel_count = channel_count;
  return p;
}

void run_dw(const qrt::ConvParams& p, const int32_t* mult, const int32_t* shift, qrt::Shape4 is,
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
  qrt::depthwise_conv2d_s8_ref(a);
}

const int32_t kOne[] = {1 << 30};
const int32_t kShiftOne[] = {1};

}  // namespace

QRT_TEST(depthwise_conv2d_s8, depth_multiplier_channel_order) {
  // 1x1 spatial, 2 input channels, depth multiplier 3: output channel m + 3 * ic reads input
  // channel ic with filter channel m + 3 * ic.
  const qrt::ConvParams p = dw_params(1, 1, 0, 3, 0, 0, 1);
  const int8_t in[] = {2, -3};
  const int8_t w[] = {1, 2, 3, 4, 5, 6};
  const int32_t bias[] = {0, 0, 0, 0, 0, 100};
  int8_t out[6];
  run_dw(p, kOne, kShiftOne, {1, 1, 1, 2}, in, {1, 1, 1, 6}, w, bias, {1, 1, 1, 6}, out);
  QRT_EXPECT_EQ(out[0], 2);
  QRT_EXPECT_EQ(out[1], 4);
  QRT_EXPECT_EQ(out[2], 6);
  QRT_EXPECT_EQ(out[3], -12);
  QRT_EXPECT_EQ(out[4], -15);
  QRT_EXPECT_EQ(out[5], 82);
}

QRT_TEST(depthwise_conv2d_s8, padded_stride_two) {
  // 4x4 single channel of ones above a zero point of 10, 3x3 filter of ones, pad 1, stride 2:
  // origins (-1,-1), (-1,1), (1,-1), (1,1) see 4, 6, 6, 9 inside taps.
  const qrt::ConvParams p = dw_params(2, 1, 1, 1, 10, -20, 1);
  int8_t in[16];
  for (int8_t& v : in) v = 11;
  int8_t w[9];
  for (int8_t& v : w) v = 1;
  int8_t out[4];
  run_dw(p, kOne, kShiftOne, {1, 4, 4, 1}, in, {1, 3, 3, 1}, w, nullptr, {1, 2, 2, 1}, out);
  QRT_EXPECT_EQ(out[0], 4 - 20);
  QRT_EXPECT_EQ(out[1], 6 - 20);
  QRT_EXPECT_EQ(out[2], 6 - 20);
  QRT_EXPECT_EQ(out[3], 9 - 20);
}

QRT_TEST(depthwise_conv2d_s8, per_channel_requantization) {
  const qrt::ConvParams p = dw_params(1, 1, 0, 1, 0, 0, 3);
  const int8_t in[] = {100, 100, 100};
  const int8_t w[] = {1, 1, 1};
  const int32_t mult[] = {1 << 30, 1 << 30, 1518500250};  // 0.5, 0.25, ~0.7071 (2^-0.5)
  const int32_t shift[] = {0, -1, 0};
  int8_t out[3];
  run_dw(p, mult, shift, {1, 1, 1, 3}, in, {1, 1, 1, 3}, w, nullptr, {1, 1, 1, 3}, out);
  QRT_EXPECT_EQ(out[0], 50);
  QRT_EXPECT_EQ(out[1], 25);
  QRT_EXPECT_EQ(out[2], 71);  // 70.71
}

QRT_TEST(depthwise_conv2d_s8, random_shapes_within_one_of_real_oracle) {
  Rng rng{4711};
  static int8_t in[2 * 9 * 9 * 4];
  static int8_t w[3 * 3 * 12];
  static int8_t out[2 * 9 * 9 * 12];
  int32_t bias[12];
  int32_t mult[12];
  int32_t shift[12];
  for (int iter = 0; iter < 150; ++iter) {
    const int32_t n = rng.uniform(1, 2), h = rng.uniform(1, 9), wd = rng.uniform(1, 9);
    const int32_t ic = rng.uniform(1, 4), dm = rng.uniform(1, 3), oc = ic * dm;
    const int32_t kh = rng.uniform(1, 3), kw = rng.uniform(1, 3);
    const int32_t stride = rng.uniform(1, 2), dilation = rng.uniform(1, 2);
    const int32_t pad = rng.uniform(0, 1);
    const int32_t eff_h = (kh - 1) * dilation + 1, eff_w = (kw - 1) * dilation + 1;
    if (h + 2 * pad < eff_h || wd + 2 * pad < eff_w) continue;
    const int32_t oh = (h + 2 * pad - eff_h) / stride + 1, ow = (wd + 2 * pad - eff_w) / stride + 1;
    const bool per_channel = (iter & 1) != 0;
    const int32_t in_zp = rng.uniform(-128, 127), out_zp = rng.uniform(-128, 127);
    qrt::ConvParams p = dw_params(stride, dilation, pad, dm, in_zp, out_zp, per_channel ? oc : 1);
    for (int32_t c = 0; c < (per_channel ? oc : 1); ++c) {
      const Multiplier m = qrt_test_util::to_multiplier(exp2(rng.real(-12, -2)));
      mult[c] = m.multiplier;
      shift[c] = m.shift;
    }
    for (int32_t c = 0; c < oc; ++c) bias[c] = rng.uniform(-2000, 2000);
    for (int32_t i = 0; i < n * h * wd * ic; ++i) in[i] = rng.s8();
    for (int32_t i = 0; i < kh * kw * oc; ++i) w[i] = static_cast<int8_t>(rng.uniform(-127, 127));
    run_dw(p, mult, shift, {n, h, wd, ic}, in, {1, kh, kw, oc}, w, bias, {n, oh, ow, oc}, out);
    for (int32_t b = 0; b < n; ++b) {
      for (int32_t oy = 0; oy < oh; ++oy) {
        for (int32_t ox = 0; ox < ow; ++ox) {
          for (int32_t o = 0; o < oc; ++o) {
            const int32_t c_in = o / dm;
            double acc = bias[o];
            for (int32_t fy = 0; fy < kh; ++fy) {
              for (int32_t fx = 0; fx < kw; ++fx) {
                const int32_t y = oy * stride - pad + fy * dilation;
                const int32_t x = ox * stride - pad + fx * dilation;
                // Real zero outside the image.
                const double v = (y < 0 || y >= h || x < 0 || x >= wd)
                                     ? 0.0
                                     : in[((b * h + y) * wd + x) * ic + c_in] - in_zp;
                acc += v * w[(fy * kw + fx) * oc + o];
              }
            }
            const int32_t c = per_channel ? o : 0;
            const double q = acc * qrt_test_util::multiplier_value({mult[c], shift[c]}) + out_zp;
            QRT_ASSERT(qrt_test_util::within_one(out[((b * oh + oy) * ow + ox) * oc + o], q, -128, 127));
          }
        }
      }
    }
  }
}
