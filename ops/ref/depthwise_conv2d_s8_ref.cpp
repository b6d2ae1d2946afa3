// DEPTHWISE_CONV_2D int8 reference with per-channel requantization, as TFLite's
// reference_integer_ops::DepthwiseConvPerChannel: output channel m + ic * depth_multiplier reads
// input channel ic; filter [1, kh, kw, out_c] (int8, or packed INT4 in rows of out_c values).
#include "filter_s4.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <class Filter>
void depthwise_ref(const ConvS8Args& args, Filter filter) {
  const ConvParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& fs = args.filter;
  const Shape4& os = args.output;
  const int32_t depth_multiplier = p.depth_multiplier;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y_origin = oy * p.stride_h - p.pad_top;
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x_origin = ox * p.stride_w - p.pad_left;
        for (int32_t ic = 0; ic < is.c; ++ic) {
          for (int32_t m = 0; m < depth_multiplier; ++m) {
            const int32_t oc = m + ic * depth_multiplier;
            int32_t acc = 0;
            for (int32_t fy = 0; fy < fs.h; ++fy) {
              const int32_t in_y = in_y_origin + p.dilation_h * fy;
              for (int32_t fx = 0; fx < fs.w; ++fx) {
                const int32_t in_x = in_x_origin + p.dilation_w * fx;
                if (in_x < 0 || in_x >= is.w || in_y < 0 || in_y >= is.h) continue;
                const int32_t in_val = args.input_data[((b * is.h + in_y) * is.w + in_x) * is.c + ic];
                const int32_t w_val = filter.at(fy * fs.w + fx, oc);
                acc = add_wrapping(acc, w_val * (in_val + p.input_offset));
              }
            }
            if (args.bias != nullptr) acc = add_wrapping(acc, args.bias[oc]);
            const int32_t c = p.channel_count > 1 ? oc : 0;
            acc = multiply_by_quantized_multiplier(acc, args.multipliers[c], args.shifts[c]);
            acc = add_wrapping(acc, p.output_offset);
            acc = acc < p.act_min ? p.act_min : acc;
            acc = acc > p.act_max ? p.act_max : acc;
            args.output_data[((b * os.h + oy) * os.w + ox) * os.c + oc] = static_cast<int8_t>(acc);
          }
        }
      }
    }
  }
}

}  // namespace

void depthwise_conv2d_s8_ref(const ConvS8Args& args) {
  depthwise_ref(args, FilterS8{args.filter_data, args.filter.c});
}

void depthwise_conv2d_s8s4_ref(const ConvS8Args& args) {
  depthwise_ref(args, FilterS4::of(args.filter_data, args.filter.c));
}

}  // namespace qrt
