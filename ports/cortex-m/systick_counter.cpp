// The test runtime's cycle counter (overrides the library's weak DWT counter, port_cortex_m.cpp):
// SysTick from the core clock, extended to 64 bits by counting its wraps in SysTick_Handler.
//
// Why SysTick: QEMU does not model the DWT, but with -icount shift=0 every instruction advances
// virtual time by 1 ns, so SysTick counts instructions deterministically: one tick per 40
// instructions on the MPS2 boards (25 MHz), per 31.25 on the MPS3 AN547 (32 MHz)
// (tests/ports/test_port_cortex_m.cpp checks the ratio). The wrap counter is mutable state, which
// is why this lives in the test runtime and not in libqrt.a.
#include <stdint.h>

#include "qrt/port.h"

#ifndef QRT_CM_CPU_NAME
#define QRT_CM_CPU_NAME "cortex-m"
#endif
#ifndef QRT_CM_CPU_HZ
#define QRT_CM_CPU_HZ 25000000u  // SysTick clock of the QEMU MPS2 boards
#endif
#ifndef QRT_CM_QEMU_INSNS_PER_TICK
#define QRT_CM_QEMU_INSNS_PER_TICK "40"  // 1e9 / QRT_CM_CPU_HZ
#endif

namespace {

inline volatile uint32_t& reg(uintptr_t address) {
  return *reinterpret_cast<volatile uint32_t*>(address);
}

constexpr uintptr_t kSystCsr = 0xE000E010u;
constexpr uintptr_t kSystRvr = 0xE000E014u;
constexpr uintptr_t kSystCvr = 0xE000E018u;
constexpr uintptr_t kScbIcsr = 0xE000ED04u;
constexpr uint32_t kReload = 0x00FFFFFFu;  // the full 24-bit period: 2^24 ticks per wrap

volatile uint32_t g_systick_wraps = 0;

}  // namespace

extern "C" void SysTick_Handler(void) { g_systick_wraps = g_systick_wraps + 1u; }

extern "C" uint64_t qrt_port_cycles(void) {
  if ((reg(kSystCsr) & 1u) == 0) {
    reg(kSystRvr) = kReload;
    reg(kSystCvr) = 0;
    reg(kSystCsr) = 7u;  // ENABLE | TICKINT | CLKSOURCE = core clock
    // The counter holds 0 until the first tick reloads it; a read in between would be a full
    // period ahead of the next one. Waiting for the reload takes at most one tick.
    while (reg(kSystCvr) == 0) {
    }
  }
  for (;;) {
    const uint32_t wraps = g_systick_wraps;
    const uint32_t value = reg(kSystCvr);                     // counts down from kReload
    const bool pending = (reg(kScbIcsr) & (1u << 26)) != 0;  // PENDSTSET
    if (g_systick_wraps != wraps) continue;                   // the handler ran in between
    uint64_t high = wraps;
    // Wrapped before `value` was read but the handler has not run yet (interrupts masked, or the
    // read landed between the reload and the exception entry): count that wrap here.
    if (pending && value > kReload / 2) ++high;
    return (high << 24) + (kReload - value);
  }
}

extern "C" uint64_t qrt_port_cycles_per_second(void) { return QRT_CM_CPU_HZ; }

extern "C" const char* qrt_port_name(void) {
  return QRT_CM_CPU_NAME " (SysTick; under QEMU -icount shift=0 one tick = "
      QRT_CM_QEMU_INSNS_PER_TICK " instructions)";
}
