#include "accept/sweep_select.h"

#include <math.h>

#include <cstdio>

namespace qrt {
namespace host {
namespace accept {

bool parse_sweep_preference(const std::string& text, SweepPreference* preference) {
  if (text == "smallest") {
    *preference = SweepPreference::kSmallest;
  } else if (text == "fastest") {
    *preference = SweepPreference::kFastest;
  } else {
    return false;
  }
  return true;
}

namespace {

// NaN sorts last.
bool less(double a, double b) { return !isnan(a) && (isnan(b) || a < b); }

bool better(const StrategyPoint& a, const StrategyPoint& b, SweepPreference p) {
  const double a1 = p == SweepPreference::kSmallest ? a.size : a.latency;
  const double b1 = p == SweepPreference::kSmallest ? b.size : b.latency;
  if (less(a1, b1)) return true;
  if (less(b1, a1)) return false;
  const double a2 = p == SweepPreference::kSmallest ? a.latency : a.size;
  const double b2 = p == SweepPreference::kSmallest ? b.latency : b.size;
  return less(a2, b2);
}

}  // namespace

SweepSelection select_strategy(const std::vector<StrategyPoint>& points, SweepPreference preference) {
  SweepSelection s;
  int judged = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const StrategyPoint& p = points[i];
    if (p.baseline) continue;
    judged += p.verdict >= 0 ? 1 : 0;
    if (p.verdict != 1) continue;
    ++s.passing;
    if (s.index < 0 || better(p, points[static_cast<size_t>(s.index)], preference)) s.index = static_cast<int>(i);
  }
  const char* order = preference == SweepPreference::kSmallest ? "the smallest blob, then the lowest median latency"
                                                               : "the lowest median latency, then the smallest blob";
  char text[512];
  if (s.index < 0) {
    std::snprintf(text, sizeof text, "no strategy passes the acceptance rule (%d judged)", judged);
  } else {
    const StrategyPoint& p = points[static_cast<size_t>(s.index)];
    std::snprintf(text, sizeof text,
                  "'%s' passes the acceptance rule and, of the %d strategies that pass, has %s "
                  "(%.0f B flash, %.0f cycles median)",
                  p.name.c_str(), s.passing, order, p.size, p.latency);
  }
  s.reason = text;
  return s;
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
