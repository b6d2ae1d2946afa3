// What the CONV_2D kernels with packed INT4 filters share (ops/<isa>/conv_fc_s8s4_*.cpp, and
// their scratch sizes in ops/<isa>/scratch_<isa>.h).
//
// With an even input depth every filter's taps form one packed run of kh * kw * in_c nibbles.
// With an odd one each tap's row holds in_c + 1 nibbles, the last a padding nibble that readers
// must ignore (quant/INT4-LAYOUT.md). The kernels then read im2col rows with one pad byte after
// every tap's inputs: the filter of an output channel is again one run, now of kh * kw *
// (in_c + 1) values, and each pad byte holds -input_offset, whose offset input is 0, so whatever a
// padding nibble holds adds nothing (as taps outside the image add nothing).
#ifndef QRT_OPS_KERNEL_UTIL_S4_H
#define QRT_OPS_KERNEL_UTIL_S4_H

#include <string.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/quant/int4.h"

namespace qrt {
namespace opt {

// Values per tap in the filter's packed rows: in_c rounded up to even.
inline int32_t conv_s4_tap_depth(const ConvS8Args& a) { return (a.filter.c + 1) & ~1; }

// Values of one output channel's packed run, and of the im2col rows that line up with it.
inline int32_t conv_s4_patch_depth(const ConvS8Args& a) {
  return a.filter.h * a.filter.w * conv_s4_tap_depth(a);
}

// The input's own rows serve as im2col rows: pointwise with an even depth.
inline bool conv_s4_reads_input_in_place(const ConvS8Args& a) {
  return (a.filter.c & 1) == 0 && conv_is_pointwise(a);
}

// One im2col row of conv_s4_patch_depth bytes for output pixel `pixel`: im2col_row_s8's row when
// the depth is even, else with pad_value after each tap's in_c inputs.
inline void im2col_row_s4(const ConvS8Args& a, int32_t pixel, int8_t pad_value, int8_t* dst) {
  if ((a.filter.c & 1) == 0) {
    im2col_row_s8(a, pixel, pad_value, dst);
    return;
  }
  const ConvParams& p = *a.params;
  const int32_t ox = pixel % a.output.w;
  const int32_t rest = pixel / a.output.w;
  const int32_t oy = rest % a.output.h;
  const int32_t b = rest / a.output.h;
  const int32_t depth = a.input.c, tap = conv_s4_tap_depth(a);
  const int32_t iy0 = oy * p.stride_h - p.pad_top;
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  for (int32_t fy = 0; fy < a.filter.h; ++fy) {
    const int32_t iy = iy0 + fy * p.dilation_h;
    for (int32_t fx = 0; fx < a.filter.w; ++fx, dst += tap) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      if (iy < 0 || iy >= a.input.h || ix < 0 || ix >= a.input.w) {
        memset(dst, pad_value, static_cast<size_t>(tap));
        continue;
      }
      memcpy(dst, a.input_data + ((b * a.input.h + iy) * a.input.w + ix) * depth, static_cast<size_t>(depth));
      dst[depth] = pad_value;
    }
  }
}

// DEPTHWISE_CONV_2D with depth multiplier 1 and a packed INT4 filter (rows of out_c values per
// tap, row_bytes each): channel c's accumulator over the window, bias included, in scalar code
// (the leftover channels of the vector variants).
inline int32_t depthwise_channel_sum_s4(const DepthwiseOperands& o, int32_t row_bytes,
                                        const DepthwiseWindow& win, int32_t c) {
  int32_t acc = o.bias != nullptr ? o.bias[c] : 0;
  const auto* f = reinterpret_cast<const uint8_t*>(o.filter);
  for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
    const int8_t* in = o.input + win.in_first + c + (fy - win.ry.begin) * o.in_row_step;
    for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
      const int32_t tap = fy * o.g.filter_w + fx;
      acc = wrapping_mul_add(int4_get(f + tap * row_bytes, c), *in + o.input_offset, acc);
      in += o.in_col_step;
    }
  }
  return acc;
}

// The first weight of channel c at filter row (fy, fx) of a window: its packed byte.
inline const uint8_t* depthwise_s4_weights(const DepthwiseOperands& o, int32_t row_bytes, int32_t fy,
                                           int32_t fx, int32_t c) {
  return reinterpret_cast<const uint8_t*>(o.filter) + (fy * o.g.filter_w + fx) * row_bytes + c / 2;
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_S4_H
