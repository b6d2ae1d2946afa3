// Merging acceptance reports: points per strategy, Pareto analysis, markdown table, plots.
#include "file_io.h"
#include "report_merge.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <set>

#include "blob_writer.h"
#include "json_value.h"

namespace qrt {
namespace host {
namespace accept {
namespace {

std::string file_stem(const std::string& path) {
  const size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

double median_of(const JsonValue& report, const char* key) {
  const JsonValue* lat = report.get(key);
  return lat != nullptr ? json_number(*lat, "median") : NAN;
}

// Element `k` of a [low, high] array, or NaN.
double bound_of(const JsonValue& report, const char* key, size_t k) {
  const JsonValue* v = report.get(key);
  if (v == nullptr || v->kind != JsonValue::Kind::kArray || v->items.size() != 2) return NAN;
  return v->items[k].kind == JsonValue::Kind::kNumber ? v->items[k].number : NAN;
}

std::string fmt(const char* format, double v) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string accuracy_text(double v, const std::string& metric) {
  return metric == "top1" ? fmt("%.2f%%", v * 100.0) : fmt("%.4f", v);
}

// "A, B and C" from the points selected.
std::string join_names(const std::vector<StrategyPoint>& pts, const std::vector<size_t>& which) {
  std::string out;
  for (size_t k = 0; k < which.size(); ++k) {
    if (k > 0) out += k + 1 == which.size() ? " and " : ", ";
    out += pts[which[k]].name;
  }
  return out.empty() ? "none" : out;
}

std::string pareto_notes(const std::vector<StrategyPoint>& pts, const Pareto& p,
                         const std::string& better, const char* cost_name) {
  std::vector<size_t> front, left_out;
  std::string dominated;
  for (size_t i = 0; i < pts.size(); ++i) {
    if (p.on_frontier[i]) front.push_back(i);
    else if (p.dominated_by[i] >= 0) {
      dominated += "- **" + pts[i].name + "** is dominated by **" +
                   pts[static_cast<size_t>(p.dominated_by[i])].name + "** (" + better + ", " +
                   cost_name + " no higher).\n";
    } else {
      left_out.push_back(i);
    }
  }
  std::string s = "Pareto frontier (no other strategy is both " + better + " and " +
                  std::string(cost_name) + " no higher): " + join_names(pts, front) + ".\n\n";
  if (!dominated.empty()) s += dominated + "\n";
  if (!left_out.empty()) s += "Not plotted (metric missing): " + join_names(pts, left_out) + ".\n\n";
  return s;
}

// Report values a plot can place: accuracies in [0, 1] for top-1 (any finite magnitude up to
// 1e15 for other metrics), latencies and sizes finite and >= 0 (NaN = absent is allowed).
bool plausible(const StrategyPoint& q, std::string* error) {
  const double acc_max = q.accuracy_metric == "top1" ? 1.0 : 1e15;
  const double acc_min = q.accuracy_metric == "top1" ? 0.0 : -1e15;
  const struct { const char* name; double v, lo, hi; } checks[] = {
      {"accuracy", q.accuracy, acc_min, acc_max},
      {"perplexity", q.perplexity, 1.0, 1e15},
      {"float_perplexity", q.float_perplexity, 1.0, 1e15},
      {"float_accuracy", q.float_accuracy, acc_min, acc_max},
      {"latency_cycles", q.latency, 0, 1e18},
      {"float_latency_cycles", q.float_latency, 0, 1e18},
      {"flash_bytes", q.size, 0, 1e15},
      {"arena_bytes", q.arena, 0, 1e15},
      {"cycles_per_second", q.cycles_per_second, 0, 1e15},
  };
  for (const auto& c : checks) {
    if (std::isnan(c.v)) continue;
    if (!(c.v >= c.lo && c.v <= c.hi)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s %g is outside [%g, %g]", c.name, c.v, c.lo, c.hi);
      *error = buf;
      return false;
    }
  }
  return true;
}

}  // namespace

bool read_report_points(const std::string& path, std::vector<StrategyPoint>* points,
                        std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_file_bytes(path, &bytes, error)) return false;
  return parse_report_points(std::string(bytes.begin(), bytes.end()), path, points, error);
}

bool parse_report_points(const std::string& text, const std::string& path,
                         std::vector<StrategyPoint>* points, std::string* error) {
  JsonValue report;
  std::string why;
  if (!parse_json(text, &report, &why)) {
    *error = path + ": " + why;
    return false;
  }
  if (json_string(report, "schema") != "qrt-accept-report") {
    *error = path + ": not a qrt acceptance report (schema != \"qrt-accept-report\")";
    return false;
  }
  StrategyPoint q;
  q.model = json_string(report, "model");
  q.name = json_string(report, "strategy");
  if (q.name.empty()) q.name = q.model;
  if (q.name.empty()) q.name = file_stem(path);
  q.source = path;
  q.target = json_string(report, "target");
  q.eval_set = json_string(report, "eval_set");
  q.task = json_string(report, "task");
  q.accuracy_metric = json_string(report, "accuracy_metric");
  q.accuracy = json_number(report, "accuracy");
  q.accuracy_low = bound_of(report, "accuracy_ci95", 0);
  q.accuracy_high = bound_of(report, "accuracy_ci95", 1);
  q.perplexity = json_number(report, "perplexity");
  q.float_perplexity = json_number(report, "float_perplexity");
  q.kl_mean = json_number(report, "kl_mean");
  q.agreement = json_number(report, "agreement");
  q.tokens_per_second = json_number(report, "tokens_per_second");
  q.latency = median_of(report, "latency_cycles");
  q.size = json_number(report, "flash_bytes");
  q.arena = json_number(report, "arena_bytes");
  q.cycles_per_second = json_number(report, "cycles_per_second");
  q.verdict = json_bool(report, "pass", false) ? 1 : 0;
  q.float_accuracy = json_number(report, "float_accuracy");
  q.float_latency = median_of(report, "float_latency_cycles");
  if (!plausible(q, error)) {
    *error = path + ": " + *error;
    return false;
  }
  // Names must be unique to be usable as labels.
  std::string unique = q.name;
  for (int k = 2;; ++k) {
    bool taken = false;
    for (const StrategyPoint& p : *points) taken = taken || p.name == unique;
    if (!taken) break;
    unique = q.name + " (" + std::to_string(k) + ")";
  }
  q.name = unique;
  points->push_back(q);

  if (!std::isfinite(q.float_accuracy) && !std::isfinite(q.float_perplexity)) return true;
  StrategyPoint f;
  f.model = json_string(report, "float_model");
  f.name = "float (" + (f.model.empty() ? std::string("baseline") : f.model) + ")";
  for (const StrategyPoint& p : *points) {
    if (p.name == f.name) return true;  // the same baseline, reported by another strategy
  }
  f.source = path;
  f.target = q.target;
  f.eval_set = q.eval_set;
  f.task = q.task;
  f.accuracy_metric = q.accuracy_metric;
  f.accuracy = q.float_accuracy;
  f.accuracy_low = bound_of(report, "float_accuracy_ci95", 0);
  f.accuracy_high = bound_of(report, "float_accuracy_ci95", 1);
  f.perplexity = q.float_perplexity;
  f.tokens_per_second = json_number(report, "float_tokens_per_second");
  f.latency = median_of(report, "float_latency_cycles");
  f.size = json_number(report, "float_flash_bytes");
  f.arena = json_number(report, "float_arena_bytes");
  f.cycles_per_second = q.cycles_per_second;
  f.baseline = true;
  points->push_back(f);
  return true;
}

Pareto pareto_frontier(const std::vector<double>& accuracy, const std::vector<double>& cost) {
  const size_t n = accuracy.size();
  Pareto p;
  p.on_frontier.assign(n, false);
  p.dominated_by.assign(n, -1);
  auto valid = [&](size_t i) { return std::isfinite(accuracy[i]) && std::isfinite(cost[i]); };
  auto dominates = [&](size_t a, size_t b) {
    return accuracy[a] >= accuracy[b] && cost[a] <= cost[b] &&
           (accuracy[a] > accuracy[b] || cost[a] < cost[b]);
  };
  for (size_t i = 0; i < n; ++i) {
    if (!valid(i)) continue;
    bool dominated = false;
    for (size_t j = 0; j < n && !dominated; ++j) dominated = j != i && valid(j) && dominates(j, i);
    p.on_frontier[i] = !dominated;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!valid(i) || p.on_frontier[i]) continue;
    for (size_t j = 0; j < n; ++j) {
      if (!p.on_frontier[j] || !dominates(j, i)) continue;
      if (p.dominated_by[i] < 0 || cost[j] < cost[static_cast<size_t>(p.dominated_by[i])]) {
        p.dominated_by[i] = static_cast<int>(j);
      }
    }
  }
  return p;
}

bool merge_reports(const std::vector<std::string>& paths, const std::string& out_dir,
                   std::string* markdown, std::string* error) {
  if (paths.empty()) {
    *error = "no report files given";
    return false;
  }
  std::vector<StrategyPoint> pts;
  for (const std::string& path : paths) {
    if (!read_report_points(path, &pts, error)) return false;
  }
  if (mkdir(out_dir.c_str(), 0777) != 0 && errno != EEXIST) {
    *error = "cannot create " + out_dir;
    return false;
  }
  std::set<std::string> targets, sets, tasks, metrics, rates;
  for (const StrategyPoint& p : pts) {
    targets.insert(p.target);
    sets.insert(p.eval_set);
    tasks.insert(p.task);
    if (!p.accuracy_metric.empty()) metrics.insert(p.accuracy_metric);
    rates.insert(fmt("%.0f", p.cycles_per_second));
  }
  // Points of different evaluations are not comparable: one plot would rank a CIFAR model
  // against a Fashion-MNIST one. Refuse, naming where each comes from.
  if (sets.size() > 1 || tasks.size() > 1) {
    std::string which;
    for (const StrategyPoint& p : pts) {
      if (p.baseline) continue;
      which += (which.empty() ? "" : ", ") + ("'" + p.eval_set + "' (" + p.task + ") in " + p.source);
    }
    *error = "the reports evaluate different sets or tasks: " + which +
             "; merge the reports of one evaluation at a time";
    return false;
  }
  const bool lm = *tasks.begin() == "language_model";
  const std::string metric = metrics.size() == 1 ? *metrics.begin() : "";
  const std::string metric_name = lm ? "perplexity"
                                  : metric == "top1" ? "top-1 accuracy"
                                  : metric == "roc_auc" ? "ROC AUC" : "accuracy";
  // The host's counter is a nanosecond clock: call it so; a device's counts cycles.
  const std::string unit = rates.size() == 1 && *rates.begin() == "1000000000" ? "ns" : "cycles";
  auto joined = [](const std::set<std::string>& s) {
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : ", ") + (x.empty() ? "?" : x);
    return out;
  };
  std::vector<double> acc, lat, size, goodness;  // goodness: higher is better (-perplexity)
  for (const StrategyPoint& p : pts) {
    acc.push_back(lm ? p.perplexity : p.accuracy);
    goodness.push_back(lm ? -p.perplexity : p.accuracy);
    lat.push_back(p.latency);
    size.push_back(p.size);
  }
  const Pareto by_latency = pareto_frontier(goodness, lat);
  const Pareto by_size = pareto_frontier(goodness, size);
  std::string md = "# Quantization strategies compared\n\n";
  md += "Eval set: " + joined(sets) + " · target: " + joined(targets) + " · metric: " +
        metric_name + (lm ? " (lower is better)" : "") + " · " + std::to_string(paths.size()) +
        " report(s)\n\n";
  if (targets.size() > 1) {
    md += "**Warning:** the reports come from different targets; their latencies are not "
          "comparable.\n\n";
  }
  if (metrics.size() > 1) md += "**Warning:** the reports use different accuracy metrics.\n\n";
  if (lm) {
    md += "| strategy | model | perplexity | vs its float | KL mean (nats) | agreement | latency "
          "(median " + unit + " per token) | tokens/s | flash bytes | arena bytes | verdict | "
          "frontier: latency | frontier: size |\n";
    md += "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n";
  } else {
    md += "| strategy | model | " + metric_name +
          " | drop vs its float | latency (median " + unit + ") | speedup vs its float | flash "
          "bytes | arena bytes | verdict | frontier: latency | frontier: size |\n";
    md += "|---|---|---:|---:|---:|---:|---:|---:|---|---|---|\n";
  }
  auto frontier_cell = [](const Pareto& p, const std::vector<StrategyPoint>& v, size_t i) {
    if (p.on_frontier[i]) return std::string("yes");
    if (p.dominated_by[i] >= 0) return "dominated by " + v[static_cast<size_t>(p.dominated_by[i])].name;
    return std::string("-");
  };
  for (size_t i = 0; i < pts.size(); ++i) {
    const StrategyPoint& p = pts[i];
    const std::string verdict = p.baseline ? "baseline" : p.verdict == 1 ? "PASS" : "FAIL";
    const std::string tail = fmt("%.0f", p.size) + " | " + fmt("%.0f", p.arena) + " | " + verdict +
                             " | " + frontier_cell(by_latency, pts, i) + " | " +
                             frontier_cell(by_size, pts, i) + " |\n";
    if (lm) {
      const double increase = p.perplexity / p.float_perplexity - 1.0;
      md += "| " + p.name + " | " + (p.model.empty() ? "-" : p.model) + " | " +
            fmt("%.4f", p.perplexity) + " | " + (p.baseline ? "-" : fmt("%+.2f%%", increase * 100.0)) +
            " | " + fmt("%.5f", p.kl_mean) + " | " + fmt("%.2f%%", p.agreement * 100.0) + " | " +
            fmt("%.0f", p.latency) + " | " + fmt("%.1f", p.tokens_per_second) + " | " + tail;
      continue;
    }
    // Drop and speedup against the point's own float baseline (from the same report).
    const double drop = p.float_accuracy - p.accuracy;
    const double speedup = p.baseline ? 1.0 : p.float_latency / p.latency;
    md += "| " + p.name + " | " + (p.model.empty() ? "-" : p.model) + " | " +
          accuracy_text(p.accuracy, p.accuracy_metric) + " | " +
          (p.baseline ? "-" : metric == "top1" ? fmt("%+.2f pts", drop * 100.0)
                                               : fmt("%+.4f", drop)) +
          " | " + fmt("%.0f", p.latency) + " | " + fmt("%.2fx", speedup) + " | " + tail;
  }
  const std::string better = lm ? "at most as perplexed" : "at least as accurate";
  md += "\n## " + metric_name + " vs latency\n\n![" + metric_name +
        " vs latency](accuracy_vs_latency.svg)\n\n";
  md += pareto_notes(pts, by_latency, better, "latency");
  md += "## " + metric_name + " vs model size\n\n![" + metric_name +
        " vs model size](accuracy_vs_size.svg)\n\n";
  md += pareto_notes(pts, by_size, better, "model size");
  md += "Sources: ";
  for (size_t k = 0; k < paths.size(); ++k) md += (k ? ", " : "") + std::string("`") + paths[k] + "`";
  md += "\n";

  ScatterPlot plot;
  plot.subtitle = "eval set " + joined(sets) + " · target " + joined(targets) +
                  (lm ? " · lower is better" : "");
  plot.y_label = metric_name + (metric == "top1" ? " (95% interval)" : "");
  plot.y_percent = metric == "top1";
  plot.lower_is_better = lm;
  plot.y = acc;
  for (const StrategyPoint& p : pts) {
    plot.names.push_back(p.name);
    plot.baseline.push_back(p.baseline);
    plot.y_low.push_back(lm ? NAN : p.accuracy_low);
    plot.y_high.push_back(lm ? NAN : p.accuracy_high);
  }
  plot.title = metric_name + " vs latency";
  plot.x_label = std::string("median latency per ") + (lm ? "token" : "inference") + " (" +
                 (unit == "ns" ? "ns, the host's clock" : "cycles of the device's counter") + ")";
  plot.x = lat;
  plot.pareto = by_latency;
  // All three files or none: a failure never leaves plots without their report.
  OutputFiles out;
  out.add(out_dir + "/accuracy_vs_latency.svg", render_scatter_svg(plot));
  plot.title = metric_name + " vs model size";
  plot.x_label = "model size (flash bytes of the blob)";
  plot.x = size;
  plot.pareto = by_size;
  out.add(out_dir + "/accuracy_vs_size.svg", render_scatter_svg(plot));
  out.add(out_dir + "/report.md", md);
  if (!out.commit(error)) return false;
  *markdown = md;
  return true;
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
