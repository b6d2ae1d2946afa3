// The bounds-checked FlatBuffers primitives (runtime/host/tflite/flatbuffer_reader.h) on small
// buffers built by tests/runtime/host/flatbuffer_test_builder.h, then broken one rule at a time.
#include <string.h>

#include <string>
#include <vector>

#include "flatbuffer_test_builder.h"
#include "qrt_test.h"
#include "tflite/flatbuffer_reader.h"

namespace {

using fbtest::NodePtr;
using qrt::fb::Reader;
using qrt::fb::Table;
using qrt::fb::Vector;

bool error_is(const Reader& r, const char* text) {
  return r.error != nullptr && strstr(r.error, text) != nullptr;
}

// A root table with one field of every scalar width, a vector, a string, a sub-table and a union.
NodePtr sample_root() {
  NodePtr child = fbtest::table();
  child->scalar<int32_t>(0, -77);
  NodePtr root = fbtest::table();
  root->scalar<uint8_t>(0, 200)
      ->scalar<int8_t>(1, -5)
      ->scalar<int16_t>(2, -1234)
      ->scalar<int32_t>(3, -123456789)
      ->scalar<uint32_t>(4, 4000000000u)
      ->scalar<int64_t>(5, -1234567890123LL)
      ->scalar<float>(6, 1.5f)
      ->scalar<double>(7, -2.25)
      ->scalar<uint8_t>(8, 1)  // bool
      ->ref(9, fbtest::vec<int32_t>({7, -8, 9}))
      ->ref(10, fbtest::str("hello"))
      ->ref(11, child)
      ->scalar<uint8_t>(12, 3)  // union type
      ->ref(13, child)          // union value (shared with slot 11)
      ->ref(14, fbtest::vec<int64_t>({-1, 1LL << 40}));
  // slot 15 absent (vtable ends at 14), slot 16 never written
  return root;
}

// Reads every field of sample_root() from a buffer at `data` and checks the values.
void check_sample(qrt_test::Context* qrt_test_ctx, const uint8_t* data, size_t size) {
  Reader r;
  QRT_ASSERT(qrt::fb::init_reader(data, size, &r));
  QRT_EXPECT(qrt::fb::has_identifier(r, "TFL3"));
  QRT_EXPECT(!qrt::fb::has_identifier(r, "XXXX"));
  Table root;
  QRT_ASSERT(qrt::fb::root_table(&r, &root));
  QRT_EXPECT_EQ(root.depth, 0);
  uint8_t u8 = 0;
  int8_t i8 = 0;
  int16_t i16 = 0;
  int32_t i32 = 0;
  uint32_t u32 = 0;
  int64_t i64 = 0;
  float f32 = 0;
  double f64 = 0;
  bool b = false;
  QRT_EXPECT(qrt::fb::read_scalar<uint8_t>(&r, root, 0, 0, &u8));
  QRT_EXPECT(qrt::fb::read_scalar<int8_t>(&r, root, 1, 0, &i8));
  QRT_EXPECT(qrt::fb::read_scalar<int16_t>(&r, root, 2, 0, &i16));
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, root, 3, 0, &i32));
  QRT_EXPECT(qrt::fb::read_scalar<uint32_t>(&r, root, 4, 0, &u32));
  QRT_EXPECT(qrt::fb::read_scalar<int64_t>(&r, root, 5, 0, &i64));
  QRT_EXPECT(qrt::fb::read_scalar<float>(&r, root, 6, 0.0f, &f32));
  QRT_EXPECT(qrt::fb::read_scalar<double>(&r, root, 7, 0.0, &f64));
  QRT_EXPECT(qrt::fb::read_scalar<bool>(&r, root, 8, false, &b));
  QRT_EXPECT_EQ(u8, 200);
  QRT_EXPECT_EQ(i8, -5);
  QRT_EXPECT_EQ(i16, -1234);
  QRT_EXPECT_EQ(i32, -123456789);
  QRT_EXPECT_EQ(u32, 4000000000LL);
  QRT_EXPECT_EQ(i64, -1234567890123LL);
  QRT_EXPECT(f32 == 1.5f);
  QRT_EXPECT(f64 == -2.25);
  QRT_EXPECT(b);

  Vector v;
  QRT_ASSERT(qrt::fb::read_vector(&r, root, 9, 4, &v));
  QRT_EXPECT(v.present);
  QRT_ASSERT_EQ(v.count, 3);
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int32_t>(r, v, 0), 7);
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int32_t>(r, v, 1), -8);
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int32_t>(r, v, 2), 9);
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int32_t>(r, v, 3), 0);   // out of range: T()
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int64_t>(r, v, 0), 0);   // width mismatch: T()
  Vector v64;
  QRT_ASSERT(qrt::fb::read_vector(&r, root, 14, 8, &v64));
  QRT_ASSERT_EQ(v64.count, 2);
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int64_t>(r, v64, 0), -1);
  QRT_EXPECT_EQ(qrt::fb::vector_scalar<int64_t>(r, v64, 1), 1LL << 40);

  qrt::fb::String s;
  QRT_ASSERT(qrt::fb::read_string(&r, root, 10, &s));
  QRT_EXPECT(s.present);
  QRT_EXPECT(std::string(s.chars, s.length) == "hello");

  Table child;
  QRT_ASSERT(qrt::fb::read_table(&r, root, 11, &child));
  QRT_EXPECT(child.present);
  QRT_EXPECT_EQ(child.depth, 1);
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, child, 0, 0, &i32));
  QRT_EXPECT_EQ(i32, -77);

  uint8_t type = 0;
  Table value;
  QRT_ASSERT(qrt::fb::read_union(&r, root, 12, &type, &value));
  QRT_EXPECT_EQ(type, 3);
  QRT_EXPECT(value.present);
  QRT_EXPECT_EQ(value.pos, child.pos);  // the same shared table
  QRT_EXPECT(r.error == nullptr);
}

QRT_TEST(flatbuffer_reader, reads_every_field_kind) {
  const std::vector<uint8_t> buf = fbtest::finish(sample_root());
  check_sample(qrt_test_ctx, buf.data(), buf.size());
}

QRT_TEST(flatbuffer_reader, reads_at_odd_addresses) {
  // The same bytes one and three bytes past an aligned address: loads must not assume alignment.
  const std::vector<uint8_t> buf = fbtest::finish(sample_root());
  for (size_t shift : {1u, 3u}) {
    std::vector<uint8_t> shifted(buf.size() + shift);
    memcpy(shifted.data() + shift, buf.data(), buf.size());
    check_sample(qrt_test_ctx, shifted.data() + shift, buf.size());
  }
}

QRT_TEST(flatbuffer_reader, absent_fields_take_defaults) {
  NodePtr root = fbtest::table();
  root->scalar<int32_t>(2, 5);  // vtable covers slots 0..2; slots 0, 1 have offset 0
  const std::vector<uint8_t> buf = fbtest::finish(root);
  Reader r;
  QRT_ASSERT(qrt::fb::init_reader(buf.data(), buf.size(), &r));
  Table t;
  QRT_ASSERT(qrt::fb::root_table(&r, &t));
  int32_t v = 0;
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, t, 0, 42, &v));  // offset 0 in the vtable
  QRT_EXPECT_EQ(v, 42);
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, t, 2, 42, &v));
  QRT_EXPECT_EQ(v, 5);
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, t, 9, -3, &v));  // past the vtable's end
  QRT_EXPECT_EQ(v, -3);
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, t, 1000000, 8, &v));  // far past it
  QRT_EXPECT_EQ(v, 8);
  Vector vec;
  QRT_EXPECT(qrt::fb::read_vector(&r, t, 0, 4, &vec));
  QRT_EXPECT(!vec.present);
  QRT_EXPECT_EQ(vec.count, 0);
  qrt::fb::String s;
  QRT_EXPECT(qrt::fb::read_string(&r, t, 1, &s));
  QRT_EXPECT(!s.present);
  Table sub;
  QRT_EXPECT(qrt::fb::read_table(&r, t, 1, &sub));
  QRT_EXPECT(!sub.present);
  // Every field of an absent table is absent too.
  QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, sub, 0, 11, &v));
  QRT_EXPECT_EQ(v, 11);
  uint8_t type = 9;
  QRT_EXPECT(qrt::fb::read_union(&r, t, 0, &type, &sub));
  QRT_EXPECT_EQ(type, 0);
  QRT_EXPECT(!sub.present);
  QRT_EXPECT(r.error == nullptr);
}

QRT_TEST(flatbuffer_reader, union_type_without_value_is_absent) {
  NodePtr root = fbtest::table();
  root->scalar<uint8_t>(0, 7);  // type 7, slot 1 (value) absent
  const std::vector<uint8_t> buf = fbtest::finish(root);
  Reader r;
  QRT_ASSERT(qrt::fb::init_reader(buf.data(), buf.size(), &r));
  Table t, value;
  QRT_ASSERT(qrt::fb::root_table(&r, &t));
  uint8_t type = 0;
  QRT_EXPECT(qrt::fb::read_union(&r, t, 0, &type, &value));
  QRT_EXPECT_EQ(type, 7);
  QRT_EXPECT(!value.present);
}

QRT_TEST(flatbuffer_reader, rejects_bad_buffers) {
  const uint8_t small[3] = {1, 2, 3};
  Reader r;
  QRT_EXPECT(!qrt::fb::init_reader(nullptr, 10, &r));
  QRT_EXPECT(error_is(r, "empty"));
  QRT_EXPECT(!qrt::fb::init_reader(small, 0, &r));
  // A size over 2 GiB is refused before anything is read.
  QRT_EXPECT(!qrt::fb::init_reader(small, size_t{0x80000000u}, &r));
  QRT_EXPECT(error_is(r, "2 GiB"));
  QRT_EXPECT(qrt::fb::init_reader(small, sizeof(small), &r));
  Table t;
  QRT_EXPECT(!qrt::fb::root_table(&r, &t));
  QRT_EXPECT(error_is(r, "too small"));
  QRT_EXPECT(!qrt::fb::has_identifier(r, "TFL3"));
}

// Builds a root table with one int32 field and one vector, returns the buffer and positions.
struct Simple {
  std::vector<uint8_t> buf;
  uint32_t table_pos;
  uint32_t vtable_pos;
  uint32_t vector_pos;
  uint32_t field_pos;  // of the int32 field
};

Simple simple() {
  NodePtr v = fbtest::vec<int32_t>({1, 2, 3});
  NodePtr root = fbtest::table();
  root->scalar<int32_t>(0, 99)->ref(1, v)->ref(2, fbtest::str("abc"));
  Simple s;
  s.buf = fbtest::finish(root);
  s.table_pos = root->pos;
  s.vtable_pos = root->vtable_pos;
  s.vector_pos = v->pos;
  s.field_pos = root->field(0)->pos;
  return s;
}

void put32(std::vector<uint8_t>* b, uint32_t at, uint32_t v) { memcpy(b->data() + at, &v, 4); }
void put16(std::vector<uint8_t>* b, uint32_t at, uint16_t v) { memcpy(b->data() + at, &v, 2); }

// Opens the root table of `buf` and reads its int32 field and vector; returns the reader.
Reader read_simple(const std::vector<uint8_t>& buf, bool* ok) {
  Reader r;
  Table t;
  Vector v;
  int32_t x = 0;
  *ok = qrt::fb::init_reader(buf.data(), buf.size(), &r) && qrt::fb::root_table(&r, &t) &&
        qrt::fb::read_scalar<int32_t>(&r, t, 0, 0, &x) && qrt::fb::read_vector(&r, t, 1, 4, &v);
  qrt::fb::String s;
  *ok = *ok && qrt::fb::read_string(&r, t, 2, &s);
  return r;
}

QRT_TEST(flatbuffer_reader, rejects_broken_tables) {
  bool ok = false;
  {
    Simple s = simple();
    read_simple(s.buf, &ok);
    QRT_EXPECT(ok);
  }
  {  // root offset past the end
    Simple s = simple();
    put32(&s.buf, 0, static_cast<uint32_t>(s.buf.size()));
    Reader r = read_simple(s.buf, &ok);
    QRT_EXPECT(!ok);
    QRT_EXPECT(error_is(r, "offset out of bounds"));
  }
  {  // root offset 0 (would point at itself)
    Simple s = simple();
    put32(&s.buf, 0, 0);
    Reader r = read_simple(s.buf, &ok);
    QRT_EXPECT(!ok && error_is(r, "zero offset"));
  }
  {  // root offset leaves fewer than 4 bytes for the table
    Simple s = simple();
    put32(&s.buf, 0, static_cast<uint32_t>(s.buf.size() - 2));
    Reader r = read_simple(s.buf, &ok);
    QRT_EXPECT(!ok && error_is(r, "table out of bounds"));
  }
  {  // soffset sends the vtable before the buffer start, or past its end
    for (int32_t soffset : {static_cast<int32_t>(0x7FFFFFFF), -0x7FFFFFFF - 1, -100000}) {
      Simple s = simple();
      put32(&s.buf, s.table_pos, static_cast<uint32_t>(soffset));
      Reader r = read_simple(s.buf, &ok);
      QRT_EXPECT(!ok && error_is(r, "vtable out of bounds"));
    }
  }
  {  // odd vtable size, too small a vtable, vtable running past the end
    for (uint16_t bytes : {uint16_t{7}, uint16_t{2}, uint16_t{0}, uint16_t{0xFFFE}}) {
      Simple s = simple();
      put16(&s.buf, s.vtable_pos, bytes);
      Reader r = read_simple(s.buf, &ok);
      QRT_EXPECT(!ok);
      QRT_EXPECT(error_is(r, "vtable"));
    }
  }
  {  // table inline size below 4 or past the end
    for (uint16_t bytes : {uint16_t{2}, uint16_t{0xFFFF}}) {
      Simple s = simple();
      put16(&s.buf, s.vtable_pos + 2, bytes);
      Reader r = read_simple(s.buf, &ok);
      QRT_EXPECT(!ok && error_is(r, "table"));
    }
  }
  {  // a field offset outside the table's inline size, or inside its soffset
    for (uint16_t off : {uint16_t{0x4000}, uint16_t{2}}) {
      Simple s = simple();
      put16(&s.buf, s.vtable_pos + 4, off);
      Reader r = read_simple(s.buf, &ok);
      QRT_EXPECT(!ok && error_is(r, "field outside its table"));
    }
  }
}

QRT_TEST(flatbuffer_reader, rejects_broken_vectors_and_strings) {
  bool ok = false;
  {  // element count that would run past the end; huge counts must not wrap
    for (uint32_t count : {4u, 0x40000000u, 0xFFFFFFFFu}) {
      Simple s = simple();
      put32(&s.buf, s.vector_pos, count);
      Reader r = read_simple(s.buf, &ok);
      if (count == 4u && s.vector_pos + 4 + 16 <= s.buf.size()) continue;  // may still fit
      QRT_EXPECT(!ok && error_is(r, "vector out of bounds"));
    }
  }
  {  // vector reference pointing past the end
    NodePtr root = fbtest::table();
    root->scalar<int32_t>(0, 1)->ref(1, fbtest::vec<int32_t>({1}));
    std::vector<uint8_t> buf = fbtest::finish(root);
    const uint32_t at = root->field(1)->pos;
    put32(&buf, at, static_cast<uint32_t>(buf.size() - at));
    Reader r = read_simple(buf, &ok);
    QRT_EXPECT(!ok && error_is(r, "offset out of bounds"));
    put32(&buf, at, static_cast<uint32_t>(buf.size() - at - 2));  // count straddles the end
    r = read_simple(buf, &ok);
    QRT_EXPECT(!ok && error_is(r, "vector length out of bounds"));
  }
  {  // a string whose terminator is not NUL, and one whose terminator is past the end
    NodePtr root = fbtest::table();
    NodePtr text = fbtest::str("abc");
    root->scalar<int32_t>(0, 1)->ref(1, fbtest::vec<int32_t>({}))->ref(2, text);
    std::vector<uint8_t> buf = fbtest::finish(root);
    buf[text->pos + 4 + 3] = 'x';
    Reader r = read_simple(buf, &ok);
    QRT_EXPECT(!ok && error_is(r, "NUL"));
    buf.resize(text->pos + 4 + 3);  // the string is the last object: cut its terminator
    r = read_simple(buf, &ok);
    QRT_EXPECT(!ok && error_is(r, "NUL"));
  }
}

QRT_TEST(flatbuffer_reader, vector_of_tables) {
  NodePtr a = fbtest::table();
  a->scalar<int32_t>(0, 10);
  NodePtr b = fbtest::table();
  b->scalar<int32_t>(0, 20);
  NodePtr root = fbtest::table();
  root->ref(0, fbtest::tables({a, b, a}));
  const std::vector<uint8_t> buf = fbtest::finish(root);
  Reader r;
  QRT_ASSERT(qrt::fb::init_reader(buf.data(), buf.size(), &r));
  Table t;
  QRT_ASSERT(qrt::fb::root_table(&r, &t));
  Vector v;
  QRT_ASSERT(qrt::fb::read_vector(&r, t, 0, 4, &v));
  QRT_ASSERT_EQ(v.count, 3);
  const int32_t expected[3] = {10, 20, 10};
  for (uint32_t i = 0; i < 3; ++i) {
    Table e;
    int32_t x = 0;
    QRT_EXPECT(qrt::fb::vector_table(&r, v, i, &e));
    QRT_EXPECT_EQ(e.depth, 1);
    QRT_EXPECT(qrt::fb::read_scalar<int32_t>(&r, e, 0, 0, &x));
    QRT_EXPECT_EQ(x, expected[i]);
  }
  Table e;
  QRT_EXPECT(!qrt::fb::vector_table(&r, v, 3, &e));
  QRT_EXPECT(error_is(r, "index out of range"));
}

QRT_TEST(flatbuffer_reader, bounds_nesting_depth) {
  // A chain of 80 tables, each referencing the next in slot 0.
  NodePtr root = fbtest::table();
  NodePtr cur = root;
  for (int i = 0; i < 80; ++i) {
    NodePtr next = fbtest::table();
    cur->ref(0, next);
    cur = next;
  }
  const std::vector<uint8_t> buf = fbtest::finish(root);
  Reader r;
  QRT_ASSERT(qrt::fb::init_reader(buf.data(), buf.size(), &r));
  Table t;
  QRT_ASSERT(qrt::fb::root_table(&r, &t));
  uint32_t depth = 0;
  while (true) {
    Table next;
    if (!qrt::fb::read_table(&r, t, 0, &next)) break;
    QRT_ASSERT(next.present);
    t = next;
    ++depth;
  }
  QRT_EXPECT_EQ(depth, qrt::fb::kMaxDepth);
  QRT_EXPECT(error_is(r, "nested too deeply"));
}

QRT_TEST(flatbuffer_reader, work_budget) {
  // The budget is proportional to the size; a table visited over and over exhausts it.
  NodePtr leaf = fbtest::table();
  leaf->scalar<int32_t>(0, 1);
  NodePtr root = fbtest::table();
  root->ref(0, fbtest::tables({leaf, leaf}));
  const std::vector<uint8_t> buf = fbtest::finish(root);
  Reader r;
  QRT_ASSERT(qrt::fb::init_reader(buf.data(), buf.size(), &r));
  QRT_EXPECT_EQ(r.budget, qrt::fb::kBudgetPerByte * buf.size() + qrt::fb::kBudgetBase);
  Table t;
  QRT_ASSERT(qrt::fb::root_table(&r, &t));
  Vector v;
  QRT_ASSERT(qrt::fb::read_vector(&r, t, 0, 4, &v));
  uint64_t visits = 0;
  Table e;
  while (qrt::fb::vector_table(&r, v, visits % 2, &e)) ++visits;
  QRT_EXPECT(error_is(r, "budget"));
  QRT_EXPECT_EQ(visits + 1, qrt::fb::kBudgetPerByte * buf.size() + qrt::fb::kBudgetBase);
  QRT_EXPECT(!qrt::fb::charge(&r, 1));
}

}  // namespace
