// PRELU with alpha broadcast to the input: int8 (TFLite's BroadcastPrelu4DSlow) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_prelu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_INT8, err));
  QRT_TRY(expect_output_shape_of_input(ctx, err));  // alpha broadcasts to the input
  QRT_TRY(expect_params(ctx, sizeof(PreluParams), err));
  const PreluParams& p = params_as<PreluParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_offset", p.input_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "alpha_offset", p.alpha_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, -128, 127, err));
  const int32_t multipliers[2] = {p.multiplier_positive, p.multiplier_alpha};
  const int32_t shifts[2] = {p.shift_positive, p.shift_alpha};
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 2, err);
}

void eval_prelu(const OpContext& ctx) { prelu_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx)); }

}  // namespace

// Each input element is read before the output element at its index is written: in place.
extern "C" const qrt_op qrt_op_prelu_s8 = {kOpPrelu, QRT_DTYPE_INT8, prepare_prelu, eval_prelu, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"

namespace qrt {
namespace {

qrt_status prepare_prelu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  QRT_TRY(expect_output_shape_of_input(ctx, err));
  *scratch = 0;
  return ctx.params_bytes != 0 ? expect_params(ctx, sizeof(PreluParams), err) : QRT_OK;
}

void eval_prelu(const OpContext& ctx) { prelu_f32_ref(binary_args<BinaryF32Args, float>(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_prelu_f32 = {kOpPrelu, QRT_DTYPE_FLOAT32, prepare_prelu, eval_prelu,
                                            1};

}  // namespace qrt

#endif
