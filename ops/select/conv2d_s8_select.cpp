// CONV_2D int8 variants in capability order (kernel_select.h).
#include "dsp/scratch_dsp.h"
#include "mve/scratch_mve.h"
#include "neon/scratch_neon.h"
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "x86/scratch_avx2.h"

namespace qrt {

Isa conv2d_s8_variant(IsaSet have) {
  return first_held(kFastestFirst, have);
}

int32_t conv2d_s8_scratch_bytes(Isa variant, const ConvS8Args& args) {
  switch (variant) {
    case Isa::kArmMve: return conv2d_s8_mve_scratch_bytes(args);
    case Isa::kArmDsp: return conv2d_s8_dsp_scratch_bytes(args);
    case Isa::kArmNeonDot: return conv2d_s8_neon_dot_scratch_bytes(args);
    case Isa::kX86Avx2: return conv2d_s8_avx2_scratch_bytes(args);
    default: return 0;
  }
}

ConvS8Fn conv2d_s8_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return conv2d_s8_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return conv2d_s8_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return conv2d_s8_neon_dot;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return conv2d_s8_avx2;
#endif
    default: return conv2d_s8_ref;
  }
}

}  // namespace qrt
