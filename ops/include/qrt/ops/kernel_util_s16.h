// What the FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D 16x8 variants share: the loops of the reference and its
// int64 output stage, around an ISA's dot product (CONV_2D: one per filter tap, over the input
// channels, which NHWC inputs and OHWI filters both hold contiguously). A variant supplies only
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

// The scalar dot product, for the tails and short taps; each product fits int32 (< 2^23), so
// only the sum is 64-bit.
inline int64_t dot_s16_s8(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) {
  int64_t acc = 0;
  for (int32_t k = 0; k < depth; ++k) acc += (w[k] + weights_offset) * static_cast<int32_t>(x[k]);
  return acc;
}

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

template <typename Dot>
inline void conv2d_s16_with(const ConvS16Args& args, Dot dot) {
  const ConvParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& fs = args.filter;
  const Shape4& os = args.output;
  const int32_t depth = fs.c;
  // Taps of fewer than 8 channels (first layers) leave the vector loops nothing to do; there
  // the reference is faster (measured on Cortex-M4 / M55: SEANet conv0, 2 channels).
  if (depth < 8) {
    conv2d_s16_ref(args);
    return;
  }
  const int32_t filters_per_group = os.c / (is.c / depth);
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y_origin = oy * p.stride_h - p.pad_top;
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x_origin = ox * p.stride_w - p.pad_left;
        int16_t* out = args.output_data + ((b * os.h + oy) * os.w + ox) * os.c;
        for (int32_t oc = 0; oc < os.c; ++oc) {
          const int32_t group = oc / filters_per_group;
          int64_t acc = 0;
          for (int32_t fy = 0; fy < fs.h; ++fy) {
            const int32_t in_y = in_y_origin + p.dilation_h * fy;
            if (in_y < 0 || in_y >= is.h) continue;
            for (int32_t fx = 0; fx < fs.w; ++fx) {
              const int32_t in_x = in_x_origin + p.dilation_w * fx;
              if (in_x < 0 || in_x >= is.w) continue;
              const int16_t* x = args.input_data + ((b * is.h + in_y) * is.w + in_x) * is.c + group * depth;
              const int8_t* w = args.filter_data + ((oc * fs.h + fy) * fs.w + fx) * depth;
              acc += dot(x, w, depth, 0);
            }
          }
          if (args.bias != nullptr) acc += args.bias[oc];
          const int32_t c = p.channel_count > 1 ? oc : 0;
          const int32_t v = multiply_by_quantized_multiplier_s64(acc, args.multipliers[c], args.shifts[c]);
          out[oc] = static_cast<int16_t>(clamp_s32(v, p.act_min, p.act_max));
        }
      }
    }
  }
}

// DEPTHWISE_CONV_2D 16x8 with depth multiplier 1, channels innermost (the reference loops over
// taps inside each channel, recomputing every address): each output pixel's channels in blocks
// of kDepthwiseS16Block, every in-range tap multiplied into int32 lanes by a variant's
//   void mac(int32_t* acc, const int16_t* x, const int8_t* w, int32_t n)  // acc[i] += x[i] * w[i]
// (n = kDepthwiseS16Block except in the last block), then widened to int64 for the bias and the
// requantization. A product is at most 2^22 in magnitude, so up to 256 taps the lanes stay below
// 2^30 and the sums are the reference's; larger filters and depth multipliers above 1 run the
// reference.
constexpr int32_t kDepthwiseS16Block = 32;

inline void mac_s16_s8(int32_t* acc, const int16_t* x, const int8_t* w, int32_t n) {
  for (int32_t i = 0; i < n; ++i) acc[i] += static_cast<int32_t>(x[i]) * w[i];
}

template <typename Mac>
inline void depthwise_conv2d_s16_with(const ConvS16Args& args, Mac mac) {
  const ConvParams& p = *args.params;
  if (p.depth_multiplier != 1 || args.filter.h * args.filter.w > 256) {
    depthwise_conv2d_s16_ref(args);
    return;
  }
  // Copies: the accumulator stores could alias the argument structs as far as the compiler
  // knows, which made it reload every field after each tap.
  const Shape4 is = args.input, fs = args.filter, os = args.output;
  const int32_t stride_h = p.stride_h, stride_w = p.stride_w, pad_top = p.pad_top, pad_left = p.pad_left;
  const int32_t dilation_h = p.dilation_h, dilation_w = p.dilation_w;
  const int16_t* const input = args.input_data;
  const int8_t* const filter = args.filter_data;
  const int32_t channels = is.c;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y_origin = oy * stride_h - pad_top;
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x_origin = ox * stride_w - pad_left;
        int16_t* out = args.output_data + ((b * os.h + oy) * os.w + ox) * channels;
        for (int32_t c0 = 0; c0 < channels; c0 += kDepthwiseS16Block) {
          const int32_t n = channels - c0 < kDepthwiseS16Block ? channels - c0 : kDepthwiseS16Block;
          int32_t acc[kDepthwiseS16Block] = {};
          for (int32_t fy = 0; fy < fs.h; ++fy) {
            const int32_t in_y = in_y_origin + dilation_h * fy;
            if (in_y < 0 || in_y >= is.h) continue;
            const int16_t* row = input + ((b * is.h + in_y) * is.w) * channels + c0;
            const int8_t* taps = filter + fy * fs.w * channels + c0;
            for (int32_t fx = 0; fx < fs.w; ++fx) {
              const int32_t in_x = in_x_origin + dilation_w * fx;
              if (in_x < 0 || in_x >= is.w) continue;
              mac(acc, row + in_x * channels, taps + fx * channels, n);
            }
          }
          for (int32_t i = 0; i < n; ++i) {
            const int32_t oc = c0 + i;
            int64_t total = acc[i];
            if (args.bias != nullptr) total += args.bias[oc];
            const int32_t c = p.channel_count > 1 ? oc : 0;
            const int32_t v = multiply_by_quantized_multiplier_s64(total, args.multipliers[c], args.shifts[c]);
            out[oc] = static_cast<int16_t>(clamp_s32(v, p.act_min, p.act_max));
          }
        }
      }
    }
  }
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_S16_H
