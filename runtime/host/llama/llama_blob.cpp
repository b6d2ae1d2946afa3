#include "llama/llama_blob.h"

#include <stdlib.h>
#include <string.h>

#include "file_io.h"
#include "llama/llama_convert.h"

namespace qrt {
namespace llama {

bool BlobLogitSource::open_file(const std::string& path, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!host::read_file_bytes(path, &bytes, error, host::kMaxBlobFileBytes)) return false;
  if (!open(bytes, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

bool BlobLogitSource::open(const std::vector<uint8_t>& blob, std::string* error,
                           const qrt_observer* observer) {
  if (!host::load_model_bytes(blob, &model_, error)) return false;
  qrt_options options{};
  options.observer = observer;
  if (!session_.open(model_, &options, error)) return false;
  qrt_session* s = session_.get();
  if (qrt_session_input_count(s) != 2 || qrt_session_output_count(s) != 1) {
    *error = "not a llama blob: expected inputs (token, position) and one output (logits)";
    return false;
  }
  for (int32_t i = 0; i < 2; ++i) {
    const qrt_tensor_view in = session_.input(i);
    if (in.dtype != QRT_DTYPE_INT32 || in.bytes != 4) {
      *error = "not a llama blob: token and position must be int32 [1]";
      return false;
    }
  }
  const qrt_tensor_view out = session_.output(0);
  if (out.dtype == QRT_DTYPE_INT32) {
    if (out.quant.kind != QRT_QUANT_PER_TENSOR || out.quant.count != 1) {
      *error = "int32 logits need a per-tensor scale";
      return false;
    }
    logit_scale_ = out.quant.scales[0];
  } else if (out.dtype != QRT_DTYPE_FLOAT32) {
    *error = "logits must be int32 or float32";
    return false;
  }
  vocab_size_ = static_cast<int32_t>(out.bytes / 4);
  const std::string kv = metadata("llama.kv_len");
  kv_len_ = kv.empty() ? 0 : atoi(kv.c_str());
  if (kv_len_ <= 0) {
    *error = "llama blob without a valid llama.kv_len metadata entry";
    return false;
  }
  logits_.assign(static_cast<size_t>(vocab_size_), 0.0f);
  weight_bytes_ = model_.plan.constant_bytes;
  for (int32_t t = 0; t < qrt_session_tensor_count(s); ++t) {
    qrt_tensor_view v{};
    qrt_session_tensor(s, t, &v);
    if (strcmp(v.name, kTokenizerTensorName) == 0) {
      tokenizer_tensor_ = t;
      weight_bytes_ -= v.bytes;
    }
  }
  return true;
}

bool BlobLogitSource::reset(std::string* error) {
  const qrt_status s = qrt_session_reset_state(session_.get());
  if (s != QRT_OK) {
    *error = qrt_status_str(s);
    return false;
  }
  return true;
}

const float* BlobLogitSource::step(int32_t token, int32_t pos, std::string* error) {
  const qrt_tensor_view tok = session_.input(0);
  const qrt_tensor_view position = session_.input(1);
  memcpy(tok.data, &token, 4);
  memcpy(position.data, &pos, 4);
  if (!session_.invoke(error)) return nullptr;
  const qrt_tensor_view out = session_.output(0);
  if (logit_scale_ > 0.0f) {
    const auto* q = static_cast<const int32_t*>(out.data);
    for (int32_t i = 0; i < vocab_size_; ++i) {
      logits_[static_cast<size_t>(i)] = logit_scale_ * static_cast<float>(q[i]);
    }
  } else {
    memcpy(logits_.data(), out.data, logits_.size() * 4);
  }
  return logits_.data();
}

std::string BlobLogitSource::metadata(const std::string& key) const {
  const char* value = nullptr;
  if (qrt_blob_metadata(model_.blob.data(), model_.blob.size(), key.c_str(), &value) != QRT_OK ||
      value == nullptr) {
    return std::string();
  }
  return value;
}

bool BlobLogitSource::tokenizer(Tokenizer* tokenizer, std::string* error) const {
  if (tokenizer_tensor_ < 0) {
    *error = "the blob holds no tokenizer (convert with --tokenizer)";
    return false;
  }
  qrt_tensor_view v{};
  qrt_session_tensor(session_.get(), tokenizer_tensor_, &v);
  return parse_tokenizer(static_cast<const uint8_t*>(v.data), v.bytes, vocab_size_, tokenizer,
                         error);
}

bool open_float_reference(const Model& model, BlobLogitSource* source, std::string* error,
                          const qrt_observer* observer) {
  ConvertOptions options;
  options.float32 = true;
  ConvertReport report;
  std::vector<uint8_t> blob;
  if (!convert_llama(model, {}, options, &blob, &report, error)) return false;
  return source->open(blob, error, observer);
}

}  // namespace llama
}  // namespace qrt
