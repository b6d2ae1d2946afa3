// Per-layer error of qrt_accept_run(): intermediate tensors of the quantized model against the
// float model's tensors of the same name. Both models run again (untimed, so the observers do not
// disturb the latency figures) with observers: the quantized model's copies each mapped tensor
// into the caller's layer buffer when its operator ends; the float model's compares its twin at
// the same point, before any later operator can reuse the bytes.
#include <string.h>

#include "accept_internal.h"
#include "run_io.h"

namespace qrt {
namespace accept {
namespace {

constexpr uint32_t kMaxLayers = QRT_ACCEPT_MAX_TENSORS;

struct Layer {
  int32_t q_tensor, f_tensor;
  uint32_t offset, bytes, elements;
  qrt_dtype dtype;
  float scale;
  int32_t zero_point;
};

struct Layers {
  Layer layer[kMaxLayers];
  qrt_tensor_error_acc acc[kMaxLayers];
  uint32_t count;
  uint8_t* buffer;
};

bool in_arena(const qrt_tensor_view& v, const qrt_accept_model& m) {
  const uint8_t* p = static_cast<const uint8_t*>(v.data);
  const uint8_t* a = static_cast<const uint8_t*>(m.arena);
  return p != nullptr && p >= a && p + v.bytes <= a + m.arena_bytes;
}

bool is_graph_io(qrt_session* s, const char* name) {
  qrt_tensor_view v;
  for (int32_t i = 0; i < qrt_session_input_count(s); ++i) {
    if (qrt_session_input(s, i, &v) == QRT_OK && strcmp(v.name, name) == 0) return true;
  }
  for (int32_t i = 0; i < qrt_session_output_count(s); ++i) {
    if (qrt_session_output(s, i, &v) == QRT_OK && strcmp(v.name, name) == 0) return true;
  }
  return false;
}

// Calls fn(tensor index) for each output tensor of the operator that just ended.
template <typename Fn>
void for_outputs(const qrt_session* s, int32_t op, Fn fn) {
  int32_t code = 0, nin = 0, nout = 0;
  const int32_t *ins = nullptr, *outs = nullptr;
  if (qrt_session_op_info(s, op, &code, &nin, &ins, &nout, &outs) != QRT_OK) return;
  for (int32_t k = 0; k < nout; ++k) fn(outs[k]);
}

void quant_op_end(void* user, const qrt_session* s, int32_t op) {
  Layers* l = static_cast<Layers*>(user);
  for_outputs(s, op, [&](int32_t t) {
    for (uint32_t i = 0; i < l->count; ++i) {
      if (l->layer[i].q_tensor != t) continue;
      qrt_tensor_view v;
      qrt_session_tensor(s, t, &v);
      memcpy(l->buffer + l->layer[i].offset, v.data, l->layer[i].bytes);
    }
  });
}

void float_op_end(void* user, const qrt_session* s, int32_t op) {
  Layers* l = static_cast<Layers*>(user);
  for_outputs(s, op, [&](int32_t t) {
    for (uint32_t i = 0; i < l->count; ++i) {
      const Layer& y = l->layer[i];
      if (y.f_tensor != t) continue;
      qrt_tensor_view v;
      qrt_session_tensor(s, t, &v);
      add_tensor_error_raw(&l->acc[i], l->buffer + y.offset, y.dtype, y.scale, y.zero_point,
                           static_cast<const float*>(v.data), y.elements);
    }
  });
}

}  // namespace

qrt_status compare_layers(const qrt_accept_config* cfg, uint32_t units, qrt_accept_results* res,
                          qrt_error* err) {
  // The bookkeeping (about 4 KB of accumulators) lives at the start of the caller's buffer, not on
  // the stack; the tensor copies follow it.
  const uintptr_t start = (reinterpret_cast<uintptr_t>(cfg->layer_buffer) + 15u) & ~uintptr_t{15u};
  const size_t skipped = start - reinterpret_cast<uintptr_t>(cfg->layer_buffer);
  const size_t header = (sizeof(Layers) + 15u) & ~size_t{15u};
  if (cfg->layer_buffer == nullptr || cfg->layer_buffer_bytes < skipped + header) return QRT_OK;
  Layers& l = *reinterpret_cast<Layers*>(start);
  memset(&l, 0, sizeof l);
  l.buffer = reinterpret_cast<uint8_t*>(start) + header;
  const size_t capacity = cfg->layer_buffer_bytes - skipped - header;
  qrt_session *q = nullptr, *f = nullptr;
  // Plain sessions first, to map tensors by name.
  qrt_status st = qrt_session_create(cfg->model.blob, cfg->model.blob_bytes, cfg->model.options,
                                     cfg->model.arena, cfg->model.arena_bytes, &q, err);
  if (st != QRT_OK) return st;
  st = qrt_session_create(cfg->float_model.blob, cfg->float_model.blob_bytes,
                          cfg->float_model.options, cfg->float_model.arena,
                          cfg->float_model.arena_bytes, &f, err);
  if (st != QRT_OK) return st;
  const uint32_t rows_left = QRT_ACCEPT_MAX_TENSORS - res->tensor_count;
  uint32_t used = 0;
  const int32_t qn = qrt_session_tensor_count(q), fn = qrt_session_tensor_count(f);
  for (int32_t ft = 0; ft < fn && l.count < rows_left; ++ft) {
    qrt_tensor_view fv;
    if (qrt_session_tensor(f, ft, &fv) != QRT_OK || fv.name == nullptr || fv.name[0] == 0 ||
        fv.dtype != QRT_DTYPE_FLOAT32 || !in_arena(fv, cfg->float_model) ||
        is_graph_io(f, fv.name)) {
      continue;
    }
    for (int32_t qt = 0; qt < qn; ++qt) {
      qrt_tensor_view qv;
      Layer y;
      if (qrt_session_tensor(q, qt, &qv) != QRT_OK || strcmp(qv.name, fv.name) != 0 ||
          !in_arena(qv, cfg->model) || view_elements(qv) != view_elements(fv) ||
          !view_affine(qv, &y.scale, &y.zero_point)) {
        continue;
      }
      const uint32_t offset = (used + 15u) & ~15u;
      if (offset + qv.bytes > capacity) break;  // does not fit: left out
      y.q_tensor = qt;
      y.f_tensor = ft;
      y.offset = offset;
      y.bytes = static_cast<uint32_t>(qv.bytes);
      y.elements = static_cast<uint32_t>(view_elements(qv));
      y.dtype = qv.dtype;
      used = offset + y.bytes;
      qrt_accept_tensor_result& row = res->tensors[res->tensor_count + l.count];
      copy_short_name(row.name, sizeof row.name, fv.name);
      row.is_output = 0;
      row.against_float_model = 1;
      l.layer[l.count++] = y;
      break;
    }
  }
  if (l.count == 0) return QRT_OK;

  // Sessions with observers, in the same arenas.
  const qrt_observer q_obs = {&l, nullptr, quant_op_end};
  const qrt_observer f_obs = {&l, nullptr, float_op_end};
  qrt_options qo, fo;
  memset(&qo, 0, sizeof qo);
  memset(&fo, 0, sizeof fo);
  if (cfg->model.options != nullptr) qo = *cfg->model.options;
  if (cfg->float_model.options != nullptr) fo = *cfg->float_model.options;
  qo.observer = &q_obs;
  fo.observer = &f_obs;
  if ((st = qrt_session_create(cfg->model.blob, cfg->model.blob_bytes, &qo, cfg->model.arena,
                               cfg->model.arena_bytes, &q, err)) != QRT_OK ||
      (st = qrt_session_create(cfg->float_model.blob, cfg->float_model.blob_bytes, &fo,
                               cfg->float_model.arena, cfg->float_model.arena_bytes, &f, err)) !=
          QRT_OK) {
    return st;
  }
  const qrt_eval_set* set = cfg->eval_set;
  for (uint32_t u = 0; u < units; ++u) {
    uint32_t first = 0, count = 0;
    qrt_eval_set_unit_samples(set, u, &first, &count);
    for (uint32_t s = first; s < first + count; ++s) {
      qrt_accept_feed(set, s, q);
      if ((st = qrt_session_invoke(q)) != QRT_OK) {
        return fail(err, st, -1, QRT_ACCEPT_MSG("invoke failed"));
      }
      qrt_accept_feed(set, s, f);
      if ((st = qrt_session_invoke(f)) != QRT_OK) {
        return fail(err, st, -1, QRT_ACCEPT_MSG("invoke failed"));
      }
    }
  }
  for (uint32_t i = 0; i < l.count; ++i) {
    qrt_tensor_error_finish(&l.acc[i], &res->tensors[res->tensor_count + i].error);
  }
  res->tensor_count += l.count;
  return QRT_OK;
}

}  // namespace accept
}  // namespace qrt
