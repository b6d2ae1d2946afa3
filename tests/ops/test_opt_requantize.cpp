// opt::multiply_by_quantized_multiplier_fast, the requantization the optimized kernels use in
// scalar code (ops/include/qrt/ops/kernel_util_s8.h), against qrt::multiply_by_quantized_multiplier
// (TFLite's MultiplyByQuantizedMultiplier, itself tested against gemmlowp's definition and a
// double oracle in tests/quant/test_fixedpoint.cpp): every shift in [-31, 30] with the extreme and
// random valid multipliers, on extreme, random and tie-producing inputs.
#include <stdint.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt_test.h"
#include "ref_test_util.h"

namespace {

int mismatches_for(int32_t multiplier, int32_t shift, qrt_test_util::Rng& rng) {
  static const int32_t kEdges[] = {INT32_MIN, INT32_MIN + 1, -(1 << 30), -65536, -257, -2, -1,
                                   0,         1,             2,          255,    65535, 1 << 30,
                                   INT32_MAX - 1, INT32_MAX};
  int bad = 0;
  auto check = [&](int32_t x) {
    if (qrt::opt::multiply_by_quantized_multiplier_fast(x, multiplier, shift) !=
        qrt::multiply_by_quantized_multiplier(x, multiplier, shift)) {
      ++bad;
    }
  };
  for (int32_t x : kEdges) check(x);
#if defined(QRT_TEST_SLOW_TARGET)
  const int kRandom = 40;
#else
  const int kRandom = 400;
#endif
  for (int i = 0; i < kRandom; ++i) {
    check(static_cast<int32_t>(rng.next()));                 // any int32
    check(rng.uniform(-(1 << 20), 1 << 20));                  // accumulator-sized
    // Values whose product with the multiplier lands on a rounding tie of the final shift.
    const int32_t right = shift < 0 ? -shift : 0;
    if (right > 0 && right < 31) {
      const int32_t k = rng.uniform(-1000, 1000);
      check(static_cast<int32_t>(k * (int64_t{1} << right) + (int64_t{1} << (right - 1))));
    }
  }
  return bad;
}

}  // namespace

QRT_TEST(opt_requantize, fast_equals_reference_for_every_shift) {
  qrt_test_util::Rng rng{0xC0FFEEu};
  int bad = 0;
  for (int32_t shift = -31; shift <= 30; ++shift) {
    const int32_t multipliers[] = {0, 1 << 30, (1 << 30) + 1, 1518500250, INT32_MAX - 1, INT32_MAX,
                                   static_cast<int32_t>((1u << 30) + (rng.next() >> 2))};
    for (int32_t m : multipliers) bad += mismatches_for(m, shift, rng);
  }
  QRT_EXPECT_EQ(bad, 0);
}

QRT_TEST(opt_requantize, output_stage_clamps_like_reference) {
  // act_min > act_max cannot come from a valid model, but the order (max then min) still shows:
  // the reference's result is act_max.
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(1000, 1 << 30, 1, 0, 10, 5), 5);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(-1000, 1 << 30, 1, 0, 10, 5), 5);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(7, 1 << 30, 1, -3, -128, 127), 4);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(100000, 1 << 30, 1, 0, -128, 127), 127);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(-100000, 1 << 30, 1, 0, -128, 127), -128);
}
