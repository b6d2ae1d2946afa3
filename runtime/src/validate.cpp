// Structural validation of an untrusted .qrt blob (runtime/FORMAT.md), first half: header,
// section table, metadata, tensor and quantization records, the declared arena regions. The
// graph half (operators, lifetimes, the activation plan) is validate_graph.cpp. Every offset,
// size, index, shape and quantization record is checked here, once, so that invoke can run
// without checks. All arithmetic on blob values is done in 64 bits so that no check can itself
// overflow, and every loop is bounded by a count the section sizes have already bounded.
#include <string.h>

#include "validate_util.h"

namespace qrt {
namespace {

using format::TensorRecord;
using validate::fail;
using validate::in_range;
using validate::tensor_error;

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
  // Each pair needs at least two bytes (two empty strings): a larger count cannot be right, and
  // bounding it first keeps the loop (in 64 bits) within the section.
  if (uint64_t{v.metadata_count} * 2u > v.metadata_bytes) {
    ErrorMessage(err, QRT_ERR_BAD_METADATA).text("metadata count ").num(v.metadata_count)
        .text(" exceeds what ").num(v.metadata_bytes).text(" bytes can hold");
    return QRT_ERR_BAD_METADATA;
  }
  uint32_t off = 0;
  for (uint64_t i = 0; i < uint64_t{v.metadata_count} * 2u; ++i) {
    if (!valid_string(v.metadata, v.metadata_bytes, off)) {
      ErrorMessage(err, QRT_ERR_BAD_METADATA).text("metadata entry ").num(static_cast<int64_t>(i / 2))
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

// The declared regions may not exceed what their tensors use (rounded up to the 16-byte
// alignment): a graph record claiming gigabytes that no tensor occupies would make the session
// reserve and clear memory for nothing, and on a 32-bit target such sums are what wraps.
qrt_status check_regions(BlobView* v, qrt_error* err) {
  uint64_t activation_end = 0, persistent_end = 0;
  for (uint32_t t = 0; t < v->tensor_count; ++t) {
    const TensorRecord& r = v->tensors[t];
    const uint64_t end = uint64_t{r.data_offset} + r.data_bytes;
    if (r.kind == format::kTensorActivation) {
      ++v->activation_count;
      if (end > activation_end) activation_end = end;
    } else if (r.kind == format::kTensorPersistent) {
      ++v->persistent_count;
      if (end > persistent_end) persistent_end = end;
    }
  }
  const auto aligned = [](uint64_t x) { return (x + 15u) & ~uint64_t{15}; };
  if (v->graph->activation_bytes > aligned(activation_end) ||
      v->graph->persistent_bytes > aligned(persistent_end)) {
    ErrorMessage(err, QRT_ERR_BAD_PLAN).text("declared regions (activations ")
        .num(v->graph->activation_bytes).text(", persistent ").num(v->graph->persistent_bytes)
        .text(" bytes) exceed what the tensors use (").num(static_cast<int64_t>(activation_end))
        .text(", ").num(static_cast<int64_t>(persistent_end)).text(")");
    return QRT_ERR_BAD_PLAN;
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
  if (s == QRT_OK) s = check_regions(&v, err);
  if (s == QRT_OK) s = check_graph(v, err);
  if (s == QRT_OK) *view = v;
  return s;
}

}  // namespace qrt
