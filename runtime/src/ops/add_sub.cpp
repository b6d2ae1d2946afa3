// ADD and SUB with 4-D broadcasting: int8 and int16 (TFLite's integer semantics, one parameter
// block) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

// T is int8_t or int16_t; kMaxShift keeps (input + offset) << left_shift inside int32
// (|input + offset| <= 255 for int8, 65535 for int16).
template <typename T, uint32_t kDType, int32_t kMaxShift>
qrt_status prepare_add(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, kDType, err));
  QRT_TRY(expect_params(ctx, sizeof(AddParams), err));
  const AddParams& p = params_as<AddParams>(ctx);
  QRT_TRY(expect_offsets<T>(ctx, p.input1_offset, p.input2_offset, p.output_offset, p.act_min,
                            p.act_max, err));
  QRT_TRY(expect_range(ctx, "left_shift", p.left_shift, 0, kMaxShift, err));
  const int32_t multipliers[3] = {p.input1_multiplier, p.input2_multiplier, p.output_multiplier};
  const int32_t shifts[3] = {p.input1_shift, p.input2_shift, p.output_shift};
  // TFLite's "smaller than one" multipliers: the kernel's rounding division needs shift <= 0.
  for (int32_t shift : shifts) QRT_TRY(expect_range(ctx, "shift", shift, -31, 0, err));
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 3, err);
}

void eval_add_s8(const OpContext& ctx) {
  add_s8_kernel(add_sub_s8_variant(ctx.isas))(binary_args<BinaryS8Args, int8_t>(ctx));
}
void eval_sub_s8(const OpContext& ctx) {
  sub_s8_kernel(add_sub_s8_variant(ctx.isas))(binary_args<BinaryS8Args, int8_t>(ctx));
}
void eval_add_s16(const OpContext& ctx) { add_s16_ref(binary_args<BinaryS16Args, int16_t>(ctx)); }
void eval_sub_s16(const OpContext& ctx) { sub_s16_ref(binary_args<BinaryS16Args, int16_t>(ctx)); }

constexpr auto prepare_s8 = prepare_add<int8_t, QRT_DTYPE_INT8, 20>;
constexpr auto prepare_s16 = prepare_add<int16_t, QRT_DTYPE_INT16, 15>;

}  // namespace

// SUB has ADD's parameters (TFLite's Prepare is the same for both).
extern "C" const qrt_op qrt_op_add_s8 = {kOpAdd, QRT_DTYPE_INT8, prepare_s8, eval_add_s8, 1};
extern "C" const qrt_op qrt_op_sub_s8 = {kOpSub, QRT_DTYPE_INT8, prepare_s8, eval_sub_s8, 1};
extern "C" const qrt_op qrt_op_add_s16 = {kOpAdd, QRT_DTYPE_INT16, prepare_s16, eval_add_s16, 1};
extern "C" const qrt_op qrt_op_sub_s16 = {kOpSub, QRT_DTYPE_INT16, prepare_s16, eval_sub_s16, 1};

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
void eval_sub(const OpContext& ctx) { sub_f32_ref(binary_args<BinaryF32Args, float>(ctx)); }

}  // namespace

// The binary kernels read each input element before writing the output element at the same
// index, so output 0 may share input 0's bytes when their shapes are equal (the loader only
// allows in-place for equal sizes).
extern "C" const qrt_op qrt_op_add_f32 = {kOpAdd, QRT_DTYPE_FLOAT32, prepare_add, eval_add, 1};
extern "C" const qrt_op qrt_op_sub_f32 = {kOpSub, QRT_DTYPE_FLOAT32, prepare_add, eval_sub, 1};

}  // namespace qrt

#endif
