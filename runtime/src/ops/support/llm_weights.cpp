// Shared prepare checks of the transformer operators.
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"

namespace qrt {

static_assert(static_cast<int>(kLlmInt8) == static_cast<int>(QRT_DTYPE_INT8) &&
                  static_cast<int>(kLlmInt16) == static_cast<int>(QRT_DTYPE_INT16) &&
                  static_cast<int>(kLlmInt32) == static_cast<int>(QRT_DTYPE_INT32),
              "LlmType values are qrt_dtype values");

qrt_status expect_llm_dtype(const OpContext& ctx, bool input, int k, uint32_t allowed_mask,
                            uint32_t* dtype, qrt_error* err) {
  const uint32_t count = input ? ctx.op->input_count : ctx.op->output_count;
  const int32_t t = static_cast<uint32_t>(k) < count ? (input ? ctx.inputs[k] : ctx.outputs[k]) : -1;
  if (t < 0) {
    op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text(input ? "input " : "output ").num(k)
        .text(" is missing");
    return QRT_ERR_BAD_OPERATOR;
  }
  const uint32_t d = ctx.tensors[t].dtype;
  if (d >= 32 || (allowed_mask & dtype_bit(d)) == 0) {
    if (err != nullptr) err->tensor_index = t;
    op_failure(ctx, err, QRT_ERR_UNSUPPORTED_OP).text(input ? "input " : "output ").num(k)
        .text(" has unsupported dtype ").num(d);
    return QRT_ERR_UNSUPPORTED_OP;
  }
  *dtype = d;
  return QRT_OK;
}

qrt_status expect_llm_elements(const OpContext& ctx, bool input, int k, int64_t elements,
                               qrt_error* err) {
  const format::TensorRecord& r = input ? input_tensor(ctx, k) : output_tensor(ctx, k);
  if (element_count(r) != elements) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text(input ? "input " : "output ").num(k)
        .text(" has ").num(element_count(r)).text(" elements, expected ").num(elements);
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

qrt_status expect_llm_multipliers(const OpContext& ctx, const int32_t* multipliers,
                                  const int32_t* shifts, int32_t count, qrt_error* err) {
  for (int32_t i = 0; i < count; ++i) {
    if (shifts[i] < -31 || shifts[i] > 30 || multipliers[i] == INT32_MIN) {
      op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("multiplier ").num(i).text(" (")
          .num(multipliers[i]).text(", shift ").num(shifts[i]).text(") out of range");
      return QRT_ERR_BAD_PARAMS;
    }
  }
  return QRT_OK;
}

namespace {

bool present(const OpContext& ctx, int k) {
  return static_cast<uint32_t>(k) < ctx.op->input_count && ctx.inputs[k] >= 0;
}

// A constant input of `dtype` and shape [rows, groups].
qrt_status expect_side_table(const OpContext& ctx, int k, uint32_t dtype, int32_t rows,
                             int32_t groups, qrt_error* err) {
  QRT_TRY(expect_input(ctx, k, dtype, 2, err));
  QRT_TRY(expect_constant(ctx, k, err));
  const format::TensorRecord& r = input_tensor(ctx, k);
  if (r.dims[0] != rows || r.dims[1] != groups) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("input ").num(k).text(" must be [")
        .num(rows).text(", ").num(groups).text("]");
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

}  // namespace

qrt_status prepare_llm_weights(const OpContext& ctx, int first, int side, int32_t group_size,
                               uint32_t header, LlmWeights* w, bool* asymmetric, qrt_error* err) {
  uint32_t dtype = 0;
  QRT_TRY(expect_llm_dtype(ctx, true, first, dtype_bit(QRT_DTYPE_INT8) | dtype_bit(QRT_DTYPE_INT4),
                           &dtype, err));
  QRT_TRY(expect_constant(ctx, first, err));
  const format::TensorRecord& t = input_tensor(ctx, first);
  if (t.rank != 2) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("weights must be [rows, cols]");
    return QRT_ERR_BAD_SHAPE;
  }
  const int32_t rows = t.dims[0], cols = t.dims[1];
  // A group may be longer than the row (g128 on 64 columns): the row is then one group.
  QRT_TRY(expect_range(ctx, "group_size", group_size, 0, 65536, err));
  const int32_t groups = group_size == 0 ? 1 : (cols + group_size - 1) / group_size;
  if (group_size == 0) {
    if (present(ctx, side)) {
      op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("per-channel weights take no group multipliers");
      return QRT_ERR_BAD_OPERATOR;
    }
  } else {
    if (!present(ctx, side)) {
      op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("group-wise weights need group multipliers");
      return QRT_ERR_BAD_OPERATOR;
    }
    QRT_TRY(expect_side_table(ctx, side, QRT_DTYPE_INT16, rows, groups, err));
  }
  if (present(ctx, side + 1)) {
    QRT_TRY(expect_side_table(ctx, side + 1, QRT_DTYPE_INT8, rows, groups, err));
  }
  if (ctx.params == nullptr || ctx.params_bytes < header) return expect_params(ctx, header, err);
  QRT_TRY(expect_params(ctx, header + 8u * static_cast<uint32_t>(rows), err));
  // Only what prepare may touch: shapes and the parameter block (tensor data may not be bound).
  w->bits = t.dtype == QRT_DTYPE_INT4 ? 4 : 8;
  w->rows = rows;
  w->cols = cols;
  w->group_size = group_size;
  w->data = nullptr;
  w->group_multipliers = nullptr;
  w->zero_points = nullptr;
  *asymmetric = present(ctx, side + 1);
  const auto* tail = reinterpret_cast<const int32_t*>(static_cast<const uint8_t*>(ctx.params) + header);
  w->multipliers = tail;
  w->shifts = tail + rows;
  return expect_llm_multipliers(ctx, w->multipliers, w->shifts, rows, err);
}

LlmWeights llm_weights(const OpContext& ctx, int first, int side, int32_t group_size,
                       uint32_t header) {
  const format::TensorRecord& t = input_tensor(ctx, first);
  LlmWeights w;
  w.data = input_data<uint8_t>(ctx, first);
  w.bits = t.dtype == QRT_DTYPE_INT4 ? 4 : 8;
  w.rows = t.dims[0];
  w.cols = t.dims[1];
  w.group_size = group_size;
  w.group_multipliers = present(ctx, side) ? input_data<int16_t>(ctx, side) : nullptr;
  w.zero_points = present(ctx, side + 1) ? input_data<int8_t>(ctx, side + 1) : nullptr;
  const auto* tail = reinterpret_cast<const int32_t*>(static_cast<const uint8_t*>(ctx.params) + header);
  w.multipliers = tail;
  w.shifts = tail + w.rows;
  return w;
}

}  // namespace qrt
