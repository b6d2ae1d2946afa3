// CONCATENATION reference, type-agnostic: TFLM concatenates int8 tensors that share the output's
// quantization by copying bytes, so this is a strided copy.
#include <string.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {

void concatenation_ref(int32_t count, const void* const* inputs, const int32_t* inner_bytes,
                       int32_t outer, void* output) {
  uint8_t* out = static_cast<uint8_t*>(output);
  for (int32_t o = 0; o < outer; ++o) {
    for (int32_t i = 0; i < count; ++i) {
      const int32_t n = inner_bytes[i];
      memcpy(out, static_cast<const uint8_t*>(inputs[i]) + o * n, static_cast<size_t>(n));
      out += n;
    }
  }
}

}  // namespace qrt
