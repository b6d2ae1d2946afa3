// MLPerf Tiny int8 models on every evaluation sample: output bytes equal TensorFlow Lite Micro's
// (golden/tflm/mlperf/) and the task figures equal TFLM's (ic01 86.50%, ic01_large 92.50%,
// kws01 90.10% top-1, ad01 ROC AUC 0.862037). Input conversions follow golden/tflm/mlperf/README.md.
#include <cmath>
#include <cstring>
#include <map>
#include <sstream>

#include "golden_util.h"
#include "qrt_test.h"

namespace {

using golden::model_path;

struct Sample {
  std::string file;
  int label;
};

// y_labels.csv: "file,classes,label[,...]".
std::vector<Sample> read_labels(const std::string& dataset) {
  std::vector<Sample> out;
  for (const std::string& line : golden::read_lines(model_path("mlperf_tiny/datasets/" + dataset + "/y_labels.csv"))) {
    std::istringstream in(line);
    std::string file, classes, label;
    std::getline(in, file, ',');
    std::getline(in, classes, ',');
    std::getline(in, label, ',');
    out.push_back(Sample{file, std::stoi(label)});
  }
  return out;
}

// golden line "<file> <label> <bytes...>" keyed by file.
std::map<std::string, std::vector<int>> read_golden(const std::string& name) {
  std::map<std::string, std::vector<int>> out;
  for (const std::string& line : golden::read_lines(model_path("golden/tflm/mlperf/" + name))) {
    std::istringstream in(line);
    std::string file;
    int label;
    in >> file >> label;
    std::vector<int> bytes;
    int v;
    while (in >> v) bytes.push_back(v);
    out[file] = bytes;
  }
  return out;
}

// Runs a classifier over a dataset: every output byte must equal the golden, and the top-1 count
// computed from our outputs and y_labels.csv must equal `expected_correct`.
void check_classifier(qrt_test::Context* qrt_test_ctx, const char* model_file, const char* dataset,
                      const char* golden_file, bool u8_to_i8, int expected_correct) {
  qrt::host::ModelFile model;
  std::string error;
  if (!golden::import_model(model_file, &model, &error)) {
    qrt_test::report_failure(qrt_test_ctx, __FILE__, __LINE__, error.c_str());
    return;
  }
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(model, nullptr, &error));
  const auto golden_out = read_golden(golden_file);
  const auto samples = read_labels(dataset);
  int correct = 0, byte_mismatches = 0, checked = 0;
  for (const Sample& sample : samples) {
    std::vector<uint8_t> input =
        golden::read_bytes(model_path(std::string("mlperf_tiny/datasets/") + dataset + "/" + sample.file));
    const qrt_tensor_view in = s.input(0);
    QRT_ASSERT_EQ(input.size(), in.bytes);
    for (uint8_t& b : input) {
      if (u8_to_i8) b = static_cast<uint8_t>(static_cast<int8_t>(static_cast<int>(b) - 128));
    }
    std::memcpy(in.data, input.data(), input.size());
    QRT_ASSERT(s.invoke(&error));
    const qrt_tensor_view out = s.output(0);
    const auto* y = static_cast<const int8_t*>(out.data);
    const auto it = golden_out.find(sample.file);
    QRT_ASSERT(it != golden_out.end());
    QRT_ASSERT_EQ(it->second.size(), out.bytes);
    for (size_t k = 0; k < out.bytes; ++k) byte_mismatches += y[k] != it->second[k] ? 1 : 0;
    correct += golden::argmax(y, static_cast<int>(out.bytes)) == sample.label ? 1 : 0;
    ++checked;
  }
  QRT_EXPECT_EQ(checked, static_cast<int>(golden_out.size()));
  QRT_EXPECT_EQ(byte_mismatches, 0);
  QRT_EXPECT_EQ(correct, expected_correct);
}

QRT_TEST(mlperf_golden, ic01_resnet8_200_images) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  check_classifier(qrt_test_ctx, "mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite", "ic01",
                   "ic01_outputs.txt", true, 173);  // 86.50%
}

QRT_TEST(mlperf_golden, ic01_large_200_images) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  check_classifier(qrt_test_ctx, "mlperf_tiny/models/ic01/pretrainedResnet_large_int8.tflite",
                   "ic01", "ic01_large_outputs.txt", true, 185);  // 92.50%
}

QRT_TEST(mlperf_golden, kws01_dscnn_1000_features) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  check_classifier(qrt_test_ctx, "mlperf_tiny/models/kws01/kws_ref_model.tflite", "kws01",
                   "kws01_outputs.txt", false, 901);  // 90.10%
}

// ROC AUC = P(score_anomaly > score_normal) + 0.5 P(tie), over all (anomaly, normal) pairs.
double roc_auc(const std::vector<double>& scores, const std::vector<int>& labels) {
  double wins = 0;
  long pairs = 0;
  for (size_t a = 0; a < scores.size(); ++a) {
    if (labels[a] != 1) continue;
    for (size_t n = 0; n < scores.size(); ++n) {
      if (labels[n] != 0) continue;
      wins += scores[a] > scores[n] ? 1.0 : (scores[a] == scores[n] ? 0.5 : 0.0);
      ++pairs;
    }
  }
  return wins / static_cast<double>(pairs);
}

QRT_TEST(mlperf_golden, ad01_autoencoder_windows_and_auc) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(golden::import_model("mlperf_tiny/models/ad01/ad01_int8.tflite", &model, &error));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(model, nullptr, &error));
  const qrt_tensor_view in = s.input(0);
  const qrt_tensor_view out = s.output(0);
  QRT_ASSERT_EQ(in.bytes, 640);
  const float in_scale = in.quant.scales[0];
  const int in_zp = in.quant.zero_points[0];
  const float out_scale = out.quant.scales[0];
  const int out_zp = out.quant.zero_points[0];
  // Golden window bytes of the first 10 files: "<file>:wNNN <label> <640 bytes>".
  std::map<std::string, std::vector<int>> windows;
  for (const std::string& line : golden::read_lines(model_path("golden/tflm/mlperf/ad01_outputs_first10files.txt"))) {
    std::istringstream l(line);
    std::string key;
    int label;
    l >> key >> label;
    std::vector<int> bytes;
    int v;
    while (l >> v) bytes.push_back(v);
    windows[key] = bytes;
  }
  std::map<std::string, double> tflm_scores;
  for (const std::string& line : golden::read_lines(model_path("golden/tflm/mlperf/ad01_scores.txt"))) {
    std::istringstream l(line);
    std::string file;
    int label, n;
    double score;
    l >> file >> label >> n >> score;
    tflm_scores[file] = score;
  }
  std::vector<double> scores;
  std::vector<int> labels;
  int window_mismatches = 0, windows_checked = 0;
  double max_score_diff = 0;
  for (const Sample& sample : read_labels("ad01")) {
    const std::vector<uint8_t> raw = golden::read_bytes(model_path("mlperf_tiny/datasets/ad01/" + sample.file));
    QRT_ASSERT_EQ(raw.size(), 25600 * 4);
    std::vector<float> x(25600);
    std::memcpy(x.data(), raw.data(), raw.size());
    float sum = 0.0f;
    const int window_count = (25600 - 640) / 128 + 1;
    for (int w = 0; w < window_count; ++w) {
      auto* q = static_cast<int8_t*>(in.data);
      for (int i = 0; i < 640; ++i) {
        // round(x / scale) + zp with float division, ties away from zero, clamped.
        const float r = std::round(x[static_cast<size_t>(w * 128 + i)] / in_scale);
        const float v = r + static_cast<float>(in_zp);
        q[i] = static_cast<int8_t>(v < -128.0f ? -128.0f : (v > 127.0f ? 127.0f : v));
      }
      QRT_ASSERT(s.invoke(&error));
      const auto* y = static_cast<const int8_t*>(out.data);
      float mse = 0.0f;
      for (int i = 0; i < 640; ++i) {
        const float d = static_cast<float>(y[i] - out_zp) * out_scale - x[static_cast<size_t>(w * 128 + i)];
        mse += d * d;
      }
      sum += mse / 640.0f;
      char key[16];
      std::snprintf(key, sizeof key, ":w%03d", w);
      const auto it = windows.find(sample.file + key);
      if (it != windows.end()) {
        ++windows_checked;
        for (int i = 0; i < 640; ++i) window_mismatches += y[i] != it->second[static_cast<size_t>(i)] ? 1 : 0;
      }
    }
    const double score = sum / static_cast<float>(window_count);
    scores.push_back(score);
    labels.push_back(sample.label);
    max_score_diff = std::max(max_score_diff, std::fabs(score - tflm_scores[sample.file]));
  }
  QRT_EXPECT_EQ(windows_checked, 1960);
  QRT_EXPECT_EQ(window_mismatches, 0);
  QRT_EXPECT_EQ(scores.size(), 248);
  QRT_EXPECT(max_score_diff < 1e-4);
  const double auc = roc_auc(scores, labels);
  QRT_EXPECT_NEAR(auc, 0.862037, 0.5e-6);
}

}  // namespace
