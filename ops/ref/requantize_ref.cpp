// QUANTIZE between integer types, as TFLite's reference_ops::Requantize: (x - input zero point)
// times input scale / output scale, plus the output zero point, saturated to the output type.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <typename In, typename Out, int32_t kMin, int32_t kMax>
void requantize(const QuantizeParams& p, int32_t count, const In* input, Out* output) {
  for (int32_t i = 0; i < count; ++i) {
    // Wrapping subtraction: an int32 input minus its zero point is TFLite's int32 arithmetic,
    // without its undefined overflow.
    const auto x = static_cast<int32_t>(static_cast<uint32_t>(input[i]) -
                                        static_cast<uint32_t>(p.input_zero_point));
    const int32_t v = add_wrapping(multiply_by_quantized_multiplier(x, p.multiplier, p.shift),
                                   p.output_zero_point);
    output[i] = static_cast<Out>(clamp_s32(v, kMin, kMax));
  }
}

template <typename In>
void requantize_to(const QuantizeParams& p, int32_t count, const In* input, uint32_t out_bytes,
                   void* output) {
  if (out_bytes == 1) {
    requantize<In, int8_t, -128, 127>(p, count, input, static_cast<int8_t*>(output));
  } else if (out_bytes == 2) {
    requantize<In, int16_t, -32768, 32767>(p, count, input, static_cast<int16_t*>(output));
  } else {
    requantize<In, int32_t, INT32_MIN, INT32_MAX>(p, count, input, static_cast<int32_t*>(output));
  }
}

}  // namespace

void requantize_s8_ref(const QuantizeParams& params, int32_t count, const int8_t* input,
                       int8_t* output) {
  requantize<int8_t, int8_t, -128, 127>(params, count, input, output);
}

void requantize_int_ref(const QuantizeParams& params, int32_t count, uint32_t in_bytes,
                        const void* input, uint32_t out_bytes, void* output) {
  if (in_bytes == 1) {
    requantize_to(params, count, static_cast<const int8_t*>(input), out_bytes, output);
  } else if (in_bytes == 2) {
    requantize_to(params, count, static_cast<const int16_t*>(input), out_bytes, output);
  } else {
    requantize_to(params, count, static_cast<const int32_t*>(input), out_bytes, output);
  }
}

}  // namespace qrt
