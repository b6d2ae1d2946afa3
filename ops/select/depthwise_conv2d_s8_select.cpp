// DEPTHWISE_CONV_2D int8 variants in capability order (kernel_select.h). None needs scratch.
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

Isa depthwise_conv2d_s8_variant(IsaSet have) {
  return first_held(kFastestFirst, have);
}

ConvS8Fn depthwise_conv2d_s8_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return depthwise_conv2d_s8_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return depthwise_conv2d_s8_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return depthwise_conv2d_s8_neon;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return depthwise_conv2d_s8_avx2;
#endif
    default: return depthwise_conv2d_s8_ref;
  }
}

}  // namespace qrt
