// Cortex-M port in libqrt.a: cycle counter, log sink and name (runtime/include/qrt/port.h).
//
// Cycle counter: DWT->CYCCNT, the core's own cycle counter (Cortex-M3/M4/M7/M55 silicon). It is
// stateless, so the library keeps no mutable global; the price is 32 bits: a measured span must
// stay below 2^32 cycles (25 s at 168 MHz), or it wraps. The three counter functions are weak:
// firmware with a better clock (an RTOS tick, a 64-bit timer) defines its own, and the project's
// QEMU test runtime does (systick_counter.cpp): QEMU does not model the DWT (CYCCNT reads 0), but
// its SysTick under -icount counts instructions deterministically.
//
// QRT_CM_CPU_HZ (toolchain file) is the core clock for qrt_port_cycles_per_second().
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "qrt/port.h"

#ifndef QRT_CM_CPU_NAME
#define QRT_CM_CPU_NAME "cortex-m"
#endif
#ifndef QRT_CM_CPU_HZ
#define QRT_CM_CPU_HZ 25000000u
#endif

namespace {

inline volatile uint32_t& reg(uintptr_t address) {
  return *reinterpret_cast<volatile uint32_t*>(address);
}

constexpr uintptr_t kDemcr = 0xE000EDFCu;
constexpr uintptr_t kDwtCtrl = 0xE0001000u;
constexpr uintptr_t kDwtCyccnt = 0xE0001004u;
constexpr uintptr_t kDwtLar = 0xE0001FB0u;  // lock access: the Cortex-M7 needs the unlock key

}  // namespace

extern "C" __attribute__((weak)) uint64_t qrt_port_cycles(void) {
  if ((reg(kDwtCtrl) & 1u) == 0) {
    reg(kDemcr) |= 1u << 24;  // TRCENA: power the DWT
    reg(kDwtLar) = 0xC5ACCE55u;
    reg(kDwtCyccnt) = 0;
    reg(kDwtCtrl) |= 1u;  // CYCCNTENA
  }
  return reg(kDwtCyccnt);
}

extern "C" __attribute__((weak)) uint64_t qrt_port_cycles_per_second(void) {
  return QRT_CM_CPU_HZ;
}

extern "C" __attribute__((weak)) const char* qrt_port_name(void) {
  return QRT_CM_CPU_NAME " (DWT CYCCNT, 32-bit)";
}

// Through write() rather than stdio: no stdio buffer (newlib mallocs those) and the same path a
// product's firmware already retargets to its UART. Under QEMU it reaches semihosting.
extern "C" void qrt_port_log(const char* text) {
  const size_t length = strlen(text);
  if (length != 0) (void)write(1, text, length);
}
