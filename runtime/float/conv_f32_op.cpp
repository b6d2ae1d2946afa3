// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED on float32. Same shape rules as the int8
// adapters; the parameter block carries no requantization arrays (channel_count 0).
#include "qrt/op_checks.h"
#include "ops_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

ConvF32Args conv_args(const OpContext& ctx) {
  ConvF32Args a;
  a.params = &params_as<ConvParams>(ctx);
  a.input = shape4(input_tensor(ctx, 0));
  a.input_data = input_data<float>(ctx, 0);
  a.filter = shape4(input_tensor(ctx, 1));
  a.filter_data = input_data<float>(ctx, 1);
  a.bias = ctx.op->input_count > 2 && ctx.inputs[2] >= 0 ? input_data<float>(ctx, 2) : nullptr;
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<float>(ctx, 0);
  return a;
}

qrt_status prepare_conv_common(const OpContext& ctx, bool depthwise, uint32_t* scratch,
                               qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 4, err));
  QRT_TRY(expect_float_weights(ctx, 1, 4, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 4, err));
  QRT_TRY(expect_params(ctx, sizeof(ConvParams), err));
  const ConvParams& p = params_as<ConvParams>(ctx);
  QRT_TRY(expect_range(ctx, "channel_count (float32 has no requantization)", p.channel_count, 0,
                       0, err));
  int32_t out_c = 0;
  QRT_TRY(expect_conv_geometry(ctx, depthwise, p, &out_c, err));
  QRT_TRY(expect_optional_constant(ctx, 2, QRT_DTYPE_FLOAT32, out_c, err));
  QRT_TRY(expect_float_clamp(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

qrt_status prepare_conv2d(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_conv_common(ctx, false, scratch, err);
}
qrt_status prepare_depthwise(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_conv_common(ctx, true, scratch, err);
}
void eval_conv2d(const OpContext& ctx) { conv2d_f32_ref(conv_args(ctx)); }
void eval_depthwise(const OpContext& ctx) { depthwise_conv2d_f32_ref(conv_args(ctx)); }

// FULLY_CONNECTED: the input is viewed as [batches, depth] with depth = weights.dims[1]; the
// output is [..., units] with batches * units elements (TFLite's keep_num_dims or not).
qrt_status prepare_fully_connected(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_float_weights(ctx, 1, 2, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  int32_t units = 0;
  QRT_TRY(expect_fully_connected_shapes(ctx, &units, err));
  QRT_TRY(expect_params(ctx, sizeof(FullyConnectedParams), err));
  const FullyConnectedParams& p = params_as<FullyConnectedParams>(ctx);
  QRT_TRY(expect_range(ctx, "channel_count (float32 has no requantization)", p.channel_count, 0,
                       0, err));
  QRT_TRY(expect_optional_constant(ctx, 2, QRT_DTYPE_FLOAT32, units, err));
  QRT_TRY(expect_float_clamp(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_fully_connected(const OpContext& ctx) {
  const format::TensorRecord& weights = input_tensor(ctx, 1);
  FullyConnectedF32Args a;
  a.params = &params_as<FullyConnectedParams>(ctx);
  a.output_depth = weights.dims[0];
  a.input_depth = weights.dims[1];
  a.batches = element_count(input_tensor(ctx, 0)) / a.input_depth;
  a.input = input_data<float>(ctx, 0);
  a.weights = input_data<float>(ctx, 1);
  a.bias = ctx.op->input_count > 2 && ctx.inputs[2] >= 0 ? input_data<float>(ctx, 2) : nullptr;
  a.output = output_data<float>(ctx, 0);
  fully_connected_f32_ref(a);
}

}  // namespace

extern "C" const qrt_op qrt_op_conv2d_f32 = {kOpConv2d, QRT_DTYPE_FLOAT32, prepare_conv2d,
                                             eval_conv2d, 0};
extern "C" const qrt_op qrt_op_depthwise_conv2d_f32 = {kOpDepthwiseConv2d, QRT_DTYPE_FLOAT32,
                                                       prepare_depthwise, eval_depthwise, 0};
extern "C" const qrt_op qrt_op_fully_connected_f32 = {
    kOpFullyConnected, QRT_DTYPE_FLOAT32, prepare_fully_connected, eval_fully_connected, 0};

}  // namespace qrt
