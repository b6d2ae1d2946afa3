// The tools that make the bundled Fashion-MNIST model (models/host/): the trainer's gradient
// against finite differences, deterministic training, the quantizer's TFLite rules checked by
// hand, and the exported blobs against the tools' own forward passes through the C API
// (float32 bit for bit, int8 byte for byte). Synthetic images keep it fast and data-free.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "file_io.h"
#include "idx_file.h"
#include "model_file.h"
#include "qrt_test.h"
#include "small_cnn.h"
#include "small_cnn_export.h"
#include "small_cnn_int8.h"

namespace {

using namespace qrt::models;

// Deterministic "images": smooth blobs plus noise, so that activations are neither all zero
// nor saturated.
std::vector<uint8_t> synthetic_images(int32_t count, uint32_t seed) {
  std::vector<uint8_t> px(static_cast<size_t>(count) * 784);
  uint32_t s = seed;
  for (int32_t i = 0; i < count; ++i) {
    const double cx = 8 + (i * 7) % 12, cy = 8 + (i * 5) % 12, r = 4 + i % 6;
    for (int32_t y = 0; y < 28; ++y) {
      for (int32_t x = 0; x < 28; ++x) {
        s = s * 1664525u + 1013904223u;
        const double d = sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
        const double v = (d < r ? 200.0 : 20.0) + static_cast<double>(s >> 27);
        px[static_cast<size_t>(i) * 784 + static_cast<size_t>(y * 28 + x)] =
            static_cast<uint8_t>(v > 255 ? 255 : v);
      }
    }
  }
  return px;
}

double loss_of(const SmallCnn& net, const uint8_t* image, int32_t label) {
  SmallCnnActivations act;
  small_cnn_forward(net, image, &act);
  double mx = act.logits[0];
  for (int32_t o = 1; o < kClassCount; ++o) mx = act.logits[o] > mx ? act.logits[o] : mx;
  double sum = 0.0;
  for (int32_t o = 0; o < kClassCount; ++o) sum += exp(act.logits[o] - mx);
  return log(sum) - (act.logits[label] - mx);
}

}  // namespace

QRT_TEST(fashion_tools, geometry_constants) {
  QRT_EXPECT_EQ(kParameterCount, 8 * 9 + 8 + 16 * 72 + 16 + 10 * 784 + 10);
  QRT_EXPECT_EQ(kFlatDepth, 784);
  // SAME, stride 2: out = ceil(in / 2); total padding (out - 1) * 2 + 3 - in = 1, smaller half
  // (0) before.
  QRT_EXPECT_EQ(kConv1Side, (kImageSide + 1) / 2);
  QRT_EXPECT_EQ(kConv2Side, (kConv1Side + 1) / 2);
  QRT_EXPECT_EQ(((kConv1Side - 1) * 2 + 3 - kImageSide) / 2, kConvPadBefore);
}

QRT_TEST(fashion_tools, gradient_matches_central_differences) {
  const SmallCnn net0 = init_small_cnn(7);
  SmallCnn net = net0;
  // Biases start at zero; give them values so their gradient paths are exercised.
  for (int32_t i = 0; i < kConv1Channels; ++i) net.params[static_cast<size_t>(kConv1BiasOffset + i)] = 0.05f;
  for (int32_t i = 0; i < kConv2Channels; ++i) net.params[static_cast<size_t>(kConv2BiasOffset + i)] = 0.02f;
  const std::vector<uint8_t> img = synthetic_images(1, 3);
  const int32_t label = 4;
  std::vector<float> grad(static_cast<size_t>(kParameterCount), 0.f);
  SmallCnnActivations act;
  const double loss = qrt::models::small_cnn_accumulate_gradient(net, img.data(), label, grad.data(), &act);
  QRT_EXPECT_NEAR(loss, loss_of(net, img.data(), label), 1e-9);
  // Central differences of the loss for a spread of parameters of every tensor. Where a RELU
  // input changes sign between the two perturbed passes the loss has a kink in between and the
  // difference is no derivative, so only parameters whose RELU pattern stays put are compared
  // (synthetic images leave many pre-activations near zero).
  std::vector<int32_t> picks;
  for (int32_t p = kConv1BiasOffset; p < kConv2WeightOffset; ++p) picks.push_back(p);
  for (int32_t p = kConv2BiasOffset; p < kFcWeightOffset; ++p) picks.push_back(p);
  for (int32_t p = kFcBiasOffset; p < kParameterCount; ++p) picks.push_back(p);
  for (int32_t p = 0; p < kFcBiasOffset; p += 97) picks.push_back(p);
  auto relu_pattern = [&](const SmallCnn& n) {
    SmallCnnActivations a;
    small_cnn_forward(n, img.data(), &a);
    std::vector<bool> on;
    for (float v : a.conv1) on.push_back(v > 0.f);
    for (float v : a.conv2) on.push_back(v > 0.f);
    return on;
  };
  const std::vector<bool> base = relu_pattern(net);
  int32_t compared = 0, agree = 0;
  for (int32_t p : picks) {
    const float h = 1e-3f;
    SmallCnn plus = net, minus = net;
    plus.params[static_cast<size_t>(p)] += h;
    minus.params[static_cast<size_t>(p)] -= h;
    if (relu_pattern(plus) != base || relu_pattern(minus) != base) continue;
    const double numeric = (loss_of(plus, img.data(), label) - loss_of(minus, img.data(), label)) / (2.0 * h);
    const double analytic = grad[static_cast<size_t>(p)];
    // Float forward pass: the difference carries ~1e-7 * loss / h of rounding noise.
    const bool ok = fabs(numeric - analytic) <= 2e-3 + 0.01 * fabs(numeric);
    if (!ok) printf("  parameter %d: analytic %.6g numeric %.6g\n", p, analytic, numeric);
    agree += ok;
    ++compared;
  }
  printf("  %d of %zu parameters compared (the rest straddle a RELU kink)\n", compared, picks.size());
  QRT_EXPECT(compared >= static_cast<int32_t>(picks.size()) / 2);
  QRT_EXPECT_EQ(agree, compared);
  // The FC bias gradient is exactly softmax - onehot.
  double mx = act.logits[0], sum = 0.0;
  for (int32_t o = 1; o < kClassCount; ++o) mx = act.logits[o] > mx ? act.logits[o] : mx;
  for (int32_t o = 0; o < kClassCount; ++o) sum += exp(act.logits[o] - mx);
  for (int32_t o = 0; o < kClassCount; ++o) {
    const double expected = exp(act.logits[o] - mx) / sum - (o == label ? 1.0 : 0.0);
    QRT_EXPECT_NEAR(grad[static_cast<size_t>(kFcBiasOffset + o)], expected, 1e-6);
  }
}

QRT_TEST(fashion_tools, training_is_deterministic_and_learns) {
  const int32_t n = 64;
  const std::vector<uint8_t> images = synthetic_images(n, 11);
  std::vector<uint8_t> labels(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) labels[static_cast<size_t>(i)] = static_cast<uint8_t>(i % 6);  // r = 4 + i % 6
  TrainConfig config;
  config.epochs = 6;
  config.batch_size = 8;
  SmallCnn a = init_small_cnn(config.seed), b = init_small_cnn(config.seed);
  double before = 0.0;
  for (int32_t i = 0; i < n; ++i) before += loss_of(a, &images[static_cast<size_t>(i) * 784], labels[static_cast<size_t>(i)]);
  train_small_cnn(&a, images.data(), labels.data(), n, config, nullptr, nullptr);
  train_small_cnn(&b, images.data(), labels.data(), n, config, nullptr, nullptr);
  QRT_EXPECT(memcmp(a.params.data(), b.params.data(), a.params.size() * 4) == 0);
  double after = 0.0;
  for (int32_t i = 0; i < n; ++i) after += loss_of(a, &images[static_cast<size_t>(i) * 784], labels[static_cast<size_t>(i)]);
  QRT_EXPECT(after < 0.8 * before);
}

QRT_TEST(fashion_tools, quantization_follows_tflite_rules) {
  const SmallCnn net = init_small_cnn(5);
  const std::vector<uint8_t> images = synthetic_images(20, 9);
  const SmallCnnCalibration cal = calibrate_small_cnn(net, images.data(), 20, 2);
  QRT_EXPECT_EQ(cal.images, 10);
  QuantizedSmallCnn q;
  std::string error;
  QRT_ASSERT(quantize_small_cnn(net, cal, &q, &error));
  // RELU outputs: [0, max] onto [-128, 127].
  QRT_EXPECT_EQ(q.conv1_out.zero_point, -128);
  QRT_EXPECT_NEAR(q.conv1_out.scale, cal.conv1.abs_max / 255.0, 1e-7);
  QRT_EXPECT_EQ(q.conv2_out.zero_point, -128);
  QRT_EXPECT_NEAR(q.conv2_out.scale, cal.conv2.abs_max / 255.0, 1e-7);
  // Logits: real 0 maps to the zero point; the observed range fits in [-128, 127].
  const double lo = cal.logits.min < 0 ? cal.logits.min : 0.0;
  const double hi = cal.logits.max > 0 ? cal.logits.max : 0.0;
  QRT_EXPECT_NEAR(q.logits.scale, (hi - lo) / 255.0, 1e-6);
  QRT_EXPECT(lo / q.logits.scale + q.logits.zero_point >= -128.5);
  QRT_EXPECT(hi / q.logits.scale + q.logits.zero_point <= 127.5);
  // Weights: per output channel, symmetric, the largest magnitude at +-127.
  for (int32_t c = 0; c < kConv2Channels; ++c) {
    double mx = 0.0;
    int32_t qmax = 0;
    for (int32_t k = 0; k < 72; ++k) {
      mx = fmax(mx, fabs(net.conv2_weights()[c * 72 + k]));
      qmax = std::max(qmax, abs(static_cast<int8_t>(q.conv2.weights.data[static_cast<size_t>(c * 72 + k)])));
    }
    QRT_EXPECT_NEAR(q.conv2.weights.scales[static_cast<size_t>(c)], mx / 127.0, mx * 1e-6);
    QRT_EXPECT_EQ(qmax, 127);
    // Bias zero (fresh init) and bias scale = input scale * weight scale.
    QRT_EXPECT_EQ(q.conv2.bias[static_cast<size_t>(c)], 0);
    QRT_EXPECT_NEAR(q.conv2.bias_scales[static_cast<size_t>(c)],
                    static_cast<double>(q.conv1_out.scale) * q.conv2.weights.scales[static_cast<size_t>(c)], 1e-12);
    // Requantization: multiplier * 2^(shift - 31) = in * w / out.
    const double real = static_cast<double>(q.conv1_out.scale) * q.conv2.weights.scales[static_cast<size_t>(c)] /
                        q.conv2_out.scale;
    const double got = q.conv2.multipliers[static_cast<size_t>(c)] * pow(2.0, q.conv2.shifts[static_cast<size_t>(c)] - 31);
    QRT_EXPECT_NEAR(got / real, 1.0, 1e-9);
  }
  QRT_EXPECT_EQ(q.conv1.params.pad_top, 0);
  QRT_EXPECT_EQ(q.conv1.params.input_offset, 128);
  QRT_EXPECT_EQ(q.conv1.params.act_min, -128);
  QRT_EXPECT_EQ(q.fc.params.output_offset, q.logits.zero_point);
}

QRT_TEST(fashion_tools, exported_blobs_run_like_the_tools_forward_passes) {
  SmallCnn net = init_small_cnn(21);
  for (int32_t i = 0; i < kClassCount; ++i) net.params[static_cast<size_t>(kFcBiasOffset + i)] = 0.1f * static_cast<float>(i - 5);
  const std::vector<uint8_t> images = synthetic_images(16, 13);
  const SmallCnnCalibration cal = calibrate_small_cnn(net, images.data(), 16, 1);
  QuantizedSmallCnn q;
  std::string error;
  QRT_ASSERT(quantize_small_cnn(net, cal, &q, &error));
  ExportInfo info;
  info.producer = "test";
  info.description = "test";
  std::vector<uint8_t> int8_blob, float_blob;
  QRT_ASSERT(build_int8_blob(q, info, &int8_blob, &error));
  QRT_ASSERT(build_float_blob(net, info, &float_blob, &error));
  qrt::host::ModelFile m8, mf;
  qrt::host::HostSession s8, sf;
  QRT_ASSERT(qrt::host::load_model_bytes(int8_blob, &m8, &error) && s8.open(m8, nullptr, &error));
  QRT_ASSERT(qrt::host::load_model_bytes(float_blob, &mf, &error) && sf.open(mf, nullptr, &error));
  int32_t distinct_top1 = 0;
  int32_t last_top1 = -1;
  for (int32_t i = 0; i < 16; ++i) {
    const uint8_t* img = &images[static_cast<size_t>(i) * 784];
    auto* in8 = static_cast<int8_t*>(s8.input(0).data);
    auto* inf = static_cast<float*>(sf.input(0).data);
    for (int32_t p = 0; p < 784; ++p) {
      in8[p] = static_cast<int8_t>(img[p] - 128);
      inf[p] = input_value(img[p]);
    }
    QRT_ASSERT(s8.invoke(&error) && sf.invoke(&error));
    int8_t sim[kClassCount];
    small_cnn_int8_forward(q, img, sim);
    QRT_EXPECT(memcmp(s8.output(0).data, sim, kClassCount) == 0);
    SmallCnnActivations act;
    small_cnn_forward(net, img, &act);
    QRT_EXPECT(memcmp(sf.output(0).data, act.logits, sizeof act.logits) == 0);
    const int32_t top1 = argmax_s8(sim, kClassCount);
    distinct_top1 += top1 != last_top1;
    last_top1 = top1;
  }
  // Not a degenerate network whose outputs never move.
  QRT_EXPECT(distinct_top1 >= 2);
}

QRT_TEST(fashion_tools, idx_reader_accepts_idx_and_rejects_other_files) {
  // Per-process names: another build directory may run this test at the same time.
  const std::string dir = "/tmp/qrt_test_fashion_tools_" + std::to_string(getpid());
  const std::string images_path = dir + ".idx3";
  const std::string labels_path = dir + ".idx1";
  std::vector<uint8_t> idx3 = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3};
  for (uint8_t v = 1; v <= 12; ++v) idx3.push_back(v);
  const std::vector<uint8_t> idx1 = {0, 0, 8, 1, 0, 0, 0, 2, 7, 9};
  std::string error;
  QRT_ASSERT(qrt::host::write_file_bytes(images_path, idx3, &error));
  QRT_ASSERT(qrt::host::write_file_bytes(labels_path, idx1, &error));
  IdxImages images;
  std::vector<uint8_t> labels;
  QRT_ASSERT(read_idx_images(images_path, &images, &error));
  QRT_EXPECT_EQ(images.count, 2);
  QRT_EXPECT_EQ(images.rows, 2);
  QRT_EXPECT_EQ(images.cols, 3);
  QRT_EXPECT_EQ(images.image(1)[0], 7);
  QRT_ASSERT(read_idx_labels(labels_path, &labels, &error));
  QRT_EXPECT_EQ(labels.size(), 2u);
  QRT_EXPECT_EQ(labels[1], 9);
  // Swapped kinds, a truncated file and a missing file are refused with a message.
  QRT_EXPECT(!read_idx_images(labels_path, &images, &error) && !error.empty());
  QRT_EXPECT(!read_idx_labels(images_path, &labels, &error));
  idx3.pop_back();
  QRT_ASSERT(qrt::host::write_file_bytes(images_path, idx3, &error));
  QRT_EXPECT(!read_idx_images(images_path, &images, &error));
  QRT_EXPECT(!read_idx_images(dir + ".missing", &images, &error));
  remove(images_path.c_str());
  remove(labels_path.c_str());
}
