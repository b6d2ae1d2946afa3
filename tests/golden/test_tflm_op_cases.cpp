// Operators without a shared golden: qrt's output bytes for each one-operator model of
// tflm_op_cases.h must equal TensorFlow Lite Micro's, recorded in data/tflm_op_cases.golden
// (float32 cases with a tolerance: within it, value by value).
// A case without a recorded golden fails: a new case needs an oracle run (data/README.md).
#include <cmath>
#include <cstring>

#include "golden_util.h"
#include "qrt_test.h"
#include "tflite_import.h"
#include "tflm_op_cases.h"

namespace {

// Empty when the case converts and its outputs equal the goldens; else what went wrong.
std::string check(const golden::OpCase& c, const std::map<int, std::vector<uint8_t>>& expected) {
  std::string error;
  std::vector<uint8_t> blob;
  qrt::host::ModelFile model;
  if (!qrt::host::import_tflite(c.model.data(), c.model.size(), c.name, &blob, nullptr, &error) ||
      !qrt::host::load_model_bytes(blob, &model, &error)) {
    return "import: " + error;
  }
  qrt::host::HostSession s;
  if (!s.open(model, nullptr, &error)) return "open: " + error;
  if (qrt_session_input_count(s.get()) != static_cast<int32_t>(c.inputs.size())) return "input count";
  for (size_t k = 0; k < c.inputs.size(); ++k) {
    const qrt_tensor_view v = s.input(static_cast<int32_t>(k));
    if (v.bytes != c.inputs[k].size()) return "input " + std::to_string(k) + " size";
    std::memcpy(v.data, c.inputs[k].data(), v.bytes);
  }
  for (int k = 0; k < c.invokes; ++k) {
    if (!s.invoke(&error)) return "invoke: " + error;
  }
  if (expected.empty()) return "no golden recorded";
  for (const auto& e : expected) {
    if (e.first >= qrt_session_output_count(s.get())) return "output count";
    const qrt_tensor_view out = s.output(e.first);
    const auto* p = static_cast<const uint8_t*>(out.data);
    if (c.tolerance > 0) {
      if (out.bytes != e.second.size() || out.bytes % 4 != 0) return "output " + std::to_string(e.first) + " size";
      for (size_t i = 0; i < out.bytes; i += 4) {
        float got, want;
        std::memcpy(&got, p + i, 4);
        std::memcpy(&want, e.second.data() + i, 4);
        if (!(std::fabs(static_cast<double>(got) - static_cast<double>(want)) <= c.tolerance)) {
          return "output " + std::to_string(e.first) + " value " + std::to_string(i / 4) + " off by more than " +
                 std::to_string(c.tolerance);
        }
      }
      continue;
    }
    if (std::vector<uint8_t>(p, p + out.bytes) != e.second) {
      size_t first = 0;
      while (first < out.bytes && first < e.second.size() && p[first] == e.second[first]) ++first;
      return "output " + std::to_string(e.first) + " differs from byte " + std::to_string(first);
    }
  }
  return "";
}

QRT_TEST(tflm_op_cases, every_case_matches_tflm) {
  const auto goldens = golden::read_op_case_goldens(QRT_TEST_DATA_DIR "/tflm_op_cases.golden");
  int matched = 0, total = 0;
  for (const golden::OpCase& c : golden::tflm_op_cases()) {
    ++total;
    const auto g = goldens.find(c.name);
    const std::string why = check(c, g == goldens.end() ? std::map<int, std::vector<uint8_t>>{} : g->second);
    if (why.empty()) {
      ++matched;
    } else {
      printf("  %s: %s\n", c.name.c_str(), why.c_str());
    }
  }
  printf("  %d/%d cases match TFLM\n", matched, total);
  QRT_EXPECT(total > 0);
  QRT_EXPECT_EQ(matched, total);
}

// A stateful case's state lives in the persistent region: invokes change the output, and
// qrt_session_reset_state returns the session to the first invoke's output (the golden of the
// single-invoke case).
void expect_state_persists_and_resets(qrt_test::Context* qrt_test_ctx, const char* name) {
  const auto goldens = golden::read_op_case_goldens(QRT_TEST_DATA_DIR "/tflm_op_cases.golden");
  for (const golden::OpCase& c : golden::tflm_op_cases()) {
    if (c.name != name) continue;
    std::string error;
    std::vector<uint8_t> blob;
    qrt::host::ModelFile model;
    QRT_ASSERT(qrt::host::import_tflite(c.model.data(), c.model.size(), c.name, &blob, nullptr, &error));
    QRT_ASSERT(qrt::host::load_model_bytes(blob, &model, &error));
    qrt::host::HostSession s;
    QRT_ASSERT(s.open(model, nullptr, &error));
    const qrt_tensor_view in = s.input(0);
    std::memcpy(in.data, c.inputs[0].data(), in.bytes);
    const auto output = [&s]() {
      const qrt_tensor_view out = s.output(0);
      const auto* p = static_cast<const uint8_t*>(out.data);
      return std::vector<uint8_t>(p, p + out.bytes);
    };
    QRT_ASSERT(s.invoke(&error));
    const std::vector<uint8_t> first = output();
    QRT_EXPECT(first == goldens.at(c.name).at(0));
    QRT_ASSERT(s.invoke(&error));
    QRT_EXPECT(output() != first);  // the state moved
    QRT_ASSERT(s.invoke(&error));
    QRT_EXPECT_EQ(qrt_session_reset_state(s.get()), QRT_OK);
    QRT_ASSERT(s.invoke(&error));
    QRT_EXPECT(output() == first);
    return;
  }
  QRT_EXPECT(false);  // the case must exist
}

QRT_TEST(tflm_op_cases, svdf_state_persists_and_resets) {
  expect_state_persists_and_resets(qrt_test_ctx, "svdf_s16_rank2_x1");
}

// The int8 hidden state has zero point 5: a reset must write it (as TFLM does), not 0.
QRT_TEST(tflm_op_cases, lstm_states_persist_and_reset_to_the_zero_point) {
  expect_state_persists_and_resets(qrt_test_ctx, "lstm_s8_x1");
}

}  // namespace
