// The float32 transformer operators, qrt_llm_float_op_table() (qrt/qrt_llm.h).
#include "qrt/op_api.h"
#include "qrt/qrt_llm.h"

namespace qrt {
namespace {

// Const data, no mutable state: the loader searches it by (op code, input 0 data type).
const OpImpl* const kLlmFloatOps[] = {
    &qrt_op_embedding_f32, &qrt_op_rms_norm_f32, &qrt_op_matmul_f32,      &qrt_op_rope_f32,
    &qrt_op_attention_f32, &qrt_op_swiglu_f32,   &qrt_op_residual_add_f32};

const qrt_op_table kLlmFloatOpTable = {
    kLlmFloatOps, static_cast<int32_t>(sizeof kLlmFloatOps / sizeof kLlmFloatOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_llm_float_op_table(void) { return &qrt::kLlmFloatOpTable; }
