// RELU / RELU6 int8 reference: requantize from the input to the output quantization, then clamp,
// as TFLite Micro's ReluQuantized. TFLM's RELU6 only clamps in the input's quantization; the
// importer expresses that with the identity multiplier (2^30, shift 1, exact for |x| < 2^30) and
// equal zero points, which this same kernel reproduces exactly.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

void relu_s8_ref(const ReluParams& params, int32_t count, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - params.input_zero_point;
    int32_t v = params.output_zero_point +
                multiply_by_quantized_multiplier(x, params.multiplier, params.shift);
    v = v < params.act_min ? params.act_min : v;  // max then min: act_max wins, as in TFLM
    v = v > params.act_max ? params.act_max : v;
    output[i] = static_cast<int8_t>(v);
  }
}

}  // namespace qrt
