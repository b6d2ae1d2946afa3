// The float32 side of elementwise.h: the prepare step of the same-shape float32 operators.
#ifndef QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_F32_H
#define QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_F32_H

#include "checks_f32.h"
#include "elementwise.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {

// Unary float32 -> float32 operators of the same shape. Their int8 parameter blocks mean
// nothing in float, so a float operator carries either none or the int8 block of its op code
// (`int8_params_bytes`; LOGISTIC/TANH: LogisticParams, RELU/RELU6: ReluParams), left unread.
inline qrt_status prepare_unary(const OpContext& ctx, uint32_t int8_params_bytes, qrt_error* err) {
  QRT_TRY(expect_unary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  if (ctx.params_bytes != 0) return expect_params(ctx, int8_params_bytes, err);
  return QRT_OK;
}

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_SUPPORT_ELEMENTWISE_F32_H
