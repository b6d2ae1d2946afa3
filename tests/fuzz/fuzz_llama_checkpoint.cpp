// libFuzzer target: the llama2.c checkpoint reader (v0 float32 and v2 "ak42" Q8_0). Any input is
// either a model whose tensor sizes match its configuration or a one-line error; never a crash,
// an out-of-bounds read, an overflow in the size arithmetic or an allocation the file cannot back.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <string>

#include "llama/llama_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qrt::llama::Model model;
  std::string error;
  if (!qrt::llama::parse_checkpoint(data, size, &model, &error)) {
    if (error.empty()) abort();
    return 0;
  }
  const qrt::llama::Config& c = model.config;
  const size_t dim = static_cast<size_t>(c.dim), vocab = static_cast<size_t>(c.vocab_size);
  if (model.token_embedding.size() != vocab * dim) abort();
  return 0;
}
