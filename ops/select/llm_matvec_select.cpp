// MATMUL (LLM matrix-vector) variants in capability order (kernel_select.h).
#include "dsp/scratch_dsp.h"
#include "mve/scratch_mve.h"
#include "neon/scratch_neon.h"
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "x86/scratch_avx2.h"

namespace qrt {

Isa llm_matvec_variant(IsaSet have) {
  return first_held(kFastestFirst, have);
}

int32_t llm_matvec_scratch_bytes(Isa variant, const LlmWeights& w, bool asymmetric, LlmType input_type) {
  switch (variant) {
    case Isa::kArmMve: return llm_matvec_mve_scratch_bytes(w, asymmetric, input_type);
    case Isa::kArmDsp: return llm_matvec_dsp_scratch_bytes(w, asymmetric, input_type);
    case Isa::kArmNeonDot: return llm_matvec_neon_dot_scratch_bytes(w, asymmetric, input_type);
    case Isa::kX86Avx2: return llm_matvec_avx2_scratch_bytes(w, asymmetric, input_type);
    default: return llm_matvec_ref_scratch_bytes(w, asymmetric, input_type);
  }
}

LlmMatVecFn llm_matvec_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return llm_matvec_mve;
#endif
#if defined(QRT_OPS_HAVE_DSP)
    case Isa::kArmDsp: return llm_matvec_dsp;
#endif
#if defined(QRT_OPS_HAVE_NEON)
    case Isa::kArmNeonDot: return llm_matvec_neon_dot;
#endif
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return llm_matvec_avx2;
#endif
    default: return llm_matvec_ref;
  }
}

}  // namespace qrt
