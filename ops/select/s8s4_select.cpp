// Variants of the kernels with packed INT4 weights (CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED) in capability order (kernel_select.h). One file for the three: only the _w4
// operators reach it.
#include "dsp/scratch_dsp.h"
#include "mve/scratch_mve.h"
#include "neon/scratch_neon.h"
#include "x86/scratch_avx2.h"
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

constexpr Isa kS4Order[] = {Isa::kArmMve, Isa::kArmDsp, Isa::kArmNeonDot, Isa::kX86Avx2};
constexpr Isa kS4DepthwiseOrder[] = {Isa::kArmMve, Isa::kArmDsp, Isa::kArmNeonDot, Isa::kX86Avx2};

}  // namespace

Isa conv2d_s8s4_variant(IsaSet have) { return first_held(kS4Order, have); }
Isa depthwise_conv2d_s8s4_variant(IsaSet have) { return first_held(kS4DepthwiseOrder, have); }
Isa fully_connected_s8s4_variant(IsaSet have) { return first_held(kS4Order, have); }

int32_t conv2d_s8s4_scratch_bytes(Isa variant, const ConvS8Args& args) {
  switch (variant) {
    case Isa::kArmMve: return conv2d_s8s4_mve_scratch_bytes(args);
    case Isa::kArmDsp: return conv2d_s8s4_dsp_scratch_bytes(args);
    case Isa::kArmNeonDot: return conv2d_s8s4_neon_dot_scratch_bytes(args);
    case Isa::kX86Avx2: return conv2d_s8s4_avx2_scratch_bytes(args);
    default: return 0;
  }
}

int32_t fully_connected_s8s4_scratch_bytes(Isa variant, const FullyConnectedS8Args& args) {
  return variant == Isa::kArmDsp ? fully_connected_s8s4_dsp_scratch_bytes(args) : 0;
}

ConvS8Fn conv2d_s8s4_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return conv2d_s8s4_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return conv2d_s8s4_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return conv2d_s8s4_neon_dot;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return conv2d_s8s4_avx2;
#endif
    default: return conv2d_s8s4_ref;
  }
}

ConvS8Fn depthwise_conv2d_s8s4_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return depthwise_conv2d_s8s4_mve;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return depthwise_conv2d_s8s4_neon_dot;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return depthwise_conv2d_s8s4_avx2;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return depthwise_conv2d_s8s4_dsp;
#endif
    default: return depthwise_conv2d_s8s4_ref;
  }
}

FullyConnectedS8Fn fully_connected_s8s4_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return fully_connected_s8s4_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return fully_connected_s8s4_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return fully_connected_s8s4_neon_dot;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return fully_connected_s8s4_avx2;
#endif
    default: return fully_connected_s8s4_ref;
  }
}

}  // namespace qrt
