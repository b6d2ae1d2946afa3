// Sessions: memory planning, creation inside the caller's arena, invoke, tensor views.
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "qrt/plan_target.h"

struct qrt_session {
  qrt::BlobView blob;
  qrt::IsaSet isas;
  qrt_observer observer;
  bool has_observer;
  void** tensor_data;        // [tensor_count]
  qrt::EvalFn* evals;        // [op_count]
  uint8_t* persistent;
  uint8_t* scratch;
  qrt_memory_report memory;
};

namespace qrt {
namespace {

// The kernel variants a session runs: the target's, or the reference alone on request.
IsaSet session_isas(const qrt_options* options) {
  if (options != nullptr && options->use_reference_kernels != 0) return kReferenceOnly;
  return target_isas();
}

// sizeof(qrt_session) on a target with this pointer size (ILP32 or LP64, the ABIs of every qrt
// target), so that a host plans a device's arena exactly; the static_assert after the struct's
// uses below keeps it true on every target this file is compiled for.
constexpr uint64_t session_state_bytes(uint32_t pointer_bytes) {
  return pointer_bytes == 4 ? 168u : 320u;
}

// Where the parts of the arena start, from the blob's counts and the largest scratch need. Sums
// of blob values (each up to 4 GiB) are made in 64 bits and must fit the target's size_t: on a
// 32-bit target two large regions would otherwise wrap to a small total.
struct ArenaLayout {
  size_t tensor_table;
  size_t eval_table;
  size_t persistent;
  size_t activations;
  size_t scratch;
  size_t total;
  size_t plan_workspace;  // bytes at tensor_table the plan check uses before anything else
};

uint64_t align16_u64(uint64_t v) { return (v + 15u) & ~uint64_t{15}; }

qrt_status layout_arena(const BlobView& v, uint32_t scratch_bytes, uint32_t pointer_bytes,
                        ArenaLayout* l, qrt_error* err) {
  // Tensor table: one data pointer per tensor; eval table: one function pointer per operator.
  const uint64_t tensor_table = align16_u64(session_state_bytes(pointer_bytes));
  const uint64_t eval_table = tensor_table + align16_u64(uint64_t{pointer_bytes} * v.tensor_count);
  const uint64_t persistent = eval_table + align16_u64(uint64_t{pointer_bytes} * v.op_count);
  const uint64_t activations = persistent + align16_u64(v.graph->persistent_bytes);
  const uint64_t activations_end = activations + v.graph->activation_bytes;
  // Without scratch the arena ends exactly at the last planned activation byte.
  const uint64_t scratch = align16_u64(activations_end);
  uint64_t total = scratch_bytes == 0 ? activations_end : scratch + scratch_bytes;
  const uint64_t workspace = plan_check_workspace_bytes(v);
  if (tensor_table + workspace > total) total = tensor_table + workspace;
  const uint64_t address_space_max = pointer_bytes == 4 ? UINT32_MAX : UINT64_MAX;
  if (total > address_space_max || total > SIZE_MAX) {
    ErrorMessage(err, QRT_ERR_BAD_PLAN).text("the arena (").num(static_cast<int64_t>(total))
        .text(" bytes) exceeds this target's address space");
    return QRT_ERR_BAD_PLAN;
  }
  l->tensor_table = static_cast<size_t>(tensor_table);
  l->eval_table = static_cast<size_t>(eval_table);
  l->persistent = static_cast<size_t>(persistent);
  l->activations = static_cast<size_t>(activations);
  l->scratch = static_cast<size_t>(scratch);
  l->total = static_cast<size_t>(total);
  l->plan_workspace = static_cast<size_t>(workspace);
  return QRT_OK;
}

// Fills the arena with this byte at create so that qrt_session_memory can measure the highest
// byte really written (a byte written with this very value at the top reads as unused).
constexpr uint8_t kArenaPaint = 0xA5;

size_t measured_high_water(const qrt_session* s) {
  const auto* base = reinterpret_cast<const uint8_t*>(s);
  size_t top = s->memory.arena_bytes;
  while (top > 0 && base[top - 1] == kArenaPaint) --top;
  return top;
}

void fill_report(const BlobView& v, const ArenaLayout& l, uint32_t scratch_bytes,
                 qrt_memory_report* r) {
  memset(r, 0, sizeof *r);
  r->runtime_state_bytes = l.persistent;
  r->persistent_bytes = l.activations - l.persistent;
  r->activation_bytes = v.graph->activation_bytes;
  r->scratch_bytes = scratch_bytes;
  r->plan_check_bytes = l.plan_workspace;
  r->arena_bytes = l.total;
  r->blob_bytes = v.total_bytes;
  for (uint32_t t = 0; t < v.tensor_count; ++t) {
    const format::TensorRecord& rec = v.tensors[t];
    if (rec.kind == format::kTensorConstant) r->constant_bytes += rec.data_bytes;
    if (rec.kind == format::kTensorActivation) r->naive_activation_bytes += rec.data_bytes;
  }
  const format::GraphRecord& g = *v.graph;
  for (uint32_t i = 0; i < g.input_count + g.output_count; ++i) {
    const int32_t t = v.indices[i < g.input_count ? g.inputs + i : g.outputs + (i - g.input_count)];
    r->io_bytes += v.tensors[t].data_bytes;
  }
}

qrt_status plan(const void* blob, size_t blob_bytes, const qrt_options* options, IsaSet isas,
                BlobView* v, uint32_t* scratch_bytes, qrt_error* err) {
  const bool check_crc = options == nullptr || options->skip_checksum == 0;
  qrt_status s = validate_blob(blob, blob_bytes, check_crc, v, err);
  if (s != QRT_OK) return s;
  return prepare_operators(*v, options, isas, scratch_bytes, err);
}

// Persistent state as TFLM starts and resets its variable tensors: an int8 tensor holds its
// (first) zero point, every other byte is 0.
void reset_persistent(qrt_session* s) {
  const BlobView& v = s->blob;
  memset(s->persistent, 0, v.graph->persistent_bytes);
  for (uint32_t t = 0; t < v.tensor_count; ++t) {
    const format::TensorRecord& r = v.tensors[t];
    if (r.kind != format::kTensorPersistent || r.dtype != QRT_DTYPE_INT8 || r.quant == format::kNone) continue;
    const auto* q = reinterpret_cast<const format::QuantRecord*>(v.quant + r.quant);
    const int32_t zero_point = reinterpret_cast<const int32_t*>(q + 1)[q->count];
    memset(s->persistent + r.data_offset, zero_point, r.data_bytes);
  }
}

void fill_view(const qrt_session* s, int32_t t, qrt_tensor_view* view) {
  const format::TensorRecord& r = s->blob.tensors[t];
  memset(view, 0, sizeof *view);
  view->data = s->tensor_data[t];
  view->bytes = r.data_bytes;
  view->dtype = static_cast<qrt_dtype>(r.dtype);
  view->rank = static_cast<int32_t>(r.rank);
  for (int i = 0; i < QRT_MAX_RANK; ++i) view->dims[i] = r.dims[i];
  view->name = r.name == format::kNone ? "" : s->blob.strings + r.name;
  if (r.quant != format::kNone) {
    const auto* q = reinterpret_cast<const format::QuantRecord*>(s->blob.quant + r.quant);
    view->quant.kind = static_cast<qrt_quant_kind>(q->kind);
    view->quant.axis = q->axis;
    view->quant.group_size = static_cast<int32_t>(q->group_size);
    view->quant.count = static_cast<int32_t>(q->count);
    view->quant.scales = quant_scales(q);
    view->quant.zero_points = quant_zero_points(q);
  }
}

}  // namespace

const OpImpl* find_op_impl(const qrt_options* options, uint32_t op_code, uint32_t dtype) {
  const qrt_op_table* fallback = qrt_default_op_table();
  const qrt_op_table* const* tables = &fallback;
  int32_t count = 1;
  if (options != nullptr && options->op_tables != nullptr && options->op_table_count > 0) {
    tables = options->op_tables;
    count = options->op_table_count;
  }
  for (int32_t t = 0; t < count; ++t) {
    if (tables[t] == nullptr) continue;
    for (int32_t i = 0; i < tables[t]->count; ++i) {
      const OpImpl* impl = tables[t]->ops[i];
      if (impl->op_code == op_code && impl->input_dtype == dtype) return impl;
    }
  }
  return nullptr;
}

void make_op_context(const BlobView& v, uint32_t i, void* const* data, void* scratch,
                     IsaSet isas, OpContext* ctx) {
  const format::OperatorRecord& o = v.ops[i];
  ctx->op = &o;
  ctx->op_index = static_cast<int32_t>(i);
  ctx->inputs = v.indices + o.inputs;
  ctx->outputs = v.indices + o.outputs;
  ctx->tensors = v.tensors;
  ctx->quant_section = v.quant;
  ctx->data_section = v.data;
  ctx->data = data;
  ctx->params = o.params == format::kNone ? nullptr : v.params + o.params;
  ctx->params_bytes = o.params_bytes;
  ctx->scratch = scratch;
  ctx->isas = isas;
}

qrt_status prepare_operators(const BlobView& v, const qrt_options* options,
                             IsaSet isas, uint32_t* max_scratch_bytes, qrt_error* err) {
  uint32_t max_scratch = 0;
  for (uint32_t i = 0; i < v.op_count; ++i) {
    const format::OperatorRecord& o = v.ops[i];
    const int32_t first = o.input_count > 0 ? v.indices[o.inputs] : v.indices[o.outputs];
    const uint32_t dtype = dispatch_dtype(o, v.indices, v.tensors);
    const OpInfo* info = op_info(o.op_code);
    if (info != nullptr && (o.input_count < info->min_inputs || o.input_count > info->max_inputs ||
                            o.output_count != info->outputs)) {
      set_error_location(err, static_cast<int32_t>(i), -1);
      ErrorMessage(err, QRT_ERR_BAD_OPERATOR).text("operator ").num(i).text(" (").text(info->name)
          .text(") has ").num(o.input_count).text(" inputs and ").num(o.output_count)
          .text(" outputs; it takes ").num(info->min_inputs).text("..").num(info->max_inputs)
          .text(" and ").num(info->outputs);
      return QRT_ERR_BAD_OPERATOR;
    }
    const OpImpl* impl = info != nullptr ? find_op_impl(options, o.op_code, dtype) : nullptr;
    if (impl == nullptr) {
      set_error_location(err, static_cast<int32_t>(i), first);
      ErrorMessage(err, QRT_ERR_UNSUPPORTED_OP).text("operator ").num(i).text(" (")
          .text(op_code_name(o.op_code)).text(") has no kernel for input dtype ")
          .num(dtype & ~kInt4WeightsDtype)
          .text((dtype & kInt4WeightsDtype) != 0 ? " with INT4 weights" : "");
      return QRT_ERR_UNSUPPORTED_OP;
    }
    if ((o.flags & format::kOpInPlace) != 0 && info->in_place == 0) {
      set_error_location(err, static_cast<int32_t>(i), -1);
      ErrorMessage(err, QRT_ERR_BAD_PLAN).text("operator ").num(i).text(" (")
          .text(op_code_name(o.op_code)).text(") cannot run in place");
      return QRT_ERR_BAD_PLAN;
    }
    OpContext ctx;
    make_op_context(v, i, nullptr, nullptr, isas, &ctx);
    uint32_t scratch = 0;
    const qrt_status s = impl->prepare(ctx, &scratch, err);
    if (s != QRT_OK) {
      set_error_location(err, static_cast<int32_t>(i), err != nullptr ? err->tensor_index : -1);
      return s;
    }
    if (scratch > max_scratch) max_scratch = scratch;
  }
  *max_scratch_bytes = max_scratch;
  return QRT_OK;
}

static_assert(sizeof(qrt_session) == session_state_bytes(sizeof(void*)),
              "session_state_bytes() must give this target's sizeof(qrt_session)");
static_assert(sizeof(EvalFn) == sizeof(void*) && sizeof(void*) == sizeof(size_t),
              "the tables hold one pointer per entry (layout_arena)");

PlanTarget running_target(const qrt_options* options) {
  return PlanTarget{session_isas(options), static_cast<uint32_t>(sizeof(void*))};
}

qrt_status plan_memory_for(const void* blob, size_t blob_bytes, const qrt_options* options,
                           const PlanTarget& target, qrt_memory_report* report, qrt_error* err) {
  if (report == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (target.pointer_bytes != 4 && target.pointer_bytes != 8) {
    ErrorMessage(err, QRT_ERR_BAD_ARGUMENT).text("pointer size ").num(target.pointer_bytes)
        .text(" (4 or 8)");
    return QRT_ERR_BAD_ARGUMENT;
  }
  BlobView v;
  uint32_t scratch = 0;
  const qrt_status s = plan(blob, blob_bytes, options, target.isas, &v, &scratch, err);
  if (s != QRT_OK) return s;
  ArenaLayout l;
  const qrt_status ls = layout_arena(v, scratch, target.pointer_bytes, &l, err);
  if (ls != QRT_OK) return ls;
  fill_report(v, l, scratch, report);
  return QRT_OK;
}

}  // namespace qrt

using namespace qrt;

extern "C" qrt_status qrt_plan_memory(const void* blob, size_t blob_bytes,
                                      const qrt_options* options, qrt_memory_report* report,
                                      qrt_error* err) {
  return plan_memory_for(blob, blob_bytes, options, running_target(options), report, err);
}

extern "C" qrt_status qrt_session_create(const void* blob, size_t blob_bytes,
                                         const qrt_options* options, void* arena,
                                         size_t arena_bytes, qrt_session** session,
                                         qrt_error* err) {
  if (session == nullptr) return QRT_ERR_NULL_ARGUMENT;
  *session = nullptr;
  if (arena == nullptr) {
    ErrorMessage(err, QRT_ERR_NULL_ARGUMENT).text("arena is NULL");
    return QRT_ERR_NULL_ARGUMENT;
  }
  if (reinterpret_cast<uintptr_t>(arena) % 16u != 0) {
    ErrorMessage(err, QRT_ERR_ARENA_ALIGNMENT).text("the arena must start on a 16-byte boundary");
    return QRT_ERR_ARENA_ALIGNMENT;
  }
  BlobView v;
  uint32_t scratch = 0;
  const IsaSet isas = session_isas(options);
  qrt_status s = plan(blob, blob_bytes, options, isas, &v, &scratch, err);
  if (s != QRT_OK) return s;
  ArenaLayout l;
  s = layout_arena(v, scratch, static_cast<uint32_t>(sizeof(void*)), &l, err);
  if (s != QRT_OK) return s;
  if (arena_bytes < l.total) {
    ErrorMessage(err, QRT_ERR_ARENA_TOO_SMALL).text("the model needs ")
        .num(static_cast<int64_t>(l.total)).text(" arena bytes, ")
        .num(static_cast<int64_t>(arena_bytes)).text(" given");
    return QRT_ERR_ARENA_TOO_SMALL;
  }
  auto* base = static_cast<uint8_t*>(arena);
  memset(base, kArenaPaint, l.total);
  // The plan check's workspace lies where the tables and regions go next (so it costs no arena
  // beyond the largest of them) and counts in the measured high-water mark.
  s = check_plan(v, base + l.tensor_table, err);
  if (s != QRT_OK) return s;
  auto* ses = reinterpret_cast<qrt_session*>(base);
  memset(ses, 0, sizeof *ses);
  ses->blob = v;
  ses->isas = isas;
  if (options != nullptr && options->observer != nullptr) {
    ses->observer = *options->observer;
    ses->has_observer = true;
  }
  ses->tensor_data = reinterpret_cast<void**>(base + l.tensor_table);
  ses->evals = reinterpret_cast<EvalFn*>(base + l.eval_table);
  ses->persistent = base + l.persistent;
  ses->scratch = scratch == 0 ? nullptr : base + l.scratch;
  uint8_t* activations = base + l.activations;
  for (uint32_t t = 0; t < v.tensor_count; ++t) {
    const format::TensorRecord& r = v.tensors[t];
    uint8_t* where = nullptr;
    if (r.kind == format::kTensorConstant) where = const_cast<uint8_t*>(v.data) + r.data_offset;
    if (r.kind == format::kTensorActivation) where = activations + r.data_offset;
    if (r.kind == format::kTensorPersistent) where = ses->persistent + r.data_offset;
    ses->tensor_data[t] = where;
  }
  // The implementations were found during planning; look them up again into the eval table
  // (cheaper in arena bytes than keeping OpImpl pointers and the lookup is load-time only).
  for (uint32_t i = 0; i < v.op_count; ++i) {
    const format::OperatorRecord& o = v.ops[i];
    ses->evals[i] = find_op_impl(options, o.op_code, dispatch_dtype(o, v.indices, v.tensors))->eval;
  }
  reset_persistent(ses);
  fill_report(v, l, scratch, &ses->memory);
  *session = ses;
  return QRT_OK;
}

extern "C" qrt_status qrt_session_invoke(qrt_session* s) {
  if (s == nullptr) return QRT_ERR_NULL_ARGUMENT;
  OpContext ctx;
  for (uint32_t i = 0; i < s->blob.op_count; ++i) {
    make_op_context(s->blob, i, s->tensor_data, s->scratch, s->isas, &ctx);
    if (s->has_observer && s->observer.op_begin != nullptr) {
      s->observer.op_begin(s->observer.user, s, static_cast<int32_t>(i));
    }
    s->evals[i](ctx);
    if (s->has_observer && s->observer.op_end != nullptr) {
      s->observer.op_end(s->observer.user, s, static_cast<int32_t>(i));
    }
  }
  return QRT_OK;
}

extern "C" qrt_status qrt_session_reset_state(qrt_session* s) {
  if (s == nullptr) return QRT_ERR_NULL_ARGUMENT;
  reset_persistent(s);
  return QRT_OK;
}

extern "C" int32_t qrt_session_input_count(const qrt_session* s) {
  return s == nullptr ? 0 : static_cast<int32_t>(s->blob.graph->input_count);
}
extern "C" int32_t qrt_session_output_count(const qrt_session* s) {
  return s == nullptr ? 0 : static_cast<int32_t>(s->blob.graph->output_count);
}
extern "C" int32_t qrt_session_tensor_count(const qrt_session* s) {
  return s == nullptr ? 0 : static_cast<int32_t>(s->blob.tensor_count);
}
extern "C" int32_t qrt_session_op_count(const qrt_session* s) {
  return s == nullptr ? 0 : static_cast<int32_t>(s->blob.op_count);
}

extern "C" qrt_status qrt_session_input(const qrt_session* s, int32_t index, qrt_tensor_view* view) {
  if (s == nullptr || view == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (index < 0 || static_cast<uint32_t>(index) >= s->blob.graph->input_count) return QRT_ERR_BAD_INDEX;
  fill_view(s, s->blob.indices[s->blob.graph->inputs + static_cast<uint32_t>(index)], view);
  return QRT_OK;
}

extern "C" qrt_status qrt_session_output(const qrt_session* s, int32_t index, qrt_tensor_view* view) {
  if (s == nullptr || view == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (index < 0 || static_cast<uint32_t>(index) >= s->blob.graph->output_count) return QRT_ERR_BAD_INDEX;
  fill_view(s, s->blob.indices[s->blob.graph->outputs + static_cast<uint32_t>(index)], view);
  return QRT_OK;
}

extern "C" qrt_status qrt_session_tensor(const qrt_session* s, int32_t index, qrt_tensor_view* view) {
  if (s == nullptr || view == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (index < 0 || static_cast<uint32_t>(index) >= s->blob.tensor_count) return QRT_ERR_BAD_INDEX;
  fill_view(s, index, view);
  return QRT_OK;
}

extern "C" qrt_status qrt_session_op_info(const qrt_session* s, int32_t op_index, int32_t* op_code,
                                          int32_t* input_count, const int32_t** inputs,
                                          int32_t* output_count, const int32_t** outputs) {
  if (s == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (op_index < 0 || static_cast<uint32_t>(op_index) >= s->blob.op_count) return QRT_ERR_BAD_INDEX;
  const format::OperatorRecord& o = s->blob.ops[op_index];
  if (op_code != nullptr) *op_code = static_cast<int32_t>(o.op_code);
  if (input_count != nullptr) *input_count = static_cast<int32_t>(o.input_count);
  if (inputs != nullptr) *inputs = s->blob.indices + o.inputs;
  if (output_count != nullptr) *output_count = static_cast<int32_t>(o.output_count);
  if (outputs != nullptr) *outputs = s->blob.indices + o.outputs;
  return QRT_OK;
}

extern "C" qrt_status qrt_session_memory(const qrt_session* s, qrt_memory_report* report) {
  if (s == nullptr || report == nullptr) return QRT_ERR_NULL_ARGUMENT;
  *report = s->memory;
  report->arena_high_water = measured_high_water(s);
  return QRT_OK;
}

extern "C" qrt_status qrt_blob_metadata(const void* blob, size_t blob_bytes, const char* key,
                                        const char** value) {
  if (blob == nullptr || key == nullptr || value == nullptr) return QRT_ERR_NULL_ARGUMENT;
  BlobView v;
  const qrt_status s = validate_blob(blob, blob_bytes, false, &v, nullptr);
  if (s != QRT_OK) return s;
  uint32_t off = 0;
  for (uint32_t i = 0; i < v.metadata_count; ++i) {
    const char* k = v.metadata + off;
    off += static_cast<uint32_t>(strlen(k)) + 1u;
    const char* val = v.metadata + off;
    off += static_cast<uint32_t>(strlen(val)) + 1u;
    if (strcmp(k, key) == 0) {
      *value = val;
      return QRT_OK;
    }
  }
  return QRT_ERR_BAD_INDEX;
}
