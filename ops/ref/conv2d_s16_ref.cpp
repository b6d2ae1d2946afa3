// CONV_2D 16x8 reference, as TFLite's reference_integer_ops::ConvPerChannel for int16 input: no
// input offset (symmetric int16), int64 accumulation of int8 x int16 products, grouped
// convolution as in the int8 kernel, the 64-bit requantization, then the clamp.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

void conv2d_s16_ref(const ConvS16Args& args) {
  const ConvParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& fs = args.filter;
  const Shape4& os = args.output;
  const int32_t filter_input_depth = fs.c;
  const int32_t groups = is.c / filter_input_depth;
  const int32_t filters_per_group = os.c / groups;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y_origin = oy * p.stride_h - p.pad_top;
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x_origin = ox * p.stride_w - p.pad_left;
        for (int32_t oc = 0; oc < os.c; ++oc) {
          const int32_t group = oc / filters_per_group;
          int64_t acc = 0;
          for (int32_t fy = 0; fy < fs.h; ++fy) {
            const int32_t in_y = in_y_origin + p.dilation_h * fy;
            for (int32_t fx = 0; fx < fs.w; ++fx) {
              const int32_t in_x = in_x_origin + p.dilation_w * fx;
              if (in_x < 0 || in_x >= is.w || in_y < 0 || in_y >= is.h) continue;
              const int16_t* in =
                  args.input_data + ((b * is.h + in_y) * is.w + in_x) * is.c + group * filter_input_depth;
              const int8_t* w = args.filter_data + ((oc * fs.h + fy) * fs.w + fx) * fs.c;
              for (int32_t ic = 0; ic < filter_input_depth; ++ic) {
                acc += static_cast<int32_t>(w[ic]) * static_cast<int32_t>(in[ic]);
              }
            }
          }
          if (args.bias != nullptr) acc += args.bias[oc];
          const int32_t c = p.channel_count > 1 ? oc : 0;
          int32_t out = multiply_by_quantized_multiplier_s64(acc, args.multipliers[c], args.shifts[c]);
          out = out < p.act_min ? p.act_min : out;
          out = out > p.act_max ? p.act_max : out;
          args.output_data[((b * os.h + oy) * os.w + ox) * os.c + oc] = static_cast<int16_t>(out);
        }
      }
    }
  }
}

}  // namespace qrt
