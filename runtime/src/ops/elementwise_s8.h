// What the elementwise int8 operators' adapters share (add_sub_s8.cpp, mul_s8.cpp,
// logistic_tanh_s8.cpp, relu_s8.cpp, quantize_s8.cpp): the checks of two broadcast inputs or one
// same-shape input, and the kernels' argument structs.
#ifndef QRT_RUNTIME_SRC_OPS_ELEMENTWISE_S8_H
#define QRT_RUNTIME_SRC_OPS_ELEMENTWISE_S8_H

#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

inline qrt_status prepare_binary(const OpContext& ctx, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  return expect_broadcast_shapes(ctx, err);
}

inline qrt_status expect_offsets(const OpContext& ctx, int32_t in1, int32_t in2, int32_t out,
                          int32_t act_min, int32_t act_max, qrt_error* err) {
  QRT_TRY(expect_range(ctx, "input1_offset", in1, -127, 128, err));
  QRT_TRY(expect_range(ctx, "input2_offset", in2, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", out, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", act_min, -128, act_max, err));
  return expect_range(ctx, "act_max", act_max, act_min, 127, err);
}

inline BinaryS8Args binary_args(const OpContext& ctx) {
  BinaryS8Args a;
  a.params = ctx.params;
  a.input1 = shape4(input_tensor(ctx, 0));
  a.input1_data = input_data<int8_t>(ctx, 0);
  a.input2 = shape4(input_tensor(ctx, 1));
  a.input2_data = input_data<int8_t>(ctx, 1);
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<int8_t>(ctx, 0);
  return a;
}

// Unary int8 -> int8 operators of the same shape.
inline qrt_status prepare_unary(const OpContext& ctx, uint32_t params_bytes, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  if (!same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  return expect_params(ctx, params_bytes, err);
}

inline int32_t count_of(const OpContext& ctx) { return element_count(input_tensor(ctx, 0)); }

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_ELEMENTWISE_S8_H
