// SQUARED_DIFFERENCE with 4-D broadcasting: int8 (TFLite's SquaredDifference, ADD's parameter
// block) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_squared_difference(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_INT8, err));
  QRT_TRY(expect_params(ctx, sizeof(AddParams), err));
  const AddParams& p = params_as<AddParams>(ctx);
  QRT_TRY(expect_offsets<int8_t>(ctx, p.input1_offset, p.input2_offset, p.output_offset, p.act_min,
                                 p.act_max, err));
  // |input + offset| <= 255: a shift of up to 20 stays inside int32 (TFLite's is 7).
  QRT_TRY(expect_range(ctx, "left_shift", p.left_shift, 0, 20, err));
  // The input rescales are TFLite's "smaller than one" kind; the output's may be either.
  QRT_TRY(expect_range(ctx, "input1_shift", p.input1_shift, -31, 0, err));
  QRT_TRY(expect_range(ctx, "input2_shift", p.input2_shift, -31, 0, err));
  const int32_t multipliers[3] = {p.input1_multiplier, p.input2_multiplier, p.output_multiplier};
  const int32_t shifts[3] = {p.input1_shift, p.input2_shift, p.output_shift};
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 3, err);
}

void eval_squared_difference(const OpContext& ctx) {
  squared_difference_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx));
}

}  // namespace

extern "C" const qrt_op qrt_op_squared_difference_s8 = {
    kOpSquaredDifference, QRT_DTYPE_INT8, prepare_squared_difference, eval_squared_difference, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"

namespace qrt {
namespace {

qrt_status prepare_squared_difference(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  *scratch = 0;
  return ctx.params_bytes != 0 ? expect_params(ctx, sizeof(AddParams), err) : QRT_OK;
}

void eval_squared_difference(const OpContext& ctx) {
  squared_difference_f32_ref(binary_args<BinaryF32Args, float>(ctx));
}

}  // namespace

extern "C" const qrt_op qrt_op_squared_difference_f32 = {
    kOpSquaredDifference, QRT_DTYPE_FLOAT32, prepare_squared_difference, eval_squared_difference, 1};

}  // namespace qrt

#endif
