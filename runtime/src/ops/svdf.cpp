// SVDF: int8 with an int16 or int8 persistent state (TFLM's integer SVDF), and float32.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"
#if QRT_FLOAT_OPS
#include "qrt/ops/kernels_f32.h"
#endif

namespace qrt {
namespace {

// input [batch, input_size] and output [batch, units] of `dtype`, weights_feature [filters,
// input_size] of `feature_dtype`, weights_time [filters, memory] and the persistent state
// [batch, filters * memory] of `state_dtype`, an optional bias [units] of `bias_dtype`; rank
// divides filters, the activation is a schema.fbs ActivationFunctionType.
qrt_status expect_svdf(const OpContext& ctx, uint32_t dtype, uint32_t feature_dtype, uint32_t state_dtype,
                       uint32_t bias_dtype, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 3, 4, 2, err));
  QRT_TRY(expect_params(ctx, sizeof(SvdfParams), err));
  const SvdfParams& p = params_as<SvdfParams>(ctx);
  QRT_TRY(expect_input(ctx, 0, dtype, 2, err));
  QRT_TRY(expect_input(ctx, 1, feature_dtype, 2, err));
  QRT_TRY(expect_input(ctx, 2, state_dtype, 2, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 2, err));
  QRT_TRY(expect_output(ctx, 1, state_dtype, 2, err));
  const format::TensorRecord& state = output_tensor(ctx, 1);
  if (state.kind != format::kTensorPersistent) {
    op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("output 1 must be the persistent state");
    return QRT_ERR_BAD_OPERATOR;
  }
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& wf = input_tensor(ctx, 1);
  const format::TensorRecord& wt = input_tensor(ctx, 2);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  const int32_t batch = in.dims[0], filters = wf.dims[0], memory = wt.dims[1];
  QRT_TRY(expect_range(ctx, "batch", batch, 1, INT32_MAX, err));  // the state shift needs one entry
  QRT_TRY(expect_range(ctx, "rank", p.rank, 1, filters, err));
  if (filters % p.rank != 0) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("filters must be a multiple of rank");
    return QRT_ERR_BAD_PARAMS;
  }
  QRT_TRY(expect_range(ctx, "activation", p.activation, 0, 5, err));
  const int32_t units = filters / p.rank;
  QRT_TRY(expect_range(ctx, "weights_feature columns", wf.dims[1], in.dims[1], in.dims[1], err));
  QRT_TRY(expect_range(ctx, "weights_time rows", wt.dims[0], filters, filters, err));
  QRT_TRY(expect_range(ctx, "memory", memory, 1, INT32_MAX, err));
  QRT_TRY(expect_range(ctx, "output batch", out.dims[0], batch, batch, err));
  QRT_TRY(expect_range(ctx, "output units", out.dims[1], units, units, err));
  QRT_TRY(expect_range(ctx, "state batch", state.dims[0], batch, batch, err));
  const int64_t state_width = int64_t{filters} * memory;
  QRT_TRY(expect_range(ctx, "state width", state.dims[1], state_width, state_width, err));
  if (ctx.op->input_count == 4) {
    QRT_TRY(expect_input(ctx, 3, bias_dtype, 1, err));
    QRT_TRY(expect_range(ctx, "bias size", input_tensor(ctx, 3).dims[0], units, units, err));
  }
  return QRT_OK;
}

// The sizes, weights and bias of SvdfArgs or SvdfF32Args.
template <typename Args, typename Feature, typename Time, typename Bias>
Args svdf_args(const OpContext& ctx) {
  Args a;
  a.params = &params_as<SvdfParams>(ctx);
  a.batch = input_tensor(ctx, 0).dims[0];
  a.input_size = input_tensor(ctx, 0).dims[1];
  a.filters = input_tensor(ctx, 1).dims[0];
  a.memory = input_tensor(ctx, 2).dims[1];
  a.weights_feature = input_data<Feature>(ctx, 1);
  a.weights_time = input_data<Time>(ctx, 2);
  a.bias = ctx.op->input_count == 4 ? input_data<Bias>(ctx, 3) : nullptr;
  return a;
}

}  // namespace

#if !QRT_FLOAT_OPS  // libqrt.a
namespace {

// The state int16, or int8 with zero point 0 (TFLM's int8 state kernel assumes it).
qrt_status prepare_svdf(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  const bool s16 = ctx.op->output_count == 2 && output_tensor(ctx, 1).dtype == QRT_DTYPE_INT16;
  QRT_TRY(expect_svdf(ctx, QRT_DTYPE_INT8, QRT_DTYPE_INT8, s16 ? QRT_DTYPE_INT16 : QRT_DTYPE_INT8,
                      QRT_DTYPE_INT32, err));
  const SvdfParams& p = params_as<SvdfParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "state_zero_point", p.state_zero_point, s16 ? -32768 : 0, s16 ? 32767 : 0, err));
  const int32_t multipliers[2] = {p.feature_multiplier, p.output_multiplier};
  const int32_t shifts[2] = {p.feature_shift, p.output_shift};
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 2, err);
}

void eval_svdf(const OpContext& ctx) {
  SvdfArgs a = svdf_args<SvdfArgs, int8_t, void, int32_t>(ctx);
  a.input = input_data<int8_t>(ctx, 0);
  a.state = output_data<void>(ctx, 1);
  a.output = output_data<int8_t>(ctx, 0);
  if (output_tensor(ctx, 1).dtype == QRT_DTYPE_INT16) {
    svdf_s8_state_s16_ref(a);
  } else {
    svdf_s8_state_s8_ref(a);
  }
}

}  // namespace

extern "C" const qrt_op qrt_op_svdf_s8 = {kOpSvdf, QRT_DTYPE_INT8, prepare_svdf, eval_svdf, 0};

#else  // libqrt_float.a
namespace {

qrt_status prepare_svdf_f32(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return expect_svdf(ctx, QRT_DTYPE_FLOAT32, QRT_DTYPE_FLOAT32, QRT_DTYPE_FLOAT32, QRT_DTYPE_FLOAT32, err);
}

void eval_svdf_f32(const OpContext& ctx) {
  SvdfF32Args a = svdf_args<SvdfF32Args, float, float, float>(ctx);
  a.input = input_data<float>(ctx, 0);
  a.state = output_data<float>(ctx, 1);
  a.output = output_data<float>(ctx, 0);
  svdf_f32_ref(a);
}

}  // namespace

extern "C" const qrt_op qrt_op_svdf_f32 = {kOpSvdf, QRT_DTYPE_FLOAT32, prepare_svdf_f32, eval_svdf_f32, 0};
#endif

}  // namespace qrt
