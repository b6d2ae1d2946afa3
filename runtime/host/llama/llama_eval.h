// Language-model evaluation (host-only): perplexity with the protocol of llama_text.h, and a
// quantized model against its float reference token by token -- KL divergence of the next-token
// distributions (mean and 99th percentile, as llama.cpp's perplexity --kl-divergence reports),
// top-1 agreement, ROUGE-L of greedy continuations -- plus tokens/s.
//
// A model is anything that turns (token, position) into next-token logits: a .qrt blob run
// through the C API (BlobLogitSource, llama_blob.h), float32 or integer.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_EVAL_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_EVAL_H

#include <stdint.h>

#include <string>
#include <vector>

#include "progress.h"

namespace qrt {
namespace llama {

// One causal language model seen one token at a time.
class LogitSource {
 public:
  virtual ~LogitSource() = default;
  virtual int32_t vocab_size() const = 0;
  virtual int32_t max_positions() const = 0;
  // Starts a new sequence (clears the KV cache).
  virtual bool reset(std::string* error) = 0;
  // Feeds `token` at position `pos` (0 <= pos < max_positions, positions in order from 0 since
  // the last reset) and returns vocab_size float logits valid until the next call, or nullptr
  // with a message on failure.
  virtual const float* step(int32_t token, int32_t pos, std::string* error) = 0;
};

struct PerplexityResult {
  int64_t predicted_tokens = 0;
  double total_nll = 0.0;  // nats
  double perplexity = 0.0;
  double seconds = 0.0;    // wall time of the model steps
  double tokens_per_second = 0.0;
};

// Perplexity over `sequences` ([BOS] + paragraph ids each): reset per sequence, NLL summed over
// ids[1:] from a double-precision log-softmax.
// `progress` (optional) hears ("scoring", sequences done, total).
bool evaluate_perplexity(LogitSource* model, const std::vector<std::vector<int32_t>>& sequences,
                         PerplexityResult* result, std::string* error,
                         const host::ProgressFn& progress = {});

struct ComparisonResult {
  PerplexityResult model;      // the model under test
  PerplexityResult reference;  // the float reference on the same tokens
  double delta_ppl_percent = 0.0;  // 100 * (ppl_model / ppl_reference - 1)
  double mean_kl = 0.0;        // mean over predicted tokens of KL(reference || model), nats
  double p99_kl = 0.0;         // 99th percentile of the per-token KL
  double max_kl = 0.0;
  double top1_agreement = 0.0;  // fraction of tokens where both argmaxes agree
};

// Runs both models over the same sequences and compares their next-token distributions at every
// predicted position.
bool compare_models(LogitSource* model, LogitSource* reference,
                    const std::vector<std::vector<int32_t>>& sequences, ComparisonResult* result,
                    std::string* error, const host::ProgressFn& progress = {});

// Greedy (argmax) continuation: feeds `prompt` (starting with BOS) then appends up to `steps`
// generated tokens, stopping early at BOS or at max_positions. Returns the generated ids.
bool generate_greedy(LogitSource* model, const std::vector<int32_t>& prompt, int32_t steps,
                     std::vector<int32_t>* generated, std::string* error);

// ROUGE-L F1 (beta = 1) of a candidate against a reference sequence: from the longest common
// subsequence, 2PR / (P + R); 1 when both are empty.
double rouge_l_f1(const std::vector<int32_t>& candidate, const std::vector<int32_t>& reference);

// Mean ROUGE-L F1 of greedy continuations of `steps` tokens, one per prompt, model vs reference.
bool greedy_agreement(LogitSource* model, LogitSource* reference,
                      const std::vector<std::vector<int32_t>>& prompts, int32_t steps,
                      double* mean_rouge_l, std::string* error);

// Index of the largest value (the first on ties), as run.c's argmax sampler.
int32_t argmax(const float* values, int32_t count);

// log-softmax of logits in double precision (qrt::log_sum_exp_f64, the same bits as the device).
void log_softmax(const float* logits, int32_t count, std::vector<double>* out);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_EVAL_H
