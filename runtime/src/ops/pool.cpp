// AVERAGE_POOL_2D and MAX_POOL_2D: int8 and int16 (input and output share quantization) and
// float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_checks.h"
#include "qrt/op_api.h"

namespace qrt {
namespace {

template <uint32_t kDType, int32_t kMin, int32_t kMax>
qrt_status prepare(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, kDType, 4, err));
  QRT_TRY(expect_output(ctx, 0, kDType, 4, err));
  QRT_TRY(expect_params(ctx, sizeof(PoolParams), err));
  const PoolParams& p = params_as<PoolParams>(ctx);
  QRT_TRY(expect_pool_geometry(ctx, p, err));
  QRT_TRY(expect_range(ctx, "act_min", p.act_min, kMin, p.act_max, err));
  QRT_TRY(expect_range(ctx, "act_max", p.act_max, p.act_min, kMax, err));
  *scratch = 0;
  return QRT_OK;
}

template <typename Args, typename T>
Args pool_args(const OpContext& ctx) {
  Args a;
  a.params = &params_as<PoolParams>(ctx);
  a.input = shape4(input_tensor(ctx, 0));
  a.input_data = input_data<T>(ctx, 0);
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<T>(ctx, 0);
  return a;
}

void eval_average(const OpContext& ctx) { average_pool2d_s8_ref(pool_args<PoolS8Args, int8_t>(ctx)); }
void eval_max(const OpContext& ctx) { max_pool2d_s8_ref(pool_args<PoolS8Args, int8_t>(ctx)); }
void eval_average_s16(const OpContext& ctx) {
  average_pool2d_s16_ref(pool_args<PoolS16Args, int16_t>(ctx));
}
void eval_max_s16(const OpContext& ctx) { max_pool2d_s16_ref(pool_args<PoolS16Args, int16_t>(ctx)); }

constexpr auto prepare_s8 = prepare<QRT_DTYPE_INT8, -128, 127>;
constexpr auto prepare_s16 = prepare<QRT_DTYPE_INT16, -32768, 32767>;

}  // namespace

extern "C" const qrt_op qrt_op_average_pool2d_s8 = {kOpAveragePool2d, QRT_DTYPE_INT8, prepare_s8,
                                                    eval_average, 0};
extern "C" const qrt_op qrt_op_max_pool2d_s8 = {kOpMaxPool2d, QRT_DTYPE_INT8, prepare_s8, eval_max,
                                                0};
extern "C" const qrt_op qrt_op_average_pool2d_s16 = {kOpAveragePool2d, QRT_DTYPE_INT16, prepare_s16,
                                                     eval_average_s16, 0};
extern "C" const qrt_op qrt_op_max_pool2d_s16 = {kOpMaxPool2d, QRT_DTYPE_INT16, prepare_s16,
                                                 eval_max_s16, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "support/checks_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 4, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 4, err));
  QRT_TRY(expect_params(ctx, sizeof(PoolParams), err));
  const PoolParams& p = params_as<PoolParams>(ctx);
  QRT_TRY(expect_pool_geometry(ctx, p, err));
  QRT_TRY(expect_float_clamp(ctx, p.float_act_min, p.float_act_max, err));
  *scratch = 0;
  return QRT_OK;
}

PoolF32Args pool_args(const OpContext& ctx) {
  PoolF32Args a;
  a.params = &params_as<PoolParams>(ctx);
  a.input = shape4(input_tensor(ctx, 0));
  a.input_data = input_data<float>(ctx, 0);
  a.output = shape4(output_tensor(ctx, 0));
  a.output_data = output_data<float>(ctx, 0);
  return a;
}

void eval_average(const OpContext& ctx) { average_pool2d_f32_ref(pool_args(ctx)); }

void eval_max(const OpContext& ctx) { max_pool2d_f32_ref(pool_args(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_average_pool2d_f32 = {kOpAveragePool2d, QRT_DTYPE_FLOAT32, prepare,
                                                     eval_average, 0};
extern "C" const qrt_op qrt_op_max_pool2d_f32 = {kOpMaxPool2d, QRT_DTYPE_FLOAT32, prepare, eval_max,
                                                 0};

}  // namespace qrt

#endif
