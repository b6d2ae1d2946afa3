// Internal helper of the reference convolutions (conv2d_ref.cpp, depthwise_conv2d_ref.cpp): the
// arithmetic that differs between int8 and 16x8, so one loop nest serves both. Not a public
// header.
#ifndef QRT_OPS_REF_CONV_ACCUMULATE_H
#define QRT_OPS_REF_CONV_ACCUMULATE_H

#include <stdint.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace ref {

// int8: an int32 accumulator that wraps as TFLite's does on every target, the input offset, the
// 32-bit requantization and the output offset.
struct AccumulateS8 {
  using Acc = int32_t;
  using Out = int8_t;
  static Acc add(Acc a, int32_t b) { return add_wrapping(a, b); }
  static int32_t requantize(Acc acc, int32_t multiplier, int32_t shift, int32_t output_offset) {
    return add_wrapping(multiply_by_quantized_multiplier(acc, multiplier, shift), output_offset);
  }
};

// 16x8: an int64 accumulator (TFLite's), no offsets (symmetric int16), the 64-bit
// requantization.
struct AccumulateS16 {
  using Acc = int64_t;
  using Out = int16_t;
  static Acc add(Acc a, int64_t b) { return a + b; }
  static int32_t requantize(Acc acc, int32_t multiplier, int32_t shift, int32_t) {
    return multiply_by_quantized_multiplier_s64(acc, multiplier, shift);
  }
};

// The output value of one channel: bias, requantization with the channel's pair (or the one
// pair), the clamp.
template <typename A, typename Args>
int32_t finish_channel(const Args& args, typename A::Acc acc, int32_t oc) {
  const ConvParams& p = *args.params;
  if (args.bias != nullptr) acc = A::add(acc, args.bias[oc]);
  const int32_t c = p.channel_count > 1 ? oc : 0;
  const int32_t v = A::requantize(acc, args.multipliers[c], args.shifts[c], p.output_offset);
  return clamp_s32(v, p.act_min, p.act_max);
}

}  // namespace ref
}  // namespace qrt

#endif  // QRT_OPS_REF_CONV_ACCUMULATE_H
