// Plans for another target's pointer size (qrt/plan_target.h), on every target: the runtime state
// a 32-bit and a 64-bit device need for a hand-built blob (sizeof(qrt_session) of each ABI plus
// one pointer per tensor and per operator, each table 16-byte aligned: hand arithmetic below),
// region sums past a 32-bit address space refused for 32-bit targets wherever the plan is made,
// and the running target's plan equal to qrt_plan_memory's. The scratch of every kernel variant is
// compared with the device's own by the models' plan tests (tests/ports/host_plan_check.h).
#include <stdint.h>
#include <string.h>

#include "blob_builder.h"
#include "qrt/ops/op_codes.h"
#include "qrt/plan_target.h"
#include "qrt/qrt.h"
#include "qrt_test.h"

namespace {

test_blob::Builder g_builder;

qrt_status plan_for(const test_blob::Builder& b, uint32_t pointer_bytes, qrt_memory_report* r,
                    qrt_error* err) {
  const qrt::PlanTarget target{qrt::kReferenceOnly, pointer_bytes};
  return qrt::plan_memory_for(b.bytes(), test_blob::Builder::kBlobBytes, nullptr, target, r, err);
}

}  // namespace

QRT_TEST(plan_target, runtime_state_per_pointer_size) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.finish();
  qrt_memory_report r;
  // ILP32: sizeof(qrt_session) 168 -> 176, 2 tensor pointers 8 -> 16, 1 eval pointer 4 -> 16.
  QRT_ASSERT_EQ(plan_for(b, 4, &r, nullptr), QRT_OK);
  QRT_EXPECT_EQ(r.runtime_state_bytes, 176u + 16u + 16u);
  QRT_EXPECT_EQ(r.arena_bytes, 176u + 16u + 16u + 32u);  // + the 32 activation bytes
  // LP64: 320, 16 -> 16, 8 -> 16.
  QRT_ASSERT_EQ(plan_for(b, 8, &r, nullptr), QRT_OK);
  QRT_EXPECT_EQ(r.runtime_state_bytes, 320u + 16u + 16u);
  QRT_EXPECT_EQ(r.arena_bytes, 320u + 16u + 16u + 32u);
}

QRT_TEST(plan_target, running_target_is_qrt_plan_memory) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.finish();
  qrt_memory_report direct, via_target;
  QRT_ASSERT_EQ(qrt_plan_memory(b.bytes(), test_blob::Builder::kBlobBytes, nullptr, &direct, nullptr),
                QRT_OK);
  QRT_ASSERT_EQ(qrt::plan_memory_for(b.bytes(), test_blob::Builder::kBlobBytes, nullptr,
                                     qrt::running_target(nullptr), &via_target, nullptr),
                QRT_OK);
  QRT_EXPECT(memcmp(&direct, &via_target, sizeof direct) == 0);
  QRT_EXPECT_EQ(qrt::running_target(nullptr).pointer_bytes, sizeof(void*));
  qrt_options reference;
  memset(&reference, 0, sizeof reference);
  reference.use_reference_kernels = 1;
  QRT_EXPECT_EQ(qrt::running_target(&reference).isas.bits, qrt::kReferenceOnly.bits);
}

// Two 2 GiB regions really used by tensors: more than a 32-bit target can address. A plan for a
// 32-bit target refuses it on any machine; a 64-bit target's plan holds it where size_t can.
QRT_TEST(plan_target, address_space_is_the_targets) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.activation(INT32_MAX, 32, 0, 0);
  b.persistent(INT32_MAX, 0);
  b.finish();
  qrt_memory_report r;
  qrt_error err;
  QRT_EXPECT_EQ(plan_for(b, 4, &r, &err), QRT_ERR_BAD_PLAN);
  QRT_EXPECT(qrt_test::message_has(err.message, "address space"));
  QRT_EXPECT_EQ(plan_for(b, 8, &r, &err), sizeof(size_t) == 8 ? QRT_OK : QRT_ERR_BAD_PLAN);
}

QRT_TEST(plan_target, pointer_size_is_checked) {
  test_blob::Builder& b = g_builder.reset_to_reshape();
  b.finish();
  qrt_memory_report r;
  qrt_error err;
  QRT_EXPECT_EQ(plan_for(b, 2, &r, &err), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT(qrt_test::message_has(err.message, "pointer size 2"));
  QRT_EXPECT_EQ(plan_for(b, 16, &r, &err), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT_EQ(qrt::plan_memory_for(b.bytes(), test_blob::Builder::kBlobBytes, nullptr,
                                     qrt::running_target(nullptr), nullptr, &err),
                QRT_ERR_NULL_ARGUMENT);
}
