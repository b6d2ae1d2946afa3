// Cortex-M kernel table: the Helium (MVE) table on cores that have it (M55), the DSP-extension
// table on the others that have SMLAD (M4, M7), the reference table elsewhere (M3).
// ops/CMakeLists.txt compiles ops/mve and ops/dsp only for such cores and defines
// QRT_OPS_HAVE_MVE / QRT_OPS_HAVE_DSP. Every variant equals the reference byte for byte
// (tests/ops/test_opt_*.cpp).
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {

const KernelTable& port_kernel_table() {
#if defined(QRT_OPS_HAVE_MVE)
  return mve_kernel_table();
#elif defined(QRT_OPS_HAVE_DSP)
  return dsp_kernel_table();
#else
  return reference_kernel_table();
#endif
}

}  // namespace qrt
