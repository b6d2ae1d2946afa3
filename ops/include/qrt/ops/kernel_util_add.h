// What the ADD / SUB int8 variants share: the same-shape test (broadcasts go to the reference).
#ifndef QRT_OPS_KERNEL_UTIL_ADD_H
#define QRT_OPS_KERNEL_UTIL_ADD_H

#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace opt {

inline bool same_shape4(const Shape4& a, const Shape4& b) {
  return a.n == b.n && a.h == b.h && a.w == b.w && a.c == b.c;
}

// Elements when both inputs have the output's shape, else 0 (the caller runs the reference).
inline int32_t elementwise_count(const BinaryS8Args& a) {
  if (!same_shape4(a.input1, a.output) || !same_shape4(a.input2, a.output)) return 0;
  return a.output.n * a.output.h * a.output.w * a.output.c;
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_ADD_H
