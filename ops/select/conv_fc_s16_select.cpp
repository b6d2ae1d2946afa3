// FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D 16x8 variants in capability order
// (kernel_select.h): one dot product per ISA serves the first two, one multiply-accumulate step
// the third (kernel_util_s16.h). None needs scratch.
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

Isa fully_connected_s16_variant(IsaSet have) { return first_held(kFastestFirst, have); }
// No NEON CONV_2D 16x8: GCC auto-vectorizes the reference on AArch64, and the per-tap dot
// product was slower than it (SEANet conv5, 3x3x32: 1.14 M vs 1.00 M instructions under qemu).
constexpr Isa kConvS16Order[] = {Isa::kArmMve, Isa::kArmDsp, Isa::kX86Avx2};
Isa conv2d_s16_variant(IsaSet have) { return first_held(kConvS16Order, have); }
Isa depthwise_conv2d_s16_variant(IsaSet have) { return first_held(kFastestFirst, have); }

FullyConnectedS16Fn fully_connected_s16_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return fully_connected_s16_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return fully_connected_s16_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return fully_connected_s16_neon;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return fully_connected_s16_avx2;
#endif
    default: return fully_connected_s16_ref;
  }
}

ConvS16Fn conv2d_s16_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return conv2d_s16_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return conv2d_s16_dsp;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return conv2d_s16_avx2;
#endif
    default: return conv2d_s16_ref;
  }
}

ConvS16Fn depthwise_conv2d_s16_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return depthwise_conv2d_s16_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return depthwise_conv2d_s16_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return depthwise_conv2d_s16_neon;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return depthwise_conv2d_s16_avx2;
#endif
    default: return depthwise_conv2d_s16_ref;
  }
}

}  // namespace qrt
