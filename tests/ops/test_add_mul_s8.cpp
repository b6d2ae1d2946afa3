// add_s8_ref, sub_s8_ref and mul_s8_ref: hand-computed TFLite cases (exact sums and differences,
// ties, saturation, activation clamps) and a double-precision oracle over random 4-D broadcast
// shapes. ADD / SUB / MUL parameters are derived here from the scales as TFLite's Prepare defines them
// (left shift 20, inputs rescaled to twice the larger input scale), independently of quant/host.
#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;
using qrt_test_util::Rng;

namespace {

qrt::AddParams add_params(double s1, int32_t z1, double s2, int32_t z2, double so, int32_t zo,
                          int32_t left_shift = 20) {
  qrt::AddParams p{};
  p.input1_offset = -z1;
  p.input2_offset = -z2;
  p.output_offset = zo;
  p.left_shift = left_shift;
  const double twice_max = 2 * (s1 > s2 ? s1 : s2);
  const Multiplier m1 = qrt_test_util::to_multiplier(s1 / twice_max);
  const Multiplier m2 = qrt_test_util::to_multiplier(s2 / twice_max);
  const Multiplier mo = qrt_test_util::to_multiplier(twice_max / (ldexp(1.0, left_shift) * so));
  p.input1_multiplier = m1.multiplier;
  p.input1_shift = m1.shift;
  p.input2_multiplier = m2.multiplier;
  p.input2_shift = m2.shift;
  p.output_multiplier = mo.multiplier;
  p.output_shift = mo.shift;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

qrt::MulParams mul_params(double s1, int32_t z1, double s2, int32_t z2, double so, int32_t zo) {
  qrt::MulParams p{};
  p.input1_offset = -z1;
  p.input2_offset = -z2;
  p.output_offset = zo;
  const Multiplier m = qrt_test_util::to_multiplier(s1 * s2 / so);
  p.output_multiplier = m.multiplier;
  p.output_shift = m.shift;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

void run(qrt::BinaryS8Fn kernel, const void* params, qrt::Shape4 s1, const int8_t* in1,
         qrt::Shape4 s2, const int8_t* in2, qrt::Shape4 so, int8_t* out) {
  kernel(qrt::BinaryS8Args{params, s1, in1, s2, in2, so, out});
}

// Flat index of output coordinate (b, y, x, c) in a (possibly broadcast) input of shape s.
int32_t broadcast_index(qrt::Shape4 s, int32_t b, int32_t y, int32_t x, int32_t c) {
  b = s.n == 1 ? 0 : b;
  y = s.h == 1 ? 0 : y;
  x = s.w == 1 ? 0 : x;
  c = s.c == 1 ? 0 : c;
  return ((b * s.h + y) * s.w + x) * s.c + c;
}

}  // namespace

QRT_TEST(add_s8, hand_computed_same_scales) {
  const qrt::AddParams p = add_params(1.0, 0, 1.0, 0, 1.0, 0);
  const int8_t a[] = {3, -3, 100, -100, 0};
  const int8_t b[] = {4, -4, 100, -100, 0};
  int8_t out[5];
  run(qrt::add_s8_ref, &p, {1, 1, 1, 5}, a, {1, 1, 1, 5}, b, {1, 1, 1, 5}, out);
  QRT_EXPECT_EQ(out[0], 7);
  QRT_EXPECT_EQ(out[1], -7);
  QRT_EXPECT_EQ(out[2], 127);
  QRT_EXPECT_EQ(out[3], -128);
  QRT_EXPECT_EQ(out[4], 0);
}

QRT_TEST(add_s8, hand_computed_ties_offsets_and_clamp) {
  // Input 2 at half the scale: 0 + 1 * 0.5 = 0.5 rounds away from zero to 1, -0.5 to -1.
  qrt::AddParams p = add_params(1.0, 0, 0.5, 0, 1.0, 0);
  const int8_t a[] = {0, 0, 10, 10};
  const int8_t b[] = {1, -1, 3, -3};  // 10 + 1.5 = 11.5 -> 12; 10 - 1.5 = 8.5 -> 9
  int8_t out[4];
  run(qrt::add_s8_ref, &p, {1, 1, 1, 4}, a, {1, 1, 1, 4}, b, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], 1);
  QRT_EXPECT_EQ(out[1], -1);
  QRT_EXPECT_EQ(out[2], 12);
  QRT_EXPECT_EQ(out[3], 9);
  // Zero points (-128 inputs are real 0) and a RELU clamp at the output zero point 5.
  p = add_params(1.0, -128, 1.0, -128, 1.0, 5);
  p.act_min = 5;
  const int8_t c[] = {-128, -120, -128, 127};
  const int8_t d[] = {-128, -128, -100, -128};
  run(qrt::add_s8_ref, &p, {1, 1, 1, 4}, c, {1, 1, 1, 4}, d, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], 5);    // 0 + 0
  QRT_EXPECT_EQ(out[1], 13);   // 8 + 0
  QRT_EXPECT_EQ(out[2], 33);   // 0 + 28
  QRT_EXPECT_EQ(out[3], 127);  // 255 saturates
}

QRT_TEST(add_s8, broadcast_channel_vector) {
  // [1, 2, 2, 3] + [3] (as [1, 1, 1, 3]): a per-channel offset, and the reverse operand order.
  const qrt::AddParams p = add_params(1.0, 0, 1.0, 0, 1.0, 0);
  const int8_t x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  const int8_t v[] = {100, -100, 10};
  int8_t out[12];
  run(qrt::add_s8_ref, &p, {1, 2, 2, 3}, x, {1, 1, 1, 3}, v, {1, 2, 2, 3}, out);
  for (int i = 0; i < 12; ++i) QRT_EXPECT_EQ(out[i], x[i] + v[i % 3]);
  run(qrt::add_s8_ref, &p, {1, 1, 1, 3}, v, {1, 2, 2, 3}, x, {1, 2, 2, 3}, out);
  for (int i = 0; i < 12; ++i) QRT_EXPECT_EQ(out[i], x[i] + v[i % 3]);
  // Both sides broadcast: [1, 2, 1, 1] + [1, 1, 3, 1] -> [1, 2, 3, 1].
  const int8_t rows[] = {10, 20};
  const int8_t cols[] = {1, 2, 3};
  run(qrt::add_s8_ref, &p, {1, 2, 1, 1}, rows, {1, 1, 3, 1}, cols, {1, 2, 3, 1}, out);
  const int expected[] = {11, 12, 13, 21, 22, 23};
  for (int i = 0; i < 6; ++i) QRT_EXPECT_EQ(out[i], expected[i]);
}

// Equal scales make every rescale an exact power of two: SUB is then x - y exactly, saturated,
// for every one of the 65,536 input pairs, and with zero points the real difference shifted.
QRT_TEST(sub_s8, exact_differences_for_every_pair) {
  static int8_t a[256 * 256], b[256 * 256], out[256 * 256];
  for (int i = 0; i < 256 * 256; ++i) {
    a[i] = static_cast<int8_t>(i / 256 - 128);
    b[i] = static_cast<int8_t>(i % 256 - 128);
  }
  const qrt::Shape4 s = {1, 1, 256, 256};
  const qrt::AddParams p = add_params(1.0, 0, 1.0, 0, 1.0, 0);
  run(qrt::sub_s8_ref, &p, s, a, s, b, s, out);
  int wrong = 0;
  for (int i = 0; i < 256 * 256; ++i) {
    const int d = a[i] - b[i];
    wrong += out[i] != (d < -128 ? -128 : d > 127 ? 127 : d);
  }
  QRT_EXPECT_EQ(wrong, 0);
  // Zero points 3 and -5, output zero point 10: (a - 3) - (b + 5) + 10.
  const qrt::AddParams z = add_params(1.0, 3, 1.0, -5, 1.0, 10);
  run(qrt::sub_s8_ref, &z, s, a, s, b, s, out);
  wrong = 0;
  for (int i = 0; i < 256 * 256; ++i) {
    const int d = (a[i] - 3) - (b[i] + 5) + 10;
    wrong += out[i] != (d < -128 ? -128 : d > 127 ? 127 : d);
  }
  QRT_EXPECT_EQ(wrong, 0);
}

QRT_TEST(sub_s8, hand_computed_ties_order_and_clamp) {
  // Input 2 at half the scale: 0 - 0.5 = -0.5 rounds away from zero to -1, 0 + 0.5 to 1;
  // 10 - 1.5 = 8.5 -> 9, 10 + 1.5 = 11.5 -> 12.
  qrt::AddParams p = add_params(1.0, 0, 0.5, 0, 1.0, 0);
  const int8_t a[] = {0, 0, 10, 10};
  const int8_t b[] = {1, -1, 3, -3};
  int8_t out[4];
  run(qrt::sub_s8_ref, &p, {1, 1, 1, 4}, a, {1, 1, 1, 4}, b, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], -1);
  QRT_EXPECT_EQ(out[1], 1);
  QRT_EXPECT_EQ(out[2], 9);
  QRT_EXPECT_EQ(out[3], 12);
  // Operand order matters and broadcasting applies: [1, 1, 1, 3] - [1, 2, 1, 3].
  p = add_params(1.0, 0, 1.0, 0, 1.0, 0);
  const int8_t v[] = {100, -100, 10};
  const int8_t x[] = {1, 2, 3, 4, 5, 6};
  int8_t out6[6];
  run(qrt::sub_s8_ref, &p, {1, 1, 1, 3}, v, {1, 2, 1, 3}, x, {1, 2, 1, 3}, out6);
  const int expected[] = {99, -102, 7, 96, -105, 4};
  for (int i = 0; i < 6; ++i) QRT_EXPECT_EQ(out6[i], expected[i]);
  // A RELU clamp at the output zero point: negative differences become 0.
  p.act_min = 0;
  const int8_t c[] = {5, 5};
  const int8_t d[] = {7, 2};
  run(qrt::sub_s8_ref, &p, {1, 1, 1, 2}, c, {1, 1, 1, 2}, d, {1, 1, 1, 2}, out);
  QRT_EXPECT_EQ(out[0], 0);
  QRT_EXPECT_EQ(out[1], 3);
}

QRT_TEST(mul_s8, hand_computed) {
  // M = 1 * 1 / 16 = 0.0625.
  qrt::MulParams p = mul_params(1.0, 0, 1.0, 0, 16.0, 0);
  const int8_t a[] = {8, -8, 127, -128, 3};
  const int8_t b[] = {2, 2, 127, -128, 3};
  int8_t out[5];
  run(qrt::mul_s8_ref, &p, {1, 1, 1, 5}, a, {1, 1, 1, 5}, b, {1, 1, 1, 5}, out);
  QRT_EXPECT_EQ(out[0], 1);    // 16 / 16
  QRT_EXPECT_EQ(out[1], -1);
  QRT_EXPECT_EQ(out[2], 127);  // 16129 / 16 = 1008 saturates
  QRT_EXPECT_EQ(out[3], 127);  // 16384 / 16
  QRT_EXPECT_EQ(out[4], 1);    // 9 / 16 = 0.5625
  // Zero points and a clamp: (x + 128) * (y - 10) / 16 + 3, clamped to [-10, 10].
  p = mul_params(1.0, -128, 1.0, 10, 16.0, 3);
  p.act_min = -10;
  p.act_max = 10;
  const int8_t c[] = {-128, -112, -112, -96};
  const int8_t d[] = {100, 18, 2, 42};
  run(qrt::mul_s8_ref, &p, {1, 1, 1, 4}, c, {1, 1, 1, 4}, d, {1, 1, 1, 4}, out);
  QRT_EXPECT_EQ(out[0], 3);    // 0
  QRT_EXPECT_EQ(out[1], 10);   // 16 * 8 / 16 = 8, + 3 = 11 -> 10
  QRT_EXPECT_EQ(out[2], -5);   // 16 * -8 / 16 = -8 + 3
  QRT_EXPECT_EQ(out[3], 10);   // 32 * 32 / 16 = 64 -> clamp
}

QRT_TEST(add_sub_mul_s8, random_broadcast_within_one_of_double_oracle) {
  Rng rng{97};
  int8_t in1[3 * 4 * 4 * 5];
  int8_t in2[3 * 4 * 4 * 5];
  int8_t out[3 * 4 * 4 * 5];
  enum Kind { kAdd, kSub, kMul };
  for (int iter = 0; iter < 900; ++iter) {
    const Kind kind = static_cast<Kind>(iter % 3);
    const bool add = kind != kMul;  // ADD and SUB share their parameters
    const qrt::Shape4 so = {rng.uniform(1, 3), rng.uniform(1, 4), rng.uniform(1, 4), rng.uniform(1, 5)};
    qrt::Shape4 s1 = so, s2 = so;
    // Each dimension of each input is independently broadcast (1) or full.
    if (rng.uniform(0, 2) == 0) s1.n = 1;
    if (rng.uniform(0, 2) == 0) s1.h = 1;
    if (rng.uniform(0, 2) == 0) s1.w = 1;
    if (rng.uniform(0, 2) == 0) s1.c = 1;
    if (rng.uniform(0, 2) == 0) s2.n = 1;
    if (rng.uniform(0, 2) == 0) s2.h = 1;
    if (rng.uniform(0, 2) == 0) s2.w = 1;
    if (rng.uniform(0, 2) == 0) s2.c = 1;
    const double sc1 = rng.real(0.005, 0.2), sc2 = rng.real(0.005, 0.2);
    const double sco = add ? rng.real(0.01, 0.4) : rng.real(0.0005, 0.05);
    const int32_t z1 = rng.uniform(-128, 127), z2 = rng.uniform(-128, 127), zo = rng.uniform(-128, 127);
    qrt::AddParams ap = add_params(sc1, z1, sc2, z2, sco, zo);
    qrt::MulParams mp = mul_params(sc1, z1, sc2, z2, sco, zo);
    const int32_t act_min = rng.uniform(-128, -40), act_max = rng.uniform(40, 127);
    ap.act_min = mp.act_min = act_min;
    ap.act_max = mp.act_max = act_max;
    for (int32_t i = 0; i < s1.n * s1.h * s1.w * s1.c; ++i) in1[i] = rng.s8();
    for (int32_t i = 0; i < s2.n * s2.h * s2.w * s2.c; ++i) in2[i] = rng.s8();
    const qrt::BinaryS8Fn kernel = kind == kAdd   ? qrt::add_s8_ref
                                   : kind == kSub ? qrt::sub_s8_ref
                                                  : qrt::mul_s8_ref;
    run(kernel, add ? static_cast<const void*>(&ap) : static_cast<const void*>(&mp), s1, in1, s2, in2,
        so, out);
    int32_t idx = 0;
    for (int32_t b = 0; b < so.n; ++b) {
      for (int32_t y = 0; y < so.h; ++y) {
        for (int32_t x = 0; x < so.w; ++x) {
          for (int32_t c = 0; c < so.c; ++c, ++idx) {
            const double r1 = sc1 * (in1[broadcast_index(s1, b, y, x, c)] - z1);
            const double r2 = sc2 * (in2[broadcast_index(s2, b, y, x, c)] - z2);
            const double q = (kind == kAdd ? r1 + r2 : kind == kSub ? r1 - r2 : r1 * r2) / sco + zo;
            // ADD and SUB round each input and the output (<= 1 plus ~2^-19 of input rounding);
            // MUL rounds once with two steps (<= 1).
            const double want = qrt_test_util::clamp_real(q, act_min, act_max);
            QRT_ASSERT(fabs(out[idx] - want) <= 1.01);
          }
        }
      }
    }
  }
}

// int16 ADD / SUB (TFLite's 16x8 form: left shift 15, symmetric zero points): within one of the
// double-precision result over random values and scales, saturating at the int16 bounds.
QRT_TEST(add_sub_s16, within_one_of_double_oracle_and_saturating) {
  Rng rng{16};
  int16_t x[64], y[64], sum[64], diff[64];
  for (int iter = 0; iter < 200; ++iter) {
    const double s1 = 1e-4 * (1 + rng.uniform(0, 99)), s2 = 1e-4 * (1 + rng.uniform(0, 99));
    const double so = 1e-4 * (1 + rng.uniform(0, 199));
    qrt::AddParams p = add_params(s1, 0, s2, 0, so, 0, 15);
    p.act_min = -32768;
    p.act_max = 32767;
    for (int i = 0; i < 64; ++i) {
      x[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
      y[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
    }
    const qrt::Shape4 shape = {1, 1, 8, 8};
    const qrt::BinaryS16Args a = {&p, shape, x, shape, y, shape, sum};
    qrt::add_s16_ref(a);
    qrt::BinaryS16Args d = a;
    d.output_data = diff;
    qrt::sub_s16_ref(d);
    for (int i = 0; i < 64; ++i) {
      const double want_sum = fmin(32767, fmax(-32768, round((s1 * x[i] + s2 * y[i]) / so)));
      const double want_diff = fmin(32767, fmax(-32768, round((s1 * x[i] - s2 * y[i]) / so)));
      QRT_EXPECT(fabs(sum[i] - want_sum) <= 1.0);
      QRT_EXPECT(fabs(diff[i] - want_diff) <= 1.0);
    }
  }
}

// int16 MUL (16x8: zero points 0): within one of the double-precision product, saturating.
QRT_TEST(mul_s16, within_one_of_double_oracle_and_saturating) {
  Rng rng{17};
  int16_t x[64], y[64], out[64];
  for (int iter = 0; iter < 200; ++iter) {
    const double s1 = 1e-4 * (1 + rng.uniform(0, 99)), s2 = 1e-4 * (1 + rng.uniform(0, 99));
    // A multiplier below 2 keeps x * y * multiplier inside int32 (TFLite wraps beyond); most
    // products still saturate int16.
    const double so = s1 * s2 * (0.6 + rng.uniform(0, 3000));
    const Multiplier m = qrt_test_util::to_multiplier(s1 * s2 / so);
    qrt::MulParams p{};
    p.output_multiplier = m.multiplier;
    p.output_shift = m.shift;
    p.act_min = -32768;
    p.act_max = 32767;
    for (int i = 0; i < 64; ++i) {
      x[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
      y[i] = static_cast<int16_t>(rng.uniform(-32768, 32767));
    }
    const qrt::Shape4 shape = {1, 1, 8, 8};
    const qrt::BinaryS16Args a = {&p, shape, x, shape, y, shape, out};
    qrt::mul_s16_ref(a);
    for (int i = 0; i < 64; ++i) {
      const double want = fmin(32767, fmax(-32768, round(s1 * x[i] * s2 * y[i] / so)));
      QRT_EXPECT(fabs(out[i] - want) <= 1.0);
    }
  }
}

// MAXIMUM / MINIMUM int8 and int16 with a broadcast second input: hand-computed.
QRT_TEST(maximum_minimum, int8_and_int16_broadcast_by_hand) {
  const qrt::Shape4 s1 = {1, 1, 2, 3}, s2 = {1, 1, 1, 3};
  const int8_t a8[6] = {-128, 0, 127, 5, -5, 6}, b8[3] = {0, 0, 6};
  int8_t mx8[6], mn8[6];
  qrt::maximum_s8_ref({nullptr, s1, a8, s2, b8, s1, mx8});
  qrt::minimum_s8_ref({nullptr, s1, a8, s2, b8, s1, mn8});
  const int8_t want_max8[6] = {0, 0, 127, 5, 0, 6}, want_min8[6] = {-128, 0, 6, 0, -5, 6};
  const int16_t a16[6] = {-32768, 1, 32767, 300, -300, 7}, b16[3] = {-1, 2, 7};
  int16_t mx16[6], mn16[6];
  qrt::maximum_s16_ref({nullptr, s1, a16, s2, b16, s1, mx16});
  qrt::minimum_s16_ref({nullptr, s1, a16, s2, b16, s1, mn16});
  const int16_t want_max16[6] = {-1, 2, 32767, 300, 2, 7}, want_min16[6] = {-32768, 1, 7, -1, -300, 7};
  for (int i = 0; i < 6; ++i) {
    QRT_EXPECT_EQ(mx8[i], want_max8[i]);
    QRT_EXPECT_EQ(mn8[i], want_min8[i]);
    QRT_EXPECT_EQ(mx16[i], want_max16[i]);
    QRT_EXPECT_EQ(mn16[i], want_min16[i]);
  }
}
