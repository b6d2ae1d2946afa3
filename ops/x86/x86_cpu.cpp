// Run-time check of the x86 instruction sets the ops/x86 kernels need.
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

bool x86_cpu_has_avx2() {
  // libgcc's CPUID probe (also checks that the OS saves the AVX registers); normally run by a
  // constructor already, repeated here in case a static constructor asks first.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}

}  // namespace qrt
