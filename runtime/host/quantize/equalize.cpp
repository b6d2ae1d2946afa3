#include "quantize/equalize.h"

#include <math.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "tflite_import.h"

namespace qrt {
namespace host {
namespace {

bool is_conv(const TfliteOperator& op) {
  return op.builtin_code == kTfliteOpConv2d || op.builtin_code == kTfliteOpDepthwiseConv2d;
}

TfliteActivation activation_of(const TfliteOperator& op) {
  return op.builtin_code == kTfliteOpConv2d ? op.options.conv_2d.activation
                                            : op.options.depthwise_conv_2d.activation;
}

// A constant's real values, kept while the pass edits them.
struct Values {
  std::vector<float> v;
  std::vector<int32_t> shape;
};

// Channel `c` of a layer's weights, as output (first layer) or input (second): CONV_2D OHWI has
// outputs on axis 0 and inputs on axis 3; DEPTHWISE_CONV_2D 1HWC has both on axis 3.
bool on_channel(const TfliteOperator& op, const Values& w, size_t i, size_t c, bool as_output) {
  const auto last = static_cast<size_t>(w.shape.back());
  if (op.builtin_code == kTfliteOpDepthwiseConv2d || !as_output) return i % last == c;
  return i / (w.v.size() / static_cast<size_t>(w.shape[0])) == c;
}

double channel_range(const TfliteOperator& op, const Values& w, size_t c, bool as_output) {
  double r = 0.0;
  for (size_t i = 0; i < w.v.size(); ++i) {
    if (on_channel(op, w, i, c, as_output)) r = std::max(r, fabs(static_cast<double>(w.v[i])));
  }
  return r;
}

double spread(const TfliteOperator& op, const Values& w, size_t channels) {
  double lo = INFINITY, hi = 0.0;
  for (size_t c = 0; c < channels; ++c) {
    const double r = channel_range(op, w, c, true);
    if (r > 0.0) {
      lo = std::min(lo, r);
      hi = std::max(hi, r);
    }
  }
  return hi > 0.0 ? hi / lo : 1.0;
}

// Shapes an untrusted file may get wrong (equalization runs before the importer checks them):
// rank-4 weights without empty dimensions, one bias per output channel of the first layer, and as
// many input channels in the second.
bool consistent(const TfliteOperator& a, const Values& w1, const Values& b1, const Values& w2) {
  for (const Values* w : {&w1, &w2}) {
    if (w->shape.size() != 4) return false;
    for (int32_t d : w->shape) {
      if (d <= 0) return false;
    }
  }
  const auto out = static_cast<size_t>(a.builtin_code == kTfliteOpDepthwiseConv2d ? w1.shape[3] : w1.shape[0]);
  return b1.v.size() == out && static_cast<size_t>(w2.shape[3]) == out;
}

}  // namespace

EqualizeReport equalize_cross_layer(TfliteModel* model, std::deque<std::vector<uint8_t>>* storage,
                                    int32_t iterations) {
  EqualizeReport report;
  const auto& ops = model->operators;
  std::vector<int32_t> readers(model->tensors.size(), 0);
  for (const TfliteOperator& op : ops) {
    for (int32_t t : op.inputs) if (t >= 0) ++readers[static_cast<size_t>(t)];
  }
  for (int32_t t : model->outputs) ++readers[static_cast<size_t>(t)];
  std::map<int32_t, size_t> consumer;  // tensor -> the operator reading it
  for (size_t i = 0; i < ops.size(); ++i) {
    for (int32_t t : ops[i].inputs) if (t >= 0) consumer[t] = i;
  }
  struct Pair { size_t first, second; };
  std::vector<Pair> pairs;
  std::map<int32_t, Values> values;  // edited constants by tensor
  auto constant = [&](int32_t t) -> Values* {
    if (t < 0) return nullptr;
    auto it = values.find(t);
    if (it != values.end()) return &it->second;
    Values v;
    v.shape = model->tensors[static_cast<size_t>(t)].shape;
    if (v.shape.empty() || !constant_real_values(model->tensors[static_cast<size_t>(t)], &v.v)) return nullptr;
    return &values.emplace(t, std::move(v)).first->second;
  };
  auto multiplier_one = [&](const TfliteOperator& op) {
    if (op.builtin_code != kTfliteOpDepthwiseConv2d) return true;
    const TfliteTensor& x = model->tensors[static_cast<size_t>(op.inputs[0])];
    const TfliteTensor& w = model->tensors[static_cast<size_t>(op.inputs[1])];
    return !x.shape.empty() && !w.shape.empty() && x.shape.back() == w.shape.back();
  };
  for (size_t i = 0; i < ops.size(); ++i) {
    const TfliteOperator& a = ops[i];
    if (!is_conv(a) || a.inputs.size() < 3 || a.outputs.empty() || !multiplier_one(a)) continue;
    const TfliteActivation act = activation_of(a);
    if (act != kTfliteActNone && act != kTfliteActRelu) continue;
    const int32_t y = a.outputs[0];
    if (y < 0 || readers[static_cast<size_t>(y)] != 1 || consumer.count(y) == 0) continue;
    const size_t j = consumer[y];
    const TfliteOperator& b = ops[j];
    if (!is_conv(b) || b.inputs.size() < 2 || b.inputs[0] != y || !multiplier_one(b)) continue;
    const Values* w1 = constant(a.inputs[1]);
    const Values* b1 = constant(a.inputs[2]);
    const Values* w2 = constant(b.inputs[1]);
    if (w1 == nullptr || b1 == nullptr || w2 == nullptr || !consistent(a, *w1, *b1, *w2)) continue;
    pairs.push_back({i, j});
  }
  report.pairs = static_cast<int32_t>(pairs.size());
  if (pairs.empty()) return report;
  for (const Pair& p : pairs) {
    const TfliteOperator& a = ops[p.first];
    report.worst_channel_spread_before = std::max(
        report.worst_channel_spread_before, spread(a, values[a.inputs[1]], values[a.inputs[2]].v.size()));
  }
  for (int32_t pass = 0; pass < iterations; ++pass) {
    for (const Pair& p : pairs) {
      const TfliteOperator& a = ops[p.first];
      const TfliteOperator& b = ops[p.second];
      Values& w1 = values[a.inputs[1]];
      Values& b1 = values[a.inputs[2]];
      Values& w2 = values[b.inputs[1]];
      for (size_t c = 0; c < b1.v.size(); ++c) {
        const double r1 = channel_range(a, w1, c, true), r2 = channel_range(b, w2, c, false);
        if (r1 <= 0.0 || r2 <= 0.0) continue;
        const double s = sqrt(r1 / r2);
        for (size_t i = 0; i < w1.v.size(); ++i) {
          if (on_channel(a, w1, i, c, true)) w1.v[i] = static_cast<float>(w1.v[i] / s);
        }
        b1.v[c] = static_cast<float>(b1.v[c] / s);
        for (size_t i = 0; i < w2.v.size(); ++i) {
          if (on_channel(b, w2, i, c, false)) w2.v[i] = static_cast<float>(w2.v[i] * s);
        }
      }
    }
  }
  for (const Pair& p : pairs) {
    const TfliteOperator& a = ops[p.first];
    report.worst_channel_spread_after = std::max(
        report.worst_channel_spread_after, spread(a, values[a.inputs[1]], values[a.inputs[2]].v.size()));
  }
  for (auto& kv : values) {
    TfliteTensor& t = model->tensors[static_cast<size_t>(kv.first)];
    storage->emplace_back(kv.second.v.size() * 4);
    std::memcpy(storage->back().data(), kv.second.v.data(), storage->back().size());
    t.type = kTfliteFloat32;
    t.data = storage->back().data();
    t.data_bytes = storage->back().size();
    t.scales.clear();
    t.zero_points.clear();
  }
  return report;
}

}  // namespace host
}  // namespace qrt
