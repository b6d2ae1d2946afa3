// Checks of the float32 operators beyond qrt/op_checks.h (libqrt_float.a only).
#ifndef QRT_RUNTIME_SRC_OPS_SUPPORT_CHECKS_F32_H
#define QRT_RUNTIME_SRC_OPS_SUPPORT_CHECKS_F32_H

#include "qrt/op_api.h"

namespace qrt {

// A fused float clamp [lo, hi]: neither is NaN and lo <= hi (infinities mean "no clamp").
qrt_status expect_float_clamp(const OpContext& ctx, float lo, float hi, qrt_error* err);

// `value` is finite and > 0 (scales, softmax beta).
qrt_status expect_positive_finite(const OpContext& ctx, const char* what, float value,
                                  qrt_error* err);

// Input k is a float32 weight tensor of `rank`: a specific QRT_ERR_UNSUPPORTED_OP for int8
// weights under float activations (TFLite "hybrid" models), otherwise expect_input's checks.
qrt_status expect_float_weights(const OpContext& ctx, int k, uint32_t rank, qrt_error* err);

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_SUPPORT_CHECKS_F32_H
