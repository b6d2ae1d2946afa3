// TRANSPOSE_CONV int8 / int16 references, as TFLite's reference_integer_ops::TransposeConv: a
// scatter of every input element through the filter into an accumulator per output element
// (int32 for int8 with the input offset, int64 for int16), then bias, requantization (the 32-bit
// or the 64-bit form) and the clamp.
#include <string.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

// int32 sums wrap as TFLite's do on every target (no undefined overflow for any blob); int64 sums
// stay far below overflow (the loader bounds the products per output).
inline int32_t accumulate(int32_t acc, int32_t v) { return add_wrapping(acc, v); }
inline int64_t accumulate(int64_t acc, int32_t v) { return acc + v; }

template <typename Acc, typename In, typename Args>
void scatter(const Args& args, int32_t input_offset, Acc* acc) {
  const ConvParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& fs = args.filter;
  const Shape4& os = args.output;
  memset(acc, 0, static_cast<size_t>(os.n) * os.h * os.w * os.c * sizeof(Acc));
  for (int32_t b = 0; b < is.n; ++b) {
    for (int32_t iy = 0; iy < is.h; ++iy) {
      for (int32_t ix = 0; ix < is.w; ++ix) {
        const In* in = args.input_data + ((b * is.h + iy) * is.w + ix) * is.c;
        for (int32_t ic = 0; ic < is.c; ++ic) {
          const int32_t x = static_cast<int32_t>(in[ic]) + input_offset;
          for (int32_t fy = 0; fy < fs.h; ++fy) {
            const int32_t oy = iy * p.stride_h - p.pad_top + fy;
            if (oy < 0 || oy >= os.h) continue;
            for (int32_t fx = 0; fx < fs.w; ++fx) {
              const int32_t ox = ix * p.stride_w - p.pad_left + fx;
              if (ox < 0 || ox >= os.w) continue;
              Acc* out = acc + ((b * os.h + oy) * os.w + ox) * os.c;
              const int8_t* w = args.filter_data + (fy * fs.w + fx) * fs.c + ic;
              const int32_t filter_pitch = fs.h * fs.w * fs.c;
              for (int32_t oc = 0; oc < os.c; ++oc) {
                out[oc] = accumulate(out[oc], x * static_cast<int32_t>(w[oc * filter_pitch]));
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace

int64_t transpose_conv2d_scratch_bytes(Shape4 output, uint32_t element_bytes) {
  return int64_t{output.n} * output.h * output.w * output.c * element_bytes;
}

void transpose_conv2d_s8_ref(const ConvS8Args& args) {
  const ConvParams& p = *args.params;
  auto* acc = static_cast<int32_t*>(args.scratch);
  scatter<int32_t, int8_t>(args, p.input_offset, acc);
  const Shape4& os = args.output;
  const int32_t count = os.n * os.h * os.w * os.c;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t oc = i % os.c;
    int32_t v = acc[i];
    if (args.bias != nullptr) v = add_wrapping(v, args.bias[oc]);
    const int32_t c = p.channel_count > 1 ? oc : 0;
    v = add_wrapping(multiply_by_quantized_multiplier(v, args.multipliers[c], args.shifts[c]),
                     p.output_offset);
    args.output_data[i] = static_cast<int8_t>(clamp_s32(v, p.act_min, p.act_max));
  }
}

void transpose_conv2d_s16_ref(const ConvS16Args& args) {
  const ConvParams& p = *args.params;
  auto* acc = static_cast<int64_t*>(args.scratch);
  scatter<int64_t, int16_t>(args, 0, acc);
  const Shape4& os = args.output;
  const int32_t count = os.n * os.h * os.w * os.c;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t oc = i % os.c;
    int64_t v = acc[i];
    if (args.bias != nullptr) v += args.bias[oc];
    const int32_t c = p.channel_count > 1 ? oc : 0;
    const int32_t out = multiply_by_quantized_multiplier_s64(v, args.multipliers[c], args.shifts[c]);
    args.output_data[i] = static_cast<int16_t>(clamp_s32(out, p.act_min, p.act_max));
  }
}

}  // namespace qrt
