#include "llama/llama_calibrate.h"

#include <stdlib.h>
#include <string.h>

#include <algorithm>

#include "llama/llama_blob.h"

namespace qrt {
namespace llama {
namespace {

constexpr const char* kTensorNames[kActPointCount] = {
    "x.embedding", "attn_norm", "q",        "k",    "v",          "q_rope",
    "k_rope",      "attn_out",  "attn_proj", "x.attn", "ffn_norm", "gate",
    "up",          "swiglu",    "ffn_out",  "x.ffn", "final_norm", "logits"};

bool outside_layers(ActivationPoint p) {
  return p == kActEmbedding || p == kActFinalNorm || p == kActLogits;
}

// What the observer needs: the statistics and, per tensor of the session, the point it is
// (point * (n_layers + 1) + layer + 1) or -1.
struct Collector {
  ActivationStats* stats = nullptr;
  std::vector<int32_t> slot_of_tensor;
};

void add(ActivationStats* stats, ActivationPoint point, int32_t layer, const float* data,
         size_t n) {
  const auto p = static_cast<size_t>(point), l = static_cast<size_t>(layer + 1);
  histogram_add(&stats->histograms[p][l], data, n);
  if (stats->gram.empty() || !is_matrix_input(point)) return;
  std::vector<double>& g = stats->gram[p][l];
  if (g.empty()) g.assign(n * n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const double xi = data[i];
    for (size_t j = 0; j < n; ++j) g[i * n + j] += xi * data[j];
  }
}

void on_op_end(void* user, const qrt_session* session, int32_t op_index) {
  auto* c = static_cast<Collector*>(user);
  int32_t code = 0, input_count = 0, output_count = 0;
  const int32_t *inputs = nullptr, *outputs = nullptr;
  qrt_session_op_info(session, op_index, &code, &input_count, &inputs, &output_count, &outputs);
  const int32_t layers = c->stats->n_layers + 1;
  for (int32_t i = 0; i < output_count; ++i) {
    const int32_t slot = c->slot_of_tensor[static_cast<size_t>(outputs[i])];
    if (slot < 0) continue;
    qrt_tensor_view v{};
    qrt_session_tensor(session, outputs[i], &v);
    add(c->stats, static_cast<ActivationPoint>(slot / layers), slot % layers - 1,
        static_cast<const float*>(v.data), v.bytes / sizeof(float));
  }
}

// Finds every (point, layer) tensor of the float graph; fails naming the first one missing, so a
// renamed graph tensor cannot leave a point silently uncalibrated.
bool map_tensors(const qrt_session* session, int32_t n_layers, std::vector<int32_t>* slots,
                 std::string* error) {
  const int32_t count = qrt_session_tensor_count(session);
  slots->assign(static_cast<size_t>(count), -1);
  std::vector<bool> found(static_cast<size_t>(kActPointCount * (n_layers + 1)), false);
  for (int32_t t = 0; t < count; ++t) {
    qrt_tensor_view v{};
    qrt_session_tensor(session, t, &v);
    const char* name = v.name;
    int32_t layer = -1;
    if (strncmp(name, "layers.", 7) == 0) {
      char* end = nullptr;
      layer = static_cast<int32_t>(strtol(name + 7, &end, 10));
      if (end == name + 7 || *end != '.' || layer < 0 || layer >= n_layers) continue;
      name = end + 1;
    }
    for (int32_t p = 0; p < kActPointCount; ++p) {
      if (outside_layers(static_cast<ActivationPoint>(p)) != (layer < 0) ||
          strcmp(name, kTensorNames[p]) != 0 || v.dtype != QRT_DTYPE_FLOAT32) {
        continue;
      }
      const int32_t slot = p * (n_layers + 1) + layer + 1;
      (*slots)[static_cast<size_t>(t)] = slot;
      found[static_cast<size_t>(slot)] = true;
    }
  }
  for (int32_t p = 0; p < kActPointCount; ++p) {
    const bool outside = outside_layers(static_cast<ActivationPoint>(p));
    for (int32_t l = outside ? -1 : 0; l < (outside ? 0 : n_layers); ++l) {
      if (found[static_cast<size_t>(p * (n_layers + 1) + l + 1)]) continue;
      *error = std::string("the float32 graph has no float32 tensor ") +
               (outside ? "" : "layers." + std::to_string(l) + ".") + kTensorNames[p];
      return false;
    }
  }
  return true;
}

}  // namespace

const char* activation_tensor_name(ActivationPoint point) {
  return point >= 0 && point < kActPointCount ? kTensorNames[point] : "unknown";
}

bool is_matrix_input(ActivationPoint point) {
  return point == kActAttnNorm || point == kActAttnOut || point == kActFfnNorm ||
         point == kActSwiGlu || point == kActFinalNorm;
}

bool collect_activation_stats(const Model& model,
                              const std::vector<std::vector<int32_t>>& sequences, bool with_gram,
                              ActivationStats* stats, std::string* error,
                              const host::ProgressFn& progress) {
  *stats = ActivationStats();
  const auto slots = static_cast<size_t>(model.config.n_layers + 1);
  if (with_gram) {
    stats->gram.assign(kActPointCount, std::vector<std::vector<double>>(slots));
  }
  stats->n_layers = model.config.n_layers;
  stats->histograms.assign(kActPointCount, std::vector<AbsHistogram>(slots, make_abs_histogram()));
  Collector collector;
  collector.stats = stats;
  qrt_observer observer{};
  observer.user = &collector;
  observer.op_end = on_op_end;
  BlobLogitSource reference;
  if (!open_float_reference(model, &reference, error, &observer) ||
      !map_tensors(reference.session(), model.config.n_layers, &collector.slot_of_tensor, error)) {
    return false;
  }
  uint64_t done = 0;
  for (const auto& seq : sequences) {
    if (progress) progress("calibrating", done++, sequences.size());
    if (static_cast<int32_t>(seq.size()) > model.config.seq_len) {
      *error = "calibration sequence longer than the model's context";
      return false;
    }
    if (!reference.reset(error)) return false;
    for (size_t p = 0; p < seq.size(); ++p) {
      if (seq[p] < 0 || seq[p] >= model.config.vocab_size) {
        *error = "calibration token id out of range";
        return false;
      }
      if (reference.step(seq[p], static_cast<int32_t>(p), error) == nullptr) return false;
      ++stats->tokens;
    }
  }
  if (stats->tokens == 0) {
    *error = "empty calibration set";
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
