// ADD and SUB with 4-D broadcasting: int8 (TFLite's integer semantics, one parameter block) and
// float32 ADD.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_add(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_INT8, err));
  QRT_TRY(expect_params(ctx, sizeof(AddParams), err));
  const AddParams& p = params_as<AddParams>(ctx);
  QRT_TRY(expect_offsets(ctx, p.input1_offset, p.input2_offset, p.output_offset, p.act_min,
                         p.act_max, err));
  // left_shift <= 20 keeps (input + offset) << left_shift inside int32 (|x| <= 255).
  QRT_TRY(expect_range(ctx, "left_shift", p.left_shift, 0, 20, err));
  const int32_t multipliers[3] = {p.input1_multiplier, p.input2_multiplier, p.output_multiplier};
  const int32_t shifts[3] = {p.input1_shift, p.input2_shift, p.output_shift};
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 3, err);
}

void eval_add(const OpContext& ctx) { add_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx)); }
void eval_sub(const OpContext& ctx) { sub_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_add_s8 = {kOpAdd, QRT_DTYPE_INT8, prepare_add, eval_add, 1};
// SUB has ADD's parameters (TFLite's Prepare is the same for both).
extern "C" const qrt_op qrt_op_sub_s8 = {kOpSub, QRT_DTYPE_INT8, prepare_add, eval_sub, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_add(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  QRT_TRY(expect_params(ctx, sizeof(AddParams), err));
  const AddParams& p = params_as<AddParams>(ctx);
  QRT_TRY(expect_float_clamp(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_add(const OpContext& ctx) { add_f32_ref(binary_args<BinaryF32Args, float>(ctx)); }

}  // namespace

// The binary kernels read each input element before writing the output element at the same
// index, so output 0 may share input 0's bytes when their shapes are equal (the loader only
// allows in-place for equal sizes).
extern "C" const qrt_op qrt_op_add_f32 = {kOpAdd, QRT_DTYPE_FLOAT32, prepare_add, eval_add, 1};

}  // namespace qrt

#endif
