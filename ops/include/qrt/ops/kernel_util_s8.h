// Helpers shared by the optimized int8 kernels (ops/x86, ops/neon, ops/dsp, ops/mve): the exact
// output stage of the reference kernels, the im2col row builder, and the predicates that pick a
// convolution's path. Internal to qrt_ops (the runtime reaches variants through kernel_select.h).
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
// The zero point is added modulo 2^32, as SIMD lanes do: a requantized value near the int32
// limits (possible only with extreme shifts) then clamps the way the vector code does.
inline int8_t requantize_to_s8(int32_t acc, int32_t multiplier, int32_t shift,
                               int32_t output_offset, int32_t act_min, int32_t act_max) {
  int32_t v = static_cast<int32_t>(
      static_cast<uint32_t>(multiply_by_quantized_multiplier_fast(acc, multiplier, shift)) +
      static_cast<uint32_t>(output_offset));
  v = v < act_min ? act_min : v;
  v = v > act_max ? act_max : v;
  return static_cast<int8_t>(v);
}

// The output stage's parameters as values. Kernels copy them out of the argument structs once:
// every int8 store may alias any memory, so a value read through an argument pointer inside a
// loop would be read again after each store.
struct OutputStageS8 {
  const int32_t* multipliers;
  const int32_t* shifts;
  int32_t channel_mask;  // -1 per channel, 0 when one (multiplier, shift) serves all channels
  int32_t output_offset, act_min, act_max;
  int8_t apply(int32_t acc, int32_t channel) const {
    const int32_t q = channel & channel_mask;
    return requantize_to_s8(acc, multipliers[q], shifts[q], output_offset, act_min, act_max);
  }
};
inline OutputStageS8 output_stage_s8(const int32_t* multipliers, const int32_t* shifts,
                                     int32_t channel_count, int32_t output_offset,
                                     int32_t act_min, int32_t act_max) {
  OutputStageS8 s;
  s.multipliers = multipliers;
  s.shifts = shifts;
  s.channel_mask = channel_count > 1 ? -1 : 0;
  s.output_offset = output_offset;
  s.act_min = act_min;
  s.act_max = act_max;
  return s;
}
inline OutputStageS8 output_stage_s8(const ConvS8Args& a) {
  const ConvParams& p = *a.params;
  return output_stage_s8(a.multipliers, a.shifts, p.channel_count, p.output_offset, p.act_min,
                         p.act_max);
}
inline OutputStageS8 output_stage_s8(const FullyConnectedS8Args& a) {
  const FullyConnectedParams& p = *a.params;
  return output_stage_s8(a.multipliers, a.shifts, p.channel_count, p.output_offset, p.act_min,
                         p.act_max);
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

// A convolution's geometry as values (see OutputStageS8 for why kernels copy it once).
struct ConvGeometry {
  int32_t batches, in_h, in_w, in_c;
  int32_t filter_h, filter_w;
  int32_t out_h, out_w, out_c;
  int32_t stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
};
inline ConvGeometry conv_geometry(const ConvS8Args& a) {
  const ConvParams& p = *a.params;
  ConvGeometry g;
  g.batches = a.output.n;
  g.in_h = a.input.h;
  g.in_w = a.input.w;
  g.in_c = a.input.c;
  g.filter_h = a.filter.h;
  g.filter_w = a.filter.w;
  g.out_h = a.output.h;
  g.out_w = a.output.w;
  g.out_c = a.output.c;
  g.stride_h = p.stride_h;
  g.stride_w = p.stride_w;
  g.dilation_h = p.dilation_h;
  g.dilation_w = p.dilation_w;
  g.pad_top = p.pad_top;
  g.pad_left = p.pad_left;
  return g;
}

// The window of one depthwise output pixel: the taps inside the input and where the first of
// them is. Kernels walk rows of taps from there by stepping pointers, without bounds checks.
struct DepthwiseWindow {
  int32_t in_first;  // input index of the first inside tap, channel 0 (0 if no tap is inside)
  int32_t f_first;   // filter index of that tap, channel 0 (0 if no tap is inside)
  TapRange ry, rx;   // the filter rows and columns inside the input
};
inline DepthwiseWindow depthwise_window(const ConvGeometry& g, int32_t b, int32_t oy, int32_t ox) {
  const int32_t iy0 = oy * g.stride_h - g.pad_top;
  const int32_t ix0 = ox * g.stride_w - g.pad_left;
  DepthwiseWindow w;
  w.ry = tap_range(iy0, g.dilation_h, g.filter_h, g.in_h);
  w.rx = tap_range(ix0, g.dilation_w, g.filter_w, g.in_w);
  const bool inside = w.ry.begin < w.ry.end && w.rx.begin < w.rx.end;
  w.in_first = inside ? ((b * g.in_h + iy0 + w.ry.begin * g.dilation_h) * g.in_w + ix0 +
                         w.rx.begin * g.dilation_w) * g.in_c
                      : 0;
  w.f_first = inside ? (w.ry.begin * g.filter_w + w.rx.begin) * g.out_c : 0;
  return w;
}

// ---- the depthwise driver shared by every optimized variant --------------------------------
// A variant's plan derives from DepthwiseOperands and adds its output stage; the variant supplies
// only its per-pixel inner loops (depth multiplier 1 and above 1).

// What every depthwise variant reads: geometry, operands and the pointer steps between taps.
struct DepthwiseOperands {
  ConvGeometry g;
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;
  int32_t depth_multiplier;
  int32_t input_offset;
  int32_t in_row_step, in_col_step, f_row_step;  // between filter rows / columns of taps
};
inline DepthwiseOperands depthwise_operands(const ConvS8Args& args) {
  DepthwiseOperands o;
  o.g = conv_geometry(args);
  o.input = args.input_data;
  o.filter = args.filter_data;
  o.bias = args.bias;
  o.depth_multiplier = args.params->depth_multiplier;
  o.input_offset = args.params->input_offset;
  o.in_row_step = o.g.dilation_h * o.g.in_w * o.g.in_c;
  o.in_col_step = o.g.dilation_w * o.g.in_c;
  o.f_row_step = o.g.filter_w * o.g.out_c;
  return o;
}

// The accumulator of output channel oc (reading input channel ic) over the window, bias included,
// in scalar code: the leftover channels of the vector variants.
inline int32_t depthwise_channel_sum(const DepthwiseOperands& o, const DepthwiseWindow& win,
                                     int32_t ic, int32_t oc) {
  int32_t acc = o.bias != nullptr ? o.bias[oc] : 0;
  const int8_t* in_row = o.input + win.in_first + ic;
  const int8_t* f_row = o.filter + win.f_first + oc;
  for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
    const int8_t* in = in_row;
    const int8_t* f = f_row;
    for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
      acc = wrapping_mul_add(*f, *in + o.input_offset, acc);
      in += o.in_col_step;
      f += o.g.out_c;
    }
    in_row += o.in_row_step;
    f_row += o.f_row_step;
  }
  return acc;
}

// Every output pixel in order: kPixelDm1(plan, window, out) when the depth multiplier is 1, else
// kPixelDm(plan, window, out), `out` pointing at the pixel's first output channel. Forced inline
// with the pixel functions as template arguments: the kernel then compiles as if the loop were
// its own (measured on Cortex-M4: an outlined driver cost 6% on micro_speech, 0.4% on
// person_detect; through function pointers the results moved by up to 13% either way).
template <auto kPixelDm1, auto kPixelDm, typename Plan>
__attribute__((always_inline)) inline void run_depthwise(const Plan& plan, int8_t* out) {
  const ConvGeometry& g = plan.g;
  for (int32_t b = 0; b < g.batches; ++b) {
    for (int32_t oy = 0; oy < g.out_h; ++oy) {
      for (int32_t ox = 0; ox < g.out_w; ++ox) {
        const DepthwiseWindow win = depthwise_window(g, b, oy, ox);
        if (plan.depth_multiplier == 1) {
          kPixelDm1(plan, win, out);
        } else {
          kPixelDm(plan, win, out);
        }
        out += g.out_c;
      }
    }
  }
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_S8_H
