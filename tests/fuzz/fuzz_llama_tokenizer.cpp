// libFuzzer target: the llama2.c tokenizer file reader and encode/decode. Input layout: a u16
// vocabulary size, a u16 text length, that many text bytes, then the tokenizer file. A tokenizer
// that parses must encode any text without crashing (ids in range) and decode what it encoded.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include "llama/llama_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const int32_t vocab = data[0] | (data[1] << 8);
  const size_t text_len = static_cast<size_t>(data[2] | (data[3] << 8));
  if (4 + text_len > size) return 0;
  const std::string text(reinterpret_cast<const char*>(data + 4), text_len);
  qrt::llama::Tokenizer t;
  std::string error;
  if (!qrt::llama::parse_tokenizer(data + 4 + text_len, size - 4 - text_len, vocab, &t, &error)) {
    if (error.empty()) abort();
    return 0;
  }
  std::vector<int32_t> ids;
  if (!qrt::llama::encode(t, text, true, true, &ids, &error)) return 0;
  for (int32_t id : ids) {
    if (id < 0 || id >= t.vocab_size()) abort();
  }
  (void)qrt::llama::decode(t, ids, qrt::llama::kBosToken);
  return 0;
}
