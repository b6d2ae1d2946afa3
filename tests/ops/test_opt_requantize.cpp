// The optimized kernels' scalar output stage (opt::requantize_to_s8, kernel_util_s8.h) against
// the reference's order of clamps. Its requantization, multiply_by_quantized_multiplier_fast, is
// compared with the reference in tests/quant/test_fixedpoint.cpp.
#include <stdint.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt_test.h"

QRT_TEST(opt_requantize, output_stage_clamps_like_reference) {
  // act_min > act_max cannot come from a valid model, but the order (max then min) still shows:
  // the reference's result is act_max.
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(1000, 1 << 30, 1, 0, 10, 5), 5);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(-1000, 1 << 30, 1, 0, 10, 5), 5);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(7, 1 << 30, 1, -3, -128, 127), 4);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(100000, 1 << 30, 1, 0, -128, 127), 127);
  QRT_EXPECT_EQ(qrt::opt::requantize_to_s8(-100000, 1 << 30, 1, 0, -128, 127), -128);
}
