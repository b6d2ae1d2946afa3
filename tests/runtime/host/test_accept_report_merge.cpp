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
  r.float_accuracy = float_acc;
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
  if (getenv("QRT_KEEP_REPORT_TEST") == nullptr) {
    QRT_EXPECT(system(("rm -rf " + dir).c_str()) == 0);
  } else {
    printf("kept %s\n", dir.c_str());
  }
}
