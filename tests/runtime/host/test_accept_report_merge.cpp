// `qrt report` internals: the JSON reader, the Pareto analysis (hand-worked point sets), and a
// merge of three reports written by the device JSON writer into the markdown table and plots.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmath>
#include <string>
#include <vector>

#include "file_io.h"
#include "accept/json_value.h"
#include "accept/report_merge.h"
#include "blob_writer.h"
#include "qrt/accept.h"
#include "qrt_test.h"

using namespace qrt::host::accept;

namespace {

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

void append(void* user, const char* text) { *static_cast<std::string*>(user) += text; }

// Removes a test's folder, or keeps it (and names it) with QRT_KEEP_REPORT_TEST set.
void remove_unless_kept(const std::string& dir) {
  if (getenv("QRT_KEEP_REPORT_TEST") != nullptr) {
    printf("kept %s\n", dir.c_str());
  } else if (system(("rm -rf " + dir).c_str()) != 0) {
    printf("could not remove %s\n", dir.c_str());
  }
}

// A report as the device writes it: accuracy, float baseline, latencies, sizes.
std::string device_report(const char* strategy, double acc, double float_acc, uint64_t lat,
                          uint64_t float_lat, uint64_t flash, uint64_t float_flash,
                          const char* criteria_text, const char* float_name = "ic01_fp32") {
  qrt_accept_results r;
  qrt_accept_results_init(&r);
  r.task = 1;
  r.samples = r.units = 200;
  r.measured = QRT_MEASURED_ACCURACY | QRT_MEASURED_FLOAT_ACCURACY | QRT_MEASURED_LATENCY |
               QRT_MEASURED_FLOAT_LATENCY | QRT_MEASURED_ARENA | QRT_MEASURED_FLASH |
               QRT_MEASURED_FLOAT_MEMORY;
  r.accuracy = acc;
  r.accuracy_low = acc - 0.02;  // a Wilson interval's width at 200 samples, roughly
  r.accuracy_high = acc + 0.02;
  r.float_accuracy = float_acc;
  r.float_accuracy_low = float_acc - 0.02;
  r.float_accuracy_high = float_acc + 0.02;
  r.latency = qrt_latency_stats{lat, lat, lat, lat, 200, lat, lat};
  r.float_latency = qrt_latency_stats{float_lat, float_lat, float_lat, float_lat, 200, float_lat, float_lat};
  r.arena_bytes = 50000;
  r.flash_bytes = flash;
  r.float_arena_bytes = 150000;
  r.float_flash_bytes = float_flash;
  r.model_name = strategy;
  r.float_model_name = float_name;
  r.strategy = strategy;
  r.eval_set_name = "ic01";
  r.target_name = "host";
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_parse(criteria_text, strlen(criteria_text), &c, nullptr);
  qrt_accept_verdict v;
  qrt_accept_evaluate(&c, &r, &v);
  std::string out;
  qrt_accept_write_json(&c, &r, &v, append, &out);
  return out;
}

}  // namespace

QRT_TEST(accept_json_value, parses_documents) {
  JsonValue v;
  std::string error;
  QRT_ASSERT(parse_json(" {\"a\": [1, -2.5e3, true, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"},"
                        " \"d\": \"inf\"} ",
                        &v, &error));
  const JsonValue* a = v.get("a");
  QRT_ASSERT(a != nullptr && a->items.size() == 4);
  QRT_EXPECT_NEAR(a->items[1].number, -2500.0, 0.0);
  QRT_EXPECT(a->items[2].kind == JsonValue::Kind::kBool && a->items[2].boolean);
  QRT_EXPECT(a->items[3].kind == JsonValue::Kind::kNull);
  QRT_EXPECT(json_string(*v.get("b"), "c") == "x\"\xc3\xa9\n");
  QRT_EXPECT(std::isinf(json_number(v, "d")));
  QRT_EXPECT(std::isnan(json_number(v, "missing")));
  QRT_EXPECT(!parse_json("{\"a\": 1,\n \"b\" 2}", &v, &error));
  QRT_EXPECT(error.find("line 2") != std::string::npos);
  QRT_EXPECT(error.find("expected ':'") != std::string::npos);
  QRT_EXPECT(!parse_json("[1, 2", &v, &error));
  QRT_EXPECT(!parse_json("{} x", &v, &error));
  QRT_EXPECT(!parse_json("\"a\tb\"", &v, &error));  // raw control character
  std::string deep(100, '[');
  QRT_EXPECT(!parse_json(deep, &v, &error));
}

QRT_TEST(accept_pareto, hand_worked_points) {
  //        A     B     C     D     E     F
  // acc   .90   .85   .84   .90   .95   NaN
  // cost   10     5     8    12    20     1
  // C: B is more accurate and cheaper -> dominated by B. D: A is as accurate and cheaper -> by A.
  // Frontier: B (cheapest), A, E (most accurate). F takes no part.
  const std::vector<double> acc = {0.90, 0.85, 0.84, 0.90, 0.95, NAN};
  const std::vector<double> cost = {10, 5, 8, 12, 20, 1};
  const Pareto p = pareto_frontier(acc, cost);
  const bool frontier[] = {true, true, false, false, true, false};
  const int by[] = {-1, -1, 1, 0, -1, -1};
  for (size_t i = 0; i < 6; ++i) {
    QRT_EXPECT_EQ(p.on_frontier[i], frontier[i]);
    QRT_EXPECT_EQ(p.dominated_by[i], by[i]);
  }
  // Identical points do not dominate each other; a point dominated by several names the cheapest
  // frontier point among them.
  const Pareto q = pareto_frontier({0.5, 0.5, 0.4}, {3, 3, 9});
  QRT_EXPECT(q.on_frontier[0] && q.on_frontier[1] && !q.on_frontier[2]);
  QRT_EXPECT_EQ(q.dominated_by[2], 0);
  const Pareto r = pareto_frontier({0.9, 0.8, 0.7}, {9, 2, 5});  // 0.7@5 dominated by 0.8@2 only
  QRT_EXPECT_EQ(r.dominated_by[2], 1);
}

QRT_TEST(accept_report_merge, three_strategies_table_and_plots) {
  char templ[] = "/tmp/qrt_report_test_XXXXXX";
  const std::string dir = mkdtemp(templ);
  // float: 87.0%, 4.0M cycles, 318 kB (frontier: most accurate). int8 per-channel: 86.5%, 1.5M,
  // 98 kB (frontier).
  // int8 per-tensor: 84.0%, 1.6M, 98 kB (dominated by per-channel in both plots).
  // int4 g128: 80.0%, 1.9M, 60 kB (dominated on latency, frontier on size).
  const char* criteria = "max_accuracy_drop = 1%\nmin_speedup = 2\n";
  struct R {
    const char* strategy;
    double acc;
    uint64_t lat, flash;
  } rs[] = {{"int8 per-channel", 0.865, 1500000, 98496},
            {"int8 per-tensor", 0.84, 1600000, 98496},
            {"int4 g128", 0.80, 1900000, 60000}};
  std::vector<std::string> paths;
  std::string error;
  for (const R& r : rs) {
    const std::string json =
        device_report(r.strategy, r.acc, 0.87, r.lat, 4000000, r.flash, 318144, criteria);
    const std::string path = dir + "/" + std::to_string(paths.size()) + ".json";
    QRT_ASSERT(qrt::host::write_file_bytes(path, std::vector<uint8_t>(json.begin(), json.end()),
                                           &error));
    paths.push_back(path);
  }
  std::string md;
  QRT_ASSERT(merge_reports(paths, dir + "/out", &md, &error));
  // One baseline row although all three reports carry it.
  QRT_EXPECT_EQ(count_of(md, "| float (ic01_fp32) |"), 1u);
  QRT_EXPECT(md.find("| float (ic01_fp32) | ic01_fp32 | 87.00% | - | 4000000 | 1.00x | 318144 | "
                     "150000 | baseline | yes | yes |") != std::string::npos);
  QRT_EXPECT(md.find("| int8 per-channel | int8 per-channel | 86.50% | +0.50 pts | 1500000 | "
                     "2.67x | 98496 | 50000 | PASS | yes | yes |") != std::string::npos);
  QRT_EXPECT(md.find("| int8 per-tensor | int8 per-tensor | 84.00% | +3.00 pts | 1600000 | 2.50x "
                     "| 98496 | 50000 | FAIL | dominated by int8 per-channel | dominated by int8 "
                     "per-channel |") != std::string::npos);
  QRT_EXPECT(md.find("| int4 g128 | int4 g128 | 80.00% | +7.00 pts | 1900000 | 2.11x | 60000 | "
                     "50000 | FAIL | dominated by int8 per-channel | yes |") != std::string::npos);
  QRT_EXPECT(md.find("- **int4 g128** is dominated by **int8 per-channel** (at least as accurate, "
                     "latency no higher).") != std::string::npos);
  QRT_EXPECT(md.find("Pareto frontier (no other strategy is both at least as accurate and model "
                     "size no higher): int8 per-channel, float (ic01_fp32) and int4 g128.") !=
             std::string::npos);
  std::vector<uint8_t> svg_bytes;
  QRT_ASSERT(qrt::host::read_file_bytes(dir + "/out/accuracy_vs_latency.svg", &svg_bytes, &error));
  const std::string svg(svg_bytes.begin(), svg_bytes.end());
  QRT_EXPECT(svg.rfind("<svg", 0) == 0);
  QRT_EXPECT(svg.find("</svg>") != std::string::npos);
  QRT_EXPECT_EQ(count_of(svg, "(dominated by int8 per-channel)"), 2u);  // per-tensor and int4
  QRT_EXPECT(svg.find(">int8 per-channel</text>") != std::string::npos);
  QRT_EXPECT(svg.find(">float (ic01_fp32)</text>") != std::string::npos);
  QRT_EXPECT(svg.find("stroke-dasharray=\"6 4\"") != std::string::npos);  // the frontier
  QRT_ASSERT(qrt::host::read_file_bytes(dir + "/out/accuracy_vs_size.svg", &svg_bytes, &error));
  const std::string svg2(svg_bytes.begin(), svg_bytes.end());
  QRT_EXPECT_EQ(count_of(svg2, "(dominated by"), 1u);  // only per-tensor
  QRT_EXPECT(qrt::host::read_file_bytes(dir + "/out/report.md", &svg_bytes, &error));
  // A strategy with its own float baseline: its drop and speedup are against that baseline.
  const std::string large = device_report("int8 large", 0.925, 0.93, 2000000, 16000000, 511264,
                                          1928784, criteria, "large_fp32");
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/large.json", {large.begin(), large.end()},
                                         &error));
  paths.push_back(dir + "/large.json");
  QRT_ASSERT(merge_reports(paths, dir + "/out3", &md, &error));
  QRT_EXPECT(md.find("| int8 large | int8 large | 92.50% | +0.50 pts | 2000000 | 8.00x |") !=
             std::string::npos);
  QRT_EXPECT(md.find("| float (large_fp32) | large_fp32 | 93.00% | - | 16000000 | 1.00x |") !=
             std::string::npos);
  QRT_EXPECT(md.find("| int8 per-channel | int8 per-channel | 86.50% | +0.50 pts | 1500000 | "
                     "2.67x |") != std::string::npos);
  // A file that is not a report is refused with its name.
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/bad.json", {'{', '}'}, &error));
  QRT_EXPECT(!merge_reports({dir + "/bad.json"}, dir + "/out2", &md, &error));
  QRT_EXPECT(error.find("bad.json") != std::string::npos);
  remove_unless_kept(dir);
}

namespace {

std::string write_report(const std::string& dir, const std::string& name, const std::string& json) {
  const std::string path = dir + "/" + name;
  std::string error;
  qrt::host::write_file_bytes(path, std::vector<uint8_t>(json.begin(), json.end()), &error);
  return path;
}

std::string read_text(const std::string& path) {
  std::vector<uint8_t> bytes;
  std::string error;
  qrt::host::read_file_bytes(path, &bytes, &error);
  return std::string(bytes.begin(), bytes.end());
}

// A language model's report as `qrt accept --text` writes it (the device JSON writer).
std::string lm_report(const char* strategy, double ppl, double float_ppl, double kl, double agree,
                      uint64_t ns_per_token, uint64_t flash) {
  qrt_accept_results r;
  qrt_accept_results_init(&r);
  r.task = QRT_ACCEPT_TASK_LANGUAGE_MODEL;
  r.samples = 5000;
  r.units = 40;
  r.measured = QRT_MEASURED_PERPLEXITY | QRT_MEASURED_KL | QRT_MEASURED_AGREEMENT |
               QRT_MEASURED_LATENCY | QRT_MEASURED_FLOAT_LATENCY | QRT_MEASURED_FLASH |
               QRT_MEASURED_ARENA | QRT_MEASURED_FLOAT_MEMORY;
  r.perplexity = ppl;
  r.float_perplexity = float_ppl;
  r.kl_mean = kl;
  r.kl_p99 = kl * 5;
  r.agreement = agree;
  r.latency = qrt_latency_stats{ns_per_token, ns_per_token, ns_per_token, ns_per_token, 5000,
                                ns_per_token, ns_per_token};
  r.float_latency = qrt_latency_stats{300000, 300000, 300000, 300000, 5000, 300000, 300000};
  r.cycles_per_second = 1000000000u;  // the host's nanosecond clock
  r.flash_bytes = flash;
  r.arena_bytes = 40000;
  r.float_flash_bytes = 1100000;
  r.float_arena_bytes = 60000;
  r.model_name = strategy;
  r.float_model_name = "stories260K_f32";
  r.strategy = strategy;
  r.eval_set_name = "tinystories-validation";
  r.target_name = "host";
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_verdict v;
  qrt_accept_evaluate(&c, &r, &v);
  std::string out;
  qrt_accept_write_json(&c, &r, &v, append, &out);
  return out;
}

// The label boxes of an SVG's plot-area <text> elements, by the renderer's width estimate.
struct Label {
  double x0, y0, x1, y1;
  std::string text;
};
std::vector<Label> plot_labels(const std::string& svg) {
  std::vector<Label> out;
  for (size_t at = svg.find("<text x=\""); at != std::string::npos; at = svg.find("<text x=\"", at + 1)) {
    const size_t close = svg.find('>', at), end = svg.find("</text>", close);
    const std::string tag = svg.substr(at, close - at), text = svg.substr(close + 1, end - close - 1);
    if (tag.find("font-size=\"12\"") == std::string::npos) continue;  // point labels only
    const double x = std::strtod(tag.c_str() + 9, nullptr);
    const double y = std::strtod(tag.c_str() + tag.find(" y=\"") + 4, nullptr);
    if (y < 80 || y > 440) continue;  // the title block is above the plot
    const double w = 6.6 * static_cast<double>(text.size());
    const bool right_anchored = tag.find("text-anchor=\"end\"") != std::string::npos;
    out.push_back(Label{right_anchored ? x - w : x, y - 12, right_anchored ? x : x + w, y + 3, text});
  }
  return out;
}

}  // namespace

// Plots: a log cost axis beyond a 10x span, interval bars, the frontier stopping at its last
// point, and labels that never overlap even when the points crowd (the rest listed below).
QRT_TEST(accept_report_merge, log_axis_intervals_and_labels_that_never_overlap) {
  char templ[] = "/tmp/qrt_report_test_XXXXXX";
  const std::string dir = mkdtemp(templ);
  std::vector<std::string> paths;
  for (int k = 0; k < 14; ++k) {  // 14 strategies crowded around 1.5M cycles and 85%
    const std::string name = "strategy number " + std::to_string(k);
    paths.push_back(write_report(dir, std::to_string(k) + ".json",
                                 device_report(name.c_str(), 0.85 + 0.001 * k, 0.87,
                                               1500000 + 10000 * static_cast<uint64_t>(k), 40000000,
                                               98496, 318144, "min_speedup = 2\n")));
  }
  std::string md, error;
  QRT_ASSERT(merge_reports(paths, dir + "/out", &md, &error));
  const std::string svg = read_text(dir + "/out/accuracy_vs_latency.svg");
  QRT_EXPECT(svg.find("· log scale</text>") != std::string::npos);  // 1.5M .. 40M
  QRT_EXPECT(svg.find("H780.0") == std::string::npos);              // no run to the right edge
  QRT_EXPECT(count_of(svg, "stroke=\"#999\" stroke-width=\"1.2\"") >= 15u);  // interval bars
  const std::vector<Label> labels = plot_labels(svg);
  const size_t listed = count_of(svg, "not labelled in the plot (no free place)");
  QRT_EXPECT_EQ(labels.size() + listed, 15u);  // 14 strategies and the float baseline
  for (size_t a = 0; a < labels.size(); ++a) {
    for (size_t b = a + 1; b < labels.size(); ++b) {
      const bool overlap = labels[a].x0 < labels[b].x1 && labels[b].x0 < labels[a].x1 &&
                           labels[a].y0 < labels[b].y1 && labels[b].y0 < labels[a].y1;
      if (overlap) printf("  overlap: '%s' and '%s'\n", labels[a].text.c_str(), labels[b].text.c_str());
      QRT_EXPECT(!overlap);
    }
  }
  // Within 10x the axis stays linear from zero.
  const std::string near = write_report(dir, "near.json", device_report("near", 0.86, 0.87, 1500000, 4000000, 98496, 318144, ""));
  QRT_ASSERT(merge_reports({near}, dir + "/out2", &md, &error));
  QRT_EXPECT(read_text(dir + "/out2/accuracy_vs_latency.svg").find("log scale") == std::string::npos);
  remove_unless_kept(dir);
}

// Reports of different evaluation sets are refused, naming each; a language model's reports are
// tabulated by perplexity, KL and agreement and plotted with lower perplexity as better, on the
// host's nanosecond clock.
QRT_TEST(accept_report_merge, other_sets_refused_and_language_models_by_perplexity) {
  char templ[] = "/tmp/qrt_report_test_XXXXXX";
  const std::string dir = mkdtemp(templ);
  std::string md, error;
  const std::string ic01 = write_report(dir, "ic01.json", device_report("int8", 0.86, 0.87, 1500000, 4000000, 98496, 318144, ""));
  const std::string lm = write_report(dir, "w8.json", lm_report("w8", 1.2150, 1.2069, 0.0031, 0.975, 90000, 400000));
  QRT_EXPECT(!merge_reports({ic01, lm}, dir + "/mixed", &md, &error));
  QRT_EXPECT(error.find("different sets or tasks") != std::string::npos);
  QRT_EXPECT(error.find("'ic01' (classification) in " + ic01) != std::string::npos);
  QRT_EXPECT(error.find("'tinystories-validation' (language_model) in " + lm) != std::string::npos);
  // w8: PPL 1.2150 (+0.67%), w4: 1.2600 at a smaller size and the same speed. float: 1.2069.
  const std::string w4 = write_report(dir, "w4.json", lm_report("w4 g32", 1.2600, 1.2069, 0.0210, 0.931, 90000, 250000));
  QRT_ASSERT(merge_reports({lm, w4}, dir + "/lm", &md, &error));
  QRT_EXPECT(md.find("metric: perplexity (lower is better)") != std::string::npos);
  QRT_EXPECT(md.find("| w8 | w8 | 1.2150 | +0.67% | 0.00310 | 97.50% | 90000 | 11111.1 | 400000 |") != std::string::npos);
  QRT_EXPECT(md.find("| float (stories260K_f32) | stories260K_f32 | 1.2069 | - |") != std::string::npos);
  // By latency w4 (same speed, higher perplexity) is dominated by w8; by size all three are on it.
  QRT_EXPECT(md.find("- **w4 g32** is dominated by **w8** (at most as perplexed, latency no higher).") != std::string::npos);
  QRT_EXPECT(md.find("Pareto frontier (no other strategy is both at most as perplexed and model size "
                     "no higher): w8, float (stories260K_f32) and w4 g32.") != std::string::npos);
  const std::string svg = read_text(dir + "/lm/accuracy_vs_latency.svg");
  QRT_EXPECT(svg.find("median latency per token (ns, the host's clock)") != std::string::npos);
  QRT_EXPECT(svg.find(">perplexity vs latency</text>") != std::string::npos);
  remove_unless_kept(dir);
}

// Every plot renders: rsvg-convert (Debian's librsvg2-bin) turns each SVG into a PNG of the
// document's size, so a malformed SVG fails here rather than in a user's browser.
QRT_TEST(accept_report_merge, plots_render_to_png) {
  if (system("command -v rsvg-convert >/dev/null 2>&1") != 0) {
    return qrt_test::note_skipped("rsvg-convert not installed (Debian package librsvg2-bin)");
  }
  char templ[] = "/tmp/qrt_report_test_XXXXXX";
  const std::string dir = mkdtemp(templ);
  std::string md, error;
  const std::vector<std::string> paths = {
      write_report(dir, "a.json", device_report("int8 per-channel", 0.865, 0.87, 1500000, 40000000, 98496, 318144, "")),
      write_report(dir, "b.json", device_report("int4 g128", 0.80, 0.87, 1900000, 40000000, 60000, 318144, ""))};
  QRT_ASSERT(merge_reports(paths, dir + "/out", &md, &error));
  for (const char* plot : {"accuracy_vs_latency", "accuracy_vs_size"}) {
    const std::string svg = dir + "/out/" + plot + ".svg", png = dir + "/" + plot + ".png";
    QRT_ASSERT_EQ(system(("rsvg-convert -o " + png + " " + svg).c_str()), 0);
    const std::string bytes = read_text(png);
    QRT_ASSERT(bytes.size() > 24);
    QRT_EXPECT(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    auto be32 = [&](size_t at) {
      return (uint32_t{static_cast<uint8_t>(bytes[at])} << 24) | (uint32_t{static_cast<uint8_t>(bytes[at + 1])} << 16) |
             (uint32_t{static_cast<uint8_t>(bytes[at + 2])} << 8) | uint32_t{static_cast<uint8_t>(bytes[at + 3])};
    };
    const std::string text = read_text(svg);
    const double height = std::strtod(text.c_str() + text.find("height=\"") + 8, nullptr);
    QRT_EXPECT_EQ(be32(16), 820u);  // IHDR width and height
    QRT_EXPECT_EQ(be32(20), static_cast<uint32_t>(height));
  }
  remove_unless_kept(dir);
}
