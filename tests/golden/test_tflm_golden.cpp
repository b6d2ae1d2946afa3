// TensorFlow Lite Micro example models: qrt must reproduce TFLM's output bytes exactly
// (../shared/models/golden/tflm/, produced by TFLM's reference kernels on x86-64).
#include <cstdio>
#include <cstring>
#include <sstream>

#include "golden_util.h"
#include "qrt_test.h"

namespace {

using golden::model_path;

// Runs `input` (raw bytes of input 0) and returns output 0's bytes; nothing when invoke fails
// (the callers' size checks then fail).
std::vector<int8_t> run_once(qrt::host::HostSession& s, const std::vector<uint8_t>& input) {
  const qrt_tensor_view in = s.input(0);
  std::memcpy(in.data, input.data(), input.size());
  std::string error;
  if (!s.invoke(&error)) {
    printf("  invoke failed: %s\n", error.c_str());
    return {};
  }
  const qrt_tensor_view out = s.output(0);
  const auto* p = static_cast<const int8_t*>(out.data);
  return std::vector<int8_t>(p, p + out.bytes);
}

QRT_TEST(tflm_golden, hello_world_all_256_inputs) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(golden::import_model("tflm/hello_world/hello_world_int8.tflite", &model, &error));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(model, nullptr, &error));
  const auto lines = golden::read_lines(model_path("golden/tflm/hello_world_int8_outputs.txt"));
  QRT_ASSERT_EQ(lines.size(), 256);
  int mismatches = 0;
  for (const std::string& line : lines) {
    const std::vector<int> v = golden::parse_ints(line);
    QRT_ASSERT_EQ(v.size(), 2);
    const std::vector<int8_t> out = run_once(s, {static_cast<uint8_t>(static_cast<int8_t>(v[0]))});
    if (out.size() != 1 || out[0] != v[1]) ++mismatches;
  }
  QRT_EXPECT_EQ(mismatches, 0);
}

QRT_TEST(tflm_golden, micro_speech_feature_inputs) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(golden::import_model("tflm/micro_speech/micro_speech_quantized.tflite", &model, &error));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(model, nullptr, &error));
  int checked = 0;
  for (const std::string& line : golden::read_lines(model_path("golden/tflm/micro_speech_outputs.txt"))) {
    // "yes_1000ms -128 -128 127 -128   (features 49 frames)": a full 49x40 feature input. The
    // 30 ms lines are single feature frames of the audio front end, not model inputs.
    std::istringstream in(line);
    std::string clip;
    in >> clip;
    if (clip.find("1000ms") == std::string::npos) continue;
    int expected[4];
    for (int& e : expected) in >> e;
    const auto input = golden::read_bytes(model_path("golden/tflm/micro_speech_features_" + clip + ".i8"));
    QRT_ASSERT_EQ(input.size(), 1960);
    const std::vector<int8_t> out = run_once(s, input);
    QRT_ASSERT_EQ(out.size(), 4);
    for (int k = 0; k < 4; ++k) QRT_EXPECT_EQ(out[k], expected[k]);
    ++checked;
  }
  QRT_EXPECT_EQ(checked, 4);
}

QRT_TEST(tflm_golden, person_detect_both_images) {
  if (model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(golden::import_model("tflm/person_detection/person_detect.tflite", &model, &error));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(model, nullptr, &error));
  int checked = 0;
  for (const std::string& line : golden::read_lines(model_path("golden/tflm/person_detect_outputs.txt"))) {
    std::istringstream in(line);
    std::string image;
    int expected[2];
    in >> image >> expected[0] >> expected[1];
    const auto input = golden::read_bytes(model_path("golden/tflm/person_detect_input_" + image + ".i8"));
    QRT_ASSERT_EQ(input.size(), 96 * 96);
    const std::vector<int8_t> out = run_once(s, input);
    QRT_ASSERT_EQ(out.size(), 2);
    QRT_EXPECT_EQ(out[0], expected[0]);
    QRT_EXPECT_EQ(out[1], expected[1]);
    ++checked;
  }
  QRT_EXPECT_EQ(checked, 2);
}

}  // namespace
