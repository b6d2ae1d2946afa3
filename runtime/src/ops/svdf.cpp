// SVDF int8 with an int16 or int8 persistent state (TFLM's integer SVDF). Integer only: no float
// twin yet.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {
namespace {

// input [batch, input_size], weights_feature [filters, input_size], weights_time [filters,
// memory] of the state's type, bias int32 [units] (optional), output [batch, units], state
// persistent [batch, filters * memory] (int16, or int8 with zero point 0: a reset zeroes it,
// where TFLM writes the zero point).
qrt_status prepare_svdf(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 3, 4, 2, err));
  QRT_TRY(expect_params(ctx, sizeof(SvdfParams), err));
  const SvdfParams& p = params_as<SvdfParams>(ctx);
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 2, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT8, 2, err));
  const format::TensorRecord& state = output_tensor(ctx, 1);
  const bool s16 = state.dtype == QRT_DTYPE_INT16;
  const uint32_t state_type = s16 ? QRT_DTYPE_INT16 : QRT_DTYPE_INT8;
  QRT_TRY(expect_input(ctx, 2, state_type, 2, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 2, err));
  QRT_TRY(expect_output(ctx, 1, state_type, 2, err));
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
    QRT_TRY(expect_input(ctx, 3, QRT_DTYPE_INT32, 1, err));
    QRT_TRY(expect_range(ctx, "bias size", input_tensor(ctx, 3).dims[0], units, units, err));
  }
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "state_zero_point", p.state_zero_point, s16 ? -32768 : 0, s16 ? 32767 : 0, err));
  const int32_t multipliers[2] = {p.feature_multiplier, p.output_multiplier};
  const int32_t shifts[2] = {p.feature_shift, p.output_shift};
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 2, err);
}

void eval_svdf(const OpContext& ctx) {
  SvdfArgs a;
  a.params = &params_as<SvdfParams>(ctx);
  a.batch = input_tensor(ctx, 0).dims[0];
  a.input_size = input_tensor(ctx, 0).dims[1];
  a.filters = input_tensor(ctx, 1).dims[0];
  a.memory = input_tensor(ctx, 2).dims[1];
  a.input = input_data<int8_t>(ctx, 0);
  a.weights_feature = input_data<int8_t>(ctx, 1);
  a.weights_time = input_data<void>(ctx, 2);
  a.bias = ctx.op->input_count == 4 ? input_data<int32_t>(ctx, 3) : nullptr;
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

}  // namespace qrt
#endif
