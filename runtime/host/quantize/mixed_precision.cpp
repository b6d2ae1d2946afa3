#include "quantize/mixed_precision.h"

#include <math.h>

#include <algorithm>
#include <cstdio>

#include "qrt/accept_metrics.h"
#include "qrt/accept_run.h"
#include "quantize/sensitivity.h"
#include "quantize/tflite_calibrate.h"
#include "tflite_import.h"

namespace qrt {
namespace host {
namespace {

int64_t aligned16(int64_t bytes) { return (bytes + 15) & ~int64_t{15}; }

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

// Top-1 accuracy (percent) of `blob` on the samples of units [0, units) against their class labels.
bool top1_accuracy(const std::vector<uint8_t>& blob, const qrt_eval_set& set, uint32_t units,
                   double* accuracy, std::string* error) {
  ModelFile file;
  HostSession session;
  if (!open_for_set(blob, nullptr, set, &file, &session, error)) return false;
  uint32_t correct = 0, total = 0;
  for (uint32_t u = 0; u < units; ++u) {
    int32_t label = -1;
    if (qrt_eval_set_label_class(&set, u, &label) != QRT_OK) {
      *error = "--max-drop needs a calibration set with class labels";
      return false;
    }
    uint32_t first = 0, count = 0;
    qrt_eval_set_unit_samples(&set, u, &first, &count);
    for (uint32_t s = first; s < first + count; ++s) {
      qrt_accept_feed(&set, s, session.get());
      if (!session.invoke(error)) return false;
      const qrt_tensor_view y = session.output(0);
      int32_t best = -1;
      if (y.dtype == QRT_DTYPE_INT8) best = qrt_accept_argmax_s8(static_cast<const int8_t*>(y.data), y.bytes);
      if (y.dtype == QRT_DTYPE_INT16) best = qrt_accept_argmax_s16(static_cast<const int16_t*>(y.data), y.bytes / 2);
      if (y.dtype == QRT_DTYPE_FLOAT32) best = qrt_accept_argmax_f32(static_cast<const float*>(y.data), y.bytes / 4);
      correct += best == label ? 1u : 0u;
      ++total;
    }
  }
  *accuracy = total > 0 ? 100.0 * correct / total : 0.0;
  return true;
}

// The eligible layers with their costs and gains, cheapest per byte first.
bool rank_layers(const uint8_t* data, size_t size, const qrt_eval_set& set, uint32_t units,
                 const ProgressFn& progress, std::vector<MixedLayer>* ranked, std::string* error) {
  TfliteModel model;
  if (!read_tflite(data, size, &model, error)) return false;
  std::vector<LayerSensitivity> sens;
  if (!layer_sensitivity(data, size, set, units, {8, 4}, progress, &sens, error)) return false;
  ranked->clear();
  for (const LayerSensitivity& l : sens) {
    const TfliteTensor& w = model.tensors[static_cast<size_t>(model.operators[static_cast<size_t>(l.op)].inputs[1])];
    const int64_t cols = w.shape.empty() ? 0 : w.shape.back();
    if (cols <= 0) continue;
    MixedLayer m;
    m.op = l.op;
    m.op_name = l.op_name;
    m.weights = l.weights;
    m.elements = l.elements;
    m.bytes_saved = aligned16(l.elements) - aligned16(l.elements / cols * ((cols + 1) / 2));
    m.snr_db_w8 = l.snr_db[0];
    m.snr_db_w4 = l.snr_db[1];
    m.cost = std::max(0.0, pow(10.0, -m.snr_db_w4 / 10.0) - pow(10.0, -m.snr_db_w8 / 10.0));
    ranked->push_back(m);
  }
  std::stable_sort(ranked->begin(), ranked->end(), [](const MixedLayer& a, const MixedLayer& b) {
    return a.cost * static_cast<double>(b.bytes_saved) < b.cost * static_cast<double>(a.bytes_saved);
  });
  return true;
}

}  // namespace

bool quantize_tflite_mixed(const uint8_t* data, size_t size, const std::string& source_name,
                           const qrt_eval_set& calibration, uint32_t calibration_units,
                           const CnnQuantConfig& config, const MixedPrecisionGoal& goal,
                           const ProgressFn& progress, std::vector<uint8_t>* blob,
                           CnnQuantReport* report, MixedPrecisionReport* mixed, std::string* error) {
  if (goal.max_flash_bytes <= 0 && goal.max_drop_pts < 0.0) {
    *error = "mixed precision needs a flash budget or an accuracy floor";
    return false;
  }
  const uint32_t units = units_used(calibration, calibration_units);
  MixedPrecisionReport mp;
  if (!rank_layers(data, size, calibration, units, progress, &mp.ranked, error)) return false;
  TfliteModel model;
  if (!read_tflite(data, size, &model, error)) return false;
  // The blob with the first k ranked layers at INT4 and every other weighted layer at int8.
  auto build = [&](size_t k, std::vector<uint8_t>* out, CnnQuantReport* rep) {
    CnnQuantConfig c = config;
    c.weight_bits = 8;
    c.op_weight_bits.assign(model.operators.size(), 8);
    for (size_t i = 0; i < k; ++i) c.op_weight_bits[static_cast<size_t>(mp.ranked[i].op)] = 4;
    return quantize_tflite(data, size, source_name, calibration, calibration_units, c, progress, out, rep, error);
  };
  std::vector<uint8_t> chosen;
  CnnQuantReport chosen_report;
  if (!build(0, &chosen, &chosen_report)) return false;
  mp.int8_flash_bytes = static_cast<int64_t>(chosen.size());
  size_t k = 0;
  if (goal.max_drop_pts >= 0.0) {
    std::vector<uint8_t> float_blob;
    if (!import_tflite_model(model, source_name, {}, &float_blob, nullptr, error) ||
        !top1_accuracy(float_blob, calibration, units, &mp.float_calibration_accuracy, error)) {
      return false;
    }
    double acc = 0.0;
    if (!top1_accuracy(chosen, calibration, units, &acc, error)) return false;
    const double floor = mp.float_calibration_accuracy - goal.max_drop_pts;
    mp.calibration_accuracy = acc;
    // Bisection for the largest k whose accuracy stays at or above the floor.
    size_t lo = 0, hi = mp.ranked.size();
    if (acc < floor) hi = 0;
    while (lo < hi) {
      const size_t mid = (lo + hi + 1) / 2;
      std::vector<uint8_t> b;
      CnnQuantReport r;
      double a = 0.0;
      if (!build(mid, &b, &r) || !top1_accuracy(b, calibration, units, &a, error)) return false;
      if (a >= floor) {
        lo = mid;
        chosen = std::move(b);
        chosen_report = std::move(r);
        mp.calibration_accuracy = a;
      } else {
        hi = mid - 1;
      }
    }
    k = lo;
    if (acc < floor) {
      *error = "even with every layer int8 the calibration top-1 " + number(acc) + "% is more than " +
               number(goal.max_drop_pts) + " pts below float's " + number(mp.float_calibration_accuracy) + "%";
      return false;
    }
    mp.rule = "the most INT4 layers (fewest bytes) whose calibration top-1 is within " +
              number(goal.max_drop_pts) + " pts of float's";
  } else {
    // The smallest k whose predicted size fits, then built and measured (one more if it does not).
    int64_t predicted = mp.int8_flash_bytes;
    while (k < mp.ranked.size() && predicted > goal.max_flash_bytes) predicted -= mp.ranked[k++].bytes_saved;
    for (;;) {
      if (k > 0 && !build(k, &chosen, &chosen_report)) return false;
      if (static_cast<int64_t>(chosen.size()) <= goal.max_flash_bytes || k >= mp.ranked.size()) break;
      ++k;
    }
    mp.rule = "the fewest INT4 layers (cheapest output noise per byte first) whose blob fits " +
              std::to_string(goal.max_flash_bytes) + " B";
  }
  if (goal.max_flash_bytes > 0 && static_cast<int64_t>(chosen.size()) > goal.max_flash_bytes) {
    *error = "the blob needs " + std::to_string(chosen.size()) + " B with " + std::to_string(k) + " of " +
             std::to_string(mp.ranked.size()) + " eligible layers at INT4: above --max-flash " +
             std::to_string(goal.max_flash_bytes);
    return false;
  }
  mp.int4_layers = static_cast<int32_t>(k);
  for (size_t i = 0; i < mp.ranked.size(); ++i) mp.ranked[i].bits = i < k ? 4 : 8;
  mp.flash_bytes = static_cast<int64_t>(chosen.size());
  *blob = std::move(chosen);
  if (report != nullptr) *report = std::move(chosen_report);
  if (mixed != nullptr) *mixed = std::move(mp);
  return true;
}

}  // namespace host
}  // namespace qrt
