// RESIZE_NEAREST_NEIGHBOR (type-agnostic, support/geometry.cpp; int8, int16 and float32) and
// RESIZE_BILINEAR: int8 (TFLite's integer form) and float32.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"
#if QRT_FLOAT_OPS
#include "qrt/ops/kernels_f32.h"
#endif

namespace qrt {
namespace {

qrt_status prepare_resize_bilinear(const OpContext& ctx, uint32_t dtype, qrt_error* err) {
  QRT_TRY(expect_resize_geometry(ctx, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 4, err));
  QRT_TRY(expect_params(ctx, sizeof(ResizeBilinearParams), err));
  const ResizeBilinearParams& p = params_as<ResizeBilinearParams>(ctx);
  QRT_TRY(expect_range(ctx, "align_corners", p.align_corners, 0, 1, err));
  // TFLite refuses both flags together.
  return expect_range(ctx, "half_pixel_centers", p.half_pixel_centers, 0, 1 - p.align_corners, err);
}

}  // namespace

#if !QRT_FLOAT_OPS  // libqrt.a
namespace {

qrt_status prepare_bilinear_s8(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_resize_bilinear(ctx, QRT_DTYPE_INT8, err);
}

void eval_bilinear_s8(const OpContext& ctx) {
  resize_bilinear_s8_ref(params_as<ResizeBilinearParams>(ctx), shape4(input_tensor(ctx, 0)),
                         input_data<int8_t>(ctx, 0), shape4(output_tensor(ctx, 0)),
                         output_data<int8_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_resize_nearest_neighbor_s8 = {
    kOpResizeNearestNeighbor, QRT_DTYPE_INT8, prepare_resize_nearest_any, eval_resize_nearest_any, 0};
extern "C" const qrt_op qrt_op_resize_nearest_neighbor_s16 = {
    kOpResizeNearestNeighbor, QRT_DTYPE_INT16, prepare_resize_nearest_any, eval_resize_nearest_any,
    0};
extern "C" const qrt_op qrt_op_resize_bilinear_s8 = {kOpResizeBilinear, QRT_DTYPE_INT8,
                                                     prepare_bilinear_s8, eval_bilinear_s8, 0};

#else  // libqrt_float.a
namespace {

qrt_status prepare_bilinear_f32(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_resize_bilinear(ctx, QRT_DTYPE_FLOAT32, err);
}

void eval_bilinear_f32(const OpContext& ctx) {
  resize_bilinear_f32_ref(params_as<ResizeBilinearParams>(ctx), shape4(input_tensor(ctx, 0)),
                          input_data<float>(ctx, 0), shape4(output_tensor(ctx, 0)),
                          output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_resize_nearest_neighbor_f32 = {
    kOpResizeNearestNeighbor, QRT_DTYPE_FLOAT32, prepare_resize_nearest_any, eval_resize_nearest_any,
    0};
extern "C" const qrt_op qrt_op_resize_bilinear_f32 = {kOpResizeBilinear, QRT_DTYPE_FLOAT32,
                                                      prepare_bilinear_f32, eval_bilinear_f32, 0};
#endif

}  // namespace qrt
