// The float32 reference forward pass of a llama2.c model (host-only), computed exactly as
// llama2.c's run.c does (same operation order, float32 accumulation in the same sequence,
// run.c's RoPE frequencies), so greedy decoding reproduces run.c token for token. It is the
// float baseline of every quantized-model metric (KL divergence, top-1 agreement) and the
// source of calibration statistics (through the observer).
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_FLOAT_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_FLOAT_H

#include <stdint.h>

#include <vector>

#include "llama/llama_model.h"

namespace qrt {
namespace llama {

// Activations the forward pass exposes to an observer, in the order it produces them. Names
// follow run.c's buffers. Per layer unless noted.
enum ActivationPoint : int32_t {
  kActEmbedding = 0,    // x after the token embedding lookup (layer -1)
  kActAttnNorm,         // xb = rmsnorm(x) * rms_att
  kActQuery,            // q = wq xb, before RoPE
  kActKey,              // k = wk xb, before RoPE
  kActValue,            // v = wv xb
  kActQueryRope,        // q after RoPE
  kActKeyRope,          // k after RoPE (what the key cache stores)
  kActAttnScores,       // q.k / sqrt(head_size) over positions 0..pos, all heads (pre-softmax)
  kActAttnOut,          // xb = softmax-weighted sum of v, all heads
  kActAttnProj,         // xb2 = wo xb
  kActResidualAttn,     // x after the attention residual add
  kActFfnNorm,          // xb = rmsnorm(x) * rms_ffn
  kActGate,             // hb = w1 xb (pre-SiLU)
  kActUp,               // hb2 = w3 xb
  kActSwiGlu,           // hb = silu(hb) * hb2
  kActFfnOut,           // xb = w2 hb
  kActResidualFfn,      // x after the FFN residual add
  kActFinalNorm,        // x after the final rmsnorm (layer -1)
  kActLogits,           // classifier output (layer -1)
  kActPointCount
};

// A short lower-case name ("attn_norm") for reports.
const char* activation_point_name(ActivationPoint point);

// Called with each activation as soon as it is computed; `layer` is -1 for points outside the
// layers. The data is valid only during the call.
struct ForwardObserver {
  void* user = nullptr;
  void (*observe)(void* user, ActivationPoint point, int32_t layer, const float* data,
                  int32_t count) = nullptr;
};

// Buffers of one sequence, including the float32 KV cache [layer][seq_len][kv_dim].
struct FloatState {
  std::vector<float> x, xb, xb2, hb, hb2, q, att, logits;
  std::vector<float> key_cache, value_cache;
};

// Sizes every buffer for `config` (the KV cache need not be cleared between sequences: run.c's
// attention only reads positions 0..pos, each written before it is read).
void init_float_state(const Config& config, FloatState* state);

// Runs token `token` at position `pos` (0 <= pos < seq_len, 0 <= token < vocab_size; the caller
// guarantees both) and returns the logits (vocab_size floats inside `state`).
const float* forward_float(const Model& model, FloatState* state, int32_t token, int32_t pos,
                           const ForwardObserver* observer = nullptr);

// Index of the largest value (the first on ties), as run.c's argmax sampler.
int32_t argmax(const float* values, int32_t count);

// Greedy (temperature 0) generation as run.c: starts from `prompt` ids (which should begin with
// BOS), feeds them, then appends argmax tokens until `steps` positions have been run or BOS is
// produced. Returns the generated ids after the prompt (run.c prints exactly these).
std::vector<int32_t> generate_greedy_float(const Model& model, const std::vector<int32_t>& prompt,
                                           int32_t steps);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_FLOAT_H
