// The integer side of elementwise.h: the checks of the elementwise int8 / int16 operators'
// tensors and their zero-point offsets.
#ifndef QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_S8_H
#define QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_S8_H

#include "elementwise.h"

namespace qrt {

// The zero-point offsets and the clamp of an elementwise operator on T (int8_t or int16_t): the
// input offsets keep |x + offset| <= 2 * 2^(bits - 1) - 1, the headroom the kernels' left shift
// assumes.
template <typename T>
inline qrt_status expect_offsets(const OpContext& ctx, int32_t in1, int32_t in2, int32_t out,
                                 int32_t act_min, int32_t act_max, qrt_error* err) {
  constexpr int32_t kHalf = int32_t{1} << (8 * sizeof(T) - 1);  // 128 or 32768
  QRT_TRY(expect_range(ctx, "input1_offset", in1, -(kHalf - 1), kHalf, err));
  QRT_TRY(expect_range(ctx, "input2_offset", in2, -(kHalf - 1), kHalf, err));
  QRT_TRY(expect_range(ctx, "output_offset", out, -kHalf, kHalf - 1, err));
  QRT_TRY(expect_range(ctx, "act_min", act_min, -kHalf, act_max, err));
  return expect_range(ctx, "act_max", act_max, act_min, kHalf - 1, err);
}

// Unary int8 -> int8 operators of the same shape.
inline qrt_status prepare_unary(const OpContext& ctx, uint32_t params_bytes, qrt_error* err) {
  QRT_TRY(expect_unary_tensors(ctx, QRT_DTYPE_INT8, err));
  return expect_params(ctx, params_bytes, err);
}

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_S8_H
