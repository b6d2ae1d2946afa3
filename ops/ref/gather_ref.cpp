// GATHER reference (TFLite's reference_ops::Gather with batch_dims 0): whole rows copied.
#include <string.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {

void gather_ref(int32_t outer, int32_t axis_size, int32_t inner_bytes, const int32_t* indices,
                int32_t index_count, const void* input, void* output) {
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  const auto row = static_cast<size_t>(inner_bytes);
  for (int32_t o = 0; o < outer; ++o) {
    const uint8_t* block = in + static_cast<size_t>(o) * static_cast<size_t>(axis_size) * row;
    for (int32_t i = 0; i < index_count; ++i, out += row) {
      const int32_t k = indices[i];
      if (k >= 0 && k < axis_size) {
        memcpy(out, block + static_cast<size_t>(k) * row, row);
      } else {
        memset(out, 0, row);
      }
    }
  }
}

}  // namespace qrt
