#include "quantize/sensitivity.h"

#include <algorithm>

#include "qrt/accept_metrics.h"
#include "qrt/accept_run.h"
#include "quantize/tflite_calibrate.h"
#include "quantize/weight_layout.h"
#include "tflite_import.h"
#include "weight_quant.h"

namespace qrt {
namespace host {
namespace {

// Output 0 of the float model over the first `units` units of the set, all samples concatenated.
// `options` may add an observer.
bool run_blob_outputs(const std::vector<uint8_t>& blob, const qrt_options* options, const qrt_eval_set& set,
                      uint32_t units, std::vector<float>* out, std::string* error) {
  ModelFile file;
  HostSession session;
  if (!open_for_set(blob, options, set, &file, &session, error)) return false;
  out->clear();
  for (uint32_t u = 0; u < units; ++u) {
    uint32_t first = 0, count = 0;
    qrt_eval_set_unit_samples(&set, u, &first, &count);
    for (uint32_t s = first; s < first + count; ++s) {
      qrt_accept_feed(&set, s, session.get());
      if (!session.invoke(error)) return false;
      const qrt_tensor_view y = session.output(0);
      if (y.dtype != QRT_DTYPE_FLOAT32) {
        *error = "the model's output 0 is not float32";
        return false;
      }
      const auto* v = static_cast<const float*>(y.data);
      out->insert(out->end(), v, v + y.bytes / 4);
    }
  }
  return true;
}

bool run_outputs(const TfliteModel& model, const qrt_eval_set& set, uint32_t units, std::vector<float>* out,
                 std::string* error) {
  std::vector<uint8_t> blob;
  if (!import_tflite_model(model, "sensitivity", {}, &blob, nullptr, error)) return false;
  return run_blob_outputs(blob, nullptr, set, units, out, error);
}

// Rounds one activation tensor in place, as its operator finishes, to `quant` (an observer: the
// tensor is live then and the operators after it read the rounded values).
struct FakeQuant {
  int32_t blob_tensor = -1;
  ActivationQuant quant;
  int32_t bits = 8;
};

void fake_quantize(void* user, const qrt_session* session, int32_t op_index) {
  const auto& f = *static_cast<const FakeQuant*>(user);
  int32_t code = 0, n_in = 0, n_out = 0;
  const int32_t *ins = nullptr, *outs = nullptr;
  if (qrt_session_op_info(session, op_index, &code, &n_in, &ins, &n_out, &outs) != QRT_OK || n_out < 1 ||
      outs[0] != f.blob_tensor) {
    return;
  }
  qrt_tensor_view v{};
  if (qrt_session_tensor(session, outs[0], &v) != QRT_OK || v.dtype != QRT_DTYPE_FLOAT32) return;
  const double qmin = f.bits == 16 ? -32767.0 : -128.0, qmax = f.bits == 16 ? 32767.0 : 127.0;
  auto* x = static_cast<float*>(v.data);
  for (size_t i = 0; i < v.bytes / 4; ++i) {
    const double q = std::min(qmax, std::max(qmin, round_half_away(x[i] / f.quant.scale) + f.quant.zero_point));
    x[i] = static_cast<float>(f.quant.scale * (q - f.quant.zero_point));
  }
}

// The acceptance harness's SNR (qrt/accept_metrics.h) of the outputs against the reference.
double snr_db(const std::vector<float>& reference, const std::vector<float>& test) {
  qrt_tensor_error_acc acc{};
  qrt_tensor_error_add_f32(&acc, test.data(), reference.data(), std::min(reference.size(), test.size()));
  qrt_tensor_error e{};
  qrt_tensor_error_finish(&acc, &e);
  return e.snr_db;
}

}  // namespace

bool layer_sensitivity(const uint8_t* data, size_t size, const qrt_eval_set& set, uint32_t units,
                       const std::vector<int32_t>& bits, const ProgressFn& progress,
                       std::vector<LayerSensitivity>* out, std::string* error) {
  TfliteModel model;
  if (!read_tflite(data, size, &model, error)) return false;
  const uint32_t n = units_used(set, units);
  std::vector<float> reference;
  if (!run_outputs(model, set, n, &reference, error)) return false;
  std::vector<size_t> layers;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const int32_t code = model.operators[i].builtin_code;
    if ((code == kTfliteOpConv2d || code == kTfliteOpDepthwiseConv2d || code == kTfliteOpFullyConnected) &&
        model.operators[i].inputs.size() >= 2 && model.operators[i].inputs[1] >= 0) {
      layers.push_back(i);
    }
  }
  out->clear();
  size_t done = 0;
  for (size_t i : layers) {
    const TfliteOperator& op = model.operators[i];
    const int32_t t = op.inputs[1];
    const TfliteTensor& w = model.tensors[static_cast<size_t>(t)];
    std::vector<float> values;
    const size_t axis = op.builtin_code == kTfliteOpDepthwiseConv2d ? 3 : 0;
    if (!constant_real_values(w, &values) || w.shape.size() <= axis || w.shape[axis] <= 0 || values.empty() ||
        values.size() % static_cast<size_t>(w.shape[axis]) != 0) {
      continue;
    }
    LayerSensitivity row;
    row.op = static_cast<int32_t>(i);
    row.op_name = tflite_builtin_name(op.builtin_code);
    row.weights = w.name;
    row.elements = static_cast<int64_t>(values.size());
    const ChannelLayout layout(w.shape, axis, values.size());
    std::vector<float> rows(values.size());
    for (size_t k = 0; k < values.size(); ++k) rows[layout(k)] = values[k];
    for (int32_t b : bits) {
      WeightQuantConfig config;
      config.bits = b;
      config.mse_clip = b == 4;  // as qrt quantize rounds INT4 weights
      QuantizedWeight q;
      if (!quantize_weights(rows.data(), static_cast<int32_t>(layout.channels),
                            static_cast<int32_t>(layout.per_channel), config, &q, error)) {
        return false;
      }
      const std::vector<float> deq = dequantize_weights(q);
      std::vector<float> rounded(values.size());
      for (size_t k = 0; k < values.size(); ++k) rounded[k] = deq[layout(k)];
      TfliteModel edited = model;
      TfliteTensor& e = edited.tensors[static_cast<size_t>(t)];
      e.type = kTfliteFloat32;
      e.data = reinterpret_cast<const uint8_t*>(rounded.data());
      e.data_bytes = rounded.size() * 4;
      e.scales.clear();
      e.zero_points.clear();
      std::vector<float> outputs;
      if (!run_outputs(edited, set, n, &outputs, error)) return false;
      row.snr_db.push_back(snr_db(reference, outputs));
    }
    out->push_back(row);
    if (progress) progress("sensitivity", ++done, layers.size());
  }
  return true;
}

bool layer_activation_sensitivity(const uint8_t* data, size_t size, const qrt_eval_set& set, uint32_t units,
                                  const ProgressFn& progress, std::vector<LayerSensitivity>* layers,
                                  std::string* error) {
  TfliteModel model;
  if (!read_tflite(data, size, &model, error)) return false;
  std::vector<uint8_t> blob;
  ImportReport imported;
  if (!import_tflite_model(model, "sensitivity", {}, &blob, &imported, error)) return false;
  const uint32_t n = units_used(set, units);
  std::vector<AbsHistogram> histograms;
  std::vector<std::vector<double>> means;
  uint32_t samples = 0;
  if (!calibrate_activations(blob, imported.tensor_map, model.inputs, set, n, progress, &histograms, &means,
                             &samples, error)) {
    return false;
  }
  std::vector<float> reference;
  if (!run_blob_outputs(blob, nullptr, set, n, &reference, error)) return false;
  size_t done = 0;
  for (LayerSensitivity& l : *layers) {
    const TfliteOperator& op = model.operators[static_cast<size_t>(l.op)];
    const int32_t t = op.outputs.empty() ? -1 : op.outputs[0];
    if (t < 0 || histograms[static_cast<size_t>(t)].count == 0) continue;
    for (int32_t bits : {8, 16}) {
      FakeQuant f;
      f.blob_tensor = imported.tensor_map[static_cast<size_t>(t)];
      f.bits = bits;
      double low = 0.0, high = 0.0;
      calibrated_range(histograms[static_cast<size_t>(t)], CalibrationOptions{}, bits, &low, &high);
      f.quant = activation_quant(low, high, bits);
      qrt_observer observer{&f, nullptr, fake_quantize};
      qrt_options options{};
      options.observer = &observer;
      std::vector<float> outputs;
      if (!run_blob_outputs(blob, &options, set, n, &outputs, error)) return false;
      (bits == 8 ? l.snr_db_a8 : l.snr_db_a16) = snr_db(reference, outputs);
    }
    if (progress) progress("activation sensitivity", ++done, layers->size());
  }
  return true;
}

}  // namespace host
}  // namespace qrt
