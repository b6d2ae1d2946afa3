// qrt_fashion_export: turns the trainer's float checkpoint into the bundled artifacts
// (models/fashion_mnist/): the int8 model, its float32 twin, the evaluation set, and figures.txt.
//
//   qrt_fashion_export [--data DIR] --checkpoint CK --trainer-figures F --out DIR
//
// 1. calibrates activation ranges (min-max) on every 60th TRAINING image and quantizes
//    (small_cnn_int8.h);
// 2. predicts the int8 model's answers with its own integer simulation;
// 3. writes both blobs (small_cnn_export.h), loads them back through the C API and runs all
//    10,000 test images: the int8 output bytes must equal the simulation's on every image, and the
//    float32 logits must equal the trainer's float forward pass;
// 4. builds the evaluation set (500 test images, int8, with the accept builder) and figures.txt.
#include <stdio.h>
#include <string.h>

#include <cmath>

#include "file_io.h"
#include "accept/eval_set_builder.h"
#include "fashion_bundle.h"
#include "idx_file.h"
#include "model_file.h"
#include "small_cnn.h"
#include "small_cnn_export.h"
#include "small_cnn_int8.h"

namespace {

using namespace qrt::models;
using qrt::host::HostSession;
using qrt::host::ModelFile;

int usage() {
  fprintf(stderr,
          "usage: qrt_fashion_export [--data DIR] --checkpoint CK --trainer-figures F --out DIR\n");
  return 2;
}

int fail(const std::string& message) {
  fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

std::string fmt(const char* format, double v) {
  char buf[64];
  snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Per-image results of one model over the test set.
struct RunResult {
  std::vector<uint8_t> correct;
  int32_t test_correct = 0;
  int32_t subset_correct = 0;
};

void tally(RunResult* r, const std::vector<size_t>& subset) {
  r->test_correct = 0;
  for (uint8_t c : r->correct) r->test_correct += c;
  r->subset_correct = 0;
  for (size_t i : subset) r->subset_correct += r->correct[i];
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = kDefaultFashionDataDir, checkpoint, trainer_figures, out_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    if (arg == "--data") {
      data_dir = argv[++i];
    } else if (arg == "--checkpoint") {
      checkpoint = argv[++i];
    } else if (arg == "--trainer-figures") {
      trainer_figures = argv[++i];
    } else if (arg == "--out") {
      out_dir = argv[++i];
    } else {
      return usage();
    }
  }
  if (checkpoint.empty() || trainer_figures.empty() || out_dir.empty()) return usage();

  std::string error;
  SmallCnn net;
  IdxImages train, test;
  std::vector<uint8_t> test_labels;
  std::map<std::string, std::string> trainer;
  if (!load_small_cnn(checkpoint, &net, &error) ||
      !read_figures(trainer_figures, &trainer, &error) ||
      !read_idx_images(data_dir + "/" + kTrainImages, &train, &error) ||
      !read_idx_images(data_dir + "/" + kTestImages, &test, &error) ||
      !read_idx_labels(data_dir + "/" + kTestLabels, &test_labels, &error)) {
    return fail(error);
  }
  if (static_cast<size_t>(test.count) != test_labels.size()) return fail("test images and labels differ in count");
  const std::vector<size_t> subset =
      qrt::host::accept::evenly_spaced(static_cast<size_t>(test.count), kEvalSubsetSize);

  // 1. Calibration on the training set, quantization.
  const SmallCnnCalibration calibration =
      calibrate_small_cnn(net, train.pixels.data(), train.count, kCalibrationStride);
  QuantizedSmallCnn q;
  if (!quantize_small_cnn(net, calibration, &q, &error)) return fail("quantization: " + error);
  printf("calibration: %d training images; conv1 max %.4f, conv2 max %.4f, logits [%.3f, %.3f]\n",
         calibration.images, calibration.conv1.abs_max, calibration.conv2.abs_max,
         calibration.logits.min, calibration.logits.max);

  // 2. Float (trainer's forward) and int8 simulation on the whole test set.
  const size_t n = static_cast<size_t>(test.count);
  RunResult trainer_float, sim_int8, qrt_float, qrt_int8;
  trainer_float.correct.resize(n);
  sim_int8.correct.resize(n);
  qrt_float.correct.resize(n);
  qrt_int8.correct.resize(n);
  std::vector<float> float_logits(n * kClassCount);
  std::vector<int8_t> sim_logits(n * kClassCount);
  SmallCnnActivations act;
  for (size_t i = 0; i < n; ++i) {
    small_cnn_forward(net, test.image(static_cast<int32_t>(i)), &act);
    memcpy(&float_logits[i * kClassCount], act.logits, sizeof act.logits);
    trainer_float.correct[i] = argmax_f32(act.logits, kClassCount) == test_labels[i];
    small_cnn_int8_forward(q, test.image(static_cast<int32_t>(i)), &sim_logits[i * kClassCount]);
    sim_int8.correct[i] = argmax_s8(&sim_logits[i * kClassCount], kClassCount) == test_labels[i];
  }
  tally(&trainer_float, subset);
  tally(&sim_int8, subset);
  const std::string float_test = std::to_string(trainer_float.test_correct);
  if (trainer["trainer.float.test_correct"] != float_test) {
    return fail("the checkpoint's float accuracy (" + float_test +
                ") is not the trainer's figure: checkpoint and figures are from different runs");
  }

  // 3. Blobs, loaded back and run through the C API on every test image.
  ExportInfo info;
  info.producer = "qrt_fashion_export 0.1.0";
  info.description =
      "Fashion-MNIST classifier made by qrt (models/fashion_mnist): conv3x3/8 s2 - conv3x3/16 s2 - "
      "fc10, trained by qrt_fashion_train";
  std::vector<uint8_t> int8_blob, float_blob;
  if (!build_int8_blob(q, info, &int8_blob, &error)) return fail("int8 blob: " + error);
  if (!build_float_blob(net, info, &float_blob, &error)) return fail("float blob: " + error);
  ModelFile int8_model, float_model;
  HostSession int8_session, float_session;
  if (!qrt::host::load_model_bytes(int8_blob, &int8_model, &error) ||
      !int8_session.open(int8_model, nullptr, &error)) {
    return fail("int8 blob does not load: " + error);
  }
  if (!qrt::host::load_model_bytes(float_blob, &float_model, &error) ||
      !float_session.open(float_model, nullptr, &error)) {
    return fail("float blob does not load: " + error);
  }
  int32_t byte_mismatches = 0, float_mismatches = 0;
  double float_max_diff = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* img = test.image(static_cast<int32_t>(i));
    auto* in8 = static_cast<int8_t*>(int8_session.input(0).data);
    auto* inf = static_cast<float*>(float_session.input(0).data);
    for (int32_t p = 0; p < kImageSide * kImageSide; ++p) {
      in8[p] = static_cast<int8_t>(static_cast<int32_t>(img[p]) - 128);
      inf[p] = input_value(img[p]);
    }
    if (!int8_session.invoke(&error) || !float_session.invoke(&error)) return fail("invoke: " + error);
    const auto* out8 = static_cast<const int8_t*>(int8_session.output(0).data);
    const auto* outf = static_cast<const float*>(float_session.output(0).data);
    if (memcmp(out8, &sim_logits[i * kClassCount], kClassCount) != 0) ++byte_mismatches;
    bool same = true;
    for (int32_t c = 0; c < kClassCount; ++c) {
      const double d = std::fabs(static_cast<double>(outf[c]) - float_logits[i * kClassCount + static_cast<size_t>(c)]);
      float_max_diff = std::max(float_max_diff, d);
      same = same && d == 0.0;
    }
    float_mismatches += same ? 0 : 1;
    qrt_int8.correct[i] = argmax_s8(out8, kClassCount) == test_labels[i];
    qrt_float.correct[i] = argmax_f32(outf, kClassCount) == test_labels[i];
  }
  tally(&qrt_int8, subset);
  tally(&qrt_float, subset);
  printf("float32: trainer %d / %zu, qrt %d / %zu (logits differ on %d images, max |diff| %g)\n",
         trainer_float.test_correct, n, qrt_float.test_correct, n, float_mismatches, float_max_diff);
  printf("int8:    simulation %d / %zu, qrt %d / %zu (output bytes differ on %d images)\n",
         sim_int8.test_correct, n, qrt_int8.test_correct, n, byte_mismatches);
  printf("subset of %zu: float %d (qrt %d), int8 %d (qrt %d)\n", subset.size(),
         trainer_float.subset_correct, qrt_float.subset_correct, sim_int8.subset_correct,
         qrt_int8.subset_correct);
  if (byte_mismatches != 0) return fail("qrt's int8 outputs differ from the integer simulation");

  // 4. Evaluation set and figures.
  std::vector<uint8_t> eval_set;
  qrt::host::accept::BuildOptions options;
  options.max_units = kEvalSubsetSize;
  if (!qrt::host::accept::build_idx_eval_set(data_dir + "/" + kTestImages, data_dir + "/" + kTestLabels,
                                              qrt::host::accept::IdxPixels::kInt8,
                                              "fashion-mnist-test-500", options, &eval_set, &error)) {
    return fail("evaluation set: " + error);
  }
  if (!qrt::host::write_file_bytes(out_dir + "/" + kInt8BlobName, int8_blob, &error) ||
      !qrt::host::write_file_bytes(out_dir + "/" + kFloatBlobName, float_blob, &error) ||
      !qrt::host::write_file_bytes(out_dir + "/" + kEvalSetName, eval_set, &error)) {
    return fail(error);
  }
  std::vector<std::pair<std::string, std::string>> figures(trainer.begin(), trainer.end());
  const std::vector<std::pair<std::string, std::string>> more = {
      {"calibration.method", "minmax"},
      {"calibration.images", std::to_string(calibration.images)},
      {"quant.input", fmt("%.9g", static_cast<double>(q.input.scale)) + " " + std::to_string(q.input.zero_point)},
      {"quant.conv1", fmt("%.9g", static_cast<double>(q.conv1_out.scale)) + " " + std::to_string(q.conv1_out.zero_point)},
      {"quant.conv2", fmt("%.9g", static_cast<double>(q.conv2_out.scale)) + " " + std::to_string(q.conv2_out.zero_point)},
      {"quant.logits", fmt("%.9g", static_cast<double>(q.logits.scale)) + " " + std::to_string(q.logits.zero_point)},
      {"sim.int8.test_correct", std::to_string(sim_int8.test_correct)},
      {"sim.int8.subset_correct", std::to_string(sim_int8.subset_correct)},
      {"qrt.float.test_correct", std::to_string(qrt_float.test_correct)},
      {"qrt.float.subset_correct", std::to_string(qrt_float.subset_correct)},
      {"qrt.int8.test_correct", std::to_string(qrt_int8.test_correct)},
      {"qrt.int8.subset_correct", std::to_string(qrt_int8.subset_correct)},
      {"qrt.int8.arena_bytes", std::to_string(int8_model.plan.arena_bytes)},
      {"qrt.float.arena_bytes", std::to_string(float_model.plan.arena_bytes)},
      {"size.int8_blob", std::to_string(int8_blob.size())},
      {"size.float_blob", std::to_string(float_blob.size())},
      {"size.eval_set", std::to_string(eval_set.size())},
  };
  figures.insert(figures.end(), more.begin(), more.end());
  // Per-class correct answers of qrt's int8 model over the test set (1,000 images per class).
  std::string per_class;
  for (int32_t c = 0; c < kClassCount; ++c) {
    int32_t right = 0;
    for (size_t i = 0; i < n; ++i) right += test_labels[i] == c && qrt_int8.correct[i];
    per_class += (c == 0 ? "" : " ") + std::to_string(right);
  }
  figures.emplace_back("qrt.int8.test_correct_per_class", per_class);
  printf("int8 per class (of 1000 each): %s\n", per_class.c_str());
  if (!write_figures(out_dir + "/" + kFiguresName, figures,
                     "# Written by models/fashion_mnist/regenerate.sh. trainer.*: the trainer's own float32\n"
                     "# evaluation; sim.*: the exporter's integer simulation; qrt.*: measured with qrt at export.\n"
                     "# *_correct counts are over the 10,000 test images (test) or the 500 of the evaluation set.\n",
                     &error)) {
    return fail(error);
  }
  printf("wrote %s (%zu B), %s (%zu B), %s (%zu B), %s\n", kInt8BlobName, int8_blob.size(),
         kFloatBlobName, float_blob.size(), kEvalSetName, eval_set.size(), kFiguresName);
  return 0;
}
