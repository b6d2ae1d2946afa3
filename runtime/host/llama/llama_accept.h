// Acceptance check of a language model on text (host-only): the quantized llama blob and its
// float32 baseline over the same token sequences, measured into qrt_accept_results so that the
// acceptance library's rule (qrt_accept_evaluate) and reports (table, JSON) judge it like any
// other model -- `qrt accept MODEL.qrt --float FLOAT.qrt --text FILE --criteria FILE`.
//
// Per predicted token both models run once and the library's language-model accumulator
// (qrt_lm_add_token_f32) takes the logits: perplexity of both, KL(P_float || P_quant) mean and 99th
// percentile (linear interpolation, qrt/accept_metrics.h), top-1 agreement. Every invoke is timed
// with the port counter (the host: nanoseconds), so latencies, the speedup and tokens/s are per
// token. Memory: the planned arena of both, its high-water mark, the arena by category (the KV
// cache is the persistent part) and the blob bytes (flash).
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_ACCEPT_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_ACCEPT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "llama/llama_blob.h"
#include "progress.h"
#include "qrt/accept.h"

namespace qrt {
namespace llama {

struct TextAcceptance {
  // Names the report shows (qrt_accept_results points into these: keep the struct alive).
  std::string model_name, float_model_name, strategy, text_name;
  // Hears ("evaluating", sequences done, total); optional.
  host::ProgressFn progress;
  // Working buffers (per-token KL and latencies), sized by the run.
  std::vector<float> kl_values;
  std::vector<uint64_t> cycles, float_cycles;
};

// Runs `model` (and `reference` unless null) over `sequences` ([BOS] + ids each, reset per
// sequence, the NLL summed over ids[1:]) and fills `results` (qrt_accept_results_init first).
// Fails when the models' vocabularies differ or a sequence does not fit a model's KV cache.
bool measure_text_acceptance(BlobLogitSource* model, BlobLogitSource* reference,
                             const std::vector<std::vector<int32_t>>& sequences,
                             TextAcceptance* run, qrt_accept_results* results, std::string* error);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_ACCEPT_H
