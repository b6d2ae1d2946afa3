// PAD, MEAN, CONCATENATION and RESHAPE on float32. Input conventions follow the int8 adapters:
// TFLite's extra inputs (paddings, PADV2's value, MEAN's axis, RESHAPE's shape tensor) may stay
// in the operator's input list; the parameter block and the output record are what counts.
#include <string.h>

#include "qrt/op_checks.h"
#include "ops_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_pad(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(PadParams), err));
  QRT_TRY(expect_pad_geometry(ctx, params_as<PadParams>(ctx), err));
  // float_pad_value may be anything, NaN and infinities included: it is copied, not computed.
  *scratch = 0;
  return QRT_OK;
}

void eval_pad(const OpContext& ctx) {
  pad_f32_ref(params_as<PadParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<float>(ctx, 0),
              shape4(output_tensor(ctx, 0)), output_data<float>(ctx, 0));
}

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

extern "C" const qrt_op qrt_op_pad_f32 = {kOpPad, QRT_DTYPE_FLOAT32, prepare_pad, eval_pad, 0};
extern "C" const qrt_op qrt_op_mean_f32 = {kOpMean, QRT_DTYPE_FLOAT32, prepare_mean, eval_mean, 0};
// Byte movers shared with the int8 table (runtime/src/ops/geometry.cpp).
extern "C" const qrt_op qrt_op_concatenation_f32 = {
    kOpConcatenation, QRT_DTYPE_FLOAT32, prepare_concatenation_any, eval_concatenation_any, 0};
extern "C" const qrt_op qrt_op_reshape_f32 = {kOpReshape, QRT_DTYPE_FLOAT32, prepare_reshape_any,
                                              eval_reshape_any, 1};

}  // namespace qrt
