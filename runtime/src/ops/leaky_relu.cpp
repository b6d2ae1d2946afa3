// LEAKY_RELU: int8 and int16 (TFLM's QuantizeLeakyRelu) and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

template <uint32_t kDType, int32_t kMin, int32_t kMax>
qrt_status prepare_leaky_relu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_unary_tensors(ctx, kDType, err));
  QRT_TRY(expect_params(ctx, sizeof(LeakyReluParams), err));
  const LeakyReluParams& p = params_as<LeakyReluParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, kMin, kMax, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, kMin, kMax, err));
  // The alpha multiplier has alpha's sign; its magnitude must be a valid multiplier (INT32_MIN,
  // which has none, maps to the invalid -1).
  int32_t alpha = p.multiplier_alpha < 0 ? -1 : p.multiplier_alpha;
  if (p.multiplier_alpha < 0 && p.multiplier_alpha != INT32_MIN) alpha = -p.multiplier_alpha;
  const int32_t multipliers[2] = {p.multiplier_identity, alpha};
  const int32_t shifts[2] = {p.shift_identity, p.shift_alpha};
  *scratch = 0;
  return expect_multipliers(ctx, multipliers, shifts, 2, err);
}

void eval_s8(const OpContext& ctx) {
  leaky_relu_s8_ref(params_as<LeakyReluParams>(ctx), count_of(ctx), input_data<int8_t>(ctx, 0),
                    output_data<int8_t>(ctx, 0));
}

void eval_s16(const OpContext& ctx) {
  leaky_relu_s16_ref(params_as<LeakyReluParams>(ctx), count_of(ctx),
                     input_data<int16_t>(ctx, 0), output_data<int16_t>(ctx, 0));
}

}  // namespace

// Elementwise, each input read before its output is written: in place allowed.
extern "C" const qrt_op qrt_op_leaky_relu_s8 = {
    kOpLeakyRelu, QRT_DTYPE_INT8, prepare_leaky_relu<QRT_DTYPE_INT8, -128, 127>, eval_s8, 1};
extern "C" const qrt_op qrt_op_leaky_relu_s16 = {
    kOpLeakyRelu, QRT_DTYPE_INT16, prepare_leaky_relu<QRT_DTYPE_INT16, -32768, 32767>, eval_s16,
    1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"

namespace qrt {
namespace {

qrt_status prepare_leaky_relu(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_unary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  QRT_TRY(expect_params(ctx, sizeof(LeakyReluParams), err));
  *scratch = 0;
  // alpha may be any value, NaN included: the kernel multiplies by it, as TFLite does.
  return QRT_OK;
}

void eval_leaky_relu(const OpContext& ctx) {
  leaky_relu_f32_ref(params_as<LeakyReluParams>(ctx).alpha, count_of(ctx),
                     input_data<float>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_leaky_relu_f32 = {kOpLeakyRelu, QRT_DTYPE_FLOAT32,
                                                 prepare_leaky_relu, eval_leaky_relu, 1};

}  // namespace qrt

#endif
