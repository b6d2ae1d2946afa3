// The port selects the kernel tables its target must run, and those tables really hold the
// optimized variants. Without this check a port (or a CMake change that stops compiling an ISA
// folder) could fall back to the reference tables and every test_opt_* would compare the
// reference with itself and pass.
//
// The expectation comes from outside the code under test: each toolchain file states its table
// (QRT_EXPECTED_KERNEL_TABLE: arm-dsp on Cortex-M4/M7, arm-mve on M55, arm-neon-dotprod on AArch64
// with the dot-product extension, reference on Cortex-M3 and armhf), and on an x86-64 host the
// CPU's own flag list (/proc/cpuinfo) says whether AVX2 must be in use.
#include <stdio.h>
#include <string.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"
#include "qrt_test.h"

namespace {

#if defined(QRT_TEST_EXPECTED_KERNEL_TABLE)
const char* expected_table() { return QRT_TEST_EXPECTED_KERNEL_TABLE; }
#elif defined(__x86_64__) && defined(__linux__)
// "x86-avx2" when the kernel lists the avx2 flag for this CPU, "reference" otherwise.
const char* expected_table() {
  FILE* f = fopen("/proc/cpuinfo", "r");
  if (f == nullptr) return "unknown (no /proc/cpuinfo)";
  char line[4096];
  bool avx2 = false;
  while (!avx2 && fgets(line, sizeof line, f) != nullptr) {
    if (strncmp(line, "flags", 5) == 0) avx2 = strstr(line, " avx2") != nullptr;
  }
  fclose(f);
  return avx2 ? "x86-avx2" : "reference";
}
#else
const char* expected_table() { return "unknown (set QRT_EXPECTED_KERNEL_TABLE in the toolchain)"; }
#endif

bool is_reference(const char* name) { return strcmp(name, "reference") == 0; }

}  // namespace

QRT_TEST(kernel_table_choice, cnn_table_is_the_targets) {
  const qrt::KernelTable& port = qrt::port_kernel_table();
  const qrt::KernelTable& ref = qrt::reference_kernel_table();
  printf("  expected %s, port CNN table %s\n", expected_table(), port.name);
  QRT_ASSERT(strcmp(port.name, expected_table()) == 0);
  if (is_reference(port.name)) {
    printf("  this target has no optimized CNN kernels: the opt tests compare the reference with "
           "itself by design\n");
    QRT_EXPECT(&port == &ref);
    return;
  }
  // Every family with a variant on every ISA must not be the reference function.
  QRT_EXPECT(port.conv2d_s8 != ref.conv2d_s8);
  QRT_EXPECT(port.depthwise_conv2d_s8 != ref.depthwise_conv2d_s8);
  QRT_EXPECT(port.fully_connected_s8 != ref.fully_connected_s8);
  QRT_EXPECT(port.conv2d_s8_scratch_bytes != ref.conv2d_s8_scratch_bytes);
}

QRT_TEST(kernel_table_choice, llm_table_is_the_targets) {
  const qrt::LlmKernelTable& port = qrt::port_llm_kernel_table();
  const qrt::LlmKernelTable& ref = qrt::reference_llm_kernel_table();
  printf("  expected %s, port LLM table %s\n", expected_table(), port.name);
  QRT_ASSERT(strcmp(port.name, expected_table()) == 0);
  if (is_reference(port.name)) {
    QRT_EXPECT(&port == &ref);
    return;
  }
  QRT_EXPECT(port.matvec != ref.matvec);
  QRT_EXPECT(port.matvec_scratch_bytes != ref.matvec_scratch_bytes);
  QRT_EXPECT(port.attention != ref.attention);
  QRT_EXPECT(port.swiglu != ref.swiglu);
}
