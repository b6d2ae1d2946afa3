// Helpers shared by the LLM reference kernels (internal to ops/ref).
#ifndef QRT_OPS_LLM_LLM_COMMON_H
#define QRT_OPS_LLM_LLM_COMMON_H

#include <stdint.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace llm {

// Stores v saturated to the output type at index i.
inline void store_saturated(LlmType type, void* out, int32_t i, int32_t v) {
  switch (type) {
    case kLlmInt8: static_cast<int8_t*>(out)[i] = saturate_to_s8(v); break;
    case kLlmInt16: static_cast<int16_t*>(out)[i] = saturate_to_s16(v); break;
    case kLlmInt32: static_cast<int32_t*>(out)[i] = v; break;
  }
}

// Element i of an int8 or int16 vector.
inline int32_t load(LlmType type, const void* in, int32_t i) {
  return type == kLlmInt8 ? static_cast<const int8_t*>(in)[i] : static_cast<const int16_t*>(in)[i];
}

}  // namespace llm
}  // namespace qrt

#endif  // QRT_OPS_LLM_LLM_COMMON_H
