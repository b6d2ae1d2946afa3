/* ARM semihosting for the Cortex-M test runtime (BKPT 0xAB). Under qemu-system-arm with
 * -semihosting-config enable=on,target=native (or a debugger with semihosting enabled) these calls
 * reach the host; on a board without a semihosting host BKPT escalates to a HardFault, so a
 * product's firmware links its own startup and I/O instead of this runtime. C and C++. */
#ifndef QRT_PORTS_CORTEX_M_SEMIHOSTING_H
#define QRT_PORTS_CORTEX_M_SEMIHOSTING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Operation numbers from the Arm semihosting specification (v2). */
enum {
  QRT_SH_OPEN = 0x01,
  QRT_SH_CLOSE = 0x02,
  QRT_SH_WRITE0 = 0x04,
  QRT_SH_WRITE = 0x05,
  QRT_SH_READ = 0x06,
  QRT_SH_SEEK = 0x0A,
  QRT_SH_FLEN = 0x0C,
  QRT_SH_REMOVE = 0x0E,
  QRT_SH_GET_CMDLINE = 0x15,
  QRT_SH_EXIT = 0x18,
  QRT_SH_EXIT_EXTENDED = 0x20
};

/* One semihosting call: r0 = operation, r1 = argument (usually a parameter block); returns r0. */
static inline uint32_t qrt_cm_semihost_call(uint32_t op, const void* arg) {
  register uint32_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

/* Writes a NUL-terminated string with SYS_WRITE0. Stateless, so fault handlers can use it; QEMU
 * 7.2 prints it on its stderr. */
void qrt_cm_semihost_write0(const char* text);

/* Opens a host file; mode is the semihosting fopen-mode index (0 "r" ... 11 "a+b"; ":tt" with 0,
 * 4 and 8 opens the console for stdin, stdout and stderr). Returns the host handle or -1. */
int qrt_cm_semihost_open(const char* path, uint32_t mode);

/* Exits the emulator with `status` as its exit code (SYS_EXIT_EXTENDED); never returns. */
__attribute__((noreturn)) void qrt_cm_semihost_exit(int status);

#ifdef __cplusplus
}
#endif

#endif /* QRT_PORTS_CORTEX_M_SEMIHOSTING_H */
