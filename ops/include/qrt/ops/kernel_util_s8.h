// Helpers shared by the optimized int8 kernels (ops/x86, ops/neon, ops/dsp, ops/mve): the exact
// output stage of the reference kernels, the im2col row builder, and the predicates that pick a
// convolution's path. Internal to qrt_ops (applications call kernels through a KernelTable).
//
// Why optimized kernels equal the reference byte for byte: every accumulator they build is the
// reference's sum of (input + input_offset) * (weight + weights_offset) + bias, computed in
// two's-complement int32 arithmetic that wraps (SIMD lanes, SMLAD, the uint32 helpers below).
// Integer addition and multiplication modulo 2^32 do not depend on order or on how the sum is
// split (for instance sum(w * x) + input_offset * sum(w)), so the accumulator is the same int32
// the reference computes, and the output stage below is the reference's, step for step. The
// reference itself is exact while |acc| < 2^31, which TFLite's converter guarantees for valid
// models (K * 255 * 255 + |bias| < 2^31, i.e. K <= 33025 taps in the worst case).
#ifndef QRT_OPS_KERNEL_UTIL_S8_H
#define QRT_OPS_KERNEL_UTIL_S8_H

#include <stdint.h>
#include <string.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace opt {

// The reference kernels' output stage: requantize, add the output zero point, then max with
// act_min and min with act_max in that order (act_max wins on an empty range, as in TFLite).
inline int8_t requantize_to_s8(int32_t acc, int32_t multiplier, int32_t shift,
                               int32_t output_offset, int32_t act_min, int32_t act_max) {
  int32_t v = multiply_by_quantized_multiplier(acc, multiplier, shift) + output_offset;
  v = v < act_min ? act_min : v;
  v = v > act_max ? act_max : v;
  return static_cast<int8_t>(v);
}

// a * b + c modulo 2^32 (defined behaviour for any int32 values).
inline int32_t wrapping_mul_add(int32_t a, int32_t b, int32_t c) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b) +
                              static_cast<uint32_t>(c));
}

// Grouped convolution (filter depth smaller than the input depth): TFLite allows it and the
// reference computes it; the optimized kernels hand it to the reference.
inline bool conv_is_grouped(const ConvS8Args& a) { return a.filter.c != a.input.c; }

// A 1x1 convolution without padding whose every output pixel reads an input pixel: the input is
// then already the im2col matrix (one row of input depth bytes per output pixel, strided).
inline bool conv_is_pointwise(const ConvS8Args& a) {
  const ConvParams& p = *a.params;
  return a.filter.h == 1 && a.filter.w == 1 && p.pad_top == 0 && p.pad_left == 0 &&
         (a.output.h - 1) * p.stride_h < a.input.h && (a.output.w - 1) * p.stride_w < a.input.w;
}

// Depth of one im2col row: the number of taps of one output value.
inline int32_t conv_patch_depth(const ConvS8Args& a) {
  return a.filter.h * a.filter.w * a.filter.c;
}

// The input row of output pixel `pixel` (linear over batch, y, x) of a pointwise convolution.
inline const int8_t* pointwise_input_row(const ConvS8Args& a, int32_t pixel) {
  const ConvParams& p = *a.params;
  const int32_t ox = pixel % a.output.w;
  const int32_t rest = pixel / a.output.w;
  const int32_t oy = rest % a.output.h;
  const int32_t b = rest / a.output.h;
  return a.input_data + ((b * a.input.h + oy * p.stride_h) * a.input.w + ox * p.stride_w) * a.input.c;
}

// Fills one im2col row (conv_patch_depth bytes, in filter order [kh][kw][in_c]) for output pixel
// `pixel`. Taps outside the image get `pad_value`; callers pass -input_offset (in [-128, 127] for
// valid models), whose offset input is 0, so padded taps add nothing, as in the reference.
inline void im2col_row_s8(const ConvS8Args& a, int32_t pixel, int8_t pad_value, int8_t* dst) {
  const ConvParams& p = *a.params;
  const int32_t ox = pixel % a.output.w;
  const int32_t rest = pixel / a.output.w;
  const int32_t oy = rest % a.output.h;
  const int32_t b = rest / a.output.h;
  const int32_t depth = a.input.c;
  const int32_t row_bytes = a.filter.w * depth;
  const int32_t iy0 = oy * p.stride_h - p.pad_top;
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  for (int32_t fy = 0; fy < a.filter.h; ++fy, dst += row_bytes) {
    const int32_t iy = iy0 + fy * p.dilation_h;
    if (iy < 0 || iy >= a.input.h) {
      memset(dst, pad_value, static_cast<size_t>(row_bytes));
      continue;
    }
    const int8_t* row = a.input_data + (b * a.input.h + iy) * a.input.w * depth;
    if (p.dilation_w == 1 && ix0 >= 0 && ix0 + a.filter.w <= a.input.w) {
      memcpy(dst, row + ix0 * depth, static_cast<size_t>(row_bytes));  // whole row inside
      continue;
    }
    for (int32_t fx = 0; fx < a.filter.w; ++fx) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      if (ix < 0 || ix >= a.input.w) {
        memset(dst + fx * depth, pad_value, static_cast<size_t>(depth));
      } else {
        memcpy(dst + fx * depth, row + ix * depth, static_cast<size_t>(depth));
      }
    }
  }
}

// The taps [begin, end) of one filter axis that fall inside the input for a window starting at
// input coordinate `origin` (may be negative): origin + tap * dilation in [0, size).
struct TapRange {
  int32_t begin, end;
};
inline TapRange tap_range(int32_t origin, int32_t dilation, int32_t taps, int32_t size) {
  TapRange r;
  r.begin = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
  const int32_t room = size - origin;  // taps need origin + t * dilation <= size - 1
  r.end = room <= 0 ? 0 : (room - 1) / dilation + 1;
  if (r.end > taps) r.end = taps;
  if (r.begin > r.end) r.begin = r.end;
  return r;
}

// The window of one depthwise output pixel: the taps inside the input and where the first of
// them is. Kernels walk rows of taps from there by stepping pointers, without bounds checks.
struct DepthwiseWindow {
  int32_t in_first;  // input index of the first inside tap, channel 0 (0 if no tap is inside)
  int32_t f_first;   // filter index of that tap, channel 0 (0 if no tap is inside)
  TapRange ry, rx;   // the filter rows and columns inside the input
};
inline DepthwiseWindow depthwise_window(const ConvS8Args& a, int32_t b, int32_t oy, int32_t ox) {
  const ConvParams& p = *a.params;
  const int32_t iy0 = oy * p.stride_h - p.pad_top;
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  DepthwiseWindow w;
  w.ry = tap_range(iy0, p.dilation_h, a.filter.h, a.input.h);
  w.rx = tap_range(ix0, p.dilation_w, a.filter.w, a.input.w);
  const bool inside = w.ry.begin < w.ry.end && w.rx.begin < w.rx.end;
  w.in_first = inside ? ((b * a.input.h + iy0 + w.ry.begin * p.dilation_h) * a.input.w + ix0 +
                         w.rx.begin * p.dilation_w) * a.input.c
                      : 0;
  w.f_first = inside ? (w.ry.begin * a.filter.w + w.rx.begin) * a.output.c : 0;
  return w;
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_S8_H
