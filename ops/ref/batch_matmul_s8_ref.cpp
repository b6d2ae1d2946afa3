// BATCH_MATMUL int8 reference, as TFLite's reference_ops::BatchMatMul<int8_t, int32_t>: int32
// sums of offset products (wrapping, as a hostile blob could overflow them), rescaled once.
#include "batch_matmul_ref.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

void batch_matmul_s8_ref(const BatchMatMulArgs& args) {
  const BatchMatMulParams& p = *args.params;
  ref::for_each_matrix<int8_t, int8_t>(
      args, [&p](const int8_t* lhs, size_t lhs_row, size_t lhs_k, const int8_t* rhs, size_t rhs_k,
                 size_t rhs_col, int32_t rows, int32_t cols, int32_t depth, int8_t* out) {
        for (int32_t i = 0; i < rows; ++i) {
          for (int32_t j = 0; j < cols; ++j) {
            const int8_t* a = lhs + i * lhs_row;
            const int8_t* b = rhs + j * rhs_col;
            uint32_t sum = 0;
            for (int32_t k = 0; k < depth; ++k) {
              sum += static_cast<uint32_t>((a[k * lhs_k] + p.lhs_offset) * (b[k * rhs_k] + p.rhs_offset));
            }
            const int32_t v = add_wrapping(
                multiply_by_quantized_multiplier(static_cast<int32_t>(sum), p.output_multiplier, p.output_shift),
                p.output_offset);
            out[i * cols + j] = saturate_to_s8(v);
          }
        }
      });
}

}  // namespace qrt
