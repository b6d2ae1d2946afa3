// The target's ADD and SUB int8 kernels against the references, byte for byte: random sizes
// (including every tail length of a 4- and 16-lane step), random TFLite-range parameters (input
// offsets -zp in [-127, 128], left shift 20, multipliers in [2^30, 2^31) with shifts in [-31, 0]
// so every rounding path and negative ties occur, clamps), extreme inputs, in place (output on
// input 1, as the planner may place it), and broadcasts (run by the reference inside the variant).
#include <stdio.h>
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt_test.h"
#include "ref_test_util.h"

namespace {

constexpr int32_t kMax = 4096;
int8_t g_a[kMax], g_b[kMax], g_ref[kMax], g_opt[kMax];

bool same_bytes(qrt_test_util::Rng& rng, bool sub, int32_t count, bool broadcast, bool in_place) {
  qrt::AddParams p{};
  p.input1_offset = rng.uniform(-127, 128);
  p.input2_offset = rng.uniform(-127, 128);
  p.output_offset = rng.uniform(-128, 127);
  p.left_shift = 20;
  p.input1_multiplier = (1 << 30) + rng.uniform(0, (1 << 30) - 1);
  p.input2_multiplier = (1 << 30) + rng.uniform(0, (1 << 30) - 1);
  p.output_multiplier = (1 << 30) + rng.uniform(0, (1 << 30) - 1);
  p.input1_shift = -rng.uniform(0, 3);
  p.input2_shift = -rng.uniform(0, 3);
  p.output_shift = -rng.uniform(8, 31);
  p.act_min = rng.uniform(-128, -50);
  p.act_max = rng.uniform(50, 127);
  const bool extreme = rng.uniform(0, 5) == 0;
  for (int32_t i = 0; i < count; ++i) {
    g_a[i] = static_cast<int8_t>(extreme ? (i % 2 ? 127 : -128) : rng.uniform(-128, 127));
    g_b[i] = static_cast<int8_t>(extreme ? (i % 3 ? -128 : 127) : rng.uniform(-128, 127));
  }
  qrt::BinaryS8Args a{};
  a.params = &p;
  a.input1 = {1, 1, 1, count};
  a.input1_data = g_a;
  a.input2 = broadcast ? qrt::Shape4{1, 1, 1, 1} : qrt::Shape4{1, 1, 1, count};
  a.input2_data = g_b;
  a.output = {1, 1, 1, count};
  a.output_data = g_ref;
  (sub ? qrt::sub_s8_ref : qrt::add_s8_ref)(a);
  const qrt::Isa variant = qrt::add_sub_s8_variant(qrt::target_isas());
  if (in_place) {
    memcpy(g_opt, g_a, static_cast<size_t>(count));
    a.input1_data = g_opt;
  }
  a.output_data = g_opt;
  (sub ? qrt::sub_s8_kernel(variant) : qrt::add_s8_kernel(variant))(a);
  if (memcmp(g_ref, g_opt, static_cast<size_t>(count)) != 0) {
    printf("  %s of %d%s%s differs\n", sub ? "SUB" : "ADD", static_cast<int>(count), broadcast ? " (broadcast)" : "",
           in_place ? " (in place)" : "");
    return false;
  }
  return true;
}

}  // namespace

QRT_TEST(opt_add_s8, random_sizes_and_parameters) {
  printf("  variant: %s\n", qrt::isa_name(qrt::add_sub_s8_variant(qrt::target_isas())));
  qrt_test_util::Rng rng{0xADD5EEDu};
  int failures = 0;
  for (int32_t count = 1; count <= 40; ++count) {
    for (int rep = 0; rep < 4; ++rep) failures += same_bytes(rng, rep % 2 == 1, count, false, rep == 2) ? 0 : 1;
  }
  for (int rep = 0; rep < 40; ++rep) {
    failures += same_bytes(rng, rep % 2 == 1, rng.uniform(41, kMax), rep % 5 == 4, rep % 3 == 0) ? 0 : 1;
  }
  QRT_EXPECT_EQ(failures, 0);
}
