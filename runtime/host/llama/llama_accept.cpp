#include "llama/llama_accept.h"

#include "qrt/accept_metrics.h"
#include "qrt/port.h"

namespace qrt {
namespace llama {
namespace {

// Runs one token and times it with the port counter.
const float* timed_step(BlobLogitSource* m, int32_t token, int32_t pos, std::vector<uint64_t>* cycles,
                        std::string* error) {
  const uint64_t start = qrt_port_cycles();
  const float* logits = m->step(token, pos, error);
  cycles->push_back(qrt_port_cycles() - start);
  return logits;
}

void set_memory(const BlobLogitSource& m, uint64_t* arena, uint64_t* flash) {
  *arena = m.memory().arena_bytes;
  *flash = m.memory().blob_bytes;
}

}  // namespace

bool measure_text_acceptance(BlobLogitSource* model, BlobLogitSource* reference,
                             const std::vector<std::vector<int32_t>>& sequences,
                             TextAcceptance* run, qrt_accept_results* r, std::string* error) {
  if (reference != nullptr && reference->vocab_size() != model->vocab_size()) {
    *error = "the two models have different vocabularies";
    return false;
  }
  const auto vocab = static_cast<uint32_t>(model->vocab_size());
  size_t tokens = 0;
  for (const auto& seq : sequences) {
    const auto n = static_cast<int32_t>(seq.size());
    if (n > model->max_positions() || (reference != nullptr && n > reference->max_positions())) {
      *error = "a sequence is longer than a model's KV cache";
      return false;
    }
    tokens += seq.empty() ? 0 : seq.size() - 1;
  }
  run->kl_values.assign(tokens, 0.0f);
  run->cycles.clear();
  run->float_cycles.clear();
  run->cycles.reserve(tokens);
  run->float_cycles.reserve(tokens);
  qrt_lm_acc acc;
  qrt_lm_acc_init(&acc, run->kl_values.data(), static_cast<uint32_t>(tokens));
  uint32_t done = 0;
  for (const auto& seq : sequences) {
    if (!model->reset(error) || (reference != nullptr && !reference->reset(error))) return false;
    for (size_t p = 0; p + 1 < seq.size(); ++p) {
      const auto pos = static_cast<int32_t>(p);
      const float* lq = timed_step(model, seq[p], pos, &run->cycles, error);
      if (lq == nullptr) return false;
      const float* lf = nullptr;
      if (reference != nullptr) {
        lf = timed_step(reference, seq[p], pos, &run->float_cycles, error);
        if (lf == nullptr) return false;
      }
      if (qrt_lm_add_token_f32(&acc, lq, lf, vocab, seq[p + 1]) != QRT_OK) {
        *error = "token id outside the vocabulary";
        return false;
      }
    }
    if (run->progress) run->progress("evaluating", ++done, sequences.size());
  }
  qrt_lm_stats stats;
  qrt_lm_finish(&acc, &stats);

  r->task = QRT_ACCEPT_TASK_LANGUAGE_MODEL;
  r->samples = static_cast<uint32_t>(tokens);
  r->units = static_cast<uint32_t>(sequences.size());
  r->perplexity = stats.perplexity;
  r->float_perplexity = stats.float_perplexity;
  r->measured |= QRT_MEASURED_PERPLEXITY;
  if (reference != nullptr && tokens > 0) {
    r->kl_mean = stats.kl_mean;
    r->kl_p99 = stats.kl_p99;
    r->agreement = stats.top1_agreement;
    r->measured |= QRT_MEASURED_KL | QRT_MEASURED_AGREEMENT;
  }
  if (!run->cycles.empty()) {
    qrt_accept_latency_stats(run->cycles.data(), run->cycles.size(), &r->latency);
    r->measured |= QRT_MEASURED_LATENCY;
  }
  if (!run->float_cycles.empty()) {
    qrt_accept_latency_stats(run->float_cycles.data(), run->float_cycles.size(), &r->float_latency);
    r->measured |= QRT_MEASURED_FLOAT_LATENCY;
  }
  r->cycles_per_second = qrt_port_cycles_per_second();

  set_memory(*model, &r->arena_bytes, &r->flash_bytes);
  qrt_memory_report used{};
  qrt_session_memory(model->session(), &used);
  r->arena_used_bytes = used.arena_high_water;
  const qrt_memory_report& plan = model->memory();
  r->arena_state_bytes = plan.runtime_state_bytes;
  r->arena_persistent_bytes = plan.persistent_bytes;
  r->arena_activation_bytes = plan.activation_bytes;
  r->arena_scratch_bytes = plan.scratch_bytes;
  r->measured |= QRT_MEASURED_ARENA | QRT_MEASURED_FLASH | QRT_MEASURED_ARENA_CATEGORIES;
  if (reference != nullptr) {
    set_memory(*reference, &r->float_arena_bytes, &r->float_flash_bytes);
    r->measured |= QRT_MEASURED_FLOAT_MEMORY;
  }

  r->model_name = run->model_name.c_str();
  r->float_model_name = reference != nullptr ? run->float_model_name.c_str() : "";
  r->strategy = run->strategy.c_str();
  r->eval_set_name = run->text_name.c_str();
  r->target_name = qrt_port_name();
  return true;
}

}  // namespace llama
}  // namespace qrt
