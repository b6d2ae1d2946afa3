// Elementwise int8 operators: ADD, SUB and MUL (with 4-D broadcasting), LOGISTIC, TANH, RELU,
// RELU6 and QUANTIZE int8 -> int8 (requantization), all with TFLite's integer semantics.
#include "qrt/op_checks.h"
#include "qrt/op_api.h"

namespace qrt {
namespace {

qrt_status prepare_binary(const OpContext& ctx, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  return expect_broadcast_shapes(ctx, err);
}

qrt_status expect_offsets(const OpContext& ctx, int32_t in1, int32_t in2, int32_t out,
                          int32_t act_min, int32_t act_max, qrt_error* err) {
  QRT_TRY(expect_range(ctx, "input1_offset", in1, -127, 128, err));
  QRT_TRY(expect_range(ctx, "input2_offset", in2, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", out, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", act_min, -128, act_max, err));
  return expect_range(ctx, "act_max", act_max, act_min, 127, err);
}

qrt_status prepare_add(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_binary(ctx, err));
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

qrt_status prepare_mul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_binary(ctx, err));
  QRT_TRY(expect_params(ctx, sizeof(MulParams), err));
  const MulParams& p = params_as<MulParams>(ctx);
  QRT_TRY(expect_offsets(ctx, p.input1_offset, p.input2_offset, p.output_offset, p.act_min,
                         p.act_max, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.output_multiplier, &p.output_shift, 1, err);
}

BinaryS8Args binary_args(const OpContext& ctx) {
  BinaryS8Args a;
  a.params = ctx.params;
  a.input1 = shape4(input_tensor(ctx, 0));
  a.input1_data = input_data<int8_t>(ctx, 0);
  a.input2 = shape4(input_tensor(ctx, 1));
  a.input2_data = input_data<int8_t>(ctx, 1);
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<int8_t>(ctx, 0);
  return a;
}

void eval_add(const OpContext& ctx) { add_s8_ref(binary_args(ctx)); }
void eval_sub(const OpContext& ctx) { sub_s8_ref(binary_args(ctx)); }
void eval_mul(const OpContext& ctx) { mul_s8_ref(binary_args(ctx)); }

// Unary int8 -> int8 operators of the same shape.
qrt_status prepare_unary(const OpContext& ctx, uint32_t params_bytes, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  if (!same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  return expect_params(ctx, params_bytes, err);
}

qrt_status prepare_logistic(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(LogisticParams), err));
  const LogisticParams& p = params_as<LogisticParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  // Any radius >= 256 saturates nothing an int8 input can reach; TFLite's value exceeds 256
  // for input scales below 15/256, so only the sign is checked.
  QRT_TRY(expect_range(ctx, "input_range_radius", p.input_range_radius, 0, INT32_MAX, err));
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, -31, 30, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.input_multiplier, &p.input_left_shift, 1, err);
}

qrt_status prepare_relu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(ReluParams), err));
  const ReluParams& p = params_as<ReluParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, -128, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

qrt_status prepare_requantize(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(QuantizeParams), err));
  const QuantizeParams& p = params_as<QuantizeParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

int32_t count_of(const OpContext& ctx) { return element_count(input_tensor(ctx, 0)); }

void eval_logistic(const OpContext& ctx) {
  logistic_s8_ref(params_as<LogisticParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
                  output_data<int8_t>(ctx, 0));
}
void eval_tanh(const OpContext& ctx) {
  tanh_s8_ref(params_as<LogisticParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
              output_data<int8_t>(ctx, 0));
}
void eval_relu(const OpContext& ctx) {
  relu_s8_ref(params_as<ReluParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
              output_data<int8_t>(ctx, 0));
}
void eval_requantize(const OpContext& ctx) {
  requantize_s8_ref(params_as<QuantizeParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
                    output_data<int8_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_add_s8 = {kOpAdd, QRT_DTYPE_INT8, prepare_add, eval_add, 1};
// SUB has ADD's parameters (TFLite's Prepare is the same for both).
extern "C" const qrt_op qrt_op_sub_s8 = {kOpSub, QRT_DTYPE_INT8, prepare_add, eval_sub, 1};
extern "C" const qrt_op qrt_op_mul_s8 = {kOpMul, QRT_DTYPE_INT8, prepare_mul, eval_mul, 1};
extern "C" const qrt_op qrt_op_logistic_s8 = {kOpLogistic, QRT_DTYPE_INT8, prepare_logistic,
                                              eval_logistic, 1};
extern "C" const qrt_op qrt_op_tanh_s8 = {kOpTanh, QRT_DTYPE_INT8, prepare_logistic, eval_tanh, 1};
extern "C" const qrt_op qrt_op_relu_s8 = {kOpRelu, QRT_DTYPE_INT8, prepare_relu, eval_relu, 1};
extern "C" const qrt_op qrt_op_relu6_s8 = {kOpRelu6, QRT_DTYPE_INT8, prepare_relu, eval_relu, 1};
extern "C" const qrt_op qrt_op_quantize_s8 = {kOpQuantize, QRT_DTYPE_INT8, prepare_requantize,
                                              eval_requantize, 1};

}  // namespace qrt
