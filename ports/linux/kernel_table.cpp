// Linux/Arm kernel table: on AArch64 with the dot-product extension the NEON table (ops/neon),
// the reference table elsewhere (armhf, or an AArch64 baseline without dotprod). ops/CMakeLists.txt
// compiles ops/neon only for such targets and defines QRT_OPS_HAVE_NEON. Every variant equals the
// reference byte for byte (tests/ops/test_opt_*.cpp).
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {

const KernelTable& port_kernel_table() {
#if defined(QRT_OPS_HAVE_NEON)
  return neon_kernel_table();
#else
  return reference_kernel_table();
#endif
}

}  // namespace qrt
