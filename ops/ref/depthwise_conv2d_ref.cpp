// DEPTHWISE_CONV_2D references with per-channel requantization, as TFLite's
// reference_integer_ops::DepthwiseConvPerChannel: output channel m + ic * depth_multiplier reads
// input channel ic; filter [1, kh, kw, out_c]. int8, and 16x8 (int16 input, no input offset,
// int64 accumulator).
#include "conv_accumulate.h"

namespace qrt {
namespace {

template <typename A, typename Args>
void depthwise_conv2d(const Args& args) {
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
            typename A::Acc acc = 0;
            for (int32_t fy = 0; fy < fs.h; ++fy) {
              const int32_t in_y = in_y_origin + p.dilation_h * fy;
              for (int32_t fx = 0; fx < fs.w; ++fx) {
                const int32_t in_x = in_x_origin + p.dilation_w * fx;
                if (in_x < 0 || in_x >= is.w || in_y < 0 || in_y >= is.h) continue;
                const int32_t in_val = args.input_data[((b * is.h + in_y) * is.w + in_x) * is.c + ic];
                const int32_t w_val = args.filter_data[(fy * fs.w + fx) * fs.c + oc];
                acc = A::add(acc, w_val * (in_val + p.input_offset));
              }
            }
            args.output_data[((b * os.h + oy) * os.w + ox) * os.c + oc] =
                static_cast<typename A::Out>(
                    ref::finish_channel<A>(args, acc, oc));
          }
        }
      }
    }
  }
}

}  // namespace

void depthwise_conv2d_s8_ref(const ConvS8Args& args) { depthwise_conv2d<ref::AccumulateS8>(args); }
void depthwise_conv2d_s16_ref(const ConvS16Args& args) {
  depthwise_conv2d<ref::AccumulateS16>(args);
}

}  // namespace qrt
