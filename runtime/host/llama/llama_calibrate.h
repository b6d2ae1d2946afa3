// Activation calibration of a llama2.c model (host-only): runs the float32 reference over
// calibration sequences and keeps an |x| histogram per activation point and layer
// (quant/host/calibration.h), from which the converter picks static scales.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_CALIBRATE_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_CALIBRATE_H

#include <stdint.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "llama/llama_float.h"
#include "progress.h"

namespace qrt {
namespace llama {

struct ActivationStats {
  int32_t n_layers = 0;
  // [point][layer + 1]: slot 0 holds the points outside the layers (layer -1).
  std::vector<std::vector<AbsHistogram>> histograms;
  // With gram: [point][layer + 1] the sum of x x^T (row-major, n x n) of the matrix inputs
  // (attn_norm, attn_out, ffn_norm, swiglu, final_norm), for GPTQ's Hessians; else empty.
  std::vector<std::vector<std::vector<double>>> gram;
  int64_t tokens = 0;

  const AbsHistogram& at(ActivationPoint point, int32_t layer) const {
    return histograms[static_cast<size_t>(point)][static_cast<size_t>(layer + 1)];
  }
};

// Runs the float model over every sequence (KV cache reset per sequence) and collects the
// histograms. Fails on an empty calibration set or out-of-range ids.
// `progress` (optional) hears ("calibrating", sequences done, total).
bool collect_activation_stats(const Model& model,
                              const std::vector<std::vector<int32_t>>& sequences, bool with_gram,
                              ActivationStats* stats, std::string* error,
                              const host::ProgressFn& progress = {});

// True for the activation points that are inputs of weight matrices (whose Gram matrices are kept).
bool is_matrix_input(ActivationPoint point);

// The largest |x| over one point of every layer (or -1 for points outside the layers).
double max_abs_over_layers(const ActivationStats& stats, ActivationPoint point);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_CALIBRATE_H
