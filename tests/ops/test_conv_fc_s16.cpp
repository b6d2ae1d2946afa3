// The 16x8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED references: random shapes (strides,
// dilations, padding, groups, depth multipliers, per-tensor and per-channel) against a
// double-precision oracle (sum of products plus bias, times the real multiplier, clamped), within
// the error of TFLite's 15-bit multiplier reduction. The SEANet goldens test CONV_2D's exactness
// (tests/golden/test_seanet_golden.cpp).
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Rng;

QRT_TEST(conv2d_s16, random_shapes_within_reduction_error_of_double) {
  Rng rng{1608};
  int16_t in[2 * 6 * 6 * 4];
  int8_t w[4 * 3 * 3 * 4];
  int32_t bias[4], mult[4], shift[4];
  int16_t out[2 * 6 * 6 * 4];
  for (int iter = 0; iter < 100; ++iter) {
    const qrt::Shape4 is = {rng.uniform(1, 2), rng.uniform(1, 6), rng.uniform(1, 6), 4};
    const int32_t groups = rng.uniform(1, 2) == 1 ? 1 : 2;
    const qrt::Shape4 fs = {4, rng.uniform(1, 3), rng.uniform(1, 3), 4 / groups};
    qrt::ConvParams p{};
    p.stride_h = rng.uniform(1, 2);
    p.stride_w = rng.uniform(1, 2);
    p.dilation_h = rng.uniform(1, 2);
    p.dilation_w = 1;
    p.pad_top = rng.uniform(0, 1);
    p.pad_left = rng.uniform(0, 1);
    p.depth_multiplier = 1;
    p.act_min = -32768;
    p.act_max = 32767;
    p.channel_count = 4;
    const int32_t oh = (is.h + 2 * p.pad_top - (p.dilation_h * (fs.h - 1) + 1)) / p.stride_h + 1;
    const int32_t ow = (is.w + 2 * p.pad_left - (fs.w - 1) - 1) / p.stride_w + 1;
    if (oh < 1 || ow < 1) continue;
    const qrt::Shape4 os = {is.n, oh, ow, 4};
    for (int32_t i = 0; i < is.n * is.h * is.w * is.c; ++i) in[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
    for (int32_t i = 0; i < 4 * fs.h * fs.w * fs.c; ++i) w[i] = rng.s8();
    double real[4];
    for (int c = 0; c < 4; ++c) {
      bias[c] = rng.uniform(-100000, 100000);
      real[c] = 1e-5 * rng.uniform(1, 300);
      const qrt_test_util::Multiplier m = qrt_test_util::to_multiplier(real[c]);
      mult[c] = m.multiplier;
      shift[c] = m.shift;
    }
    const qrt::ConvS16Args a = {&p, mult, shift, is, in, fs, w, bias, os, out, nullptr};
    qrt::conv2d_s16_ref(a);
    for (int32_t b = 0; b < os.n; ++b)
      for (int32_t y = 0; y < os.h; ++y)
        for (int32_t x = 0; x < os.w; ++x)
          for (int32_t oc = 0; oc < 4; ++oc) {
            const int32_t g = oc / (4 / groups);
            double acc = bias[oc];
            for (int32_t fy = 0; fy < fs.h; ++fy)
              for (int32_t fx = 0; fx < fs.w; ++fx) {
                const int32_t iy = y * p.stride_h - p.pad_top + fy * p.dilation_h;
                const int32_t ix = x * p.stride_w - p.pad_left + fx;
                if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
                for (int32_t ic = 0; ic < fs.c; ++ic) {
                  acc += static_cast<double>(w[((oc * fs.h + fy) * fs.w + fx) * fs.c + ic]) *
                         in[((b * is.h + iy) * is.w + ix) * is.c + g * fs.c + ic];
                }
              }
            const double want = fmin(32767, fmax(-32768, acc * real[oc]));
            const int16_t got = out[((b * os.h + y) * os.w + x) * os.c + oc];
            QRT_EXPECT(fabs(got - want) <= 1.0 + fabs(want) * ldexp(1.0, -14));
          }
  }
}

namespace {

bool near_real(int32_t got, double want) { return fabs(got - want) <= 1.0 + fabs(want) * ldexp(1.0, -14); }

double clamp16(double v) { return fmin(32767, fmax(-32768, v)); }

}  // namespace

QRT_TEST(depthwise_conv2d_s16, random_shapes_within_reduction_error_of_double) {
  Rng rng{1609};
  int16_t in[6 * 6 * 3], out[6 * 6 * 6];
  int8_t w[3 * 3 * 6];
  int32_t bias[6], mult[6], shift[6];
  for (int iter = 0; iter < 100; ++iter) {
    const qrt::Shape4 is = {1, rng.uniform(1, 6), rng.uniform(1, 6), rng.uniform(1, 3)};
    qrt::ConvParams p{};
    p.depth_multiplier = rng.uniform(1, 2);
    const qrt::Shape4 fs = {1, rng.uniform(1, 3), rng.uniform(1, 3), is.c * p.depth_multiplier};
    p.stride_h = rng.uniform(1, 2);
    p.stride_w = rng.uniform(1, 2);
    p.dilation_h = 1;
    p.dilation_w = rng.uniform(1, 2);
    p.pad_top = rng.uniform(0, 1);
    p.pad_left = rng.uniform(0, 1);
    p.act_min = -32768;
    p.act_max = 32767;
    p.channel_count = rng.uniform(0, 1) == 0 ? 1 : fs.c;
    const int32_t oh = (is.h + 2 * p.pad_top - fs.h) / p.stride_h + 1;
    const int32_t ow = (is.w + 2 * p.pad_left - (p.dilation_w * (fs.w - 1) + 1)) / p.stride_w + 1;
    if (oh < 1 || ow < 1) continue;
    const qrt::Shape4 os = {1, oh, ow, fs.c};
    for (int32_t i = 0; i < is.h * is.w * is.c; ++i) in[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
    for (int32_t i = 0; i < fs.h * fs.w * fs.c; ++i) w[i] = rng.s8();
    double real[6];
    for (int32_t c = 0; c < fs.c; ++c) {
      bias[c] = rng.uniform(-50000, 50000);
      real[c] = 1e-4 * rng.uniform(1, 300);
      const qrt_test_util::Multiplier m = qrt_test_util::to_multiplier(real[c]);
      mult[c] = m.multiplier;
      shift[c] = m.shift;
    }
    const qrt::ConvS16Args a = {&p, mult, shift, is, in, fs, w, bias, os, out, nullptr};
    qrt::depthwise_conv2d_s16_ref(a);
    for (int32_t y = 0; y < oh; ++y)
      for (int32_t x = 0; x < ow; ++x)
        for (int32_t oc = 0; oc < os.c; ++oc) {
          const int32_t ic = oc / p.depth_multiplier;
          double acc = bias[oc];
          for (int32_t fy = 0; fy < fs.h; ++fy)
            for (int32_t fx = 0; fx < fs.w; ++fx) {
              const int32_t iy = y * p.stride_h - p.pad_top + fy;
              const int32_t ix = x * p.stride_w - p.pad_left + fx * p.dilation_w;
              if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
              acc += static_cast<double>(w[(fy * fs.w + fx) * fs.c + oc]) * in[(iy * is.w + ix) * is.c + ic];
            }
          const int32_t c = p.channel_count > 1 ? oc : 0;
          QRT_EXPECT(near_real(out[(y * ow + x) * os.c + oc], clamp16(acc * real[c])));
        }
  }
}

QRT_TEST(fully_connected_s16, per_tensor_and_per_channel_within_reduction_error_of_double) {
  Rng rng{1610};
  int16_t in[3 * 40], out[3 * 8];
  int8_t w[8 * 40];
  int32_t bias[8], mult[8], shift[8];
  for (int iter = 0; iter < 200; ++iter) {
    const int32_t batches = rng.uniform(1, 3), depth = rng.uniform(1, 40), units = rng.uniform(1, 8);
    qrt::FullyConnectedParams p{};
    p.channel_count = rng.uniform(0, 1) == 0 ? 1 : units;
    p.weights_offset = p.channel_count == 1 ? rng.uniform(-3, 3) : 0;
    p.act_min = -32768;
    p.act_max = 32767;
    for (int32_t i = 0; i < batches * depth; ++i) in[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
    for (int32_t i = 0; i < units * depth; ++i) w[i] = rng.s8();
    double real[8];
    for (int32_t c = 0; c < units; ++c) {
      bias[c] = rng.uniform(-50000, 50000);
      real[c] = 1e-4 * rng.uniform(1, 300);
      const qrt_test_util::Multiplier m = qrt_test_util::to_multiplier(real[c]);
      mult[c] = m.multiplier;
      shift[c] = m.shift;
    }
    const qrt::FullyConnectedS16Args a = {&p, mult, shift, batches, depth, units, in, w, bias, out};
    qrt::fully_connected_s16_ref(a);
    for (int32_t b = 0; b < batches; ++b)
      for (int32_t o = 0; o < units; ++o) {
        double acc = bias[o];
        for (int32_t d = 0; d < depth; ++d) acc += (w[o * depth + d] + p.weights_offset) * static_cast<double>(in[b * depth + d]);
        const int32_t c = p.channel_count > 1 ? o : 0;
        QRT_EXPECT(near_real(out[b * units + o], clamp16(acc * real[c])));
      }
  }
}
