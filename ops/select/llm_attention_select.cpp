// ATTENTION variants in capability order (kernel_select.h); all use the reference's scratch.
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {

Isa llm_attention_variant(IsaSet have) {
  return first_held(kFastestFirst, have);
}

LlmAttentionFn llm_attention_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return llm_attention_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return llm_attention_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return llm_attention_neon;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return llm_attention_avx2;
#endif
    default: return llm_attention_ref;
  }
}

}  // namespace qrt
