#include "llama/llama_graph.h"

#include <math.h>
#include <string.h>

#include "llama/llama_tokenizer.h"
#include "multiplier.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace llama {

using host::BlobWriter;
using host::OperatorSpec;
using host::TensorSpec;

bool make_llm_multiplier(double real, int32_t* multiplier, int32_t* shift, std::string* error) {
  if (!isfinite(real)) {
    *error = "non-finite requantization multiplier";
    return false;
  }
  const QuantizedMultiplier q = quantize_multiplier(fabs(real));
  if (q.shift > 30) {
    *error = "requantization multiplier " + std::to_string(real) + " too large";
    return false;
  }
  *multiplier = real < 0 ? -q.multiplier : q.multiplier;
  *shift = q.multiplier == 0 ? 0 : q.shift;
  return true;
}

int32_t add_rope_table(BlobWriter* w, const Config& c, int32_t positions) {
  const int32_t pairs = c.head_size() / 2;
  std::vector<int16_t> table(static_cast<size_t>(positions) * static_cast<size_t>(pairs) * 2);
  for (int32_t p = 0; p < positions; ++p) {
    for (int32_t j = 0; j < pairs; ++j) {
      const double freq = pow(10000.0, -2.0 * j / c.head_size());
      const double angle = p * freq;
      const size_t at = (static_cast<size_t>(p) * static_cast<size_t>(pairs) + static_cast<size_t>(j)) * 2;
      table[at] = static_cast<int16_t>(lround(cos(angle) * 16384.0));
      table[at + 1] = static_cast<int16_t>(lround(sin(angle) * 16384.0));
    }
  }
  TensorSpec t;
  t.name = "rope_table";
  t.dtype = QRT_DTYPE_INT16;
  t.kind = format::kTensorConstant;
  t.shape = {positions, pairs, 2};
  t.data.resize(table.size() * 2);
  memcpy(t.data.data(), table.data(), t.data.size());
  return w->add_tensor(std::move(t));
}

int32_t add_cache(BlobWriter* w, const std::string& name, qrt_dtype dtype, int32_t kv_len,
                  int32_t kv_dim, double scale) {
  TensorSpec t;
  t.name = name;
  t.dtype = dtype;
  t.kind = format::kTensorPersistent;
  t.shape = {kv_len, kv_dim};
  if (scale > 0) {
    t.quant_kind = QRT_QUANT_PER_TENSOR;
    t.scales = {static_cast<float>(scale)};
    t.zero_points = {0};
  }
  return w->add_tensor(std::move(t));
}

bool add_attention(BlobWriter* w, const Config& c, int32_t kv_len,
                   const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
                   double q_scale, double k_scale, double v_scale, double out_scale,
                   std::string* error) {
  const double score_scale = q_scale * k_scale / sqrt(static_cast<double>(c.head_size()));
  LlmAttentionParams p{};
  p.n_heads = c.n_heads;
  p.n_kv_heads = c.n_kv_heads;
  p.head_size = c.head_size();
  p.kv_len = kv_len;
  // Scores 32 (real) or more below the maximum have weight exp(-32) < 2^-46: zero.
  const double limit = ceil(32.0 / score_scale);
  p.diff_min = limit >= 2147483647.0 ? -2147483647 : -static_cast<int32_t>(limit);
  if (!make_llm_multiplier(score_scale * 67108864.0, &p.score_multiplier, &p.score_shift, error) ||
      !make_llm_multiplier(v_scale / out_scale / 8388608.0, &p.out_multiplier, &p.out_shift,
                           error)) {
    return false;
  }
  OperatorSpec op;
  op.op_code = kOpAttention;
  op.inputs = inputs;
  op.outputs = outputs;
  op.params = host::params_bytes(p);
  w->add_operator(std::move(op));
  return true;
}

bool add_swiglu(BlobWriter* w, int32_t gate, int32_t up, int32_t out, double gate_scale,
                double up_scale, double out_scale, std::string* error) {
  LlmSwiGluParams p{};
  if (!make_llm_multiplier(gate_scale * 134217728.0, &p.gate_multiplier, &p.gate_shift, error) ||
      !make_llm_multiplier(gate_scale * up_scale / out_scale, &p.out_multiplier, &p.out_shift,
                           error)) {
    return false;
  }
  OperatorSpec op;
  op.op_code = kOpSwiGlu;
  op.inputs = {gate, up};
  op.outputs = {out};
  op.params = host::params_bytes(p);
  w->add_operator(std::move(op));
  return true;
}

int32_t add_residual(BlobWriter* w, const std::string& name, int32_t x, int32_t y, int32_t dim,
                     double scale) {
  TensorSpec t;
  t.name = name;
  t.dtype = scale > 0 ? QRT_DTYPE_INT32 : QRT_DTYPE_FLOAT32;
  t.shape = {dim};
  if (scale > 0) {
    t.quant_kind = QRT_QUANT_PER_TENSOR;
    t.scales = {static_cast<float>(scale)};
    t.zero_points = {0};
  }
  const int32_t out = w->add_tensor(std::move(t));
  OperatorSpec op;
  op.op_code = kOpResidualAdd;
  op.inputs = {x, y};
  op.outputs = {out};
  w->add_operator(std::move(op));
  return out;
}

void add_common_metadata(BlobWriter* w, const Model& m, const ConvertOptions& o, int32_t kv_len) {
  const Config& c = m.config;
  w->add_metadata("producer", "qrt convert (llama2.c)");
  if (!o.source.empty()) w->add_metadata("source", o.source);
  w->add_metadata(kMetaArchitecture, "llama2c");
  std::string quant = "f32";
  if (!o.float32) {
    quant = std::string(o.weights.bits == 4 ? "w4" : "w8") + " " +
            (o.weights.group_size == 0 ? std::string("channel")
                                       : "g" + std::to_string(o.weights.group_size)) +
            (o.weights.asymmetric ? " asym" : " sym") + (o.weights.mse_clip ? " clip" : "") + (o.gptq ? " gptq" : "") +
            " calib=" + calibration_method_name(o.calibration.method);
    if (o.embedding_bits != 0) quant += " embedding=w" + std::to_string(o.embedding_bits);
    const ActivationPlan& p = o.plan;
    quant += " act=" + std::to_string(p.norm_bits) + "/" + std::to_string(p.qk_bits) + "/" +
             std::to_string(p.attn_out_bits) + "/" + std::to_string(p.ffn_bits) + "/" +
             std::to_string(p.final_norm_bits) + " kv=" + std::to_string(p.key_cache_bits) + "/8";
  }
  w->add_metadata(kMetaQuant, quant);
  w->add_metadata("llama.dim", std::to_string(c.dim));
  w->add_metadata("llama.hidden_dim", std::to_string(c.hidden_dim));
  w->add_metadata("llama.n_layers", std::to_string(c.n_layers));
  w->add_metadata("llama.n_heads", std::to_string(c.n_heads));
  w->add_metadata("llama.n_kv_heads", std::to_string(c.n_kv_heads));
  w->add_metadata("llama.vocab_size", std::to_string(c.vocab_size));
  w->add_metadata("llama.seq_len", std::to_string(c.seq_len));
  w->add_metadata("llama.kv_len", std::to_string(kv_len));
  w->add_metadata(kMetaBosToken, std::to_string(kBosToken));
}

void add_tokenizer(BlobWriter* w, const std::vector<uint8_t>& tokenizer) {
  if (tokenizer.empty()) return;
  TensorSpec t;
  t.name = kTokenizerTensorName;
  t.dtype = QRT_DTYPE_UINT8;
  t.kind = format::kTensorConstant;
  t.shape = {static_cast<int32_t>(tokenizer.size())};
  t.data = tokenizer;
  w->add_tensor(std::move(t));
}

namespace {

int32_t float_activation(BlobWriter* w, const std::string& name, int32_t count) {
  TensorSpec t;
  t.name = name;
  t.dtype = QRT_DTYPE_FLOAT32;
  t.shape = {count};
  return w->add_tensor(std::move(t));
}

int32_t float_constant(BlobWriter* w, const std::string& name, const std::vector<float>& v,
                       std::vector<int32_t> shape, ConvertReport* report) {
  TensorSpec t;
  t.name = name;
  t.dtype = QRT_DTYPE_FLOAT32;
  t.kind = format::kTensorConstant;
  t.shape = std::move(shape);
  t.data.resize(v.size() * 4);
  memcpy(t.data.data(), v.data(), t.data.size());
  report->weight_bytes += static_cast<int64_t>(t.data.size());
  return w->add_tensor(std::move(t));
}

void float_op(BlobWriter* w, uint32_t code, std::vector<int32_t> inputs,
              std::vector<int32_t> outputs, std::vector<uint8_t> params = {}) {
  OperatorSpec op;
  op.op_code = code;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.params = std::move(params);
  w->add_operator(std::move(op));
}

}  // namespace

bool convert_llama_float32(const Model& m, const ConvertOptions& o, std::vector<uint8_t>* blob,
                           ConvertReport* report, std::string* error) {
  const Config& c = m.config;
  const int32_t dim = c.dim, kv_dim = c.kv_dim(), hidden = c.hidden_dim;
  if (o.kv_len < 0 || o.kv_len > c.seq_len) {
    *error = "kv_len must be in [1, seq_len] (0 for seq_len)";
    return false;
  }
  const int32_t kv_len = o.kv_len > 0 ? o.kv_len : c.seq_len;
  BlobWriter w;
  TensorSpec tok;
  tok.name = "token";
  tok.dtype = QRT_DTYPE_INT32;
  tok.shape = {1};
  const int32_t token = w.add_tensor(tok);
  tok.name = "position";
  const int32_t pos = w.add_tensor(tok);
  const std::vector<uint8_t> norm = host::params_bytes(LlmRmsNormF32Params{1e-5f});
  const std::vector<uint8_t> rope = host::params_bytes(LlmRopeF32Params{c.head_size(), 10000.0f});
  const std::vector<uint8_t> attention =
      host::params_bytes(LlmAttentionF32Params{c.n_heads, c.n_kv_heads, c.head_size(), kv_len});

  const int32_t table = float_constant(&w, "token_embedding", m.token_embedding, {c.vocab_size, dim}, report);
  int32_t x = float_activation(&w, "x.embedding", dim);
  float_op(&w, kOpEmbedding, {table, token}, {x});
  for (int32_t l = 0; l < c.n_layers; ++l) {
    const LayerWeights& lw = m.layers[static_cast<size_t>(l)];
    const std::string L = "layers." + std::to_string(l) + ".";
    const int32_t rms_att = float_constant(&w, L + "rms_att", lw.rms_att, {dim}, report);
    const int32_t wq = float_constant(&w, L + "wq", lw.wq, {dim, dim}, report);
    const int32_t wk = float_constant(&w, L + "wk", lw.wk, {kv_dim, dim}, report);
    const int32_t wv = float_constant(&w, L + "wv", lw.wv, {kv_dim, dim}, report);
    const int32_t wo = float_constant(&w, L + "wo", lw.wo, {dim, dim}, report);
    const int32_t rms_ffn = float_constant(&w, L + "rms_ffn", lw.rms_ffn, {dim}, report);
    const int32_t w1 = float_constant(&w, L + "w1", lw.w1, {hidden, dim}, report);
    const int32_t w2 = float_constant(&w, L + "w2", lw.w2, {dim, hidden}, report);
    const int32_t w3 = float_constant(&w, L + "w3", lw.w3, {hidden, dim}, report);
    const int32_t xn = float_activation(&w, L + "attn_norm", dim);
    float_op(&w, kOpRmsNorm, {x, rms_att}, {xn}, norm);
    const int32_t q = float_activation(&w, L + "q", dim);
    const int32_t k = float_activation(&w, L + "k", kv_dim);
    const int32_t v = float_activation(&w, L + "v", kv_dim);
    float_op(&w, kOpMatMul, {xn, wq}, {q});
    float_op(&w, kOpMatMul, {xn, wk}, {k});
    float_op(&w, kOpMatMul, {xn, wv}, {v});
    const int32_t qr = float_activation(&w, L + "q_rope", dim);
    const int32_t kr = float_activation(&w, L + "k_rope", kv_dim);
    float_op(&w, kOpRope, {q, pos}, {qr}, rope);
    float_op(&w, kOpRope, {k, pos}, {kr}, rope);
    const int32_t key_cache = add_cache(&w, L + "key_cache", QRT_DTYPE_FLOAT32, kv_len, kv_dim, 0);
    const int32_t value_cache = add_cache(&w, L + "value_cache", QRT_DTYPE_FLOAT32, kv_len, kv_dim, 0);
    const int32_t att = float_activation(&w, L + "attn_out", dim);
    float_op(&w, kOpAttention, {qr, kr, v, pos}, {att, key_cache, value_cache}, attention);
    const int32_t proj = float_activation(&w, L + "attn_proj", dim);
    float_op(&w, kOpMatMul, {att, wo}, {proj});
    x = add_residual(&w, L + "x.attn", x, proj, dim, 0);
    const int32_t xn2 = float_activation(&w, L + "ffn_norm", dim);
    float_op(&w, kOpRmsNorm, {x, rms_ffn}, {xn2}, norm);
    const int32_t g = float_activation(&w, L + "gate", hidden);
    const int32_t u = float_activation(&w, L + "up", hidden);
    float_op(&w, kOpMatMul, {xn2, w1}, {g});
    float_op(&w, kOpMatMul, {xn2, w3}, {u});
    const int32_t h = float_activation(&w, L + "swiglu", hidden);
    float_op(&w, kOpSwiGlu, {g, u}, {h});
    const int32_t f = float_activation(&w, L + "ffn_out", dim);
    float_op(&w, kOpMatMul, {h, w2}, {f});
    x = add_residual(&w, L + "x.ffn", x, f, dim, 0);
  }
  const int32_t rms_final = float_constant(&w, "rms_final", m.rms_final, {dim}, report);
  const int32_t xf = float_activation(&w, "final_norm", dim);
  float_op(&w, kOpRmsNorm, {x, rms_final}, {xf}, norm);
  const int32_t classifier =
      c.shared_classifier ? table
                          : float_constant(&w, "classifier", m.classifier, {c.vocab_size, dim}, report);
  const int32_t logits = float_activation(&w, "logits", c.vocab_size);
  float_op(&w, kOpMatMul, {xf, classifier}, {logits});
  w.set_graph_inputs({token, pos});
  w.set_graph_outputs({logits});
  add_common_metadata(&w, m, o, kv_len);
  add_tokenizer(&w, o.tokenizer);
  host::PlanStats stats;
  if (!w.finish(blob, &stats, error)) return false;
  report->blob_bytes = blob->size();
  return true;
}

}  // namespace llama
}  // namespace qrt
