// The arm-dsp transformer kernel table: this ISA's MATMUL, ATTENTION and SWIGLU variants,
// the reference for the rest. In its own object file so that firmware without the transformer
// operators links none of it.
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {
namespace {

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

}  // namespace

const LlmKernelTable& dsp_llm_kernel_table() { return kTable; }

}  // namespace qrt
