/* Stack painting for the stack high-water mark (see qrt/port_cortex_m.h). */
#include <stdint.h>

#include "qrt/port_cortex_m.h"

extern uint32_t __stack_bottom__[], __stack_top__[];

/* Any value works; this one is unlikely as data and easy to spot in a memory dump. */
#define QRT_CM_STACK_PAINT 0xA5A5A5A5u

/* Words left untouched directly below the current stack pointer: the painting loop itself and an
 * interrupt arriving meanwhile may push there. */
#define QRT_CM_STACK_GUARD_WORDS 16

size_t qrt_cm_stack_size(void) {
  return (size_t)((uintptr_t)__stack_top__ - (uintptr_t)__stack_bottom__);
}

size_t qrt_cm_stack_paint(void) {
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  volatile uint32_t* end = (volatile uint32_t*)(sp & ~(uintptr_t)3u) - QRT_CM_STACK_GUARD_WORDS;
  volatile uint32_t* p = __stack_bottom__;
  for (; p < end; ++p) *p = QRT_CM_STACK_PAINT;
  return (size_t)((uintptr_t)end - (uintptr_t)__stack_bottom__);
}

size_t qrt_cm_stack_high_water(void) {
  const volatile uint32_t* p = __stack_bottom__;
  while (p < __stack_top__ && *p == QRT_CM_STACK_PAINT) ++p;
  return (size_t)((uintptr_t)__stack_top__ - (uintptr_t)p);
}
