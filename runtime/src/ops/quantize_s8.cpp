// QUANTIZE int8 -> int8 (requantization), TFLite's integer semantics.
#include "elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_requantize(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(QuantizeParams), err));
  const QuantizeParams& p = params_as<QuantizeParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

void eval_requantize(const OpContext& ctx) {
  requantize_s8_ref(params_as<QuantizeParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
                    output_data<int8_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_quantize_s8 = {kOpQuantize, QRT_DTYPE_INT8, prepare_requantize,
                                              eval_requantize, 1};

}  // namespace qrt
