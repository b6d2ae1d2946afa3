#include "llama/llama_calibrate.h"

#include <algorithm>

namespace qrt {
namespace llama {
namespace {

void observe(void* user, ActivationPoint point, int32_t layer, const float* data, int32_t count) {
  auto* stats = static_cast<ActivationStats*>(user);
  const auto p = static_cast<size_t>(point), l = static_cast<size_t>(layer + 1);
  histogram_add(&stats->histograms[p][l], data, static_cast<size_t>(count));
  if (stats->gram.empty() || !is_matrix_input(point)) return;
  std::vector<double>& g = stats->gram[p][l];
  const auto n = static_cast<size_t>(count);
  if (g.empty()) g.assign(n * n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const double xi = data[i];
    for (size_t j = 0; j < n; ++j) g[i * n + j] += xi * data[j];
  }
}

}  // namespace

bool is_matrix_input(ActivationPoint point) {
  return point == kActAttnNorm || point == kActAttnOut || point == kActFfnNorm ||
         point == kActSwiGlu || point == kActFinalNorm;
}

bool collect_activation_stats(const Model& model,
                              const std::vector<std::vector<int32_t>>& sequences, bool with_gram,
                              ActivationStats* stats, std::string* error,
                              const host::ProgressFn& progress) {
  *stats = ActivationStats();
  if (with_gram) {
    stats->gram.assign(kActPointCount, std::vector<std::vector<double>>(
                                           static_cast<size_t>(model.config.n_layers + 1)));
  }
  stats->n_layers = model.config.n_layers;
  stats->histograms.assign(kActPointCount, std::vector<AbsHistogram>(
                                               static_cast<size_t>(model.config.n_layers + 1),
                                               make_abs_histogram()));
  FloatState state;
  init_float_state(model.config, &state);
  ForwardObserver observer;
  observer.user = stats;
  observer.observe = observe;
  uint64_t done = 0;
  for (const auto& seq : sequences) {
    if (progress) progress("calibrating", done++, sequences.size());
    if (static_cast<int32_t>(seq.size()) > model.config.seq_len) {
      if (error != nullptr) *error = "calibration sequence longer than the model's context";
      return false;
    }
    for (size_t p = 0; p < seq.size(); ++p) {
      if (seq[p] < 0 || seq[p] >= model.config.vocab_size) {
        if (error != nullptr) *error = "calibration token id out of range";
        return false;
      }
      forward_float(model, &state, seq[p], static_cast<int32_t>(p), &observer);
      ++stats->tokens;
    }
  }
  if (stats->tokens == 0) {
    if (error != nullptr) *error = "empty calibration set";
    return false;
  }
  return true;
}

double max_abs_over_layers(const ActivationStats& stats, ActivationPoint point) {
  double m = 0.0;
  for (const AbsHistogram& h : stats.histograms[static_cast<size_t>(point)]) m = std::max(m, h.abs_max);
  return m;
}

}  // namespace llama
}  // namespace qrt
