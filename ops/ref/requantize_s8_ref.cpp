// QUANTIZE int8 -> int8 reference, as TFLite's reference_ops::Requantize: (x - input zero point)
// times input scale / output scale, plus the output zero point, saturated to int8.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

void requantize_s8_ref(const QuantizeParams& params, int32_t count, const int8_t* input,
                       int8_t* output) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - params.input_zero_point;
    const int32_t v = multiply_by_quantized_multiplier(x, params.multiplier, params.shift) +
                      params.output_zero_point;
    output[i] = saturate_to_s8(v);
  }
}

}  // namespace qrt
