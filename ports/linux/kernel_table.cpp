// Linux/Arm kernel table: on AArch64 with the dot-product extension the NEON kernels (ops/neon:
// SDOT convolution and fully connected, widening-multiply depthwise); the reference kernels
// elsewhere (armhf, or an AArch64 baseline without dotprod). ops/CMakeLists.txt compiles ops/neon
// only for such targets and defines QRT_OPS_HAVE_NEON. Every variant equals the reference byte
// for byte (tests/ops/test_opt_*.cpp); pooling and elementwise kernels stay the reference ones.
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {
namespace {

#if defined(QRT_OPS_HAVE_NEON)
int32_t no_scratch(const ConvS8Args&) { return 0; }

const KernelTable kTable = {
    "arm-neon-dotprod",
    conv2d_s8_neon_dot,
    depthwise_conv2d_s8_neon,
    fully_connected_s8_neon_dot,
    average_pool2d_s8_ref,
    max_pool2d_s8_ref,
    add_s8_ref,
    mul_s8_ref,
    conv2d_s8_neon_dot_scratch_bytes,
    no_scratch,
};
#endif

}  // namespace

const KernelTable& port_kernel_table() {
#if defined(QRT_OPS_HAVE_NEON)
  return kTable;
#else
  return reference_kernel_table();
#endif
}

}  // namespace qrt
