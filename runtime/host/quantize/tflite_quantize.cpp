#include "tflite_quantize.h"

#include <math.h>

#include <algorithm>
#include <cstdio>
#include <deque>

#include "quantize/layer_hessian.h"
#include "tflite_calibrate.h"
#include "tflite_import.h"
#include "quantize/weight_layout.h"

namespace qrt {
namespace host {
namespace {

// TFLite tensors whose integer parameters must be equal (one set of bytes read as the other).
class Ties {
 public:
  explicit Ties(size_t n) : parent_(n) {
    for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<int32_t>(i);
  }
  int32_t find(int32_t t) {
    while (parent_[static_cast<size_t>(t)] != t) t = parent_[static_cast<size_t>(t)] = parent_[static_cast<size_t>(parent_[static_cast<size_t>(t)])];
    return t;
  }
  void join(int32_t a, int32_t b) { parent_[static_cast<size_t>(find(a))] = find(b); }

 private:
  std::vector<int32_t> parent_;
};

// Operators whose integer kernels move, pick or average values without requantizing: their
// float inputs and outputs share one set of parameters.
bool passes_through(int32_t code) {
  switch (code) {
    case kTfliteOpReshape: case kTfliteOpSqueeze: case kTfliteOpMaxPool2d:
    case kTfliteOpAveragePool2d: case kTfliteOpPad: case kTfliteOpConcatenation:
    case kTfliteOpPack: case kTfliteOpUnpack: case kTfliteOpSplit: case kTfliteOpSplitV:
    case kTfliteOpGather: case kTfliteOpTranspose: case kTfliteOpStridedSlice:
    case kTfliteOpSlice: case kTfliteOpResizeBilinear: case kTfliteOpResizeNearestNeighbor:
    case kTfliteOpMaximum: case kTfliteOpMinimum:
      return true;
    default:
      return false;
  }
}

// TFLite's fixed output parameters of the bounded non-linearities.
bool fixed_output(int32_t code, int32_t bits, ActivationQuant* q) {
  if (bits == 16 && (code == kTfliteOpSoftmax || code == kTfliteOpLogistic || code == kTfliteOpTanh)) {
    *q = ActivationQuant{1.0f / 32768.0f, 0};
    return true;
  }
  if (code == kTfliteOpSoftmax || code == kTfliteOpLogistic) {
    *q = ActivationQuant{1.0f / 256.0f, -128};
    return true;
  }
  if (code == kTfliteOpTanh) {
    *q = ActivationQuant{1.0f / 128.0f, 0};
    return true;
  }
  return false;
}

bool refused(int32_t code) {
  return code == kTfliteOpQuantize || code == kTfliteOpDequantize || code == kTfliteOpSvdf ||
         code == kTfliteOpUnidirectionalSequenceLstm || code == kTfliteOpCustom;
}

// A weighted operator: its weights (quantized per output channel along `axis`), bias and input.
struct WeightedOp {
  int32_t op, weights, bias, input, axis;
};

bool weighted_op(const TfliteOperator& op, int32_t index, WeightedOp* w) {
  auto in = [&](size_t k) { return k < op.inputs.size() ? op.inputs[k] : -1; };
  switch (op.builtin_code) {
    case kTfliteOpConv2d: *w = {index, in(1), in(2), in(0), 0}; return true;
    case kTfliteOpDepthwiseConv2d: *w = {index, in(1), in(2), in(0), 3}; return true;
    case kTfliteOpFullyConnected: *w = {index, in(1), in(2), in(0), 0}; return true;
    case kTfliteOpTransposeConv: *w = {index, in(1), in(3), in(2), 0}; return true;
    default: return false;
  }
}

std::string op_label(const TfliteModel& m, size_t i) {
  return "operator " + std::to_string(i) + " (" + tflite_builtin_name(m.operators[i].builtin_code) + ")";
}

std::string tensor_label(const TfliteModel& m, int32_t t) {
  return "tensor " + std::to_string(t) + " '" + m.tensors[static_cast<size_t>(t)].name + "'";
}

template <typename T>
void append_le(std::vector<uint8_t>* out, T v) {
  const auto* b = reinterpret_cast<const uint8_t*>(&v);
  out->insert(out->end(), b, b + sizeof(T));
}

// Everything the rewrite needs, and the storage the rewritten tensors point into.
class Rewriter {
 public:
  Rewriter(const TfliteModel& model, const CnnQuantConfig& config,
           const std::vector<LayerHessian>& hessians, CnnQuantReport* report, std::string* error)
      : in_(model), out_(model), config_(config), hessians_(hessians), report_(report), error_(error) {}

  bool run(const std::vector<AbsHistogram>& histograms, const std::vector<std::vector<double>>& means);
  const TfliteModel& result() const { return out_; }

 private:
  bool fail(const std::string& message) {
    *error_ = message;
    return false;
  }
  bool find_weighted_ops();
  bool set_ranges(const std::vector<AbsHistogram>& histograms);
  void quantize_affine_tensor(int32_t t, const ActivationRange& r);
  bool quantize_weights_of(const WeightedOp& w);
  int32_t weight_bits_of(const WeightedOp& w) const;
  bool quantize_bias_of(const WeightedOp& w, const std::vector<std::vector<double>>& means);
  // Bias correction's shift per output channel: (W_q - W) E[x]; empty when it does not apply.
  std::vector<double> weight_rounding_shift(const WeightedOp& w, const std::vector<double>& input_mean) const;
  std::vector<uint8_t>& store() {
    storage_.emplace_back();
    return storage_.back();
  }

  const TfliteModel& in_;
  TfliteModel out_;
  const CnnQuantConfig& config_;
  const std::vector<LayerHessian>& hessians_;  // learned rounding's, by operator
  CnnQuantReport* report_;
  std::string* error_;
  std::vector<WeightedOp> weighted_;
  std::vector<int32_t> role_;  // per tensor: 1 weights, 2 bias, 0 other
  std::vector<std::vector<int8_t>> quantized_;  // per weighted op: its integer weights, TFLite order
  std::vector<size_t> weight_report_;  // per weighted op: its row in report_->weights
  std::deque<std::vector<uint8_t>> storage_;
};

constexpr int32_t kRoleWeights = 1, kRoleBias = 2;

bool Rewriter::find_weighted_ops() {
  role_.assign(in_.tensors.size(), 0);
  for (size_t i = 0; i < in_.operators.size(); ++i) {
    const TfliteOperator& op = in_.operators[i];
    if (refused(op.builtin_code)) return fail(op_label(in_, i) + ": qrt quantize does not quantize this operator");
    WeightedOp w{};
    if (!weighted_op(op, static_cast<int32_t>(i), &w)) continue;
    if (w.weights < 0 || in_.tensors[static_cast<size_t>(w.weights)].data == nullptr) {
      return fail(op_label(in_, i) + ": the weights must be a constant");
    }
    if (w.bias >= 0 && in_.tensors[static_cast<size_t>(w.bias)].data == nullptr) {
      return fail(op_label(in_, i) + ": the bias must be a constant");
    }
    for (int32_t t : {w.weights, w.bias}) {
      if (t >= 0 && role_[static_cast<size_t>(t)] != 0) {
        return fail(op_label(in_, i) + ": " + tensor_label(in_, t) + " is shared with another operator");
      }
    }
    role_[static_cast<size_t>(w.weights)] = kRoleWeights;
    if (w.bias >= 0) role_[static_cast<size_t>(w.bias)] = kRoleBias;
    weighted_.push_back(w);
  }
  return true;
}

bool Rewriter::set_ranges(const std::vector<AbsHistogram>& histograms) {
  const size_t n = in_.tensors.size();
  const int32_t bits = config_.activation_bits;
  // Per float tensor that is not a weight or bias: its own range.
  std::vector<ActivationRange> ranges(n);
  std::vector<bool> quantized(n, false);
  for (size_t t = 0; t < n; ++t) {
    const TfliteTensor& x = in_.tensors[t];
    if (role_[t] != 0 || x.type != kTfliteFloat32) continue;
    ActivationRange& r = ranges[t];
    r.tensor = static_cast<int32_t>(t);
    r.name = x.name;
    AbsHistogram h = make_abs_histogram();
    if (x.data != nullptr) {
      std::vector<float> values;
      constant_real_values(x, &values);
      histogram_add(&h, values.data(), values.size());
      r.rule = "constant";
    } else {
      if (histograms[t].count == 0) continue;  // not computed by any operator: left as it is
      h = histograms[t];
      r.rule = "calibrated";
    }
    r.observed_min = h.min;
    r.observed_max = h.max;
    calibrated_range(h, config_.calibration, bits, &r.low, &r.high);
    quantized[t] = true;
  }
  Ties ties(n);
  std::vector<int32_t> fixed_by(n, -1);  // the code of the operator whose fixed output parameters apply
  for (const TfliteOperator& op : in_.operators) {
    ActivationQuant fixed;
    if (fixed_output(op.builtin_code, bits, &fixed) && !op.outputs.empty() && op.outputs[0] >= 0) {
      fixed_by[static_cast<size_t>(op.outputs[0])] = op.builtin_code;
    }
    if (!passes_through(op.builtin_code)) continue;
    int32_t first = -1;
    for (const auto* list : {&op.inputs, &op.outputs}) {
      for (int32_t t : *list) {
        if (t < 0 || !quantized[static_cast<size_t>(t)]) continue;
        if (first < 0) first = t;
        ties.join(t, first);
      }
    }
  }
  // Each tie class: the union of its members' ranges, or the fixed parameters of a member.
  std::vector<double> low(n, 0.0), high(n, 0.0);
  std::vector<int32_t> fixed_code(n, -1);
  for (size_t t = 0; t < n; ++t) {
    if (!quantized[t]) continue;
    const auto root = static_cast<size_t>(ties.find(static_cast<int32_t>(t)));
    low[root] = std::min(low[root], ranges[t].low);
    high[root] = std::max(high[root], ranges[t].high);
    if (fixed_by[t] < 0) continue;
    ActivationQuant a, b;
    fixed_output(fixed_by[t], bits, &a);
    if (fixed_code[root] >= 0 && fixed_output(fixed_code[root], bits, &b) &&
        (a.scale != b.scale || a.zero_point != b.zero_point)) {
      return fail(tensor_label(in_, static_cast<int32_t>(t)) +
                  ": two fixed output quantizations meet through pass-through operators");
    }
    fixed_code[root] = fixed_by[t];
  }
  for (size_t t = 0; t < n; ++t) {
    if (!quantized[t]) continue;
    ActivationRange& r = ranges[t];
    const auto root = static_cast<size_t>(ties.find(static_cast<int32_t>(t)));
    ActivationQuant q;
    if (fixed_code[root] >= 0) {
      fixed_output(fixed_code[root], bits, &q);
      r.rule = std::string("fixed by ") + tflite_builtin_name(fixed_code[root]);
      r.low = q.scale * (bits == 16 ? -32767.0 : -128.0 - q.zero_point);
      r.high = q.scale * (bits == 16 ? 32767.0 : 127.0 - q.zero_point);
    } else {
      q = activation_quant(low[root], high[root], bits);
      if (root != t) r.rule = "shared with tensor " + std::to_string(root);
      r.low = low[root];
      r.high = high[root];
    }
    r.scale = q.scale;
    r.zero_point = q.zero_point;
    quantize_affine_tensor(static_cast<int32_t>(t), r);
    report_->activations.push_back(r);
  }
  return true;
}

void Rewriter::quantize_affine_tensor(int32_t t, const ActivationRange& r) {
  TfliteTensor& y = out_.tensors[static_cast<size_t>(t)];
  const bool wide = config_.activation_bits == 16;
  y.type = wide ? kTfliteInt16 : kTfliteInt8;
  y.scales = {r.scale};
  y.zero_points = {r.zero_point};
  y.quantized_dimension = 0;
  y.min = {static_cast<float>(r.low)};
  y.max = {static_cast<float>(r.high)};
  if (y.data == nullptr) return;
  std::vector<float> values;
  constant_real_values(in_.tensors[static_cast<size_t>(t)], &values);
  std::vector<uint8_t>& bytes = store();
  const double lo = wide ? -32768 : -128, hi = wide ? 32767 : 127;
  for (float v : values) {
    // TFLite's Quantize: the float division rounded half away from zero, then the zero point.
    const double q = std::min(hi, std::max(lo, round_half_away(v / r.scale) + r.zero_point));
    if (wide) {
      append_le(&bytes, static_cast<int16_t>(q));
    } else {
      append_le(&bytes, static_cast<int8_t>(q));
    }
  }
  y.data = bytes.data();
  y.data_bytes = bytes.size();
}

int32_t Rewriter::weight_bits_of(const WeightedOp& w) const {
  if (in_.operators[static_cast<size_t>(w.op)].builtin_code == kTfliteOpTransposeConv) return 8;
  const auto op = static_cast<size_t>(w.op);
  if (op < config_.op_weight_bits.size() && config_.op_weight_bits[op] != 0) return config_.op_weight_bits[op];
  return config_.weight_bits;
}

bool Rewriter::quantize_weights_of(const WeightedOp& w) {
  const TfliteTensor& x = in_.tensors[static_cast<size_t>(w.weights)];
  std::vector<float> values;
  if (!constant_real_values(x, &values)) {
    return fail(op_label(in_, static_cast<size_t>(w.op)) + ": " + tensor_label(in_, w.weights) +
                ": weights must be float32 or int8 (dynamic-range) constants");
  }
  if (x.shape.empty() || static_cast<size_t>(w.axis) >= x.shape.size()) {
    return fail(op_label(in_, static_cast<size_t>(w.op)) + ": the weights have rank " + std::to_string(x.shape.size()));
  }
  // Rows = output channels: the axis brought to the front.
  const int32_t channels = x.shape[static_cast<size_t>(w.axis)];
  if (channels <= 0 || values.empty() || values.size() % static_cast<size_t>(channels) != 0) {
    return fail(op_label(in_, static_cast<size_t>(w.op)) + ": the weights have no output channels");
  }
  const size_t total = values.size();
  const ChannelLayout layout(x.shape, static_cast<size_t>(w.axis), total);
  std::vector<float> rows(total);
  for (size_t i = 0; i < total; ++i) rows[layout(i)] = values[i];
  const int32_t r = config_.per_channel ? channels : 1;
  const auto cols = static_cast<int32_t>(total / static_cast<size_t>(r));
  WeightQuantConfig wc;
  wc.bits = weight_bits_of(w);
  wc.mse_clip = wc.bits == 4;
  QuantizedWeight q;
  const LayerHessian* h = nullptr;
  for (const LayerHessian& lh : hessians_) {
    if (lh.op == w.op && lh.cols == cols && lh.rows > 0) h = &lh;
  }
  const bool rounded =
      h == nullptr || config_.rounding == WeightRounding::kNearest
          ? quantize_weights(rows.data(), r, cols, wc, &q, error_)
      : config_.rounding == WeightRounding::kAdaRound
          ? quantize_weights_adaround(rows.data(), r, cols, wc, h->h, 20, &q, error_)
          : quantize_weights_gptq(rows.data(), r, cols, wc, h->h, 0.01, &q, error_);
  if (!rounded) return fail(op_label(in_, static_cast<size_t>(w.op)) + ": " + *error_);
  std::vector<int8_t>& values_q = quantized_[static_cast<size_t>(&w - weighted_.data())];
  values_q.resize(total);
  for (size_t i = 0; i < total; ++i) {
    const auto row = static_cast<int32_t>(layout(i) / static_cast<size_t>(cols));
    const auto col = static_cast<int32_t>(layout(i) % static_cast<size_t>(cols));
    values_q[i] = static_cast<int8_t>(quantized_value(q, row, col));
  }
  TfliteTensor& y = out_.tensors[static_cast<size_t>(w.weights)];
  std::vector<uint8_t>& bytes = store();
  if (wc.bits == 4) {  // TFLite's INT4: packed densely over the tensor, low nibble first
    bytes.assign((total + 1) / 2, 0);
    for (size_t i = 0; i < total; ++i) {
      const uint32_t nibble = static_cast<uint32_t>(values_q[i]) & 0x0Fu;
      bytes[i / 2] = static_cast<uint8_t>(bytes[i / 2] | (nibble << (i % 2 != 0 ? 4 : 0)));
    }
  } else {
    bytes.assign(values_q.begin(), values_q.end());
  }
  y.type = wc.bits == 4 ? kTfliteInt4 : kTfliteInt8;
  y.data = bytes.data();
  y.data_bytes = bytes.size();
  y.scales = q.scales;
  y.zero_points.assign(q.scales.size(), 0);
  y.quantized_dimension = config_.per_channel ? w.axis : 0;
  QuantizedWeightReport rep;
  rep.op = w.op;
  rep.op_name = tflite_builtin_name(in_.operators[static_cast<size_t>(w.op)].builtin_code);
  rep.name = x.name;
  rep.channels = r;
  rep.bits = wc.bits;
  rep.elements = static_cast<int64_t>(total);
  rep.error = weight_error(rows.data(), q);
  weight_report_.push_back(report_->weights.size());
  report_->weights.push_back(rep);
  return true;
}

std::vector<double> Rewriter::weight_rounding_shift(const WeightedOp& w,
                                                   const std::vector<double>& input_mean) const {
  const int32_t code = in_.operators[static_cast<size_t>(w.op)].builtin_code;
  if (code == kTfliteOpTransposeConv) return {};
  const TfliteTensor& x = in_.tensors[static_cast<size_t>(w.weights)];
  const TfliteTensor& y = out_.tensors[static_cast<size_t>(w.weights)];
  const std::vector<int8_t>& values_q = quantized_[static_cast<size_t>(&w - weighted_.data())];
  std::vector<float> real;
  constant_real_values(x, &real);
  const auto channels = static_cast<size_t>(x.shape[static_cast<size_t>(w.axis)]);
  const auto last = static_cast<size_t>(x.shape.back());
  // The input index each weight multiplies: its last dimension (CONV_2D OHWI, FULLY_CONNECTED
  // OI), or its own channel (DEPTHWISE_CONV_2D 1HWC with multiplier 1).
  const size_t inputs = code == kTfliteOpDepthwiseConv2d ? channels : last;
  if (input_mean.size() != inputs) return {};
  std::vector<double> shift(channels, 0.0);
  for (size_t i = 0; i < real.size(); ++i) {
    const size_t c = code == kTfliteOpDepthwiseConv2d ? i % channels : i / (real.size() / channels);
    const double s = y.scales[y.scales.size() == 1 ? 0 : c];
    const double dq = s * values_q[i];
    shift[c] += (dq - real[i]) * input_mean[code == kTfliteOpDepthwiseConv2d ? c : i % last];
  }
  return shift;
}

bool Rewriter::quantize_bias_of(const WeightedOp& w, const std::vector<std::vector<double>>& means) {
  if (w.bias < 0) return true;
  const TfliteTensor& b = in_.tensors[static_cast<size_t>(w.bias)];
  std::vector<float> values;
  if (b.type != kTfliteFloat32 || !constant_real_values(b, &values)) {
    return fail(op_label(in_, static_cast<size_t>(w.op)) + ": the bias must be a float32 constant");
  }
  const TfliteTensor& input = out_.tensors[static_cast<size_t>(w.input)];
  const TfliteTensor& weights = out_.tensors[static_cast<size_t>(w.weights)];
  if (input.scales.size() != 1) return fail(op_label(in_, static_cast<size_t>(w.op)) + ": the input was not calibrated");
  const size_t channels = values.size();
  if (weights.scales.size() != 1 && weights.scales.size() != channels) {
    return fail(op_label(in_, static_cast<size_t>(w.op)) + ": the bias does not have one value per output channel");
  }
  std::vector<double> shift;
  if (config_.bias_correction) {
    shift = weight_rounding_shift(w, means[static_cast<size_t>(w.input)]);
    if (shift.size() != channels) shift.clear();
  }
  const bool wide = config_.activation_bits == 16;
  TfliteTensor& y = out_.tensors[static_cast<size_t>(w.bias)];
  std::vector<uint8_t>& bytes = store();
  y.scales.clear();
  for (size_t c = 0; c < channels; ++c) {
    const float s = input.scales[0] * weights.scales[weights.scales.size() == 1 ? 0 : c];
    y.scales.push_back(s);
    const double limit = wide ? 9.2e18 : 2147483647.0;
    const double corrected = static_cast<double>(values[c]) - (shift.empty() ? 0.0 : shift[c]);
    const double q = std::min(limit, std::max(-limit, round_half_away(corrected / s)));
    if (wide) {
      append_le(&bytes, static_cast<int64_t>(q));
    } else {
      append_le(&bytes, static_cast<int32_t>(q));
    }
  }
  for (double d : shift) {
    double& m = report_->weights[weight_report_[static_cast<size_t>(&w - weighted_.data())]].bias_shift_max;
    m = std::max(m, fabs(d));
  }
  y.type = wide ? kTfliteInt64 : kTfliteInt32;
  y.zero_points.assign(channels, 0);
  y.quantized_dimension = 0;
  y.data = bytes.data();
  y.data_bytes = bytes.size();
  return true;
}

bool Rewriter::run(const std::vector<AbsHistogram>& histograms,
                   const std::vector<std::vector<double>>& means) {
  if (!find_weighted_ops() || !set_ranges(histograms)) return false;
  quantized_.assign(weighted_.size(), {});
  for (const WeightedOp& w : weighted_) {
    if (!quantize_weights_of(w)) return false;
  }
  // Biases after every weight tensor: their scale needs the input's (set above) and the weights'.
  for (const WeightedOp& w : weighted_) {
    if (!quantize_bias_of(w, means)) return false;
  }
  return true;
}

}  // namespace

const char* weight_rounding_name(WeightRounding r) {
  switch (r) {
    case WeightRounding::kAdaRound: return "adaround";
    case WeightRounding::kGptq: return "gptq";
    default: return "nearest";
  }
}

bool parse_weight_rounding(const std::string& text, WeightRounding* r) {
  for (WeightRounding v : {WeightRounding::kNearest, WeightRounding::kAdaRound, WeightRounding::kGptq}) {
    if (text == weight_rounding_name(v)) {
      *r = v;
      return true;
    }
  }
  return false;
}

std::string cnn_quant_strategy(const CnnQuantConfig& config) {
  const auto int4_layers = std::count(config.op_weight_bits.begin(), config.op_weight_bits.end(), 4);
  const std::string weights = int4_layers > 0 ? "W4/W8 mixed (" + std::to_string(int4_layers) + " INT4 layers) A"
                              : config.weight_bits == 4 ? "W4A" : "W8A";
  std::string s = weights + (config.activation_bits == 16 ? "16" : "8") +
                  (config.per_channel ? " per-channel " : " per-tensor ") +
                  calibration_method_name(config.calibration.method);
  if (config.calibration.method == kCalibratePercentile) {
    char p[32];
    std::snprintf(p, sizeof p, " %g", config.calibration.percentile);
    s += p;
  }
  if (config.equalize) s += " equalized";
  if (config.rounding != WeightRounding::kNearest) s += std::string(" ") + weight_rounding_name(config.rounding);
  if (config.bias_correction) s += " bias-corrected";
  return s;
}

bool quantize_tflite(const uint8_t* data, size_t size, const std::string& source_name,
                     const qrt_eval_set& calibration, uint32_t calibration_units,
                     const CnnQuantConfig& config, const ProgressFn& progress,
                     std::vector<uint8_t>* blob, CnnQuantReport* report, std::string* error) {
  if (config.activation_bits != 8 && config.activation_bits != 16) {
    *error = "activations are 8 or 16 bits";
    return false;
  }
  if (config.weight_bits != 8 && config.weight_bits != 4) {
    *error = "weights are 8 or 4 bits";
    return false;
  }
  if (config.rounding != WeightRounding::kNearest && !config.per_channel) {
    *error = std::string("--rounding ") + weight_rounding_name(config.rounding) + " needs per-channel weights";
    return false;
  }
  if (config.weight_bits == 4 && config.activation_bits != 8) {
    *error = "INT4 weights run under int8 activations (there are no 16x4 kernels)";
    return false;
  }
  TfliteModel model;
  if (!read_tflite(data, size, &model, error)) return false;
  for (int32_t t : model.inputs) {
    if (model.tensors[static_cast<size_t>(t)].type != kTfliteFloat32) {
      *error = "graph input " + tensor_label(model, t) + " is " +
               tflite_type_name(model.tensors[static_cast<size_t>(t)].type) + ": qrt quantize takes a float32 model";
      return false;
    }
  }
  CnnQuantReport rep;
  std::deque<std::vector<uint8_t>> equalized;  // the equalized weights, while `model` is used
  if (config.equalize) rep.equalization = equalize_cross_layer(&model, &equalized, 3);
  std::vector<uint8_t> float_blob;
  ImportReport imported;
  if (!import_tflite_model(model, source_name, {}, &float_blob, &imported, error)) return false;
  rep.strategy = cnn_quant_strategy(config);
  rep.calibration_set = calibration.name;
  std::vector<AbsHistogram> histograms;
  std::vector<std::vector<double>> means;
  if (!calibrate_activations(float_blob, imported.tensor_map, model.inputs, calibration,
                             calibration_units, progress, &histograms, &means,
                             &rep.calibration_samples, error)) {
    return false;
  }
  rep.calibration_units = units_used(calibration, calibration_units);
  std::vector<LayerHessian> hessians;
  if (config.rounding != WeightRounding::kNearest) {
    std::vector<int32_t> ops;
    for (size_t i = 0; i < model.operators.size(); ++i) ops.push_back(static_cast<int32_t>(i));
    if (!layer_hessians(model, float_blob, imported.tensor_map, ops, calibration, calibration_units, progress,
                        &hessians, error)) {
      return false;
    }
  }
  Rewriter rewriter(model, config, hessians, &rep, error);
  if (!rewriter.run(histograms, means)) return false;
  const std::vector<std::pair<std::string, std::string>> metadata = {
      {"quantization", rep.strategy + " (qrt quantize)"},
      {"calibration", std::to_string(rep.calibration_units) + " units (" +
                          std::to_string(rep.calibration_samples) + " samples) of '" +
                          rep.calibration_set + "'"}};
  std::vector<uint8_t> out;
  if (!import_tflite_model(rewriter.result(), source_name, metadata, &out, nullptr, error)) {
    *error = "the quantized model does not import: " + *error;
    return false;
  }
  *blob = std::move(out);
  if (report != nullptr) *report = std::move(rep);
  return true;
}

}  // namespace host
}  // namespace qrt
