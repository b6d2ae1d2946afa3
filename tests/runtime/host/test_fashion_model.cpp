// The committed Fashion-MNIST model (models/fashion_mnist/): both blobs load and run through the
// C API, and their accuracy on the committed evaluation set is what was predicted without qrt:
//  - float32: the trainer's own forward pass counted trainer.float.subset_correct right answers
//    on these 500 images (figures.txt, written at training time);
//  - int8: the exporter's integer simulation (its own loops, TFLite semantics) counted
//    sim.int8.subset_correct;
//  - and int8 stays within one accuracy point of float32.
// These files are part of the repository, so the test never skips.
#include <math.h>
#include <string.h>

#include <map>
#include <string>
#include <vector>

#include "file_io.h"
#include "model_file.h"
#include "qrt/eval_set.h"
#include "qrt_test.h"

namespace {

using qrt::host::AlignedBytes;
using qrt::host::HostSession;
using qrt::host::ModelFile;

std::string bundle_dir() {
#ifdef QRT_FASHION_MNIST_DIR
  return QRT_FASHION_MNIST_DIR;
#else
  // tests/runtime/host/test_fashion_model.cpp -> <root>/models/fashion_mnist
  std::string here = __FILE__;
  const size_t cut = here.rfind("tests/runtime/host/");
  return (cut == std::string::npos ? std::string("..") : here.substr(0, cut)) + "models/fashion_mnist";
#endif
}

std::map<std::string, std::string> read_figures() {
  std::map<std::string, std::string> out;
  std::vector<uint8_t> bytes;
  std::string error;
  if (!qrt::host::read_file_bytes(bundle_dir() + "/figures.txt", &bytes, &error)) return out;
  std::string text(bytes.begin(), bytes.end());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    const size_t space = line.find(' ');
    if (line.empty() || line[0] == '#' || space == std::string::npos) continue;
    out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

int32_t figure(const std::map<std::string, std::string>& f, const char* key) {
  const auto it = f.find(key);
  return it == f.end() ? -1 : atoi(it->second.c_str());
}

struct Bundle {
  ModelFile int8_model, float_model;
  AlignedBytes eval_bytes;
  qrt_eval_set set{};
  std::string error;
};

bool load_bundle(Bundle* b) {
  const std::string dir = bundle_dir();
  if (!qrt::host::load_model_file(dir + "/fashion_cnn_int8.qrt", &b->int8_model, &b->error) ||
      !qrt::host::load_model_file(dir + "/fashion_cnn_f32.qrt", &b->float_model, &b->error)) {
    return false;
  }
  std::vector<uint8_t> bytes;
  if (!qrt::host::read_file_bytes(dir + "/fashion_test_500.qev", &bytes, &b->error)) return false;
  b->eval_bytes.assign(bytes.data(), bytes.size());
  qrt_error err{};
  const qrt_status s = qrt_eval_set_open(b->eval_bytes.data(), b->eval_bytes.size(), 0, &b->set, &err);
  if (s != QRT_OK) {
    b->error = qrt::host::describe_error(s, err);
    return false;
  }
  return true;
}

int32_t argmax_s8(const int8_t* v, int32_t n) {
  int32_t best = 0;
  for (int32_t i = 1; i < n; ++i) best = v[i] > v[best] ? i : best;
  return best;
}

int32_t argmax_f32(const float* v, int32_t n) {
  int32_t best = 0;
  for (int32_t i = 1; i < n; ++i) best = v[i] > v[best] ? i : best;
  return best;
}

// Runs both models on every sample of the set; the float model gets the set's int8 pixels
// dequantized as the acceptance harness does it (scale * (q - zero_point) in float).
struct Counts {
  int32_t int8_correct = 0, float_correct = 0, agree = 0, samples = 0;
  bool ok = false;
};

Counts run_set(Bundle* b, std::string* error) {
  Counts c;
  HostSession s8, sf;
  if (!s8.open(b->int8_model, nullptr, error) || !sf.open(b->float_model, nullptr, error)) return c;
  for (uint32_t i = 0; i < b->set.sample_count; ++i) {
    qrt_eval_tensor in{};
    int32_t label = -1;
    if (qrt_eval_set_input(&b->set, i, 0, &in) != QRT_OK ||
        qrt_eval_set_label_class(&b->set, i, &label) != QRT_OK || in.bytes != 784) {
      *error = "bad sample";
      return c;
    }
    const auto* q = static_cast<const int8_t*>(in.data);
    memcpy(s8.input(0).data, q, 784);
    auto* xf = static_cast<float*>(sf.input(0).data);
    for (int32_t p = 0; p < 784; ++p) xf[p] = in.scale * static_cast<float>(q[p] - in.zero_point);
    if (!s8.invoke(error) || !sf.invoke(error)) return c;
    const int32_t top8 = argmax_s8(static_cast<const int8_t*>(s8.output(0).data), 10);
    const int32_t topf = argmax_f32(static_cast<const float*>(sf.output(0).data), 10);
    c.int8_correct += top8 == label;
    c.float_correct += topf == label;
    c.agree += top8 == topf;
    ++c.samples;
  }
  c.ok = true;
  return c;
}

}  // namespace

QRT_TEST(fashion_model, blobs_and_eval_set_load_with_matching_input_encoding) {
  Bundle b;
  const bool loaded = load_bundle(&b);
  if (!loaded) printf("  %s\n", b.error.c_str());
  QRT_ASSERT(loaded);
  QRT_EXPECT_EQ(b.set.task, QRT_EVAL_TASK_CLASSIFICATION);
  QRT_EXPECT_EQ(b.set.sample_count, 500u);
  QRT_EXPECT_EQ(b.set.class_count, 10u);
  QRT_EXPECT_EQ(b.set.input_count, 1u);
  qrt_eval_tensor in{};
  QRT_ASSERT(qrt_eval_set_input(&b.set, 0, 0, &in) == QRT_OK);
  QRT_EXPECT_EQ(in.dtype, QRT_DTYPE_INT8);
  QRT_EXPECT_EQ(in.zero_point, -128);

  // The int8 model's input is the set's encoding exactly (pixel - 128, scale 1/255), so the
  // harness feeds it without conversion; the float model takes pixel / 255.
  HostSession s8, sf;
  std::string error;
  QRT_ASSERT(s8.open(b.int8_model, nullptr, &error));
  QRT_ASSERT(sf.open(b.float_model, nullptr, &error));
  const qrt_tensor_view i8 = s8.input(0), o8 = s8.output(0), fi = sf.input(0), fo = sf.output(0);
  QRT_EXPECT_EQ(i8.dtype, QRT_DTYPE_INT8);
  QRT_EXPECT_EQ(i8.bytes, 784u);
  QRT_ASSERT(i8.quant.kind == QRT_QUANT_PER_TENSOR);
  QRT_EXPECT(i8.quant.scales[0] == in.scale);
  QRT_EXPECT(fabs(static_cast<double>(in.scale) - 1.0 / 255.0) < 1e-9);
  QRT_EXPECT_EQ(i8.quant.zero_points[0], in.zero_point);
  QRT_EXPECT_EQ(o8.dtype, QRT_DTYPE_INT8);
  QRT_EXPECT_EQ(o8.bytes, 10u);
  QRT_EXPECT_EQ(fi.dtype, QRT_DTYPE_FLOAT32);
  QRT_EXPECT_EQ(fi.bytes, 784u * 4u);
  QRT_EXPECT_EQ(fo.dtype, QRT_DTYPE_FLOAT32);
  QRT_EXPECT_EQ(fo.bytes, 40u);
  QRT_EXPECT_EQ(qrt_session_op_count(s8.get()), 3);
  QRT_EXPECT_EQ(qrt_session_op_count(sf.get()), 3);

  // Small enough for a Cortex-M: under 16 KB of int8 weights and blob, a few KB of arena.
  QRT_EXPECT(b.int8_model.plan.blob_bytes < 16 * 1024);
  QRT_EXPECT(b.int8_model.plan.arena_bytes < 8 * 1024);
  QRT_EXPECT(b.int8_model.blob.size() + b.float_model.blob.size() + b.eval_bytes.size() < 600 * 1024);

  const char* classes = nullptr;
  QRT_ASSERT(qrt_blob_metadata(b.int8_model.blob.data(), b.int8_model.blob.size(), "classes",
                               &classes) == QRT_OK);
  QRT_EXPECT(strncmp(classes, "T-shirt/top,Trouser,", 20) == 0);
}

QRT_TEST(fashion_model, accuracy_matches_the_trainer_and_the_integer_simulation) {
  const std::map<std::string, std::string> f = read_figures();
  const int32_t trainer_float = figure(f, "trainer.float.subset_correct");
  const int32_t trainer_float_test = figure(f, "trainer.float.test_correct");
  const int32_t sim_int8 = figure(f, "sim.int8.subset_correct");
  QRT_ASSERT(trainer_float > 0 && sim_int8 > 0 && trainer_float_test > 0);
  QRT_EXPECT_EQ(figure(f, "trainer.float.subset_count"), 500);
  Bundle b;
  QRT_ASSERT(load_bundle(&b));
  std::string error;
  const Counts c = run_set(&b, &error);
  if (!c.ok) printf("  %s\n", error.c_str());
  QRT_ASSERT(c.ok);
  QRT_EXPECT_EQ(c.samples, 500);
  printf("  float32 %d / 500 (trainer %d), int8 %d / 500 (simulation %d), top-1 agreement %d\n",
         c.float_correct, trainer_float, c.int8_correct, sim_int8, c.agree);
  // qrt's float kernels sum in the trainer's order without FMA contraction: the same answers.
  QRT_EXPECT_EQ(c.float_correct, trainer_float);
  // qrt's int8 kernels give the simulation's bytes, so the same answers.
  QRT_EXPECT_EQ(c.int8_correct, sim_int8);
  // The model meets its targets: >= 85% float on the full test set, int8 within 1 point of float
  // on the evaluation set (5 of 500 images).
  QRT_EXPECT(trainer_float_test >= 8500);
  QRT_EXPECT(c.int8_correct >= c.float_correct - 5);
  QRT_EXPECT(c.agree >= 485);
}
