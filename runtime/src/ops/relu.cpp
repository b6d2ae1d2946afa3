// RELU and RELU6: int8 (one parameter block, TFLite's integer semantics) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_relu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(ReluParams), err));
  const ReluParams& p = params_as<ReluParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -128, 127, err));
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, -128, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, 127, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

void eval_relu(const OpContext& ctx) {
  relu_s8_ref(params_as<ReluParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
              output_data<int8_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_relu_s8 = {kOpRelu, QRT_DTYPE_INT8, prepare_relu, eval_relu, 1};
extern "C" const qrt_op qrt_op_relu6_s8 = {kOpRelu6, QRT_DTYPE_INT8, prepare_relu, eval_relu, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_relu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_unary(ctx, sizeof(ReluParams), err);
}

void eval_relu(const OpContext& ctx) {
  relu_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

void eval_relu6(const OpContext& ctx) {
  relu6_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_relu_f32 = {kOpRelu, QRT_DTYPE_FLOAT32, prepare_relu, eval_relu, 1};
extern "C" const qrt_op qrt_op_relu6_f32 = {kOpRelu6, QRT_DTYPE_FLOAT32, prepare_relu, eval_relu6,
                                            1};

}  // namespace qrt

#endif
