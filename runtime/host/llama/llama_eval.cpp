#include "llama/llama_eval.h"

#include <math.h>

#include <algorithm>
#include <chrono>

#include "llama/llama_tokenizer.h"
#include "qrt/ops/math_f64.h"

namespace qrt {
namespace llama {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool check_sequence(const LogitSource& m, const std::vector<int32_t>& seq, std::string* error) {
  if (static_cast<int32_t>(seq.size()) > m.max_positions()) {
    if (error != nullptr) *error = "sequence longer than the model's context";
    return false;
  }
  for (int32_t id : seq) {
    if (id < 0 || id >= m.vocab_size()) {
      if (error != nullptr) *error = "token id " + std::to_string(id) + " outside the vocabulary";
      return false;
    }
  }
  return true;
}

void finish(PerplexityResult* r) {
  r->perplexity = r->predicted_tokens > 0
                      ? exp(r->total_nll / static_cast<double>(r->predicted_tokens))
                      : 0.0;
  r->tokens_per_second = r->seconds > 0 ? static_cast<double>(r->predicted_tokens) / r->seconds : 0;
}

}  // namespace

int32_t argmax(const float* values, int32_t count) {
  int32_t best = 0;
  for (int32_t i = 1; i < count; i++) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

void log_softmax(const float* logits, int32_t count, std::vector<double>* out) {
  out->resize(static_cast<size_t>(count));
  const double log_z = log_sum_exp_f64(
      [logits](uint32_t i) { return static_cast<double>(logits[i]); }, static_cast<uint32_t>(count));
  for (int32_t i = 0; i < count; ++i) (*out)[static_cast<size_t>(i)] = logits[i] - log_z;
}

bool evaluate_perplexity(LogitSource* model, const std::vector<std::vector<int32_t>>& sequences,
                         PerplexityResult* result, std::string* error,
                         const host::ProgressFn& progress) {
  *result = PerplexityResult();
  std::vector<double> logp;
  uint64_t done = 0;
  for (const auto& seq : sequences) {
    if (progress) progress("scoring", done++, sequences.size());
    if (!check_sequence(*model, seq, error) || !model->reset(error)) return false;
    for (size_t p = 0; p + 1 < seq.size(); ++p) {
      const auto start = Clock::now();
      const float* logits = model->step(seq[p], static_cast<int32_t>(p), error);
      result->seconds += seconds_since(start);
      if (logits == nullptr) return false;
      log_softmax(logits, model->vocab_size(), &logp);
      result->total_nll -= logp[static_cast<size_t>(seq[p + 1])];
      ++result->predicted_tokens;
    }
  }
  if (result->predicted_tokens == 0) {
    if (error != nullptr) *error = "no token to predict (every sequence is shorter than 2 tokens)";
    return false;
  }
  finish(result);
  return true;
}

bool compare_models(LogitSource* model, LogitSource* reference,
                    const std::vector<std::vector<int32_t>>& sequences, ComparisonResult* result,
                    std::string* error, const host::ProgressFn& progress) {
  *result = ComparisonResult();
  uint64_t done = 0;
  if (model->vocab_size() != reference->vocab_size()) {
    if (error != nullptr) *error = "the two models have different vocabularies";
    return false;
  }
  const int32_t vocab = model->vocab_size();
  std::vector<double> lp_model, lp_ref, kls;
  int64_t agree = 0;
  for (const auto& seq : sequences) {
    if (progress) progress("comparing", done++, sequences.size());
    if (!check_sequence(*model, seq, error) || !check_sequence(*reference, seq, error) ||
        !model->reset(error) || !reference->reset(error)) {
      return false;
    }
    for (size_t p = 0; p + 1 < seq.size(); ++p) {
      const auto pos = static_cast<int32_t>(p);
      auto start = Clock::now();
      const float* lm = model->step(seq[p], pos, error);
      result->model.seconds += seconds_since(start);
      if (lm == nullptr) return false;
      log_softmax(lm, vocab, &lp_model);
      start = Clock::now();
      const float* lr = reference->step(seq[p], pos, error);
      result->reference.seconds += seconds_since(start);
      if (lr == nullptr) return false;
      log_softmax(lr, vocab, &lp_ref);
      const auto next = static_cast<size_t>(seq[p + 1]);
      result->model.total_nll -= lp_model[next];
      result->reference.total_nll -= lp_ref[next];
      double kl = 0.0;
      for (int32_t i = 0; i < vocab; ++i) {
        const double lr_i = lp_ref[static_cast<size_t>(i)];
        kl += exp(lr_i) * (lr_i - lp_model[static_cast<size_t>(i)]);
      }
      kls.push_back(kl > 0.0 ? kl : 0.0);  // tiny negative values are rounding
      if (argmax(lm, vocab) == argmax(lr, vocab)) ++agree;
    }
  }
  const auto n = static_cast<int64_t>(kls.size());
  if (n == 0) {
    if (error != nullptr) *error = "no token to predict (every sequence is shorter than 2 tokens)";
    return false;
  }
  result->model.predicted_tokens = result->reference.predicted_tokens = n;
  finish(&result->model);
  finish(&result->reference);
  if (n > 0) {
    double sum = 0.0;
    for (double k : kls) sum += k;
    result->mean_kl = sum / static_cast<double>(n);
    std::sort(kls.begin(), kls.end());
    // Nearest-rank percentile: the smallest value with at least 99% of the tokens at or below.
    const auto rank = static_cast<size_t>(ceil(0.99 * static_cast<double>(n)));
    result->p99_kl = kls[rank == 0 ? 0 : rank - 1];
    result->max_kl = kls.back();
    result->top1_agreement = static_cast<double>(agree) / static_cast<double>(n);
    result->delta_ppl_percent = 100.0 * (result->model.perplexity / result->reference.perplexity - 1);
  }
  return true;
}

bool generate_greedy(LogitSource* model, const std::vector<int32_t>& prompt, int32_t steps,
                     std::vector<int32_t>* generated, std::string* error) {
  generated->clear();
  if (prompt.empty()) {
    if (error != nullptr) *error = "empty prompt";
    return false;
  }
  if (!check_sequence(*model, prompt, error) || !model->reset(error)) return false;
  int32_t token = prompt[0];
  const auto prompt_count = static_cast<int32_t>(prompt.size());
  for (int32_t pos = 0; pos < model->max_positions(); ++pos) {
    if (pos >= prompt_count - 1 && static_cast<int32_t>(generated->size()) >= steps) break;
    const float* logits = model->step(token, pos, error);
    if (logits == nullptr) return false;
    if (pos < prompt_count - 1) {
      token = prompt[static_cast<size_t>(pos + 1)];
      continue;
    }
    token = argmax(logits, model->vocab_size());
    if (token == kBosToken) break;
    generated->push_back(token);
  }
  return true;
}

double rouge_l_f1(const std::vector<int32_t>& candidate, const std::vector<int32_t>& reference) {
  if (candidate.empty() && reference.empty()) return 1.0;
  if (candidate.empty() || reference.empty()) return 0.0;
  // Longest common subsequence by dynamic programming over one row.
  std::vector<int32_t> row(reference.size() + 1, 0);
  for (int32_t c : candidate) {
    int32_t diagonal = 0;
    for (size_t j = 1; j <= reference.size(); ++j) {
      const int32_t up = row[j];
      row[j] = c == reference[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = up;
    }
  }
  const double lcs = row.back();
  if (lcs == 0) return 0.0;
  const double precision = lcs / static_cast<double>(candidate.size());
  const double recall = lcs / static_cast<double>(reference.size());
  return 2.0 * precision * recall / (precision + recall);
}

bool greedy_agreement(LogitSource* model, LogitSource* reference,
                      const std::vector<std::vector<int32_t>>& prompts, int32_t steps,
                      double* mean_rouge_l, std::string* error) {
  *mean_rouge_l = 0.0;
  if (prompts.empty()) return true;
  double sum = 0.0;
  std::vector<int32_t> a, b;
  for (const auto& prompt : prompts) {
    if (!generate_greedy(model, prompt, steps, &a, error) ||
        !generate_greedy(reference, prompt, steps, &b, error)) {
      return false;
    }
    sum += rouge_l_f1(a, b);
  }
  *mean_rouge_l = sum / static_cast<double>(prompts.size());
  return true;
}

}  // namespace llama
}  // namespace qrt
