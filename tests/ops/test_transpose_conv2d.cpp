// transpose_conv2d_s8_ref / _s16_ref: random shapes, strides and pads against a double-precision
// oracle that gathers (for each output element, every input element and tap landing on it), an
// independent formulation of the kernels' scatter; within one (int8) or the 15-bit multiplier's
// error (int16) of the real result. TFLM's own goldens test exactness (test_seanet_golden).
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Rng;

namespace {

struct Case {
  qrt::ConvParams p{};
  qrt::Shape4 is{}, fs{}, os{};
};

Case random_case(Rng& rng) {
  Case c;
  c.is = {1, rng.uniform(1, 4), rng.uniform(1, 4), rng.uniform(1, 3)};
  c.fs = {rng.uniform(1, 3), rng.uniform(1, 3), rng.uniform(1, 4), c.is.c};
  c.p.stride_h = rng.uniform(1, 3);
  c.p.stride_w = rng.uniform(1, 2);
  c.p.dilation_h = c.p.dilation_w = 1;
  c.p.pad_top = rng.uniform(0, c.fs.h - 1);
  c.p.pad_left = rng.uniform(0, c.fs.w - 1);
  c.os = {1, (c.is.h - 1) * c.p.stride_h + c.fs.h - 2 * c.p.pad_top,
          (c.is.w - 1) * c.p.stride_w + c.fs.w - 2 * c.p.pad_left, c.fs.n};
  if (c.os.h < 1) c.os.h = 1;
  if (c.os.w < 1) c.os.w = 1;
  c.p.channel_count = c.fs.n;
  return c;
}

// Sum over input (iy, ix, ic) and taps (fy, fx) with iy * stride - pad + fy == oy (and for x).
template <typename T>
double gathered(const Case& c, const T* in, const int8_t* w, int32_t input_offset, int32_t oy,
                int32_t ox, int32_t oc) {
  double acc = 0;
  for (int32_t iy = 0; iy < c.is.h; ++iy)
    for (int32_t ix = 0; ix < c.is.w; ++ix) {
      const int32_t fy = oy - (iy * c.p.stride_h - c.p.pad_top);
      const int32_t fx = ox - (ix * c.p.stride_w - c.p.pad_left);
      if (fy < 0 || fy >= c.fs.h || fx < 0 || fx >= c.fs.w) continue;
      for (int32_t ic = 0; ic < c.is.c; ++ic) {
        acc += (static_cast<double>(in[(iy * c.is.w + ix) * c.is.c + ic]) + input_offset) *
               w[((oc * c.fs.h + fy) * c.fs.w + fx) * c.fs.c + ic];
      }
    }
  return acc;
}

}  // namespace

QRT_TEST(transpose_conv2d, int8_and_int16_match_a_gathering_double_oracle) {
  Rng rng{67};
  int8_t in8[64], w[128], out8[512];
  int16_t in16[64], out16[512];
  int32_t bias[4], mult[4], shift[4];
  int64_t scratch[512];
  for (int iter = 0; iter < 150; ++iter) {
    Case c = random_case(rng);
    double real[4];
    for (int32_t oc = 0; oc < c.fs.n; ++oc) {
      bias[oc] = rng.uniform(-2000, 2000);
      real[oc] = 1e-3 * rng.uniform(1, 40);
      const qrt_test_util::Multiplier m = qrt_test_util::to_multiplier(real[oc]);
      mult[oc] = m.multiplier;
      shift[oc] = m.shift;
    }
    for (int i = 0; i < 64; ++i) {
      in8[i] = rng.s8();
      in16[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
    }
    for (int i = 0; i < 128; ++i) w[i] = rng.s8();
    c.p.input_offset = 5;
    c.p.output_offset = -3;
    c.p.act_min = -128;
    c.p.act_max = 127;
    const qrt::ConvS8Args a8 = {&c.p, mult, shift, c.is, in8, c.fs, w, bias, c.os, out8, scratch};
    qrt::transpose_conv2d_s8_ref(a8);
    qrt::ConvParams p16 = c.p;
    p16.input_offset = 0;
    p16.output_offset = 0;
    p16.act_min = -32768;
    p16.act_max = 32767;
    const qrt::ConvS16Args a16 = {&p16, mult, shift, c.is, in16, c.fs, w, bias, c.os, out16, scratch};
    qrt::transpose_conv2d_s16_ref(a16);
    for (int32_t oy = 0; oy < c.os.h; ++oy)
      for (int32_t ox = 0; ox < c.os.w; ++ox)
        for (int32_t oc = 0; oc < c.os.c; ++oc) {
          const int32_t i = (oy * c.os.w + ox) * c.os.c + oc;
          const double want8 = fmin(127, fmax(-128, -3 + (gathered(c, in8, w, 5, oy, ox, oc) + bias[oc]) * real[oc]));
          QRT_EXPECT(fabs(out8[i] - want8) <= 1.0);
          const double want16 = fmin(32767, fmax(-32768, (gathered(c, in16, w, 0, oy, ox, oc) + bias[oc]) * real[oc]));
          QRT_EXPECT(fabs(out16[i] - want16) <= 1.0 + fabs(want16) * ldexp(1.0, -14));
        }
  }
}
