// Linux/Arm LLM kernel table (kernels_llm.h): the NEON variants (ops/neon) on AArch64 with the
// dot-product extension, the reference kernels elsewhere (armhf). Every variant equals the
// reference byte for byte (tests/ops/test_opt_llm_*.cpp); the kernels without a variant stay the
// reference ones.
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "qrt/port.h"

namespace qrt {
namespace {

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
#if defined(QRT_OPS_HAVE_NEON)
  return kNeon;
#else
  return reference_llm_kernel_table();
#endif
}

}  // namespace qrt
