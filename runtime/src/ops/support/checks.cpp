#include "qrt/op_checks.h"

#include "qrt/quant/fixedpoint.h"

namespace qrt {

ErrorMessage op_failure(const OpContext& ctx, qrt_error* err, qrt_status status) {
  ErrorMessage m(err, status);
  m.text(op_code_name(ctx.op->op_code)).text(" operator ").num(ctx.op_index).text(": ");
  return m;
}

qrt_status expect_arity(const OpContext& ctx, uint32_t min_inputs, uint32_t max_inputs,
                        uint32_t outputs, qrt_error* err) {
  if (ctx.op->input_count < min_inputs || ctx.op->input_count > max_inputs ||
      ctx.op->output_count != outputs) {
    op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("has ").num(ctx.op->input_count)
        .text(" inputs and ").num(ctx.op->output_count).text(" outputs");
    return QRT_ERR_BAD_OPERATOR;
  }
  return QRT_OK;
}

namespace {

qrt_status expect_tensor(const OpContext& ctx, bool input, int k, uint32_t dtype, uint32_t rank,
                         qrt_error* err) {
  const int32_t t = input ? ctx.inputs[k] : ctx.outputs[k];
  const char* which = input ? "input " : "output ";
  if (t < 0) {
    op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text(which).num(k).text(" is missing");
    return QRT_ERR_BAD_OPERATOR;
  }
  const format::TensorRecord& r = ctx.tensors[t];
  if (r.dtype != dtype) {
    if (err != nullptr) err->tensor_index = t;
    op_failure(ctx, err, QRT_ERR_BAD_TENSOR).text(which).num(k).text(" has dtype ").num(r.dtype)
        .text(", expected ").num(dtype);
    return QRT_ERR_BAD_TENSOR;
  }
  if (rank != 0 && r.rank != rank) {
    if (err != nullptr) err->tensor_index = t;
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text(which).num(k).text(" has rank ").num(r.rank)
        .text(", expected ").num(rank);
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

}  // namespace

qrt_status expect_input(const OpContext& ctx, int k, uint32_t dtype, uint32_t rank, qrt_error* err) {
  return expect_tensor(ctx, true, k, dtype, rank, err);
}

qrt_status expect_output(const OpContext& ctx, int k, uint32_t dtype, uint32_t rank,
                         qrt_error* err) {
  return expect_tensor(ctx, false, k, dtype, rank, err);
}

qrt_status expect_constant(const OpContext& ctx, int k, qrt_error* err) {
  if (ctx.inputs[k] < 0 || ctx.tensors[ctx.inputs[k]].kind != format::kTensorConstant) {
    op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("input ").num(k).text(" must be a constant");
    return QRT_ERR_BAD_OPERATOR;
  }
  return QRT_OK;
}

qrt_status expect_optional_constant(const OpContext& ctx, int k, uint32_t dtype, int32_t elements,
                                    qrt_error* err) {
  if (static_cast<uint32_t>(k) >= ctx.op->input_count || ctx.inputs[k] < 0) return QRT_OK;
  QRT_TRY(expect_input(ctx, k, dtype, 0, err));
  QRT_TRY(expect_constant(ctx, k, err));
  if (element_count(input_tensor(ctx, k)) != elements) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("input ").num(k).text(" must have ")
        .num(elements).text(" elements");
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

qrt_status expect_params(const OpContext& ctx, uint32_t bytes, qrt_error* err) {
  if (ctx.params == nullptr || ctx.params_bytes != bytes) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("parameter block is ").num(ctx.params_bytes)
        .text(" bytes, expected ").num(bytes);
    return QRT_ERR_BAD_PARAMS;
  }
  return QRT_OK;
}

qrt_status expect_requant_block(const OpContext& ctx, uint32_t header, int32_t count,
                                int32_t channels, qrt_error* err) {
  if (count != 1 && count != channels) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("requantization count ").num(count)
        .text(" is neither 1 nor ").num(channels);
    return QRT_ERR_BAD_PARAMS;
  }
  return expect_params(ctx, header + 8u * static_cast<uint32_t>(count), err);
}

qrt_status expect_multipliers(const OpContext& ctx, const int32_t* multipliers,
                              const int32_t* shifts, int32_t count, qrt_error* err) {
  for (int32_t i = 0; i < count; ++i) {
    if (!is_valid_quantized_multiplier(multipliers[i], shifts[i])) {
      op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("multiplier ").num(i).text(" (")
          .num(multipliers[i]).text(", shift ").num(shifts[i]).text(") out of range");
      return QRT_ERR_BAD_PARAMS;
    }
  }
  return QRT_OK;
}

qrt_status expect_range(const OpContext& ctx, const char* what, int64_t value, int64_t lo,
                        int64_t hi, qrt_error* err) {
  if (value < lo || value > hi) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text(what).text(" = ").num(value)
        .text(" outside [").num(lo).text(", ").num(hi).text("]");
    return QRT_ERR_BAD_PARAMS;
  }
  return QRT_OK;
}

bool same_shape(const format::TensorRecord& a, const format::TensorRecord& b) {
  if (a.rank != b.rank) return false;
  for (uint32_t i = 0; i < a.rank; ++i) {
    if (a.dims[i] != b.dims[i]) return false;
  }
  return true;
}

qrt_status expect_window(const OpContext& ctx, const char* axis, int32_t in, int32_t filter,
                         int32_t stride, int32_t dilation, int32_t pad, int32_t out,
                         qrt_error* err) {
  QRT_TRY(expect_range(ctx, "stride", stride, 1, 65535, err));
  QRT_TRY(expect_range(ctx, "dilation", dilation, 1, 65535, err));
  QRT_TRY(expect_range(ctx, "filter size", filter, 1, 65535, err));
  const int64_t effective = int64_t{dilation} * (filter - 1) + 1;
  const int64_t valid_out = (in - effective + stride) / stride;
  const int64_t same_out = (int64_t{in} + stride - 1) / stride;
  const int64_t same_total = (same_out - 1) * stride + effective - in;
  const int64_t same_pad = same_total > 0 ? same_total / 2 : 0;
  const bool valid_ok = out == valid_out && valid_out >= 1 && pad == 0;
  const bool same_ok = out == same_out && pad == same_pad;
  // The highest input coordinate a window touches stays inside int32, so kernels' index
  // arithmetic cannot overflow (the per-value bounds above alone would allow about 2^32).
  const int64_t extent = int64_t{out - 1} * stride + effective;
  if (extent > INT32_MAX) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text(axis).text(": window extent exceeds int32");
    return QRT_ERR_BAD_PARAMS;
  }
  if (!valid_ok && !same_ok) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text(axis).text(": output ").num(out)
        .text(" and pad ").num(pad).text(" match neither SAME nor VALID padding for input ")
        .num(in);
    return QRT_ERR_BAD_PARAMS;
  }
  return QRT_OK;
}

}  // namespace qrt
