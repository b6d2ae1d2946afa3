// llama2.c checkpoints (host-only): the model configuration and float32 weights, read from the
// two file formats llama2.c's export.py writes.
//
//  - v0 "legacy" float32 (run.c): a 28-byte header of 7 int32 {dim, hidden_dim, n_layers,
//    n_heads, n_kv_heads, vocab_size, seq_len}; vocab_size < 0 means the classifier is stored
//    separately at the end, > 0 that it is shared with the token embedding. Then, all float32:
//    token_embedding[vocab][dim], rms_att[L][dim], wq[L][dim][dim], wk[L][kv_dim][dim],
//    wv[L][kv_dim][dim], wo[L][dim][dim], rms_ffn[L][dim], w1[L][hidden][dim],
//    w2[L][dim][hidden], w3[L][hidden][dim], rms_final[dim], two unused RoPE tables
//    (seq_len * head_size / 2 floats each), and wcls[vocab][dim] when not shared.
//  - v2 "ak42" Q8_0 (runq.c): a 256-byte header {u32 magic 0x616b3432, i32 version 2, the 7
//    int32 above, u8 shared_classifier, i32 group_size, zero padding}, the float32 norms
//    (rms_att of every layer, rms_ffn of every layer, rms_final), then each weight tensor as
//    int8 q[n] followed by float32 scale[n / group_size], where the groups run over the tensor
//    flattened per layer (so groups may straddle rows): token_embedding, wq, wk, wv, wo, w1, w2,
//    w3 (each over all layers, layer by layer), then wcls when not shared. Dequantized here to
//    float32 (q * scale), so the rest of qrt sees one weight representation.
//
// Every size is checked against the file length before any read; malformed files return false
// with a message.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_MODEL_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_MODEL_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace llama {

struct Config {
  int32_t dim = 0;         // residual stream width
  int32_t hidden_dim = 0;  // SwiGLU hidden width
  int32_t n_layers = 0;
  int32_t n_heads = 0;     // query heads
  int32_t n_kv_heads = 0;  // key/value heads (grouped-query attention when < n_heads)
  int32_t vocab_size = 0;  // always positive here
  int32_t seq_len = 0;     // longest sequence (KV cache length)
  bool shared_classifier = true;

  int32_t head_size() const { return dim / n_heads; }
  int32_t kv_dim() const { return dim / n_heads * n_kv_heads; }
};

// Float32 weights, row-major [out][in] for every matrix (as run.c's matmul reads them).
struct LayerWeights {
  std::vector<float> rms_att;  // [dim]
  std::vector<float> wq;       // [dim][dim]
  std::vector<float> wk;       // [kv_dim][dim]
  std::vector<float> wv;       // [kv_dim][dim]
  std::vector<float> wo;       // [dim][dim]
  std::vector<float> rms_ffn;  // [dim]
  std::vector<float> w1;       // [hidden][dim]
  std::vector<float> w2;       // [dim][hidden]
  std::vector<float> w3;       // [hidden][dim]
};

struct Model {
  Config config;
  std::vector<float> token_embedding;  // [vocab][dim]
  std::vector<LayerWeights> layers;
  std::vector<float> rms_final;        // [dim]
  std::vector<float> classifier;       // [vocab][dim]; a copy of token_embedding when shared
  int32_t source_version = 0;          // 0 (legacy float32) or 2 (Q8_0)
  int32_t source_group_size = 0;       // Q8_0 group size of a v2 file, else 0
};

// Parses a checkpoint held in memory; the format (v0 or v2) is detected from the first bytes.
bool parse_checkpoint(const uint8_t* bytes, size_t size, Model* model, std::string* error);

// Reads and parses a checkpoint file.
bool load_checkpoint(const std::string& path, Model* model, std::string* error);

// Checks a configuration read from a header: positive sizes within sane limits (each at most
// 2^16, so products fit in int64 and vectors fit in memory), dim divisible by n_heads, n_heads by
// n_kv_heads, an even head size (RoPE rotates pairs).
bool validate_config(const Config& config, std::string* error);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_MODEL_H
