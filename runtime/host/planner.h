// Offline activation planner: assigns arena offsets to buffers with known lifetimes so that
// buffers live at the same time never share bytes, keeping the region small.
#ifndef QRT_RUNTIME_HOST_PLANNER_H
#define QRT_RUNTIME_HOST_PLANNER_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace host {

struct PlanBuffer {
  uint32_t bytes;
  uint32_t first_op;  // inclusive
  uint32_t last_op;   // inclusive
};

struct PlanResult {
  std::vector<uint32_t> offsets;  // per buffer, multiples of 16
  uint32_t total_bytes = 0;       // max(offset + bytes)
  std::string strategy;           // the ordering that gave the smallest total
};

// Greedy placement (each buffer at the lowest 16-aligned offset that fits between the buffers
// already placed whose lifetimes overlap it), tried with several orderings — by size, by
// lifetime length, by size x lifetime, by first use — keeping the smallest result. The
// by-size ordering is TFLite Micro's greedy planner and the first-use ordering is plain first-fit,
// so the result is never worse than either.
PlanResult plan_buffers(const std::vector<PlanBuffer>& buffers);

// Places buffers in the given order with the same greedy rule (exposed for tests).
PlanResult plan_in_order(const std::vector<PlanBuffer>& buffers,
                         const std::vector<size_t>& order);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_PLANNER_H
