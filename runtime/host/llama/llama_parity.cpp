// Built with -ffp-contract=off (runtime/host/CMakeLists.txt): the NLLs must have the bits a
// device computes with the same code (qrt/ops/math_f64.h).
#include "llama/llama_parity.h"

#include <stdio.h>
#include <string.h>

#include "llama/llama_eval.h"
#include "qrt/ops/math_f64.h"

namespace qrt {
namespace llama {
namespace {

void append_ids(std::string* out, const char* key, const std::vector<int32_t>& ids) {
  *out += key;
  *out += " " + std::to_string(ids.size());
  for (int32_t id : ids) *out += " " + std::to_string(id);
  *out += "\n";
}

std::string hex64(uint64_t v) {
  char buf[24];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string double_bits(double v) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  return hex64(bits);
}

}  // namespace

uint64_t fnv1a64(uint64_t hash, const void* bytes, size_t count) {
  const auto* p = static_cast<const uint8_t*>(bytes);
  for (size_t i = 0; i < count; ++i) {
    hash ^= p[i];
    hash *= 0x100000001b3ull;
  }
  return hash;
}

bool compute_parity_trace(BlobLogitSource* model, const std::vector<int32_t>& prompt,
                          int32_t steps, const std::vector<std::vector<int32_t>>& sequences,
                          ParityTrace* trace, std::string* error) {
  trace->vocab = model->vocab_size();
  trace->positions = model->max_positions();
  qrt_tensor_view out{};
  if (qrt_session_output(model->session(), 0, &out) != QRT_OK) {
    *error = "the blob has no output";
    return false;
  }
  const float scale = out.dtype == QRT_DTYPE_INT32 ? out.quant.scales[0] : 0.0f;
  memcpy(&trace->logit_scale_bits, &scale, 4);
  trace->prompt = prompt;
  if (!generate_greedy(model, prompt, steps, &trace->generated, error)) return false;
  const auto vocab = static_cast<uint32_t>(trace->vocab);
  trace->sequences.clear();
  trace->predicted_tokens = 0;
  trace->total_nll = 0.0;
  for (const std::vector<int32_t>& seq : sequences) {
    if (static_cast<int32_t>(seq.size()) > trace->positions) {
      *error = "a sequence is longer than the model's KV cache";
      return false;
    }
    ParitySequence s;
    s.tokens = seq;
    s.logits_fnv1a = kFnv1a64Basis;
    if (!model->reset(error)) return false;
    for (size_t p = 0; p + 1 < seq.size(); ++p) {
      const float* logits = model->step(seq[p], static_cast<int32_t>(p), error);
      if (logits == nullptr) return false;
      // The raw output (int32 or float32 logits) as the device sees it.
      qrt_session_output(model->session(), 0, &out);
      s.logits_fnv1a = fnv1a64(s.logits_fnv1a, out.data, out.bytes);
      const auto target = static_cast<uint32_t>(seq[p + 1]);
      if (target >= vocab) {
        *error = "token id outside the vocabulary";
        return false;
      }
      const double nll = neg_log_softmax_f64(logits, vocab, target);
      s.nll.push_back(nll);
      trace->total_nll += nll;
      ++trace->predicted_tokens;
    }
    trace->sequences.push_back(std::move(s));
  }
  return true;
}

std::string format_parity_trace(const ParityTrace& t) {
  std::string out = "qrt-llama-trace 1\n";
  out += "# model: " + t.model + "\n";
  out += "# greedy ids from the prompt (qrt generate); per sequence ([BOS] + encode(paragraph), "
         "truncated to the KV length, cache reset per sequence): the NLL of each next token "
         "(qrt/ops/math_f64.h, IEEE-754 bits in hex) and FNV-1a 64 of every position's raw "
         "logits. Written by `qrt trace` (runtime/host/llama/llama_parity.h).\n";
  out += "vocab " + std::to_string(t.vocab) + "\n";
  out += "positions " + std::to_string(t.positions) + "\n";
  char scale[16];
  snprintf(scale, sizeof scale, "%08x", t.logit_scale_bits);
  out += std::string("logit_scale ") + scale + "\n";
  append_ids(&out, "prompt", t.prompt);
  append_ids(&out, "generated", t.generated);
  for (const ParitySequence& s : t.sequences) {
    append_ids(&out, "sequence", s.tokens);
    out += "nll " + std::to_string(s.nll.size());
    for (double v : s.nll) out += " " + double_bits(v);
    out += "\nlogits_fnv1a " + hex64(s.logits_fnv1a) + "\n";
  }
  char total[64];
  snprintf(total, sizeof total, "%.17g", t.total_nll);
  out += "total_nll " + std::to_string(t.predicted_tokens) + " " + double_bits(t.total_nll) + " " +
         total + "\nend\n";
  return out;
}

}  // namespace llama
}  // namespace qrt
