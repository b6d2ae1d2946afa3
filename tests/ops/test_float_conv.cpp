// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED float32 kernels: hand-computed cases (padding at
// the borders, stride 2, dilation 2, depth multiplier 2, bias and clamp) and random shapes
// against a double-precision oracle that pads the input explicitly instead of skipping taps.
#include <math.h>

#include "qrt/ops/kernels_f32.h"
#include "qrt_test.h"
#include "test_float_common.h"

using float_test::Geometry;
using float_test::Random;
using qrt::ConvF32Args;
using qrt::ConvParams;
using qrt::Shape4;

namespace {

ConvF32Args make_args(const ConvParams* p, Shape4 in, const float* x, Shape4 f, const float* w,
                      const float* bias, Shape4 out, float* y) {
  ConvF32Args a;
  a.params = p;
  a.input = in;
  a.input_data = x;
  a.filter = f;
  a.filter_data = w;
  a.bias = bias;
  a.output = out;
  a.output_data = y;
  return a;
}

// Oracle: copy the input into an explicitly zero-padded double buffer covering every row and
// column a window touches, then run a plain dense (dilated) convolution over it. `magnitude`
// receives sum |products| + |bias| per output, to scale the float tolerance.
constexpr int kMaxPadded = 2 * 24 * 24 * 8;
void conv_oracle(const ConvParams& p, bool depthwise, Shape4 in, const float* x, Shape4 f,
                 const float* w, const float* bias, Shape4 out, double* y, double* magnitude) {
  static double padded[kMaxPadded];
  const int32_t ph = (out.h - 1) * p.stride_h + (f.h - 1) * p.dilation_h + 1;
  const int32_t pw = (out.w - 1) * p.stride_w + (f.w - 1) * p.dilation_w + 1;
  for (int32_t b = 0; b < in.n; ++b)
    for (int32_t r = 0; r < ph; ++r)
      for (int32_t s = 0; s < pw; ++s)
        for (int32_t c = 0; c < in.c; ++c) {
          const int32_t iy = r - p.pad_top, ix = s - p.pad_left;
          const bool inside = iy >= 0 && iy < in.h && ix >= 0 && ix < in.w;
          padded[((b * ph + r) * pw + s) * in.c + c] =
              inside ? x[((b * in.h + iy) * in.w + ix) * in.c + c] : 0.0;
        }
  for (int32_t b = 0; b < out.n; ++b)
    for (int32_t oy = 0; oy < out.h; ++oy)
      for (int32_t ox = 0; ox < out.w; ++ox)
        for (int32_t oc = 0; oc < out.c; ++oc) {
          double sum = bias != nullptr ? bias[oc] : 0.0;
          double mag = fabs(sum);
          for (int32_t fy = 0; fy < f.h; ++fy)
            for (int32_t fx = 0; fx < f.w; ++fx) {
              const int32_t r = oy * p.stride_h + fy * p.dilation_h;
              const int32_t s = ox * p.stride_w + fx * p.dilation_w;
              const double* px = &padded[((b * ph + r) * pw + s) * in.c];
              if (depthwise) {
                const int32_t ic = oc / p.depth_multiplier;
                const double t = px[ic] * w[(fy * f.w + fx) * f.c + oc];
                sum += t;
                mag += fabs(t);
              } else {
                for (int32_t ic = 0; ic < in.c; ++ic) {
                  const double t = px[ic] * w[((oc * f.h + fy) * f.w + fx) * f.c + ic];
                  sum += t;
                  mag += fabs(t);
                }
              }
            }
          const int32_t o = ((b * out.h + oy) * out.w + ox) * out.c + oc;
          y[o] = sum;
          magnitude[o] = mag;
        }
}

// Random shapes, strides, dilations, depth multipliers and SAME/VALID padding.
void sweep(qrt_test::Context* qrt_test_ctx, bool depthwise, uint32_t seed) {
  static float x[2 * 9 * 9 * 4], w[4 * 3 * 3 * 8], bias[8], y[2 * 9 * 9 * 8];
  static double expected[2 * 9 * 9 * 8], magnitude[2 * 9 * 9 * 8];
  Random r(seed);
  int cases = 0;
  while (cases < 150) {
    const int32_t kh = 1 + r.below(3), kw = 1 + r.below(3);
    const int32_t sh = 1 + r.below(2), sw = 1 + r.below(2);
    const int32_t dh = 1 + r.below(2), dw = 1 + r.below(2);
    const Shape4 in = {1 + r.below(2), 1 + r.below(9), 1 + r.below(9), 1 + r.below(4)};
    const bool same = r.below(2) == 0;
    const Geometry gy = same ? float_test::same_geometry(in.h, kh, sh, dh)
                             : float_test::valid_geometry(in.h, kh, sh, dh);
    const Geometry gx = same ? float_test::same_geometry(in.w, kw, sw, dw)
                             : float_test::valid_geometry(in.w, kw, sw, dw);
    if (gy.out < 1 || gx.out < 1) continue;  // VALID window larger than the input
    const int32_t multiplier = depthwise ? 1 + r.below(2) : 1;
    const int32_t out_c = depthwise ? in.c * multiplier : 1 + r.below(4);
    const Shape4 f = depthwise ? Shape4{1, kh, kw, out_c} : Shape4{out_c, kh, kw, in.c};
    const Shape4 out = {in.n, gy.out, gx.out, out_c};
    ConvParams p = float_test::conv_params(sh, sw, dh, dw, gy.pad, gx.pad, multiplier);
    const bool with_bias = r.below(2) == 0;
    float_test::fill(r, x, float_test::count4(in), -2.f, 2.f);
    float_test::fill(r, w, float_test::count4(f), -1.f, 1.f);
    float_test::fill(r, bias, out_c, -1.f, 1.f);
    const ConvF32Args a = make_args(&p, in, x, f, w, with_bias ? bias : nullptr, out, y);
    if (depthwise) {
      qrt::depthwise_conv2d_f32_ref(a);
    } else {
      qrt::conv2d_f32_ref(a);
    }
    conv_oracle(p, depthwise, in, x, f, w, with_bias ? bias : nullptr, out, expected, magnitude);
    for (int32_t i = 0; i < float_test::count4(out); ++i) {
      QRT_EXPECT_NEAR(y[i], expected[i], 1e-6 * magnitude[i] + 1e-7);
    }
    ++cases;
  }
}

}  // namespace

QRT_TEST(conv2d_f32, same_padding_3x3_ones_counts_valid_taps) {
  // 3x3 input of ones, 3x3 filter of ones, SAME: each output counts the taps inside the input.
  const float x[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  const float w[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  float y[9];
  const ConvParams p = float_test::conv_params(1, 1, 1, 1, 1, 1, 1);
  qrt::conv2d_f32_ref(make_args(&p, {1, 3, 3, 1}, x, {1, 3, 3, 1}, w, nullptr, {1, 3, 3, 1}, y));
  const float expected[9] = {4, 6, 4, 6, 9, 6, 4, 6, 4};
  for (int i = 0; i < 9; ++i) QRT_EXPECT_FLOAT_EQ(y[i], expected[i]);
}

QRT_TEST(conv2d_f32, valid_stride2) {
  // 5x5 ramp x[r][c] = 5r + c, 3x3 ones, VALID stride 2: output (r, c) sums the 3x3 block at
  // (2r, 2c) = 9 * (5 * (2r + 1) + (2c + 1)).
  float x[25];
  for (int i = 0; i < 25; ++i) x[i] = static_cast<float>(i);
  float w[9];
  for (float& v : w) v = 1.f;
  float y[4];
  const ConvParams p = float_test::conv_params(2, 2, 1, 1, 0, 0, 1);
  qrt::conv2d_f32_ref(make_args(&p, {1, 5, 5, 1}, x, {1, 3, 3, 1}, w, nullptr, {1, 2, 2, 1}, y));
  QRT_EXPECT_FLOAT_EQ(y[0], 54);
  QRT_EXPECT_FLOAT_EQ(y[1], 72);
  QRT_EXPECT_FLOAT_EQ(y[2], 144);
  QRT_EXPECT_FLOAT_EQ(y[3], 162);
}

QRT_TEST(conv2d_f32, same_stride2_even_input_pads_after) {
  // 4x4 ramp, 3x3 ones, SAME stride 2: out 2x2, total pad 1 goes after (pad_top = 0), so the
  // last window covers rows/cols 2..3 plus one padded row/col.
  float x[16];
  for (int i = 0; i < 16; ++i) x[i] = static_cast<float>(i);
  float w[9];
  for (float& v : w) v = 1.f;
  float y[4];
  const ConvParams p = float_test::conv_params(2, 2, 1, 1, 0, 0, 1);
  qrt::conv2d_f32_ref(make_args(&p, {1, 4, 4, 1}, x, {1, 3, 3, 1}, w, nullptr, {1, 2, 2, 1}, y));
  // (0,0): rows 0-2, cols 0-2: 0+1+2+4+5+6+8+9+10 = 45. (0,1): rows 0-2, cols 2-3:
  // 2+3+6+7+10+11 = 39. (1,0): rows 2-3, cols 0-2: 8+9+10+12+13+14 = 66. (1,1): 10+11+14+15 = 50.
  QRT_EXPECT_FLOAT_EQ(y[0], 45);
  QRT_EXPECT_FLOAT_EQ(y[1], 39);
  QRT_EXPECT_FLOAT_EQ(y[2], 66);
  QRT_EXPECT_FLOAT_EQ(y[3], 50);
}

QRT_TEST(conv2d_f32, dilation2_taps_every_other_pixel) {
  // 5x5 ramp, 3x3 ones with dilation 2, VALID: one output summing rows/cols {0, 2, 4}:
  // sum 5r + c = 3 * 5 * (0 + 2 + 4) + 3 * (0 + 2 + 4) = 108.
  float x[25];
  for (int i = 0; i < 25; ++i) x[i] = static_cast<float>(i);
  float w[9];
  for (float& v : w) v = 1.f;
  float y[1];
  const ConvParams p = float_test::conv_params(1, 1, 2, 2, 0, 0, 1);
  qrt::conv2d_f32_ref(make_args(&p, {1, 5, 5, 1}, x, {1, 3, 3, 1}, w, nullptr, {1, 1, 1, 1}, y));
  QRT_EXPECT_FLOAT_EQ(y[0], 108);
}

QRT_TEST(conv2d_f32, channels_bias_and_fused_clamp) {
  // 1x1 conv, 2 input channels -> 2 output channels, bias, clamp to [0, 6] (RELU6).
  const float x[2] = {1.f, 2.f};
  const float w[4] = {1.f, 1.f,    // out 0: 1 + 2 = 3, + bias 4 = 7 -> 6
                      -1.f, 0.5f}; // out 1: -1 + 1 = 0, + bias -2 = -2 -> 0
  const float bias[2] = {4.f, -2.f};
  float y[2];
  ConvParams p = float_test::conv_params(1, 1, 1, 1, 0, 0, 1);
  p.float_act_min = 0.f;
  p.float_act_max = 6.f;
  qrt::conv2d_f32_ref(make_args(&p, {1, 1, 1, 2}, x, {2, 1, 1, 2}, w, bias, {1, 1, 1, 2}, y));
  QRT_EXPECT_FLOAT_EQ(y[0], 6);
  QRT_EXPECT_FLOAT_EQ(y[1], 0);
}

QRT_TEST(conv2d_f32, random_shapes_against_double_oracle) { sweep(qrt_test_ctx, false, 12345u); }

QRT_TEST(depthwise_conv2d_f32, depth_multiplier2_channel_order) {
  // Input channels [1, 2]; multiplier 2: output channel ic * 2 + m reads input channel ic.
  const float x[2] = {1.f, 2.f};
  const float w[4] = {10.f, 20.f, 30.f, 40.f};
  float y[4];
  const ConvParams p = float_test::conv_params(1, 1, 1, 1, 0, 0, 2);
  qrt::depthwise_conv2d_f32_ref(
      make_args(&p, {1, 1, 1, 2}, x, {1, 1, 1, 4}, w, nullptr, {1, 1, 1, 4}, y));
  QRT_EXPECT_FLOAT_EQ(y[0], 10);
  QRT_EXPECT_FLOAT_EQ(y[1], 20);
  QRT_EXPECT_FLOAT_EQ(y[2], 60);
  QRT_EXPECT_FLOAT_EQ(y[3], 80);
}

QRT_TEST(depthwise_conv2d_f32, same_padding_borders_per_channel) {
  // 3x3x2 input: channel 0 all ones, channel 1 all twos; 3x3 filter of ones per channel, SAME.
  // Channel 0 counts the valid taps (4/6/9), channel 1 twice that.
  float x[18];
  for (int i = 0; i < 9; ++i) {
    x[2 * i] = 1.f;
    x[2 * i + 1] = 2.f;
  }
  float w[18];
  for (float& v : w) v = 1.f;
  float y[18];
  const ConvParams p = float_test::conv_params(1, 1, 1, 1, 1, 1, 1);
  qrt::depthwise_conv2d_f32_ref(
      make_args(&p, {1, 3, 3, 2}, x, {1, 3, 3, 2}, w, nullptr, {1, 3, 3, 2}, y));
  const float counts[9] = {4, 6, 4, 6, 9, 6, 4, 6, 4};
  for (int i = 0; i < 9; ++i) {
    QRT_EXPECT_FLOAT_EQ(y[2 * i], counts[i]);
    QRT_EXPECT_FLOAT_EQ(y[2 * i + 1], 2 * counts[i]);
  }
}

QRT_TEST(depthwise_conv2d_f32, random_shapes_against_double_oracle) {
  sweep(qrt_test_ctx, true, 777u);
}

QRT_TEST(fully_connected_f32, hand_computed_with_bias_and_clamp) {
  // 2 batches x 3 inputs, 2 units. Unit 0 weights [1, 2, 3], unit 1 [-1, 0, 1], bias [0.5, -10].
  const float x[6] = {1, 2, 3, 4, 5, 6};
  const float w[6] = {1, 2, 3, -1, 0, 1};
  const float bias[2] = {0.5f, -10.f};
  float y[4];
  qrt::FullyConnectedParams p = {};
  p.float_act_min = -5.f;
  p.float_act_max = 30.f;
  qrt::FullyConnectedF32Args a = {&p, 2, 3, 2, x, w, bias, y};
  qrt::fully_connected_f32_ref(a);
  QRT_EXPECT_FLOAT_EQ(y[0], 14.5);  // 1 + 4 + 9 + 0.5
  QRT_EXPECT_FLOAT_EQ(y[1], -5);    // -1 + 3 - 10 = -8 -> clamped to -5
  QRT_EXPECT_FLOAT_EQ(y[2], 30);    // 4 + 10 + 18 + 0.5 = 32.5 -> clamped to 30
  QRT_EXPECT_FLOAT_EQ(y[3], -5);    // -4 + 6 - 10 = -8 -> clamped to -5
}

QRT_TEST(fully_connected_f32, random_against_double_oracle) {
  static float x[3 * 70], w[13 * 70], bias[13], y[3 * 13];
  Random r(99u);
  for (int round = 0; round < 40; ++round) {
    const int32_t batches = 1 + r.below(3), depth = 1 + r.below(70), units = 1 + r.below(13);
    float_test::fill(r, x, batches * depth, -3.f, 3.f);
    float_test::fill(r, w, units * depth, -1.f, 1.f);
    float_test::fill(r, bias, units, -2.f, 2.f);
    const bool with_bias = (round % 3) != 0;
    qrt::FullyConnectedParams p = {};
    p.float_act_min = float_test::kNoClampMin;
    p.float_act_max = float_test::kNoClampMax;
    qrt::FullyConnectedF32Args a = {&p, batches, depth, units, x, w, with_bias ? bias : nullptr, y};
    qrt::fully_connected_f32_ref(a);
    for (int32_t b = 0; b < batches; ++b) {
      for (int32_t o = 0; o < units; ++o) {
        double sum = with_bias ? bias[o] : 0.0;
        double mag = fabs(sum);
        for (int32_t i = 0; i < depth; ++i) {
          const double t = static_cast<double>(x[b * depth + i]) * w[o * depth + i];
          sum += t;
          mag += fabs(t);
        }
        QRT_EXPECT_NEAR(y[b * units + o], sum, 1e-6 * mag + 1e-7);
      }
    }
  }
}

// TRANSPOSE_CONV float32: a hand case (a 2x2 input, a 3x3 filter of ones, stride 2, no padding:
// each output element sums the inputs whose 3x3 footprints cover it), then random cases against
// a gathering double-precision oracle (for each output element, every input element and tap
// landing on it), with bias and a clamp.
QRT_TEST(transpose_conv2d_f32, hand_case_and_gathering_double_oracle) {
  qrt::ConvParams p = float_test::conv_params(2, 2, 1, 1, 0, 0, 1);
  const float in[4] = {1, 2, 3, 4};  // [1, 2, 2, 1]
  float ones[9];
  for (float& w : ones) w = 1;
  float out[25];  // [1, 5, 5, 1]
  qrt::ConvF32Args a = {&p, {1, 2, 2, 1}, in, {1, 3, 3, 1}, ones, nullptr, {1, 5, 5, 1}, out};
  qrt::transpose_conv2d_f32_ref(a);
  // Row 2 and column 2 are shared by neighbouring footprints.
  const float expected[25] = {1, 1, 3, 2, 2, 1, 1, 3, 2, 2, 4, 4, 10, 6, 6,
                              3, 3, 7, 4, 4, 3, 3, 7, 4, 4};
  for (int i = 0; i < 25; ++i) QRT_EXPECT_FLOAT_EQ(out[i], expected[i]);
  float_test::Random r(5);
  float x[48], w[108], bias[3], y[400];
  for (int iter = 0; iter < 100; ++iter) {
    const qrt::Shape4 is = {1, 1 + r.below(4), 1 + r.below(4), 1 + r.below(3)};
    const qrt::Shape4 fs = {1 + r.below(3), 1 + r.below(3), 1 + r.below(4), is.c};
    qrt::ConvParams q = float_test::conv_params(1 + r.below(3), 1 + r.below(2), 1, 1, r.below(fs.h),
                                                r.below(fs.w), 1);
    q.float_act_min = -4.0f;
    q.float_act_max = 4.0f;
    qrt::Shape4 os = {1, (is.h - 1) * q.stride_h + fs.h - 2 * q.pad_top,
                      (is.w - 1) * q.stride_w + fs.w - 2 * q.pad_left, fs.n};
    if (os.h < 1 || os.w < 1) continue;
    float_test::fill(r, x, float_test::count4(is), -1, 1);
    float_test::fill(r, w, float_test::count4(fs), -1, 1);
    float_test::fill(r, bias, fs.n, -1, 1);
    const qrt::ConvF32Args b = {&q, is, x, fs, w, bias, os, y};
    qrt::transpose_conv2d_f32_ref(b);
    for (int32_t oy = 0; oy < os.h; ++oy)
      for (int32_t ox = 0; ox < os.w; ++ox)
        for (int32_t oc = 0; oc < os.c; ++oc) {
          double acc = bias[oc];
          for (int32_t iy = 0; iy < is.h; ++iy)
            for (int32_t ix = 0; ix < is.w; ++ix) {
              const int32_t fy = oy - (iy * q.stride_h - q.pad_top);
              const int32_t fx = ox - (ix * q.stride_w - q.pad_left);
              if (fy < 0 || fy >= fs.h || fx < 0 || fx >= fs.w) continue;
              for (int32_t ic = 0; ic < is.c; ++ic) {
                acc += static_cast<double>(x[(iy * is.w + ix) * is.c + ic]) *
                       w[((oc * fs.h + fy) * fs.w + fx) * fs.c + ic];
              }
            }
          const double want = fmin(4.0, fmax(-4.0, acc));
          QRT_EXPECT_NEAR(y[(oy * os.w + ox) * os.c + oc], want, 1e-5);
        }
  }
}
