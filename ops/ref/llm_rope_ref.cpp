// ROPE reference: fixed-point rotation with Q1.14 cos/sin tables (kernels_llm.h).
#include "llm_common.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint_llm.h"

namespace qrt {

void llm_rope_ref(const LlmRopeArgs& a) {
  int32_t pos = a.position;
  if (pos < 0) pos = 0;
  if (pos >= a.positions) pos = a.positions - 1;
  const int32_t pairs = a.head_size / 2;
  const int16_t* row = a.table + static_cast<int64_t>(pos) * pairs * 2;
  for (int32_t i = 0; i < a.count; i += 2) {
    const int32_t j = (i % a.head_size) / 2;
    const int32_t c = row[2 * j];
    const int32_t s = row[2 * j + 1];
    const int32_t x0 = llm::load(a.input_type, a.input, i);
    const int32_t x1 = llm::load(a.input_type, a.input, i + 1);
    // |x| <= 2^15 and |cos|, |sin| <= 2^14: each sum is below 2^30.
    const int32_t r0 = x0 * c - x1 * s;
    const int32_t r1 = x0 * s + x1 * c;
    llm::store_saturated(a.output_type, a.output, i, requantize_s64(r0, a.multiplier, a.shift));
    llm::store_saturated(a.output_type, a.output, i + 1, requantize_s64(r1, a.multiplier, a.shift));
  }
}

}  // namespace qrt
