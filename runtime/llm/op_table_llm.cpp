#include "ops_llm.h"
#include "qrt/qrt_llm.h"

namespace qrt {
namespace {

// Const data, no mutable state: the loader searches it by (op code, input 0 data type).
const OpImpl* const kLlmOps[] = {
    &kEmbeddingS8Llm, &kEmbeddingS4Llm, &kRmsNormLlm,      &kMatMulS8Llm, &kMatMulS16Llm, &kRopeS8Llm,
    &kRopeS16Llm,     &kAttentionS8Llm,  &kAttentionS16Llm, &kSwiGluS8Llm, &kSwiGluS16Llm,
    &kResidualAddLlm,
};

const qrt_op_table kLlmOpTable = {kLlmOps, static_cast<int32_t>(sizeof kLlmOps / sizeof kLlmOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_llm_op_table(void) { return &qrt::kLlmOpTable; }
