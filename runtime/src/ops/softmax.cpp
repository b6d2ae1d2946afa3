// SOFTMAX over the innermost dimension: int8 and int16 (TFLite's integer semantics) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {
namespace {

// One input and output of `dtype` and the same shape, rank >= 1, and the parameter block.
qrt_status expect_softmax_form(const OpContext& ctx, qrt_dtype dtype, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 0, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 0, err));
  if (input_tensor(ctx, 0).rank == 0 || !same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  return expect_params(ctx, sizeof(SoftmaxParams), err);
}

int32_t depth_of(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  return in.dims[in.rank - 1];
}

qrt_status prepare_softmax(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_softmax_form(ctx, QRT_DTYPE_INT8, err));
  const SoftmaxParams& p = params_as<SoftmaxParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, 0, 31, err));
  QRT_TRY(expect_range(ctx, "diff_min", p.diff_min, INT32_MIN, 0, err));
  QRT_TRY(expect_range(ctx, "input_multiplier", p.input_multiplier, 0, INT32_MAX, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_softmax(const OpContext& ctx) {
  const int32_t depth = depth_of(ctx);
  softmax_s8_ref(params_as<SoftmaxParams>(ctx), element_count(input_tensor(ctx, 0)) / depth, depth,
                 input_data<int8_t>(ctx, 0), output_data<int8_t>(ctx, 0));
}

// int16: a row of at most 65536 values keeps the sum of its Q0.15 exps inside int32; diff_min is
// unused (0), the multiplier positive so that every scaled difference is <= 0.
qrt_status prepare_softmax_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_softmax_form(ctx, QRT_DTYPE_INT16, err));
  const SoftmaxParams& p = params_as<SoftmaxParams>(ctx);
  QRT_TRY(expect_range(ctx, "depth", depth_of(ctx), 1, 65536, err));
  QRT_TRY(expect_range(ctx, "input_multiplier", p.input_multiplier, 1, INT32_MAX, err));
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, -31, 30, err));
  QRT_TRY(expect_range(ctx, "diff_min", p.diff_min, 0, 0, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_softmax_s16(const OpContext& ctx) {
  const int32_t depth = depth_of(ctx);
  softmax_s16_ref(params_as<SoftmaxParams>(ctx), element_count(input_tensor(ctx, 0)) / depth,
                  depth, input_data<int16_t>(ctx, 0), output_data<int16_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_softmax_s16 = {kOpSoftmax, QRT_DTYPE_INT16, prepare_softmax_s16,
                                              eval_softmax_s16, 0};

extern "C" const qrt_op qrt_op_softmax_s8 = {kOpSoftmax, QRT_DTYPE_INT8, prepare_softmax,
                                             eval_softmax, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "support/checks_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_softmax(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  if (input_tensor(ctx, 0).rank == 0 || !same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_params(ctx, sizeof(SoftmaxParams), err));
  // beta > 0 keeps (x - max) * beta <= 0, so exp() stays in (0, 1] and the row sum in [1, depth].
  QRT_TRY(expect_positive_finite(ctx, "beta", params_as<SoftmaxParams>(ctx).beta, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_softmax(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const int32_t depth = in.dims[in.rank - 1];
  softmax_f32_ref(params_as<SoftmaxParams>(ctx), element_count(in) / depth, depth,
                  input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_softmax_f32 = {kOpSoftmax, QRT_DTYPE_FLOAT32, prepare_softmax,
                                              eval_softmax, 1};

}  // namespace qrt

#endif
