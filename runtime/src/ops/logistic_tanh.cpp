// LOGISTIC and TANH: int8 and int16 (one parameter block, TFLite's integer semantics) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_logistic(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_unary(ctx, sizeof(LogisticParams), err));
  const LogisticParams& p = params_as<LogisticParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -128, 127, err));
  // Any radius >= 256 saturates nothing an int8 input can reach; TFLite's value exceeds 256
  // for input scales below 15/256, so only the sign is checked.
  QRT_TRY(expect_range(ctx, "input_range_radius", p.input_range_radius, 0, INT32_MAX, err));
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, -31, 30, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.input_multiplier, &p.input_left_shift, 1, err);
}

void eval_logistic(const OpContext& ctx) {
  logistic_s8_ref(params_as<LogisticParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
                  output_data<int8_t>(ctx, 0));
}
void eval_tanh(const OpContext& ctx) {
  tanh_s8_ref(params_as<LogisticParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
              output_data<int8_t>(ctx, 0));
}

// int16: zero points 0 (the unused fields stay 0, one canonical blob per model), and the rescale
// bounds that keep x * multiplier + half inside int32.
qrt_status prepare_logistic_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_unary_tensors(ctx, QRT_DTYPE_INT16, err));
  QRT_TRY(expect_params(ctx, sizeof(LogisticParams), err));
  const LogisticParams& p = params_as<LogisticParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, 0, 0, err));
  QRT_TRY(expect_range(ctx, "input_range_radius", p.input_range_radius, 0, 0, err));
  QRT_TRY(expect_range(ctx, "input_multiplier", p.input_multiplier, 1, 32767, err));
  QRT_TRY(expect_range(ctx, "input_left_shift", p.input_left_shift, 0, 31, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_logistic_s16(const OpContext& ctx) {
  logistic_s16_ref(params_as<LogisticParams>(ctx), count_of(ctx), input_data<int16_t>(ctx, 0),
                   output_data<int16_t>(ctx, 0));
}
void eval_tanh_s16(const OpContext& ctx) {
  tanh_s16_ref(params_as<LogisticParams>(ctx), count_of(ctx), input_data<int16_t>(ctx, 0),
               output_data<int16_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_logistic_s16 = {kOpLogistic, QRT_DTYPE_INT16, prepare_logistic_s16,
                                               eval_logistic_s16, 1};
extern "C" const qrt_op qrt_op_tanh_s16 = {kOpTanh, QRT_DTYPE_INT16, prepare_logistic_s16,
                                           eval_tanh_s16, 1};
extern "C" const qrt_op qrt_op_logistic_s8 = {kOpLogistic, QRT_DTYPE_INT8, prepare_logistic,
                                              eval_logistic, 1};
extern "C" const qrt_op qrt_op_tanh_s8 = {kOpTanh, QRT_DTYPE_INT8, prepare_logistic, eval_tanh, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_logistic(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  *scratch = 0;
  return prepare_unary(ctx, sizeof(LogisticParams), err);
}

void eval_logistic(const OpContext& ctx) {
  logistic_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

void eval_tanh(const OpContext& ctx) {
  tanh_f32_ref(count_of(ctx), input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_logistic_f32 = {kOpLogistic, QRT_DTYPE_FLOAT32, prepare_logistic,
                                               eval_logistic, 1};
extern "C" const qrt_op qrt_op_tanh_f32 = {kOpTanh, QRT_DTYPE_FLOAT32, prepare_logistic, eval_tanh,
                                           1};

}  // namespace qrt

#endif
