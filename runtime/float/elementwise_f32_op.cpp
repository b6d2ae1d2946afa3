// ADD, MUL (4-D broadcasting), SOFTMAX, LOGISTIC, TANH, RELU and RELU6 on float32.
#include "qrt/op_checks.h"
#include "ops_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_binary(const OpContext& ctx, float act_min, float act_max, qrt_error* err) {
  QRT_TRY(expect_broadcast_shapes(ctx, err));
  return expect_float_clamp(ctx, act_min, act_max, err);
}

qrt_status expect_binary_tensors(const OpContext& ctx, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_FLOAT32, 0, err));
  return expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err);
}

qrt_status prepare_add(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, err));
  QRT_TRY(expect_params(ctx, sizeof(AddParams), err));
  const AddParams& p = params_as<AddParams>(ctx);
  QRT_TRY(prepare_binary(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

qrt_status prepare_mul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, err));
  QRT_TRY(expect_params(ctx, sizeof(MulParams), err));
  const MulParams& p = params_as<MulParams>(ctx);
  QRT_TRY(prepare_binary(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

BinaryF32Args binary_args(const OpContext& ctx) {
  BinaryF32Args a;
  a.params = ctx.params;
  a.input1 = shape4(input_tensor(ctx, 0));
  a.input1_data = input_data<float>(ctx, 0);
  a.input2 = shape4(input_tensor(ctx, 1));
  a.input2_data = input_data<float>(ctx, 1);
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<float>(ctx, 0);
  return a;
}

void eval_add(const OpContext& ctx) { add_f32_ref(binary_args(ctx)); }
void eval_mul(const OpContext& ctx) { mul_f32_ref(binary_args(ctx)); }

// Unary float32 -> float32 operators of the same shape. Their int8 parameter blocks mean
// nothing in float, so a float operator carries either none or the int8 block of its op code
// (`int8_params_bytes`; LOGISTIC/TANH: LogisticParams, RELU/RELU6: ReluParams), left unread.
qrt_status prepare_unary(const OpContext& ctx, uint32_t int8_params_bytes, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  if (!same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  if (ctx.params_bytes != 0) return expect_params(ctx, int8_params_bytes, err);
  return QRT_OK;
}

qrt_status prepare_logistic(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_unary(ctx, sizeof(LogisticParams), err);
}
qrt_status prepare_relu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_unary(ctx, sizeof(ReluParams), err);
}

int32_t count_of(const OpContext& ctx) { return element_count(input_tensor(ctx, 0)); }

void eval_logistic(const OpContext& ctx) {
  logistic_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}
void eval_tanh(const OpContext& ctx) {
  tanh_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}
void eval_relu(const OpContext& ctx) {
  relu_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}
void eval_relu6(const OpContext& ctx) {
  relu6_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

qrt_status prepare_softmax(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  if (input_tensor(ctx, 0).rank == 0 || !same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_params(ctx, sizeof(SoftmaxParams), err));
  // beta > 0 keeps (x - max) * beta <= 0, so exp() stays in (0, 1] and the row sum in [1, depth].
  QRT_TRY(expect_positive_finite(ctx, "beta", params_as<SoftmaxParams>(ctx).beta, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_softmax(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const int32_t depth = in.dims[in.rank - 1];
  softmax_f32_ref(params_as<SoftmaxParams>(ctx), element_count(in) / depth, depth,
                  input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

// The binary kernels read each input element before writing the output element at the same
// index, so output 0 may share input 0's bytes when their shapes are equal (the loader only
// allows in-place for equal sizes).
extern "C" const qrt_op qrt_op_add_f32 = {kOpAdd, QRT_DTYPE_FLOAT32, prepare_add, eval_add, 1};
extern "C" const qrt_op qrt_op_mul_f32 = {kOpMul, QRT_DTYPE_FLOAT32, prepare_mul, eval_mul, 1};
extern "C" const qrt_op qrt_op_softmax_f32 = {kOpSoftmax, QRT_DTYPE_FLOAT32, prepare_softmax,
                                              eval_softmax, 1};
extern "C" const qrt_op qrt_op_logistic_f32 = {kOpLogistic, QRT_DTYPE_FLOAT32, prepare_logistic,
                                               eval_logistic, 1};
extern "C" const qrt_op qrt_op_tanh_f32 = {kOpTanh, QRT_DTYPE_FLOAT32, prepare_logistic, eval_tanh,
                                           1};
extern "C" const qrt_op qrt_op_relu_f32 = {kOpRelu, QRT_DTYPE_FLOAT32, prepare_relu, eval_relu, 1};
extern "C" const qrt_op qrt_op_relu6_f32 = {kOpRelu6, QRT_DTYPE_FLOAT32, prepare_relu, eval_relu6,
                                            1};

}  // namespace qrt
