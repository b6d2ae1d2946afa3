// `qrt quantize` (runtime/host/quantize/tflite_quantize.h) on the shared float models, judged by
// independent computations:
//  - hello_world_float (3 FULLY_CONNECTED): calibrated on 256 points of [0, 2 pi), its input gets
//    exactly the scale and zero point the asymmetric formula gives for that range (computed here
//    in double), and its largest output error against the float model is no more than 1.25x that
//    of the TFLite converter's hello_world_int8 (the peer, run on the same points);
//  - ic01 ResNet-8 (float32): the graph input's range is the pixel range of the calibration
//    images read here from the set, every first-layer weight channel has scale max|w| / 127 and
//    each weight is within half a step of its float value, every bias is round(b / (s_in s_w)),
//    the tensors AVERAGE_POOL_2D and RESHAPE pass through share their input's parameters, and on
//    the 150 images it was not calibrated on it agrees with the float model on >= 90%, is within 3
//    points of the float and of the TFLite converter's int8 model's accuracy, and the paired 95%
//    interval of (converter - qrt) reaches zero;
//  - kws01 (a dynamic-range model: int8 CONV weights, float activations) quantizes and agrees;
//  - int16 activations give int16 tensors with zero point 0;
//  - bias correction lowers the held-out output error of per-tensor ic01;
//  - cross-layer equalization keeps the float function and recovers per-tensor quantization of an
//    ic01 whose channel ranges were skewed 64-fold (as MobileNet-style models are);
//  - per-layer sensitivity to 8- and 4-bit weights;
//  - refusals: an int8 model, an unknown calibration layout.
#include <math.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "accept/eval_set_builder.h"
#include "accept/eval_set_writer.h"
#include "file_io.h"
#include "model_file.h"
#include "qrt/accept_metrics.h"
#include "qrt/accept_run.h"
#include "qrt_test.h"
#include "quantize/equalize.h"
#include "quantize/mixed_precision.h"
#include "quantize/sensitivity.h"
#include "quantize/tflite_quantize.h"
#include "tflite_import.h"
#include "tflite_test_util.h"
#include "tflite/tflite_model.h"

using qrt::host::AlignedBytes;

namespace {

std::string models(const std::string& rel) { return std::string(qrt_test::models_dir()) + "/" + rel; }

bool have_models() {
  if (qrt_test::models_dir()[0] != 0) return true;
  qrt_test::note_skipped("QRT_MODELS_DIR not set");
  return false;
}

struct Set {
  AlignedBytes bytes;
  qrt_eval_set set{};
  bool open(const std::vector<uint8_t>& raw) {
    bytes.assign(raw.data(), raw.size());
    return qrt_eval_set_open(bytes.data(), bytes.size(), 0, &set, nullptr) == QRT_OK;
  }
  bool build(const std::string& dir, uint32_t skip) {
    std::vector<uint8_t> raw;
    std::string error;
    qrt::host::accept::BuildOptions o;
    o.skip_units = skip;
    if (!qrt::host::accept::build_folder_eval_set(dir, nullptr, o, &raw, &error)) {
      printf("  %s\n", error.c_str());
      return false;
    }
    return open(raw);
  }
};

bool quantize(const std::string& tflite, const qrt_eval_set& calib, uint32_t units,
              const qrt::host::CnnQuantConfig& config, std::vector<uint8_t>* blob,
              qrt::host::CnnQuantReport* report, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!qrt::host::read_file_bytes(tflite, &bytes, error)) return false;
  return qrt::host::quantize_tflite(bytes.data(), bytes.size(), "model", calib, units, config, {},
                                    blob, report, error);
}

// A tensor of a live session by name, or a view with data == nullptr.
qrt_tensor_view tensor_named(qrt_session* s, const std::string& name) {
  for (int32_t i = 0; i < qrt_session_tensor_count(s); ++i) {
    qrt_tensor_view v{};
    if (qrt_session_tensor(s, i, &v) == QRT_OK && name == v.name) return v;
  }
  return qrt_tensor_view{};
}

// Top-1 of output 0 per sample of the set, for one model.
std::vector<int32_t> top1(const qrt::host::ModelFile& model, const qrt_eval_set& set) {
  qrt::host::HostSession s;
  std::string error;
  std::vector<int32_t> out;
  if (!s.open(model, nullptr, &error) || qrt_accept_check_inputs(&set, s.get(), nullptr) != QRT_OK) return out;
  for (uint32_t i = 0; i < set.sample_count; ++i) {
    qrt_accept_feed(&set, i, s.get());
    if (!s.invoke(&error)) return {};
    const qrt_tensor_view v = s.output(0);
    int32_t best = 0;
    for (size_t k = 1; k < v.bytes / (v.dtype == QRT_DTYPE_FLOAT32 ? 4 : 1); ++k) {
      const double a = v.dtype == QRT_DTYPE_FLOAT32 ? static_cast<const float*>(v.data)[k]
                                                    : static_cast<const int8_t*>(v.data)[k];
      const double b = v.dtype == QRT_DTYPE_FLOAT32 ? static_cast<const float*>(v.data)[best]
                                                    : static_cast<const int8_t*>(v.data)[best];
      if (a > b) best = static_cast<int32_t>(k);
    }
    out.push_back(best);
  }
  return out;
}

bool load(const std::vector<uint8_t>& blob, qrt::host::ModelFile* m) {
  std::string error;
  return qrt::host::load_model_bytes(blob, m, &error);
}

bool load_path(const std::string& path, qrt::host::ModelFile* m) {
  std::string error;
  return qrt::host::load_model_file(path, m, &error);
}

double accuracy(const std::vector<int32_t>& predicted, const qrt_eval_set& set) {
  int32_t correct = 0;
  for (uint32_t i = 0; i < predicted.size(); ++i) {
    int32_t label = -1;
    qrt_eval_set_label_class(&set, i, &label);
    correct += predicted[i] == label ? 1 : 0;
  }
  return predicted.empty() ? 0.0 : 100.0 * correct / static_cast<double>(predicted.size());
}

double agreement(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i] ? 1 : 0;
  return 100.0 * static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace

QRT_TEST(tflite_quantize, hello_world_input_parameters_and_outputs_follow_the_float_model) {
  if (!have_models()) return;
  // 256 inputs evenly over [0, 2 pi).
  qrt::host::accept::EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_NONE, 0, static_cast<qrt_dtype>(0));
  w.add_input({QRT_DTYPE_FLOAT32, {1, 1}, 0.0f, 0, "x"});
  std::vector<float> xs;
  for (int i = 0; i < 256; ++i) {
    xs.push_back(static_cast<float>(2.0 * M_PI * i / 256.0));
    w.add_sample_copy({&xs.back()});
  }
  std::vector<uint8_t> raw;
  std::string error;
  QRT_ASSERT(w.finish(&raw, &error));
  Set calib;
  QRT_ASSERT(calib.open(raw));
  std::vector<uint8_t> blob;
  qrt::host::CnnQuantReport report;
  QRT_ASSERT(quantize(models("tflm/hello_world/hello_world_float.tflite"), calib.set, 0, {}, &blob, &report, &error));
  QRT_EXPECT_EQ(report.calibration_samples, 256u);
  QRT_EXPECT_EQ(report.weights.size(), 3u);
  qrt::host::ModelFile q, f, converter;
  QRT_ASSERT(load(blob, &q));
  QRT_ASSERT(load_path(models("tflm/hello_world/hello_world_float.tflite"), &f));
  QRT_ASSERT(load_path(models("tflm/hello_world/hello_world_int8.tflite"), &converter));
  qrt::host::HostSession qs, fs, cs;
  QRT_ASSERT(qs.open(q, nullptr, &error) && fs.open(f, nullptr, &error) && cs.open(converter, nullptr, &error));
  const qrt_tensor_view in = qs.input(0);
  QRT_ASSERT(in.dtype == QRT_DTYPE_INT8);
  const double hi = xs.back();
  const double scale = hi / 255.0;
  QRT_EXPECT_NEAR(in.quant.scales[0], scale, 1e-6 * scale);
  QRT_EXPECT_EQ(in.quant.zero_points[0], -128);
  // Largest |quantized - float| output over the 256 points, for qrt's model and the converter's.
  auto worst_error = [&](qrt::host::HostSession& s) {
    const qrt_tensor_view out = s.output(0);
    double worst = 0.0;
    for (uint32_t i = 0; i < calib.set.sample_count; ++i) {
      qrt_accept_feed(&calib.set, i, s.get());
      qrt_accept_feed(&calib.set, i, fs.get());
      if (!s.invoke(&error) || !fs.invoke(&error)) return 1e9;
      const double yq = static_cast<double>(out.quant.scales[0]) *
                        (static_cast<const int8_t*>(out.data)[0] - out.quant.zero_points[0]);
      worst = std::max(worst, fabs(yq - static_cast<const float*>(fs.output(0).data)[0]));
    }
    return worst;
  };
  const double qrt_worst = worst_error(qs), converter_worst = worst_error(cs);
  printf("  hello_world: worst |int8 - float| over [0, 2 pi): qrt %.4f, TFLite converter %.4f\n", qrt_worst,
         converter_worst);
  QRT_EXPECT(qrt_worst <= 1.25 * converter_worst);
}

QRT_TEST(tflite_quantize, ic01_parameters_match_independent_computations) {
  if (!have_models()) return;
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  constexpr uint32_t kCalib = 50;
  std::vector<uint8_t> blob;
  qrt::host::CnnQuantReport report;
  std::string error;
  const std::string fpath = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  QRT_ASSERT(quantize(fpath, all.set, kCalib, {}, &blob, &report, &error));
  QRT_EXPECT_EQ(report.calibration_units, kCalib);

  // The input: the calibration images' real pixel range.
  double lo = 1e9, hi = -1e9;
  for (uint32_t s = 0; s < kCalib; ++s) {
    qrt_eval_tensor t;
    qrt_eval_set_input(&all.set, s, 0, &t);
    for (size_t i = 0; i < t.bytes; ++i) {
      const double v = static_cast<double>(t.scale) * (static_cast<const int8_t*>(t.data)[i] - t.zero_point);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  lo = std::min(lo, 0.0);
  qrt::host::ModelFile q;
  QRT_ASSERT(load(blob, &q));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(q, nullptr, &error));
  const qrt_tensor_view in = s.input(0);
  const double in_scale = (hi - lo) / 255.0;
  QRT_EXPECT_NEAR(in.quant.scales[0], in_scale, 1e-6 * in_scale);
  QRT_EXPECT_EQ(in.quant.zero_points[0], static_cast<int32_t>(lround(-128.0 - lo / in_scale)));

  // First layer weights and bias against the float file's values.
  std::vector<uint8_t> fbytes;
  QRT_ASSERT(qrt::host::read_file_bytes(fpath, &fbytes, &error));
  qrt::TfliteModel fm;
  QRT_ASSERT(qrt::read_tflite(fbytes.data(), fbytes.size(), &fm, &error));
  const qrt::TfliteOperator& conv0 = fm.operators[0];
  const qrt::TfliteTensor& fw = fm.tensors[static_cast<size_t>(conv0.inputs[1])];
  const qrt::TfliteTensor& fb = fm.tensors[static_cast<size_t>(conv0.inputs[2])];
  const qrt_tensor_view qw = tensor_named(s.get(), fw.name);
  const qrt_tensor_view qb = tensor_named(s.get(), fb.name);
  QRT_ASSERT(qw.data != nullptr && qb.data != nullptr);
  QRT_ASSERT(qw.dtype == QRT_DTYPE_INT8 && qb.dtype == QRT_DTYPE_INT32);
  const int32_t channels = fw.shape[0];
  QRT_ASSERT(qw.quant.count == channels);
  const size_t per = fw.element_count / static_cast<size_t>(channels);
  int32_t bad_scale = 0, bad_weight = 0, bad_bias = 0;
  for (int32_t c = 0; c < channels; ++c) {
    double m = 0.0;
    for (size_t k = 0; k < per; ++k) {
      float v;
      std::memcpy(&v, fw.data + 4 * (c * per + k), 4);
      m = std::max(m, fabs(static_cast<double>(v)));
    }
    const double sw = qw.quant.scales[c];
    bad_scale += fabs(sw - m / 127.0) > 1e-6 * sw ? 1 : 0;
    for (size_t k = 0; k < per; ++k) {
      float v;
      std::memcpy(&v, fw.data + 4 * (c * per + k), 4);
      const int8_t qv = static_cast<const int8_t*>(qw.data)[c * per + k];
      bad_weight += fabs(v - sw * qv) > 0.5 * sw * (1 + 1e-5) ? 1 : 0;
    }
    float b;
    std::memcpy(&b, fb.data + 4 * c, 4);
    const double bias_scale = static_cast<double>(static_cast<float>(in.quant.scales[0] * qw.quant.scales[c]));
    bad_bias += static_cast<const int32_t*>(qb.data)[c] != static_cast<int32_t>(lround(b / bias_scale)) ? 1 : 0;
  }
  QRT_EXPECT_EQ(bad_scale, 0);
  QRT_EXPECT_EQ(bad_weight, 0);
  QRT_EXPECT_EQ(bad_bias, 0);

  // AVERAGE_POOL_2D and RESHAPE do not requantize: their outputs carry their inputs' parameters.
  for (size_t i = 0; i < fm.operators.size(); ++i) {
    const qrt::TfliteOperator& op = fm.operators[i];
    if (op.builtin_code != qrt::kTfliteOpAveragePool2d && op.builtin_code != qrt::kTfliteOpReshape) continue;
    const qrt_tensor_view x = tensor_named(s.get(), fm.tensors[static_cast<size_t>(op.inputs[0])].name);
    const qrt_tensor_view y = tensor_named(s.get(), fm.tensors[static_cast<size_t>(op.outputs[0])].name);
    QRT_ASSERT(x.quant.count == 1 && y.quant.count == 1);
    QRT_EXPECT_FLOAT_EQ(x.quant.scales[0], y.quant.scales[0]);
    QRT_EXPECT_EQ(x.quant.zero_points[0], y.quant.zero_points[0]);
  }
  // SOFTMAX's output: TFLite's fixed 1/256, -128.
  const qrt_tensor_view out = s.output(0);
  QRT_EXPECT_FLOAT_EQ(out.quant.scales[0], 1.0f / 256.0f);
  QRT_EXPECT_EQ(out.quant.zero_points[0], -128);
}

QRT_TEST(tflite_quantize, ic01_held_out_accuracy_is_the_converters) {
  if (!have_models()) return;
  constexpr uint32_t kCalib = 50;
  Set all, held_out;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  QRT_ASSERT(held_out.build(models("mlperf_tiny/datasets/ic01"), kCalib));
  QRT_ASSERT(held_out.set.sample_count == 150u);
  std::vector<uint8_t> blob;
  qrt::host::CnnQuantReport report;
  std::string error;
  QRT_ASSERT(quantize(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), all.set, kCalib, {}, &blob,
                      &report, &error));
  qrt::host::ModelFile q, f, converter;
  QRT_ASSERT(load(blob, &q));
  QRT_ASSERT(load_path(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), &f));
  QRT_ASSERT(load_path(models("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite"), &converter));
  const std::vector<int32_t> pq = top1(q, held_out.set), pf = top1(f, held_out.set),
                             pc = top1(converter, held_out.set);
  QRT_ASSERT(pq.size() == 150u && pf.size() == 150u && pc.size() == 150u);
  const double aq = accuracy(pq, held_out.set), af = accuracy(pf, held_out.set), ac = accuracy(pc, held_out.set);
  printf("  ic01 units 50..200: qrt int8 %.2f%%, TFLite converter int8 %.2f%%, float %.2f%%; agreement %.2f%%\n",
         aq, ac, af, agreement(pq, pf));
  QRT_EXPECT(agreement(pq, pf) >= 90.0);
  // Paired against the converter's model (its role is the baseline's): qrt's may be worse by no
  // more than the interval's own half width, i.e. the interval must reach zero.
  qrt_paired_counts counts{};
  for (uint32_t i = 0; i < pq.size(); ++i) {
    int32_t label = -1;
    qrt_eval_set_label_class(&held_out.set, i, &label);
    qrt_paired_counts_add(&counts, label, pq[i], pc[i]);
  }
  double drop = 0, low = 0, high = 0;
  qrt_accept_paired_drop(&counts, 1.959964, &drop, &low, &high);
  printf("  converter - qrt: %+.2f pts [%+.2f, %+.2f] (95%%, paired)\n", 100 * drop, 100 * low, 100 * high);
  QRT_EXPECT(low <= 0.0);
  QRT_EXPECT(aq >= ac - 3.0);
  QRT_EXPECT(fabs(aq - af) <= 3.0);
}

// INT4 weights: every CONV_2D / FULLY_CONNECTED weight tensor is packed INT4 in the blob (half a
// byte a value, each row byte-aligned), on the [-7, 7] grid (the reported error
// is that of a 4-bit grid: well below int8's SNR yet far from noise), and the model runs on the
// _w4 operators and still agrees with float on most held-out images.
QRT_TEST(tflite_quantize, ic01_int4_weights_are_packed_and_run) {
  if (!have_models()) return;
  constexpr uint32_t kCalib = 50;
  Set all, held_out;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  QRT_ASSERT(held_out.build(models("mlperf_tiny/datasets/ic01"), kCalib));
  const std::string fpath = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  std::vector<uint8_t> blob8, blob4;
  qrt::host::CnnQuantReport r8, r4;
  std::string error;
  qrt::host::CnnQuantConfig c4;
  c4.weight_bits = 4;
  QRT_ASSERT(quantize(fpath, all.set, kCalib, {}, &blob8, &r8, &error));
  QRT_ASSERT(quantize(fpath, all.set, kCalib, c4, &blob4, &r4, &error));
  QRT_EXPECT(r4.strategy.rfind("W4A8 per-channel", 0) == 0);
  QRT_ASSERT(r4.weights.size() == r8.weights.size() && !r4.weights.empty());
  qrt::host::ModelFile q4, f;
  QRT_ASSERT(load(blob4, &q4));
  QRT_ASSERT(load_path(fpath, &f));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(q4, nullptr, &error));
  int64_t saved = 0;
  for (size_t i = 0; i < r4.weights.size(); ++i) {
    const qrt_tensor_view w = tensor_named(s.get(), r4.weights[i].name);
    QRT_ASSERT(w.data != nullptr);
    const int64_t cols = w.dims[w.rank - 1], rows = r4.weights[i].elements / cols;  // the first layer's rows: 3
    QRT_EXPECT_EQ(w.dtype, QRT_DTYPE_INT4);
    QRT_EXPECT_EQ(r4.weights[i].bits, 4);
    QRT_EXPECT_EQ(static_cast<int64_t>(w.bytes), rows * ((cols + 1) / 2));
    saved += r4.weights[i].elements - static_cast<int64_t>(w.bytes);
    QRT_EXPECT(r4.weights[i].error.snr_db > 12.0);
    QRT_EXPECT(r4.weights[i].error.snr_db < r8.weights[i].error.snr_db - 10.0);
  }
  // The blobs differ by the weight bytes saved, up to each tensor's 16-byte alignment.
  const int64_t diff = static_cast<int64_t>(blob8.size()) - static_cast<int64_t>(blob4.size());
  QRT_EXPECT(diff >= saved - 16 * static_cast<int64_t>(r4.weights.size()) &&
             diff <= saved + 16 * static_cast<int64_t>(r4.weights.size()));
  const std::vector<int32_t> p4 = top1(q4, held_out.set), pf = top1(f, held_out.set);
  QRT_ASSERT(p4.size() == 150u);
  printf("  ic01 W4A8 units 50..200: %.2f%% (float %.2f%%), agreement %.2f%%, blob %zu B vs int8 %zu B\n",
         accuracy(p4, held_out.set), accuracy(pf, held_out.set), agreement(p4, pf), blob4.size(),
         blob8.size());
  QRT_EXPECT(agreement(p4, pf) >= 70.0);
}

QRT_TEST(tflite_quantize, kws01_dynamic_range_weights_are_requantized) {
  if (!have_models()) return;
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/kws01"), 0));
  std::vector<uint8_t> blob;
  qrt::host::CnnQuantReport report;
  std::string error;
  const std::string fpath = models("mlperf_tiny/models/kws01/kws_ref_model_float32.tflite");
  QRT_ASSERT(quantize(fpath, all.set, 100, {}, &blob, &report, &error));
  QRT_EXPECT_EQ(report.weights.size(), 10u);  // 5 CONV_2D, 4 DEPTHWISE_CONV_2D, 1 FULLY_CONNECTED
  for (const auto& w : report.weights) QRT_EXPECT(w.error.snr_db > 30.0);
  Set held_out;
  QRT_ASSERT(held_out.build(models("mlperf_tiny/datasets/kws01"), 100));
  qrt::host::ModelFile q, f;
  QRT_ASSERT(load(blob, &q));
  QRT_ASSERT(load_path(fpath, &f));
  const std::vector<int32_t> pq = top1(q, held_out.set), pf = top1(f, held_out.set);
  printf("  kws01 units 100..1000: qrt int8 %.2f%%, float %.2f%%; agreement %.2f%%\n", accuracy(pq, held_out.set),
         accuracy(pf, held_out.set), agreement(pq, pf));
  QRT_EXPECT(agreement(pq, pf) >= 90.0);
}

QRT_TEST(tflite_quantize, int16_activations_are_symmetric) {
  if (!have_models()) return;
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  qrt::host::CnnQuantConfig config;
  config.activation_bits = 16;
  std::vector<uint8_t> blob;
  qrt::host::CnnQuantReport report;
  std::string error;
  QRT_ASSERT(quantize(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), all.set, 20, config, &blob,
                      &report, &error));
  qrt::host::ModelFile q;
  QRT_ASSERT(load(blob, &q));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(q, nullptr, &error));
  int32_t int16_tensors = 0, nonzero_zp = 0;
  for (int32_t i = 0; i < qrt_session_tensor_count(s.get()); ++i) {
    qrt_tensor_view v{};
    qrt_session_tensor(s.get(), i, &v);
    if (v.dtype != QRT_DTYPE_INT16) continue;
    ++int16_tensors;
    nonzero_zp += v.quant.zero_points[0] != 0 ? 1 : 0;
  }
  QRT_EXPECT(int16_tensors >= 17);  // the input and every activation
  QRT_EXPECT_EQ(nonzero_zp, 0);
  QRT_EXPECT_NEAR(s.output(0).quant.scales[0], 1.0 / 32768.0, 1e-12);
}

// Mixed precision under a flash budget: the blob fits, its INT4 tensors are exactly the layers
// reported INT4 (the first k of the ranking, cheapest output noise per byte first), and k is the
// fewest that fit: the first k - 1 alone give a blob above the budget. Under an accuracy floor:
// the calibration top-1, recomputed here, is within the allowed drop of float's.
QRT_TEST(tflite_quantize, ic01_mixed_precision_meets_its_goal_with_the_fewest_int4_layers) {
  if (!have_models()) return;
  constexpr uint32_t kCalib = 20;
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  const std::string fpath = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  std::vector<uint8_t> bytes, blob;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(fpath, &bytes, &error));
  qrt::host::MixedPrecisionGoal goal;
  goal.max_flash_bytes = 75000;
  qrt::host::CnnQuantReport report;
  qrt::host::MixedPrecisionReport mixed;
  QRT_ASSERT(qrt::host::quantize_tflite_mixed(bytes.data(), bytes.size(), "model", all.set, kCalib, {}, goal, {},
                                              &blob, &report, &mixed, &error));
  QRT_EXPECT(static_cast<int64_t>(blob.size()) <= goal.max_flash_bytes);
  QRT_EXPECT_EQ(mixed.flash_bytes, static_cast<int64_t>(blob.size()));
  QRT_ASSERT(mixed.int4_layers >= 1 && mixed.int4_layers < static_cast<int32_t>(mixed.ranked.size()));
  for (size_t i = 1; i < mixed.ranked.size(); ++i) {
    const auto& a = mixed.ranked[i - 1];
    const auto& b = mixed.ranked[i];
    QRT_EXPECT(a.cost / static_cast<double>(a.bytes_saved) <= b.cost / static_cast<double>(b.bytes_saved) * (1 + 1e-12));
  }
  qrt::host::ModelFile q;
  QRT_ASSERT(load(blob, &q));
  qrt::host::HostSession s;
  QRT_ASSERT(s.open(q, nullptr, &error));
  for (size_t i = 0; i < mixed.ranked.size(); ++i) {
    const qrt_tensor_view w = tensor_named(s.get(), mixed.ranked[i].weights);
    QRT_ASSERT(w.data != nullptr);
    const bool int4 = static_cast<int32_t>(i) < mixed.int4_layers;
    QRT_EXPECT_EQ(w.dtype, int4 ? QRT_DTYPE_INT4 : QRT_DTYPE_INT8);
    QRT_EXPECT_EQ(mixed.ranked[i].bits, int4 ? 4 : 8);
  }
  qrt::host::CnnQuantConfig fewer;
  fewer.op_weight_bits.assign(32, 8);
  for (int32_t i = 0; i + 1 < mixed.int4_layers; ++i) fewer.op_weight_bits[static_cast<size_t>(mixed.ranked[static_cast<size_t>(i)].op)] = 4;
  std::vector<uint8_t> smaller_k;
  QRT_ASSERT(quantize(fpath, all.set, kCalib, fewer, &smaller_k, nullptr, &error));
  QRT_EXPECT(static_cast<int64_t>(smaller_k.size()) > goal.max_flash_bytes);
  printf("  ic01 mixed under 75000 B: %d of %zu layers INT4, %zu B (all int8 %lld B)\n", mixed.int4_layers,
         mixed.ranked.size(), blob.size(), static_cast<long long>(mixed.int8_flash_bytes));

  // An accuracy floor on the calibration units.
  qrt::host::MixedPrecisionGoal floor;
  floor.max_drop_pts = 5.0;
  QRT_ASSERT(qrt::host::quantize_tflite_mixed(bytes.data(), bytes.size(), "model", all.set, kCalib, {}, floor, {},
                                              &blob, &report, &mixed, &error));
  qrt::host::ModelFile qd, f;
  QRT_ASSERT(load(blob, &qd));
  QRT_ASSERT(load_path(fpath, &f));
  std::vector<int32_t> pq = top1(qd, all.set), pf = top1(f, all.set);  // the first kCalib images
  QRT_ASSERT(pq.size() >= kCalib && pf.size() >= kCalib);
  pq.resize(kCalib);
  pf.resize(kCalib);
  const double aq = accuracy(pq, all.set), af = accuracy(pf, all.set);
  QRT_EXPECT_NEAR(aq, mixed.calibration_accuracy, 1e-9);
  QRT_EXPECT_NEAR(af, mixed.float_calibration_accuracy, 1e-9);
  QRT_EXPECT(aq >= af - 5.0);
  printf("  ic01 mixed within 5 pts on %u calibration images: %d INT4 layers, %.1f%% vs float %.1f%%, %zu B\n",
         kCalib, mixed.int4_layers, aq, af, blob.size());

  // A budget below every INT4 choice: refused, nothing written.
  goal.max_flash_bytes = 1000;
  std::vector<uint8_t> none;
  QRT_EXPECT(!qrt::host::quantize_tflite_mixed(bytes.data(), bytes.size(), "model", all.set, kCalib, {}, goal, {},
                                               &none, nullptr, nullptr, &error));
  QRT_EXPECT(none.empty());
  QRT_EXPECT(error.find("--max-flash") != std::string::npos);
}

// Learned rounding of INT4 weights (AdaRound's objective, GPTQ) against round-to-nearest on the
// same grid: on the held-out images the integer model's output 0 is much closer to float's
// (SNR), and it agrees with float on more images. Per-tensor weights are refused.
QRT_TEST(tflite_quantize, ic01_int4_learned_rounding_beats_nearest) {
  if (!have_models()) return;
  constexpr uint32_t kCalib = 50;
  Set all, held_out;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  QRT_ASSERT(held_out.build(models("mlperf_tiny/datasets/ic01"), kCalib));
  const std::string fpath = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  qrt::host::ModelFile f;
  QRT_ASSERT(load_path(fpath, &f));
  const std::vector<int32_t> pf = top1(f, held_out.set);
  double agree[3] = {0, 0, 0};
  const qrt::host::WeightRounding kinds[3] = {qrt::host::WeightRounding::kNearest, qrt::host::WeightRounding::kAdaRound,
                                              qrt::host::WeightRounding::kGptq};
  for (int k = 0; k < 3; ++k) {
    qrt::host::CnnQuantConfig c;
    c.weight_bits = 4;
    c.rounding = kinds[k];
    std::vector<uint8_t> blob;
    qrt::host::CnnQuantReport report;
    std::string error;
    QRT_ASSERT(quantize(fpath, all.set, kCalib, c, &blob, &report, &error));
    QRT_EXPECT(k == 0 || report.strategy.find(qrt::host::weight_rounding_name(kinds[k])) != std::string::npos);
    qrt::host::ModelFile q;
    QRT_ASSERT(load(blob, &q));
    agree[k] = agreement(top1(q, held_out.set), pf);
  }
  printf("  ic01 W4A8 units 50..200, agreement with float: nearest %.2f%%, adaround %.2f%%, gptq %.2f%%\n", agree[0],
         agree[1], agree[2]);
  QRT_EXPECT(agree[1] >= agree[0] + 5.0);
  QRT_EXPECT(agree[2] >= agree[0] + 5.0);
  qrt::host::CnnQuantConfig per_tensor;
  per_tensor.per_channel = false;
  per_tensor.rounding = qrt::host::WeightRounding::kAdaRound;
  std::vector<uint8_t> none;
  std::string error;
  QRT_EXPECT(!quantize(fpath, all.set, 2, per_tensor, &none, nullptr, &error));
  QRT_EXPECT(error.find("per-channel") != std::string::npos && none.empty());
}

// A float model whose activations need more arena than calibration allocates (a 6000 x 6000
// image through a 3x3 CONV_2D: about 430 MB) is refused with a message, before any allocation.
QRT_TEST(tflite_quantize, refuses_a_model_too_large_to_calibrate) {
  if (!have_models()) return;
  namespace tt = tflite_test;
  tt::TinyConv c = tt::tiny_conv();
  std::vector<uint8_t> filter(18 * 4, 0), bias(8, 0);
  c.tensors[0] = tt::tensor("input", qrt::kTfliteFloat32, {1, 6000, 6000, 1}, 0);
  c.tensors[1] = tt::tensor("filter", qrt::kTfliteFloat32, {2, 3, 3, 1}, 1);
  c.tensors[2] = tt::tensor("bias", qrt::kTfliteFloat32, {2}, 2);
  c.tensors[3] = tt::tensor("output", qrt::kTfliteFloat32, {1, 5998, 5998, 2}, 0);
  c.buffers = {tt::buffer({}), tt::buffer(filter), tt::buffer(bias)};
  c.subgraph->ref(tt::slot::kGraphTensors, fbtest::tables(c.tensors));
  c.model->ref(tt::slot::kModelBuffers, fbtest::tables(c.buffers));
  const std::vector<uint8_t> bytes = c.bytes();
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  std::vector<uint8_t> blob;
  std::string error;
  QRT_EXPECT(!qrt::host::quantize_tflite(bytes.data(), bytes.size(), "big", all.set, 1, {}, {}, &blob, nullptr, &error));
  QRT_EXPECT(blob.empty());
  QRT_EXPECT(error.find("arena bytes") != std::string::npos);
}

QRT_TEST(tflite_quantize, refuses_int4_weights_under_int16_activations) {
  if (!have_models()) return;
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  qrt::host::CnnQuantConfig c;
  c.weight_bits = 4;
  c.activation_bits = 16;
  std::vector<uint8_t> blob;
  std::string error;
  QRT_EXPECT(!quantize(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), all.set, 2, c, &blob,
                       nullptr, &error));
  QRT_EXPECT(blob.empty());
  QRT_EXPECT(error.find("16x4") != std::string::npos);
}

QRT_TEST(tflite_quantize, refuses_an_integer_model_and_a_set_that_does_not_fit) {
  if (!have_models()) return;
  Set ic01, kws01;
  QRT_ASSERT(ic01.build(models("mlperf_tiny/datasets/ic01"), 0));
  QRT_ASSERT(kws01.build(models("mlperf_tiny/datasets/kws01"), 0));
  std::vector<uint8_t> blob = {1, 2, 3};
  std::string error;
  QRT_EXPECT(!quantize(models("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite"), ic01.set, 5, {}, &blob,
                       nullptr, &error));
  QRT_EXPECT(error.find("float32 model") != std::string::npos);
  error.clear();
  QRT_EXPECT(!quantize(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), kws01.set, 5, {}, &blob, nullptr,
                       &error));
  QRT_EXPECT(error.find("calibration set") != std::string::npos);
  QRT_EXPECT_EQ(blob.size(), 3u);  // nothing written on failure
}

QRT_TEST(tflite_quantize, bias_correction_reduces_the_held_out_output_error) {
  if (!have_models()) return;
  constexpr uint32_t kCalib = 50;
  Set all, held_out;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  QRT_ASSERT(held_out.build(models("mlperf_tiny/datasets/ic01"), kCalib));
  const std::string fpath = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  qrt::host::ModelFile f;
  QRT_ASSERT(load_path(fpath, &f));
  std::string error;
  qrt::host::HostSession fs;
  QRT_ASSERT(fs.open(f, nullptr, &error));
  // Mean squared error of the dequantized int8 softmax against the float model's, over the 150
  // images calibration did not see.
  auto output_mse = [&](bool correct) {
    qrt::host::CnnQuantConfig config;
    config.per_channel = false;  // per-tensor weights: the larger rounding error to correct
    config.bias_correction = correct;
    std::vector<uint8_t> blob;
    qrt::host::CnnQuantReport report;
    qrt::host::ModelFile q;
    qrt::host::HostSession qs;
    if (!quantize(fpath, all.set, kCalib, config, &blob, &report, &error) || !load(blob, &q) ||
        !qs.open(q, nullptr, &error)) {
      return 1e9;
    }
    double sum = 0.0;
    size_t n = 0;
    for (uint32_t i = 0; i < held_out.set.sample_count; ++i) {
      qrt_accept_feed(&held_out.set, i, qs.get());
      qrt_accept_feed(&held_out.set, i, fs.get());
      if (!qs.invoke(&error) || !fs.invoke(&error)) return 1e9;
      const qrt_tensor_view y = qs.output(0);
      for (size_t k = 0; k < y.bytes; ++k) {
        const double yq = static_cast<double>(y.quant.scales[0]) * (static_cast<const int8_t*>(y.data)[k] - y.quant.zero_points[0]);
        const double d = yq - static_cast<const float*>(fs.output(0).data)[k];
        sum += d * d;
        ++n;
      }
    }
    return sum / static_cast<double>(n);
  };
  const double plain = output_mse(false), corrected = output_mse(true);
  printf("  ic01 per-tensor, held-out output MSE: %.3e plain, %.3e bias-corrected\n", plain, corrected);
  QRT_EXPECT(corrected < 0.9 * plain);
}

// ic01 with conv2d_1's output channels scaled by k_c (weights and bias) and conv2d_2's matching
// input channels by 1 / k_c: through the ReLU between them the float function is the same, but
// the channel ranges now differ 64-fold, as in MobileNet-style models. Cross-layer equalization
// must find that pair (and ic01's two others), keep the float outputs, and give back per-tensor
// quantization what the imbalance took.
QRT_TEST(tflite_quantize, equalization_undoes_a_channel_imbalance) {
  if (!have_models()) return;
  const std::string fpath = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(fpath, &bytes, &error));
  qrt::TfliteModel m;
  QRT_ASSERT(qrt::read_tflite(bytes.data(), bytes.size(), &m, &error));
  const qrt::TfliteOperator& a = m.operators[1];
  const qrt::TfliteOperator& b = m.operators[2];
  QRT_ASSERT(a.builtin_code == qrt::kTfliteOpConv2d && b.builtin_code == qrt::kTfliteOpConv2d);
  QRT_ASSERT(b.inputs[0] == a.outputs[0]);
  auto floats = [&](int32_t t) {
    return reinterpret_cast<float*>(bytes.data() + (m.tensors[static_cast<size_t>(t)].data - bytes.data()));
  };
  const qrt::TfliteTensor& w1 = m.tensors[static_cast<size_t>(a.inputs[1])];
  const qrt::TfliteTensor& w2 = m.tensors[static_cast<size_t>(b.inputs[1])];
  const auto channels = static_cast<size_t>(w1.shape[0]);
  const size_t per1 = w1.element_count / channels, in2 = static_cast<size_t>(w2.shape[3]);
  QRT_ASSERT(in2 == channels);
  float* pw1 = floats(a.inputs[1]);
  float* pb1 = floats(a.inputs[2]);
  float* pw2 = floats(b.inputs[1]);
  for (size_t c = 0; c < channels; ++c) {
    const float k = c % 3 == 0 ? 8.0f : c % 3 == 1 ? 0.125f : 1.0f;  // powers of two: exact
    for (size_t i = 0; i < per1; ++i) pw1[c * per1 + i] *= k;
    pb1[c] *= k;
    for (size_t i = c; i < w2.element_count; i += in2) pw2[i] /= k;
  }
  const std::string skewed = "/tmp/qrt_test_ic01_skewed_" + std::to_string(getpid()) + ".tflite";
  QRT_ASSERT(qrt::host::write_file_bytes(skewed, bytes, &error));

  constexpr uint32_t kCalib = 50;
  Set all, held_out;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  QRT_ASSERT(held_out.build(models("mlperf_tiny/datasets/ic01"), kCalib));
  qrt::host::ModelFile f;
  QRT_ASSERT(load_path(fpath, &f));
  const std::vector<int32_t> pf = top1(f, held_out.set);
  auto agreement_of = [&](bool equalize, qrt::host::CnnQuantReport* report) {
    qrt::host::CnnQuantConfig config;
    config.per_channel = false;
    config.equalize = equalize;
    std::vector<uint8_t> blob;
    qrt::host::ModelFile q;
    if (!quantize(skewed, all.set, kCalib, config, &blob, report, &error) || !load(blob, &q)) return -1.0;
    return agreement(top1(q, held_out.set), pf);
  };
  qrt::host::CnnQuantReport plain_report, eq_report;
  const double plain = agreement_of(false, &plain_report), equalized = agreement_of(true, &eq_report);
  printf("  ic01 skewed 64x, per-tensor: agreement with float %.2f%% plain, %.2f%% equalized (%d pairs, "
         "channel spread %.1f -> %.1f)\n", plain, equalized, eq_report.equalization.pairs,
         eq_report.equalization.worst_channel_spread_before, eq_report.equalization.worst_channel_spread_after);
  QRT_EXPECT_EQ(eq_report.equalization.pairs, 3);
  QRT_EXPECT(eq_report.equalization.worst_channel_spread_after < eq_report.equalization.worst_channel_spread_before / 4);
  QRT_EXPECT(equalized >= plain + 5.0);
  // The equalized float model computes what the original does.
  qrt::TfliteModel em;
  QRT_ASSERT(qrt::read_tflite(bytes.data(), bytes.size(), &em, &error));
  std::deque<std::vector<uint8_t>> storage;
  QRT_EXPECT_EQ(qrt::host::equalize_cross_layer(&em, &storage, 3).pairs, 3);
  std::vector<uint8_t> eblob;
  QRT_ASSERT(qrt::host::import_tflite_model(em, "equalized", {}, &eblob, nullptr, &error));
  qrt::host::ModelFile ef;
  QRT_ASSERT(load(eblob, &ef));
  qrt::host::HostSession es, fs;
  QRT_ASSERT(es.open(ef, nullptr, &error) && fs.open(f, nullptr, &error));
  double worst = 0.0;
  for (uint32_t i = 0; i < 20; ++i) {
    qrt_accept_feed(&held_out.set, i, es.get());
    qrt_accept_feed(&held_out.set, i, fs.get());
    QRT_ASSERT(es.invoke(&error) && fs.invoke(&error));
    for (size_t k = 0; k < 10; ++k) {
      worst = std::max(worst, fabs(static_cast<double>(static_cast<const float*>(es.output(0).data)[k]) -
                                   static_cast<const float*>(fs.output(0).data)[k]));
    }
  }
  QRT_EXPECT(worst < 1e-4);
  std::remove(skewed.c_str());
}

// Per-layer sensitivity: every weighted ic01 layer is measured, 4-bit weights cost each layer at
// least 12 dB of output SNR against 8-bit ones (16x the rounding step: 24 dB on the weights).
QRT_TEST(tflite_quantize, layer_sensitivity_to_weight_and_activation_bits) {
  if (!have_models()) return;
  Set all;
  QRT_ASSERT(all.build(models("mlperf_tiny/datasets/ic01"), 0));
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(models("mlperf_tiny/models/ic01/pretrainedResnet.tflite"), &bytes, &error));
  std::vector<qrt::host::LayerSensitivity> layers;
  QRT_ASSERT(qrt::host::layer_sensitivity(bytes.data(), bytes.size(), all.set, 10, {8, 4}, {}, &layers, &error));
  QRT_EXPECT_EQ(layers.size(), 10u);  // 9 CONV_2D and the FULLY_CONNECTED
  for (const auto& l : layers) {
    QRT_ASSERT(l.snr_db.size() == 2u);
    QRT_EXPECT(std::isfinite(l.snr_db[0]) && std::isfinite(l.snr_db[1]));
    QRT_EXPECT(l.snr_db[0] > 25.0);
    QRT_EXPECT(l.snr_db[1] < l.snr_db[0] - 12.0);
  }
  // Activations: one layer's output rounded to int8 costs about what 8-bit weights do; int16's
  // 8 more bits gain close to their 48 dB everywhere.
  QRT_ASSERT(qrt::host::layer_activation_sensitivity(bytes.data(), bytes.size(), all.set, 10, {}, &layers, &error));
  for (const auto& l : layers) {
    QRT_EXPECT(l.snr_db_a8 > 25.0 && l.snr_db_a8 < 70.0);
    QRT_EXPECT(l.snr_db_a16 > l.snr_db_a8 + 30.0);
  }
  // A float32 model with a non-fitting set: a message, no rows.
  Set kws;
  QRT_ASSERT(kws.build(models("mlperf_tiny/datasets/kws01"), 990));
  QRT_EXPECT(!qrt::host::layer_sensitivity(bytes.data(), bytes.size(), kws.set, 2, {8}, {}, &layers, &error));
  QRT_EXPECT(error.find("calibration set") != std::string::npos);
}
