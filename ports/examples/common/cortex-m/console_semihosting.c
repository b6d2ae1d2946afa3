/* Console on a bare-metal Cortex-M under a debugger or QEMU: Arm semihosting. SYS_WRITE0 prints
 * a NUL-terminated string; SYS_EXIT_EXTENDED ends the program with its status (QEMU's exit code).
 * A board without a debugger would write to its UART here instead. */
#include <stdint.h>

#include "../console.h"

static uintptr_t semihost(uintptr_t op, uintptr_t arg) {
  register uintptr_t r0 __asm__("r0") = op;
  register uintptr_t r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void console_write(const char* text) { semihost(0x04u /* SYS_WRITE0 */, (uintptr_t)text); }

void console_exit(int status) {
  const uintptr_t block[2] = {0x20026u /* ADP_Stopped_ApplicationExit */, (uintptr_t)status};
  semihost(0x20u /* SYS_EXIT_EXTENDED */, (uintptr_t)block);
  for (;;) {
  }
}

/* newlib's write(), which libqrt.a's log sink (qrt_port_log) calls: to the console. */
int _write(int fd, const char* data, int bytes) {
  char chunk[65];
  (void)fd;
  for (int done = 0; done < bytes;) {
    int n = bytes - done < 64 ? bytes - done : 64;
    for (int i = 0; i < n; ++i) chunk[i] = data[done + i];
    chunk[n] = '\0';
    console_write(chunk);
    done += n;
  }
  return bytes;
}
