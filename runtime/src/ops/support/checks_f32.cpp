// Checks specific to float32 operators (the shared ones are in qrt/op_checks.h).
#include "qrt/op_checks.h"
#include "checks_f32.h"

namespace qrt {

qrt_status expect_float_clamp(const OpContext& ctx, float lo, float hi, qrt_error* err) {
  // !(lo <= hi) is also true when either is NaN.
  if (!(lo <= hi)) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS)
        .text("float activation clamp is empty or NaN (float_act_min > float_act_max)");
    return QRT_ERR_BAD_PARAMS;
  }
  return QRT_OK;
}

qrt_status expect_positive_finite(const OpContext& ctx, const char* what, float value,
                                  qrt_error* err) {
  // value - value is 0 for finite values and NaN for infinities and NaN.
  if (!(value > 0.f) || !(value - value == 0.f)) {
    op_failure(ctx, err, QRT_ERR_BAD_PARAMS).text(what).text(" must be finite and > 0");
    return QRT_ERR_BAD_PARAMS;
  }
  return QRT_OK;
}

qrt_status expect_float_weights(const OpContext& ctx, int k, uint32_t rank, qrt_error* err) {
  if (ctx.inputs[k] >= 0 && input_tensor(ctx, k).dtype == QRT_DTYPE_INT8) {
    op_failure(ctx, err, QRT_ERR_UNSUPPORTED_OP)
        .text("int8 weights with float32 activations (hybrid) are not supported");
    return QRT_ERR_UNSUPPORTED_OP;
  }
  return expect_input(ctx, k, QRT_DTYPE_FLOAT32, rank, err);
}

}  // namespace qrt
