// quant/host/tflite_params: expected values worked out by hand from TFLite's definitions (or,
// for multipliers of non-dyadic scales, with a separate Python script using float32 / float64
// arithmetic in TFLite's order), including cases where the float-vs-double order changes the
// multiplier.
#include <math.h>

#include <limits>
#include <string>
#include <vector>

#include "multiplier.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt_test.h"
#include "tflite_params.h"

namespace {

constexpr int32_t kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3;
constexpr int32_t kSame = 0, kValid = 1;

}  // namespace

QRT_TEST(tflite_params, activation_range) {
  int32_t lo = 0, hi = 0;
  float flo = 0, fhi = 0;
  std::string err;
  QRT_ASSERT(qrt::tflite_activation_range_s8(kNone, 0.05f, -10, &lo, &hi, &flo, &fhi, &err));
  QRT_EXPECT_EQ(lo, -128);
  QRT_EXPECT_EQ(hi, 127);
  QRT_EXPECT(flo < -1e38f && fhi > 1e38f);
  QRT_ASSERT(qrt::tflite_activation_range_s8(kRelu, 0.05f, -10, &lo, &hi, &flo, &fhi, &err));
  QRT_EXPECT_EQ(lo, -10);
  QRT_EXPECT_EQ(hi, 127);
  QRT_EXPECT(flo == 0.0f && fhi > 1e38f);
  QRT_ASSERT(qrt::tflite_activation_range_s8(kRelu6, 0.05f, -10, &lo, &hi, &flo, &fhi, &err));
  QRT_EXPECT_EQ(lo, -10);
  QRT_EXPECT_EQ(hi, 110);  // -10 + 6 / 0.05
  QRT_EXPECT(flo == 0.0f && fhi == 6.0f);
  QRT_ASSERT(qrt::tflite_activation_range_s8(kReluN1To1, 0.05f, -10, &lo, &hi, &flo, &fhi, &err));
  QRT_EXPECT_EQ(lo, -30);
  QRT_EXPECT_EQ(hi, 10);
  // Bounds beyond int8 are intersected with [-128, 127].
  QRT_ASSERT(qrt::tflite_activation_range_s8(kRelu6, 0.01f, 100, &lo, &hi, nullptr, nullptr, &err));
  QRT_EXPECT_EQ(lo, 100);
  QRT_EXPECT_EQ(hi, 127);
  QRT_ASSERT(qrt::tflite_activation_range_s8(kRelu, 0.01f, -200, &lo, &hi, nullptr, nullptr, &err));
  QRT_EXPECT_EQ(lo, -128);
  // A quantized bound beyond int32 is an error, as TFLite's Quantize() check.
  QRT_EXPECT(!qrt::tflite_activation_range_s8(kRelu6, 1e-12f, 0, &lo, &hi, nullptr, nullptr, &err));
  QRT_EXPECT(!err.empty());
}

QRT_TEST(tflite_params, input_radius) {
  QRT_EXPECT_EQ(qrt::tflite_input_radius(5, 23), 248);  // 31 * 2^26 / 2^23
  QRT_EXPECT_EQ(qrt::tflite_input_radius(4, 24), 120);  // 15 * 2^27 / 2^24
  QRT_EXPECT_EQ(qrt::tflite_input_radius(5, 27), 15);   // 15.5 floored
  QRT_EXPECT_EQ(qrt::tflite_input_radius(4, 32), 0);
}

QRT_TEST(tflite_params, padding) {
  qrt::TflitePadding1d p{};
  std::string err;
  // SAME, 96 -> 48 with a 3x3 stride-2 filter (MobileNet's first layer): total padding 1, all of
  // it after the input, as TensorFlow does.
  QRT_ASSERT(qrt::tflite_padding_1d(kSame, 2, 1, 96, 3, &p, &err));
  QRT_EXPECT_EQ(p.out_size, 48);
  QRT_EXPECT_EQ(p.pad_before, 0);
  QRT_EXPECT_EQ(p.pad_after, 1);
  QRT_ASSERT(qrt::tflite_padding_1d(kSame, 2, 1, 5, 3, &p, &err));
  QRT_EXPECT_EQ(p.out_size, 3);
  QRT_EXPECT_EQ(p.pad_before, 1);
  QRT_EXPECT_EQ(p.pad_after, 1);
  QRT_ASSERT(qrt::tflite_padding_1d(kSame, 1, 1, 49, 10, &p, &err));  // even filter: 9 = 4 + 5
  QRT_EXPECT_EQ(p.out_size, 49);
  QRT_EXPECT_EQ(p.pad_before, 4);
  QRT_EXPECT_EQ(p.pad_after, 5);
  // Dilation 2: effective filter 5, SAME keeps 7 with 2 + 2.
  QRT_ASSERT(qrt::tflite_padding_1d(kSame, 1, 2, 7, 3, &p, &err));
  QRT_EXPECT_EQ(p.out_size, 7);
  QRT_EXPECT_EQ(p.pad_before, 2);
  QRT_EXPECT_EQ(p.pad_after, 2);
  QRT_ASSERT(qrt::tflite_padding_1d(kValid, 2, 1, 5, 3, &p, &err));
  QRT_EXPECT_EQ(p.out_size, 2);
  QRT_EXPECT_EQ(p.pad_before, 0);
  QRT_EXPECT_EQ(p.pad_after, 0);
  QRT_ASSERT(qrt::tflite_padding_1d(kValid, 1, 2, 7, 3, &p, &err));
  QRT_EXPECT_EQ(p.out_size, 3);
  QRT_EXPECT(!qrt::tflite_padding_1d(kValid, 1, 1, 2, 3, &p, &err));  // empty output
  QRT_EXPECT(!qrt::tflite_padding_1d(7, 1, 1, 5, 3, &p, &err));
  QRT_EXPECT(!qrt::tflite_padding_1d(kSame, 0, 1, 5, 3, &p, &err));
}

QRT_TEST(tflite_params, conv_per_channel) {
  const float filter_scales[] = {0.0011f, 0.0042f};
  qrt::TfliteConvSpec s{};
  s.input = {1, 96, 96, 1};
  s.filter = {2, 3, 3, 1};
  s.output = {1, 48, 48, 2};
  s.padding = kSame;
  s.stride_h = s.stride_w = 2;
  s.dilation_h = s.dilation_w = 1;
  s.depth_multiplier = 1;
  s.activation = kRelu6;
  s.input_scale = 0.0235f;
  s.input_zero_point = -1;
  s.filter_scales = filter_scales;
  s.filter_scale_count = 2;
  s.output_scale = 0.0627f;
  s.output_zero_point = -128;
  qrt::ConvParams p{};
  std::vector<int32_t> m, sh;
  std::string err;
  QRT_ASSERT(qrt::tflite_conv_params(s, false, &p, &m, &sh, &err));
  QRT_EXPECT_EQ(p.stride_h, 2);
  QRT_EXPECT_EQ(p.pad_top, 0);
  QRT_EXPECT_EQ(p.pad_left, 0);
  QRT_EXPECT_EQ(p.input_offset, 1);
  QRT_EXPECT_EQ(p.output_offset, -128);
  QRT_EXPECT_EQ(p.act_min, -128);
  QRT_EXPECT_EQ(p.act_max, -32);  // -128 + round(6 / 0.0627) = -128 + 96
  QRT_EXPECT_EQ(p.channel_count, 2);
  QRT_ASSERT_EQ(m.size(), 2u);
  // double(0.0235f) * double(0.0011f) / double(0.0627f) and with 0.0042f (Python, float64).
  QRT_EXPECT_EQ(m[0], 1813229532);
  QRT_EXPECT_EQ(sh[0], -11);
  QRT_EXPECT_EQ(m[1], 1730809956);
  QRT_EXPECT_EQ(sh[1], -9);

  // Dyadic per-tensor case: 0.5 * 0.25 / (1/16) = 2 -> (2^30, shift 2); channel_count 1.
  const float one_scale[] = {0.25f};
  s.filter_scales = one_scale;
  s.filter_scale_count = 1;
  s.input_scale = 0.5f;
  s.output_scale = 0.0625f;
  s.activation = kNone;
  QRT_ASSERT(qrt::tflite_conv_params(s, false, &p, &m, &sh, &err));
  QRT_EXPECT_EQ(p.channel_count, 1);
  QRT_EXPECT_EQ(m[0], 1 << 30);
  QRT_EXPECT_EQ(sh[0], 2);

  // Shape checks: an output size TFLite would not derive, a filter / output mismatch.
  s.output = {1, 47, 48, 2};
  QRT_EXPECT(!qrt::tflite_conv_params(s, false, &p, &m, &sh, &err));
  s.output = {1, 48, 48, 3};
  QRT_EXPECT(!qrt::tflite_conv_params(s, false, &p, &m, &sh, &err));
}

// An input of 0 channels is refused, not divided by (found by fuzzing fuzz_tflite: the group
// count input_c / filter_c was 0 and the output channels were taken modulo it).
QRT_TEST(tflite_params, conv_refuses_zero_input_channels) {
  const float filter_scales[] = {0.01f};
  qrt::TfliteConvSpec s{};
  s.input = {1, 4, 4, 0};
  s.filter = {1, 1, 1, 1};
  s.output = {1, 4, 4, 1};
  s.padding = kSame;
  s.stride_h = s.stride_w = 1;
  s.dilation_h = s.dilation_w = 1;
  s.depth_multiplier = 1;
  s.input_scale = s.output_scale = 0.1f;
  s.filter_scales = filter_scales;
  s.filter_scale_count = 1;
  qrt::ConvParams p{};
  std::vector<int32_t> m, sh;
  std::string err;
  QRT_EXPECT(!qrt::tflite_conv_params(s, false, &p, &m, &sh, &err));
  QRT_EXPECT(err.find("input channels") != std::string::npos);
}

QRT_TEST(tflite_params, depthwise) {
  const float scales[] = {0.5f, 0.25f, 0.125f, 1.0f};
  qrt::TfliteConvSpec s{};
  s.input = {1, 5, 5, 2};
  s.filter = {1, 3, 3, 4};
  s.output = {1, 3, 3, 4};
  s.padding = kValid;
  s.stride_h = s.stride_w = 1;
  s.dilation_h = s.dilation_w = 1;
  s.depth_multiplier = 2;
  s.activation = kRelu;
  s.input_scale = 1.0f;
  s.input_zero_point = 3;
  s.filter_scales = scales;
  s.filter_scale_count = 4;
  s.output_scale = 0.5f;
  s.output_zero_point = 7;
  qrt::ConvParams p{};
  std::vector<int32_t> m, sh;
  std::string err;
  QRT_ASSERT(qrt::tflite_conv_params(s, true, &p, &m, &sh, &err));
  QRT_EXPECT_EQ(p.depth_multiplier, 2);
  QRT_EXPECT_EQ(p.act_min, 7);
  QRT_EXPECT_EQ(p.channel_count, 4);
  // 1.0, 0.5, 0.25, 2.0
  const int32_t want_shift[] = {1, 0, -1, 2};
  for (int c = 0; c < 4; ++c) {
    QRT_EXPECT_EQ(m[static_cast<size_t>(c)], 1 << 30);
    QRT_EXPECT_EQ(sh[static_cast<size_t>(c)], want_shift[c]);
  }
  s.depth_multiplier = 3;  // 2 * 3 != 4
  QRT_EXPECT(!qrt::tflite_conv_params(s, true, &p, &m, &sh, &err));
  // channels * depth multiplier past int32 (found by fuzzing: UB in the check): 65536 * 65537
  // wraps to 65536 in 32 bits, which equals the output's channels; the product is 64-bit now.
  s.input.c = s.filter.c = s.output.c = 65536;
  s.depth_multiplier = 65537;
  s.filter_scale_count = 1;
  err.clear();
  QRT_EXPECT(!qrt::tflite_conv_params(s, true, &p, &m, &sh, &err));
  QRT_EXPECT(err.find("depth multiplier 65537 != output channels 65536") != std::string::npos);
}

QRT_TEST(tflite_params, fully_connected_float_product_order) {
  // Per-tensor FC multiplies input and filter scales in float before widening (TFLite's
  // GetQuantizedConvolutionMultipler); for 0.1f * 0.3f / 0.7f that changes the multiplier:
  // float product -> 1472560299, double product -> 1472560321 (Python, shift -4 both).
  const float filter_scale[] = {0.3f};
  qrt::TfliteFullyConnectedSpec s{};
  s.activation = kNone;
  s.input_scale = 0.1f;
  s.input_zero_point = -128;
  s.filter_scales = filter_scale;
  s.filter_scale_count = 1;
  s.filter_zero_point = 0;
  s.output_scale = 0.7f;
  s.output_zero_point = 5;
  s.has_bias = true;
  s.bias_scale = 0.1f * 0.3f;
  qrt::FullyConnectedParams p{};
  std::vector<int32_t> m, sh;
  std::string err;
  QRT_ASSERT(qrt::tflite_fully_connected_params(s, &p, &m, &sh, &err));
  QRT_EXPECT_EQ(p.input_offset, 128);
  QRT_EXPECT_EQ(p.weights_offset, 0);
  QRT_EXPECT_EQ(p.output_offset, 5);
  QRT_EXPECT_EQ(p.channel_count, 1);
  QRT_EXPECT_EQ(m[0], 1472560299);
  QRT_EXPECT_EQ(sh[0], -4);

  // Per-channel FC uses the double product.
  const float two_scales[] = {0.3f, 0.3f};
  s.filter_scales = two_scales;
  s.filter_scale_count = 2;
  QRT_ASSERT(qrt::tflite_fully_connected_params(s, &p, &m, &sh, &err));
  QRT_EXPECT_EQ(p.channel_count, 2);
  QRT_EXPECT_EQ(m[0], 1472560321);
  QRT_EXPECT_EQ(m[1], 1472560321);

  // A bias scale far from input * filter scale fails TFLite's 2% check.
  s.filter_scales = filter_scale;
  s.filter_scale_count = 1;
  s.bias_scale = 0.1f;
  QRT_EXPECT(!qrt::tflite_fully_connected_params(s, &p, &m, &sh, &err));
  QRT_EXPECT(err.find("bias") != std::string::npos);
  // An int8 zero point outside [-128, 127] is refused (found by fuzzing the importer: INT32_MIN
  // negated into the weights offset).
  s.filter_zero_point = INT32_MIN;
  QRT_EXPECT(!qrt::tflite_fully_connected_params(s, &p, &m, &sh, &err));
  QRT_EXPECT(err.find("filter zero point -2147483648 is outside [-128, 127]") != std::string::npos);
  s.filter_zero_point = 0;
  s.input_zero_point = 128;
  QRT_EXPECT(!qrt::tflite_fully_connected_params(s, &p, &m, &sh, &err));
}

QRT_TEST(tflite_params, pool) {
  qrt::PoolParams p{};
  int32_t oh = 0, ow = 0;
  std::string err;
  QRT_ASSERT(qrt::tflite_pool_params(kValid, 2, 2, 2, 2, 25, 5, kNone, 0.1f, 3, &p, &oh, &ow, &err));
  QRT_EXPECT_EQ(oh, 12);
  QRT_EXPECT_EQ(ow, 2);
  QRT_EXPECT_EQ(p.pad_top, 0);
  QRT_EXPECT_EQ(p.act_min, -128);
  QRT_ASSERT(qrt::tflite_pool_params(kSame, 1, 1, 3, 3, 6, 6, kRelu, 0.1f, 3, &p, &oh, &ow, &err));
  QRT_EXPECT_EQ(oh, 6);
  QRT_EXPECT_EQ(p.pad_top, 1);
  QRT_EXPECT_EQ(p.pad_left, 1);
  QRT_EXPECT_EQ(p.act_min, 3);
}

QRT_TEST(tflite_params, add_and_mul) {
  qrt::AddParams a{};
  std::string err;
  // 0.02f, 0.03f -> twice max 0.06: 1/3 -> (1431655765, -1), 1/2 -> (2^30, 0); output
  // 0.06 / (2^20 * 0.04f) = 1.5 * 2^-20 -> (1610612736, -19) (Python, float32 inputs).
  QRT_ASSERT(qrt::tflite_add_params(0.02f, -5, 0.03f, 7, 0.04f, -1, kNone, &a, &err));
  QRT_EXPECT_EQ(a.left_shift, 20);
  QRT_EXPECT_EQ(a.input1_offset, 5);
  QRT_EXPECT_EQ(a.input2_offset, -7);
  QRT_EXPECT_EQ(a.output_offset, -1);
  QRT_EXPECT_EQ(a.input1_multiplier, 1431655765);
  QRT_EXPECT_EQ(a.input1_shift, -1);
  QRT_EXPECT_EQ(a.input2_multiplier, 1 << 30);
  QRT_EXPECT_EQ(a.input2_shift, 0);
  QRT_EXPECT_EQ(a.output_multiplier, 1610612736);
  QRT_EXPECT_EQ(a.output_shift, -19);
  // An output scale so small that the output multiplier reaches 1: TFLite CHECK-fails.
  QRT_EXPECT(!qrt::tflite_add_params(1.0f, 0, 1.0f, 0, 1e-7f, 0, kNone, &a, &err));

  qrt::MulParams m{};
  QRT_ASSERT(qrt::tflite_mul_params(0.5f, 1, 0.25f, 2, 0.125f, 3, kRelu, &m, &err));
  QRT_EXPECT_EQ(m.output_multiplier, 1 << 30);  // 1.0
  QRT_EXPECT_EQ(m.output_shift, 1);
  QRT_EXPECT_EQ(m.input1_offset, -1);
  QRT_EXPECT_EQ(m.input2_offset, -2);
  QRT_EXPECT_EQ(m.act_min, 3);
}

QRT_TEST(tflite_params, softmax) {
  qrt::SoftmaxParams p{};
  std::string err;
  // 1/16 * 2^26 = 2^22 -> (2^30, 23); diff_min = -floor(31 * 2^26 / 2^23) = -248.
  QRT_ASSERT(qrt::tflite_softmax_params(1.0f, 0.0625f, 1.0f / 256, -128, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, 1 << 30);
  QRT_EXPECT_EQ(p.input_left_shift, 23);
  QRT_EXPECT_EQ(p.diff_min, -248);
  // 0.1f = 13421773 * 2^-27, so 0.1f * 2^26 = 13421773 / 2: mantissa 13421773 * 2^7.
  QRT_ASSERT(qrt::tflite_softmax_params(1.0f, 0.1f, 1.0f / 256, -128, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, 1717986944);
  QRT_EXPECT_EQ(p.input_left_shift, 23);
  QRT_EXPECT_EQ(p.diff_min, -248);
  // Huge beta * scale: capped at 2^31 - 1 = (2^31 - 1) * 2^(31 - 31) -> (INT32_MAX, shift 31);
  // diff_min is then 0, so only row maxima (difference 0) are ever rescaled.
  QRT_ASSERT(qrt::tflite_softmax_params(1.0f, 100.0f, 1.0f / 256, -128, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, INT32_MAX);
  QRT_EXPECT_EQ(p.input_left_shift, 31);
  QRT_EXPECT_EQ(p.diff_min, 0);
  // TFLM requires the int8 output quantization (1/256, -128).
  QRT_EXPECT(!qrt::tflite_softmax_params(1.0f, 0.1f, 1.0f / 128, -128, &p, &err));
  QRT_EXPECT(!qrt::tflite_softmax_params(1.0f, 0.1f, 1.0f / 256, 0, &p, &err));
}

QRT_TEST(tflite_params, logistic_and_tanh) {
  qrt::LogisticParams p{};
  std::string err;
  QRT_ASSERT(qrt::tflite_logistic_params(0.1f, 4, 1.0f / 256, -128, &p, &err));
  QRT_EXPECT_EQ(p.input_zero_point, 4);
  QRT_EXPECT_EQ(p.input_multiplier, 1717986944);  // 0.1f * 2^27 = 13421773 = 0.8.. * 2^24
  QRT_EXPECT_EQ(p.input_left_shift, 24);
  QRT_EXPECT_EQ(p.input_range_radius, 120);
  // 0.02f * 2^27 (Python): mantissa 1374389504, shift 22, radius floor(15 * 2^5) = 480.
  QRT_ASSERT(qrt::tflite_tanh_params(0.02f, -3, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, 1374389504);
  QRT_EXPECT_EQ(p.input_left_shift, 22);
  QRT_EXPECT_EQ(p.input_range_radius, 480);
  QRT_EXPECT(!qrt::tflite_logistic_params(0.1f, 0, 1.0f / 256, 0, &p, &err));  // zp must be -128
  QRT_EXPECT(!qrt::tflite_tanh_params(1e-10f, 0, &p, &err));                    // shift < 0
}

QRT_TEST(tflite_params, relu_relu6_requantize) {
  qrt::ReluParams r{};
  std::string err;
  QRT_ASSERT(qrt::tflite_relu_params(0.5f, -3, 0.25f, 10, &r, &err));
  QRT_EXPECT_EQ(r.multiplier, 1 << 30);  // 2.0
  QRT_EXPECT_EQ(r.shift, 2);
  QRT_EXPECT_EQ(r.input_zero_point, -3);
  QRT_EXPECT_EQ(r.output_zero_point, 10);
  QRT_EXPECT_EQ(r.act_min, 10);
  QRT_EXPECT_EQ(r.act_max, 127);
  QRT_ASSERT(qrt::tflite_relu6_params(0.05f, -10, &r, &err));
  QRT_EXPECT_EQ(r.multiplier, 1 << 30);  // identity
  QRT_EXPECT_EQ(r.shift, 1);
  QRT_EXPECT_EQ(r.input_zero_point, -10);
  QRT_EXPECT_EQ(r.output_zero_point, -10);
  QRT_EXPECT_EQ(r.act_min, -10);
  QRT_EXPECT_EQ(r.act_max, 110);
  QRT_ASSERT(qrt::tflite_relu6_params(0.01f, 0, &r, &err));
  QRT_EXPECT_EQ(r.act_max, 127);  // 600 clamped to int8

  qrt::QuantizeParams q{};
  QRT_ASSERT(qrt::tflite_requantize_params(0.75f, 1, 0.25f, -2, &q, &err));
  QRT_EXPECT_EQ(q.multiplier, 1610612736);  // 3.0 = 0.75 * 2^2
  QRT_EXPECT_EQ(q.shift, 2);
  QRT_EXPECT_EQ(q.input_zero_point, 1);
  QRT_EXPECT_EQ(q.output_zero_point, -2);
}

// Scales that are zero, negative, infinite or NaN are refused with a message, not turned into a
// multiplier (found by fuzzing: an infinite RELU output scale reached QuantizeMultiplier's
// double -> int64 conversion, undefined behaviour).
QRT_TEST(tflite_params, relu_relu6_requantize_refuse_bad_scales) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  qrt::ReluParams r{};
  qrt::QuantizeParams q{};
  std::string err;
  for (float bad : {0.0f, -0.5f, inf, nan}) {
    QRT_EXPECT(!qrt::tflite_relu_params(0.5f, 0, bad, 0, &r, &err));
    QRT_EXPECT(!qrt::tflite_relu_params(bad, 0, 0.5f, 0, &r, &err));
    QRT_EXPECT(!qrt::tflite_relu6_params(bad, 0, &r, &err));
    QRT_EXPECT(!qrt::tflite_requantize_params(0.5f, 0, bad, 0, &q, &err));
    QRT_EXPECT(!qrt::tflite_requantize_params(bad, 0, 0.5f, 0, &q, &err));
  }
  QRT_EXPECT(err.find("scale") != std::string::npos);
}

QRT_TEST(tflite_params, mean_and_pad) {
  qrt::MeanParams m{};
  std::string err;
  const int32_t hw[] = {1, 2};
  QRT_ASSERT(qrt::tflite_mean_params(0.1f, 5, 0.1f, 5, hw, 2, 4, true, &m, &err));
  QRT_EXPECT_EQ(m.axis_mask, 0x6u);
  QRT_EXPECT_EQ(m.keep_dims, 1);
  QRT_EXPECT_EQ(m.multiplier, 1 << 30);  // same scale: exactly (2^30, 1)
  QRT_EXPECT_EQ(m.shift, 1);
  const int32_t last[] = {-1, 2};  // rank 3: both name dimension 2 -> 4-D dimension 3
  QRT_ASSERT(qrt::tflite_mean_params(0.1f, 5, 0.2f, 5, last, 2, 3, false, &m, &err));
  QRT_EXPECT_EQ(m.axis_mask, 0x8u);
  QRT_EXPECT_EQ(m.keep_dims, 0);
  QRT_EXPECT(m.multiplier != (1 << 30) || m.shift != 1);
  const int32_t bad[] = {3};
  QRT_EXPECT(!qrt::tflite_mean_params(0.1f, 5, 0.1f, 5, bad, 1, 3, true, &m, &err));

  qrt::PadParams p{};
  const int32_t paddings[] = {1, 2, 3, 4};  // rank 2
  QRT_ASSERT(qrt::tflite_pad_params(paddings, 2, -7, &p, &err));
  QRT_EXPECT_EQ(p.before[0], 0);
  QRT_EXPECT_EQ(p.before[2], 1);
  QRT_EXPECT_EQ(p.after[2], 2);
  QRT_EXPECT_EQ(p.before[3], 3);
  QRT_EXPECT_EQ(p.after[3], 4);
  QRT_EXPECT_EQ(p.pad_value, -7);
  const int32_t negative[] = {0, -1};
  QRT_EXPECT(!qrt::tflite_pad_params(negative, 1, 0, &p, &err));
}

// STRIDED_SLICE against Python's slice rules (x[begin:end:stride], as TFLite's strided_slice_logic
// resolves them), hand-computed.
QRT_TEST(tflite_params, strided_slice_resolves_masks_negatives_and_clamping) {
  std::string err;
  qrt::StridedSliceParams p{};
  std::vector<int32_t> shape;
  auto spec = [](std::vector<int32_t> in, std::vector<int32_t> b, std::vector<int32_t> e,
                 std::vector<int32_t> s) {
    qrt::TfliteStridedSliceSpec x;
    x.input_shape = in;
    x.begin = b;
    x.end = e;
    x.strides = s;
    return x;
  };
  // SEANet's slice: x[0:1, 2:8, 0:166, 0:2] of [1, 8, 166, 2].
  QRT_ASSERT(qrt::tflite_strided_slice_params(spec({1, 8, 166, 2}, {0, 2, 0, 0}, {1, 8, 166, 2}, {1, 1, 1, 1}),
                                              &p, &shape, &err));
  QRT_EXPECT_EQ(p.rank, 4);
  QRT_EXPECT_EQ(p.start[1], 2);
  QRT_EXPECT_EQ(p.count[1], 6);
  QRT_EXPECT(shape == std::vector<int32_t>({1, 6, 166, 2}));
  // x[::-1] of [5] (begin -1, end_mask): start 4, 5 elements backwards.
  qrt::TfliteStridedSliceSpec r = spec({5}, {-1}, {0}, {-1});
  r.end_mask = 1;
  QRT_ASSERT(qrt::tflite_strided_slice_params(r, &p, &shape, &err));
  QRT_EXPECT_EQ(p.start[0], 4);
  QRT_EXPECT_EQ(p.stride[0], -1);
  QRT_EXPECT_EQ(p.count[0], 5);
  // x[:7:2] of [7] (begin_mask): 0, 2, 4, 6.
  qrt::TfliteStridedSliceSpec m = spec({7}, {3}, {7}, {2});
  m.begin_mask = 1;
  QRT_ASSERT(qrt::tflite_strided_slice_params(m, &p, &shape, &err));
  QRT_EXPECT_EQ(p.start[0], 0);
  QRT_EXPECT_EQ(p.count[0], 4);
  // x[-1, 1:100] of [3, 4] with axis 0 shrunk: row 2, columns 1..3 (end clamped), shape [3].
  qrt::TfliteStridedSliceSpec k = spec({3, 4}, {-1, 1}, {0, 100}, {1, 1});
  k.shrink_axis_mask = 1;
  QRT_ASSERT(qrt::tflite_strided_slice_params(k, &p, &shape, &err));
  QRT_EXPECT_EQ(p.start[0], 2);
  QRT_EXPECT_EQ(p.count[0], 1);
  QRT_EXPECT_EQ(p.start[1], 1);
  QRT_EXPECT_EQ(p.count[1], 3);
  QRT_EXPECT(shape == std::vector<int32_t>({3}));
  // x[5:9] of [4]: empty (begin clamped to 4).
  QRT_ASSERT(qrt::tflite_strided_slice_params(spec({4}, {5}, {9}, {1}), &p, &shape, &err));
  QRT_EXPECT_EQ(p.count[0], 0);
  QRT_EXPECT(shape == std::vector<int32_t>({0}));
  // x[-2:-5:-2] of [6]: 4, 2.
  QRT_ASSERT(qrt::tflite_strided_slice_params(spec({6}, {-2}, {-5}, {-2}), &p, &shape, &err));
  QRT_EXPECT_EQ(p.start[0], 4);
  QRT_EXPECT_EQ(p.count[0], 2);
  // Refused: a zero stride, begin of the wrong length, the ellipsis and new-axis masks, rank 6.
  QRT_EXPECT(!qrt::tflite_strided_slice_params(spec({4}, {0}, {4}, {0}), &p, &shape, &err));
  QRT_EXPECT(err.find("stride") != std::string::npos);
  QRT_EXPECT(!qrt::tflite_strided_slice_params(spec({4, 4}, {0}, {4, 4}, {1, 1}), &p, &shape, &err));
  qrt::TfliteStridedSliceSpec e = spec({4}, {0}, {4}, {1});
  e.ellipsis_mask = 1;
  QRT_EXPECT(!qrt::tflite_strided_slice_params(e, &p, &shape, &err));
  e.ellipsis_mask = 0;
  e.new_axis_mask = 1;
  QRT_EXPECT(!qrt::tflite_strided_slice_params(e, &p, &shape, &err));
  QRT_EXPECT(!qrt::tflite_strided_slice_params(
      spec({1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}), &p, &shape, &err));
}

// LEAKY_RELU's rescales are float products (as TFLM's Prepare): one that overflows to infinity, or
// lies beyond what a multiplier can hold, is refused (found by fuzzing: frexp of infinity).
QRT_TEST(tflite_params, leaky_relu_refuses_unrepresentable_rescales) {
  qrt::LeakyReluParams p{};
  std::string err;
  QRT_ASSERT(qrt::tflite_leaky_relu_params(0.02f, 0, 0.01f, 0, 0.3f, &p, &err));
  QRT_EXPECT_EQ(p.shift_identity, 2);  // 2.0 = 2^30 * 2^(2 - 31)
  QRT_EXPECT(!qrt::tflite_leaky_relu_params(1e30f, 0, 1e-30f, 0, 0.3f, &p, &err));  // inf
  QRT_EXPECT(err.find("not representable") != std::string::npos);
  QRT_EXPECT(!qrt::tflite_leaky_relu_params(1.0f, 0, 1e-10f, 0, 0.3f, &p, &err));  // 1e10 > 2^30
  QRT_EXPECT(!qrt::tflite_leaky_relu_params(0.1f, 0, 0.1f, 0, 1e38f, &p, &err));
}

// QuantizeMultiplier: exact halves, the flush to zero below 2^-31, and a non-finite real (an
// overflowed float product of scales) turned into a pair the validator refuses.
QRT_TEST(tflite_params, quantize_multiplier_edges) {
  const qrt::QuantizedMultiplier half = qrt::quantize_multiplier(0.5);
  QRT_EXPECT_EQ(half.multiplier, 1 << 30);
  QRT_EXPECT_EQ(half.shift, 0);
  const qrt::QuantizedMultiplier tiny = qrt::quantize_multiplier(1e-12);
  QRT_EXPECT_EQ(tiny.multiplier, 0);
  const qrt::QuantizedMultiplier inf = qrt::quantize_multiplier(INFINITY);
  QRT_EXPECT_EQ(inf.shift, qrt::kInvalidShift);
  QRT_EXPECT(!qrt::is_valid_quantized_multiplier(inf.multiplier, inf.shift));
  QRT_EXPECT(!qrt::is_valid_quantized_multiplier(0, qrt::quantize_multiplier(1e12).shift));
}

// LOGISTIC / TANH int16: TFLM's power-of-two and multiplier paths, hand-computed, and the scales
// refused with a message (an output scale of 0 once reached a float -> int conversion of -inf).
QRT_TEST(tflite_params, logistic_tanh_s16) {
  qrt::LogisticParams p{};
  std::string err;
  // 2^-12: shift (15 - 3) - 12 = 0, the shift-only path as multiplier 3.
  QRT_ASSERT(qrt::tflite_logistic_tanh_s16_params(false, 1.0f / 4096, 0, 1.0f / 32768, 0, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, 3);
  QRT_EXPECT_EQ(p.input_left_shift, 0);
  // 2^-11: TANH's second shift-only case (3 << 1); LOGISTIC takes the multiplier path there:
  // 2^-11 * 12288 = 6, doubled 12 times to 24576 (> 16383.5 stops), shift 12.
  QRT_ASSERT(qrt::tflite_logistic_tanh_s16_params(true, 1.0f / 2048, 0, 1.0f / 32768, 0, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, 6);
  QRT_EXPECT_EQ(p.input_left_shift, 0);
  QRT_ASSERT(qrt::tflite_logistic_tanh_s16_params(false, 1.0f / 2048, 0, 1.0f / 32768, 0, &p, &err));
  QRT_EXPECT_EQ(p.input_multiplier, 24576);
  QRT_EXPECT_EQ(p.input_left_shift, 12);
  QRT_EXPECT(!qrt::tflite_logistic_tanh_s16_params(false, 1.0f / 4096, 0, 0.0f, 0, &p, &err));
  QRT_EXPECT(qrt_test::message_has(err.c_str(), "output scale"));
  QRT_EXPECT(!qrt::tflite_logistic_tanh_s16_params(true, 1.0f / 4096, 0, 1.0f / 256, 0, &p, &err));
  QRT_EXPECT(!qrt::tflite_logistic_tanh_s16_params(true, 1.0f / 4096, 3, 1.0f / 32768, 0, &p, &err));
  QRT_EXPECT(!qrt::tflite_logistic_tanh_s16_params(true, 4.0f, 0, 1.0f / 32768, 0, &p, &err));  // > 32767 / 12288
}
