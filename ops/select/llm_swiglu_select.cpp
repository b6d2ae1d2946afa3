// SWIGLU variants in capability order (kernel_select.h): AVX2, else on any Arm extension the
// portable single-multiply variant (ops/generic/), else the reference.
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {

Isa llm_swiglu_variant(IsaSet have) {
  static constexpr Isa kOrder[] = {Isa::kX86Avx2, Isa::kArmMve, Isa::kArmDsp, Isa::kArmNeonDot};
  return first_held(kOrder, have);
}

LlmSwiGluFn llm_swiglu_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_X86)
    case Isa::kX86Avx2: return llm_swiglu_avx2;
#endif
    case Isa::kArmMve:
    case Isa::kArmDsp:
    case Isa::kArmNeonDot: return llm_swiglu_scalar_fast;
    default: return llm_swiglu_ref;
  }
}

}  // namespace qrt
