// A converted llama .qrt blob run through the C API (host-only): a LogitSource for the
// evaluation metrics of llama_eval.h, plus the tokenizer and metadata the converter stored in it.
// The float32 reference of every metric and of calibration is such a blob too
// (open_float_reference): the same float32 operators a device runs, no second forward pass.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_BLOB_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_BLOB_H

#include <stdint.h>

#include <string>
#include <vector>

#include "llama/llama_eval.h"
#include "llama/llama_model.h"
#include "llama/llama_tokenizer.h"
#include "model_file.h"

namespace qrt {
namespace llama {

class BlobLogitSource : public LogitSource {
 public:
  // Validates the blob, checks its graph (inputs token and position int32 [1], output logits
  // int32 with a per-tensor scale or float32) and opens a session with an exactly-sized arena.
  // `observer` (optional, outliving the source) hears every operator of every step.
  bool open(const std::vector<uint8_t>& blob, std::string* error,
            const qrt_observer* observer = nullptr);
  bool open_file(const std::string& path, std::string* error);

  int32_t vocab_size() const override { return vocab_size_; }
  int32_t max_positions() const override { return kv_len_; }
  bool reset(std::string* error) override;
  const float* step(int32_t token, int32_t pos, std::string* error) override;

  // The memory plan (arena bytes by category, constant bytes, blob bytes).
  const qrt_memory_report& memory() const { return model_.plan; }
  // A metadata value, or "" when absent.
  std::string metadata(const std::string& key) const;
  // The tokenizer stored in the blob ("tokenizer" constant); false when there is none.
  bool tokenizer(Tokenizer* tokenizer, std::string* error) const;
  // Bytes of constant tensors other than the stored tokenizer (the weights and their tables).
  size_t weight_bytes() const { return weight_bytes_; }
  // Operators run per token and the session, for profiling.
  qrt_session* session() const { return session_.get(); }

 private:
  host::ModelFile model_;
  host::HostSession session_;
  int32_t vocab_size_ = 0;
  int32_t kv_len_ = 0;
  float logit_scale_ = 0.0f;  // 0: float32 logits
  size_t weight_bytes_ = 0;
  int32_t tokenizer_tensor_ = -1;
  std::vector<float> logits_;
};

// The float32 reference of `model`: converted to a float32 blob in memory (convert_llama with
// float32, run.c's arithmetic operation for operation) and opened in `source`, with `observer`.
bool open_float_reference(const Model& model, BlobLogitSource* source, std::string* error,
                          const qrt_observer* observer = nullptr);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_BLOB_H
