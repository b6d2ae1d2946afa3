// Device reader of evaluation sets (models/formats/EVAL-SET.md): validate everything once, then
// hand out pointers. The set is untrusted input: every offset and size is checked in 64-bit
// arithmetic before anything is dereferenced, so no field value can wrap an address.
#include <string.h>

#include "accept_internal.h"
#include "qrt/eval_set.h"

namespace qrt {
namespace accept {
namespace {

constexpr uint32_t kHeaderBytes = sizeof(qrt_eval_set_header);

struct Sections {
  const qrt_eval_section_entry* entry[8];  // by kind 1..7; [0] unused
};

uint64_t align_up16(uint64_t v) { return (v + 15u) & ~static_cast<uint64_t>(15u); }

// Zero-point range of a quantized dtype; false for types that cannot be quantized.
bool zero_point_range(uint32_t dtype, int64_t* lo, int64_t* hi) {
  switch (dtype) {
    case QRT_DTYPE_INT8: *lo = -128; *hi = 127; return true;
    case QRT_DTYPE_UINT8: *lo = 0; *hi = 255; return true;
    case QRT_DTYPE_INT16: *lo = -32768; *hi = 32767; return true;
    case QRT_DTYPE_INT32: *lo = INT32_MIN; *hi = INT32_MAX; return true;
    default: return false;
  }
}

bool string_ok(const qrt_eval_set* set, uint32_t offset) {
  if (offset == QRT_EVAL_SET_NONE) return true;
  if (set->strings == nullptr || offset >= set->strings_bytes) return false;
  return memchr(set->strings + offset, 0, set->strings_bytes - offset) != nullptr;
}

const char* string_at(const qrt_eval_set* set, uint32_t offset) {
  if (offset == QRT_EVAL_SET_NONE) return "";
  return set->strings + offset;
}

qrt_status check_header(const uint8_t* p, size_t bytes, int32_t skip_checksum,
                        qrt_eval_set_header* h, qrt_error* err) {
  if (bytes < kHeaderBytes) {
    return fail(err, QRT_ERR_TRUNCATED, -1, QRT_ACCEPT_MSG("eval set shorter than its header"));
  }
  memcpy(h, p, sizeof *h);
  if (h->magic != QRT_EVAL_SET_MAGIC) {
    return fail(err, QRT_ERR_BAD_MAGIC, -1, QRT_ACCEPT_MSG("not an eval set (magic != QEV1)"));
  }
  if (h->version_major != QRT_EVAL_SET_VERSION_MAJOR || h->header_bytes != kHeaderBytes) {
    return fail(err, QRT_ERR_BAD_VERSION, -1,
                QRT_ACCEPT_MSG("unsupported eval-set major version or header size"));
  }
  if (h->total_bytes < kHeaderBytes || h->total_bytes > bytes) {
    return fail(err, QRT_ERR_TRUNCATED, -1,
                QRT_ACCEPT_MSG("eval set shorter than its declared total_bytes"));
  }
  if (!skip_checksum) {
    const uint32_t zero = 0;
    uint32_t crc = qrt_crc32(0, p, 16);
    crc = qrt_crc32(crc, &zero, 4);
    crc = qrt_crc32(crc, p + 20, h->total_bytes - 20u);
    if (crc != h->crc32) {
      return fail(err, QRT_ERR_BAD_CHECKSUM, -1, QRT_ACCEPT_MSG("eval-set CRC32 mismatch"));
    }
  }
  if (h->flags != 0 || h->reserved != 0) {
    return fail(err, QRT_ERR_BAD_VERSION, -1, QRT_ACCEPT_MSG("nonzero flags/reserved field"));
  }
  if (h->task > QRT_EVAL_TASK_REGRESSION) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("unknown task"));
  }
  if (h->sample_count == 0 || h->input_count == 0 || h->input_count > QRT_EVAL_SET_MAX_TENSORS ||
      h->output_count > QRT_EVAL_SET_MAX_TENSORS) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                QRT_ACCEPT_MSG("sample/input/output count out of range"));
  }
  if (h->label_dtype != 0 && h->label_dtype != QRT_DTYPE_INT32 &&
      h->label_dtype != QRT_DTYPE_FLOAT32) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("label dtype not int32/float32"));
  }
  if (h->group_count > h->sample_count) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("more groups than samples"));
  }
  if (h->group_count != 0 && h->task != QRT_EVAL_TASK_ANOMALY && h->task != QRT_EVAL_TASK_NONE) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                QRT_ACCEPT_MSG("groups are allowed only for anomaly/none tasks"));
  }
  const bool int_labels = h->label_dtype == QRT_DTYPE_INT32;
  if (h->task == QRT_EVAL_TASK_CLASSIFICATION && (!int_labels || h->class_count < 2)) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                QRT_ACCEPT_MSG("classification needs int32 labels and class_count >= 2"));
  }
  if (h->task == QRT_EVAL_TASK_ANOMALY && !int_labels) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("anomaly needs int32 0/1 labels"));
  }
  if (h->task == QRT_EVAL_TASK_REGRESSION && h->label_dtype != QRT_DTYPE_FLOAT32) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("regression needs float32 labels"));
  }
  if (h->task != QRT_EVAL_TASK_CLASSIFICATION && h->class_count != 0) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("class_count set for a non-classification task"));
  }
  return QRT_OK;
}

qrt_status check_sections(const uint8_t* p, const qrt_eval_set_header& h, Sections* s,
                          qrt_error* err) {
  if (h.section_count == 0 || h.section_count > QRT_EVAL_SET_MAX_SECTIONS) {
    return fail(err, QRT_ERR_BAD_SECTION, -1, QRT_ACCEPT_MSG("section count out of range"));
  }
  const uint64_t table_end = kHeaderBytes + uint64_t{16} * h.section_count;
  if (table_end > h.total_bytes) {
    return fail(err, QRT_ERR_TRUNCATED, -1, QRT_ACCEPT_MSG("section table past total_bytes"));
  }
  const auto* table = reinterpret_cast<const qrt_eval_section_entry*>(p + kHeaderBytes);
  for (int k = 0; k < 8; ++k) s->entry[k] = nullptr;
  for (uint32_t i = 0; i < h.section_count; ++i) {
    const qrt_eval_section_entry& e = table[i];
    if (e.kind < QRT_EVAL_SECTION_TENSORS || e.kind > QRT_EVAL_SECTION_STRINGS) {
      return fail(err, QRT_ERR_BAD_SECTION, -1, QRT_ACCEPT_MSG("unknown section kind"));
    }
    if (s->entry[e.kind] != nullptr) {
      return fail(err, QRT_ERR_BAD_SECTION, -1, QRT_ACCEPT_MSG("duplicate section"));
    }
    if (e.offset % QRT_EVAL_SET_ALIGNMENT != 0 || e.offset < align_up16(table_end) ||
        uint64_t{e.offset} + e.size > h.total_bytes) {
      return fail(err, QRT_ERR_BAD_SECTION, -1,
                  QRT_ACCEPT_MSG("section misaligned or outside the set"));
    }
    for (uint32_t j = 0; j < i; ++j) {  // at most 16 sections: quadratic is fine
      const qrt_eval_section_entry& o = table[j];
      const bool disjoint = uint64_t{e.offset} + e.size <= o.offset ||
                            uint64_t{o.offset} + o.size <= e.offset;
      if (!disjoint && e.size != 0 && o.size != 0) {
        return fail(err, QRT_ERR_BAD_SECTION, -1, QRT_ACCEPT_MSG("sections overlap"));
      }
    }
    s->entry[e.kind] = &e;
  }
  return QRT_OK;
}

// The section of `kind` must exist iff `required`, and hold at least `min_bytes`.
qrt_status want_section(const Sections& s, uint32_t kind, bool required, uint64_t count,
                        uint64_t min_bytes, qrt_error* err) {
  const qrt_eval_section_entry* e = s.entry[kind];
  if (required != (e != nullptr)) {
    return fail(err, QRT_ERR_BAD_SECTION, -1,
                required ? QRT_ACCEPT_MSG("a required section is missing")
                         : QRT_ACCEPT_MSG("a section is present that the header does not use"));
  }
  if (e != nullptr && (e->count != count || e->size < min_bytes)) {
    return fail(err, QRT_ERR_BAD_SECTION, -1,
                QRT_ACCEPT_MSG("section count or size does not match the header"));
  }
  return QRT_OK;
}

qrt_status check_tensor(const qrt_eval_set* set, uint32_t index, qrt_error* err) {
  const qrt_eval_tensor_desc& t = set->tensors[index];
  const int32_t ti = static_cast<int32_t>(index);
  const bool is_output = index >= set->input_count;
  const uint32_t size = qrt_eval_dtype_size(t.dtype);
  if (size == 0 || (is_output && t.dtype != QRT_DTYPE_FLOAT32)) {
    return fail(err, QRT_ERR_BAD_TENSOR, ti, QRT_ACCEPT_MSG("tensor dtype not allowed"));
  }
  if (t.rank > QRT_MAX_RANK) return fail(err, QRT_ERR_BAD_SHAPE, ti, QRT_ACCEPT_MSG("rank > 5"));
  uint64_t elements = 1;
  for (uint32_t d = 0; d < QRT_MAX_RANK; ++d) {
    if (d < t.rank) {
      if (t.dims[d] < 1) return fail(err, QRT_ERR_BAD_SHAPE, ti, QRT_ACCEPT_MSG("dim < 1"));
      elements *= static_cast<uint64_t>(t.dims[d]);
      if (elements > 0xFFFFFFFFu) {
        return fail(err, QRT_ERR_BAD_SHAPE, ti, QRT_ACCEPT_MSG("tensor too large"));
      }
    } else if (t.dims[d] != 0) {
      return fail(err, QRT_ERR_BAD_SHAPE, ti, QRT_ACCEPT_MSG("unused dim is not 0"));
    }
  }
  if (elements * size != t.sample_bytes) {
    return fail(err, QRT_ERR_BAD_TENSOR, ti,
                QRT_ACCEPT_MSG("sample_bytes != product(dims) * dtype size"));
  }
  // scale: 0 (not quantized) or positive and finite; NaN fails both comparisons.
  const bool scale_ok = t.scale == 0.0f || (t.scale > 0.0f && t.scale <= 3.4e38f);
  int64_t lo = 0, hi = 0;
  bool zp_ok = t.zero_point == 0;
  if (t.scale != 0.0f) {
    zp_ok = zero_point_range(t.dtype, &lo, &hi) && t.zero_point >= lo && t.zero_point <= hi;
  }
  if (!scale_ok || !zp_ok || (is_output && t.scale != 0.0f)) {
    return fail(err, QRT_ERR_BAD_QUANTIZATION, ti,
                QRT_ACCEPT_MSG("bad scale or zero point for the dtype"));
  }
  if (!string_ok(set, t.name)) {
    return fail(err, QRT_ERR_BAD_METADATA, ti, QRT_ACCEPT_MSG("tensor name not a string"));
  }
  if (!is_output && t.offset != 0) {
    return fail(err, QRT_ERR_BAD_TENSOR, ti, QRT_ACCEPT_MSG("input offset != 0"));
  }
  return QRT_OK;
}

}  // namespace
}  // namespace accept
}  // namespace qrt

using namespace qrt::accept;

extern "C" uint32_t qrt_eval_dtype_size(uint32_t dtype) {
  switch (dtype) {
    case QRT_DTYPE_INT8:
    case QRT_DTYPE_UINT8: return 1;
    case QRT_DTYPE_INT16: return 2;
    case QRT_DTYPE_INT32:
    case QRT_DTYPE_FLOAT32: return 4;
    default: return 0;
  }
}

extern "C" qrt_status qrt_eval_set_open(const void* data, size_t bytes, int32_t skip_checksum,
                                        qrt_eval_set* set, qrt_error* err) {
  if (set == nullptr) return fail(err, QRT_ERR_NULL_ARGUMENT, -1, QRT_ACCEPT_MSG("set is NULL"));
  memset(set, 0, sizeof *set);
  if (data == nullptr) return fail(err, QRT_ERR_NULL_ARGUMENT, -1, QRT_ACCEPT_MSG("data is NULL"));
  if (reinterpret_cast<uintptr_t>(data) % 4u != 0) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("eval set not 4-byte aligned"));
  }
  const uint8_t* p = static_cast<const uint8_t*>(data);
  qrt_eval_set_header h;
  qrt_status st = check_header(p, bytes, skip_checksum, &h, err);
  if (st != QRT_OK) return st;
  Sections s;
  st = check_sections(p, h, &s, err);
  if (st != QRT_OK) return st;

  const uint64_t tensor_count = uint64_t{h.input_count} + h.output_count;
  const uint64_t units = h.group_count != 0 ? h.group_count : h.sample_count;
  const uint64_t offsets = uint64_t{h.sample_count} * h.input_count;
  if ((st = want_section(s, QRT_EVAL_SECTION_TENSORS, true, tensor_count,
                         tensor_count * sizeof(qrt_eval_tensor_desc), err)) != QRT_OK ||
      (st = want_section(s, QRT_EVAL_SECTION_SAMPLES, true, h.sample_count, offsets * 4u, err)) !=
          QRT_OK ||
      (st = want_section(s, QRT_EVAL_SECTION_LABELS, h.label_dtype != 0, units, units * 4u,
                         err)) != QRT_OK ||
      (st = want_section(s, QRT_EVAL_SECTION_GROUPS, h.group_count != 0, h.group_count,
                         uint64_t{h.group_count} * sizeof(qrt_eval_group), err)) != QRT_OK ||
      (st = want_section(s, QRT_EVAL_SECTION_DATA, true, 0, 0, err)) != QRT_OK ||
      (st = want_section(s, QRT_EVAL_SECTION_REFERENCE, h.output_count != 0, 0, 0, err)) !=
          QRT_OK) {
    return st;
  }
  if (s.entry[QRT_EVAL_SECTION_STRINGS] != nullptr &&
      s.entry[QRT_EVAL_SECTION_STRINGS]->count != 0) {
    return fail(err, QRT_ERR_BAD_SECTION, -1, QRT_ACCEPT_MSG("STRINGS count must be 0"));
  }

  qrt_eval_set v;
  memset(&v, 0, sizeof v);
  v.base = p;
  v.total_bytes = h.total_bytes;
  v.task = static_cast<qrt_eval_task>(h.task);
  v.sample_count = h.sample_count;
  v.input_count = h.input_count;
  v.output_count = h.output_count;
  v.group_count = h.group_count;
  v.unit_count = static_cast<uint32_t>(units);
  v.label_dtype = static_cast<qrt_dtype>(h.label_dtype);
  v.class_count = h.class_count;
  v.tensors = reinterpret_cast<const qrt_eval_tensor_desc*>(p + s.entry[QRT_EVAL_SECTION_TENSORS]->offset);
  v.sample_offsets = reinterpret_cast<const uint32_t*>(p + s.entry[QRT_EVAL_SECTION_SAMPLES]->offset);
  if (h.label_dtype != 0) v.labels = p + s.entry[QRT_EVAL_SECTION_LABELS]->offset;
  if (h.group_count != 0) {
    v.groups = reinterpret_cast<const qrt_eval_group*>(p + s.entry[QRT_EVAL_SECTION_GROUPS]->offset);
  }
  v.data = p + s.entry[QRT_EVAL_SECTION_DATA]->offset;
  const uint32_t data_bytes = s.entry[QRT_EVAL_SECTION_DATA]->size;
  uint32_t reference_bytes = 0;
  if (h.output_count != 0) {
    v.reference = p + s.entry[QRT_EVAL_SECTION_REFERENCE]->offset;
    reference_bytes = s.entry[QRT_EVAL_SECTION_REFERENCE]->size;
  }
  if (s.entry[QRT_EVAL_SECTION_STRINGS] != nullptr) {
    v.strings = reinterpret_cast<const char*>(p + s.entry[QRT_EVAL_SECTION_STRINGS]->offset);
    v.strings_bytes = s.entry[QRT_EVAL_SECTION_STRINGS]->size;
  }
  if (!string_ok(&v, h.name)) {
    return fail(err, QRT_ERR_BAD_METADATA, -1, QRT_ACCEPT_MSG("set name not a string"));
  }
  v.name = string_at(&v, h.name);

  for (uint32_t t = 0; t < tensor_count; ++t) {
    if ((st = check_tensor(&v, t, err)) != QRT_OK) return st;
    if (t >= h.input_count) {
      const qrt_eval_tensor_desc& d = v.tensors[t];
      const uint64_t end = d.offset + uint64_t{h.sample_count} * d.sample_bytes;
      if (d.offset % 4u != 0 || end > reference_bytes) {
        return fail(err, QRT_ERR_BAD_SECTION, static_cast<int32_t>(t),
                    QRT_ACCEPT_MSG("reference block misaligned or past REFERENCE"));
      }
    }
  }
  for (uint64_t i = 0; i < offsets; ++i) {
    const qrt_eval_tensor_desc& d = v.tensors[i % h.input_count];
    const uint32_t off = v.sample_offsets[i];
    if (off % qrt_eval_dtype_size(d.dtype) != 0 ||
        uint64_t{off} + d.sample_bytes > data_bytes) {
      return fail(err, QRT_ERR_BAD_ARGUMENT, static_cast<int32_t>(i % h.input_count),
                  QRT_ACCEPT_MSG("sample offset misaligned or past DATA"));
    }
  }
  if (h.label_dtype == QRT_DTYPE_INT32 && h.task != QRT_EVAL_TASK_NONE) {
    const int32_t* labels = static_cast<const int32_t*>(v.labels);
    const int64_t classes = h.task == QRT_EVAL_TASK_ANOMALY ? 2 : h.class_count;
    for (uint64_t u = 0; u < units; ++u) {
      if (labels[u] < 0 || labels[u] >= classes) {
        return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("label out of range"));
      }
    }
  }
  if (h.label_dtype == QRT_DTYPE_FLOAT32) {
    const float* labels = static_cast<const float*>(v.labels);
    for (uint64_t u = 0; u < units; ++u) {
      if (!(labels[u] >= -3.4e38f && labels[u] <= 3.4e38f)) {  // rejects NaN and infinities
        return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("float label not finite"));
      }
    }
  }
  uint64_t next = 0;
  for (uint32_t g = 0; g < h.group_count; ++g) {
    if (v.groups[g].first_sample != next || v.groups[g].sample_count == 0) {
      return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                  QRT_ACCEPT_MSG("groups not consecutive, empty, or out of order"));
    }
    next += v.groups[g].sample_count;
  }
  if (h.group_count != 0 && next != h.sample_count) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1, QRT_ACCEPT_MSG("groups do not cover the samples"));
  }
  *set = v;
  if (err != nullptr) fail(err, QRT_OK, -1, "");
  return QRT_OK;
}

namespace {

void fill_view(const qrt_eval_set* set, const qrt_eval_tensor_desc& d, const uint8_t* data,
               qrt_eval_tensor* view) {
  view->data = data;
  view->bytes = d.sample_bytes;
  view->dtype = static_cast<qrt_dtype>(d.dtype);
  view->rank = static_cast<int32_t>(d.rank);
  for (int i = 0; i < QRT_MAX_RANK; ++i) view->dims[i] = d.dims[i];
  view->scale = d.scale;
  view->zero_point = d.zero_point;
  view->name = string_at(set, d.name);
}

}  // namespace

extern "C" qrt_status qrt_eval_set_input(const qrt_eval_set* set, uint32_t sample, uint32_t input,
                                         qrt_eval_tensor* view) {
  if (set == nullptr || view == nullptr || set->base == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (sample >= set->sample_count || input >= set->input_count) return QRT_ERR_BAD_INDEX;
  const uint32_t off = set->sample_offsets[uint64_t{sample} * set->input_count + input];
  fill_view(set, set->tensors[input], set->data + off, view);
  return QRT_OK;
}

extern "C" qrt_status qrt_eval_set_reference(const qrt_eval_set* set, uint32_t sample,
                                             uint32_t output, qrt_eval_tensor* view) {
  if (set == nullptr || view == nullptr || set->base == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (sample >= set->sample_count || output >= set->output_count) return QRT_ERR_BAD_INDEX;
  const qrt_eval_tensor_desc& d = set->tensors[set->input_count + output];
  fill_view(set, d, set->reference + d.offset + uint64_t{sample} * d.sample_bytes, view);
  return QRT_OK;
}

extern "C" qrt_status qrt_eval_set_label_class(const qrt_eval_set* set, uint32_t unit,
                                               int32_t* label) {
  if (set == nullptr || label == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (set->label_dtype != QRT_DTYPE_INT32) return QRT_ERR_BAD_ARGUMENT;
  if (unit >= set->unit_count) return QRT_ERR_BAD_INDEX;
  *label = static_cast<const int32_t*>(set->labels)[unit];
  return QRT_OK;
}

extern "C" qrt_status qrt_eval_set_label_value(const qrt_eval_set* set, uint32_t unit,
                                               float* value) {
  if (set == nullptr || value == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (set->label_dtype != QRT_DTYPE_FLOAT32) return QRT_ERR_BAD_ARGUMENT;
  if (unit >= set->unit_count) return QRT_ERR_BAD_INDEX;
  *value = static_cast<const float*>(set->labels)[unit];
  return QRT_OK;
}

extern "C" qrt_status qrt_eval_set_unit_samples(const qrt_eval_set* set, uint32_t unit,
                                                uint32_t* first, uint32_t* count) {
  if (set == nullptr || first == nullptr || count == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (unit >= set->unit_count) return QRT_ERR_BAD_INDEX;
  if (set->group_count == 0) {
    *first = unit;
    *count = 1;
  } else {
    *first = set->groups[unit].first_sample;
    *count = set->groups[unit].sample_count;
  }
  return QRT_OK;
}
