// The integer transformer operators, qrt_llm_op_table() (qrt/qrt_llm.h).
#include "qrt/op_checks_llm.h"
#include "qrt/qrt_llm.h"

namespace qrt {
namespace {

// Const data, no mutable state: the loader searches it by (op code, input 0 data type).
const OpImpl* const kLlmOps[] = {
    &qrt_op_embedding_s8,  &qrt_op_embedding_s4, &qrt_op_rms_norm_s32, &qrt_op_matmul_s8,
    &qrt_op_matmul_s16,    &qrt_op_rope_s8,      &qrt_op_rope_s16,     &qrt_op_attention_s8,
    &qrt_op_attention_s16, &qrt_op_swiglu_s8,    &qrt_op_swiglu_s16,   &qrt_op_residual_add_s32,
};

const qrt_op_table kLlmOpTable = {kLlmOps, static_cast<int32_t>(sizeof kLlmOps / sizeof kLlmOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_llm_op_table(void) { return &qrt::kLlmOpTable; }
