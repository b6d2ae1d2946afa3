// CONV_2D and DEPTHWISE_CONV_2D: int8 (per-channel requantization), 16x8 (int16 activations)
// and float32, TFLite semantics.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/conv_common.h"

namespace qrt {
namespace {

ConvS8Args conv_args(const OpContext& ctx) { return conv_args_int<ConvS8Args, int8_t>(ctx); }

// What the int8 and int16 forms check alike: the tensors (input and output of `dtype`, a constant
// filter of `filter_dtype` (int8, or packed INT4 under int8 activations), an optional int32 bias
// per output channel), the geometry and the requantization block's size.
qrt_status prepare_conv_tensors(const OpContext& ctx, bool depthwise, uint32_t dtype,
                                uint32_t filter_dtype, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 4, err));
  QRT_TRY(expect_input(ctx, 1, filter_dtype, 4, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 4, err));
  if (ctx.params_bytes < sizeof(ConvParams)) return expect_params(ctx, sizeof(ConvParams), err);
  const ConvParams& p = params_as<ConvParams>(ctx);
  int32_t out_c = 0;
  QRT_TRY(expect_conv_geometry(ctx, depthwise, p, &out_c, err));
  QRT_TRY(expect_requant_block(ctx, sizeof(ConvParams), p.channel_count, out_c, err));
  return expect_optional_constant(ctx, 2, QRT_DTYPE_INT32, out_c, err);
}

qrt_status prepare_conv_common(const OpContext& ctx, bool depthwise, uint32_t filter_dtype,
                               qrt_error* err) {
  QRT_TRY(prepare_conv_tensors(ctx, depthwise, QRT_DTYPE_INT8, filter_dtype, err));
  const ConvParams& p = params_as<ConvParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_offset", p.input_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, -128, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, 127, err));
  return expect_multipliers(ctx, multipliers_of(p), multipliers_of(p) + p.channel_count,
                            p.channel_count, err);
}

qrt_status prepare_conv2d(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_conv_common(ctx, false, QRT_DTYPE_INT8, err));
  const int32_t bytes = conv2d_s8_scratch_bytes(conv2d_s8_variant(ctx.isas), conv_args(ctx));
  *scratch = static_cast<uint32_t>(bytes);
  return QRT_OK;
}

qrt_status prepare_depthwise(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;  // no depthwise variant needs scratch (kernel_select.h)
  return prepare_conv_common(ctx, true, QRT_DTYPE_INT8, err);
}

// Packed INT4 filters (TFLite's int4 filters, kept packed): the int8 checks with the filter's type.
qrt_status prepare_conv2d_w4(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_conv_common(ctx, false, QRT_DTYPE_INT4, err));
  *scratch = static_cast<uint32_t>(
      conv2d_s8s4_scratch_bytes(conv2d_s8s4_variant(ctx.isas), conv_args(ctx)));
  return QRT_OK;
}
qrt_status prepare_depthwise_w4(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;  // no variant needs scratch
  return prepare_conv_common(ctx, true, QRT_DTYPE_INT4, err);
}
void eval_conv2d_w4(const OpContext& ctx) {
  conv2d_s8s4_kernel(conv2d_s8s4_variant(ctx.isas))(conv_args(ctx));
}
void eval_depthwise_w4(const OpContext& ctx) {
  depthwise_conv2d_s8s4_kernel(depthwise_conv2d_s8s4_variant(ctx.isas))(conv_args(ctx));
}

void eval_conv2d(const OpContext& ctx) {
  conv2d_s8_kernel(conv2d_s8_variant(ctx.isas))(conv_args(ctx));
}
void eval_depthwise(const OpContext& ctx) {
  depthwise_conv2d_s8_kernel(depthwise_conv2d_s8_variant(ctx.isas))(conv_args(ctx));
}

qrt_status prepare_s16(const OpContext& ctx, bool depthwise, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_conv_tensors(ctx, depthwise, QRT_DTYPE_INT16, QRT_DTYPE_INT8, err));
  const format::TensorRecord& f = input_tensor(ctx, 1);
  QRT_TRY(expect_s16_depth(ctx, int64_t{f.dims[1]} * f.dims[2] * (depthwise ? 1 : f.dims[3]), err));
  const ConvParams& p = params_as<ConvParams>(ctx);
  *scratch = 0;
  return expect_requant_s16(ctx, p.input_offset, p.output_offset, p.act_min, p.act_max,
                            multipliers_of(p), p.channel_count, err);
}

qrt_status prepare_conv2d_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_s16(ctx, false, scratch, err);
}
qrt_status prepare_depthwise_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_s16(ctx, true, scratch, err);
}

ConvS16Args conv_args_s16(const OpContext& ctx) { return conv_args_int<ConvS16Args, int16_t>(ctx); }

void eval_conv2d_s16(const OpContext& ctx) {
  conv2d_s16_kernel(conv2d_s16_variant(ctx.isas))(conv_args_s16(ctx));
}
void eval_depthwise_s16(const OpContext& ctx) {
  depthwise_conv2d_s16_kernel(depthwise_conv2d_s16_variant(ctx.isas))(conv_args_s16(ctx));
}

}  // namespace

extern "C" const qrt_op qrt_op_conv2d_s8 = {kOpConv2d, QRT_DTYPE_INT8, prepare_conv2d, eval_conv2d,
                                            0};
extern "C" const qrt_op qrt_op_depthwise_conv2d_s8 = {kOpDepthwiseConv2d, QRT_DTYPE_INT8,
                                                      prepare_depthwise, eval_depthwise, 0};
extern "C" const qrt_op qrt_op_conv2d_s8_w4 = {kOpConv2d, QRT_DTYPE_INT8 | kInt4WeightsDtype,
                                               prepare_conv2d_w4, eval_conv2d_w4, 0};
extern "C" const qrt_op qrt_op_depthwise_conv2d_s8_w4 = {
    kOpDepthwiseConv2d, QRT_DTYPE_INT8 | kInt4WeightsDtype, prepare_depthwise_w4,
    eval_depthwise_w4, 0};
extern "C" const qrt_op qrt_op_conv2d_s16 = {kOpConv2d, QRT_DTYPE_INT16, prepare_conv2d_s16,
                                             eval_conv2d_s16, 0};
extern "C" const qrt_op qrt_op_depthwise_conv2d_s16 = {kOpDepthwiseConv2d, QRT_DTYPE_INT16,
                                                       prepare_depthwise_s16, eval_depthwise_s16, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/ops/kernels_f32.h"
#include "support/checks_f32.h"
#include "support/conv_common.h"

namespace qrt {
namespace {

ConvF32Args conv_args(const OpContext& ctx) {
  return conv_tensors<ConvF32Args, float, float, float>(ctx);
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

}  // namespace

extern "C" const qrt_op qrt_op_conv2d_f32 = {kOpConv2d, QRT_DTYPE_FLOAT32, prepare_conv2d,
                                             eval_conv2d, 0};
extern "C" const qrt_op qrt_op_depthwise_conv2d_f32 = {kOpDepthwiseConv2d, QRT_DTYPE_FLOAT32,
                                                       prepare_depthwise, eval_depthwise, 0};

}  // namespace qrt

#endif
