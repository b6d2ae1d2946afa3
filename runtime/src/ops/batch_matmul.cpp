// BATCH_MATMUL with broadcast batch dims and adj_x / adj_y: int8 (TFLite's integer semantics)
// and float32.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"
#if QRT_FLOAT_OPS
#include "qrt/ops/kernels_f32.h"
#endif

namespace qrt {
namespace {

// Dims right-aligned into 5.
void dims5(const format::TensorRecord& t, int32_t out[5]) {
  const uint32_t lead = 5 - t.rank;
  for (uint32_t d = 0; d < 5; ++d) out[d] = d < lead ? 1 : t.dims[d - lead];
}

// Inputs and output of `dtype` and rank 2..5; each input batch dim is 1 or the output's; the
// matrix dims agree: lhs (rows x depth, or depth x rows with adj_x), rhs (depth x cols, or
// cols x depth with adj_y), output rows x cols.
qrt_status expect_batch_matmul(const OpContext& ctx, uint32_t dtype, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_params(ctx, sizeof(BatchMatMulParams), err));
  const BatchMatMulParams& p = params_as<BatchMatMulParams>(ctx);
  QRT_TRY(expect_range(ctx, "adj_x", p.adj_x, 0, 1, err));
  QRT_TRY(expect_range(ctx, "adj_y", p.adj_y, 0, 1, err));
  const format::TensorRecord* t[3] = {&input_tensor(ctx, 0), &input_tensor(ctx, 1), &output_tensor(ctx, 0)};
  for (int k = 0; k < 3; ++k) QRT_TRY(expect_range(ctx, "rank", t[k]->rank, 2, 5, err));
  QRT_TRY(expect_input(ctx, 0, dtype, t[0]->rank, err));
  QRT_TRY(expect_input(ctx, 1, dtype, t[1]->rank, err));
  QRT_TRY(expect_output(ctx, 0, dtype, t[2]->rank, err));
  int32_t l[5], r[5], o[5];
  dims5(*t[0], l);
  dims5(*t[1], r);
  dims5(*t[2], o);
  for (int d = 0; d < 3; ++d) {
    if ((l[d] != 1 && l[d] != o[d]) || (r[d] != 1 && r[d] != o[d])) {
      op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("batch dim ").num(d).text(" does not broadcast to the output");
      return QRT_ERR_BAD_SHAPE;
    }
  }
  const int32_t rows = p.adj_x ? l[4] : l[3], depth = p.adj_x ? l[3] : l[4];
  const int32_t rhs_depth = p.adj_y ? r[4] : r[3], cols = p.adj_y ? r[3] : r[4];
  QRT_TRY(expect_range(ctx, "rhs depth", rhs_depth, depth, depth, err));
  QRT_TRY(expect_range(ctx, "output rows", o[3], rows, rows, err));
  return expect_range(ctx, "output cols", o[4], cols, cols, err);
}

BatchMatMulArgs batch_matmul_args(const OpContext& ctx) {
  BatchMatMulArgs a;
  a.params = &params_as<BatchMatMulParams>(ctx);
  dims5(input_tensor(ctx, 0), a.lhs_dims);
  dims5(input_tensor(ctx, 1), a.rhs_dims);
  dims5(output_tensor(ctx, 0), a.output_dims);
  a.lhs = input_data<void>(ctx, 0);
  a.rhs = input_data<void>(ctx, 1);
  a.output = output_data<void>(ctx, 0);
  return a;
}

}  // namespace

#if !QRT_FLOAT_OPS  // libqrt.a
namespace {

// The offsets keep each product within 255 * 255; the sums wrap (the kernel's int32 sum).
qrt_status prepare_batch_matmul_s8(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_batch_matmul(ctx, QRT_DTYPE_INT8, err));
  const BatchMatMulParams& p = params_as<BatchMatMulParams>(ctx);
  QRT_TRY(expect_range(ctx, "lhs_offset", p.lhs_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "rhs_offset", p.rhs_offset, -127, 128, err));
  QRT_TRY(expect_range(ctx, "output_offset", p.output_offset, -128, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.output_multiplier, &p.output_shift, 1, err);
}

void eval_batch_matmul_s8(const OpContext& ctx) { batch_matmul_s8_ref(batch_matmul_args(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_batch_matmul_s8 = {kOpBatchMatMul, QRT_DTYPE_INT8,
                                                  prepare_batch_matmul_s8, eval_batch_matmul_s8, 0};

#else  // libqrt_float.a
namespace {

qrt_status prepare_batch_matmul_f32(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return expect_batch_matmul(ctx, QRT_DTYPE_FLOAT32, err);
}

void eval_batch_matmul_f32(const OpContext& ctx) { batch_matmul_f32_ref(batch_matmul_args(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_batch_matmul_f32 = {kOpBatchMatMul, QRT_DTYPE_FLOAT32,
                                                   prepare_batch_matmul_f32, eval_batch_matmul_f32, 0};
#endif

}  // namespace qrt
