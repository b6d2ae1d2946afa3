// Activation calibration of a llama2.c model (host-only): runs the float32 reference -- the model
// converted to a float32 blob and run through the C API (open_float_reference) -- over calibration
// sequences and keeps an |x| histogram per activation point and layer (quant/host/calibration.h),
// from which the converter picks static scales. The points are tensors of that graph, read by a
// qrt_observer when the operator writing them ends.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_CALIBRATE_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_CALIBRATE_H

#include <stdint.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "llama/llama_model.h"
#include "progress.h"

namespace qrt {
namespace llama {

// Activations of the float32 graph that set the integer graph's scales, in the order the graph
// computes them. Per layer unless noted.
enum ActivationPoint : int32_t {
  kActEmbedding = 0,    // x after the token embedding lookup (layer -1)
  kActAttnNorm,         // rmsnorm(x) * rms_att
  kActQuery,            // wq attn_norm, before RoPE
  kActKey,              // wk attn_norm, before RoPE
  kActValue,            // wv attn_norm
  kActQueryRope,        // query after RoPE
  kActKeyRope,          // key after RoPE (what the key cache stores)
  kActAttnOut,          // softmax-weighted sum of the values, all heads
  kActAttnProj,         // wo attn_out
  kActResidualAttn,     // x after the attention residual add
  kActFfnNorm,          // rmsnorm(x) * rms_ffn
  kActGate,             // w1 ffn_norm (pre-SiLU)
  kActUp,               // w3 ffn_norm
  kActSwiGlu,           // silu(gate) * up
  kActFfnOut,           // w2 swiglu
  kActResidualFfn,      // x after the FFN residual add
  kActFinalNorm,        // x after the final rmsnorm (layer -1)
  kActLogits,           // classifier output (layer -1)
  kActPointCount
};

// The point's tensor in the float32 graph: "attn_norm" is "layers.<l>.attn_norm" there, the
// points outside the layers are named as they are ("x.embedding", "final_norm", "logits").
const char* activation_tensor_name(ActivationPoint point);

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
