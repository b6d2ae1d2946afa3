// Checks shared by operator prepare steps (for operator implementations: qrt/op_api.h). Each returns QRT_OK or fills err and returns the
// failing status, so prepare functions read as a list of preconditions:
//   QRT_TRY(expect_arity(ctx, 2, 3, 1, err));
#ifndef QRT_OP_CHECKS_H
#define QRT_OP_CHECKS_H

#include "qrt/op_api.h"

// Propagates a non-OK status to the caller: the one macro for error propagation.
#define QRT_TRY(expr)                         \
  do {                                        \
    const qrt_status qrt_try_status_ = (expr); \
    if (qrt_try_status_ != QRT_OK) return qrt_try_status_; \
  } while (0)

namespace qrt {

// Starts an error message "CONV_2D operator 3: " for ctx's operator.
ErrorMessage op_failure(const OpContext& ctx, qrt_error* err, qrt_status status);

// input_count in [min_inputs, max_inputs], output_count == outputs.
qrt_status expect_arity(const OpContext& ctx, uint32_t min_inputs, uint32_t max_inputs,
                        uint32_t outputs, qrt_error* err);

// Input k (or output k) is present, has `dtype` and, if rank > 0, exactly that rank.
qrt_status expect_input(const OpContext& ctx, int k, uint32_t dtype, uint32_t rank, qrt_error* err);
qrt_status expect_output(const OpContext& ctx, int k, uint32_t dtype, uint32_t rank,
                         qrt_error* err);

// Input k is absent (-1) or a constant tensor of `dtype` with exactly `elements` elements.
qrt_status expect_optional_constant(const OpContext& ctx, int k, uint32_t dtype, int32_t elements,
                                    qrt_error* err);
// Input k is a constant tensor.
qrt_status expect_constant(const OpContext& ctx, int k, qrt_error* err);

// The parameter block is exactly `bytes` long.
qrt_status expect_params(const OpContext& ctx, uint32_t bytes, qrt_error* err);

// A parameter block made of `header` bytes followed by int32 multiplier[n] and int32 shift[n],
// where n is read from the header (`count`) and must be 1 or `channels` (0 for float32 kernels).
qrt_status expect_requant_block(const OpContext& ctx, uint32_t header, int32_t count,
                                int32_t channels, qrt_error* err);

// Every (multiplier, shift) pair is valid for fixedpoint.h.
qrt_status expect_multipliers(const OpContext& ctx, const int32_t* multipliers,
                              const int32_t* shifts, int32_t count, qrt_error* err);

// lo <= value <= hi, or an error naming `what`.
qrt_status expect_range(const OpContext& ctx, const char* what, int64_t value, int64_t lo,
                        int64_t hi, qrt_error* err);

// Two tensors have the same shape (rank and dims).
bool same_shape(const format::TensorRecord& a, const format::TensorRecord& b);

// The output size of a TFLite window op along one axis is the SAME or the VALID one, and the
// leading pad is the one that padding mode implies (so optimized kernels may rely on it).
qrt_status expect_window(const OpContext& ctx, const char* axis, int32_t in, int32_t filter,
                         int32_t stride, int32_t dilation, int32_t pad, int32_t out,
                         qrt_error* err);

// ---- Geometry shared by the int8 and float32 implementations of an operator ----------------

// CONV_2D / DEPTHWISE_CONV_2D: input [n,h,w,c], filter [out_c,kh,kw,c] or [1,kh,kw,c*mult], output
// [n,oh,ow,out_c] with TFLite's SAME or VALID geometry; reports out_c.
qrt_status expect_conv_geometry(const OpContext& ctx, bool depthwise, const ConvParams& p,
                                int32_t* out_channels, qrt_error* err);

// TRANSPOSE_CONV: input [n, h, w, in_c], filter [out_c, kh, kw, in_c], output [n, oh, ow, out_c];
// strides >= 1, dilations 1, 0 <= pads < the filter's extent (any other value only drops taps,
// never reads outside, but TFLite's padding never produces one). Reports out_c.
qrt_status expect_transpose_conv_geometry(const OpContext& ctx, const ConvParams& p,
                                          int32_t* out_channels, qrt_error* err);

// FULLY_CONNECTED: weights [units, depth]; input elements a multiple of depth; output [..., units]
// with (input elements / depth) * units elements. Reports units.
qrt_status expect_fully_connected_shapes(const OpContext& ctx, int32_t* units, qrt_error* err);

// AVERAGE_POOL_2D / MAX_POOL_2D: same batch and channels, SAME or VALID windows (every window
// then overlaps the input, so an average never divides by zero).
qrt_status expect_pool_geometry(const OpContext& ctx, const PoolParams& p, qrt_error* err);

// ADD / MUL: the output is exactly the 4-D broadcast of the two inputs (ranks <= 4).
qrt_status expect_broadcast_shapes(const OpContext& ctx, qrt_error* err);

// PAD: rank 1..4, output = input + before + after per (right-aligned) dimension.
qrt_status expect_pad_geometry(const OpContext& ctx, const PadParams& p, qrt_error* err);

// MEAN: axis_mask bits address the 4-D right-aligned input (bit 4 - rank + axis); the output is
// the input with the reduced axes removed, or set to 1 with keep_dims.
qrt_status expect_mean_geometry(const OpContext& ctx, const MeanParams& p, qrt_error* err);

// RESIZE_*: one rank-4 input and output of the input's type, the same batch and channels
// (height and width are the output's own).
qrt_status expect_resize_geometry(const OpContext& ctx, qrt_error* err);

// RESHAPE, CONCATENATION, STRIDED_SLICE, TRANSPOSE, GATHER and RESIZE_NEAREST_NEIGHBOR move bytes
// only: one implementation serves every data type (each table registers it under its own input
// types).
qrt_status prepare_reshape_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err);
void eval_reshape_any(const OpContext& ctx);
qrt_status prepare_concatenation_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err);
void eval_concatenation_any(const OpContext& ctx);
qrt_status prepare_strided_slice_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err);
void eval_strided_slice_any(const OpContext& ctx);
qrt_status prepare_transpose_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err);
void eval_transpose_any(const OpContext& ctx);
qrt_status prepare_gather_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err);
void eval_gather_any(const OpContext& ctx);
qrt_status prepare_resize_nearest_any(const OpContext& ctx, uint32_t* scratch, qrt_error* err);
void eval_resize_nearest_any(const OpContext& ctx);

}  // namespace qrt

#endif  // QRT_OP_CHECKS_H
