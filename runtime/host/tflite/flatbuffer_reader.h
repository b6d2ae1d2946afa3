// A small bounds-checked FlatBuffers reader (host-only) for untrusted input such as .tflite files.
//
// It reads the FlatBuffers wire format directly, without the flatbuffers library: every offset and
// length is checked against the buffer (in 64-bit arithmetic, so nothing wraps), every read goes
// through byte loads (unaligned-safe, little-endian whatever the host), and a failing call returns
// false with a reason in the Reader instead of reading out of bounds, throwing or aborting.
//
// Wire format in one paragraph: a buffer starts with a u32 offset to the root table. A table
// starts with an i32 `soffset`; its vtable is at table - soffset. A vtable is u16 vtable_bytes,
// u16 table_inline_bytes, then one u16 per field: the field's byte offset inside the table, or 0
// when the field is absent (then the schema default applies). Fields that are references (table,
// vector, string, union value) hold a u32 offset relative to the field's own position. A vector is
// a u32 element count followed by the elements; a string is a byte vector followed by a NUL. A
// union is two fields: a u8 type (0 = NONE) and a reference to a table.
//
// Why this cannot hang: references are unsigned and must be non-zero, so following one always
// moves strictly forward in the buffer and no chain of references can loop. Shared sub-objects can
// still make a naive walk quadratic (many operators pointing at one huge vector), so every table
// opened and every vector element read is charged to a work budget proportional to the buffer
// size; a legitimate file, where each object is stored once, uses at most `size` units. Nesting
// depth is bounded as well (kMaxDepth), as the flatbuffers verifier does.
#ifndef QRT_RUNTIME_HOST_TFLITE_FLATBUFFER_READER_H
#define QRT_RUNTIME_HOST_TFLITE_FLATBUFFER_READER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace qrt {
namespace fb {

// FlatBuffers offsets are 32-bit and the format caps a buffer at 2 GiB - 1.
constexpr uint64_t kMaxBufferBytes = 0x7FFFFFFFu;
// Tables nested deeper than this are rejected (the flatbuffers verifier's default is 64 too).
constexpr uint32_t kMaxDepth = 64;
// Work budget = kBudgetPerByte * size + kBudgetBase units (a table opened or an element read).
constexpr uint64_t kBudgetPerByte = 4;
constexpr uint64_t kBudgetBase = 4096;

// The buffer being read, the remaining work budget and the first failure. Pass it by pointer so
// that every accessor spends the same budget and the first error is kept.
struct Reader {
  const uint8_t* data;  // not owned; must outlive every Table/Vector/String read from it
  uint64_t size;        // bytes
  uint64_t budget;      // remaining work units
  const char* error;    // reason of the first failure (a string literal), or nullptr
  uint64_t error_pos;   // byte position the failure refers to
};

// A table whose header (soffset, vtable, inline size) has been checked to lie in the buffer.
struct Table {
  uint32_t pos;           // start of the table (its soffset)
  uint32_t vtable;        // start of its vtable
  uint16_t vtable_bytes;  // >= 4, even
  uint16_t inline_bytes;  // >= 4; every field must lie in [pos, pos + inline_bytes)
  uint32_t depth;         // 0 for the root table
  bool present;           // false for an absent optional field (the other members are 0)
};

// A vector whose whole extent [pos, pos + count * elem_bytes) has been checked to lie in the buffer.
struct Vector {
  uint32_t pos;         // first element
  uint32_t count;       // element count
  uint32_t elem_bytes;  // element size the caller asked for
  uint32_t depth;       // depth of the table holding the vector
  bool present;         // false when the field is absent (count is then 0)
};

// A string checked to lie in the buffer and to be followed by its NUL terminator. `chars` points
// into the buffer and may contain embedded NULs (FlatBuffers strings are length-counted).
struct String {
  const char* chars;  // nullptr when absent
  uint32_t length;    // bytes, without the terminator
  bool present;
};

// Prepares `r` to read `size` bytes at `data`. Fails (with r->error set) when data is null or
// size is 0 or larger than kMaxBufferBytes.
bool init_reader(const uint8_t* data, size_t size, Reader* r);

// True when the 4-byte file identifier at bytes [4, 8) equals `id` (for example "TFL3").
// False when the buffer is shorter than 8 bytes.
bool has_identifier(const Reader& r, const char id[4]);

// Reads the root table (u32 offset at byte 0).
bool root_table(Reader* r, Table* out);

// Byte position of field `field` (0-based declaration order in the schema; a union takes two
// slots) when it is present and `field_bytes` of it fit in the table's inline size, 0 when the
// field is absent. Returns false (error) only when a present field overflows the table.
bool field_position(Reader* r, const Table& t, uint32_t field, uint32_t field_bytes,
                    uint32_t* pos);

// Reads a scalar field (uint8_t, int8_t, bool, int16_t, uint16_t, int32_t, uint32_t, int64_t,
// uint64_t, float, double), giving `default_value` when the field is absent.
template <typename T>
bool read_scalar(Reader* r, const Table& t, uint32_t field, T default_value, T* out);

// Reads a table field. An absent field gives out->present == false and returns true.
bool read_table(Reader* r, const Table& t, uint32_t field, Table* out);

// Reads a vector field whose elements are `elem_bytes` wide (1, 2, 4 or 8; 4 for a vector of
// tables or strings). An absent field gives out->present == false, count 0, and returns true.
bool read_vector(Reader* r, const Table& t, uint32_t field, uint32_t elem_bytes, Vector* out);

// Reads a string field. An absent field gives out->present == false and returns true.
bool read_string(Reader* r, const Table& t, uint32_t field, String* out);

// Reads a union: its type from slot `type_field` (u8) and its table from slot type_field + 1.
// A NONE type, or a type whose value is absent, gives value->present == false.
bool read_union(Reader* r, const Table& t, uint32_t type_field, uint8_t* type, Table* value);

// Element `index` (< v.count) of a vector of tables.
bool vector_table(Reader* r, const Vector& v, uint32_t index, Table* out);

// Element `index` (< v.count) of a vector of scalars of type T (sizeof(T) == v.elem_bytes). The
// vector's extent was checked when it was read, so this cannot fail; an index out of range or a
// size mismatch yields T() rather than a read outside the vector.
template <typename T>
T vector_scalar(const Reader& r, const Vector& v, uint32_t index);

// Spends `units` of the work budget; fails ("work budget exceeded") when it runs out. read_table,
// vector_table and read_union charge one unit per table; callers charge vector elements they copy.
bool charge(Reader* r, uint64_t units);

// Loads a little-endian T from p (no alignment needed; exact on big-endian hosts too).
template <typename T>
inline T load_le(const uint8_t* p) {
  static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8,
                "scalar width");
  uint64_t bits = 0;
  for (size_t i = 0; i < sizeof(T); ++i) bits |= static_cast<uint64_t>(p[i]) << (8 * i);
  T value;
  if (sizeof(T) == 1) {
    const uint8_t b = static_cast<uint8_t>(bits);
    memcpy(&value, &b, 1);
  } else if (sizeof(T) == 2) {
    const uint16_t b = static_cast<uint16_t>(bits);
    memcpy(&value, &b, 2);
  } else if (sizeof(T) == 4) {
    const uint32_t b = static_cast<uint32_t>(bits);
    memcpy(&value, &b, 4);
  } else {
    memcpy(&value, &bits, 8);
  }
  return value;
}

template <>
inline bool load_le<bool>(const uint8_t* p) {
  return p[0] != 0;
}

template <typename T>
bool read_scalar(Reader* r, const Table& t, uint32_t field, T default_value, T* out) {
  uint32_t pos = 0;
  if (!field_position(r, t, field, static_cast<uint32_t>(sizeof(T)), &pos)) return false;
  *out = pos == 0 ? default_value : load_le<T>(r->data + pos);
  return true;
}

template <typename T>
T vector_scalar(const Reader& r, const Vector& v, uint32_t index) {
  if (!v.present || index >= v.count || v.elem_bytes != sizeof(T)) return T();
  return load_le<T>(r.data + v.pos + static_cast<uint64_t>(index) * sizeof(T));
}

}  // namespace fb
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_FLATBUFFER_READER_H
