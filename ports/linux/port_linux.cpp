// Linux/Arm port. On aarch64 the cycle counter is the architectural virtual counter (CNTVCT_EL0,
// readable from user space, CNTFRQ_EL0 ticks per second): it is what a Cortex-A board offers
// without kernel help (the PMU cycle counter needs perf_event access). On 32-bit Arm Linux the
// kernel rarely opens the counter to user space, so the monotonic clock in nanoseconds is used.
// Under qemu-user both follow the host's wall clock: they time, they do not count instructions
// (bench/insncount does that with a QEMU plugin).
#include <stdio.h>
#include <time.h>

#include "qrt/port.h"

#if defined(__aarch64__)

extern "C" uint64_t qrt_port_cycles(void) {
  uint64_t value;
  __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(value)::"memory");
  return value;
}

extern "C" uint64_t qrt_port_cycles_per_second(void) {
  uint64_t frequency;
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
  return frequency;
}

extern "C" const char* qrt_port_name(void) { return "aarch64-linux (CNTVCT_EL0 virtual counter)"; }

#else

extern "C" uint64_t qrt_port_cycles(void) {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

extern "C" uint64_t qrt_port_cycles_per_second(void) { return 1000000000u; }

extern "C" const char* qrt_port_name(void) { return "arm-linux (monotonic clock, ns)"; }

#endif

extern "C" void qrt_port_log(const char* text) { fputs(text, stdout); }
