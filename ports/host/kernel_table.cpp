// Host kernel tables: on x86-64 the AVX2 tables (ops/x86) when the CPU has AVX2, checked at run
// time so the same binary runs on older CPUs with the reference kernels; on an AArch64 host with
// the dot-product extension the NEON tables (ops/neon); the reference tables otherwise.
// ops/CMakeLists.txt compiles the ISA folders and defines QRT_OPS_HAVE_<ISA>. Every variant
// equals the reference byte for byte (tests/ops/test_opt_*.cpp).
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {

const KernelTable& port_kernel_table() {
#if defined(QRT_OPS_HAVE_X86)
  if (x86_cpu_has_avx2()) return avx2_kernel_table();
#endif
#if defined(QRT_OPS_HAVE_NEON)
  return neon_kernel_table();
#else
  return reference_kernel_table();
#endif
}

}  // namespace qrt
