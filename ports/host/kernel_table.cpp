// Host kernel table. On x86-64 the AVX2 kernels (ops/x86) when the CPU has AVX2, checked at run
// time so the same binary runs on older CPUs with the reference kernels; on an AArch64 host with
// the dot-product extension the NEON kernels (ops/neon); the reference kernels otherwise.
// ops/CMakeLists.txt compiles the ISA folders and defines QRT_OPS_HAVE_<ISA>. Every variant
// equals the reference byte for byte (tests/ops/test_opt_*.cpp); pooling and elementwise kernels
// stay the reference ones.
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {
namespace {

#if defined(QRT_OPS_HAVE_X86) || defined(QRT_OPS_HAVE_NEON)
int32_t no_scratch(const ConvS8Args&) { return 0; }
#endif

#if defined(QRT_OPS_HAVE_X86)
const KernelTable kAvx2 = {
    "x86-avx2",
    conv2d_s8_avx2,
    depthwise_conv2d_s8_avx2,
    fully_connected_s8_avx2,
    average_pool2d_s8_ref,
    max_pool2d_s8_ref,
    add_s8_ref,
    mul_s8_ref,
    conv2d_s8_avx2_scratch_bytes,
    no_scratch,
};
#endif

#if defined(QRT_OPS_HAVE_NEON)
const KernelTable kNeon = {
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
#if defined(QRT_OPS_HAVE_X86)
  if (x86_cpu_has_avx2()) return kAvx2;
#endif
#if defined(QRT_OPS_HAVE_NEON)
  return kNeon;
#else
  return reference_kernel_table();
#endif
}

}  // namespace qrt
