// Faults on purpose, as told by argv[1], to check the Cortex-M runtime's fault reports and exit
// statuses (tests/ports/expect_exit_status.cmake): MemManage 131, UsageFault 133 (also v8-M stack
// overflow), and a plain return value passed through as the exit status.
#include <stdio.h>
#include <string.h>

namespace {

const int kInFlash[4] = {1, 2, 3, 4};

__attribute__((noinline)) int recurse(int depth) {
  volatile char frame[512];
  for (int i = 0; i < 512; ++i) frame[i] = static_cast<char>(depth);
  return depth == 0 ? frame[1] : recurse(depth - 1) + frame[7];
}

}  // namespace

int main(int argc, char** argv) {
  const char* c = argc > 1 ? argv[1] : "";
  printf("port_fault_probe: %s\n", c);
  fflush(stdout);
  if (strcmp(c, "stack_overflow") == 0) return recurse(1 << 20);
  if (strcmp(c, "write_to_flash") == 0) {
    *const_cast<volatile int*>(&kInFlash[1]) = 5;  // flash is read-only through the MPU
    return kInFlash[1];
  }
  if (strcmp(c, "divide_by_zero") == 0) {
    volatile int zero = 0;
    return 10 / zero;  // DIV_0_TRP is on
  }
  if (strcmp(c, "undefined_instruction") == 0) {
    __asm__ volatile(".inst.w 0xf7f0a000");  // permanently undefined (UDF.W)
    return 1;
  }
  if (strcmp(c, "return_status") == 0) return 42;
  return 1;
}
