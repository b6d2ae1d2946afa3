// The loader's size arithmetic and plan check on the target itself (every port, Cortex-M and the
// 32-bit armhf included), with hand-built blobs (blob_builder.h): regions declared larger than
// their tensors, region sums past a 32-bit address space, a metadata count that would overflow,
// overlapping live tensors, the measured arena high-water mark, and ADD's shift rule.
#include <stdint.h>
#include <string.h>

#include "blob_builder.h"
#include "qrt/ops/op_codes.h"
#include "qrt/ops/params.h"
#include "qrt/qrt.h"
#include "qrt_test.h"

namespace {

alignas(16) uint8_t g_arena[8192];
test_blob::Builder g_builder;

qrt_status plan(const test_blob::Builder& b, qrt_memory_report* r, qrt_error* err) {
  return qrt_plan_memory(b.bytes(), test_blob::Builder::kBlobBytes, nullptr, r, err);
}

qrt_status create(const test_blob::Builder& b, qrt_session** s, qrt_error* err) {
  return qrt_session_create(b.bytes(), test_blob::Builder::kBlobBytes, nullptr, g_arena,
                            sizeof g_arena, s, err);
}

}  // namespace

QRT_TEST(blob_limits, hand_built_model_runs) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.finish();
  qrt_session* s = nullptr;
  qrt_error err;
  QRT_ASSERT_EQ(create(b, &s, &err), QRT_OK);
  qrt_tensor_view in, out;
  QRT_ASSERT_EQ(qrt_session_input(s, 0, &in), QRT_OK);
  for (int i = 0; i < 16; ++i) static_cast<int8_t*>(in.data)[i] = static_cast<int8_t>(i - 7);
  QRT_ASSERT_EQ(qrt_session_invoke(s), QRT_OK);
  QRT_ASSERT_EQ(qrt_session_output(s, 0, &out), QRT_OK);
  for (int i = 0; i < 16; ++i) QRT_EXPECT_EQ(static_cast<const int8_t*>(out.data)[i], i - 7);
}

// A region larger than what its tensors use is refused before anything is sized from it.
QRT_TEST(blob_limits, declared_region_beyond_its_tensors_is_rejected) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.set_regions(0xFFFFFFF0u, 0x10u);
  b.finish();
  qrt_memory_report r;
  qrt_error err;
  QRT_EXPECT_EQ(plan(b, &r, &err), QRT_ERR_BAD_PLAN);
  qrt_session* s = nullptr;
  QRT_EXPECT_EQ(create(b, &s, &err), QRT_ERR_BAD_PLAN);
  QRT_EXPECT(s == nullptr);
}

// Two regions of 2 GiB each, really used by tensors (an unread activation and a persistent
// tensor): their sum exceeds a 32-bit size_t. 32-bit targets must refuse the blob instead of
// wrapping to a tiny arena; 64-bit targets plan the true 4 GiB and refuse a small arena.
QRT_TEST(blob_limits, region_sum_past_the_address_space) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.activation(INT32_MAX, 32, 0, 0);  // unreferenced, lifetime [0, 0]
  b.persistent(INT32_MAX, 0);
  b.finish();
  QRT_ASSERT_EQ(b.graph().activation_bytes, 0x80000020u);
  QRT_ASSERT_EQ(b.graph().persistent_bytes, 0x80000000u);
  qrt_memory_report r;
  qrt_error err;
  qrt_session* s = nullptr;
  if (sizeof(size_t) == 4) {
    QRT_EXPECT_EQ(plan(b, &r, &err), QRT_ERR_BAD_PLAN);
    QRT_EXPECT(qrt_test::message_has(err.message, "address space"));
    QRT_EXPECT_EQ(create(b, &s, &err), QRT_ERR_BAD_PLAN);
  } else {
    QRT_ASSERT_EQ(plan(b, &r, &err), QRT_OK);
    QRT_EXPECT(static_cast<uint64_t>(r.arena_bytes) > 0x100000000ull);
    QRT_EXPECT_EQ(create(b, &s, &err), QRT_ERR_ARENA_TOO_SMALL);
  }
  QRT_EXPECT(s == nullptr);
}

// A pair count whose doubling wraps in 32 bits (0x80000003 * 2 = 6) must not pass on 6 strings.
QRT_TEST(blob_limits, metadata_count_cannot_wrap) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  const char kv[] = "a\0b\0c\0d\0e\0f";  // 6 strings: 3 pairs
  b.metadata(kv, sizeof kv, 0x80000003u);
  b.finish();
  qrt_memory_report r;
  QRT_EXPECT_EQ(plan(b, &r, nullptr), QRT_ERR_BAD_METADATA);
  const char* value = nullptr;
  QRT_EXPECT_EQ(qrt_blob_metadata(b.bytes(), test_blob::Builder::kBlobBytes, "e", &value),
                QRT_ERR_BAD_METADATA);
  b.section_entry(qrt::format::kSectionMetadata).count = 3;  // the true count works
  b.seal();
  QRT_ASSERT_EQ(qrt_blob_metadata(b.bytes(), test_blob::Builder::kBlobBytes, "e", &value), QRT_OK);
  QRT_EXPECT(strcmp(value, "f") == 0);
}

// The plan check runs on the device too (in the arena): y over x while both are live.
QRT_TEST(blob_limits, overlapping_live_tensors_are_rejected_at_create) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.finish();
  b.tensor(1).data_offset = 8;
  b.seal();
  qrt_session* s = nullptr;
  qrt_error err;
  QRT_EXPECT_EQ(create(b, &s, &err), QRT_ERR_BAD_PLAN);
  QRT_EXPECT_EQ(err.tensor_index, 1);
  // The in-place form of the same operator (same bytes, flag set) is accepted.
  test_blob::Builder& c = g_builder.reset_to_reshape();
  c.finish();
  c.tensor(1).data_offset = 0;
  reinterpret_cast<qrt::format::OperatorRecord*>(
      const_cast<uint8_t*>(c.bytes()) + c.section_entry(qrt::format::kSectionOperators).offset)
      ->flags = qrt::format::kOpInPlace;
  c.graph().activation_bytes = 16;
  c.seal();
  QRT_EXPECT_EQ(create(c, &s, &err), QRT_OK);
}

// The high-water mark is measured: a planned but unused tensor at the top of the activation
// region (32 bytes, referenced by no operator) is reported as not used.
QRT_TEST(blob_limits, high_water_is_measured_not_the_plan) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.activation(32, 32, 0, 0);
  b.finish();
  qrt_session* s = nullptr;
  qrt_error err;
  QRT_ASSERT_EQ(create(b, &s, &err), QRT_OK);
  qrt_tensor_view in;
  qrt_session_input(s, 0, &in);
  memset(in.data, 1, 16);
  QRT_ASSERT_EQ(qrt_session_invoke(s), QRT_OK);
  qrt_memory_report m;
  QRT_ASSERT_EQ(qrt_session_memory(s, &m), QRT_OK);
  QRT_EXPECT_EQ(m.scratch_bytes, 0u);
  QRT_EXPECT_EQ(m.arena_high_water, m.arena_bytes - 32u);
  // Writing the unused tensor's last byte moves the mark to the planned end.
  qrt_tensor_view dead;
  QRT_ASSERT_EQ(qrt_session_tensor(s, 2, &dead), QRT_OK);
  static_cast<uint8_t*>(dead.data)[31] = 0;
  QRT_ASSERT_EQ(qrt_session_memory(s, &m), QRT_OK);
  QRT_EXPECT_EQ(m.arena_high_water, m.arena_bytes);
}

// ADD's three multipliers are TFLite's "smaller than one" kind: a positive shift (which the
// kernel's rounding division cannot take) is refused at load, found by fuzzing (fuzz_blob: an
// int16 ADD with shift 1 reached a negative shift exponent). x + x with valid parameters runs.
QRT_TEST(blob_limits, add_refuses_a_positive_shift) {
  qrt::AddParams p{};
  p.left_shift = 20;
  p.input1_multiplier = p.input2_multiplier = 1 << 30;  // 0.5: each input becomes x * 2^19
  p.input1_shift = p.input2_shift = 0;
  p.output_multiplier = 1 << 30;  // 0.5 * 2^-18: the sum x * 2^20 becomes 2x
  p.output_shift = -18;
  p.act_min = -128;
  p.act_max = 127;
  for (int positive = 0; positive < 2; ++positive) {
    test_blob::Builder& b = g_builder;
    b.reset();
    const int32_t x = b.activation(16, 0, 0, 0);
    const int32_t y = b.activation(16, 16, 0, 0);
    qrt::AddParams q = p;
    if (positive != 0) q.input2_shift = 1;
    b.op(qrt::kOpAdd, x, y, &q, sizeof q, 0, x);
    b.graph_io(x, y);
    b.finish();
    qrt_session* s = nullptr;
    qrt_error err;
    const qrt_status status = create(b, &s, &err);
    if (positive != 0) {
      QRT_EXPECT_EQ(status, QRT_ERR_BAD_PARAMS);
      QRT_EXPECT(qrt_test::message_has(err.message, "shift"));
      continue;
    }
    QRT_ASSERT_EQ(status, QRT_OK);
    qrt_tensor_view in, out;
    QRT_ASSERT_EQ(qrt_session_input(s, 0, &in), QRT_OK);
    for (int i = 0; i < 16; ++i) static_cast<int8_t*>(in.data)[i] = static_cast<int8_t>(4 * i - 30);
    QRT_ASSERT_EQ(qrt_session_invoke(s), QRT_OK);
    QRT_ASSERT_EQ(qrt_session_output(s, 0, &out), QRT_OK);
    for (int i = 0; i < 16; ++i) QRT_EXPECT_EQ(static_cast<const int8_t*>(out.data)[i], 2 * (4 * i - 30));
  }
}
