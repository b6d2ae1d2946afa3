// Shape rules shared by the int8 and float32 implementations of each operator (qrt/op_checks.h), and
// the type-agnostic RESHAPE, CONCATENATION, STRIDED_SLICE, TRANSPOSE, GATHER and
// RESIZE_NEAREST_NEIGHBOR.
#include <string.h>

#include "qrt/op_checks.h"

namespace qrt {
namespace {

// The byte movers' element size: int8, int16 or 4-byte (float32) elements.
uint32_t element_bytes_of(uint32_t dtype) {
  return dtype == QRT_DTYPE_INT8 ? 1u : dtype == QRT_DTYPE_INT16 ? 2u : 4u;
}

// The element types the byte movers are listed for (element_bytes_of's sizes).
qrt_status expect_moved_type(const OpContext& ctx, uint32_t dtype, qrt_error* err) {
  if (dtype != QRT_DTYPE_INT8 && dtype != QRT_DTYPE_INT16 && dtype != QRT_DTYPE_FLOAT32) {
    op_failure(ctx, err, QRT_ERR_BAD_TENSOR).text("data type must be int8, int16 or float32");
    return QRT_ERR_BAD_TENSOR;
  }
  return QRT_OK;
}

void dims4(const format::TensorRecord& t, int32_t out[4]) {
  const Shape4 s = shape4(t);
  out[0] = s.n;
  out[1] = s.h;
  out[2] = s.w;
  out[3] = s.c;
}

}  // namespace

qrt_status expect_conv_geometry(const OpContext& ctx, bool depthwise, const ConvParams& p,
                                int32_t* out_channels, qrt_error* err) {
  const Shape4 in = shape4(input_tensor(ctx, 0));
  const Shape4 filter = shape4(input_tensor(ctx, 1));
  const Shape4 out = shape4(output_tensor(ctx, 0));
  const int32_t out_c = depthwise ? filter.c : filter.n;
  if (depthwise) {
    QRT_TRY(expect_range(ctx, "filter batch", filter.n, 1, 1, err));
    QRT_TRY(expect_range(ctx, "depth_multiplier", p.depth_multiplier, 1, 65535, err));
    const int64_t channels = int64_t{in.c} * p.depth_multiplier;
    QRT_TRY(expect_range(ctx, "filter channels", filter.c, channels, channels, err));
  } else {
    QRT_TRY(expect_range(ctx, "depth_multiplier", p.depth_multiplier, 1, 1, err));
    QRT_TRY(expect_range(ctx, "filter input channels", filter.c, in.c, in.c, err));
  }
  QRT_TRY(expect_range(ctx, "output batch", out.n, in.n, in.n, err));
  QRT_TRY(expect_range(ctx, "output channels", out.c, out_c, out_c, err));
  QRT_TRY(expect_window(ctx, "height", in.h, filter.h, p.stride_h, p.dilation_h, p.pad_top, out.h,
                        err));
  QRT_TRY(expect_window(ctx, "width", in.w, filter.w, p.stride_w, p.dilation_w, p.pad_left, out.w,
                        err));
  *out_channels = out_c;
  return QRT_OK;
}

qrt_status expect_fully_connected_shapes(const OpContext& ctx, int32_t* units, qrt_error* err) {
  const format::TensorRecord& weights = input_tensor(ctx, 1);
  const int32_t n = weights.dims[0];
  const int32_t depth = weights.dims[1];
  const int32_t in_elements = element_count(input_tensor(ctx, 0));
  const format::TensorRecord& out = output_tensor(ctx, 0);
  if (in_elements % depth != 0 || out.rank == 0 || out.dims[out.rank - 1] != n ||
      int64_t{element_count(out)} != int64_t{in_elements / depth} * n) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("input ").num(in_elements)
        .text(" elements, weights [").num(n).text(", ").num(depth)
        .text("] and output shape do not agree");
    return QRT_ERR_BAD_SHAPE;
  }
  *units = n;
  return QRT_OK;
}

qrt_status expect_pool_geometry(const OpContext& ctx, const PoolParams& p, qrt_error* err) {
  const Shape4 in = shape4(input_tensor(ctx, 0));
  const Shape4 out = shape4(output_tensor(ctx, 0));
  QRT_TRY(expect_range(ctx, "output batch", out.n, in.n, in.n, err));
  QRT_TRY(expect_range(ctx, "output channels", out.c, in.c, in.c, err));
  QRT_TRY(expect_window(ctx, "height", in.h, p.filter_h, p.stride_h, 1, p.pad_top, out.h, err));
  return expect_window(ctx, "width", in.w, p.filter_w, p.stride_w, 1, p.pad_left, out.w, err);
}

qrt_status expect_broadcast_shapes(const OpContext& ctx, qrt_error* err) {
  const format::TensorRecord& x = input_tensor(ctx, 0);
  const format::TensorRecord& y = input_tensor(ctx, 1);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  bool ok = x.rank <= 4 && y.rank <= 4 && out.rank == (x.rank > y.rank ? x.rank : y.rank);
  int32_t a[4], b[4], c[4];
  dims4(x, a);
  dims4(y, b);
  dims4(out, c);
  for (int i = 0; ok && i < 4; ++i) {
    ok = (a[i] == c[i] || a[i] == 1) && (b[i] == c[i] || b[i] == 1) &&
         c[i] == (a[i] > b[i] ? a[i] : b[i]);
  }
  if (!ok) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("the output is not the 4-D broadcast of the inputs");
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

qrt_status expect_pad_geometry(const OpContext& ctx, const PadParams& p, qrt_error* err) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_range(ctx, "rank", in.rank, 1, 4, err));
  QRT_TRY(expect_range(ctx, "output rank", output_tensor(ctx, 0).rank, in.rank, in.rank, err));
  int32_t a[4], b[4];
  dims4(in, a);
  dims4(output_tensor(ctx, 0), b);
  for (int i = 0; i < 4; ++i) {
    // Dimensions added by right-alignment have size 1 on both sides, so the size check also
    // forces their padding to 0.
    QRT_TRY(expect_range(ctx, "padding before", p.before[i], 0, 65535, err));
    QRT_TRY(expect_range(ctx, "padding after", p.after[i], 0, 65535, err));
    const int64_t padded = int64_t{a[i]} + p.before[i] + p.after[i];
    QRT_TRY(expect_range(ctx, "padded size", b[i], padded, padded, err));
  }
  return QRT_OK;
}

qrt_status expect_mean_geometry(const OpContext& ctx, const MeanParams& p, qrt_error* err) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  QRT_TRY(expect_range(ctx, "rank", in.rank, 1, 4, err));
  QRT_TRY(expect_range(ctx, "keep_dims", p.keep_dims, 0, 1, err));
  const uint32_t first_bit = 4u - in.rank;
  const uint32_t valid_bits = (0xFu << first_bit) & 0xFu;
  if (p.axis_mask == 0 || (p.axis_mask & ~valid_bits) != 0) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("axis_mask ").num(p.axis_mask)
        .text(" names no axis or an axis beyond the rank");
    return QRT_ERR_BAD_PARAMS;
  }
  int32_t expected[4];
  uint32_t expected_rank = 0;
  for (uint32_t d = 0; d < in.rank; ++d) {
    const bool reduced = ((p.axis_mask >> (first_bit + d)) & 1u) != 0;
    if (!reduced) expected[expected_rank++] = in.dims[d];
    else if (p.keep_dims != 0) expected[expected_rank++] = 1;
  }
  bool match = out.rank == expected_rank;
  for (uint32_t d = 0; match && d < expected_rank; ++d) match = out.dims[d] == expected[d];
  if (!match) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape is not the input's reduced over axis_mask ")
        .num(p.axis_mask).text(p.keep_dims != 0 ? " with keep_dims" : " without keep_dims");
    return QRT_ERR_BAD_SHAPE;
  }
  return QRT_OK;
}

qrt_status prepare_reshape_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 2, 1, err));  // TFLite may keep its shape tensor as input 1
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_output(ctx, 0, in.dtype, 0, err));
  if (output_tensor(ctx, 0).data_bytes != in.data_bytes) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output size differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_reshape_any(const OpContext& ctx) {
  const void* in = input_data<void>(ctx, 0);
  void* out = output_data<void>(ctx, 0);
  if (in != out) memmove(out, in, input_tensor(ctx, 0).data_bytes);  // nothing to do in place
}

// CONCATENATION: inputs [outer, axis_i, inner] -> output [outer, sum(axis_i), inner].
qrt_status prepare_concatenation_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, format::kMaxOperatorInputs, 1, err));
  QRT_TRY(expect_params(ctx, sizeof(ConcatenationParams), err));
  const format::TensorRecord& out = output_tensor(ctx, 0);
  const int32_t axis = params_as<ConcatenationParams>(ctx).axis;
  QRT_TRY(expect_range(ctx, "axis", axis, 0, static_cast<int64_t>(out.rank) - 1, err));
  int64_t axis_sum = 0;
  for (uint32_t k = 0; k < ctx.op->input_count; ++k) {
    // An input of one rank less is the output's shape without the axis (TFLite's PACK, which
    // imports as this operator): it contributes 1 along the axis.
    const format::TensorRecord& in = input_tensor(ctx, static_cast<int>(k));
    const bool packed = in.rank + 1 == out.rank;
    QRT_TRY(expect_input(ctx, static_cast<int>(k), out.dtype, packed ? out.rank - 1 : out.rank, err));
    for (uint32_t d = 0; d < out.rank; ++d) {
      if (static_cast<int32_t>(d) == axis) continue;
      const uint32_t from = packed && static_cast<int32_t>(d) > axis ? d - 1 : d;
      if (in.dims[from] != out.dims[d]) {
        op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("input ").num(k)
            .text(" differs from the output outside the axis");
        return QRT_ERR_BAD_SHAPE;
      }
    }
    axis_sum += packed ? 1 : in.dims[axis];
  }
  QRT_TRY(expect_range(ctx, "output axis size", out.dims[axis], axis_sum, axis_sum, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_concatenation_any(const OpContext& ctx) {
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

qrt_status expect_transpose_conv_geometry(const OpContext& ctx, const ConvParams& p,
                                          int32_t* out_channels, qrt_error* err) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& f = input_tensor(ctx, 1);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  if (f.dims[3] != in.dims[3] || f.dims[0] != out.dims[3] || out.dims[0] != in.dims[0]) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE)
        .text("filter must be [output channels, kh, kw, input channels] and batches equal");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_range(ctx, "stride_h", p.stride_h, 1, 1 << 16, err));
  QRT_TRY(expect_range(ctx, "stride_w", p.stride_w, 1, 1 << 16, err));
  QRT_TRY(expect_range(ctx, "dilation_h", p.dilation_h, 1, 1, err));
  QRT_TRY(expect_range(ctx, "dilation_w", p.dilation_w, 1, 1, err));
  QRT_TRY(expect_range(ctx, "pad_top", p.pad_top, 0, f.dims[1] - 1, err));
  QRT_TRY(expect_range(ctx, "pad_left", p.pad_left, 0, f.dims[2] - 1, err));
  *out_channels = f.dims[0];
  return QRT_OK;
}

// Every index the copy reads is inside the input: per axis, start and the last index
// start + (count - 1) * stride lie in [0, dim) whenever count > 0; the output holds exactly the
// product of the counts, in the input's type and element size.
qrt_status prepare_strided_slice_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_params(ctx, sizeof(StridedSliceParams), err));
  const StridedSliceParams& p = params_as<StridedSliceParams>(ctx);
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_input(ctx, 0, in.dtype, 0, err));
  QRT_TRY(expect_output(ctx, 0, in.dtype, 0, err));
  QRT_TRY(expect_moved_type(ctx, in.dtype, err));
  QRT_TRY(expect_range(ctx, "rank", p.rank, in.rank, in.rank, err));
  QRT_TRY(expect_range(ctx, "rank", p.rank, 1, 5, err));
  int64_t elements = 1;
  for (int32_t a = 0; a < p.rank; ++a) {
    const int64_t dim = in.dims[a];
    QRT_TRY(expect_range(ctx, "count", p.count[a], 0, dim, err));
    if (p.stride[a] == 0) {
      op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("stride of axis ").num(a).text(" is 0");
      return QRT_ERR_BAD_PARAMS;
    }
    if (p.count[a] > 0) {
      QRT_TRY(expect_range(ctx, "start", p.start[a], 0, dim - 1, err));
      const int64_t last = p.start[a] + static_cast<int64_t>(p.count[a] - 1) * p.stride[a];
      QRT_TRY(expect_range(ctx, "last index", last, 0, dim - 1, err));
    }
    elements *= p.count[a];
  }
  QRT_TRY(expect_range(ctx, "output elements", element_count(output_tensor(ctx, 0)), elements,
                       elements, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_strided_slice_any(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  strided_slice_ref(params_as<StridedSliceParams>(ctx), in.dims, element_bytes_of(in.dtype),
                    input_data<void>(ctx, 0), output_data<void>(ctx, 0));
}

// perm is a permutation of 0..rank-1 and the output's dims are the input's, permuted.
qrt_status prepare_transpose_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_params(ctx, sizeof(TransposeParams), err));
  const TransposeParams& p = params_as<TransposeParams>(ctx);
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_input(ctx, 0, in.dtype, 0, err));
  QRT_TRY(expect_output(ctx, 0, in.dtype, in.rank, err));
  QRT_TRY(expect_moved_type(ctx, in.dtype, err));
  QRT_TRY(expect_range(ctx, "rank", p.rank, in.rank, in.rank, err));
  QRT_TRY(expect_range(ctx, "rank", p.rank, 1, 5, err));
  uint32_t seen = 0;
  const format::TensorRecord& out = output_tensor(ctx, 0);
  for (int32_t k = 0; k < p.rank; ++k) {
    QRT_TRY(expect_range(ctx, "perm", p.perm[k], 0, p.rank - 1, err));
    seen |= 1u << p.perm[k];
    if (out.dims[k] != in.dims[p.perm[k]]) {
      op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output dim ").num(k).text(" is not input dim perm[k]");
      return QRT_ERR_BAD_SHAPE;
    }
  }
  if (seen != (1u << p.rank) - 1) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text("perm is not a permutation");
    return QRT_ERR_BAD_PARAMS;
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_transpose_any(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  transpose_ref(params_as<TransposeParams>(ctx), in.dims, element_bytes_of(in.dtype),
                input_data<void>(ctx, 0), output_data<void>(ctx, 0));
}

namespace {

struct GatherShape {
  int32_t outer, axis_size, inner;
};

GatherShape gather_shape(const format::TensorRecord& in, int32_t axis) {
  GatherShape g{1, in.dims[axis], 1};
  for (int32_t d = 0; d < axis; ++d) g.outer *= in.dims[d];
  for (uint32_t d = static_cast<uint32_t>(axis) + 1; d < in.rank; ++d) g.inner *= in.dims[d];
  return g;
}

}  // namespace

// The output holds outer x indices x inner elements of the input's type; constant indices are
// checked here, so only indices computed at run time can fall outside the axis (see gather_ref).
qrt_status prepare_gather_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_params(ctx, sizeof(GatherParams), err));
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_input(ctx, 0, in.dtype, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, in.dtype, 0, err));
  QRT_TRY(expect_moved_type(ctx, in.dtype, err));
  const int32_t axis = params_as<GatherParams>(ctx).axis;
  QRT_TRY(expect_range(ctx, "axis", axis, 0, static_cast<int64_t>(in.rank) - 1, err));
  const GatherShape g = gather_shape(in, axis);
  const int32_t count = element_count(input_tensor(ctx, 1));
  const int64_t elements = int64_t{g.outer} * count * g.inner;
  QRT_TRY(expect_range(ctx, "output elements", element_count(output_tensor(ctx, 0)), elements,
                       elements, err));
  const format::TensorRecord& idx = input_tensor(ctx, 1);
  if (idx.kind == format::kTensorConstant) {
    // Read from the Data section: data pointers are null while planning. Validated records are
    // 4-byte aligned there, but memcpy keeps the read free of alignment assumptions.
    const uint8_t* bytes = ctx.data_section + idx.data_offset;
    for (int32_t i = 0; i < count; ++i) {
      int32_t k = 0;
      memcpy(&k, bytes + 4 * static_cast<size_t>(i), 4);
      QRT_TRY(expect_range(ctx, "index", k, 0, g.axis_size - 1, err));
    }
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_gather_any(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const GatherShape g = gather_shape(in, params_as<GatherParams>(ctx).axis);
  gather_ref(g.outer, g.axis_size, g.inner * static_cast<int32_t>(element_bytes_of(in.dtype)),
             input_data<int32_t>(ctx, 1), element_count(input_tensor(ctx, 1)),
             input_data<void>(ctx, 0), output_data<void>(ctx, 0));
}

qrt_status expect_resize_geometry(const OpContext& ctx, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  const format::TensorRecord& in = input_tensor(ctx, 0);
  QRT_TRY(expect_input(ctx, 0, in.dtype, 4, err));
  QRT_TRY(expect_output(ctx, 0, in.dtype, 4, err));
  const format::TensorRecord& out = output_tensor(ctx, 0);
  QRT_TRY(expect_range(ctx, "output batch", out.dims[0], in.dims[0], in.dims[0], err));
  QRT_TRY(expect_range(ctx, "output channels", out.dims[3], in.dims[3], in.dims[3], err));
  // Heights and widths to 2^16 keep the int8 kernel's Q10 positions (value * scale) in int32.
  QRT_TRY(expect_range(ctx, "input height", in.dims[1], 1, 65536, err));
  QRT_TRY(expect_range(ctx, "input width", in.dims[2], 1, 65536, err));
  QRT_TRY(expect_range(ctx, "output height", out.dims[1], 1, 65536, err));
  return expect_range(ctx, "output width", out.dims[2], 1, 65536, err);
}

// The block holds output_height source rows and output_width source columns, each inside the
// input.
qrt_status prepare_resize_nearest_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_resize_geometry(ctx, err));
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  QRT_TRY(expect_moved_type(ctx, in.dtype, err));
  const uint32_t count = static_cast<uint32_t>(out.dims[1]) + static_cast<uint32_t>(out.dims[2]);
  QRT_TRY(expect_params(ctx, sizeof(ResizeNearestParams) + 4 * count, err));
  const ResizeNearestParams& p = params_as<ResizeNearestParams>(ctx);
  QRT_TRY(expect_range(ctx, "output_height", p.output_height, out.dims[1], out.dims[1], err));
  QRT_TRY(expect_range(ctx, "output_width", p.output_width, out.dims[2], out.dims[2], err));
  const int32_t* source = reinterpret_cast<const int32_t*>(&p + 1);
  for (int32_t y = 0; y < p.output_height; ++y) {
    QRT_TRY(expect_range(ctx, "source row", source[y], 0, in.dims[1] - 1, err));
  }
  for (int32_t x = 0; x < p.output_width; ++x) {
    QRT_TRY(expect_range(ctx, "source column", source[p.output_height + x], 0, in.dims[2] - 1, err));
  }
  *scratch = 0;
  return QRT_OK;
}

void eval_resize_nearest_any(const OpContext& ctx) {
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const ResizeNearestParams& p = params_as<ResizeNearestParams>(ctx);
  const int32_t* rows = reinterpret_cast<const int32_t*>(&p + 1);
  resize_nearest_ref(shape4(in), input_data<void>(ctx, 0), shape4(output_tensor(ctx, 0)), rows,
                     rows + p.output_height, static_cast<int32_t>(element_bytes_of(in.dtype)),
                     output_data<void>(ctx, 0));
}

}  // namespace qrt
