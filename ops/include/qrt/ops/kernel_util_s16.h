// What the FULLY_CONNECTED 16x8 variants share: the loop over batches and units and the
// reference's int64 output stage, around an ISA's dot product. A variant supplies only
//   int64_t dot(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset)
// = sum_k x[k] * (w[k] + weights_offset), exactly (|each product| < 2^23, depth <= 2^24 as
// checked at load: no int64 overflow, and the variants' int32 partial sums are flushed before
// they could overflow), so every variant's bytes are the reference's.
#ifndef QRT_OPS_KERNEL_UTIL_S16_H
#define QRT_OPS_KERNEL_UTIL_S16_H

#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace opt {

template <typename Dot>
inline void fully_connected_s16_with(const FullyConnectedS16Args& args, Dot dot) {
  const FullyConnectedParams& p = *args.params;
  const bool per_channel = p.channel_count > 1;
  const int32_t weights_offset = per_channel ? 0 : p.weights_offset;  // as the reference
  const int32_t depth = args.input_depth;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int16_t* in = args.input + b * depth;
    for (int32_t o = 0; o < args.output_depth; ++o) {
      int64_t acc = dot(in, args.weights + o * depth, depth, weights_offset);
      if (args.bias != nullptr) acc += args.bias[o];
      const int32_t c = per_channel ? o : 0;
      const int32_t out = multiply_by_quantized_multiplier_s64(acc, args.multipliers[c], args.shifts[c]);
      args.output[b * args.output_depth + o] = static_cast<int16_t>(clamp_s32(out, p.act_min, p.act_max));
    }
  }
}

// The scalar dot product, for the tails.
inline int64_t dot_s16_s8(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) {
  int64_t acc = 0;
  for (int32_t k = 0; k < depth; ++k) acc += static_cast<int64_t>(w[k] + weights_offset) * x[k];
  return acc;
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_S16_H
