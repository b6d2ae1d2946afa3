// Internal helper of the BATCH_MATMUL references (ops/ref and ops/float): the batch loop with
// broadcasting and the element addressing of adj_x / adj_y. Not a public header.
#ifndef QRT_OPS_REF_BATCH_MATMUL_REF_H
#define QRT_OPS_REF_BATCH_MATMUL_REF_H

#include <stddef.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace ref {

// Calls dot(lhs, lhs_row_step, lhs_k_step, rhs, rhs_k_step, rhs_col_step, rows, cols, depth, out)
// once per output matrix, with pointers to the matching (broadcast) input matrices.
template <typename T, typename U, typename Matrix>
void for_each_matrix(const BatchMatMulArgs& a, Matrix matrix) {
  const int32_t* l = a.lhs_dims;
  const int32_t* r = a.rhs_dims;
  const int32_t* o = a.output_dims;
  const bool adj_x = a.params->adj_x != 0, adj_y = a.params->adj_y != 0;
  const int32_t rows = o[3], cols = o[4], depth = adj_x ? l[3] : l[4];
  const size_t lhs_matrix = static_cast<size_t>(l[3]) * l[4], rhs_matrix = static_cast<size_t>(r[3]) * r[4];
  // Element steps: lhs (i, k) and rhs (k, j) in their stored (possibly transposed) layout.
  const size_t lhs_row = adj_x ? 1 : depth, lhs_k = adj_x ? rows : 1;
  const size_t rhs_k = adj_y ? 1 : cols, rhs_col = adj_y ? depth : 1;
  const T* lhs = static_cast<const T*>(a.lhs);
  const T* rhs = static_cast<const T*>(a.rhs);
  U* out = static_cast<U*>(a.output);
  for (int32_t b0 = 0; b0 < o[0]; ++b0) {
    for (int32_t b1 = 0; b1 < o[1]; ++b1) {
      for (int32_t b2 = 0; b2 < o[2]; ++b2) {
        // A batch dim of 1 is broadcast: index 0 there.
        const auto index = [b0, b1, b2](const int32_t* d) {
          const size_t i0 = d[0] == 1 ? 0 : b0, i1 = d[1] == 1 ? 0 : b1, i2 = d[2] == 1 ? 0 : b2;
          return (i0 * d[1] + i1) * d[2] + i2;
        };
        matrix(lhs + index(l) * lhs_matrix, lhs_row, lhs_k, rhs + index(r) * rhs_matrix, rhs_k,
               rhs_col, rows, cols, depth, out);
        out += static_cast<size_t>(rows) * cols;
      }
    }
  }
}

}  // namespace ref
}  // namespace qrt

#endif  // QRT_OPS_REF_BATCH_MATMUL_REF_H
