#include "llama/llama_model.h"
#include "file_io.h"

#include <math.h>
#include <string.h>


namespace qrt {
namespace llama {
namespace {

constexpr uint32_t kMagicAk42 = 0x616b3432u;  // "ak42" as a little-endian u32
constexpr size_t kLegacyHeaderBytes = 28;
constexpr size_t kV2HeaderBytes = 256;
constexpr int32_t kMaxDimension = 1 << 16;

// A bounds-checked little-endian reader over the file bytes.
class Reader {
 public:
  Reader(const uint8_t* bytes, size_t size) : bytes_(bytes), size_(size) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  void seek(size_t pos) { pos_ = pos; }

  bool i32(int32_t* out) {
    if (remaining() < 4) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(bytes_[pos_ + i]) << (8 * i);
    *out = static_cast<int32_t>(v);
    pos_ += 4;
    return true;
  }
  bool u8(uint8_t* out) {
    if (remaining() < 1) return false;
    *out = bytes_[pos_++];
    return true;
  }
  // n float32 values into out (resized).
  bool floats(size_t n, std::vector<float>* out) {
    if (n > remaining() / 4) return false;
    out->resize(n);
    if (n > 0) memcpy(out->data(), bytes_ + pos_, n * 4);
    pos_ += n * 4;
    return true;
  }
  bool skip(size_t n) {
    if (n > remaining()) return false;
    pos_ += n;
    return true;
  }
  const uint8_t* here() const { return bytes_ + pos_; }

 private:
  const uint8_t* bytes_;
  size_t size_;
  size_t pos_ = 0;
};

bool fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

bool read_config_fields(Reader* r, Config* c) {
  return r->i32(&c->dim) && r->i32(&c->hidden_dim) && r->i32(&c->n_layers) &&
         r->i32(&c->n_heads) && r->i32(&c->n_kv_heads) && r->i32(&c->vocab_size) &&
         r->i32(&c->seq_len);
}

size_t usize(int32_t v) { return static_cast<size_t>(v); }

// Reads `count` consecutive per-layer float tensors of `n` values into layer field `field`.
bool read_layer_floats(Reader* r, Model* m, size_t n, std::vector<float> LayerWeights::*field) {
  for (auto& layer : m->layers) {
    if (!r->floats(n, &(layer.*field))) return false;
  }
  return true;
}

bool parse_legacy(const uint8_t* bytes, size_t size, Model* m, std::string* error) {
  Reader r(bytes, size);
  Config& c = m->config;
  if (!read_config_fields(&r, &c)) return fail(error, "llama2.c v0: file shorter than its header");
  c.shared_classifier = c.vocab_size > 0;
  // A negative vocab_size flags a separate classifier; INT32_MIN has no positive counterpart.
  if (c.vocab_size == INT32_MIN) return fail(error, "llama2.c v0: vocab_size out of range");
  if (c.vocab_size < 0) c.vocab_size = -c.vocab_size;
  if (!validate_config(c, error)) return false;
  const size_t dim = usize(c.dim), hidden = usize(c.hidden_dim), kv = usize(c.kv_dim());
  const size_t vocab = usize(c.vocab_size), layers = usize(c.n_layers);
  const size_t rope_floats = usize(c.seq_len) * usize(c.head_size()) / 2;
  size_t expected = vocab * dim + layers * (2 * dim + 2 * dim * dim + 2 * kv * dim +
                                            3 * hidden * dim) +
                    dim + 2 * rope_floats;
  if (!c.shared_classifier) expected += vocab * dim;
  expected = kLegacyHeaderBytes + expected * 4;
  if (size != expected) {
    return fail(error, "llama2.c v0: file has " + std::to_string(size) + " bytes, the header (dim " +
                           std::to_string(c.dim) + ", " + std::to_string(c.n_layers) +
                           " layers) implies " + std::to_string(expected));
  }
  m->layers.assign(layers, LayerWeights());
  bool ok = r.floats(vocab * dim, &m->token_embedding) &&
            read_layer_floats(&r, m, dim, &LayerWeights::rms_att) &&
            read_layer_floats(&r, m, dim * dim, &LayerWeights::wq) &&
            read_layer_floats(&r, m, kv * dim, &LayerWeights::wk) &&
            read_layer_floats(&r, m, kv * dim, &LayerWeights::wv) &&
            read_layer_floats(&r, m, dim * dim, &LayerWeights::wo) &&
            read_layer_floats(&r, m, dim, &LayerWeights::rms_ffn) &&
            read_layer_floats(&r, m, hidden * dim, &LayerWeights::w1) &&
            read_layer_floats(&r, m, dim * hidden, &LayerWeights::w2) &&
            read_layer_floats(&r, m, hidden * dim, &LayerWeights::w3) &&
            r.floats(dim, &m->rms_final) && r.skip(2 * rope_floats * 4);
  if (ok) {
    if (c.shared_classifier) {
      m->classifier = m->token_embedding;
    } else {
      ok = r.floats(vocab * dim, &m->classifier);
    }
  }
  if (!ok) return fail(error, "llama2.c v0: truncated weights");
  m->source_version = 0;
  m->source_group_size = 0;
  return true;
}

// One Q8_0 tensor of n values: int8 q[n] then float scale[n / group].
bool read_q80(Reader* r, size_t n, size_t group, std::vector<float>* out) {
  if (n % group != 0) return false;
  if (n > r->remaining()) return false;
  const auto* q = reinterpret_cast<const int8_t*>(r->here());
  r->skip(n);
  std::vector<float> scales;
  if (!r->floats(n / group, &scales)) return false;
  out->resize(n);
  for (size_t i = 0; i < n; ++i) (*out)[i] = static_cast<float>(q[i]) * scales[i / group];
  return true;
}

bool read_layer_q80(Reader* r, Model* m, size_t n, size_t group,
                    std::vector<float> LayerWeights::*field) {
  for (auto& layer : m->layers) {
    if (!read_q80(r, n, group, &(layer.*field))) return false;
  }
  return true;
}

bool parse_v2(const uint8_t* bytes, size_t size, Model* m, std::string* error) {
  Reader r(bytes, size);
  int32_t magic = 0, version = 0;
  if (size < kV2HeaderBytes) return fail(error, "llama2.c v2: file shorter than its 256-byte header");
  r.i32(&magic);
  r.i32(&version);
  if (version != 2) {
    return fail(error, "llama2.c ak42 file version " + std::to_string(version) +
                           " is not supported (only 2, Q8_0)");
  }
  Config& c = m->config;
  uint8_t shared = 0;
  int32_t group = 0;
  read_config_fields(&r, &c);
  r.u8(&shared);
  r.i32(&group);
  if (shared > 1) return fail(error, "llama2.c v2: shared_classifier flag must be 0 or 1");
  c.shared_classifier = shared == 1;
  if (c.vocab_size == INT32_MIN) return fail(error, "llama2.c v2: vocab_size out of range");
  if (c.vocab_size < 0) c.vocab_size = -c.vocab_size;
  if (!validate_config(c, error)) return false;
  if (group <= 0 || group > kMaxDimension) {
    return fail(error, "llama2.c v2: group size " + std::to_string(group) + " out of range");
  }
  const size_t dim = usize(c.dim), hidden = usize(c.hidden_dim), kv = usize(c.kv_dim());
  const size_t vocab = usize(c.vocab_size), layers = usize(c.n_layers), g = usize(group);
  // Expected size: norms, then q bytes + 4 bytes per group for every quantized tensor.
  const size_t norm_floats = layers * 2 * dim + dim;
  size_t tensors[8] = {vocab * dim, dim * dim, kv * dim, kv * dim, dim * dim, hidden * dim,
                       dim * hidden, hidden * dim};
  size_t expected = kV2HeaderBytes + norm_floats * 4;
  for (int i = 0; i < 8; ++i) {
    const size_t n = tensors[i];
    if (n % g != 0) {
      return fail(error, "llama2.c v2: a weight tensor of " + std::to_string(n) +
                             " values is not a multiple of group size " + std::to_string(group));
    }
    const size_t copies = i == 0 ? 1 : layers;
    expected += copies * (n + n / g * 4);
  }
  if (!c.shared_classifier) expected += vocab * dim + vocab * dim / g * 4;
  if (size != expected) {
    return fail(error, "llama2.c v2: file has " + std::to_string(size) +
                           " bytes, the header implies " + std::to_string(expected));
  }
  r.seek(kV2HeaderBytes);
  m->layers.assign(layers, LayerWeights());
  bool ok = read_layer_floats(&r, m, dim, &LayerWeights::rms_att) &&
            read_layer_floats(&r, m, dim, &LayerWeights::rms_ffn) &&
            r.floats(dim, &m->rms_final) && read_q80(&r, vocab * dim, g, &m->token_embedding) &&
            read_layer_q80(&r, m, dim * dim, g, &LayerWeights::wq) &&
            read_layer_q80(&r, m, kv * dim, g, &LayerWeights::wk) &&
            read_layer_q80(&r, m, kv * dim, g, &LayerWeights::wv) &&
            read_layer_q80(&r, m, dim * dim, g, &LayerWeights::wo) &&
            read_layer_q80(&r, m, hidden * dim, g, &LayerWeights::w1) &&
            read_layer_q80(&r, m, dim * hidden, g, &LayerWeights::w2) &&
            read_layer_q80(&r, m, hidden * dim, g, &LayerWeights::w3);
  if (ok) {
    if (c.shared_classifier) {
      m->classifier = m->token_embedding;
    } else {
      ok = read_q80(&r, vocab * dim, g, &m->classifier);
    }
  }
  if (!ok) return fail(error, "llama2.c v2: truncated weights");
  m->source_version = 2;
  m->source_group_size = group;
  return true;
}

bool all_finite(const std::vector<float>& v) {
  for (float x : v) {
    if (!isfinite(x)) return false;
  }
  return true;
}

bool check_finite(const Model& m, std::string* error) {
  bool ok = all_finite(m.token_embedding) && all_finite(m.rms_final) && all_finite(m.classifier);
  for (const auto& l : m.layers) {
    ok = ok && all_finite(l.rms_att) && all_finite(l.wq) && all_finite(l.wk) &&
         all_finite(l.wv) && all_finite(l.wo) && all_finite(l.rms_ffn) && all_finite(l.w1) &&
         all_finite(l.w2) && all_finite(l.w3);
  }
  return ok ? true : fail(error, "llama2.c checkpoint: a weight is NaN or infinite");
}

}  // namespace

bool validate_config(const Config& c, std::string* error) {
  const int32_t fields[7] = {c.dim, c.hidden_dim, c.n_layers, c.n_heads,
                             c.n_kv_heads, c.vocab_size, c.seq_len};
  const char* names[7] = {"dim", "hidden_dim", "n_layers", "n_heads",
                          "n_kv_heads", "vocab_size", "seq_len"};
  for (int i = 0; i < 7; ++i) {
    if (fields[i] <= 0 || fields[i] > kMaxDimension) {
      return fail(error, std::string("llama2.c header: ") + names[i] + " = " +
                             std::to_string(fields[i]) + " is out of range [1, 65536]");
    }
  }
  if (c.dim % c.n_heads != 0) return fail(error, "llama2.c header: dim not divisible by n_heads");
  if (c.n_kv_heads > c.n_heads || c.n_heads % c.n_kv_heads != 0) {
    return fail(error, "llama2.c header: n_heads must be a multiple of n_kv_heads");
  }
  if (c.head_size() % 2 != 0) return fail(error, "llama2.c header: head size must be even (RoPE)");
  return true;
}

bool parse_checkpoint(const uint8_t* bytes, size_t size, Model* model, std::string* error) {
  *model = Model();
  bool ok;
  if (size >= 4 && bytes[0] == (kMagicAk42 & 0xff) && bytes[1] == ((kMagicAk42 >> 8) & 0xff) &&
      bytes[2] == ((kMagicAk42 >> 16) & 0xff) && bytes[3] == (kMagicAk42 >> 24)) {
    ok = parse_v2(bytes, size, model, error);
  } else if (size >= kLegacyHeaderBytes) {
    ok = parse_legacy(bytes, size, model, error);
  } else {
    ok = fail(error, "llama2.c checkpoint: file too short (" + std::to_string(size) + " bytes)");
  }
  return ok && check_finite(*model, error);
}

bool load_checkpoint(const std::string& path, Model* model, std::string* error) {
  std::vector<uint8_t> bytes;
  std::string why;
  if (!host::read_file_bytes(path, &bytes, &why, host::kMaxCheckpointFileBytes)) return fail(error, why);
  if (!parse_checkpoint(bytes.data(), bytes.size(), model, error)) {
    if (error != nullptr) *error = path + ": " + *error;
    return false;
  }
  return true;
}

}  // namespace llama
}  // namespace qrt
