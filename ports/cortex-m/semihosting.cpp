// Semihosting calls shared by the startup code (fault reports, exit) and the newlib glue.
#include "semihosting.h"

extern "C" {

void qrt_cm_semihost_write0(const char* text) { qrt_cm_semihost_call(QRT_SH_WRITE0, text); }

int qrt_cm_semihost_open(const char* path, uint32_t mode) {
  size_t length = 0;
  while (path[length] != '\0') ++length;
  const uintptr_t block[3] = {reinterpret_cast<uintptr_t>(path), mode, length};
  return static_cast<int>(qrt_cm_semihost_call(QRT_SH_OPEN, block));
}

void qrt_cm_semihost_exit(int status) {
  // SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit: QEMU exits with `status` as its own exit
  // code, which is how CTest sees a test's result.
  const uintptr_t block[2] = {0x20026u, static_cast<uintptr_t>(status)};
  qrt_cm_semihost_call(QRT_SH_EXIT_EXTENDED, block);
  // A host without the extended call only distinguishes success (ApplicationExit) from failure
  // (RunTimeErrorUnknown).
  const uintptr_t reason = status == 0 ? 0x20026u : 0x20023u;
  qrt_cm_semihost_call(QRT_SH_EXIT, reinterpret_cast<const void*>(reason));
  for (;;) {
  }
}

}  // extern "C"
