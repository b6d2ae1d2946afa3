// Cortex-M LLM kernel table (kernels_llm.h): Helium (MVE) variants on cores that have them (M55),
// DSP-extension variants (SMLAD) on the others that have it (M4, M7), the reference kernels
// elsewhere (M3). Every variant equals the reference byte for byte
// (tests/ops/test_opt_llm_*.cpp); the kernels without a variant stay the reference ones.
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "qrt/port.h"

namespace qrt {
namespace {

#if defined(QRT_OPS_HAVE_MVE)
const LlmKernelTable kTable = {
    "arm-mve",
    llm_embedding_ref,
    llm_matvec_mve,
    llm_matvec_mve_scratch_bytes,
    llm_rms_norm_ref,
    llm_rope_ref,
    llm_attention_mve,
    llm_swiglu_scalar_fast,
    llm_residual_add_s32_ref,
};
#elif defined(QRT_OPS_HAVE_DSP)
const LlmKernelTable kTable = {
    "arm-dsp",
    llm_embedding_ref,
    llm_matvec_dsp,
    llm_matvec_dsp_scratch_bytes,
    llm_rms_norm_ref,
    llm_rope_ref,
    llm_attention_dsp,
    llm_swiglu_scalar_fast,
    llm_residual_add_s32_ref,
};
#endif

}  // namespace

const LlmKernelTable& port_llm_kernel_table() {
#if defined(QRT_OPS_HAVE_MVE) || defined(QRT_OPS_HAVE_DSP)
  return kTable;
#else
  return reference_llm_kernel_table();
#endif
}

}  // namespace qrt
