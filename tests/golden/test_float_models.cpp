// Float32 models imported by qrt's TFLite converter and run through a qrt session with the
// float32 operator table (qrt_float_op_table()), the baseline of acceptance:
//  - hello_world_float.tflite (TensorFlow Lite Micro's sine regressor, 3 float FULLY_CONNECTED):
//    1. against an independent double-precision evaluation of the same weights (read with the
//       TFLite reader, not through qrt's blob or kernels): exact to float rounding;
//    2. against sin(x), the model's training target, over its input range [0, 2*pi];
//    3. against TensorFlow Lite Micro's int8 outputs of hello_world_int8.tflite (golden file),
//       the float-vs-int8 agreement the acceptance harness measures;
//  - MLPerf Tiny ic01 float ResNet-8 (CONV_2D, ADD, AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED,
//    SOFTMAX) on the 200 staged CIFAR-10 images: top-1 equal to the Arm NN CpuRef float peer.
// Tolerances are the measured figures rounded up (printed on every run); they guard against
// regressions, not model quality. Skips without QRT_MODELS_DIR.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include "qrt/qrt.h"
#include "qrt/qrt_float.h"
#include "qrt_test.h"
#include "tflite/tflite_model.h"
#include "tflite_import.h"

namespace {

constexpr double kPi = 3.14159265358979323846;

// Measured on x86-64 (float path through qrt): max |qrt - double oracle| 7.2e-7; against sin(x)
// max 0.0503, rms 0.0152 (the model's own fit: the double oracle gives the same figures); against
// TFLM's int8 outputs max 0.113 (the int8 model alone is 0.118 max / 0.031 rms from sin(x)).
constexpr double kOracleTolerance = 1e-5;   // float rounding of 3 small layers
constexpr double kSineMaxTolerance = 0.06;
constexpr double kSineRmsTolerance = 0.02;
constexpr double kInt8MaxTolerance = 0.125;  // 15 output quanta of the int8 model

std::string models(const char* relative) {
  return std::string(qrt_test::models_dir()) + "/" + relative;
}

bool have_models() {
  if (qrt_test::models_dir()[0] != '\0') return true;
  qrt_test::note_skipped("QRT_MODELS_DIR not configured");
  return false;
}

bool read_all(const std::string& path, std::vector<uint8_t>* out) {
  out->assign(1 << 20, 0);
  const long n = qrt_test::read_file(path.c_str(), out->data(), out->size());
  if (n < 0) return false;
  out->resize(static_cast<size_t>(n));
  return true;
}

// The double-precision oracle: evaluates a graph of float FULLY_CONNECTED operators (fused NONE,
// RELU or RELU6) directly from the TFLite structs.
struct DoubleGraph {
  qrt::TfliteModel model;
  std::vector<uint8_t> file;  // the model's data points into it

  bool load(const std::string& path, std::string* error) {
    if (!read_all(path, &file)) {
      *error = "cannot read " + path;
      return false;
    }
    return qrt::read_tflite(file.data(), file.size(), &model, error);
  }

  double weight(const qrt::TfliteTensor& t, size_t i) const {
    float v;
    memcpy(&v, t.data + 4 * i, 4);  // unaligned little-endian float32
    return v;
  }

  // Returns false for anything but the float FC graph this oracle covers.
  bool run(double x, double* y) const {
    std::vector<std::vector<double>> values(model.tensors.size());
    values[static_cast<size_t>(model.inputs[0])] = {x};
    for (const qrt::TfliteOperator& op : model.operators) {
      if (op.builtin_code != qrt::kTfliteOpFullyConnected) return false;
      const std::vector<double>& in = values[static_cast<size_t>(op.inputs[0])];
      const qrt::TfliteTensor& w = model.tensors[static_cast<size_t>(op.inputs[1])];
      if (w.type != qrt::kTfliteFloat32 || w.shape.size() != 2) return false;
      const size_t units = static_cast<size_t>(w.shape[0]), depth = static_cast<size_t>(w.shape[1]);
      if (in.size() != depth) return false;
      const qrt::TfliteTensor* bias =
          op.inputs.size() > 2 && op.inputs[2] >= 0 ? &model.tensors[static_cast<size_t>(op.inputs[2])]
                                                   : nullptr;
      std::vector<double> out(units);
      for (size_t o = 0; o < units; ++o) {
        double sum = bias != nullptr ? weight(*bias, o) : 0.0;
        for (size_t i = 0; i < depth; ++i) sum += in[i] * weight(w, o * depth + i);
        switch (op.options.fully_connected.activation) {
          case qrt::kTfliteActNone: break;
          case qrt::kTfliteActRelu: sum = sum < 0 ? 0 : sum; break;
          case qrt::kTfliteActRelu6: sum = sum < 0 ? 0 : (sum > 6 ? 6 : sum); break;
          default: return false;
        }
        out[o] = sum;
      }
      values[static_cast<size_t>(op.outputs[0])] = out;
    }
    const std::vector<double>& result = values[static_cast<size_t>(model.outputs[0])];
    if (result.size() != 1) return false;
    *y = result[0];
    return true;
  }
};

// A qrt session of the imported float model, its arena owned here.
struct FloatSession {
  struct alignas(16) Block {
    uint8_t bytes[16];
  };
  std::vector<uint8_t> blob_storage;
  std::vector<Block> blob_blocks;  // the blob, 16-byte aligned as the loader requires
  std::vector<Block> arena;
  qrt_session* session = nullptr;
  qrt_memory_report plan = {};
  float* input = nullptr;
  const float* output = nullptr;
  size_t input_count = 0, output_count = 0;

  bool open(const std::string& path, std::string* error) {
    std::vector<uint8_t> tflite;
    if (!read_all(path, &tflite)) {
      *error = "cannot read " + path;
      return false;
    }
    qrt::host::ImportReport report;
    if (!qrt::host::import_tflite(tflite.data(), tflite.size(), path, &blob_storage, &report,
                                  error)) {
      return false;
    }
    blob_blocks.resize((blob_storage.size() + 15) / 16);
    memcpy(blob_blocks.data(), blob_storage.data(), blob_storage.size());
    static const qrt_op_table* const tables[1] = {qrt_float_op_table()};
    qrt_options options = {};
    options.op_tables = tables;
    options.op_table_count = 1;
    qrt_error err = {};
    qrt_status s = qrt_plan_memory(blob_blocks.data(), blob_storage.size(), &options, &plan, &err);
    if (s == QRT_OK) {
      arena.resize((plan.arena_bytes + 15) / 16);
      s = qrt_session_create(blob_blocks.data(), blob_storage.size(), &options, arena.data(),
                             arena.size() * 16, &session, &err);
    }
    if (s != QRT_OK) {
      *error = std::string(qrt_status_str(s)) + ": " + err.message;
      return false;
    }
    qrt_tensor_view in, out;
    if (qrt_session_input(session, 0, &in) != QRT_OK || qrt_session_output(session, 0, &out) != QRT_OK ||
        in.dtype != QRT_DTYPE_FLOAT32 || out.dtype != QRT_DTYPE_FLOAT32) {
      *error = "expected a float32 graph input and output";
      return false;
    }
    input = static_cast<float*>(in.data);
    output = static_cast<const float*>(out.data);
    input_count = in.bytes / 4;
    output_count = out.bytes / 4;
    return true;
  }

  // One invoke on whatever the input holds; false when it fails.
  bool run_current() { return qrt_session_invoke(session) == QRT_OK; }
  // A [1, 1] model: y = f(x), NaN when invoke fails (every comparison with it then fails).
  float run(float x) {
    *input = x;
    return run_current() ? *output : NAN;
  }
};

}  // namespace

QRT_TEST(hello_world_float, session_matches_double_oracle_and_approximates_sine) {
  if (!have_models()) return;
  const std::string path = models("tflm/hello_world/hello_world_float.tflite");
  std::string error;
  DoubleGraph oracle;
  QRT_ASSERT(oracle.load(path, &error));
  FloatSession qrt_float;
  const bool opened = qrt_float.open(path, &error);
  QRT_ASSERT(!opened || (qrt_float.input_count == 1 && qrt_float.output_count == 1));
  if (!opened) printf("%s\n", error.c_str());
  QRT_ASSERT(opened);

  constexpr int kPoints = 1000;
  double max_vs_oracle = 0, max_vs_sine = 0, sum_sq_vs_sine = 0;
  for (int i = 0; i < kPoints; ++i) {
    const float x = static_cast<float>(2.0 * kPi * i / (kPoints - 1));
    const float y = qrt_float.run(x);
    QRT_ASSERT(!isnan(y));  // fmax below would ignore a NaN
    double expected = 0;
    QRT_ASSERT(oracle.run(x, &expected));
    max_vs_oracle = fmax(max_vs_oracle, fabs(y - expected));
    const double e = fabs(y - sin(static_cast<double>(x)));
    max_vs_sine = fmax(max_vs_sine, e);
    sum_sq_vs_sine += e * e;
  }
  printf("hello_world_float via qrt: max |qrt - double oracle| = %.3g, vs sin(x): max %.4f, "
         "rms %.4f over %d points in [0, 2pi]; arena %zu bytes\n",
         max_vs_oracle, max_vs_sine, sqrt(sum_sq_vs_sine / kPoints), kPoints,
         qrt_float.plan.arena_bytes);
  QRT_EXPECT(max_vs_oracle <= kOracleTolerance);
  QRT_EXPECT(max_vs_sine <= kSineMaxTolerance);
  QRT_EXPECT(sqrt(sum_sq_vs_sine / kPoints) <= kSineRmsTolerance);
}

QRT_TEST(hello_world_float, agrees_with_tflm_int8_outputs) {
  if (!have_models()) return;
  // golden/tflm/hello_world_int8_outputs.txt: "x_int8 y_int8" for all 256 int8 inputs of
  // hello_world_int8.tflite, input q(0.0244801, -128), output q(0.00829096, 5) (its header).
  std::vector<uint8_t> text;
  QRT_ASSERT(read_all(models("golden/tflm/hello_world_int8_outputs.txt"), &text));
  text.push_back('\0');
  std::string error;
  FloatSession qrt_float;
  const bool opened = qrt_float.open(models("tflm/hello_world/hello_world_float.tflite"), &error);
  if (!opened) printf("%s\n", error.c_str());
  QRT_ASSERT(opened && qrt_float.input_count == 1 && qrt_float.output_count == 1);
  const char* p = reinterpret_cast<const char*>(text.data());
  int rows = 0;
  double max_diff = 0;
  while (*p != '\0') {
    if (*p == '#') {
      while (*p != '\0' && *p != '\n') ++p;
      if (*p == '\n') ++p;
      continue;
    }
    char* end;
    const long xq = strtol(p, &end, 10);
    if (end == p) break;
    const long yq = strtol(end, &end, 10);
    p = end;
    while (*p == '\n' || *p == '\r' || *p == ' ') ++p;
    const float x = 0.0244801f * static_cast<float>(xq + 128);
    const double y_int8 = 0.00829096 * static_cast<double>(yq - 5);
    const float y = qrt_float.run(x);
    QRT_ASSERT(!isnan(y));
    max_diff = fmax(max_diff, fabs(y - y_int8));
    ++rows;
  }
  printf("hello_world float (qrt) vs int8 (TFLM): max |difference| %.4f over %d inputs "
         "(%.1f output quanta)\n", max_diff, rows, max_diff / 0.00829096);
  QRT_EXPECT_EQ(rows, 256);
  QRT_EXPECT(max_diff <= kInt8MaxTolerance);
}

QRT_TEST(ic01_float, top1_on_200_images_equals_arm_nn_float) {
  if (!have_models()) return;
  // mlperf_tiny/peer_runtime_results.json: pretrainedResnet.tflite (float32) 171 / 200 correct
  // with Arm NN 20.08 CpuRef; input float = u8 pixel (0..255), HWC as stored.
  constexpr int kArmNnCorrect = 171;
  std::string error;
  FloatSession qrt_float;
  const bool opened =
      qrt_float.open(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), &error);
  if (!opened) printf("%s\n", error.c_str());
  QRT_ASSERT(opened && qrt_float.input_count == 32 * 32 * 3 && qrt_float.output_count == 10);
  std::vector<uint8_t> labels;
  QRT_ASSERT(read_all(models("mlperf_tiny/datasets/ic01/y_labels.csv"), &labels));
  labels.push_back('\0');
  int correct = 0, total = 0;
  const char* line = reinterpret_cast<const char*>(labels.data());
  while (*line != '\0') {
    // "file.bin,10,label"
    const char* comma = strchr(line, ',');
    QRT_ASSERT(comma != nullptr);
    const std::string file(line, static_cast<size_t>(comma - line));
    const char* comma2 = strchr(comma + 1, ',');
    QRT_ASSERT(comma2 != nullptr);
    const long label = strtol(comma2 + 1, nullptr, 10);
    const char* next = strchr(comma2, '\n');
    line = next != nullptr ? next + 1 : comma2 + strlen(comma2);

    uint8_t pixels[32 * 32 * 3];
    QRT_ASSERT(qrt_test::read_file(models(("mlperf_tiny/datasets/ic01/" + file).c_str()).c_str(),
                                   pixels, sizeof pixels) == static_cast<long>(sizeof pixels));
    for (size_t i = 0; i < sizeof pixels; ++i) qrt_float.input[i] = pixels[i];
    QRT_ASSERT(qrt_float.run_current());
    int best = 0;
    for (int k = 1; k < 10; ++k) {
      if (qrt_float.output[k] > qrt_float.output[best]) best = k;
    }
    correct += best == label ? 1 : 0;
    ++total;
  }
  printf("ic01 float ResNet-8 via qrt: %d / %d correct (Arm NN CpuRef float: %d)\n", correct,
         total, kArmNnCorrect);
  QRT_EXPECT_EQ(total, 200);
  QRT_EXPECT_EQ(correct, kArmNnCorrect);
}
