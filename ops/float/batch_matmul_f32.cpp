// BATCH_MATMUL float32 reference: each output a sum over k in increasing order, from 0.0f, as
// TFLite's reference BatchMatMul<float> (so the same bits).
#include "../ref/batch_matmul_ref.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {

void batch_matmul_f32_ref(const BatchMatMulArgs& args) {
  ref::for_each_matrix<float, float>(
      args, [](const float* lhs, size_t lhs_row, size_t lhs_k, const float* rhs, size_t rhs_k,
               size_t rhs_col, int32_t rows, int32_t cols, int32_t depth, float* out) {
        for (int32_t i = 0; i < rows; ++i) {
          for (int32_t j = 0; j < cols; ++j) {
            const float* a = lhs + i * lhs_row;
            const float* b = rhs + j * rhs_col;
            float sum = 0.0f;
            for (int32_t k = 0; k < depth; ++k) sum += a[k * lhs_k] * b[k * rhs_k];
            out[i * cols + j] = sum;
          }
        }
      });
}

}  // namespace qrt
