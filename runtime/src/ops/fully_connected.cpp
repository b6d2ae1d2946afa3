// FULLY_CONNECTED: int8 and 16x8 (per-tensor or per-channel weights) and float32, TFLite
// semantics.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/conv_common.h"

namespace qrt {
namespace {

// What int8 and int16 check alike: input and output of `dtype`, constant weights [units, depth]
// of `weights_dtype` (int8, or packed INT4 under int8 activations), an optional int32 bias per
// unit, the requantization block's size.
qrt_status prepare_tensors(const OpContext& ctx, uint32_t dtype, uint32_t weights_dtype,
                           qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 0, err));
  QRT_TRY(expect_input(ctx, 1, weights_dtype, 2, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 0, err));
  int32_t units = 0;
  QRT_TRY(expect_fully_connected_shapes(ctx, &units, err));
  if (ctx.params_bytes < sizeof(FullyConnectedParams)) {
    return expect_params(ctx, sizeof(FullyConnectedParams), err);
  }
  const FullyConnectedParams& p = params_as<FullyConnectedParams>(ctx);
  QRT_TRY(expect_requant_block(ctx, sizeof(FullyConnectedParams), p.channel_count, units, err));
  return expect_optional_constant(ctx, 2, QRT_DTYPE_INT32, units, err);
}

// 16x8: the requantization of expect_requant_s16; the weights offset as for int8.
qrt_status prepare_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_tensors(ctx, QRT_DTYPE_INT16, QRT_DTYPE_INT8, err));
  QRT_TRY(expect_s16_depth(ctx, input_tensor(ctx, 1).dims[1], err));
  const FullyConnectedParams& p = params_as<FullyConnectedParams>(ctx);
  QRT_TRY(expect_range(ctx, "weights_offset", p.weights_offset, -127, 128, err));
  *scratch = 0;
  return expect_requant_s16(ctx, p.input_offset, p.output_offset, p.act_min, p.act_max,
                            multipliers_of(p), p.channel_count, err);
}

void eval_s16(const OpContext& ctx) {
  fully_connected_s16_kernel(fully_connected_s16_variant(ctx.isas))(
      fully_connected_args<FullyConnectedS16Args, int16_t>(ctx));
}

qrt_status prepare_weights(const OpContext& ctx, uint32_t weights_dtype, uint32_t* scratch,
                           qrt_error* err) {
  QRT_TRY(prepare_tensors(ctx, QRT_DTYPE_INT8, weights_dtype, err));
  const FullyConnectedParams& p = params_as<FullyConnectedParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_offset", p.input_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "weights_offset", p.weights_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, -128, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, multipliers_of(p), multipliers_of(p) + p.channel_count,
                            p.channel_count, err);
}

qrt_status prepare(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_weights(ctx, QRT_DTYPE_INT8, scratch, err);
}
qrt_status prepare_w4(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_weights(ctx, QRT_DTYPE_INT4, scratch, err));
  *scratch = static_cast<uint32_t>(fully_connected_s8s4_scratch_bytes(
      fully_connected_s8s4_variant(ctx.isas), fully_connected_args<FullyConnectedS8Args, int8_t>(ctx)));
  return QRT_OK;
}

void eval_w4(const OpContext& ctx) {
  FullyConnectedS8Args a = fully_connected_args<FullyConnectedS8Args, int8_t>(ctx);
  a.scratch = ctx.scratch;
  fully_connected_s8s4_kernel(fully_connected_s8s4_variant(ctx.isas))(a);
}

void eval(const OpContext& ctx) {
  fully_connected_s8_kernel(fully_connected_s8_variant(ctx.isas))(
      fully_connected_args<FullyConnectedS8Args, int8_t>(ctx));
}

}  // namespace

extern "C" const qrt_op qrt_op_fully_connected_s8 = {kOpFullyConnected, QRT_DTYPE_INT8, prepare,
                                                     eval, 0};
extern "C" const qrt_op qrt_op_fully_connected_s8_w4 = {
    kOpFullyConnected, QRT_DTYPE_INT8 | kInt4WeightsDtype, prepare_w4, eval_w4, 0};
extern "C" const qrt_op qrt_op_fully_connected_s16 = {kOpFullyConnected, QRT_DTYPE_INT16,
                                                      prepare_s16, eval_s16, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "support/checks_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

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

extern "C" const qrt_op qrt_op_fully_connected_f32 = {
    kOpFullyConnected, QRT_DTYPE_FLOAT32, prepare_fully_connected, eval_fully_connected, 0};

}  // namespace qrt

#endif
