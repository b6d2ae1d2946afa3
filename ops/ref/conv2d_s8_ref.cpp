// CONV_2D int8 reference with per-channel requantization, as TFLite's
// reference_integer_ops::ConvPerChannel (which TFLM uses for per-tensor filters too, with the one
// scale broadcast to every channel). Supports grouped convolution (filter in_c dividing the input
// channels), as TFLite does. The packed INT4 filter form (TFLite's int4 filters, which it unpacks to
// int8 before this same loop) reads its weights through filter_s4.h's reader.
#include "filter_s4.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <class Filter>
void conv2d_ref(const ConvS8Args& args, Filter filter) {
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
          int32_t acc = 0;
          for (int32_t fy = 0; fy < fs.h; ++fy) {
            const int32_t in_y = in_y_origin + p.dilation_h * fy;
            for (int32_t fx = 0; fx < fs.w; ++fx) {
              const int32_t in_x = in_x_origin + p.dilation_w * fx;
              // Zero padding: taps outside the image contribute nothing (not input_offset * w).
              if (in_x < 0 || in_x >= is.w || in_y < 0 || in_y >= is.h) continue;
              const int8_t* in =
                  args.input_data + ((b * is.h + in_y) * is.w + in_x) * is.c + group * filter_input_depth;
              const int32_t row = (oc * fs.h + fy) * fs.w + fx;
              for (int32_t ic = 0; ic < filter_input_depth; ++ic) {
                acc = add_wrapping(acc, filter.at(row, ic) * (static_cast<int32_t>(in[ic]) + p.input_offset));
              }
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

}  // namespace

void conv2d_s8_ref(const ConvS8Args& args) {
  conv2d_ref(args, FilterS8{args.filter_data, args.filter.c});
}

void conv2d_s8s4_ref(const ConvS8Args& args) {
  conv2d_ref(args, FilterS4::of(args.filter_data, args.filter.c));
}

}  // namespace qrt
