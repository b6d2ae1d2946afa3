// Internal helper of the reference binary kernels (ops/ref and ops/float): NumPy-style
// broadcasting of two 4-D shapes (a dimension of 1 is repeated), as TFLite's
// NdArrayDescsForElementwiseBroadcast. Not a public header.
#ifndef QRT_OPS_REF_BROADCAST4D_REF_H
#define QRT_OPS_REF_BROADCAST4D_REF_H

#include <stdint.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace ref {

// Element strides of an input over the output's index space: 0 along a broadcast dimension.
struct BroadcastStrides {
  int32_t n, h, w, c;
};

inline BroadcastStrides broadcast_strides(const Shape4& in, const Shape4& out) {
  BroadcastStrides s;
  s.c = (in.c == 1 && out.c != 1) ? 0 : 1;
  s.w = (in.w == 1 && out.w != 1) ? 0 : in.c;
  s.h = (in.h == 1 && out.h != 1) ? 0 : in.w * in.c;
  s.n = (in.n == 1 && out.n != 1) ? 0 : in.h * in.w * in.c;
  return s;
}

// Calls op(a, b) for every output element in row-major order and stores its result (Args:
// BinaryS8Args, BinaryS16Args or BinaryF32Args).
template <typename Args, typename Op>
inline void broadcast_binary(const Args& args, Op op) {
  const Shape4& os = args.output;
  const BroadcastStrides s1 = broadcast_strides(args.input1, os);
  const BroadcastStrides s2 = broadcast_strides(args.input2, os);
  auto* out = args.output_data;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t y = 0; y < os.h; ++y) {
      for (int32_t x = 0; x < os.w; ++x) {
        const auto* in1 = args.input1_data + b * s1.n + y * s1.h + x * s1.w;
        const auto* in2 = args.input2_data + b * s2.n + y * s2.h + x * s2.w;
        for (int32_t c = 0; c < os.c; ++c) {
          *out++ = op(in1[c * s1.c], in2[c * s2.c]);
        }
      }
    }
  }
}

}  // namespace ref
}  // namespace qrt

#endif  // QRT_OPS_REF_BROADCAST4D_REF_H
