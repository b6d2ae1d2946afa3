// What the elementwise operators' adapters share, for every data type (add_sub.cpp, mul.cpp,
// logistic_tanh.cpp, relu.cpp, quantize.cpp): the tensor checks of two broadcast inputs or one
// same-shape input, and the kernels' argument structs.
#ifndef QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_H
#define QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_H

#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

// Two inputs and one output of `dtype`, the inputs broadcasting to the output (ADD, SUB, MUL).
inline qrt_status expect_binary_tensors(const OpContext& ctx, uint32_t dtype, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 0, err));
  QRT_TRY(expect_input(ctx, 1, dtype, 0, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 0, err));
  return expect_broadcast_shapes(ctx, err);
}

// Output 0 has input 0's shape.
inline qrt_status expect_output_shape_of_input(const OpContext& ctx, qrt_error* err) {
  if (!same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

// One input and one output of `dtype` and the same shape.
inline qrt_status expect_unary_tensors(const OpContext& ctx, uint32_t dtype, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 0, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 0, err));
  return expect_output_shape_of_input(ctx, err);
}

// BinaryS8Args or BinaryF32Args of a binary operator whose elements are T.
template <typename Args, typename T>
Args binary_args(const OpContext& ctx) {
  Args a;
  a.params = ctx.params;
  a.input1 = shape4(input_tensor(ctx, 0));
  a.input1_data = input_data<T>(ctx, 0);
  a.input2 = shape4(input_tensor(ctx, 1));
  a.input2_data = input_data<T>(ctx, 1);
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<T>(ctx, 0);
  return a;
}

inline int32_t count_of(const OpContext& ctx) { return element_count(input_tensor(ctx, 0)); }

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_H
