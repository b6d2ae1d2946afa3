// relu_s8_ref and requantize_s8_ref: every int8 input for several scale ratios and zero points
// against the double-precision requantization, plus exact hand cases (TFLM's RELU6 as an
// identity requantization with a clamp, double rounding, saturation).
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;

namespace {

int8_t all_inputs[256];

void fill_all_inputs() {
  for (int i = 0; i < 256; ++i) all_inputs[i] = static_cast<int8_t>(i - 128);
}

}  // namespace

QRT_TEST(relu_s8, relu6_as_identity_requantization_with_clamp) {
  // TFLM's RELU6 clamps to [zero point, quantized 6] in the input's own quantization. With the
  // identity multiplier (2^30, shift 1) the kernel reproduces it exactly for every input.
  fill_all_inputs();
  qrt::ReluParams p{};
  p.input_zero_point = -10;
  p.output_zero_point = -10;
  p.multiplier = 1 << 30;
  p.shift = 1;
  p.act_min = -10;  // real 0
  p.act_max = 50;   // real 6 at scale 0.1
  int8_t out[256];
  qrt::relu_s8_ref(p, 256, all_inputs, out);
  for (int i = 0; i < 256; ++i) {
    const int x = all_inputs[i];
    QRT_ASSERT_EQ(out[i], x < -10 ? -10 : (x > 50 ? 50 : x));
  }
}

QRT_TEST(relu_s8, requantizing_relu_within_one_of_double) {
  fill_all_inputs();
  const double ratios[] = {0.1, 0.5, 0.75, 1.0, 1.3, 2.0, 7.9};
  const int32_t zero_points[] = {-128, -3, 0, 64};
  int8_t out[256];
  for (double ratio : ratios) {
    for (int32_t zi : zero_points) {
      for (int32_t zo : zero_points) {
        const Multiplier m = qrt_test_util::to_multiplier(ratio);
        qrt::ReluParams p{};
        p.input_zero_point = zi;
        p.output_zero_point = zo;
        p.multiplier = m.multiplier;
        p.shift = m.shift;
        p.act_min = zo;  // RELU: real 0
        p.act_max = 127;
        qrt::relu_s8_ref(p, 256, all_inputs, out);
        for (int i = 0; i < 256; ++i) {
          const double want = (all_inputs[i] - zi) * qrt_test_util::multiplier_value(m) + zo;
          QRT_ASSERT(qrt_test_util::within_one(out[i], want, p.act_min, p.act_max));
        }
      }
    }
  }
}

QRT_TEST(requantize_s8, hand_cases) {
  qrt::QuantizeParams p{};
  p.input_zero_point = 0;
  p.output_zero_point = 0;
  p.multiplier = 1 << 30;  // 0.5
  p.shift = 0;
  const int8_t in[] = {3, -3, 1, -1, 127, -128};
  int8_t out[6];
  qrt::requantize_s8_ref(p, 6, in, out);
  QRT_EXPECT_EQ(out[0], 2);    // 1.5: the high multiply rounds ties up
  QRT_EXPECT_EQ(out[1], -1);   // -1.5 -> -1
  QRT_EXPECT_EQ(out[2], 1);    // 0.5 -> 1
  QRT_EXPECT_EQ(out[3], 0);    // -0.5 -> 0
  QRT_EXPECT_EQ(out[4], 64);   // 63.5 -> 64
  QRT_EXPECT_EQ(out[5], -64);
  // A zero-point change only (identity multiplier): x + 128, saturating at 127.
  p.multiplier = 1 << 30;
  p.shift = 1;
  p.input_zero_point = -128;
  p.output_zero_point = 0;
  qrt::requantize_s8_ref(p, 6, in, out);
  QRT_EXPECT_EQ(out[0], 127);  // 131
  QRT_EXPECT_EQ(out[1], 125);
  QRT_EXPECT_EQ(out[5], 0);
}

QRT_TEST(requantize_s8, every_input_within_one_of_double) {
  fill_all_inputs();
  const double ratios[] = {0.003, 0.25, 0.9999, 1.0, 1.0001, 3.0, 100.0};
  const int32_t zero_points[] = {-128, -1, 0, 77, 127};
  int8_t out[256];
  for (double ratio : ratios) {
    for (int32_t zi : zero_points) {
      for (int32_t zo : zero_points) {
        const Multiplier m = qrt_test_util::to_multiplier(ratio);
        const qrt::QuantizeParams p{zi, zo, m.multiplier, m.shift, 0.0f};
        qrt::requantize_s8_ref(p, 256, all_inputs, out);
        for (int i = 0; i < 256; ++i) {
          const double want = (all_inputs[i] - zi) * qrt_test_util::multiplier_value(m) + zo;
          QRT_ASSERT(qrt_test_util::within_one(out[i], want, -128, 127));
        }
      }
    }
  }
}

// LEAKY_RELU int8 / int16: every int8 input, and int16 inputs over the whole range, within one of
// the double-precision result (x >= 0: x * s_in / s_out; below: times alpha), for a positive, a
// negative and an above-one alpha.
QRT_TEST(leaky_relu, int8_int16_within_one_of_double) {
  fill_all_inputs();
  const double alphas[3] = {0.3, -0.25, 1.5};
  for (const double alpha : alphas) {
    const double s_in = 0.02, s_out = 0.015;
    qrt::LeakyReluParams p{};
    p.input_zero_point = 3;
    p.output_zero_point = -5;
    const Multiplier id = qrt_test_util::to_multiplier(s_in / s_out);
    const Multiplier al = qrt_test_util::to_multiplier(fabs(alpha) * s_in / s_out);
    p.multiplier_identity = id.multiplier;
    p.shift_identity = id.shift;
    p.multiplier_alpha = alpha < 0 ? -al.multiplier : al.multiplier;
    p.shift_alpha = al.shift;
    int8_t out8[256];
    qrt::leaky_relu_s8_ref(p, 256, all_inputs, out8);
    for (int i = 0; i < 256; ++i) {
      const double x = all_inputs[i] - 3;
      const double want = fmin(127, fmax(-128, -5 + (x >= 0 ? x : alpha * x) * s_in / s_out));
      QRT_EXPECT(fabs(out8[i] - want) <= 1.0);
    }
    qrt::LeakyReluParams q = p;
    q.input_zero_point = 0;
    q.output_zero_point = 0;
    int16_t in16[512], out16[512];
    for (int i = 0; i < 512; ++i) in16[i] = static_cast<int16_t>(-32768 + i * 128);
    qrt::leaky_relu_s16_ref(q, 512, in16, out16);
    for (int i = 0; i < 512; ++i) {
      const double x = in16[i];
      const double want = fmin(32767, fmax(-32768, (x >= 0 ? x : alpha * x) * s_in / s_out));
      QRT_EXPECT(fabs(out16[i] - want) <= 1.0);
    }
  }
}

// QUANTIZE between int8, int16 and int32 (TFLite's Requantize): every pair TFLM supports, within
// one of the double-precision requantization and saturated to the output type.
QRT_TEST(requantize_int, every_integer_pair_within_one_of_double) {
  const double ratios[3] = {0.37, 1.0, 2900.0};
  const uint32_t sizes[3] = {1, 2, 4};
  int32_t in32[64];
  for (int i = 0; i < 64; ++i) in32[i] = (i - 32) * 997;
  for (uint32_t in_bytes : sizes) {
    for (uint32_t out_bytes : sizes) {
      if (in_bytes == 4 && out_bytes == 4) continue;
      for (double ratio : ratios) {
        const Multiplier m = qrt_test_util::to_multiplier(ratio);
        qrt::QuantizeParams p{};
        p.input_zero_point = in_bytes == 1 ? 3 : 0;
        p.output_zero_point = out_bytes == 1 ? -2 : 0;
        p.multiplier = m.multiplier;
        p.shift = m.shift;
        int8_t i8[64], o8[64];
        int16_t i16[64], o16[64];
        int32_t o32[64];
        for (int i = 0; i < 64; ++i) {
          i8[i] = static_cast<int8_t>(in32[i] % 128);
          i16[i] = static_cast<int16_t>(in32[i]);
        }
        const void* in = in_bytes == 1 ? static_cast<const void*>(i8) : in_bytes == 2 ? static_cast<const void*>(i16) : in32;
        void* out = out_bytes == 1 ? static_cast<void*>(o8) : out_bytes == 2 ? static_cast<void*>(o16) : o32;
        qrt::requantize_int_ref(p, 64, in_bytes, in, out_bytes, out);
        const double lo = out_bytes == 1 ? -128 : out_bytes == 2 ? -32768 : -2147483648.0;
        const double hi = out_bytes == 1 ? 127 : out_bytes == 2 ? 32767 : 2147483647.0;
        for (int i = 0; i < 64; ++i) {
          const double x = in_bytes == 1 ? i8[i] : in_bytes == 2 ? i16[i] : in32[i];
          const double want = fmin(hi, fmax(lo, p.output_zero_point + (x - p.input_zero_point) * ratio));
          const double got = out_bytes == 1 ? o8[i] : out_bytes == 2 ? o16[i] : o32[i];
          QRT_EXPECT(fabs(got - want) <= 1.0);
        }
      }
    }
  }
}
