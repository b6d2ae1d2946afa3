// The port's FULLY_CONNECTED kernel against the reference kernel, byte for byte: input depths
// around every block size (1..67, 640 like ad01), odd unit counts, batches, per-tensor weights
// with a non-zero weights offset and per-channel weights (where the reference ignores it), and
// data / requantization modes as in test_opt_conv2d_s8.cpp.
#include <stdio.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"
#include "qrt_test.h"
#include "test_opt_util.h"

using opt_test::Data;
using opt_test::Requant;

namespace {

opt_test::FcBuffers g_buf;

int check_all_modes(qrt_test_util::Rng& rng, int32_t batches, int32_t depth, int32_t units) {
  int failures = 0;
  for (int d = 0; d < static_cast<int>(Data::kCount); ++d) {
    for (int q = 0; q < static_cast<int>(Requant::kCount); ++q) {
      for (int rep = 0; rep < 2; ++rep) {  // per-tensor and per-channel are drawn at random
        qrt::FullyConnectedParams p;
        qrt::FullyConnectedS8Args a;
        if (!opt_test::make_fc_case(rng, batches, depth, units, static_cast<Data>(d),
                                    static_cast<Requant>(q), &g_buf, &p, &a)) {
          printf("  fc %d x %d x %d does not fit the test buffers\n", static_cast<int>(batches),
                 static_cast<int>(depth), static_cast<int>(units));
          return failures + 1;
        }
        const opt_test::Compare r = opt_test::run_fc_compare(a, &g_buf);
        if (!opt_test::compare_ok(r)) {
          opt_test::print_fc_case("fc", a, r);
          ++failures;
        }
      }
    }
  }
  return failures;
}

}  // namespace

QRT_TEST(opt_fully_connected_s8, depths_around_blocks) {
  qrt_test_util::Rng rng{0x55555555u};
  static const int32_t kDepths[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 67};
  for (int32_t depth : kDepths) {
    QRT_EXPECT_EQ(check_all_modes(rng, 1, depth, 7), 0);
  }
}

QRT_TEST(opt_fully_connected_s8, model_shapes) {
  qrt_test_util::Rng rng{0x66666666u};
  QRT_EXPECT_EQ(check_all_modes(rng, 1, 640, 8), 0);   // ad01's first layer, fewer units
  QRT_EXPECT_EQ(check_all_modes(rng, 1, 128, 33), 0);  // ad01's hidden layers, fewer units
  QRT_EXPECT_EQ(check_all_modes(rng, 1, 8, 128), 0);   // ad01's bottleneck expansion
  QRT_EXPECT_EQ(check_all_modes(rng, 1, 64, 12), 0);   // kws01 / ic01 heads
  QRT_EXPECT_EQ(check_all_modes(rng, 1, 256, 1), 0);
}

QRT_TEST(opt_fully_connected_s8, batches) {
  qrt_test_util::Rng rng{0x77777777u};
  QRT_EXPECT_EQ(check_all_modes(rng, 2, 33, 5), 0);
  QRT_EXPECT_EQ(check_all_modes(rng, 3, 16, 16), 0);
  QRT_EXPECT_EQ(check_all_modes(rng, 5, 20, 3), 0);
  QRT_EXPECT_EQ(check_all_modes(rng, 4, 64, 10), 0);
}

QRT_TEST(opt_fully_connected_s8, random_shapes) {
  qrt_test_util::Rng rng{0x88888888u};
  int failures = 0;
  for (int i = 0; i < opt_test::kRandomCases; ++i) {
    const int32_t batches = rng.uniform(0, 4) == 0 ? rng.uniform(2, 4) : 1;
    const int32_t depth = rng.uniform(1, 200);
    const int32_t units = rng.uniform(1, 24);
    const Data d = static_cast<Data>(rng.uniform(0, 5) < 4 ? 0 : rng.uniform(1, 2));
    const Requant q = static_cast<Requant>(rng.uniform(0, 4) == 0 ? 1 : 0);
    qrt::FullyConnectedParams p;
    qrt::FullyConnectedS8Args a;
    if (!opt_test::make_fc_case(rng, batches, depth, units, d, q, &g_buf, &p, &a)) continue;
    const opt_test::Compare r = opt_test::run_fc_compare(a, &g_buf);
    if (!opt_test::compare_ok(r)) {
      if (failures < 5) opt_test::print_fc_case("random", a, r);
      ++failures;
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
