// The reference LLM kernel table (kernels_llm.h). In its own object file: only the operator
// adapters (runtime/llm) and the ports' LLM tables reference it.
#include "qrt/ops/kernels_llm.h"

namespace qrt {
namespace {

const LlmKernelTable kReference = {
    "reference",
    llm_embedding_ref,
    llm_matvec_ref,
    llm_matvec_ref_scratch_bytes,
    llm_rms_norm_ref,
    llm_rope_ref,
    llm_attention_ref,
    llm_swiglu_ref,
    llm_residual_add_s32_ref,
};

}  // namespace

const LlmKernelTable& reference_llm_kernel_table() { return kReference; }

int32_t llm_matvec_ref_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return asymmetric ? llm_groups_per_row(w) * 8 : 0;  // llm_matvec_scratch_bytes
}

}  // namespace qrt
