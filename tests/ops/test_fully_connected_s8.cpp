// fully_connected_s8_ref: hand-computed TFLite cases (ties, double rounding, weights offset,
// per-channel) and a double-precision oracle on random shapes.
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;
using qrt_test_util::Rng;

namespace {

qrt::FullyConnectedParams fc_params(int32_t input_zp, int32_t output_zp, int32_t channel_count) {
  qrt::FullyConnectedParams p{};
  p.input_offset = -input_zp;
  p.weights_offset = 0;
  p.output_offset = output_zp;
  p.act_min = -128;
  p.act_max = 127;
  p.channel_count = channel_count;
  return p;
}

void run_fc(const qrt::FullyConnectedParams& p, const int32_t* mult, const int32_t* shift,
            int32_t batches, int32_t in_depth, int32_t out_depth, const int8_t* in, const int8_t* w,
            const int32_t* bias, int8_t* out) {
  qrt::FullyConnectedS8Args a{};
  a.params = &p;
  a.multipliers = mult;
  a.shifts = shift;
  a.batches = batches;
  a.input_depth = in_depth;
  a.output_depth = out_depth;
  a.input = in;
  a.weights = w;
  a.bias = bias;
  a.output = out;
  qrt::fully_connected_s8_ref(a);
}

}  // namespace

QRT_TEST(fully_connected_s8, hand_computed_half_multiplier) {
  // M = 0.5 exactly: (2^30, shift 0). acc = w . x + bias.
  const qrt::FullyConnectedParams p = fc_params(0, 0, 1);
  const int32_t mult[] = {1 << 30};
  const int32_t shift[] = {0};
  const int8_t in[] = {1, 2, 3};
  const int8_t w[] = {1, 0, -1,   // acc -2  -> -1
                      2, 2, 2,    // acc 12 + 10 = 22 -> 11
                      1, 1, 0,    // acc 3 -> 1.5 -> 2
                      -1, -1, 0,  // acc -3 -> -1.5 -> -1: the high multiply rounds ties up
                      127, 127, 127};  // 762 + 0 -> 381 -> clamps to 127
  const int32_t bias[] = {0, 10, 0, 0, 0};
  int8_t out[5];
  run_fc(p, mult, shift, 1, 3, 5, in, w, bias, out);
  QRT_EXPECT_EQ(out[0], -1);
  QRT_EXPECT_EQ(out[1], 11);
  QRT_EXPECT_EQ(out[2], 2);
  QRT_EXPECT_EQ(out[3], -1);
  QRT_EXPECT_EQ(out[4], 127);
}

QRT_TEST(fully_connected_s8, double_rounding_as_tflite) {
  // M = 0.25 = (2^30, shift -1): TFLite rounds twice, first the high multiply to x/2 (ties
  // toward +infinity), then a rounding shift (ties away from zero). So 1 * 0.25 gives
  // round(round(0.5) / 2) = round(1 / 2) = 1, not round(0.25) = 0, and 5 * 0.25 gives
  // round(round(2.5) / 2) = round(3 / 2) = 2, not 1; -5 * 0.25 gives round(-2 / 2) = -1.
  const qrt::FullyConnectedParams p = fc_params(0, 0, 1);
  const int32_t mult[] = {1 << 30};
  const int32_t shift[] = {-1};
  const int8_t in[] = {1};
  const int8_t w[] = {1, 5, -5, 3, -1, 4};
  int8_t out[6];
  run_fc(p, mult, shift, 1, 1, 6, in, w, nullptr, out);
  QRT_EXPECT_EQ(out[0], 1);   // 0.25
  QRT_EXPECT_EQ(out[1], 2);   // 1.25
  QRT_EXPECT_EQ(out[2], -1);  // -1.25: round(-2.5) = -2 (tie up), round(-2 / 2) = -1
  QRT_EXPECT_EQ(out[3], 1);   // 0.75: round(1.5) = 2, round(2 / 2) = 1
  QRT_EXPECT_EQ(out[4], 0);   // -0.25: round(-0.5) = 0
  QRT_EXPECT_EQ(out[5], 1);   // 1.0 exact
}

QRT_TEST(fully_connected_s8, offsets_and_activation_clamp) {
  // Input zero point -128 (offset +128), weights zero point 1 (offset -1, per-tensor only),
  // output zero point 5, activation range [0, 20] (a fused RELU-like clamp).
  qrt::FullyConnectedParams p = fc_params(-128, 5, 1);
  p.weights_offset = -1;
  p.act_min = 0;
  p.act_max = 20;
  const int32_t mult[] = {1 << 30};  // 0.5
  const int32_t shift[] = {0};
  const int8_t in[] = {-128, -126, -127};  // offset values 0, 2, 1
  const int8_t w[] = {1, 3, 2,     // (0, 2, 1) . (0, 2, 1) = 5 -> 2.5 -> 3, + 5 = 8
                      -9, -9, -9,  // (-10, -10, -10) . (0, 2, 1) = -30 -> -15 + 5 = -10 -> 0
                      101, 51, 1};  // (100, 50, 0) . (0, 2, 1) = 100 -> 50 + 5 -> 20
  int8_t out[3];
  run_fc(p, mult, shift, 1, 3, 3, in, w, nullptr, out);
  QRT_EXPECT_EQ(out[0], 8);
  QRT_EXPECT_EQ(out[1], 0);
  QRT_EXPECT_EQ(out[2], 20);
}

QRT_TEST(fully_connected_s8, per_channel_ignores_weights_offset) {
  // TFLite's per-channel kernel never applies the weights zero point.
  qrt::FullyConnectedParams p = fc_params(0, 0, 2);
  p.weights_offset = -3;
  const int32_t mult[] = {1 << 30, 1 << 30};
  const int32_t shift[] = {1, -2};  // 1.0 and 0.125
  const int8_t in[] = {2, -3, 4, 1};  // two batches of depth 2
  const int8_t w[] = {10, 1, 8, 8};
  const int32_t bias[] = {1, 3};
  int8_t out[4];
  run_fc(p, mult, shift, 2, 2, 2, in, w, bias, out);
  QRT_EXPECT_EQ(out[0], 18);  // (20 - 3 + 1) * 1.0 (with the offset applied it would be 21)
  QRT_EXPECT_EQ(out[1], -1);  // (16 - 24 + 3) * 0.125 = -0.625: round(-2.5) = -3, round(-3/4) = -1
  QRT_EXPECT_EQ(out[2], 42);  // 40 + 1 + 1
  QRT_EXPECT_EQ(out[3], 6);   // (32 + 8 + 3) * 0.125 = 5.375: round(21.5) = 22, round(22/4) = 6
}

QRT_TEST(fully_connected_s8, int8_min_inputs_and_extreme_multipliers) {
  qrt::FullyConnectedParams p = fc_params(-128, -3, 1);
  const int8_t in[] = {-128, -128, -128, -128};  // all at the zero point: acc = bias only
  const int8_t w[] = {-128, 127, -128, 127};
  const int32_t bias[] = {1000};
  int8_t out[1];
  // Smallest shift: M = 2^30 * 2^-62 = 2^-32, so 1000 * M rounds to 0.
  int32_t mult[] = {1 << 30};
  int32_t shift[] = {-31};
  run_fc(p, mult, shift, 1, 4, 1, in, w, bias, out);
  QRT_EXPECT_EQ(out[0], -3);
  // Largest shift: the accumulator is shifted left by 30 before the high multiply, wrapping in
  // int32 as TFLite's x * (1 << shift) does on two's-complement targets: 1000 << 30 wraps to 0.
  shift[0] = 30;
  run_fc(p, mult, shift, 1, 4, 1, in, w, bias, out);
  QRT_EXPECT_EQ(out[0], -3);
  // With acc = 1 the shift fits: 1 * 2^30 * 0.5 = 2^29 saturates at the int8 maximum, and
  // acc = -1 at the minimum.
  const int32_t one[] = {1};
  run_fc(p, mult, shift, 1, 4, 1, in, w, one, out);
  QRT_EXPECT_EQ(out[0], 127);
  const int32_t minus_one[] = {-1};
  run_fc(p, mult, shift, 1, 4, 1, in, w, minus_one, out);
  QRT_EXPECT_EQ(out[0], -128);
  // Zero multiplier (a zero real scale): output is the zero point.
  mult[0] = 0;
  shift[0] = 0;
  run_fc(p, mult, shift, 1, 4, 1, in, w, bias, out);
  QRT_EXPECT_EQ(out[0], -3);
}

QRT_TEST(fully_connected_s8, random_shapes_within_one_of_double_oracle) {
  Rng rng{2024};
  int8_t in[3 * 70];
  int8_t w[9 * 70];
  int32_t bias[9];
  int8_t out[3 * 9];
  int32_t mult[9];
  int32_t shift[9];
  for (int iter = 0; iter < 300; ++iter) {
    const int32_t batches = rng.uniform(1, 3);
    const int32_t depth = rng.uniform(1, 70);
    const int32_t out_depth = rng.uniform(1, 9);
    const bool per_channel = (iter & 1) != 0;
    const int32_t input_zp = rng.uniform(-128, 127);
    const int32_t output_zp = rng.uniform(-128, 127);
    qrt::FullyConnectedParams p = fc_params(input_zp, output_zp, per_channel ? out_depth : 1);
    p.act_min = rng.uniform(-128, 0);
    p.act_max = rng.uniform(0, 127);
    if (!per_channel) p.weights_offset = -rng.uniform(-5, 5);
    for (int32_t i = 0; i < batches * depth; ++i) in[i] = rng.s8();
    for (int32_t i = 0; i < out_depth * depth; ++i) w[i] = static_cast<int8_t>(rng.uniform(-127, 127));
    const bool has_bias = (iter % 3) != 0;
    for (int32_t o = 0; o < out_depth; ++o) bias[o] = rng.uniform(-20000, 20000);
    // Effective scales spanning typical conv/FC values (input * weight / output scale).
    for (int32_t o = 0; o < (per_channel ? out_depth : 1); ++o) {
      const Multiplier m = qrt_test_util::to_multiplier(exp2(rng.real(-16, 0)));
      mult[o] = m.multiplier;
      shift[o] = m.shift;
    }
    run_fc(p, mult, shift, batches, depth, out_depth, in, w, has_bias ? bias : nullptr, out);
    for (int32_t b = 0; b < batches; ++b) {
      for (int32_t o = 0; o < out_depth; ++o) {
        int64_t acc = has_bias ? bias[o] : 0;
        const int32_t wo = per_channel ? 0 : p.weights_offset;
        for (int32_t d = 0; d < depth; ++d) {
          acc += static_cast<int64_t>(w[o * depth + d] + wo) * (in[b * depth + d] - input_zp);
        }
        const int32_t c = per_channel ? o : 0;
        const double real = static_cast<double>(acc) *
                                qrt_test_util::multiplier_value({mult[c], shift[c]}) +
                            output_zp;
        QRT_ASSERT(qrt_test_util::within_one(out[b * out_depth + o], real, p.act_min, p.act_max));
      }
    }
  }
}

// int32 sums wrap, as TFLite's kernels do on every target: acc = 1 * 1 + INT32_MAX wraps to
// INT32_MIN, which M = 0.5 maps to -2^30 and the clamp to -128 (a saturating or 64-bit sum would
// give +2^30 -> 127). A bias of INT32_MIN with acc -1 wraps to INT32_MAX -> 2^30 -> 127.
QRT_TEST(fully_connected_s8, accumulator_plus_bias_wraps_in_int32) {
  const qrt::FullyConnectedParams p = fc_params(0, 0, 1);
  const int32_t mult[] = {1 << 30};
  const int32_t shift[] = {0};
  const int8_t in[] = {1};
  const int8_t w[] = {1, -1};
  const int32_t bias[] = {INT32_MAX, INT32_MIN};
  int8_t out[2];
  run_fc(p, mult, shift, 1, 1, 2, in, w, bias, out);
  QRT_EXPECT_EQ(out[0], -128);
  QRT_EXPECT_EQ(out[1], 127);
}
