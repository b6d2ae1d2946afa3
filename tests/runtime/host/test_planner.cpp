// The offline activation planner: plans never overlap live buffers, are 16-byte aligned, are never
// worse than placing buffers first-fit in first-use order, and reach the optimum on hand cases.
#include <algorithm>
#include <vector>

#include "planner.h"
#include "qrt_test.h"

namespace {

using qrt::host::PlanBuffer;
using qrt::host::PlanResult;

// Independent check of a plan: alignment, bounds and pairwise disjointness of live buffers.
bool plan_is_valid(const std::vector<PlanBuffer>& b, const PlanResult& r) {
  uint32_t end = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    if (r.offsets[i] % 16 != 0) return false;
    end = std::max(end, r.offsets[i] + b[i].bytes);
    for (size_t j = i + 1; j < b.size(); ++j) {
      const bool live = b[i].first_op <= b[j].last_op && b[j].first_op <= b[i].last_op;
      const bool overlap = r.offsets[i] < r.offsets[j] + b[j].bytes &&
                           r.offsets[j] < r.offsets[i] + b[i].bytes;
      if (live && overlap && b[i].bytes != 0 && b[j].bytes != 0) return false;
    }
  }
  return end == r.total_bytes;
}

// Lower bound: at every operator, the live buffers must fit side by side.
uint32_t peak_live_bytes(const std::vector<PlanBuffer>& b) {
  uint32_t last = 0;
  for (const PlanBuffer& x : b) last = std::max(last, x.last_op);
  uint32_t peak = 0;
  for (uint32_t op = 0; op <= last; ++op) {
    uint32_t live = 0;
    for (const PlanBuffer& x : b) {
      if (x.first_op <= op && op <= x.last_op) live += x.bytes;
    }
    peak = std::max(peak, live);
  }
  return peak;
}

QRT_TEST(planner, chain_reuses_dead_buffers) {
  // a (op 0-1) -> b (1-2) -> c (2-3): a and c never live together, so c takes a's bytes.
  const std::vector<PlanBuffer> b = {{96, 0, 1}, {48, 1, 2}, {96, 2, 3}};
  const PlanResult r = qrt::host::plan_buffers(b);
  QRT_ASSERT(plan_is_valid(b, r));
  QRT_EXPECT_EQ(r.total_bytes, 96 + 48);
  QRT_EXPECT_EQ(r.offsets[0], r.offsets[2]);
}

QRT_TEST(planner, size_order_beats_first_use_order) {
  // First-fit in first-use order puts the small early buffer at 0, the long-lived one above it at
  // 16 and the op-1 buffer above that (16 + 1008 + 512 = 1536); placing the large, long-lived
  // buffer first reaches the peak of live bytes, 1008 + 512 = 1520 at operator 1.
  const std::vector<PlanBuffer> b = {{16, 0, 0}, {1008, 0, 3}, {512, 1, 1}, {496, 2, 3}};
  const PlanResult best = qrt::host::plan_buffers(b);
  const PlanResult first_use = qrt::host::plan_in_order(b, {0, 1, 2, 3});
  QRT_ASSERT(plan_is_valid(b, best));
  QRT_ASSERT(plan_is_valid(b, first_use));
  QRT_EXPECT_EQ(best.total_bytes, peak_live_bytes(b));
  QRT_EXPECT_EQ(best.total_bytes, 1520);
  QRT_EXPECT_EQ(first_use.total_bytes, 1536);
}

QRT_TEST(planner, random_graphs_valid_and_never_worse_than_first_fit) {
  uint32_t state = 2024;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  int strictly_better = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const uint32_t ops = 2 + next() % 40;
    const uint32_t count = 1 + next() % 60;
    std::vector<PlanBuffer> b;
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t first = next() % ops;
      const uint32_t span = next() % 5;
      b.push_back({1 + next() % 4096, first, std::min(ops - 1, first + span)});
    }
    std::vector<size_t> first_use(b.size());
    for (size_t i = 0; i < b.size(); ++i) first_use[i] = i;
    std::stable_sort(first_use.begin(), first_use.end(),
                     [&](size_t x, size_t y) { return b[x].first_op < b[y].first_op; });
    const PlanResult best = qrt::host::plan_buffers(b);
    const PlanResult baseline = qrt::host::plan_in_order(b, first_use);
    QRT_ASSERT(plan_is_valid(b, best));
    QRT_ASSERT(plan_is_valid(b, baseline));
    QRT_ASSERT(best.total_bytes >= peak_live_bytes(b));
    QRT_ASSERT(best.total_bytes <= baseline.total_bytes);
    strictly_better += best.total_bytes < baseline.total_bytes ? 1 : 0;
  }
  QRT_EXPECT(strictly_better > 0);
}

}  // namespace
