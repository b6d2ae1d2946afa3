#include "quantize/layer_hessian.h"

#include "qrt/accept_run.h"
#include "quantize/tflite_calibrate.h"
#include "tflite_params.h"

namespace qrt {
namespace host {
namespace {

// One layer's geometry, with blob tensor indices to recognise it by.
struct Layer {
  int32_t blob_input = -1, blob_output = -1;
  bool conv = false;
  int32_t in_h = 0, in_w = 0, in_c = 0, kh = 0, kw = 0, out_h = 0, out_w = 0;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_top = 0, pad_left = 0;
  LayerHessian* hessian = nullptr;
};

struct Collector {
  std::vector<Layer> layers;
  std::vector<double> patch;
};

// H += p p^T over the upper triangle (mirrored at the end).
void add_patch(const double* p, int32_t n, std::vector<double>* h) {
  for (int32_t i = 0; i < n; ++i) {
    const double pi = p[i];
    if (pi == 0.0) continue;
    double* row = h->data() + static_cast<size_t>(i) * static_cast<size_t>(n);
    for (int32_t j = i; j < n; ++j) row[j] += pi * p[j];
  }
}

void add_input(Collector& c, const Layer& l, const float* x, size_t elements) {
  LayerHessian& lh = *l.hessian;
  const int32_t n = lh.cols;
  c.patch.assign(static_cast<size_t>(n), 0.0);
  if (!l.conv) {
    for (size_t b = 0; b + static_cast<size_t>(n) <= elements; b += static_cast<size_t>(n)) {
      for (int32_t k = 0; k < n; ++k) c.patch[static_cast<size_t>(k)] = x[b + static_cast<size_t>(k)];
      add_patch(c.patch.data(), n, &lh.h);
      ++lh.rows;
    }
    return;
  }
  const size_t image = static_cast<size_t>(l.in_h) * l.in_w * l.in_c;
  for (size_t base = 0; base + image <= elements; base += image) {
    for (int32_t oy = 0; oy < l.out_h; ++oy) {
      for (int32_t ox = 0; ox < l.out_w; ++ox) {
        int32_t k = 0;
        for (int32_t fy = 0; fy < l.kh; ++fy) {
          const int32_t y = oy * l.stride_h - l.pad_top + fy * l.dilation_h;
          for (int32_t fx = 0; fx < l.kw; ++fx) {
            const int32_t xx = ox * l.stride_w - l.pad_left + fx * l.dilation_w;
            if (y < 0 || y >= l.in_h || xx < 0 || xx >= l.in_w) {
              for (int32_t ic = 0; ic < l.in_c; ++ic) c.patch[static_cast<size_t>(k++)] = 0.0;
              continue;
            }
            const float* px = x + base + (static_cast<size_t>(y) * l.in_w + xx) * l.in_c;
            for (int32_t ic = 0; ic < l.in_c; ++ic) c.patch[static_cast<size_t>(k++)] = px[ic];
          }
        }
        add_patch(c.patch.data(), n, &lh.h);
        ++lh.rows;
      }
    }
  }
}

void on_op_end(void* user, const qrt_session* session, int32_t op_index) {
  auto& c = *static_cast<Collector*>(user);
  int32_t code = 0, n_in = 0, n_out = 0;
  const int32_t *ins = nullptr, *outs = nullptr;
  if (qrt_session_op_info(session, op_index, &code, &n_in, &ins, &n_out, &outs) != QRT_OK || n_in < 1 || n_out < 1) return;
  for (const Layer& l : c.layers) {
    if (l.blob_input != ins[0] || l.blob_output != outs[0]) continue;
    qrt_tensor_view v{};
    if (qrt_session_tensor(session, ins[0], &v) != QRT_OK || v.dtype != QRT_DTYPE_FLOAT32) return;
    add_input(c, l, static_cast<const float*>(v.data), v.bytes / 4);
  }
}

bool describe_layer(const TfliteModel& model, int32_t op_index, const std::vector<int32_t>& tensor_map,
                    Layer* l, std::string* error) {
  const TfliteOperator& op = model.operators[static_cast<size_t>(op_index)];
  const auto mapped = [&](int32_t t) { return t >= 0 && static_cast<size_t>(t) < tensor_map.size() ? tensor_map[static_cast<size_t>(t)] : -1; };
  l->blob_input = mapped(op.inputs[0]);
  l->blob_output = op.outputs.empty() ? -1 : mapped(op.outputs[0]);
  const TfliteTensor& w = model.tensors[static_cast<size_t>(op.inputs[1])];
  if (op.builtin_code == kTfliteOpFullyConnected) {
    l->hessian->cols = w.shape.size() == 2 ? w.shape[1] : 0;
    return l->hessian->cols > 0;
  }
  const TfliteTensor& x = model.tensors[static_cast<size_t>(op.inputs[0])];
  if (x.shape.size() != 4 || w.shape.size() != 4 || w.shape[3] != x.shape[3]) return false;  // grouped
  const TfliteConv2dOptions& o = op.options.conv_2d;
  l->conv = true;
  l->in_h = x.shape[1];
  l->in_w = x.shape[2];
  l->in_c = x.shape[3];
  l->kh = w.shape[1];
  l->kw = w.shape[2];
  l->stride_h = o.stride_h;
  l->stride_w = o.stride_w;
  l->dilation_h = o.dilation_h;
  l->dilation_w = o.dilation_w;
  TflitePadding1d ph{}, pw{};
  if (!tflite_padding_1d(o.padding, o.stride_h, o.dilation_h, l->in_h, l->kh, &ph, error) ||
      !tflite_padding_1d(o.padding, o.stride_w, o.dilation_w, l->in_w, l->kw, &pw, error)) {
    return false;
  }
  l->out_h = ph.out_size;
  l->out_w = pw.out_size;
  l->pad_top = ph.pad_before;
  l->pad_left = pw.pad_before;
  l->hessian->cols = l->kh * l->kw * l->in_c;
  return true;
}

}  // namespace

bool layer_hessians(const TfliteModel& model, const std::vector<uint8_t>& float_blob,
                    const std::vector<int32_t>& tensor_map, const std::vector<int32_t>& ops,
                    const qrt_eval_set& set, uint32_t units, const ProgressFn& progress,
                    std::vector<LayerHessian>* out, std::string* error) {
  out->clear();
  out->reserve(ops.size());  // the collector keeps pointers into it
  Collector c;
  size_t doubles = 0;
  for (int32_t op : ops) {
    const int32_t code = model.operators[static_cast<size_t>(op)].builtin_code;
    if (code != kTfliteOpConv2d && code != kTfliteOpFullyConnected) continue;
    out->emplace_back();
    out->back().op = op;
    Layer l;
    l.hessian = &out->back();
    if (!describe_layer(model, op, tensor_map, &l, error) || l.blob_input < 0 || l.blob_output < 0 ||
        l.hessian->cols > kMaxHessianCols ||
        doubles + static_cast<size_t>(l.hessian->cols) * static_cast<size_t>(l.hessian->cols) > kMaxHessianDoubles) {
      out->pop_back();
      continue;
    }
    doubles += static_cast<size_t>(l.hessian->cols) * static_cast<size_t>(l.hessian->cols);
    out->back().h.assign(static_cast<size_t>(l.hessian->cols) * static_cast<size_t>(l.hessian->cols), 0.0);
    c.layers.push_back(l);
  }
  qrt_observer observer{&c, nullptr, on_op_end};
  qrt_options options{};
  options.observer = &observer;
  ModelFile file;
  HostSession session;
  if (!open_for_set(float_blob, &options, set, &file, &session, error)) return false;
  const uint32_t n = units_used(set, units);
  for (uint32_t u = 0; u < n; ++u) {
    uint32_t first = 0, count = 0;
    qrt_eval_set_unit_samples(&set, u, &first, &count);
    for (uint32_t s = first; s < first + count; ++s) {
      qrt_accept_feed(&set, s, session.get());
      if (!session.invoke(error)) return false;
    }
    if (progress) progress("layer inputs", u + 1, n);
  }
  for (LayerHessian& h : *out) {  // mirror the upper triangle
    const auto m = static_cast<size_t>(h.cols);
    for (size_t i = 0; i < m; ++i) {
      for (size_t j = 0; j < i; ++j) h.h[i * m + j] = h.h[j * m + i];
    }
  }
  return true;
}

}  // namespace host
}  // namespace qrt
