/* What a port supplies to the runtime (ports/<target>/). Exactly one port is linked into the qrt
 * library; each implements every function here. */
#ifndef QRT_PORT_H
#define QRT_PORT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A monotonically increasing cycle count: DWT->CYCCNT on Cortex-M silicon, SysTick under QEMU
 * (with -icount shift=0 it counts executed instructions deterministically), the virtual counter
 * on Linux/aarch64, a nanosecond clock on the host. Wraps only after 2^64 ticks. */
uint64_t qrt_port_cycles(void);

/* Ticks of qrt_port_cycles() per second (to convert to time), or 0 if unknown. */
uint64_t qrt_port_cycles_per_second(void);

/* Short name of the port and its counter, e.g. "cortex-m4 (SysTick, instructions/40)". */
const char* qrt_port_name(void);

/* Writes NUL-terminated text to the port's log sink (stdout, semihosting, UART). */
void qrt_port_log(const char* text);

#ifdef __cplusplus
}
#endif

#endif /* QRT_PORT_H */
