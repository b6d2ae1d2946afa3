#include "tflite_calibrate.h"

#include "qrt/accept_run.h"
#include "qrt/qrt.h"

namespace qrt {
namespace host {
namespace {

struct Collector {
  std::vector<int32_t> tflite_of;  // blob tensor -> TFLite tensor, or -1
  std::vector<AbsHistogram>* histograms;
  std::vector<std::vector<double>> channel_sums;  // per TFLite tensor, per last-dimension index
  std::vector<uint64_t> rows;                      // values added per channel
};

void add_view(Collector& c, int32_t tflite_tensor, const qrt_tensor_view& v) {
  if (tflite_tensor < 0 || v.dtype != QRT_DTYPE_FLOAT32) return;
  const auto* x = static_cast<const float*>(v.data);
  const size_t n = v.bytes / 4, t = static_cast<size_t>(tflite_tensor);
  histogram_add(&(*c.histograms)[t], x, n);
  const auto channels = static_cast<size_t>(v.rank > 0 ? v.dims[v.rank - 1] : 1);
  std::vector<double>& sums = c.channel_sums[t];
  if (channels == 0 || n % channels != 0) return;
  sums.resize(channels, 0.0);
  for (size_t i = 0; i < n; ++i) sums[i % channels] += x[i];
  c.rows[t] += n / channels;
}

void add_tensor(Collector& c, const qrt_session* session, int32_t blob_tensor) {
  if (blob_tensor < 0 || static_cast<size_t>(blob_tensor) >= c.tflite_of.size()) return;
  qrt_tensor_view v{};
  if (qrt_session_tensor(session, blob_tensor, &v) != QRT_OK) return;
  add_view(c, c.tflite_of[static_cast<size_t>(blob_tensor)], v);
}

void on_op_end(void* user, const qrt_session* session, int32_t op_index) {
  auto& c = *static_cast<Collector*>(user);
  int32_t code = 0, n_in = 0, n_out = 0;
  const int32_t *ins = nullptr, *outs = nullptr;
  if (qrt_session_op_info(session, op_index, &code, &n_in, &ins, &n_out, &outs) != QRT_OK) return;
  for (int32_t k = 0; k < n_out; ++k) add_tensor(c, session, outs[k]);
}

}  // namespace

uint32_t units_used(const qrt_eval_set& set, uint32_t units) {
  return units == 0 || units > set.unit_count ? set.unit_count : units;
}

bool open_for_set(const std::vector<uint8_t>& blob, const qrt_options* options, const qrt_eval_set& set,
                  ModelFile* model, HostSession* session, std::string* error) {
  if (!load_model_bytes(blob, model, error)) return false;
  if (model->plan.arena_bytes > kMaxCalibrationArenaBytes) {
    *error = "the float model needs " + std::to_string(model->plan.arena_bytes) +
             " arena bytes; calibration runs models of up to " + std::to_string(kMaxCalibrationArenaBytes);
    return false;
  }
  if (!session->open(*model, options, error)) return false;
  qrt_error err{};
  const qrt_status st = qrt_accept_check_inputs(&set, session->get(), &err);
  if (st != QRT_OK) {
    *error = "calibration set: " + describe_error(st, err);
    return false;
  }
  return true;
}

bool calibrate_activations(const std::vector<uint8_t>& float_blob,
                           const std::vector<int32_t>& tensor_map,
                           const std::vector<int32_t>& graph_inputs, const qrt_eval_set& set,
                           uint32_t units, const ProgressFn& progress,
                           std::vector<AbsHistogram>* histograms,
                           std::vector<std::vector<double>>* channel_means, uint32_t* samples,
                           std::string* error) {
  Collector collector;
  collector.histograms = histograms;
  histograms->assign(tensor_map.size(), AbsHistogram{});
  collector.channel_sums.assign(tensor_map.size(), {});
  collector.rows.assign(tensor_map.size(), 0);
  for (size_t t = 0; t < tensor_map.size(); ++t) {
    const int32_t b = tensor_map[t];
    if (b < 0) continue;
    if (collector.tflite_of.size() <= static_cast<size_t>(b)) collector.tflite_of.resize(static_cast<size_t>(b) + 1, -1);
    collector.tflite_of[static_cast<size_t>(b)] = static_cast<int32_t>(t);
    (*histograms)[t] = make_abs_histogram();
  }
  qrt_observer observer{&collector, nullptr, on_op_end};
  qrt_options options{};
  options.observer = &observer;
  ModelFile model;
  HostSession session;
  if (!open_for_set(float_blob, &options, set, &model, &session, error)) return false;
  const uint32_t n = units_used(set, units);
  *samples = 0;
  for (uint32_t u = 0; u < n; ++u) {
    uint32_t first = 0, count = 0;
    qrt_eval_set_unit_samples(&set, u, &first, &count);
    for (uint32_t s = first; s < first + count; ++s) {
      qrt_accept_feed(&set, s, session.get());
      for (size_t i = 0; i < graph_inputs.size(); ++i) {
        add_view(collector, graph_inputs[i], session.input(static_cast<int32_t>(i)));
      }
      if (!session.invoke(error)) return false;
      ++*samples;
    }
    if (progress) progress("calibrating", u + 1, n);
  }
  channel_means->assign(tensor_map.size(), {});
  for (size_t t = 0; t < tensor_map.size(); ++t) {
    if (collector.rows[t] == 0) continue;
    (*channel_means)[t] = collector.channel_sums[t];
    for (double& m : (*channel_means)[t]) m /= static_cast<double>(collector.rows[t]);
  }
  return true;
}

}  // namespace host
}  // namespace qrt
