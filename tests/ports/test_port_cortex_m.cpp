// Cortex-M test runtime: the SysTick counter's documented instruction ratio under QEMU -icount,
// and stack painting. Built on QRT_PORT=cortex-m only (tests/ports/CMakeLists.txt).
#include <string.h>

#include "qrt/port.h"
#include "qrt/port_cortex_m.h"
#include "qrt_test.h"

namespace {

// Exactly 2 instructions per iteration (subs + bne), written in assembly so the count does not
// depend on the compiler.
__attribute__((noinline)) void spin(uint32_t iterations) {
  __asm__ volatile(
      "1:\n\t"
      "subs %0, %0, #1\n\t"
      "bne 1b"
      : "+r"(iterations)
      :
      : "cc");
}

// Uses `bytes` of stack in a frame the compiler cannot shrink.
__attribute__((noinline)) uint32_t use_stack(size_t bytes) {
  volatile uint8_t frame[4096];
  const size_t n = bytes < sizeof frame ? bytes : sizeof frame;
  for (size_t i = 0; i < n; ++i) frame[i] = static_cast<uint8_t>(i);
  return frame[0] + frame[n - 1];
}

// Instructions per tick, from the board's SysTick clock: -icount shift=0 runs 1e9 instructions per
// virtual second.
double instructions_per_tick() { return 1e9 / static_cast<double>(qrt_port_cycles_per_second()); }

}  // namespace

QRT_TEST(cortex_m, systick_counts_instructions_under_icount) {
  const uint32_t iterations = 400000;  // 800,000 instructions
  const uint64_t t0 = qrt_port_cycles();
  spin(iterations);
  const uint64_t t1 = qrt_port_cycles();
  spin(iterations);
  const uint64_t t2 = qrt_port_cycles();
  const double expected = 2.0 * iterations / instructions_per_tick();
  // The two reads and the call add a few dozen instructions; the tick phase adds at most one.
  QRT_EXPECT_NEAR(static_cast<double>(t1 - t0), expected, 3.0);
  // Deterministic: the same work costs the same ticks (up to the phase of the tick boundary).
  const uint64_t first = t1 - t0, second = t2 - t1;
  QRT_EXPECT((first > second ? first - second : second - first) <= 1);
}

QRT_TEST(cortex_m, counter_extends_across_systick_wraps) {
  // SysTick is 24 bits: 2^24 ticks are 671M instructions on MPS2 (524M on the AN547), about a
  // second of emulation. Spin a little longer than one period: the span must be counted in full,
  // which needs the wrap counted by SysTick_Handler.
  const double period_instructions = 16777216.0 * instructions_per_tick();
  const uint32_t iterations = static_cast<uint32_t>(period_instructions / 2.0 * 1.05);
  const uint64_t t0 = qrt_port_cycles();
  spin(iterations);
  const uint64_t t1 = qrt_port_cycles();
  QRT_EXPECT(t1 - t0 > (uint64_t{1} << 24));
  QRT_EXPECT_NEAR(static_cast<double>(t1 - t0), 2.0 * iterations / instructions_per_tick(), 3.0);
}

QRT_TEST(cortex_m, stack_painting_measures_a_known_frame) {
  QRT_ASSERT(qrt_cm_stack_size() >= 8192);
  qrt_cm_stack_paint();
  const size_t base = qrt_cm_stack_high_water();
  // Right after painting, only this frame and the painting guard are above the paint.
  QRT_EXPECT(base < 512);
  use_stack(3000);
  const size_t after = qrt_cm_stack_high_water();
  // use_stack's 4096-byte frame lies right below this function's frame; `base` already counted
  // the painter's small frame and its 64-byte guard there, hence the slack below 4096.
  QRT_EXPECT(after >= base + 4096 - 128);
  QRT_EXPECT(after <= base + 4096 + 256);
  // Repainting forgets the peak.
  qrt_cm_stack_paint();
  QRT_EXPECT(qrt_cm_stack_high_water() < 512);
}
