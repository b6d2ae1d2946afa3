// Choosing among the strategies of a sweep (`qrt sweep`): the acceptance rule of each report
// filters (its verdict, computed by `qrt accept` from the criteria file), and among the passing
// strategies one order decides, stated in the selection's reason:
//   smallest  - the smallest model blob (flash), then the lowest median latency;
//   fastest   - the lowest median latency, then the smallest blob.
// A strategy without a verdict (no criterion set, or a failed run) never passes.
#ifndef QRT_RUNTIME_HOST_ACCEPT_SWEEP_SELECT_H
#define QRT_RUNTIME_HOST_ACCEPT_SWEEP_SELECT_H

#include <string>
#include <vector>

#include "accept/report_merge.h"

namespace qrt {
namespace host {
namespace accept {

enum class SweepPreference { kSmallest, kFastest };

// "smallest" or "fastest"; false otherwise.
bool parse_sweep_preference(const std::string& text, SweepPreference* preference);

struct SweepSelection {
  int index = -1;      // into the points, -1 when none passes
  int passing = 0;     // how many passed
  std::string reason;  // one sentence: why this one (or why none)
};

// Picks among `points` (one per strategy; baselines are skipped) by the rule above.
SweepSelection select_strategy(const std::vector<StrategyPoint>& points, SweepPreference preference);

}  // namespace accept
}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_ACCEPT_SWEEP_SELECT_H
