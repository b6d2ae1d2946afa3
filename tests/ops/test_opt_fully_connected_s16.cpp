// The target's FULLY_CONNECTED 16x8 kernel against the reference kernel, byte for byte: depths
// around every block and flush size (1..67, 1024 and 1031 across the AVX2 flush, 2100 across
// the NEON one), odd unit counts, batches, per-tensor weights with weights offsets at both ends
// and per-channel weights (where the offset is ignored), random and extreme data, with and
// without bias. The extreme case (every input -32768, every weight 127 + offset 128) makes every
// product the same sign and as large as it gets, so a variant that kept its int32 partial sums
// past its flush point would overflow at the deepest depths (checked: a flush every 512 AVX2
// steps fails here). On a target without a 16x8 variant it compares the reference with itself.
#include <stdio.h>
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt_test.h"
#include "ref_test_util.h"

namespace {

constexpr int32_t kMaxDepth = 2100, kMaxUnits = 9, kMaxBatches = 3;
int16_t g_input[kMaxBatches * kMaxDepth];
int8_t g_weights[kMaxUnits * kMaxDepth];
int32_t g_bias[kMaxUnits], g_multipliers[kMaxUnits], g_shifts[kMaxUnits];
int16_t g_ref[kMaxBatches * kMaxUnits], g_opt[kMaxBatches * kMaxUnits];

enum class Data { kRandom, kExtreme };

// Fills one case and returns whether both kernels wrote the same bytes.
bool same_bytes(qrt_test_util::Rng& rng, int32_t batches, int32_t depth, int32_t units, Data data,
                bool per_channel, bool bias) {
  qrt::FullyConnectedParams p{};
  p.channel_count = per_channel ? units : 1;
  p.weights_offset = per_channel ? 0 : (rng.uniform(0, 2) == 0 ? 128 : rng.uniform(-127, 128));
  if (data == Data::kExtreme && !per_channel) p.weights_offset = 128;
  p.act_min = -32768;
  p.act_max = 32767;
  if (rng.uniform(0, 3) == 0) {
    p.act_min = rng.uniform(-32768, 0);
    p.act_max = rng.uniform(1, 32767);
  }
  for (int32_t i = 0; i < batches * depth; ++i) {
    g_input[i] = static_cast<int16_t>(data == Data::kExtreme ? -32768 : rng.uniform(-32768, 32767));
  }
  for (int32_t i = 0; i < units * depth; ++i) {
    g_weights[i] = static_cast<int8_t>(data == Data::kExtreme ? 127 : rng.uniform(-128, 127));
  }
  for (int32_t o = 0; o < units; ++o) {
    g_bias[o] = rng.uniform(-(1 << 20), 1 << 20);
    // Multipliers in [2^30, 2^31), shifts so that the int64 sums land inside int16 often.
    g_multipliers[o] = (1 << 30) + rng.uniform(0, (1 << 30) - 1);
    g_shifts[o] = -rng.uniform(10, 24);
  }
  qrt::FullyConnectedS16Args a{};
  a.params = &p;
  a.multipliers = g_multipliers;
  a.shifts = g_shifts;
  a.batches = batches;
  a.input_depth = depth;
  a.output_depth = units;
  a.input = g_input;
  a.weights = g_weights;
  a.bias = bias ? g_bias : nullptr;
  a.output = g_ref;
  qrt::fully_connected_s16_ref(a);
  a.output = g_opt;
  qrt::fully_connected_s16_kernel(qrt::fully_connected_s16_variant(qrt::target_isas()))(a);
  const bool same = memcmp(g_ref, g_opt, sizeof(int16_t) * static_cast<size_t>(batches * units)) == 0;
  if (!same) {
    printf("  fc16 %d x %d x %d %s %s differs\n", static_cast<int>(batches), static_cast<int>(depth),
           static_cast<int>(units), per_channel ? "per-channel" : "per-tensor",
           data == Data::kExtreme ? "extreme" : "random");
  }
  return same;
}

}  // namespace

QRT_TEST(opt_fully_connected_s16, depths_units_and_modes) {
  printf("  variant: %s\n", qrt::isa_name(qrt::fully_connected_s16_variant(qrt::target_isas())));
  qrt_test_util::Rng rng{0x16161616u};
  static const int32_t kDepths[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 67,
                                    1024, 1031, 2100};
  static const int32_t kUnits[] = {1, 3, 9};
  static const Data kData[] = {Data::kRandom, Data::kExtreme};
  int failures = 0;
  for (int32_t depth : kDepths) {
    for (int32_t units : kUnits) {
      for (Data data : kData) {
        for (int mode = 0; mode < 4; ++mode) {
          const int32_t batches = depth > 1000 ? 1 : 1 + mode % kMaxBatches;
          failures += same_bytes(rng, batches, depth, units, data, mode % 2 == 1, mode < 2) ? 0 : 1;
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
