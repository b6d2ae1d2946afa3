// Bounds-checked FlatBuffers primitives. Every position is computed in uint64_t from u32/i32
// fields read out of a buffer of at most 2^31 - 1 bytes, so sums of two of them cannot wrap, and
// each one is compared against the buffer size before a byte at it is loaded.
#include "tflite/flatbuffer_reader.h"

namespace qrt {
namespace fb {
namespace {

// Records the first failure only: later ones are usually consequences of it.
bool fail(Reader* r, const char* why, uint64_t pos) {
  if (r->error == nullptr) {
    r->error = why;
    r->error_pos = pos;
  }
  return false;
}

// [pos, pos + bytes) lies inside the buffer.
bool in_bounds(const Reader& r, uint64_t pos, uint64_t bytes) {
  return pos <= r.size && bytes <= r.size - pos;
}

// Checks the header of the table starting at `pos` and fills `out`.
bool open_table(Reader* r, uint64_t pos, uint32_t depth, Table* out) {
  *out = Table();
  if (depth > kMaxDepth) return fail(r, "tables nested too deeply", pos);
  if (!charge(r, 1)) return false;
  if (!in_bounds(*r, pos, 4)) return fail(r, "table out of bounds", pos);
  // soffset is signed: the vtable may sit before or after its table.
  const int64_t vtable = static_cast<int64_t>(pos) - load_le<int32_t>(r->data + pos);
  if (vtable < 0 || !in_bounds(*r, static_cast<uint64_t>(vtable), 4)) {
    return fail(r, "vtable out of bounds", pos);
  }
  const uint64_t vt = static_cast<uint64_t>(vtable);
  const uint16_t vtable_bytes = load_le<uint16_t>(r->data + vt);
  const uint16_t inline_bytes = load_le<uint16_t>(r->data + vt + 2);
  if (vtable_bytes < 4 || (vtable_bytes & 1u) != 0) return fail(r, "vtable size invalid", vt);
  if (!in_bounds(*r, vt, vtable_bytes)) return fail(r, "vtable out of bounds", vt);
  if (inline_bytes < 4) return fail(r, "table size invalid", vt);
  if (!in_bounds(*r, pos, inline_bytes)) return fail(r, "table out of bounds", pos);
  out->pos = static_cast<uint32_t>(pos);
  out->vtable = static_cast<uint32_t>(vt);
  out->vtable_bytes = vtable_bytes;
  out->inline_bytes = inline_bytes;
  out->depth = depth;
  out->present = true;
  return true;
}

// Follows the u32 reference stored at `at`: the target must be ahead of it and inside the buffer.
bool follow(Reader* r, uint64_t at, uint64_t* target) {
  const uint32_t rel = load_le<uint32_t>(r->data + at);
  if (rel == 0) return fail(r, "zero offset", at);
  *target = at + rel;
  if (*target >= r->size) return fail(r, "offset out of bounds", at);
  return true;
}

// Reads the reference held by field `field` of `t`; *target = 0 when the field is absent.
bool follow_field(Reader* r, const Table& t, uint32_t field, uint64_t* target) {
  uint32_t pos = 0;
  *target = 0;
  if (!field_position(r, t, field, 4, &pos)) return false;
  if (pos == 0) return true;
  return follow(r, pos, target);
}

}  // namespace

bool init_reader(const uint8_t* data, size_t size, Reader* r) {
  *r = Reader();
  r->data = data;
  r->size = size;
  if (data == nullptr || size == 0) return fail(r, "empty buffer", 0);
  if (static_cast<uint64_t>(size) > kMaxBufferBytes) {
    r->size = 0;  // nothing may be read from a buffer we refuse
    return fail(r, "buffer larger than 2 GiB", 0);
  }
  r->budget = kBudgetPerByte * static_cast<uint64_t>(size) + kBudgetBase;
  return true;
}

bool has_identifier(const Reader& r, const char id[4]) {
  return r.size >= 8 && memcmp(r.data + 4, id, 4) == 0;
}

bool root_table(Reader* r, Table* out) {
  *out = Table();
  if (!in_bounds(*r, 0, 4)) return fail(r, "buffer too small for a root offset", 0);
  uint64_t pos = 0;
  if (!follow(r, 0, &pos)) return false;
  return open_table(r, pos, 0, out);
}

bool field_position(Reader* r, const Table& t, uint32_t field, uint32_t field_bytes,
                    uint32_t* pos) {
  *pos = 0;
  if (!t.present) return true;  // every field of an absent table takes its default
  const uint64_t slot = 4 + 2 * static_cast<uint64_t>(field);
  if (slot + 2 > t.vtable_bytes) return true;  // vtable written by an older schema: absent
  const uint16_t offset = load_le<uint16_t>(r->data + t.vtable + slot);
  if (offset == 0) return true;
  // The first 4 bytes of a table are its soffset, so no field can start there.
  if (offset < 4 || static_cast<uint64_t>(offset) + field_bytes > t.inline_bytes) {
    return fail(r, "field outside its table", t.pos);
  }
  *pos = t.pos + offset;  // inside [t.pos, t.pos + inline_bytes), checked at open_table
  return true;
}

bool read_table(Reader* r, const Table& t, uint32_t field, Table* out) {
  *out = Table();
  uint64_t target = 0;
  if (!follow_field(r, t, field, &target)) return false;
  if (target == 0) return true;
  return open_table(r, target, t.depth + 1, out);
}

bool read_vector(Reader* r, const Table& t, uint32_t field, uint32_t elem_bytes, Vector* out) {
  *out = Vector();
  if (elem_bytes != 1 && elem_bytes != 2 && elem_bytes != 4 && elem_bytes != 8) {
    return fail(r, "unsupported vector element size", t.pos);
  }
  uint64_t target = 0;
  if (!follow_field(r, t, field, &target)) return false;
  if (target == 0) return true;
  if (!in_bounds(*r, target, 4)) return fail(r, "vector length out of bounds", target);
  const uint32_t count = load_le<uint32_t>(r->data + target);
  if (!in_bounds(*r, target + 4, static_cast<uint64_t>(count) * elem_bytes)) {
    return fail(r, "vector out of bounds", target);
  }
  out->pos = static_cast<uint32_t>(target + 4);
  out->count = count;
  out->elem_bytes = elem_bytes;
  out->depth = t.depth;
  out->present = true;
  return true;
}

bool read_string(Reader* r, const Table& t, uint32_t field, String* out) {
  *out = String();
  Vector v;
  if (!read_vector(r, t, field, 1, &v)) return false;
  if (!v.present) return true;
  const uint64_t end = static_cast<uint64_t>(v.pos) + v.count;
  if (!in_bounds(*r, end, 1) || r->data[end] != 0) {
    return fail(r, "string not NUL-terminated", v.pos);
  }
  out->chars = reinterpret_cast<const char*>(r->data + v.pos);
  out->length = v.count;
  out->present = true;
  return true;
}

bool read_union(Reader* r, const Table& t, uint32_t type_field, uint8_t* type, Table* value) {
  *value = Table();
  *type = 0;
  if (!read_scalar<uint8_t>(r, t, type_field, 0, type)) return false;
  if (*type == 0) return true;
  return read_table(r, t, type_field + 1, value);
}

bool vector_table(Reader* r, const Vector& v, uint32_t index, Table* out) {
  *out = Table();
  if (!v.present || index >= v.count || v.elem_bytes != 4) {
    return fail(r, "vector index out of range", v.pos);
  }
  uint64_t target = 0;
  if (!follow(r, static_cast<uint64_t>(v.pos) + 4 * static_cast<uint64_t>(index), &target)) {
    return false;
  }
  return open_table(r, target, v.depth + 1, out);
}

bool charge(Reader* r, uint64_t units) {
  if (units > r->budget) {
    r->budget = 0;
    return fail(r, "work budget exceeded (sub-objects shared too often)", 0);
  }
  r->budget -= units;
  return true;
}

}  // namespace fb
}  // namespace qrt
