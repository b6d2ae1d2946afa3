// Host LLM kernel table (kernels_llm.h): on x86-64 the AVX2 variants (ops/x86) when the CPU has
// AVX2, checked at run time as port_kernel_table() does; on an AArch64 host with the dot-product
// extension the NEON variants (ops/neon); the reference kernels otherwise. Every variant equals
// the reference byte for byte (tests/ops/test_opt_llm_*.cpp); the kernels without a variant stay
// the reference ones.
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/port.h"

namespace qrt {
namespace {

#if defined(QRT_OPS_HAVE_X86)
const LlmKernelTable kAvx2 = {
    "x86-avx2",
    llm_embedding_ref,
    llm_matvec_avx2,
    llm_matvec_avx2_scratch_bytes,
    llm_rms_norm_ref,
    llm_rope_ref,
    llm_attention_avx2,
    llm_swiglu_avx2,
    llm_residual_add_s32_ref,
};
#endif

#if defined(QRT_OPS_HAVE_NEON)
const LlmKernelTable kNeon = {
    "arm-neon-dotprod",
    llm_embedding_ref,
    llm_matvec_neon_dot,
    llm_matvec_neon_dot_scratch_bytes,
    llm_rms_norm_ref,
    llm_rope_ref,
    llm_attention_neon,
    llm_swiglu_scalar_fast,
    llm_residual_add_s32_ref,
};
#endif

}  // namespace

const LlmKernelTable& port_llm_kernel_table() {
#if defined(QRT_OPS_HAVE_X86)
  if (x86_cpu_has_avx2()) return kAvx2;
#endif
#if defined(QRT_OPS_HAVE_NEON)
  return kNeon;
#else
  return reference_llm_kernel_table();
#endif
}

}  // namespace qrt
