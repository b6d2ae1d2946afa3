#include "llama/llama_convert.h"

#include <math.h>
#include <string.h>

#include "blob_writer.h"
#include "llama/llama_calibrate.h"
#include "llama/llama_graph.h"
#include "llama/llama_tokenizer.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace llama {
namespace {

using host::BlobWriter;
using host::TensorSpec;

constexpr double kResidualUnits = 1 << 20;  // residual stream: calibrated max |x| -> 2^20
constexpr double kLogitUnits = 1 << 24;     // logits: calibrated max |logit| -> 2^24
constexpr double kRmsEps = 1e-5;            // run.c's epsilon

struct Multiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

bool make_multiplier(double real, Multiplier* out, std::string* error) {
  return make_llm_multiplier(real, &out->multiplier, &out->shift, error);
}

// Drops trailing absent (-1) optional inputs.
std::vector<int32_t> trim_absent(std::vector<int32_t> inputs) {
  while (!inputs.empty() && inputs.back() < 0) inputs.pop_back();
  return inputs;
}

// Quantized weights as blob tensors: data, group multipliers (group-wise), zero points (asym).
struct WeightTensors {
  QuantizedWeight q;
  int32_t data = -1;
  int32_t group_multipliers = -1;
  int32_t zero_points = -1;
};

class Builder {
 public:
  Builder(const Model& m, const ConvertOptions& o, const ActivationStats* stats, ConvertReport* r)
      : model_(m), options_(o), stats_(stats), report_(r) {}

  bool build(std::vector<uint8_t>* blob, std::string* error);

 private:
  int32_t activation(const std::string& name, qrt_dtype dtype, int32_t count, double scale) {
    TensorSpec t;
    t.name = name;
    t.dtype = dtype;
    t.shape = {count};
    t.quant_kind = QRT_QUANT_PER_TENSOR;
    t.scales = {static_cast<float>(scale)};
    t.zero_points = {0};
    return writer_.add_tensor(std::move(t));
  }

  // Static scale of an activation site from its calibration histogram.
  double site_scale(const std::string& name, ActivationPoint point, int32_t layer, int32_t bits) {
    const AbsHistogram& h = stats_->at(point, layer);
    CalibrationOptions c = options_.calibration;
    c.qmax = bits == 8 ? 127 : 32767;
    if (bits != 8) c.method = kCalibrateMinMax;  // int16 has room for the whole range
    const double clip = calibrate_clip(h, c);
    report_->scales.push_back(ScaleReport{name, bits, h.abs_max, clip});
    return clip / c.qmax;
  }

  // Quantizes one matrix (GPTQ with the Gram matrix of `input` at `layer` when enabled and
  // input is a matrix input, else round to nearest) and adds its tensors.
  bool add_weight(const std::string& name, const std::vector<float>& w, int32_t rows, int32_t cols,
                  int32_t bits, WeightTensors* out, std::string* error,
                  ActivationPoint input = kActPointCount, int32_t layer = -1);
  // MATMUL x -> y with the weights' per-row multipliers for in_scale -> out_scale.
  bool matmul(const WeightTensors& w, int32_t x, double in_scale, int32_t y, double out_scale,
              std::string* error);
  bool rms_norm(const std::vector<float>& weight, int32_t x, int32_t y, double out_scale,
                std::string* error);
  bool rope(int32_t x, double in_scale, int32_t y, double out_scale, std::string* error);

  static qrt_dtype dtype_of_bits(int32_t bits) { return bits == 8 ? QRT_DTYPE_INT8 : QRT_DTYPE_INT16; }

  const Model& model_;
  const ConvertOptions& options_;
  const ActivationStats* stats_;
  ConvertReport* report_;
  BlobWriter writer_;
  int32_t pos_ = -1, table_ = -1;
  double residual_scale_ = 0.0;
};

bool Builder::add_weight(const std::string& name, const std::vector<float>& w, int32_t rows,
                         int32_t cols, int32_t bits, WeightTensors* out, std::string* error,
                         ActivationPoint input, int32_t layer) {
  WeightQuantConfig c = options_.weights;
  c.bits = bits;
  const bool gptq = options_.gptq && input != kActPointCount && !stats_->gram.empty();
  const bool ok =
      gptq ? quantize_weights_gptq(w.data(), rows, cols, c,
                                   stats_->gram[static_cast<size_t>(input)][static_cast<size_t>(layer + 1)],
                                   options_.gptq_damp, &out->q, error)
           : quantize_weights(w.data(), rows, cols, c, &out->q, error);
  if (!ok) {
    *error = name + ": " + *error;
    return false;
  }
  const QuantizedWeight& q = out->q;
  TensorSpec t;
  t.name = name;
  t.dtype = bits == 4 ? QRT_DTYPE_INT4 : QRT_DTYPE_INT8;
  t.kind = format::kTensorConstant;
  t.shape = {rows, cols};
  t.data = q.data;
  t.quant_kind = c.group_size == 0 ? QRT_QUANT_PER_CHANNEL : QRT_QUANT_PER_GROUP;
  t.quant_axis = c.group_size == 0 ? 0 : 1;
  t.group_size = c.group_size;
  t.scales = q.scales;
  t.zero_points = q.zero_points;
  out->data = writer_.add_tensor(std::move(t));
  if (c.group_size != 0) {
    TensorSpec g;
    g.name = name + ".group_multipliers";
    g.dtype = QRT_DTYPE_INT16;
    g.kind = format::kTensorConstant;
    g.shape = {rows, q.groups_per_row};
    g.data.resize(q.group_multipliers.size() * 2);
    memcpy(g.data.data(), q.group_multipliers.data(), g.data.size());
    out->group_multipliers = writer_.add_tensor(std::move(g));
  }
  if (c.asymmetric) {
    TensorSpec z;
    z.name = name + ".zero_points";
    z.dtype = QRT_DTYPE_INT8;
    z.kind = format::kTensorConstant;
    z.shape = {rows, q.groups_per_row};
    for (int32_t v : q.zero_points) z.data.push_back(static_cast<uint8_t>(static_cast<int8_t>(v)));
    out->zero_points = writer_.add_tensor(std::move(z));
  }
  WeightReport r;
  r.name = name;
  r.rows = rows;
  r.cols = cols;
  r.error = weight_error(w.data(), q);
  r.bytes = quantized_weight_bytes(q);
  report_->weights.push_back(r);
  report_->weight_bytes += r.bytes;
  return true;
}

bool Builder::matmul(const WeightTensors& w, int32_t x, double in_scale, int32_t y,
                     double out_scale, std::string* error) {
  const QuantizedWeight& q = w.q;
  std::vector<int32_t> multipliers, shifts;
  for (int32_t r = 0; r < q.rows; ++r) {
    const double unit = q.row_unit[static_cast<size_t>(r)];
    // Per-channel: the row scale; group-wise: the row unit times the kernel's 2^15 rounding.
    const double weight_scale =
        q.group_size == 0 ? unit * q.group_multipliers[static_cast<size_t>(r)] : unit * 32768.0;
    Multiplier m;
    if (!make_multiplier(in_scale * weight_scale / out_scale, &m, error)) return false;
    multipliers.push_back(m.multiplier);
    shifts.push_back(m.shift);
  }
  multipliers.insert(multipliers.end(), shifts.begin(), shifts.end());
  LlmMatMulParams p{q.group_size};
  host::OperatorSpec op;
  op.op_code = kOpMatMul;
  op.inputs = trim_absent({x, w.data, w.group_multipliers, w.zero_points});
  op.outputs = {y};
  op.params = host::params_bytes(p, multipliers);
  writer_.add_operator(std::move(op));
  return true;
}

bool Builder::rms_norm(const std::vector<float>& weight, int32_t x, int32_t y, double out_scale,
                       std::string* error) {
  const auto dim = static_cast<int32_t>(weight.size());
  std::vector<int32_t> multipliers, shifts;
  for (int32_t i = 0; i < dim; ++i) {
    Multiplier m;
    const double real = weight[static_cast<size_t>(i)] * sqrt(static_cast<double>(dim)) /
                        out_scale / 2147483648.0;
    if (!make_multiplier(real, &m, error)) return false;
    multipliers.push_back(m.multiplier);
    shifts.push_back(m.shift);
  }
  multipliers.insert(multipliers.end(), shifts.begin(), shifts.end());
  const double eps = dim * kRmsEps / (residual_scale_ * residual_scale_);
  const auto eps_term = static_cast<uint64_t>(llround(eps));
  LlmRmsNormParams p{static_cast<uint32_t>(eps_term), static_cast<uint32_t>(eps_term >> 32)};
  host::OperatorSpec op;
  op.op_code = kOpRmsNorm;
  op.inputs = {x};
  op.outputs = {y};
  op.params = host::params_bytes(p, multipliers);
  writer_.add_operator(std::move(op));
  return true;
}

bool Builder::rope(int32_t x, double in_scale, int32_t y, double out_scale, std::string* error) {
  Multiplier m;
  if (!make_multiplier(in_scale / out_scale / 16384.0, &m, error)) return false;
  LlmRopeParams p{model_.config.head_size(), m.multiplier, m.shift};
  host::OperatorSpec op;
  op.op_code = kOpRope;
  op.inputs = {x, pos_, table_};
  op.outputs = {y};
  op.params = host::params_bytes(p);
  writer_.add_operator(std::move(op));
  return true;
}

bool Builder::build(std::vector<uint8_t>* blob, std::string* error) {
  const Config& c = model_.config;
  const int32_t dim = c.dim, kv_dim = c.kv_dim(), hidden = c.hidden_dim;
  const int32_t kv_len = options_.kv_len > 0 ? options_.kv_len : c.seq_len;
  const ActivationPlan& plan = options_.plan;
  const int32_t wbits = options_.weights.bits;
  const int32_t ebits = options_.embedding_bits > 0 ? options_.embedding_bits : wbits;

  TensorSpec tok;
  tok.name = "token";
  tok.dtype = QRT_DTYPE_INT32;
  tok.shape = {1};
  const int32_t token = writer_.add_tensor(tok);
  tok.name = "position";
  pos_ = writer_.add_tensor(tok);
  table_ = add_rope_table(&writer_, c, kv_len);

  // The residual stream: one int32 scale for every layer.
  double res_max = max_abs_over_layers(*stats_, kActEmbedding);
  res_max = std::max(res_max, max_abs_over_layers(*stats_, kActResidualAttn));
  res_max = std::max(res_max, max_abs_over_layers(*stats_, kActResidualFfn));
  residual_scale_ = (res_max > 0 ? res_max : 1.0) / kResidualUnits;
  report_->scales.push_back(ScaleReport{"residual", 32, res_max, res_max});

  WeightTensors embedding;
  // Tied with the classifier: GPTQ (when enabled) minimises the classifier's output error, the
  // Hessian being that of the final norm's output.
  if (!add_weight("token_embedding", model_.token_embedding, c.vocab_size, dim, ebits, &embedding,
                  error, c.shared_classifier ? kActFinalNorm : kActPointCount, -1)) {
    return false;
  }
  int32_t x = activation("x.embedding", QRT_DTYPE_INT32, dim, residual_scale_);
  {
    std::vector<int32_t> multipliers, shifts;
    const QuantizedWeight& q = embedding.q;
    for (int32_t r = 0; r < q.rows; ++r) {
      const double unit = q.row_unit[static_cast<size_t>(r)];
      const double s = q.group_size == 0 ? unit * q.group_multipliers[static_cast<size_t>(r)] : unit;
      Multiplier m;
      if (!make_multiplier(s / residual_scale_, &m, error)) return false;
      multipliers.push_back(m.multiplier);
      shifts.push_back(m.shift);
    }
    multipliers.insert(multipliers.end(), shifts.begin(), shifts.end());
    LlmEmbeddingParams p{q.group_size};
    host::OperatorSpec op;
    op.op_code = kOpEmbedding;
    op.inputs = trim_absent({embedding.data, token, embedding.group_multipliers, embedding.zero_points});
    op.outputs = {x};
    op.params = host::params_bytes(p, multipliers);
    writer_.add_operator(std::move(op));
  }

  for (int32_t l = 0; l < c.n_layers; ++l) {
    if (options_.progress) {
      options_.progress(options_.gptq ? "GPTQ" : "quantizing", static_cast<uint64_t>(l),
                        static_cast<uint64_t>(c.n_layers));
    }
    const LayerWeights& lw = model_.layers[static_cast<size_t>(l)];
    const std::string L = "layers." + std::to_string(l) + ".";
    WeightTensors wq, wk, wv, wo, w1, w2, w3;
    if (!add_weight(L + "wq", lw.wq, dim, dim, wbits, &wq, error, kActAttnNorm, l) ||
        !add_weight(L + "wk", lw.wk, kv_dim, dim, wbits, &wk, error, kActAttnNorm, l) ||
        !add_weight(L + "wv", lw.wv, kv_dim, dim, wbits, &wv, error, kActAttnNorm, l) ||
        !add_weight(L + "wo", lw.wo, dim, dim, wbits, &wo, error, kActAttnOut, l) ||
        !add_weight(L + "w1", lw.w1, hidden, dim, wbits, &w1, error, kActFfnNorm, l) ||
        !add_weight(L + "w2", lw.w2, dim, hidden, wbits, &w2, error, kActSwiGlu, l) ||
        !add_weight(L + "w3", lw.w3, hidden, dim, wbits, &w3, error, kActFfnNorm, l)) {
      return false;
    }
    // Attention block.
    const double s_xn = site_scale(L + "attn_norm", kActAttnNorm, l, plan.norm_bits);
    const int32_t xn = activation(L + "attn_norm", dtype_of_bits(plan.norm_bits), dim, s_xn);
    if (!rms_norm(lw.rms_att, x, xn, s_xn, error)) return false;
    const double s_q = site_scale(L + "q", kActQuery, l, plan.qk_bits);
    const double s_k = site_scale(L + "k", kActKey, l, plan.qk_bits);
    const double s_v = site_scale(L + "v", kActValue, l, 8);
    const int32_t q = activation(L + "q", dtype_of_bits(plan.qk_bits), dim, s_q);
    const int32_t k = activation(L + "k", dtype_of_bits(plan.qk_bits), kv_dim, s_k);
    const int32_t v = activation(L + "v", QRT_DTYPE_INT8, kv_dim, s_v);
    if (!matmul(wq, xn, s_xn, q, s_q, error) || !matmul(wk, xn, s_xn, k, s_k, error) ||
        !matmul(wv, xn, s_xn, v, s_v, error)) {
      return false;
    }
    const double s_qr = site_scale(L + "q_rope", kActQueryRope, l, plan.qk_bits);
    const double s_kr = site_scale(L + "k_rope", kActKeyRope, l, plan.key_cache_bits);
    const int32_t qr = activation(L + "q_rope", dtype_of_bits(plan.qk_bits), dim, s_qr);
    const int32_t kr = activation(L + "k_rope", dtype_of_bits(plan.key_cache_bits), kv_dim, s_kr);
    if (!rope(q, s_q, qr, s_qr, error) || !rope(k, s_k, kr, s_kr, error)) return false;
    const int32_t key_cache = add_cache(&writer_, L + "key_cache",
                                        dtype_of_bits(plan.key_cache_bits), kv_len, kv_dim, s_kr);
    const int32_t value_cache = add_cache(&writer_, L + "value_cache", QRT_DTYPE_INT8, kv_len,
                                          kv_dim, s_v);
    const double s_att = site_scale(L + "attn_out", kActAttnOut, l, plan.attn_out_bits);
    const int32_t att = activation(L + "attn_out", dtype_of_bits(plan.attn_out_bits), dim, s_att);
    if (!add_attention(&writer_, c, kv_len, {qr, kr, v, pos_}, {att, key_cache, value_cache},
                       s_qr, s_kr, s_v, s_att, error)) {
      return false;
    }
    const int32_t o = activation(L + "attn_proj", QRT_DTYPE_INT32, dim, residual_scale_);
    if (!matmul(wo, att, s_att, o, residual_scale_, error)) return false;
    x = add_residual(&writer_, L + "x.attn", x, o, dim, residual_scale_);
    // Feed-forward block.
    const double s_xn2 = site_scale(L + "ffn_norm", kActFfnNorm, l, plan.norm_bits);
    const int32_t xn2 = activation(L + "ffn_norm", dtype_of_bits(plan.norm_bits), dim, s_xn2);
    if (!rms_norm(lw.rms_ffn, x, xn2, s_xn2, error)) return false;
    const double s_g = site_scale(L + "gate", kActGate, l, plan.ffn_bits);
    const double s_u = site_scale(L + "up", kActUp, l, plan.ffn_bits);
    const int32_t g = activation(L + "gate", dtype_of_bits(plan.ffn_bits), hidden, s_g);
    const int32_t u = activation(L + "up", dtype_of_bits(plan.ffn_bits), hidden, s_u);
    if (!matmul(w1, xn2, s_xn2, g, s_g, error) || !matmul(w3, xn2, s_xn2, u, s_u, error)) {
      return false;
    }
    const double s_h = site_scale(L + "swiglu", kActSwiGlu, l, plan.ffn_bits);
    const int32_t h = activation(L + "swiglu", dtype_of_bits(plan.ffn_bits), hidden, s_h);
    if (!add_swiglu(&writer_, g, u, h, s_g, s_u, s_h, error)) return false;
    const int32_t f = activation(L + "ffn_out", QRT_DTYPE_INT32, dim, residual_scale_);
    if (!matmul(w2, h, s_h, f, residual_scale_, error)) return false;
    x = add_residual(&writer_, L + "x.ffn", x, f, dim, residual_scale_);
  }

  const double s_final = site_scale("final_norm", kActFinalNorm, -1, plan.final_norm_bits);
  const int32_t xf = activation("final_norm", dtype_of_bits(plan.final_norm_bits), dim, s_final);
  if (!rms_norm(model_.rms_final, x, xf, s_final, error)) return false;
  WeightTensors classifier;
  if (c.shared_classifier) {
    classifier = embedding;  // the same constant tensors, read by both operators
  } else if (!add_weight("classifier", model_.classifier, c.vocab_size, dim, ebits, &classifier,
                         error)) {
    return false;
  }
  const double logit_max = stats_->at(kActLogits, -1).abs_max;
  const double s_logits = (logit_max > 0 ? logit_max : 1.0) / kLogitUnits;
  report_->scales.push_back(ScaleReport{"logits", 32, logit_max, logit_max});
  const int32_t logits = activation("logits", QRT_DTYPE_INT32, c.vocab_size, s_logits);
  if (!matmul(classifier, xf, s_final, logits, s_logits, error)) return false;

  writer_.set_graph_inputs({token, pos_});
  writer_.set_graph_outputs({logits});
  add_common_metadata(&writer_, model_, options_, kv_len);
  add_tokenizer(&writer_, options_.tokenizer);
  host::PlanStats stats;
  if (!writer_.finish(blob, &stats, error)) return false;
  report_->blob_bytes = blob->size();
  return true;
}

}  // namespace

ActivationPlan all_int8_activation_plan() {
  ActivationPlan p;
  p.norm_bits = p.qk_bits = p.key_cache_bits = p.attn_out_bits = p.ffn_bits = p.final_norm_bits = 8;
  return p;
}

bool convert_llama(const Model& model, const std::vector<std::vector<int32_t>>& calibration,
                   const ConvertOptions& options, std::vector<uint8_t>* blob,
                   ConvertReport* report, std::string* error) {
  *report = ConvertReport();
  if (options.float32) return convert_llama_float32(model, options, blob, report, error);
  if (!validate_weight_quant_config(options.weights, error)) return false;
  if (options.embedding_bits != 0 && options.embedding_bits != 8 && options.embedding_bits != 4) {
    *error = "embedding bits must be 8 or 4";
    return false;
  }
  const ActivationPlan& p = options.plan;
  for (int32_t bits : {p.norm_bits, p.qk_bits, p.key_cache_bits, p.attn_out_bits, p.ffn_bits,
                       p.final_norm_bits}) {
    if (bits != 8 && bits != 16) {
      *error = "activation widths must be 8 or 16 bits";
      return false;
    }
  }
  if (options.kv_len < 0 || options.kv_len > model.config.seq_len) {
    *error = "kv_len must be in [1, seq_len] (0 for seq_len)";
    return false;
  }
  ActivationStats stats;
  if (!collect_activation_stats(model, calibration, options.gptq, &stats, error, options.progress)) {
    return false;
  }
  report->calibration_tokens = stats.tokens;
  Builder builder(model, options, &stats, report);
  return builder.build(blob, error);
}

}  // namespace llama
}  // namespace qrt
