// Structural validation, second half (runtime/FORMAT.md, "Operators" and "Graph"): operator
// records, tensor references, def-before-use, single writers, lifetimes and the activation plan.
//
// Cost: every check here is O(1) per tensor reference (a bounded scan of one operator's at most
// 12 tensors, or of the at most 64 graph inputs/outputs), because the format makes the writer of a
// tensor findable without a search: an activation tensor written by operator i has first_op == i.
// The plan check (check_plan) is a sweep over operators with a segment tree over the tensors
// sorted by arena offset, O((tensors + references) log tensors), in a workspace the caller gives
// (the session's arena; no heap).
#include <string.h>

#include "validate_util.h"

namespace qrt {
namespace {

using format::OperatorRecord;
using format::TensorRecord;
using validate::fail;
using validate::in_range;
using validate::op_error;
using validate::tensor_error;

// A span [first, first + count) of the Indices section.
bool valid_span(const BlobView& v, uint32_t first, uint32_t count) {
  return in_range(first, count, v.index_count);
}

bool in_list(const BlobView& v, uint32_t first, uint32_t count, int32_t t) {
  for (uint32_t i = 0; i < count; ++i) {
    if (v.indices[first + i] == t) return true;
  }
  return false;
}

bool is_graph_input(const BlobView& v, int32_t t) {
  return in_list(v, v.graph->inputs, v.graph->input_count, t);
}

bool is_graph_output(const BlobView& v, int32_t t) {
  return in_list(v, v.graph->outputs, v.graph->output_count, t);
}

bool writes(const OperatorRecord& o, const BlobView& v, int32_t t) {
  return in_list(v, o.outputs, o.output_count, t);
}

bool references(const OperatorRecord& o, const BlobView& v, int32_t t) {
  return writes(o, v, t) || in_list(v, o.inputs, o.input_count, t);
}

// Whether activation tensor t has a writer: by the format's rule it can only be operator first_op.
bool is_written(const BlobView& v, int32_t t) {
  return writes(v.ops[v.tensors[t].first_op], v, t);
}

// The record itself: arity, index spans, flags and parameter range. Runs for every operator
// before check_operator_links, which follows tensor indices into other operators' spans.
qrt_status check_operator_record(const BlobView& v, uint32_t i, qrt_error* err) {
  const OperatorRecord& o = v.ops[i];
  if (o.input_count > format::kMaxOperatorInputs || o.output_count == 0 ||
      o.output_count > format::kMaxOperatorOutputs || !valid_span(v, o.inputs, o.input_count) ||
      !valid_span(v, o.outputs, o.output_count) || (o.flags & ~format::kOpInPlace) != 0) {
    op_error(err, QRT_ERR_BAD_OPERATOR, i).text("arity, index span or flags out of range");
    return QRT_ERR_BAD_OPERATOR;
  }
  const bool no_params = o.params == format::kNone;
  if ((no_params && o.params_bytes != 0) ||
      (!no_params && (o.params % 4u != 0 || !in_range(o.params, o.params_bytes, v.params_bytes)))) {
    op_error(err, QRT_ERR_BAD_OPERATOR, i).text("parameter block out of range");
    return QRT_ERR_BAD_OPERATOR;
  }
  for (uint32_t k = 0; k < o.input_count + o.output_count; ++k) {
    const bool input = k < o.input_count;
    const int32_t t = v.indices[input ? o.inputs + k : o.outputs + (k - o.input_count)];
    if (input && t == -1) continue;  // optional input absent
    if (t < 0 || static_cast<uint32_t>(t) >= v.tensor_count) {
      op_error(err, QRT_ERR_BAD_INDEX, i).text("tensor index ").num(t).text(" out of range");
      return QRT_ERR_BAD_INDEX;
    }
  }
  return QRT_OK;
}

qrt_status check_graph_io(const BlobView& v, qrt_error* err) {
  const format::GraphRecord& g = *v.graph;
  if (g.reserved[0] != 0 || g.reserved[1] != 0 || g.input_count == 0 || g.output_count == 0 ||
      g.input_count > format::kMaxGraphInputs || g.output_count > format::kMaxGraphOutputs ||
      !valid_span(v, g.inputs, g.input_count) || !valid_span(v, g.outputs, g.output_count)) {
    return fail(err, QRT_ERR_BAD_GRAPH,
                "graph input/output lists are empty, longer than 64 or out of range");
  }
  for (uint32_t i = 0; i < g.input_count + g.output_count; ++i) {
    const bool input = i < g.input_count;
    const int32_t t = v.indices[input ? g.inputs + i : g.outputs + (i - g.input_count)];
    if (t < 0 || static_cast<uint32_t>(t) >= v.tensor_count ||
        v.tensors[t].kind != format::kTensorActivation) {
      return fail(err, QRT_ERR_BAD_GRAPH, "a graph input/output is not an activation tensor", -1, t);
    }
    const TensorRecord& r = v.tensors[t];
    if (input && (r.first_op != 0 || is_written(v, t))) {
      return fail(err, QRT_ERR_BAD_PLAN,
                  "a graph input must be live from operator 0 and written by no operator", -1, t);
    }
    if (!input && r.last_op != v.op_count - 1) {
      return fail(err, QRT_ERR_BAD_PLAN, "a graph output must be live until the last operator", -1, t);
    }
    if (!input && !is_written(v, t) && !is_graph_input(v, t)) {
      return fail(err, QRT_ERR_BAD_GRAPH, "a graph output is written by no operator", -1, t);
    }
  }
  return QRT_OK;
}

// Tensor references of operator i: outputs writable, lifetimes covering the use, the writer rule
// (first_op == i, so each activation has one writer), reads only of graph inputs or of tensors
// an earlier operator wrote (no cycles), and the in-place flag's pairing.
qrt_status check_operator_links(const BlobView& v, uint32_t i, qrt_error* err) {
  const OperatorRecord& o = v.ops[i];
  for (uint32_t k = 0; k < o.input_count + o.output_count; ++k) {
    const bool input = k < o.input_count;
    const int32_t t = v.indices[input ? o.inputs + k : o.outputs + (k - o.input_count)];
    if (input && t == -1) continue;
    const TensorRecord& r = v.tensors[t];
    if (!input && r.kind == format::kTensorConstant) {
      op_error(err, QRT_ERR_BAD_OPERATOR, i).text("writes constant tensor ").num(t);
      return QRT_ERR_BAD_OPERATOR;
    }
    if (r.kind != format::kTensorActivation) continue;
    if (r.first_op > i || r.last_op < i) {
      op_error(err, QRT_ERR_BAD_PLAN, i).text("tensor ").num(t).text(" used outside its lifetime");
      return QRT_ERR_BAD_PLAN;
    }
    if (input && !is_graph_input(v, t) && (r.first_op >= i || !is_written(v, t))) {
      op_error(err, QRT_ERR_BAD_GRAPH, i).text("reads tensor ").num(t)
          .text(" before any operator writes it");
      return QRT_ERR_BAD_GRAPH;
    }
    if (!input && (r.first_op != i || is_graph_input(v, t))) {
      op_error(err, QRT_ERR_BAD_GRAPH, i).text("tensor ").num(t)
          .text(" is written by more than one operator, is a graph input, or its lifetime does "
                "not start at its writer");
      return QRT_ERR_BAD_GRAPH;
    }
  }
  if ((o.flags & format::kOpInPlace) != 0) {
    const int32_t in = o.input_count > 0 ? v.indices[o.inputs] : -1;
    const int32_t out = v.indices[o.outputs];
    const bool ok = in >= 0 && v.tensors[in].kind == format::kTensorActivation &&
                    v.tensors[out].kind == format::kTensorActivation &&
                    v.tensors[in].data_offset == v.tensors[out].data_offset &&
                    v.tensors[in].data_bytes == v.tensors[out].data_bytes &&
                    v.tensors[in].last_op == i && v.tensors[out].first_op == i &&
                    !is_graph_output(v, in);
    if (!ok) {
      op_error(err, QRT_ERR_BAD_PLAN, i).text("in-place flag without a matching input/output pair");
      return QRT_ERR_BAD_PLAN;
    }
  }
  return QRT_OK;
}

// An activation tensor's lifetime ends at the last operator that references it (or at the last
// operator for a graph output); an unreferenced tensor has lifetime [0, 0]. This is what lets the
// plan sweep find every tensor's end by looking only at operator last_op.
qrt_status check_lifetime_end(const BlobView& v, uint32_t t, qrt_error* err) {
  const TensorRecord& r = v.tensors[t];
  if (r.kind != format::kTensorActivation || r.last_op == 0) return QRT_OK;
  const int32_t ti = static_cast<int32_t>(t);
  if (references(v.ops[r.last_op], v, ti) || is_graph_output(v, ti)) return QRT_OK;
  tensor_error(err, QRT_ERR_BAD_PLAN, t).text("lifetime ends at operator ").num(r.last_op)
      .text(", which does not use it");
  return QRT_ERR_BAD_PLAN;
}

// ---- the plan sweep --------------------------------------------------------------------------
// Tensors of one kind sorted by (data_offset, index), and a max segment tree over that order
// holding each live tensor's end offset (0 = not live). A tensor [off, end) overlaps a live one
// exactly when some live tensor sorted before `end` ends after `off`: one prefix maximum.
struct Sweep {
  const BlobView* v;
  uint32_t* order;  // [n] tensor indices
  uint32_t* tree;   // [2n]: leaves at n..2n-1
  uint32_t n;
};

bool sorts_before(const BlobView& v, uint32_t a, uint32_t b) {
  const uint32_t oa = v.tensors[a].data_offset, ob = v.tensors[b].data_offset;
  return oa < ob || (oa == ob && a < b);
}

void sift_down(const Sweep& s, uint32_t root, uint32_t count) {
  for (;;) {
    uint32_t child = 2 * root + 1;
    if (child >= count) return;
    if (child + 1 < count && sorts_before(*s.v, s.order[child], s.order[child + 1])) ++child;
    if (!sorts_before(*s.v, s.order[root], s.order[child])) return;
    const uint32_t tmp = s.order[root];
    s.order[root] = s.order[child];
    s.order[child] = tmp;
    root = child;
  }
}

// Heapsort: in place, O(n log n), no recursion.
void sort_order(const Sweep& s) {
  for (uint32_t i = s.n / 2; i-- > 0;) sift_down(s, i, s.n);
  for (uint32_t end = s.n; end-- > 1;) {
    const uint32_t tmp = s.order[0];
    s.order[0] = s.order[end];
    s.order[end] = tmp;
    sift_down(s, 0, end);
  }
}

// Position of tensor t in the order (t is in it).
uint32_t position(const Sweep& s, uint32_t t) {
  uint32_t lo = 0, hi = s.n;
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (sorts_before(*s.v, t, s.order[mid])) hi = mid; else lo = mid;
  }
  return lo;
}

// Number of sorted tensors whose data starts before `offset`.
uint32_t count_starting_before(const Sweep& s, uint64_t offset) {
  uint32_t lo = 0, hi = s.n;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (s.v->tensors[s.order[mid]].data_offset < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

void set_live_end(const Sweep& s, uint32_t t, uint32_t end) {
  uint32_t i = position(s, t) + s.n;
  s.tree[i] = end;
  for (i >>= 1; i >= 1; i >>= 1) {
    const uint32_t a = s.tree[2 * i], b = s.tree[2 * i + 1];
    s.tree[i] = a > b ? a : b;
  }
}

uint32_t prefix_max(const Sweep& s, uint32_t count) {
  uint32_t best = 0;
  for (uint32_t l = s.n, r = s.n + count; l < r; l >>= 1, r >>= 1) {
    if ((l & 1u) != 0) { const uint32_t x = s.tree[l++]; if (x > best) best = x; }
    if ((r & 1u) != 0) { const uint32_t x = s.tree[--r]; if (x > best) best = x; }
  }
  return best;
}

// Makes tensor t live, failing if its bytes meet those of a tensor already live.
qrt_status make_live(const Sweep& s, uint32_t t, qrt_error* err) {
  const TensorRecord& r = s.v->tensors[t];
  const uint32_t end = r.data_offset + r.data_bytes;  // within a uint32 region (check_tensor)
  const uint32_t before = count_starting_before(s, end);
  if (prefix_max(s, before) > r.data_offset) {
    uint32_t other = t;  // the culprit, for the message only
    for (uint32_t j = 0; j < before; ++j) {
      if (s.tree[s.n + j] > r.data_offset) other = s.order[j];
    }
    set_error_location(err, -1, static_cast<int32_t>(t));
    ErrorMessage(err, QRT_ERR_BAD_PLAN).text("tensors ").num(other).text(" and ").num(t)
        .text(" are live together but share arena bytes");
    return QRT_ERR_BAD_PLAN;
  }
  set_live_end(s, t, end);
  return QRT_OK;
}

Sweep make_sweep(const BlobView& v, uint32_t kind, uint32_t count, void* workspace) {
  Sweep s;
  s.v = &v;
  s.order = static_cast<uint32_t*>(workspace);
  s.tree = s.order + count;
  s.n = count;
  uint32_t k = 0;
  for (uint32_t t = 0; t < v.tensor_count; ++t) {
    if (v.tensors[t].kind == kind) s.order[k++] = t;
  }
  memset(s.tree, 0, sizeof(uint32_t) * 2u * count);
  sort_order(s);
  return s;
}

qrt_status sweep_activations(const BlobView& v, void* workspace, qrt_error* err) {
  const Sweep s = make_sweep(v, format::kTensorActivation, v.activation_count, workspace);
  const format::GraphRecord& g = *v.graph;
  for (uint32_t k = 0; k < g.input_count; ++k) {
    const qrt_status st = make_live(s, static_cast<uint32_t>(v.indices[g.inputs + k]), err);
    if (st != QRT_OK) return st;
  }
  for (uint32_t i = 0; i < v.op_count; ++i) {
    const OperatorRecord& o = v.ops[i];
    for (uint32_t k = 0; k < o.output_count; ++k) {
      const int32_t t = v.indices[o.outputs + k];
      if (v.tensors[t].kind != format::kTensorActivation) continue;
      // The in-place pair: input 0 hands its bytes to output 0 (check_operator_links proved it).
      if (k == 0 && (o.flags & format::kOpInPlace) != 0) {
        set_live_end(s, static_cast<uint32_t>(v.indices[o.inputs]), 0);
      }
      const qrt_status st = make_live(s, static_cast<uint32_t>(t), err);
      if (st != QRT_OK) return st;
    }
    // Ends after the operator: its tensors whose lifetime stops here, and on operator 0 graph
    // inputs nobody reads (lifetime [0, 0]).
    for (uint32_t k = 0; k < o.input_count + o.output_count; ++k) {
      const int32_t t = v.indices[k < o.input_count ? o.inputs + k : o.outputs + (k - o.input_count)];
      if (t < 0 || v.tensors[t].kind != format::kTensorActivation) continue;
      if (v.tensors[t].last_op == i) set_live_end(s, static_cast<uint32_t>(t), 0);
    }
    for (uint32_t k = 0; i == 0 && k < g.input_count; ++k) {
      const int32_t t = v.indices[g.inputs + k];
      if (v.tensors[t].last_op == 0) set_live_end(s, static_cast<uint32_t>(t), 0);
    }
  }
  return QRT_OK;
}

qrt_status sweep_persistent(const BlobView& v, void* workspace, qrt_error* err) {
  const Sweep s = make_sweep(v, format::kTensorPersistent, v.persistent_count, workspace);
  for (uint32_t k = 0; k < s.n; ++k) {  // all live for the whole session
    const qrt_status st = make_live(s, s.order[k], err);
    if (st != QRT_OK) return st;
  }
  return QRT_OK;
}

}  // namespace

qrt_status check_graph(const BlobView& v, qrt_error* err) {
  qrt_status s = QRT_OK;
  for (uint32_t i = 0; s == QRT_OK && i < v.op_count; ++i) s = check_operator_record(v, i, err);
  if (s == QRT_OK) s = check_graph_io(v, err);
  for (uint32_t i = 0; s == QRT_OK && i < v.op_count; ++i) s = check_operator_links(v, i, err);
  for (uint32_t t = 0; s == QRT_OK && t < v.tensor_count; ++t) s = check_lifetime_end(v, t, err);
  return s;
}

size_t plan_check_workspace_bytes(const BlobView& v) {
  const uint32_t n = v.activation_count > v.persistent_count ? v.activation_count : v.persistent_count;
  return align16(size_t{n} * 3u * sizeof(uint32_t));
}

qrt_status check_plan(const BlobView& v, void* workspace, qrt_error* err) {
  const qrt_status s = sweep_activations(v, workspace, err);
  return s == QRT_OK ? sweep_persistent(v, workspace, err) : s;
}

}  // namespace qrt
