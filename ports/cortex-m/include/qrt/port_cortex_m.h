/* Cortex-M test runtime services beyond qrt/port.h: stack high-water measurement by painting.
 *
 * The runtime's linker scripts (ports/cortex-m/ld/) put the stack at the bottom of RAM, between
 * __stack_bottom__ and __stack_top__, so an overflow runs off the start of RAM and faults instead of
 * corrupting .data/.bss. Reset paints the whole stack with a pattern; the high-water mark is the
 * deepest word that no longer holds it. A benchmark can repaint right before the code it measures
 * (qrt_cm_stack_paint) to get that code's own peak (plus the caller frames above it). */
#ifndef QRT_PORT_CORTEX_M_H
#define QRT_PORT_CORTEX_M_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Size of the stack region in bytes (STACK_SIZE in the linker script). */
size_t qrt_cm_stack_size(void);

/* Paints the unused part of the stack (from the bottom up to just below the caller's frame) and
 * returns the number of bytes painted. The high-water mark then restarts from the current depth. */
size_t qrt_cm_stack_paint(void);

/* Peak stack use in bytes since reset or the last qrt_cm_stack_paint(): distance from the top of
 * the stack to the deepest overwritten word. Exact to 4 bytes, unless code wrote the paint value
 * itself (0xA5A5A5A5) at the deepest point, which only under-reports by that word run. */
size_t qrt_cm_stack_high_water(void);

#ifdef __cplusplus
}
#endif

#endif /* QRT_PORT_CORTEX_M_H */
