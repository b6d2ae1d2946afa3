// PAD, MEAN, CONCATENATION and RESHAPE on float32. Input conventions follow the int8 adapters:
// TFLite's extra inputs (paddings, PADV2's value, MEAN's axis, RESHAPE's shape tensor) may stay
// in the operator's input list; the parameter block and the output record are what counts.
#include <string.h>

#include "checks.h"
#include "ops_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_pad(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(PadParams), err));
  const PadParams& p = params_as<PadParams>(ctx);
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  QRT_TRY(expect_range(ctx, "rank", in.rank, 1, 4, err));
  QRT_TRY(expect_range(ctx, "output rank", out.rank, in.rank, in.rank, err));
  const Shape4 a = shape4(in);
  const Shape4 b = shape4(out);
  const int32_t ad[4] = {a.n, a.h, a.w, a.c};
  const int32_t bd[4] = {b.n, b.h, b.w, b.c};
  for (int i = 0; i < 4; ++i) {
    // Dimensions added by right-alignment (i < 4 - rank) have size 1 on both sides, so the size
    // check below also forces their padding to 0.
    QRT_TRY(expect_range(ctx, "padding before", p.before[i], 0, 65535, err));
    QRT_TRY(expect_range(ctx, "padding after", p.after[i], 0, 65535, err));
    const int64_t padded = int64_t{ad[i]} + p.before[i] + p.after[i];
    QRT_TRY(expect_range(ctx, "padded size", bd[i], padded, padded, err));
  }
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
  const MeanParams& p = params_as<MeanParams>(ctx);
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  QRT_TRY(expect_range(ctx, "rank", in.rank, 1, 4, err));
  QRT_TRY(expect_range(ctx, "axis_mask", p.axis_mask, 1, (1 << in.rank) - 1, err));
  QRT_TRY(expect_range(ctx, "keep_dims", p.keep_dims, 0, 1, err));
  // The exact output shape this mask and keep_dims imply.
  int32_t expected[4];
  uint32_t expected_rank = 0;
  for (uint32_t d = 0; d < in.rank; ++d) {
    const bool reduced = ((p.axis_mask >> d) & 1u) != 0;
    if (!reduced) {
      expected[expected_rank++] = in.dims[d];
    } else if (p.keep_dims != 0) {
      expected[expected_rank++] = 1;
    }
  }
  bool match = out.rank == expected_rank;
  for (uint32_t d = 0; match && d < expected_rank; ++d) match = out.dims[d] == expected[d];
  if (!match) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE)
        .text("output shape is not the input's reduced over axis_mask ").num(p.axis_mask)
        .text(p.keep_dims != 0 ? " with keep_dims" : " without keep_dims");
    return QRT_ERR_BAD_SHAPE;
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_mean(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  // Axis bits refer to the input's dims; shape4 right-aligns them into 4-D.
  const uint32_t mask4 = params_as<MeanParams>(ctx).axis_mask << (4u - in.rank);
  const Shape4 in4 = shape4(in);
  Shape4 out4 = in4;  // the keep-dims 4-D shape the kernel wants
  if ((mask4 & 1u) != 0) out4.n = 1;
  if ((mask4 & 2u) != 0) out4.h = 1;
  if ((mask4 & 4u) != 0) out4.w = 1;
  if ((mask4 & 8u) != 0) out4.c = 1;
  mean_f32_ref(in4, input_data<float>(ctx, 0), out4, output_data<float>(ctx, 0));
}

// CONCATENATION: inputs [outer, axis_i, inner] -> output [outer, sum(axis_i), inner], moved as
// bytes by the type-agnostic concatenation_ref.
qrt_status prepare_concatenation(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, format::kMaxOperatorInputs, 1, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(ConcatenationParams), err));
  const format::TensorRecord& out = output_tensor(ctx, 0);
  const int32_t axis = params_as<ConcatenationParams>(ctx).axis;
  QRT_TRY(expect_range(ctx, "axis", axis, 0, static_cast<int64_t>(out.rank) - 1, err));
  int64_t axis_sum = 0;
  for (uint32_t k = 0; k < ctx.op->input_count; ++k) {
    QRT_TRY(expect_input(ctx, static_cast<int>(k), QRT_DTYPE_FLOAT32, out.rank, err));
    const format::TensorRecord& in = input_tensor(ctx, static_cast<int>(k));
    for (uint32_t d = 0; d < out.rank; ++d) {
      if (static_cast<int32_t>(d) != axis && in.dims[d] != out.dims[d]) {
        op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("input ").num(k)
            .text(" differs from the output outside the axis");
        return QRT_ERR_BAD_SHAPE;
      }
    }
    axis_sum += in.dims[axis];
  }
  QRT_TRY(expect_range(ctx, "output axis size", out.dims[axis], axis_sum, axis_sum, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_concatenation(const OpContext& ctx) {
  const format::TensorRecord& out = output_tensor(ctx, 0);
  const int32_t axis = params_as<ConcatenationParams>(ctx).axis;
  int32_t outer = 1;
  for (int32_t d = 0; d < axis; ++d) outer *= out.dims[d];
  const void* inputs[format::kMaxOperatorInputs];
  int32_t inner_bytes[format::kMaxOperatorInputs];
  for (uint32_t k = 0; k < ctx.op->input_count; ++k) {
    inputs[k] = input_data<void>(ctx, static_cast<int>(k));
    inner_bytes[k] = static_cast<int32_t>(input_tensor(ctx, static_cast<int>(k)).data_bytes) / outer;
  }
  concatenation_ref(static_cast<int32_t>(ctx.op->input_count), inputs, inner_bytes, outer,
                    output_data<void>(ctx, 0));
}

// RESHAPE: same bytes, new shape. Only the data type differs from the int8 implementation (the
// runtime picks an implementation by input data type).
qrt_status prepare_reshape(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  if (element_count(output_tensor(ctx, 0)) != element_count(input_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output element count differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_reshape(const OpContext& ctx) {
  const void* in = input_data<void>(ctx, 0);
  void* out = output_data<void>(ctx, 0);
  if (in != out) memmove(out, in, input_tensor(ctx, 0).data_bytes);  // nothing to do in place
}

}  // namespace

const OpImpl kPadF32 = {kOpPad, QRT_DTYPE_FLOAT32, prepare_pad, eval_pad, 0};
const OpImpl kMeanF32 = {kOpMean, QRT_DTYPE_FLOAT32, prepare_mean, eval_mean, 0};
const OpImpl kConcatenationF32 = {kOpConcatenation, QRT_DTYPE_FLOAT32, prepare_concatenation,
                                  eval_concatenation, 0};
const OpImpl kReshapeF32 = {kOpReshape, QRT_DTYPE_FLOAT32, prepare_reshape, eval_reshape, 1};

}  // namespace qrt
