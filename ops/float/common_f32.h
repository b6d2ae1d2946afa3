// Helpers shared by the float32 reference kernels (private to ops/float).
#ifndef QRT_OPS_FLOAT_COMMON_F32_H
#define QRT_OPS_FLOAT_COMMON_F32_H

#include <stdint.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace f32_detail {

// TFLite's ActivationFunctionWithMinMax: std::min(std::max(x, lo), hi). Written out because
// the order of the comparisons decides what NaN becomes: here it passes through, as in TFLite.
inline float clamp_activation(float x, float lo, float hi) {
  const float above_lo = (x < lo) ? lo : x;
  return (hi < above_lo) ? hi : above_lo;
}

// Row-major offset of (n, h, w, c) in a dense NHWC tensor of shape s.
inline int32_t offset4(const Shape4& s, int32_t n, int32_t h, int32_t w, int32_t c) {
  return ((n * s.h + h) * s.w + w) * s.c + c;
}

}  // namespace f32_detail
}  // namespace qrt

#endif  // QRT_OPS_FLOAT_COMMON_F32_H
