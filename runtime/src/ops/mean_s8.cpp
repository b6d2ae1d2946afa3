// MEAN int8 over any axes of a 4-D shape, as TFLM's QuantizedMeanOrSum.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {
namespace {

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

extern "C" const qrt_op qrt_op_mean_s8 = {kOpMean, QRT_DTYPE_INT8, prepare_mean, eval_mean, 0};

}  // namespace qrt
