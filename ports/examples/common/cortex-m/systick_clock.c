/* A firmware's own clock for qrt: libqrt.a's qrt_port_cycles() reads the DWT cycle counter, which
 * QEMU does not model (it reads 0). This firmware counts SysTick instead (core clock, 24-bit,
 * extended to 64 bits by counting wraps), and its definitions replace the library's weak ones. */
#include <stdint.h>

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define ICSR (*(volatile uint32_t*)0xE000ED04u)
#define RELOAD 0x00FFFFFFu

static volatile uint32_t wraps;

void SysTick_Handler(void) { wraps = wraps + 1u; }

uint64_t qrt_port_cycles(void) {
  if ((SYST_CSR & 1u) == 0) {
    SYST_RVR = RELOAD;
    SYST_CVR = 0;
    SYST_CSR = 7u; /* core clock, interrupt on wrap, enabled */
    while (SYST_CVR == 0) {
      /* until the first reload: a count read at 0 would look like a wrap about to come */
    }
  }
  uint32_t high, low, pending;
  do { /* a wrap between the reads would pair an old count with a new value */
    high = wraps;
    low = RELOAD - SYST_CVR;
    pending = (ICSR >> 26) & 1u; /* PENDSTSET: wrapped, handler not yet run */
  } while (high != wraps);
  if (pending != 0 && low < RELOAD / 2) ++high; /* the wrap the handler has yet to count */
  return ((uint64_t)high << 24) | low;
}

uint64_t qrt_port_cycles_per_second(void) { return 25000000u; /* MPS2 boards' core clock */ }
