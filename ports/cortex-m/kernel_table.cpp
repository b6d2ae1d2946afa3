// Cortex-M kernel table: Helium (MVE) kernels on cores that have them (M55), DSP-extension
// kernels on the others that have SMLAD (M4, M7), the reference kernels elsewhere (M3).
// ops/CMakeLists.txt compiles ops/mve and ops/dsp only for such cores and defines
// QRT_OPS_HAVE_MVE / QRT_OPS_HAVE_DSP accordingly. Every variant equals the reference byte for
// byte (tests/ops/test_opt_*.cpp); pooling and elementwise kernels stay the reference ones.
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {
namespace {

#if defined(QRT_OPS_HAVE_MVE) || defined(QRT_OPS_HAVE_DSP)
int32_t no_scratch(const ConvS8Args&) { return 0; }
#endif

#if defined(QRT_OPS_HAVE_MVE)
const KernelTable kTable = {
    "arm-mve",
    conv2d_s8_mve,
    depthwise_conv2d_s8_mve,
    fully_connected_s8_mve,
    average_pool2d_s8_ref,
    max_pool2d_s8_ref,
    add_s8_ref,
    mul_s8_ref,
    conv2d_s8_mve_scratch_bytes,
    no_scratch,
};
#elif defined(QRT_OPS_HAVE_DSP)
const KernelTable kTable = {
    "arm-dsp",
    conv2d_s8_dsp,
    depthwise_conv2d_s8_dsp,
    fully_connected_s8_dsp,
    average_pool2d_s8_ref,
    max_pool2d_s8_ref,
    add_s8_ref,
    mul_s8_ref,
    conv2d_s8_dsp_scratch_bytes,
    no_scratch,
};
#endif

}  // namespace

const KernelTable& port_kernel_table() {
#if defined(QRT_OPS_HAVE_MVE) || defined(QRT_OPS_HAVE_DSP)
  return kTable;
#else
  return reference_kernel_table();
#endif
}

}  // namespace qrt
