// Optimized variants of the LLM kernels of kernels_llm.h, one source file each under ops/<isa>/.
// A group is compiled only for targets that have its instructions (ops/CMakeLists.txt); ops/select/
// chooses among the compiled ones (kernel_select.h).
//
// Every variant produces exactly the bytes of its reference kernel for every argument the
// operator's prepare accepts (kernel_util_llm.h says why the sums agree). Layouts a variant does
// not accelerate (int4 groups of a size the variant's blocks do not divide, odd head sizes) are
// handed to the reference inside the variant. MATMUL scratch: the variant's *_scratch_bytes
// (ops/<isa>/scratch_<isa>.h: the widened, reordered input and the groups' input sums);
// ATTENTION variants fit in the reference's llm_attention_scratch_bytes(kv_len).
#ifndef QRT_OPS_KERNELS_LLM_OPT_H
#define QRT_OPS_KERNELS_LLM_OPT_H

#include <stdint.h>

#include "qrt/ops/kernels_llm.h"

namespace qrt {

// x86-64 AVX2, ops/x86/ (compiled for AVX2 function by function: call only when
// x86_cpu_has_avx2()). MATMUL: input widened to int16 once per call, VPMADDWD on 16 columns per
// step, int4 nibbles split in registers against an even/odd-reordered input. ATTENTION: the
// softmax's exp, probabilities and the weighted value sum on eight positions per step.
void llm_matvec_avx2(const LlmMatVecArgs& args);
void llm_attention_avx2(const LlmAttentionArgs& args);
void llm_swiglu_avx2(const LlmSwiGluArgs& args);  // the fixed-point logistic on eight lanes

// Arm DSP extension (Cortex-M4, M7, M33), ops/dsp/. MATMUL: input widened to int16 pairs in the
// order SXTB16 unpacks the weights (int4: nibbles scaled by 16 in registers), two products per
// SMLAD. ATTENTION: scores by SMLALD / SMLAD, 32 x 32 -> 64-bit softmax steps.
void llm_matvec_dsp(const LlmMatVecArgs& args);
void llm_attention_dsp(const LlmAttentionArgs& args);

// Helium / MVE (Cortex-M55, M85), ops/mve/. MATMUL: VMLADAVA on 16 int8 or 8 int16 lanes with
// tail predication, int4 nibbles split in registers against an even/odd-reordered input.
// ATTENTION: the softmax's exp (VQRDMULH) and probabilities on four positions per step.
void llm_matvec_mve(const LlmMatVecArgs& args);
void llm_attention_mve(const LlmAttentionArgs& args);

// AArch64 Advanced SIMD with the dot-product extension, ops/neon/. MATMUL: SDOT for int8 inputs,
// SMLAL for int16 inputs, int4 nibbles split in registers. ATTENTION: the softmax's exp
// (SQRDMULH) and probabilities on four positions per step.
void llm_matvec_neon_dot(const LlmMatVecArgs& args);
void llm_attention_neon(const LlmAttentionArgs& args);

// Portable (ops/generic/): SWIGLU with single-multiply high products and branch-free requantization,
// for targets without a vector SWIGLU.
void llm_swiglu_scalar_fast(const LlmSwiGluArgs& args);

}  // namespace qrt

#endif  // QRT_OPS_KERNELS_LLM_OPT_H
