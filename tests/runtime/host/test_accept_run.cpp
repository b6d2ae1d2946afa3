// qrt_accept_run() on the real MLPerf Tiny and TFLM models, checked against what the peer
// runtime recorded (TFLite Micro's per-sample output bytes and ad01 scores), against metrics the
// test computes itself from those bytes, and the `qrt accept` exit status on a failing criterion.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "file_io.h"
#include "accept/eval_set_builder.h"
#include "accept/eval_set_writer.h"
#include "blob_writer.h"
#include "op_registry.h"
#include "qrt/accept_run.h"
#include "qrt_test.h"
#include "tflite_import.h"

using qrt::host::AlignedBytes;

namespace {

std::string models(const std::string& rel) { return std::string(qrt_test::models_dir()) + "/" + rel; }

bool have_models() {
  if (qrt_test::models_dir()[0] != 0) return true;
  qrt_test::note_skipped("QRT_MODELS_DIR not set");
  return false;
}

// A converted model with its own arena.
struct Model {
  AlignedBytes blob, arena;
  qrt_accept_model m{};
  bool load(const std::string& tflite, const char* name) {
    std::vector<uint8_t> bytes, out;
    std::string error;
    qrt::host::ImportReport report;
    if (!qrt::host::read_file_bytes(tflite, &bytes, &error) ||
        !qrt::host::import_tflite(bytes.data(), bytes.size(), name, &out, &report, &error)) {
      printf("  %s\n", error.c_str());
      return false;
    }
    blob.assign(out.data(), out.size());
    static const qrt_options options = qrt::host::all_ops_options();
    qrt_memory_report plan{};
    if (qrt_plan_memory(blob.data(), blob.size(), &options, &plan, nullptr) != QRT_OK) return false;
    std::vector<uint8_t> zeros(plan.arena_bytes, 0);
    arena.assign(zeros.data(), zeros.size());
    m = qrt_accept_model{blob.data(), blob.size(), &options, arena.data(), arena.size(), name};
    return true;
  }
};

struct Set {
  AlignedBytes bytes;
  qrt_eval_set set{};
  bool build(const std::string& dir, uint32_t max_units) {
    std::vector<uint8_t> out;
    std::string error;
    qrt::host::accept::BuildOptions options;
    options.max_units = max_units;
    if (!qrt::host::accept::build_folder_eval_set(dir, nullptr, options, &out, &error)) {
      printf("  %s\n", error.c_str());
      return false;
    }
    bytes.assign(out.data(), out.size());
    return qrt_eval_set_open(bytes.data(), bytes.size(), 0, &set, nullptr) == QRT_OK;
  }
};

// TFLM golden lines "<file> <label> <int8 outputs...>".
std::vector<std::vector<int>> golden_outputs(const std::string& path, std::vector<int>* labels) {
  std::ifstream in(path);
  std::vector<std::vector<int>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    std::string file;
    int label = 0, v = 0;
    s >> file >> label;
    labels->push_back(label);
    rows.emplace_back();
    while (s >> v) rows.back().push_back(v);
  }
  return rows;
}

int argmax(const std::vector<int>& v) {
  int best = 0;
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i] > v[best]) best = static_cast<int>(i);
  }
  return best;
}

}  // namespace

QRT_TEST(accept_run, ic01_top1_matches_tflm_and_tensor_error_matches_own_computation) {
  if (!have_models()) return;
  Model q, f;
  QRT_ASSERT(q.load(models("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite"), "ic01_int8"));
  QRT_ASSERT(f.load(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), "ic01_fp32"));
  Set s;
  QRT_ASSERT(s.build(models("mlperf_tiny/datasets/ic01"), 0));
  constexpr uint32_t kUnits = 16;
  uint64_t cycles[kUnits], fcycles[kUnits];
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = q.m;
  cfg.float_model = f.m;
  cfg.eval_set = &s.set;
  cfg.max_units = kUnits;
  cfg.latency_cycles = cycles;
  cfg.float_latency_cycles = fcycles;
  cfg.latency_capacity = kUnits;
  static qrt_accept_results r;
  static qrt_accept_verdict v;
  qrt_error err{};
  QRT_ASSERT_EQ(qrt_accept_run(&cfg, &r, &v, &err), QRT_OK);
  QRT_EXPECT_EQ(r.samples, kUnits);
  // Oracle 1: TFLM's int8 outputs for the same files -> top-1 -> correct count.
  std::vector<int> labels;
  const auto golden = golden_outputs(models("golden/tflm/mlperf/ic01_outputs.txt"), &labels);
  QRT_ASSERT(golden.size() >= kUnits);
  uint32_t correct = 0;
  for (uint32_t i = 0; i < kUnits; ++i) correct += argmax(golden[i]) == labels[i];
  QRT_EXPECT_EQ(r.correct, correct);
  QRT_EXPECT_NEAR(r.accuracy, correct / static_cast<double>(kUnits), 1e-15);
  QRT_EXPECT((r.measured & QRT_MEASURED_FLOAT_ACCURACY) != 0);
  QRT_EXPECT(r.latency.runs == kUnits && r.float_latency.runs == kUnits);
  QRT_EXPECT(r.latency.min <= r.latency.median && r.latency.median <= r.latency.max);
  QRT_EXPECT_EQ(r.flash_bytes, q.blob.size());
  QRT_EXPECT(r.arena_used_bytes <= r.arena_bytes && r.arena_bytes <= q.arena.size());
  // Oracle 2: the tensor error from TFLM's int8 bytes (output scale 1/256, zero point -128)
  // against the float model's outputs, run here one sample at a time.
  QRT_ASSERT_EQ(r.tensor_count, 1u);
  QRT_EXPECT(r.tensors[0].is_output == 1 && r.tensors[0].against_float_model == 1);
  qrt_session* fs = nullptr;
  QRT_ASSERT_EQ(qrt_session_create(f.m.blob, f.m.blob_bytes, f.m.options, f.m.arena,
                                   f.m.arena_bytes, &fs, nullptr),
                QRT_OK);
  double se = 0, sr = 0, st = 0, sx = 0;
  for (uint32_t i = 0; i < kUnits; ++i) {
    qrt_eval_tensor in;
    qrt_eval_set_input(&s.set, i, 0, &in);
    qrt_tensor_view fin, fout;
    qrt_session_input(fs, 0, &fin);
    for (size_t k = 0; k < in.bytes; ++k) {
      static_cast<float*>(fin.data)[k] = static_cast<float>(static_cast<const int8_t*>(in.data)[k] + 128);
    }
    QRT_ASSERT_EQ(qrt_session_invoke(fs), QRT_OK);
    qrt_session_output(fs, 0, &fout);
    for (size_t k = 0; k < 10; ++k) {
      const double t = (golden[i][k] + 128) / 256.0;
      const double ref = static_cast<const float*>(fout.data)[k];
      se += (t - ref) * (t - ref);
      sr += ref * ref;
      st += t * t;
      sx += t * ref;
    }
  }
  QRT_EXPECT_EQ(r.tensors[0].error.count, kUnits * 10u);
  QRT_EXPECT_NEAR(r.tensors[0].error.mse, se / (kUnits * 10), 1e-12);
  QRT_EXPECT_NEAR(r.tensors[0].error.snr_db, 10 * std::log10(sr / se), 1e-9);
  QRT_EXPECT_NEAR(r.tensors[0].error.cosine, sx / std::sqrt(sr * st), 1e-12);
}

QRT_TEST(accept_run, ic01_layers_matched_by_name) {
  if (!have_models()) return;
  Model q, f;
  QRT_ASSERT(q.load(models("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite"), "ic01_int8"));
  QRT_ASSERT(f.load(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), "ic01_fp32"));
  Set s;
  QRT_ASSERT(s.build(models("mlperf_tiny/datasets/ic01"), 0));
  static uint8_t buffer[1 << 20];
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = q.m;
  cfg.float_model = f.m;
  cfg.eval_set = &s.set;
  cfg.max_units = 3;
  cfg.layer_units = 3;
  cfg.layer_buffer = buffer;
  cfg.layer_buffer_bytes = sizeof buffer;
  static qrt_accept_results r;
  static qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_run(&cfg, &r, &v, nullptr), QRT_OK);
  // The output, then the 15 float activations that are neither graph input nor output (the two
  // models name their intermediate tensors alike); names are cut at the first ';'.
  QRT_ASSERT_EQ(r.tensor_count, 16u);
  QRT_EXPECT_EQ(r.tensors[0].is_output, 1);
  QRT_EXPECT(strcmp(r.tensors[1].name, "model/activation/Relu") == 0);
  QRT_EXPECT(strcmp(r.tensors[15].name, "model/dense/MatMul") == 0);
  for (uint32_t i = 1; i < 16; ++i) {
    QRT_EXPECT(r.tensors[i].is_output == 0 && r.tensors[i].against_float_model == 1);
    QRT_EXPECT(r.tensors[i].error.snr_db > 10.0 && r.tensors[i].error.cosine > 0.99);
  }
  // RESHAPE moves no value: its error equals the average pool's, element for element.
  QRT_EXPECT(strcmp(r.tensors[13].name, "model/average_pooling2d/AvgPool") == 0);
  QRT_EXPECT(strcmp(r.tensors[14].name, "model/flatten/Reshape") == 0);
  QRT_EXPECT_FLOAT_EQ(r.tensors[13].error.mse, r.tensors[14].error.mse);
  QRT_EXPECT_EQ(r.tensors[13].error.count, 3u * 64u);
  // The first convolution's output has 16384 values per sample.
  QRT_EXPECT_EQ(r.tensors[1].error.count, 3u * 16384u);
  // A buffer too small for the bookkeeping gives no layer rows, and no error.
  cfg.layer_buffer_bytes = 1024;
  QRT_ASSERT_EQ(qrt_accept_run(&cfg, &r, &v, nullptr), QRT_OK);
  QRT_EXPECT_EQ(r.tensor_count, 1u);
}

QRT_TEST(accept_run, kws01_top1_matches_tflm) {
  if (!have_models()) return;
  Model q;
  QRT_ASSERT(q.load(models("mlperf_tiny/models/kws01/kws_ref_model.tflite"), "kws01_int8"));
  Set s;
  QRT_ASSERT(s.build(models("mlperf_tiny/datasets/kws01"), 0));
  constexpr uint32_t kUnits = 120;
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = q.m;
  cfg.eval_set = &s.set;
  cfg.max_units = kUnits;
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, 1.0, 1);  // no float model: not measured
  cfg.criteria = &c;
  static qrt_accept_results r;
  static qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_run(&cfg, &r, &v, nullptr), QRT_OK);
  std::vector<int> labels;
  const auto golden = golden_outputs(models("golden/tflm/mlperf/kws01_outputs.txt"), &labels);
  uint32_t correct = 0;
  for (uint32_t i = 0; i < kUnits; ++i) correct += argmax(golden[i]) == labels[i];
  QRT_EXPECT_EQ(r.correct, correct);
  QRT_EXPECT((r.measured & QRT_MEASURED_FLOAT_ACCURACY) == 0);
  QRT_EXPECT((r.measured & QRT_MEASURED_LATENCY) == 0);  // no latency buffer given
  QRT_EXPECT_EQ(r.tensor_count, 0u);                     // nothing to compare against
  QRT_EXPECT_EQ(v.pass, 0);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_BENEFIT], QRT_TERM_FAIL);
}

QRT_TEST(accept_run, ad01_unit_scores_match_tflm_scores) {
  if (!have_models()) return;
  Model q, f;
  QRT_ASSERT(q.load(models("mlperf_tiny/models/ad01/ad01_int8.tflite"), "ad01_int8"));
  QRT_ASSERT(f.load(models("mlperf_tiny/models/ad01/ad01_fp32.tflite"), "ad01_fp32"));
  Set s;
  QRT_ASSERT(s.build(models("mlperf_tiny/datasets/ad01"), 4));  // files 0, 62, 124, 186
  qrt_scored_unit scores[4], fscores[4];
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = q.m;
  cfg.float_model = f.m;
  cfg.eval_set = &s.set;
  cfg.unit_scores = scores;
  cfg.float_unit_scores = fscores;
  static qrt_accept_results r;
  static qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_run(&cfg, &r, &v, nullptr), QRT_OK);
  QRT_EXPECT_EQ(r.samples, 4u * 196u);
  QRT_EXPECT((r.measured & QRT_MEASURED_ACCURACY) != 0);  // 3 normal + 1 anomaly
  // TFLM's scores (double-accumulated column) for those files, in y_labels order.
  std::ifstream in(models("golden/tflm/mlperf/ad01_scores.txt"));
  std::string line;
  std::vector<double> golden;
  std::vector<int> labels;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string file;
    int label = 0, windows = 0;
    double f32 = 0, f64 = 0;
    ls >> file >> label >> windows >> f32 >> f64;
    golden.push_back(f64);
    labels.push_back(label);
  }
  QRT_ASSERT_EQ(golden.size(), 248u);
  // The AUC sorted the buffer: find each golden score among the units.
  const size_t files[4] = {0, 62, 124, 186};
  for (size_t k = 0; k < 4; ++k) {
    bool found = false;
    for (const qrt_scored_unit& u : scores) {
      found = found || (std::fabs(u.score - golden[files[k]]) <= 1e-6 * golden[files[k]] &&
                        u.label == labels[files[k]]);
    }
    QRT_EXPECT(found);
  }
  // With one anomaly among four units the AUC is the fraction of normals it outscores.
  int below = 0;
  double anomaly_score = 0;
  for (const qrt_scored_unit& u : scores) {
    if (u.label == 1) anomaly_score = u.score;
  }
  for (const qrt_scored_unit& u : scores) below += u.label == 0 && u.score < anomaly_score;
  QRT_EXPECT_NEAR(r.accuracy, below / 3.0, 1e-15);
}

QRT_TEST(accept_run, hello_world_regression_reproduces_tflm_bytes) {
  if (!have_models()) return;
  Model q;
  QRT_ASSERT(q.load(models("tflm/hello_world/hello_world_int8.tflite"), "hello_int8"));
  // Inputs x = s_in * (q + 128) as float32 (so the harness must quantize them back to q), target
  // = the real value of TFLM's output byte for q: an exact chain gives MSE ~ 0.
  qrt_session* session = nullptr;
  QRT_ASSERT_EQ(qrt_session_create(q.m.blob, q.m.blob_bytes, q.m.options, q.m.arena,
                                   q.m.arena_bytes, &session, nullptr),
                QRT_OK);
  qrt_tensor_view in, out;
  qrt_session_input(session, 0, &in);
  qrt_session_output(session, 0, &out);
  const float s_in = in.quant.scales[0], s_out = out.quant.scales[0];
  const int32_t z_in = in.quant.zero_points[0], z_out = out.quant.zero_points[0];
  std::ifstream gold(models("golden/tflm/hello_world_int8_outputs.txt"));
  std::string line;
  qrt::host::accept::EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_REGRESSION, 0, QRT_DTYPE_FLOAT32);
  qrt::host::accept::EvalTensorSpec spec;
  spec.dtype = QRT_DTYPE_FLOAT32;
  spec.dims = {1, 1};
  w.add_input(spec);
  while (std::getline(gold, line)) {
    if (line.empty() || line[0] == '#') continue;
    int xq = 0, yq = 0;
    std::istringstream(line) >> xq >> yq;
    const float x = s_in * static_cast<float>(xq - z_in);
    w.add_sample_copy({&x});
    w.add_label_value(static_cast<float>(static_cast<double>(s_out) * (yq - z_out)));
  }
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(w.finish(&bytes, &error));
  AlignedBytes set_bytes;
  set_bytes.assign(bytes.data(), bytes.size());
  qrt_eval_set set;
  QRT_ASSERT_EQ(qrt_eval_set_open(set_bytes.data(), set_bytes.size(), 0, &set, nullptr), QRT_OK);
  QRT_EXPECT_EQ(set.sample_count, 256u);
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = q.m;
  cfg.eval_set = &set;
  static qrt_accept_results r;
  static qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_run(&cfg, &r, &v, nullptr), QRT_OK);
  QRT_ASSERT_EQ(r.tensor_count, 1u);
  QRT_EXPECT(strcmp(r.tensors[0].name, "output 0 vs target") == 0);
  QRT_EXPECT_EQ(r.tensors[0].is_output, 0);
  QRT_EXPECT_EQ(r.tensors[0].error.count, 256u);
  QRT_EXPECT(r.tensors[0].error.max_abs_error < 1e-6);
}

QRT_TEST(accept_run, mismatched_set_is_refused) {
  if (!have_models()) return;
  Model q;
  QRT_ASSERT(q.load(models("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite"), "ic01_int8"));
  Set s;
  QRT_ASSERT(s.build(models("mlperf_tiny/datasets/kws01"), 5));
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = q.m;
  cfg.eval_set = &s.set;
  static qrt_accept_results r;
  static qrt_accept_verdict v;
  qrt_error err{};
  QRT_EXPECT_EQ(qrt_accept_run(&cfg, &r, &v, &err), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT(strstr(err.message, "element count") != nullptr);
  // An arena one byte short.
  Set ic;
  QRT_ASSERT(ic.build(models("mlperf_tiny/datasets/ic01"), 2));
  cfg.eval_set = &ic.set;
  cfg.model.arena_bytes -= 1;
  QRT_EXPECT_EQ(qrt_accept_run(&cfg, &r, &v, &err), QRT_ERR_ARENA_TOO_SMALL);
}

QRT_TEST(accept_run, cli_exit_status_names_the_failing_term) {
  if (!have_models()) return;
  // S_min far above any measurable speedup must FAIL with a non-zero exit status.
  const std::string cmd = std::string(QRT_CLI_PATH) + " accept " +
                          models("mlperf_tiny/models/kws01/kws_ref_model.tflite") + " --float " +
                          models("mlperf_tiny/models/kws01/kws_ref_model_float32.tflite") +
                          " --eval " + models("mlperf_tiny/datasets/kws01") +
                          " --max-units 20 --min-speedup 1000 --max-drop 5% 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  QRT_ASSERT(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  QRT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 1);
  QRT_EXPECT(out.find("RESULT: FAIL (failing: min_speedup)") != std::string::npos);
  QRT_EXPECT(out.find("accuracy drop (abs)") != std::string::npos);
  // The same with a passable threshold exits 0, and --json prints one object with the keys.
  const std::string ok = std::string(QRT_CLI_PATH) + " accept " +
                         models("mlperf_tiny/models/kws01/kws_ref_model.tflite") + " --eval " +
                         models("mlperf_tiny/datasets/kws01") +
                         " --max-units 10 --criterion min_accuracy=50% --json 2>/dev/null";
  p = popen(ok.c_str(), "r");
  QRT_ASSERT(p != nullptr);
  out.clear();
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  QRT_EXPECT_EQ(WEXITSTATUS(pclose(p)), 0);
  for (const char* key : {"\"pass\":true", "\"accuracy\":", "\"float_accuracy\":null",
                          "\"speedup\":null", "\"arena_bytes\":"}) {
    QRT_EXPECT(out.find(key) != std::string::npos);
  }
}
