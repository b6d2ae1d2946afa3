// CONV_2D and DEPTHWISE_CONV_2D 16x8 references, as TFLite's reference_integer_ops::ConvPerChannel
// and DepthwiseConvPerChannel for int16 input: no input offset (symmetric int16), int64
// accumulation of int8 x int16 products, the channel rules of the int8 kernels, the 64-bit
// requantization, then the clamp. Kept apart from the int8 kernels on purpose: one template for
// both cost the int8 reference 10-14% more instructions on Cortex-M3 (an operand reloaded from
// the stack inside the innermost loop), measured per inference on person_detect, ic01, kws01.
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

void depthwise_conv2d_s16_ref(const ConvS16Args& args) {
  const ConvParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& fs = args.filter;
  const Shape4& os = args.output;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y_origin = oy * p.stride_h - p.pad_top;
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x_origin = ox * p.stride_w - p.pad_left;
        for (int32_t ic = 0; ic < is.c; ++ic) {
          for (int32_t m = 0; m < p.depth_multiplier; ++m) {
            const int32_t oc = m + ic * p.depth_multiplier;
            int64_t acc = 0;
            for (int32_t fy = 0; fy < fs.h; ++fy) {
              const int32_t in_y = in_y_origin + p.dilation_h * fy;
              for (int32_t fx = 0; fx < fs.w; ++fx) {
                const int32_t in_x = in_x_origin + p.dilation_w * fx;
                if (in_x < 0 || in_x >= is.w || in_y < 0 || in_y >= is.h) continue;
                acc += static_cast<int64_t>(args.filter_data[(fy * fs.w + fx) * fs.c + oc]) *
                       args.input_data[((b * is.h + in_y) * is.w + in_x) * is.c + ic];
              }
            }
            if (args.bias != nullptr) acc += args.bias[oc];
            const int32_t c = p.channel_count > 1 ? oc : 0;
            const int32_t out =
                multiply_by_quantized_multiplier_s64(acc, args.multipliers[c], args.shifts[c]);
            args.output_data[((b * os.h + oy) * os.w + ox) * os.c + oc] =
                static_cast<int16_t>(clamp_s32(out, p.act_min, p.act_max));
          }
        }
      }
    }
  }
}

}  // namespace qrt
