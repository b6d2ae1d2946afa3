// Structural validation of an untrusted .qrt blob (runtime/FORMAT.md). Every offset, size, index,
// shape and quantization record is checked here, once, so that invoke can run without checks.
// All arithmetic on blob values is done in 64 bits so that no check can itself overflow.
#include <string.h>

#include "internal.h"

namespace qrt {
namespace {

using format::TensorRecord;

qrt_status fail(qrt_error* err, qrt_status status, const char* what, int32_t op = -1,
                int32_t tensor = -1) {
  ErrorMessage(err, status).text(what);
  set_error_location(err, op, tensor);
  return status;
}

ErrorMessage tensor_error(qrt_error* err, qrt_status status, uint32_t t) {
  set_error_location(err, -1, static_cast<int32_t>(t));
  ErrorMessage m(err, status);
  m.text("tensor ").num(t).text(": ");
  return m;
}

ErrorMessage op_error(qrt_error* err, qrt_status status, uint32_t op) {
  set_error_location(err, static_cast<int32_t>(op), -1);
  ErrorMessage m(err, status);
  m.text("operator ").num(op).text(": ");
  return m;
}

bool in_range(uint64_t offset, uint64_t size, uint64_t limit) {
  return offset <= limit && size <= limit - offset;
}

// Bytes of one element for fixed-size types, 0 for int4 (sized per row).
uint32_t element_size(uint32_t dtype) {
  switch (dtype) {
    case QRT_DTYPE_INT8:
    case QRT_DTYPE_UINT8: return 1;
    case QRT_DTYPE_INT16: return 2;
    case QRT_DTYPE_INT32:
    case QRT_DTYPE_FLOAT32: return 4;
    default: return 0;
  }
}

bool valid_dtype(uint32_t dtype) {
  return dtype == QRT_DTYPE_INT4 || element_size(dtype) != 0;
}

// Whether a zero point fits the storage type of the quantized values.
bool zero_point_fits(uint32_t dtype, int32_t zp) {
  switch (dtype) {
    case QRT_DTYPE_INT8: return zp >= -128 && zp <= 127;
    case QRT_DTYPE_UINT8: return zp >= 0 && zp <= 255;
    case QRT_DTYPE_INT4: return zp >= -8 && zp <= 7;
    case QRT_DTYPE_INT16: return zp >= -32768 && zp <= 32767;
    default: return true;  // int32 biases and float tensors may carry a record for reference
  }
}

bool finite_positive(float v) {
  uint32_t bits;
  memcpy(&bits, &v, 4);
  const bool finite = (bits & 0x7F800000u) != 0x7F800000u;
  return finite && v > 0.0f;
}

qrt_status read_sections(const uint8_t* base, uint32_t total, BlobView* v, qrt_error* err) {
  const auto* header = reinterpret_cast<const format::Header*>(base);
  const uint32_t count = header->section_count;
  if (count == 0 || count > 16) {
    return fail(err, QRT_ERR_BAD_SECTION, "section_count must be 1..16");
  }
  const uint64_t table_end = uint64_t{64} + uint64_t{count} * 16u;
  if (table_end > total) return fail(err, QRT_ERR_TRUNCATED, "section table past the end");
  const auto* table = reinterpret_cast<const format::SectionEntry*>(base + 64);
  uint32_t seen = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const format::SectionEntry& s = table[i];
    if (s.kind == 0 || s.kind > format::kSectionKindCount) {
      ErrorMessage(err, QRT_ERR_BAD_SECTION).text("unknown section kind ").num(s.kind);
      return QRT_ERR_BAD_SECTION;
    }
    if ((seen >> s.kind) & 1u) {
      ErrorMessage(err, QRT_ERR_BAD_SECTION).text("duplicate section kind ").num(s.kind);
      return QRT_ERR_BAD_SECTION;
    }
    seen |= 1u << s.kind;
    if (s.offset % format::kAlignment != 0 || s.offset < table_end ||
        !in_range(s.offset, s.size, total)) {
      ErrorMessage(err, QRT_ERR_BAD_SECTION).text("section kind ").num(s.kind)
          .text(" misaligned or out of range");
      return QRT_ERR_BAD_SECTION;
    }
    for (uint32_t j = 0; j < i; ++j) {
      const format::SectionEntry& o = table[j];
      const bool overlap = s.size != 0 && o.size != 0 && s.offset < uint64_t{o.offset} + o.size &&
                           o.offset < uint64_t{s.offset} + s.size;
      if (overlap) {
        ErrorMessage(err, QRT_ERR_BAD_SECTION).text("sections ").num(o.kind).text(" and ")
            .num(s.kind).text(" overlap");
        return QRT_ERR_BAD_SECTION;
      }
    }
    const uint8_t* p = base + s.offset;
    switch (s.kind) {
      case format::kSectionTensors:
        if (uint64_t{s.count} * sizeof(TensorRecord) != s.size) {
          return fail(err, QRT_ERR_BAD_SECTION, "tensor section size != count * 64");
        }
        v->tensors = reinterpret_cast<const TensorRecord*>(p);
        v->tensor_count = s.count;
        break;
      case format::kSectionOperators:
        if (uint64_t{s.count} * sizeof(format::OperatorRecord) != s.size) {
          return fail(err, QRT_ERR_BAD_SECTION, "operator section size != count * 32");
        }
        v->ops = reinterpret_cast<const format::OperatorRecord*>(p);
        v->op_count = s.count;
        break;
      case format::kSectionIndices:
        if (uint64_t{s.count} * 4u != s.size) {
          return fail(err, QRT_ERR_BAD_SECTION, "index section size != count * 4");
        }
        v->indices = reinterpret_cast<const int32_t*>(p);
        v->index_count = s.count;
        break;
      case format::kSectionGraph:
        if (s.size != sizeof(format::GraphRecord) || s.count != 1) {
          return fail(err, QRT_ERR_BAD_SECTION, "graph section must hold one 32-byte record");
        }
        v->graph = reinterpret_cast<const format::GraphRecord*>(p);
        break;
      case format::kSectionQuant: v->quant = p; v->quant_bytes = s.size; break;
      case format::kSectionParams: v->params = p; v->params_bytes = s.size; break;
      case format::kSectionStrings:
        v->strings = reinterpret_cast<const char*>(p);
        v->strings_bytes = s.size;
        break;
      case format::kSectionData: v->data = p; v->data_bytes = s.size; break;
      case format::kSectionMetadata:
        v->metadata = reinterpret_cast<const char*>(p);
        v->metadata_bytes = s.size;
        v->metadata_count = s.count;
        break;
      default: break;
    }
  }
  if (v->tensors == nullptr || v->ops == nullptr || v->indices == nullptr || v->graph == nullptr) {
    return fail(err, QRT_ERR_BAD_SECTION, "a required section (tensors, operators, indices, graph) is missing");
  }
  if (v->op_count == 0) return fail(err, QRT_ERR_BAD_GRAPH, "the graph has no operators");
  return QRT_OK;
}

// Offset `off` names a NUL-terminated string inside [base, base + size).
bool valid_string(const char* base, uint32_t size, uint32_t off) {
  if (base == nullptr || off >= size) return false;
  return memchr(base + off, '\0', size - off) != nullptr;
}

qrt_status check_metadata(const BlobView& v, qrt_error* err) {
  uint32_t off = 0;
  for (uint32_t i = 0; i < v.metadata_count * 2u; ++i) {
    if (!valid_string(v.metadata, v.metadata_bytes, off)) {
      ErrorMessage(err, QRT_ERR_BAD_METADATA).text("metadata entry ").num(i / 2)
          .text(" is not a terminated string");
      return QRT_ERR_BAD_METADATA;
    }
    off += static_cast<uint32_t>(strlen(v.metadata + off)) + 1u;
  }
  return QRT_OK;
}

qrt_status check_quant(const BlobView& v, uint32_t t, const TensorRecord& r, int64_t elements,
                       qrt_error* err) {
  if (r.quant == format::kNone) return QRT_OK;
  if (r.quant % 4u != 0 || !in_range(r.quant, sizeof(format::QuantRecord), v.quant_bytes)) {
    tensor_error(err, QRT_ERR_BAD_QUANTIZATION, t).text("quantization record out of range");
    return QRT_ERR_BAD_QUANTIZATION;
  }
  const auto* q = reinterpret_cast<const format::QuantRecord*>(v.quant + r.quant);
  int64_t expected = 0;
  const bool axis_ok = q->axis >= 0 && static_cast<uint32_t>(q->axis) < r.rank;
  switch (q->kind) {
    case QRT_QUANT_PER_TENSOR:
      expected = (q->axis == 0 && q->group_size == 0) ? 1 : -1;
      break;
    case QRT_QUANT_PER_CHANNEL:
      expected = (axis_ok && q->group_size == 0) ? r.dims[q->axis] : -1;
      break;
    case QRT_QUANT_PER_GROUP:
      if (axis_ok && q->group_size >= 1) {
        const int64_t axis_len = r.dims[q->axis];
        expected = (elements / axis_len) * ((axis_len + q->group_size - 1) / q->group_size);
      } else {
        expected = -1;
      }
      break;
    default: expected = -1;
  }
  if (expected < 0 || q->count != expected) {
    tensor_error(err, QRT_ERR_BAD_QUANTIZATION, t).text("quantization kind/axis/count ")
        .num(q->count).text(" inconsistent with the shape");
    return QRT_ERR_BAD_QUANTIZATION;
  }
  if (!in_range(r.quant + sizeof(format::QuantRecord), uint64_t{q->count} * 8u, v.quant_bytes)) {
    tensor_error(err, QRT_ERR_BAD_QUANTIZATION, t).text("quantization arrays out of range");
    return QRT_ERR_BAD_QUANTIZATION;
  }
  const float* scales = quant_scales(q);
  const int32_t* zero_points = quant_zero_points(q);
  for (uint32_t i = 0; i < q->count; ++i) {
    if (!finite_positive(scales[i]) || !zero_point_fits(r.dtype, zero_points[i])) {
      tensor_error(err, QRT_ERR_BAD_QUANTIZATION, t).text("entry ").num(i)
          .text(": scale must be finite > 0 and zero point in the type's range");
      return QRT_ERR_BAD_QUANTIZATION;
    }
  }
  return QRT_OK;
}

qrt_status check_tensor(const BlobView& v, uint32_t t, qrt_error* err) {
  const TensorRecord& r = v.tensors[t];
  if (!valid_dtype(r.dtype)) {
    tensor_error(err, QRT_ERR_BAD_TENSOR, t).text("unknown dtype ").num(r.dtype);
    return QRT_ERR_BAD_TENSOR;
  }
  if (r.kind > format::kTensorPersistent || r.reserved[0] != 0 || r.reserved[1] != 0) {
    tensor_error(err, QRT_ERR_BAD_TENSOR, t).text("unknown kind ").num(r.kind);
    return QRT_ERR_BAD_TENSOR;
  }
  if (r.rank > static_cast<uint32_t>(format::kMaxRank)) {
    tensor_error(err, QRT_ERR_BAD_SHAPE, t).text("rank ").num(r.rank).text(" above 5");
    return QRT_ERR_BAD_SHAPE;
  }
  int64_t elements = 1;
  for (int i = 0; i < format::kMaxRank; ++i) {
    const int32_t d = r.dims[i];
    const bool used = static_cast<uint32_t>(i) < r.rank;
    if ((used && d < 1) || (!used && d != 0)) {
      tensor_error(err, QRT_ERR_BAD_SHAPE, t).text("dimension ").num(i).text(" is ").num(d);
      return QRT_ERR_BAD_SHAPE;
    }
    if (used) elements *= d;
    if (elements > INT32_MAX) {
      tensor_error(err, QRT_ERR_BAD_SHAPE, t).text("element count overflows");
      return QRT_ERR_BAD_SHAPE;
    }
  }
  int64_t bytes = elements * element_size(r.dtype);
  if (r.dtype == QRT_DTYPE_INT4) {
    const int64_t row = r.rank == 0 ? 1 : r.dims[r.rank - 1];
    bytes = (elements / row) * ((row + 1) / 2);
  }
  if (bytes != r.data_bytes) {
    tensor_error(err, QRT_ERR_BAD_TENSOR, t).text("data_bytes ").num(r.data_bytes)
        .text(" != ").num(bytes).text(" implied by dtype and shape");
    return QRT_ERR_BAD_TENSOR;
  }
  if (r.name != format::kNone && !valid_string(v.strings, v.strings_bytes, r.name)) {
    tensor_error(err, QRT_ERR_BAD_TENSOR, t).text("name is not a string in the string section");
    return QRT_ERR_BAD_TENSOR;
  }
  uint64_t region = 0;
  if (r.kind == format::kTensorConstant) region = v.data_bytes;
  if (r.kind == format::kTensorActivation) region = v.graph->activation_bytes;
  if (r.kind == format::kTensorPersistent) region = v.graph->persistent_bytes;
  if (r.data_offset % format::kAlignment != 0 || !in_range(r.data_offset, r.data_bytes, region)) {
    tensor_error(err, r.kind == format::kTensorConstant ? QRT_ERR_BAD_TENSOR : QRT_ERR_BAD_PLAN, t)
        .text("data range misaligned or outside its region");
    return r.kind == format::kTensorConstant ? QRT_ERR_BAD_TENSOR : QRT_ERR_BAD_PLAN;
  }
  const bool lifetime_ok = r.kind == format::kTensorActivation
                               ? (r.first_op <= r.last_op && r.last_op < v.op_count)
                               : (r.first_op == 0 && r.last_op == 0);
  if (!lifetime_ok) {
    tensor_error(err, QRT_ERR_BAD_PLAN, t).text("lifetime [").num(r.first_op).text(", ")
        .num(r.last_op).text("] invalid");
    return QRT_ERR_BAD_PLAN;
  }
  return check_quant(v, t, r, elements, err);
}

// A span [first, first + count) of the Indices section.
bool valid_span(const BlobView& v, uint32_t first, uint32_t count) {
  return in_range(first, count, v.index_count);
}

bool is_graph_input(const BlobView& v, int32_t t) {
  for (uint32_t i = 0; i < v.graph->input_count; ++i) {
    if (v.indices[v.graph->inputs + i] == t) return true;
  }
  return false;
}

bool is_graph_output(const BlobView& v, int32_t t) {
  for (uint32_t i = 0; i < v.graph->output_count; ++i) {
    if (v.indices[v.graph->outputs + i] == t) return true;
  }
  return false;
}

// The operator that writes tensor t, or -1.
int64_t producer_of(const BlobView& v, int32_t t) {
  for (uint32_t i = 0; i < v.op_count; ++i) {
    const format::OperatorRecord& o = v.ops[i];
    for (uint32_t k = 0; k < o.output_count; ++k) {
      if (v.indices[o.outputs + k] == t) return i;
    }
  }
  return -1;
}

qrt_status check_graph_io(const BlobView& v, qrt_error* err) {
  const format::GraphRecord& g = *v.graph;
  if (g.reserved[0] != 0 || g.reserved[1] != 0 || g.input_count == 0 || g.output_count == 0 ||
      !valid_span(v, g.inputs, g.input_count) || !valid_span(v, g.outputs, g.output_count)) {
    return fail(err, QRT_ERR_BAD_GRAPH, "graph input/output lists are empty or out of range");
  }
  for (uint32_t i = 0; i < g.input_count + g.output_count; ++i) {
    const bool input = i < g.input_count;
    const int32_t t = v.indices[input ? g.inputs + i : g.outputs + (i - g.input_count)];
    if (t < 0 || static_cast<uint32_t>(t) >= v.tensor_count ||
        v.tensors[t].kind != format::kTensorActivation) {
      return fail(err, QRT_ERR_BAD_GRAPH, "a graph input/output is not an activation tensor", -1, t);
    }
    const TensorRecord& r = v.tensors[t];
    if (input && r.first_op != 0) {
      return fail(err, QRT_ERR_BAD_PLAN, "a graph input must be live from operator 0", -1, t);
    }
    if (!input && r.last_op != v.op_count - 1) {
      return fail(err, QRT_ERR_BAD_PLAN, "a graph output must be live until the last operator", -1, t);
    }
  }
  return QRT_OK;
}

// The record itself: arity, index spans, flags and parameter range. Runs for every operator
// before check_operator_links, which follows tensor indices into other operators' spans.
qrt_status check_operator_record(const BlobView& v, uint32_t i, qrt_error* err) {
  const format::OperatorRecord& o = v.ops[i];
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
  return QRT_OK;
}

// Tensor references: indices in range, outputs writable, lifetimes covering the use, every input
// written earlier (no cycles), every activation written once, and the in-place flag's pairing.
qrt_status check_operator_links(const BlobView& v, uint32_t i, qrt_error* err) {
  const format::OperatorRecord& o = v.ops[i];
  for (uint32_t k = 0; k < o.input_count + o.output_count; ++k) {
    const bool input = k < o.input_count;
    const int32_t t = v.indices[input ? o.inputs + k : o.outputs + (k - o.input_count)];
    if (input && t == -1) continue;  // optional input absent
    if (t < 0 || static_cast<uint32_t>(t) >= v.tensor_count) {
      op_error(err, QRT_ERR_BAD_INDEX, i).text("tensor index ").num(t).text(" out of range");
      return QRT_ERR_BAD_INDEX;
    }
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
    const int64_t producer = producer_of(v, t);
    if (input && !is_graph_input(v, t) && (producer < 0 || producer >= i)) {
      op_error(err, QRT_ERR_BAD_GRAPH, i).text("reads tensor ").num(t)
          .text(" before any operator writes it");
      return QRT_ERR_BAD_GRAPH;
    }
    if (!input && (producer != i || is_graph_input(v, t))) {
      op_error(err, QRT_ERR_BAD_GRAPH, i).text("tensor ").num(t)
          .text(" is written by more than one operator or is a graph input");
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

// True when tensors a and b are the in-place pair of some operator.
bool in_place_pair(const BlobView& v, uint32_t a, uint32_t b) {
  for (uint32_t i = 0; i < v.op_count; ++i) {
    const format::OperatorRecord& o = v.ops[i];
    if ((o.flags & format::kOpInPlace) == 0) continue;
    const int32_t in = v.indices[o.inputs];
    const int32_t out = v.indices[o.outputs];
    if ((in == static_cast<int32_t>(a) && out == static_cast<int32_t>(b)) ||
        (in == static_cast<int32_t>(b) && out == static_cast<int32_t>(a))) {
      return true;
    }
  }
  return false;
}

// Pairwise: live-at-the-same-time activations (and all persistent tensors) must not share bytes.
qrt_status check_plan(const BlobView& v, qrt_error* err) {
  for (uint32_t a = 0; a < v.tensor_count; ++a) {
    const TensorRecord& ra = v.tensors[a];
    if (ra.kind == format::kTensorConstant) continue;
    for (uint32_t b = a + 1; b < v.tensor_count; ++b) {
      const TensorRecord& rb = v.tensors[b];
      if (rb.kind != ra.kind) continue;
      const bool live_together = ra.kind == format::kTensorPersistent ||
                                 (ra.first_op <= rb.last_op && rb.first_op <= ra.last_op);
      const bool share_bytes = ra.data_offset < uint64_t{rb.data_offset} + rb.data_bytes &&
                               rb.data_offset < uint64_t{ra.data_offset} + ra.data_bytes;
      if (live_together && share_bytes && !in_place_pair(v, a, b)) {
        set_error_location(err, -1, static_cast<int32_t>(b));
        ErrorMessage(err, QRT_ERR_BAD_PLAN).text("tensors ").num(a).text(" and ").num(b)
            .text(" are live together but share arena bytes");
        return QRT_ERR_BAD_PLAN;
      }
    }
  }
  return QRT_OK;
}

}  // namespace

qrt_status validate_blob(const void* blob, size_t blob_bytes, bool check_crc, BlobView* view,
                         qrt_error* err) {
  if (err != nullptr) {
    err->status = QRT_OK;
    err->op_index = -1;
    err->tensor_index = -1;
    err->message[0] = '\0';
  }
  if (blob == nullptr || view == nullptr) {
    return fail(err, QRT_ERR_NULL_ARGUMENT, "blob or view is NULL");
  }
  if (reinterpret_cast<uintptr_t>(blob) % format::kAlignment != 0) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, "the blob must start on a 16-byte boundary");
  }
  const auto* base = static_cast<const uint8_t*>(blob);
  if (blob_bytes < sizeof(format::Header)) {
    return fail(err, QRT_ERR_TRUNCATED, "shorter than the 64-byte header");
  }
  const auto* h = static_cast<const format::Header*>(blob);
  if (h->magic != format::kMagic) return fail(err, QRT_ERR_BAD_MAGIC, "magic is not QRT1");
  if (h->version_major != format::kVersionMajor) {
    ErrorMessage(err, QRT_ERR_BAD_VERSION).text("format version ").num(h->version_major)
        .text(" (this runtime reads 1)");
    return QRT_ERR_BAD_VERSION;
  }
  if (h->header_bytes != sizeof(format::Header) || h->flags != 0) {
    return fail(err, QRT_ERR_BAD_SECTION, "header_bytes must be 64 and flags 0");
  }
  for (uint32_t r : h->reserved) {
    if (r != 0) return fail(err, QRT_ERR_BAD_SECTION, "reserved header words must be 0");
  }
  if (h->total_bytes > blob_bytes) {
    ErrorMessage(err, QRT_ERR_TRUNCATED).text("blob declares ").num(h->total_bytes)
        .text(" bytes but only ").num(static_cast<int64_t>(blob_bytes)).text(" are given");
    return QRT_ERR_TRUNCATED;
  }
  if (h->total_bytes < sizeof(format::Header)) {
    return fail(err, QRT_ERR_TRUNCATED, "total_bytes smaller than the header");
  }
  if (check_crc && crc32_ieee(base, h->total_bytes, 16) != h->crc32) {
    return fail(err, QRT_ERR_BAD_CHECKSUM, "CRC32 mismatch");
  }
  BlobView v;
  memset(&v, 0, sizeof v);
  v.base = base;
  v.total_bytes = h->total_bytes;
  qrt_status s = read_sections(base, h->total_bytes, &v, err);
  if (s == QRT_OK) s = check_metadata(v, err);
  for (uint32_t t = 0; s == QRT_OK && t < v.tensor_count; ++t) s = check_tensor(v, t, err);
  if (s == QRT_OK) s = check_graph_io(v, err);
  for (uint32_t i = 0; s == QRT_OK && i < v.op_count; ++i) s = check_operator_record(v, i, err);
  for (uint32_t i = 0; s == QRT_OK && i < v.op_count; ++i) s = check_operator_links(v, i, err);
  if (s == QRT_OK) s = check_plan(v, err);
  if (s == QRT_OK) *view = v;
  return s;
}

}  // namespace qrt
