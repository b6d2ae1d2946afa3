// Host transformer kernel table, chosen like port_kernel_table() (kernel_table.cpp). Its own
// object file so that CNN firmware links none of the transformer kernels.
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {

const LlmKernelTable& port_llm_kernel_table() {
#if defined(QRT_OPS_HAVE_X86)
  if (x86_cpu_has_avx2()) return avx2_llm_kernel_table();
#endif
#if defined(QRT_OPS_HAVE_NEON)
  return neon_llm_kernel_table();
#else
  return reference_llm_kernel_table();
#endif
}

}  // namespace qrt
