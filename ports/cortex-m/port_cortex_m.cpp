// Cortex-M port: cycle counter, log sink and name (runtime/include/qrt/port.h).
//
// Cycle counter. Real silicon has DWT->CYCCNT, but QEMU does not model it (it reads 0), so the
// default counter is SysTick running from the core clock, extended to 64 bits by counting its
// wraps in SysTick_Handler. Under QEMU with -icount shift=0 every instruction advances virtual time
// by 1 ns, so SysTick counts instructions deterministically: one tick per 40 instructions on the
// MPS2 boards (25 MHz), per 31.25 on the MPS3 AN547 (32 MHz). Build with QRT_CM_COUNTER_DWT for
// silicon: CYCCNT then counts real cycles, but only 32 bits of them (no wrap counter without an
// interrupt), so measured spans must stay below 2^32 cycles.
//
// The wrap counter is the port's one piece of mutable state: a hardware timer needs somewhere to
// keep its high bits. Firmware that owns SysTick itself (an RTOS tick) uses the DWT counter.
#include <stdint.h>
#include <string.h>
#include <unistd.h>

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

#if defined(QRT_CM_COUNTER_DWT)

constexpr uintptr_t kDemcr = 0xE000EDFCu;
constexpr uintptr_t kDwtCtrl = 0xE0001000u;
constexpr uintptr_t kDwtCyccnt = 0xE0001004u;
constexpr uintptr_t kDwtLar = 0xE0001FB0u;  // lock access (Cortex-M7 requires the unlock key)

uint64_t read_counter() {
  if ((reg(kDwtCtrl) & 1u) == 0) {
    reg(kDemcr) |= 1u << 24;  // TRCENA
    reg(kDwtLar) = 0xC5ACCE55u;
    reg(kDwtCyccnt) = 0;
    reg(kDwtCtrl) |= 1u;  // CYCCNTENA
  }
  return reg(kDwtCyccnt);
}
constexpr const char* kCounterName = QRT_CM_CPU_NAME " (DWT CYCCNT, 32-bit)";

#else

constexpr uintptr_t kSystCsr = 0xE000E010u;
constexpr uintptr_t kSystRvr = 0xE000E014u;
constexpr uintptr_t kSystCvr = 0xE000E018u;
constexpr uintptr_t kScbIcsr = 0xE000ED04u;
constexpr uint32_t kReload = 0x00FFFFFFu;  // full 24-bit period: 2^24 ticks per wrap

volatile uint32_t g_systick_wraps = 0;

uint64_t read_counter() {
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
    const uint32_t value = reg(kSystCvr);  // counts down from kReload
    const bool pending = (reg(kScbIcsr) & (1u << 26)) != 0;  // PENDSTSET
    if (g_systick_wraps != wraps) continue;  // the handler ran in between: read again
    uint64_t high = wraps;
    // Wrapped before `value` was read but the handler has not run yet (interrupts masked, or the
    // read landed between the reload and the exception entry): count that wrap here.
    if (pending && value > kReload / 2) ++high;
    return (high << 24) + (kReload - value);
  }
}
constexpr const char* kCounterName =
    QRT_CM_CPU_NAME " (SysTick; under QEMU -icount shift=0 one tick = " QRT_CM_QEMU_INSNS_PER_TICK
    " instructions)";

#endif

}  // namespace

#if !defined(QRT_CM_COUNTER_DWT)
extern "C" void SysTick_Handler(void) { g_systick_wraps = g_systick_wraps + 1u; }
#endif

extern "C" uint64_t qrt_port_cycles(void) { return read_counter(); }

extern "C" uint64_t qrt_port_cycles_per_second(void) { return QRT_CM_CPU_HZ; }

extern "C" const char* qrt_port_name(void) { return kCounterName; }

// Through write() rather than stdio: no stdio buffer (newlib mallocs those) and the same path a
// product's firmware already retargets to its UART. Test output under QEMU reaches semihosting.
extern "C" void qrt_port_log(const char* text) {
  const size_t length = strlen(text);
  if (length != 0) (void)write(1, text, length);
}
