// HARD_SWISH: int8 (TFLite's int16 fixed-point form) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

// The exponent bounds keep every shift of the kernel defined (params.h).
qrt_status prepare_hard_swish(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(HardSwishParams), err));
  const HardSwishParams& p = params_as<HardSwishParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "reluish_multiplier", p.reluish_multiplier, 0, 32767, err));
  QRT_TRY(expect_range(ctx, "reluish_exponent", p.reluish_exponent, -31, 31, err));
  QRT_TRY(expect_range(ctx, "output_multiplier", p.output_multiplier, 0, 32767, err));
  QRT_TRY(expect_range(ctx, "output_exponent", p.output_exponent, -31, 0, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_hard_swish(const OpContext& ctx) {
  hard_swish_s8_ref(params_as<HardSwishParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
                    output_data<int8_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_hard_swish_s8 = {kOpHardSwish, QRT_DTYPE_INT8, prepare_hard_swish,
                                                eval_hard_swish, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"

namespace qrt {
namespace {

qrt_status prepare_hard_swish(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_unary(ctx, sizeof(HardSwishParams), err);
}

void eval_hard_swish(const OpContext& ctx) {
  hard_swish_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_hard_swish_f32 = {kOpHardSwish, QRT_DTYPE_FLOAT32,
                                                 prepare_hard_swish, eval_hard_swish, 1};

}  // namespace qrt

#endif
