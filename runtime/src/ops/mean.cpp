// MEAN over any axes of a 4-D shape: int8 and int16 (as TFLM's QuantizedMeanOrSum) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {
namespace {

// int8 and int16 share the parameter block; the zero points stay inside the data type.
template <typename T>
qrt_status prepare_mean(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  constexpr qrt_dtype kType = sizeof(T) == 1 ? QRT_DTYPE_INT8 : QRT_DTYPE_INT16;
  constexpr int32_t kMin = sizeof(T) == 1 ? -128 : -32768, kMax = -kMin - 1;
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));  // TFLite keeps the axis tensor as input 1
  QRT_TRY(expect_input(ctx, 0, kType, 0, err));
  QRT_TRY(expect_output(ctx, 0, kType, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(MeanParams), err));
  const MeanParams& p = params_as<MeanParams>(ctx);
  QRT_TRY(expect_mean_geometry(ctx, p, err));
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, kMin, kMax, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, kMin, kMax, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

void eval_mean(const OpContext& ctx) {
  mean_s8_ref(params_as<MeanParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<int8_t>(ctx, 0),
              shape4(output_tensor(ctx, 0)), output_data<int8_t>(ctx, 0));
}

void eval_mean_s16(const OpContext& ctx) {
  mean_s16_ref(params_as<MeanParams>(ctx), shape4(input_tensor(ctx, 0)),
               input_data<int16_t>(ctx, 0), shape4(output_tensor(ctx, 0)),
               output_data<int16_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_mean_s8 = {kOpMean, QRT_DTYPE_INT8, prepare_mean<int8_t>, eval_mean,
                                          0};
extern "C" const qrt_op qrt_op_mean_s16 = {kOpMean, QRT_DTYPE_INT16, prepare_mean<int16_t>,
                                           eval_mean_s16, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

// MEAN over the axes of axis_mask (bits refer to the input's dims). The output is the input's
// shape with the reduced axes set to 1 (keep_dims = 1) or removed (keep_dims = 0).
qrt_status prepare_mean(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(MeanParams), err));
  QRT_TRY(expect_mean_geometry(ctx, params_as<MeanParams>(ctx), err));
  *scratch = 0;
  return QRT_OK;
}

void eval_mean(const OpContext& ctx) {
  // axis_mask bits address the 4-D right-aligned shape (qrt/op_checks.h: expect_mean_geometry).
  const uint32_t mask4 = params_as<MeanParams>(ctx).axis_mask;
  const Shape4 in4 = shape4(input_tensor(ctx, 0));
  Shape4 out4 = in4;  // the keep-dims 4-D shape the kernel wants
  if ((mask4 & 1u) != 0) out4.n = 1;
  if ((mask4 & 2u) != 0) out4.h = 1;
  if ((mask4 & 4u) != 0) out4.w = 1;
  if ((mask4 & 8u) != 0) out4.c = 1;
  mean_f32_ref(in4, input_data<float>(ctx, 0), out4, output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_mean_f32 = {kOpMean, QRT_DTYPE_FLOAT32, prepare_mean, eval_mean, 0};

}  // namespace qrt

#endif
