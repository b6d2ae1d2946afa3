// `qrt report A.json B.json ... -o DIR`: merges acceptance reports (models/formats/REPORT-JSON.md)
// of several quantization strategies of one evaluation (same set, same task) into a markdown table
// and two SVG plots (accuracy vs latency, accuracy vs model size; a language model's perplexity)
// with the Pareto frontier drawn and dominated points named. Host only.
#ifndef QRT_RUNTIME_HOST_ACCEPT_REPORT_MERGE_H
#define QRT_RUNTIME_HOST_ACCEPT_REPORT_MERGE_H

#include <cmath>
#include <string>
#include <vector>

namespace qrt {
namespace host {
namespace accept {

// One point of the comparison.
struct StrategyPoint {
  std::string name;    // strategy label, else model name, else file name
  std::string model;
  std::string source;  // the report file it came from
  std::string target;
  std::string eval_set;
  std::string task;             // "classification", "anomaly", "language_model", ...
  std::string accuracy_metric;  // "top1" or "roc_auc"
  double accuracy = NAN;  // NaN when unknown
  double accuracy_low = NAN, accuracy_high = NAN;  // its 95% interval (top-1)
  // Language models: what they are judged by (lower perplexity and KL are better).
  double perplexity = NAN;
  double float_perplexity = NAN;
  double kl_mean = NAN;
  double agreement = NAN;
  double tokens_per_second = NAN;
  double latency = NAN;   // median cycles
  double size = NAN;      // flash bytes (model blob)
  double arena = NAN;
  double cycles_per_second = NAN;
  int verdict = -1;       // 1 PASS, 0 FAIL, -1 none (a float baseline)
  bool baseline = false;  // taken from a report's float_* fields
  // The point's own float baseline (same report), for its drop and speedup; NaN for baselines.
  double float_accuracy = NAN;
  double float_latency = NAN;
};

// Reads one report; appends its quantized model's point and, when the report measured a float
// baseline (float_accuracy etc.), a baseline point named "float (<float_model>)" unless one with
// that name is already in `points`.
bool read_report_points(const std::string& path, std::vector<StrategyPoint>* points,
                        std::string* error);
// The same on a report's text; `path` names it in messages and as the points' source.
bool parse_report_points(const std::string& text, const std::string& path,
                         std::vector<StrategyPoint>* points, std::string* error);

// Pareto analysis for "higher accuracy, lower cost". Points with a NaN coordinate take no part
// (on_frontier false, dominated_by -1). A point is dominated when another is at least as accurate
// and at most as costly, and strictly better in one of the two; dominated_by names the frontier
// point with the lowest cost among those that dominate it.
struct Pareto {
  std::vector<bool> on_frontier;
  std::vector<int> dominated_by;
};
Pareto pareto_frontier(const std::vector<double>& accuracy, const std::vector<double>& cost);

// A scatter plot with the frontier as a staircase from the cheapest frontier point to the last.
// The cost axis turns logarithmic when the costs span more than 10x; labels never overlap (one
// that finds no free place is listed under the plot instead). Returns the SVG document.
struct ScatterPlot {
  std::string title, subtitle, x_label, y_label;
  bool y_percent = false;        // accuracy as a fraction shown in percent
  bool lower_is_better = false;  // perplexity: the frontier is the lowest y at each cost
  std::vector<double> x, y;
  std::vector<double> y_low, y_high;  // confidence interval bars (NaN or empty: none)
  std::vector<std::string> names;
  std::vector<bool> baseline;
  Pareto pareto;
};
std::string render_scatter_svg(const ScatterPlot& plot);

// The merged comparison: writes DIR/report.md, DIR/accuracy_vs_latency.svg and
// DIR/accuracy_vs_size.svg (creating DIR), and returns the markdown in *markdown.
bool merge_reports(const std::vector<std::string>& paths, const std::string& out_dir,
                   std::string* markdown, std::string* error);

}  // namespace accept
}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_ACCEPT_REPORT_MERGE_H
