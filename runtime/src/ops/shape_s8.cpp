// SOFTMAX, RESHAPE, CONCATENATION, PAD and MEAN on int8.
#include <string.h>

#include "checks.h"
#include "ops_s8.h"

namespace qrt {
namespace {

qrt_status prepare_softmax(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  if (input_tensor(ctx, 0).rank == 0 || !same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_params(ctx, sizeof(SoftmaxParams), err));
  const SoftmaxParams& p = params_as<SoftmaxParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, 0, 31, err));
  QRT_TRY(expect_range(ctx, "diff_min", p.diff_min, INT32_MIN, 0, err));
  QRT_TRY(expect_range(ctx, "input_multiplier", p.input_multiplier, 0, INT32_MAX, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_softmax(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const int32_t depth = in.dims[in.rank - 1];
  softmax_s8_ref(params_as<SoftmaxParams>(ctx), element_count(in) / depth, depth,
                 input_data<int8_t>(ctx, 0), output_data<int8_t>(ctx, 0));
}

// RESHAPE: same bytes, new shape (the optional second input is the shape tensor TFLite keeps).
qrt_status prepare_reshape(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_output(ctx, 0, in.dtype, 0, err));
  if (output_tensor(ctx, 0).data_bytes != in.data_bytes) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output size differs from the input's");
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

// CONCATENATION: inputs [outer, axis_i, inner] -> output [outer, sum(axis_i), inner].
qrt_status prepare_concatenation(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, format::kMaxOperatorInputs, 1, err));
  QRT_TRY(expect_params(ctx, sizeof(ConcatenationParams), err));
  const format::TensorRecord& out = output_tensor(ctx, 0);
  const int32_t axis = params_as<ConcatenationParams>(ctx).axis;
  QRT_TRY(expect_range(ctx, "axis", axis, 0, static_cast<int64_t>(out.rank) - 1, err));
  int64_t axis_sum = 0;
  for (uint32_t k = 0; k < ctx.op->input_count; ++k) {
    QRT_TRY(expect_input(ctx, static_cast<int>(k), out.dtype, out.rank, err));
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
    const format::TensorRecord& in = input_tensor(ctx, static_cast<int>(k));
    inputs[k] = input_data<void>(ctx, static_cast<int>(k));
    inner_bytes[k] = static_cast<int32_t>(in.data_bytes) / outer;
  }
  concatenation_ref(static_cast<int32_t>(ctx.op->input_count), inputs, inner_bytes, outer,
                    output_data<void>(ctx, 0));
}

qrt_status prepare_pad(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 3, 1, err));  // TFLite keeps paddings (and PADV2 value) inputs
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
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
    QRT_TRY(expect_range(ctx, "padding", p.before[i], 0, 65535, err));
    QRT_TRY(expect_range(ctx, "padding", p.after[i], 0, 65535, err));
    QRT_TRY(expect_range(ctx, "padded size", bd[i], int64_t{ad[i]} + p.before[i] + p.after[i],
                         int64_t{ad[i]} + p.before[i] + p.after[i], err));
  }
  QRT_TRY(expect_range(ctx, "pad_value", p.pad_value, -128, 127, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_pad(const OpContext& ctx) {
  pad_s8_ref(params_as<PadParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<int8_t>(ctx, 0),
             shape4(output_tensor(ctx, 0)), output_data<int8_t>(ctx, 0));
}

qrt_status prepare_mean(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));  // TFLite keeps the axis tensor as input 1
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_INT8, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(MeanParams), err));
  const MeanParams& p = params_as<MeanParams>(ctx);
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_range(ctx, "rank", in.rank, 1, 4, err));
  // Axis bits address the 4-D right-aligned shape (bit 4 - rank + axis), as the kernel sees it.
  const uint32_t valid_bits = (0xFu << (4u - in.rank)) & 0xFu;
  if (p.axis_mask == 0 || (p.axis_mask & ~valid_bits) != 0) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("axis_mask ").num(p.axis_mask)
        .text(" names no axis or an axis beyond the rank");
    return QRT_ERR_BAD_PARAMS;
  }
  const Shape4 in4 = shape4(in);
  const int32_t dims[4] = {in4.n, in4.h, in4.w, in4.c};
  int64_t expected = 1;
  for (uint32_t d = 0; d < 4; ++d) {
    if (((p.axis_mask >> d) & 1u) == 0) expected *= dims[d];
  }
  QRT_TRY(expect_range(ctx, "output elements", element_count(output_tensor(ctx, 0)), expected,
                       expected, err));
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

void eval_mean(const OpContext& ctx) {
  mean_s8_ref(params_as<MeanParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<int8_t>(ctx, 0),
              shape4(output_tensor(ctx, 0)), output_data<int8_t>(ctx, 0));
}

}  // namespace

const OpImpl kSoftmaxS8 = {kOpSoftmax, QRT_DTYPE_INT8, prepare_softmax, eval_softmax, 0};
const OpImpl kReshapeS8 = {kOpReshape, QRT_DTYPE_INT8, prepare_reshape, eval_reshape, 1};
const OpImpl kConcatenationS8 = {kOpConcatenation, QRT_DTYPE_INT8, prepare_concatenation,
                                 eval_concatenation, 0};
const OpImpl kPadS8 = {kOpPad, QRT_DTYPE_INT8, prepare_pad, eval_pad, 0};
const OpImpl kMeanS8 = {kOpMean, QRT_DTYPE_INT8, prepare_mean, eval_mean, 0};

}  // namespace qrt
