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
#include "qrt/ops/kernels_s8.h"
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

// ---- drivers of the variants that take four packed rows per pass over an int8 row (NEON, AVX2) --
// kDot4(x, rows, depth, input_offset, sums): sums[i] = sum_k (x[k] + input_offset) * rows[i][k]
// over `depth` values, wrapping int32.

// Rows o .. o + 3 of `count`, `row_bytes` apart; past the last the rows repeat the last one
// (those results are not stored).
inline void four_rows(const uint8_t* first, int32_t o, int32_t count, int32_t row_bytes, const uint8_t* rows[4]) {
  for (int32_t i = 0; i < 4; ++i) rows[i] = first + (o + i < count ? o + i : count - 1) * row_bytes;
}

template <auto kDot4>
void fully_connected_s8s4_by_rows4(const FullyConnectedS8Args& args) {
  const FullyConnectedParams& p = *args.params;
  const int32_t wo = p.channel_count > 1 ? 0 : p.weights_offset;  // as the reference
  const int32_t io = p.input_offset;
  const int32_t depth = args.input_depth;
  const int32_t units = args.output_depth;
  const int32_t row_bytes = int4_row_bytes(depth);
  const OutputStageS8 stage = output_stage_s8(args);
  const auto* const weights = reinterpret_cast<const uint8_t*>(args.weights);
  const int32_t* const bias = args.bias;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* x = args.input + b * depth;
    int8_t* out = args.output + b * units;
    // sum (w + wo)(x + io) = sum w (x + io) + wo * sum (x + io), modulo 2^32.
    uint32_t x_sum = 0;
    if (wo != 0) {
      for (int32_t k = 0; k < depth; ++k) x_sum += static_cast<uint32_t>(x[k] + io);
    }
    const int32_t row_constant = wrapping_mul_add(wo, static_cast<int32_t>(x_sum), 0);
    for (int32_t o = 0; o < units; o += 4) {
      const uint8_t* rows[4];
      four_rows(weights, o, units, row_bytes, rows);
      int32_t sums[4];
      kDot4(x, rows, depth, io, sums);
      for (int32_t i = 0; i < 4 && o + i < units; ++i) {
        const int32_t acc = wrapping_mul_add(1, sums[i], row_constant);
        out[o + i] = stage.apply(wrapping_mul_add(1, acc, bias != nullptr ? bias[o + i] : 0), o + i);
      }
    }
  }
}

// CONV_2D over the im2col rows above (the scratch holds one row unless the input is read in
// place); grouped filters go to the reference.
template <auto kDot4>
void conv2d_s8s4_by_rows4(const ConvS8Args& args) {
  if (conv_is_grouped(args)) {
    conv2d_s8s4_ref(args);
    return;
  }
  const int32_t depth = conv_s4_patch_depth(args);  // one packed run per filter
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const int32_t io = args.params->input_offset;
  const bool in_place = conv_s4_reads_input_in_place(args);
  auto* const row = static_cast<int8_t*>(args.scratch);
  const OutputStageS8 stage = output_stage_s8(args);
  const auto* const filter = reinterpret_cast<const uint8_t*>(args.filter_data);
  const int32_t* const bias = args.bias;
  for (int32_t px = 0; px < pixels; ++px) {
    const int8_t* col = row;
    if (in_place) {
      col = pointwise_input_row(args, px);
    } else {
      im2col_row_s4(args, px, static_cast<int8_t>(-io), row);
    }
    int8_t* out = args.output_data + px * out_c;
    for (int32_t oc = 0; oc < out_c; oc += 4) {
      const uint8_t* rows[4];
      four_rows(filter, oc, out_c, depth / 2, rows);
      int32_t sums[4];
      kDot4(col, rows, depth, io, sums);
      for (int32_t i = 0; i < 4 && oc + i < out_c; ++i) {
        out[oc + i] = stage.apply(wrapping_mul_add(1, sums[i], bias != nullptr ? bias[oc + i] : 0), oc + i);
      }
    }
  }
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_S4_H
