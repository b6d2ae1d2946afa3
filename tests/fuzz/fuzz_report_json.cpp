// libFuzzer target: `qrt report`'s JSON parser and point extraction, then the Pareto analysis and
// the SVG plot of what was read (no file is written). Any text is a set of plottable points or
// a one-line error; the plot must finish (bounded tick loops) for any accepted values.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "accept/report_merge.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<qrt::host::accept::StrategyPoint> points;
  std::string error;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!qrt::host::accept::parse_report_points(text, "fuzz.json", &points, &error)) {
    if (error.empty()) abort();
    return 0;
  }
  qrt::host::accept::ScatterPlot plot;
  std::vector<double> accuracy, latency;
  for (const auto& p : points) {
    plot.names.push_back(p.name);
    plot.baseline.push_back(p.baseline);
    plot.y.push_back(p.accuracy);
    plot.x.push_back(p.latency);
    accuracy.push_back(p.accuracy);
    latency.push_back(p.latency);
  }
  plot.pareto = qrt::host::accept::pareto_frontier(accuracy, latency);
  if (qrt::host::accept::render_scatter_svg(plot).empty()) abort();
  return 0;
}
