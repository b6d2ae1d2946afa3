// The guard zones of tests/harness/guarded_buffer.h: where tails sit, and that a write into the
// slack or the canary zone is reported (the over-read itself: tests/ops/guard_overread_probe.cpp).
#include "guarded_buffer.h"

#include <stdint.h>

#include "qrt_test.h"

namespace {

qrt_test::GuardedBuffer g_buffer(1000);

}  // namespace

QRT_TEST(guarded_buffer, tails_end_at_the_guard) {
  uint8_t* p = g_buffer.tail(7);
  QRT_ASSERT(p != nullptr);
  QRT_EXPECT(p + 7 == g_buffer.guard_begin());
  int32_t* words = g_buffer.tail_as<int32_t>(5);
  QRT_EXPECT(reinterpret_cast<uint8_t*>(words + 5) == g_buffer.guard_begin());
  QRT_EXPECT_EQ(reinterpret_cast<uintptr_t>(words) % 4, 0u);
  QRT_EXPECT(g_buffer.tail(1000) != nullptr);
  QRT_EXPECT(g_buffer.tail(1001) == nullptr);
  QRT_EXPECT(g_buffer.guard_intact());
}

QRT_TEST(guarded_buffer, write_into_alignment_slack_is_reported) {
  uint8_t* p = g_buffer.tail(5, 16);  // the guard is 32-byte aligned: 11 bytes of slack
  QRT_ASSERT(p != nullptr);
  QRT_EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
  QRT_EXPECT_EQ(g_buffer.guard_begin() - p, 16);
  QRT_EXPECT(g_buffer.guard_intact());
  p[5] = 0;  // one byte past the tail, still before the guard
  QRT_EXPECT(!g_buffer.guard_intact());
  g_buffer.tail(5, 16);  // a new tail refills the slack
  QRT_EXPECT(g_buffer.guard_intact());
}

QRT_TEST(guarded_buffer, write_into_canary_zone_is_reported) {
  uint8_t* p = g_buffer.tail(8);
  QRT_ASSERT(p != nullptr);
#if defined(__linux__)
  QRT_EXPECT(g_buffer.zone_faults());  // the page after the buffer is inaccessible
#else
  if (g_buffer.zone_faults()) return;  // ARMv7-M: the zone is an MPU no-access region
  const_cast<uint8_t*>(g_buffer.guard_begin())[31] = 0;
  QRT_EXPECT(!g_buffer.guard_intact());
#endif
}
