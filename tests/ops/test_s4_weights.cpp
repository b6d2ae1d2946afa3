// The packed INT4 weight kernels (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): a hand-computed
// case of every nibble's sign, and random shapes (odd rows whose last byte carries a padding
// nibble, per-tensor and per-channel, extreme data and requantization) on which the INT4
// reference equals the int8 reference run on the same values unpacked, and the variant this
// target runs (kernel_select.h) equals the INT4 reference, byte for byte, without writing past
// its output or declared scratch. The int8 references are themselves checked against TFLite's
// goldens; TFLM's own INT4 outputs are checked end to end in tests/golden/test_tflm_op_cases.cpp.
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/int4.h"
#include "qrt_test.h"
#include "test_opt_util.h"

using opt_test::Data;
using opt_test::Requant;

namespace {

opt_test::ConvBuffers g_conv;
opt_test::FcBuffers g_fc;
qrt_test::GuardedBuffer g_packed{opt_test::kMaxFilter};
qrt_test::GuardedBuffer g_fc_scratch{opt_test::kMaxScratch};
uint8_t g_out_s4[opt_test::kMaxOutput];

// Narrows `weights` to INT4 in place and returns them packed in rows of `row` values (g_packed).
const int8_t* narrow_and_pack(int8_t* weights, int32_t count, int32_t row) {
  uint8_t* packed = g_packed.tail(static_cast<size_t>(count / row * qrt::int4_row_bytes(row)), 1);
  opt_test::narrow_and_pack_s4(weights, count, row, packed);
  return reinterpret_cast<const int8_t*>(packed);
}

int check_conv(qrt_test_util::Rng& rng, bool depthwise, int cases) {
  int failures = 0;
  for (int n = 0; n < cases; ++n) {
    const opt_test::ConvShape shape = opt_test::random_conv_shape(rng, depthwise);
    const auto data = static_cast<Data>(rng.uniform(0, static_cast<int32_t>(Data::kCount) - 1));
    const auto requant = static_cast<Requant>(rng.uniform(0, 1));
    qrt::ConvParams p;
    qrt::ConvS8Args a;
    if (!opt_test::make_conv_case(rng, shape, depthwise, data, requant, &g_conv, &p, &a)) continue;
    const int32_t filter_elems = a.filter.n * a.filter.h * a.filter.w * a.filter.c;
    const int32_t out_elems = a.output.n * a.output.h * a.output.w * a.output.c;
    qrt::ConvS8Args s4 = a;
    s4.filter_data = narrow_and_pack(const_cast<int8_t*>(a.filter_data), filter_elems, a.filter.c);
    a.output_data = g_conv.out_ref.tail_as<int8_t>(out_elems);
    s4.output_data = reinterpret_cast<int8_t*>(g_out_s4);
    (depthwise ? qrt::depthwise_conv2d_s8_ref : qrt::conv2d_s8_ref)(a);
    (depthwise ? qrt::depthwise_conv2d_s8s4_ref : qrt::conv2d_s8s4_ref)(s4);
    // Before run_conv_compare, which writes its own outputs over g_conv's.
    const bool same = memcmp(a.output_data, s4.output_data, static_cast<size_t>(out_elems)) == 0;
    const opt_test::Compare r = opt_test::run_conv_compare(depthwise, s4, &g_conv, true);
    if (!same) {
      opt_test::print_conv_case(depthwise ? "depthwise s4 reference" : "conv s4 reference", a,
                                opt_test::Compare{0, 0, 0, true, true, true});
      ++failures;
    } else if (!opt_test::compare_ok(r)) {
      opt_test::print_conv_case(depthwise ? "depthwise s4 variant" : "conv s4 variant", s4, r);
      ++failures;
    }
  }
  return failures;
}

}  // namespace

// out = sum (x + 0) * w with weights {-8, 7, -1, 1, 0} (nibbles 8, 7, F, 1, 0 and a padding
// nibble): 1 * -8 + 2 * 7 + 3 * -1 + 4 * 1 + 5 * 0 = 7; multiplier 2^30 with shift 1 is x1.0.
QRT_TEST(s4_weights, hand_computed_fully_connected) {
  const int8_t input[5] = {1, 2, 3, 4, 5};
  const uint8_t weights[3] = {0x78, 0x1F, 0x00};
  const int32_t multiplier = 1 << 30, shift = 1, bias = 100;
  qrt::FullyConnectedParams p{};
  p.output_offset = -5;
  p.act_min = -128;
  p.act_max = 127;
  p.channel_count = 1;
  qrt::FullyConnectedS8Args a{};
  a.params = &p;
  a.multipliers = &multiplier;
  a.shifts = &shift;
  a.batches = 1;
  a.input_depth = 5;
  a.output_depth = 1;
  a.input = input;
  a.weights = reinterpret_cast<const int8_t*>(weights);
  a.bias = &bias;
  int8_t out = 0;
  a.output = &out;
  qrt::fully_connected_s8s4_ref(a);
  QRT_EXPECT_EQ(out, 7 + 100 - 5);
}

QRT_TEST(s4_weights, conv2d_matches_int8_reference) {
  qrt_test_util::Rng rng{0x4444aaaau};
  QRT_EXPECT_EQ(check_conv(rng, false, opt_test::kRandomCases / 4), 0);
}

QRT_TEST(s4_weights, depthwise_matches_int8_reference) {
  qrt_test_util::Rng rng{0x4444bbbbu};
  QRT_EXPECT_EQ(check_conv(rng, true, opt_test::kRandomCases / 4), 0);
}

QRT_TEST(s4_weights, fully_connected_matches_int8_reference) {
  qrt_test_util::Rng rng{0x4444ccccu};
  static const int32_t kDepths[] = {1, 2, 3, 5, 7, 8, 15, 16, 17, 31, 33, 64, 65, 127, 640};
  int failures = 0;
  for (int32_t depth : kDepths) {
    for (int rep = 0; rep < 6; ++rep) {
      const auto data = static_cast<Data>(rep % static_cast<int>(Data::kCount));
      qrt::FullyConnectedParams p;
      qrt::FullyConnectedS8Args a;
      const int32_t units = rng.uniform(1, 9);
      if (!opt_test::make_fc_case(rng, rng.uniform(1, 3), depth, units, data,
                                  static_cast<Requant>(rep % 2), &g_fc, &p, &a)) {
        continue;
      }
      const int32_t out_elems = a.batches * a.output_depth;
      qrt::FullyConnectedS8Args s4 = a;
      s4.weights = narrow_and_pack(const_cast<int8_t*>(a.weights), depth * units, depth);
      a.output = g_fc.out_ref.tail_as<int8_t>(out_elems);
      s4.output = reinterpret_cast<int8_t*>(g_out_s4);
      qrt::fully_connected_s8_ref(a);
      qrt::fully_connected_s8s4_ref(s4);
      const bool same = memcmp(a.output, s4.output, static_cast<size_t>(out_elems)) == 0;
      const opt_test::Compare r = opt_test::run_fc_compare(s4, &g_fc, true, &g_fc_scratch);
      if (!same || !opt_test::compare_ok(r)) {
        opt_test::print_fc_case(same ? "fc s4 variant" : "fc s4 reference", s4, r);
        ++failures;
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
