// SOFTMAX, PAD and MEAN on int8 (RESHAPE and CONCATENATION are type-agnostic: geometry.cpp).
#include "qrt/op_checks.h"
#include "qrt/op_api.h"

namespace qrt {
namespace {

qrt_status prepare_softmax(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  if (input_tensor(ctx, 0).rank == 0 || !same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_params(ctx, sizeof(SoftmaxParams), err));
  const SoftmaxParams& p = params_as<SoftmaxParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, 0, 31, err));
  QRT_TRY(expect_range(ctx, "diff_min", p.diff_min, INT32_MIN, 0, err));
  QRT_TRY(expect_range(ctx, "input_multiplier", p.input_multiplier, 0, INT32_MAX, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_softmax(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const int32_t depth = in.dims[in.rank - 1];
  softmax_s8_ref(params_as<SoftmaxParams>(ctx), element_count(in) / depth, depth,
                 input_data<int8_t>(ctx, 0), output_data<int8_t>(ctx, 0));
}

qrt_status prepare_pad(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 3, 1, err));  // TFLite keeps paddings (and PADV2 value) inputs
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(PadParams), err));
  const PadParams& p = params_as<PadParams>(ctx);
  QRT_TRY(expect_pad_geometry(ctx, p, err));
  QRT_TRY(expect_range(ctx, "pad_value", p.pad_value, -128, 127, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_pad(const OpContext& ctx) {
  pad_s8_ref(params_as<PadParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<int8_t>(ctx, 0),
             shape4(output_tensor(ctx, 0)), output_data<int8_t>(ctx, 0));
}

qrt_status prepare_mean(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));  // TFLite keeps the axis tensor as input 1
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(MeanParams), err));
  const MeanParams& p = params_as<MeanParams>(ctx);
  QRT_TRY(expect_mean_geometry(ctx, p, err));
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

void eval_mean(const OpContext& ctx) {
  mean_s8_ref(params_as<MeanParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<int8_t>(ctx, 0),
              shape4(output_tensor(ctx, 0)), output_data<int8_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_softmax_s8 = {kOpSoftmax, QRT_DTYPE_INT8, prepare_softmax,
                                             eval_softmax, 0};
extern "C" const qrt_op qrt_op_reshape_s8 = {kOpReshape, QRT_DTYPE_INT8, prepare_reshape_any,
                                             eval_reshape_any, 1};
extern "C" const qrt_op qrt_op_concatenation_s8 = {
    kOpConcatenation, QRT_DTYPE_INT8, prepare_concatenation_any, eval_concatenation_any, 0};
extern "C" const qrt_op qrt_op_pad_s8 = {kOpPad, QRT_DTYPE_INT8, prepare_pad, eval_pad, 0};
extern "C" const qrt_op qrt_op_mean_s8 = {kOpMean, QRT_DTYPE_INT8, prepare_mean, eval_mean, 0};

}  // namespace qrt
