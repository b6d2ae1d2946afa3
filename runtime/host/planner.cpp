#include "planner.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace qrt {
namespace host {
namespace {

uint32_t align16(uint32_t v) { return (v + 15u) & ~15u; }

bool live_together(const PlanBuffer& a, const PlanBuffer& b) {
  return a.first_op <= b.last_op && b.first_op <= a.last_op;
}

}  // namespace

PlanResult plan_in_order(const std::vector<PlanBuffer>& buffers,
                         const std::vector<size_t>& order) {
  PlanResult r;
  r.offsets.assign(buffers.size(), 0);
  std::vector<size_t> placed;
  for (size_t idx : order) {
    const PlanBuffer& b = buffers[idx];
    // Candidate offsets: 0 and the (aligned) end of every conflicting placed buffer; the lowest
    // candidate that overlaps no conflicting buffer wins.
    std::vector<uint32_t> candidates{0};
    std::vector<size_t> conflicts;
    for (size_t p : placed) {
      if (!live_together(b, buffers[p])) continue;
      conflicts.push_back(p);
      candidates.push_back(align16(r.offsets[p] + buffers[p].bytes));
    }
    std::sort(candidates.begin(), candidates.end());
    for (uint32_t at : candidates) {
      const bool fits = std::none_of(conflicts.begin(), conflicts.end(), [&](size_t p) {
        return at < r.offsets[p] + buffers[p].bytes && r.offsets[p] < at + b.bytes;
      });
      if (fits) {
        r.offsets[idx] = at;
        break;
      }
    }
    placed.push_back(idx);
    r.total_bytes = std::max(r.total_bytes, r.offsets[idx] + b.bytes);
  }
  return r;
}

PlanResult plan_buffers(const std::vector<PlanBuffer>& buffers) {
  std::vector<size_t> base(buffers.size());
  std::iota(base.begin(), base.end(), size_t{0});
  auto span = [&](size_t i) { return uint64_t{buffers[i].last_op} - buffers[i].first_op + 1; };
  const std::vector<std::pair<const char*, std::function<uint64_t(size_t)>>> keys = {
      {"size", [&](size_t i) { return uint64_t{buffers[i].bytes}; }},
      {"size*lifetime", [&](size_t i) { return uint64_t{buffers[i].bytes} * span(i); }},
      {"lifetime", [&](size_t i) { return span(i); }},
  };
  PlanResult best;
  bool have = false;
  auto consider = [&](const char* name, std::vector<size_t> order) {
    PlanResult r = plan_in_order(buffers, order);
    if (!have || r.total_bytes < best.total_bytes) {
      best = std::move(r);
      best.strategy = name;
      have = true;
    }
  };
  for (const auto& key : keys) {
    std::vector<size_t> order = base;
    // Larger key first; ties broken by size then index so the result is deterministic.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const uint64_t ka = key.second(a), kb = key.second(b);
      if (ka != kb) return ka > kb;
      return buffers[a].bytes > buffers[b].bytes;
    });
    consider(key.first, order);
  }
  std::vector<size_t> first_use = base;  // first-fit in execution order: the classic baseline
  std::stable_sort(first_use.begin(), first_use.end(),
                   [&](size_t a, size_t b) { return buffers[a].first_op < buffers[b].first_op; });
  consider("first use", first_use);
  if (!have) best.strategy = "empty";
  return best;
}

}  // namespace host
}  // namespace qrt
