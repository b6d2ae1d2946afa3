// EMBEDDING reference: one row of an int8 / int4 table, dequantized into the output scale with
// integer multipliers (kernels_llm.h).
#include "llm_common.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint_llm.h"
#include "qrt/quant/int4.h"

namespace qrt {

void llm_embedding_ref(const LlmEmbeddingArgs& a) {
  const LlmWeights& w = a.table;
  if (a.token < 0 || a.token >= w.rows) {
    for (int32_t c = 0; c < w.cols; ++c) llm::store_saturated(a.output_type, a.output, c, 0);
    return;
  }
  const int32_t groups = llm_groups_per_row(w);
  const int32_t group_size = w.group_size == 0 ? w.cols : w.group_size;
  const int32_t row_bytes = w.bits == 4 ? int4_row_bytes(w.cols) : w.cols;
  const uint8_t* row = w.data + static_cast<int64_t>(a.token) * row_bytes;
  const int32_t multiplier = w.multipliers[a.token];
  const int32_t shift = w.shifts[a.token];
  for (int32_t c = 0; c < w.cols; ++c) {
    const int32_t g = c / group_size;
    int32_t q = w.bits == 4 ? int4_get(row, c) : static_cast<int8_t>(row[c]);
    if (w.zero_points != nullptr) q -= w.zero_points[a.token * groups + g];
    // |q - z| <= 255 and m <= 32767: the product stays below 2^23.
    const int32_t m = w.group_size != 0 ? w.group_multipliers[a.token * groups + g] : 1;
    llm::store_saturated(a.output_type, a.output, c, requantize_s64(q * m, multiplier, shift));
  }
}

}  // namespace qrt
