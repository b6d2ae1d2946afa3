// The host's expected results of a llama blob, for tests that prove a device computes the same
// (host-only): `qrt trace` writes them to a text file that tests/ports/test_llama_parity.cpp
// reads on every target.
//
// What is recorded, all from the blob run through the C API (BlobLogitSource):
//   - greedy ids: `qrt generate`'s continuation of a prompt (llama::generate_greedy);
//   - per sequence ([BOS] + encode(paragraph), truncated to the KV length, KV cache reset per
//     sequence, as `qrt perplexity`): the token ids, the NLL of every predicted token, and an
//     FNV-1a 64 hash of every position's raw logits (4 bytes each, little-endian), so equal
//     hashes mean bit-identical integer logits;
//   - the summed NLL in order (a plain double sum).
// NLLs use qrt::neg_log_softmax_f64 (qrt/ops/math_f64.h: portable exp/log, IEEE +-*/ only) on
// the logits as `qrt perplexity` dequantizes them (float scale * float q), so a device with the
// same logits computes the same bits, whatever its libm. They differ from `qrt perplexity`'s
// glibc-based values by a few ulp (tests/golden/test_llama_parity_trace.cpp).
//
// File format (version 1), one record per line, numbers separated by single spaces:
//   qrt-llama-trace 1
//   # comment lines
//   vocab V
//   positions P                 (KV length: the longest sequence the blob runs)
//   logit_scale XXXXXXXX        (IEEE-754 bits of the float logit scale in hex; 0 = float logits)
//   prompt N id...
//   generated N id...
//   sequence N id...            (then, for it:)
//   nll N-1 XXXXXXXXXXXXXXXX... (IEEE-754 bits of each double NLL in hex, 16 digits)
//   logits_fnv1a XXXXXXXXXXXXXXXX
//   total_nll COUNT XXXXXXXXXXXXXXXX DECIMAL   (count of predicted tokens, bits, %.17g)
//   end
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_PARITY_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_PARITY_H

#include <stdint.h>

#include <string>
#include <vector>

#include "llama/llama_blob.h"

namespace qrt {
namespace llama {

struct ParitySequence {
  std::vector<int32_t> tokens;
  std::vector<double> nll;     // tokens.size() - 1 values: NLL of tokens[i + 1] after tokens[0..i]
  uint64_t logits_fnv1a = 0;   // over every position's raw logits, in order
};

struct ParityTrace {
  std::string model;           // a label for the comment line (path and quantization)
  int32_t vocab = 0;
  int32_t positions = 0;
  uint32_t logit_scale_bits = 0;
  std::vector<int32_t> prompt;
  std::vector<int32_t> generated;
  std::vector<ParitySequence> sequences;
  int64_t predicted_tokens = 0;
  double total_nll = 0.0;
};

// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) continued from `hash` over
// `bytes` bytes.
uint64_t fnv1a64(uint64_t hash, const void* bytes, size_t count);
constexpr uint64_t kFnv1a64Basis = 0xcbf29ce484222325ull;

// Runs the blob: greedy continuation of `prompt` (starting with BOS) for up to `steps` tokens,
// then every sequence. Fails when a sequence or the prompt is longer than the KV cache.
bool compute_parity_trace(BlobLogitSource* model, const std::vector<int32_t>& prompt,
                          int32_t steps, const std::vector<std::vector<int32_t>>& sequences,
                          ParityTrace* trace, std::string* error);

// The trace as the text file above.
std::string format_parity_trace(const ParityTrace& trace);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_PARITY_H
