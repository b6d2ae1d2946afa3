// LEAKY_RELU int8 / int16 reference, as TFLM's QuantizeLeakyRelu: the identity multiplier for
// x - zero point >= 0, the alpha multiplier below; a negative alpha multiplies by |alpha| and
// negates, since the fixed-point multiply takes a non-negative multiplier.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <typename T, int32_t kMin, int32_t kMax>
void leaky_relu(const LeakyReluParams& p, int32_t count, const T* input, T* output) {
  const bool negative_alpha = p.multiplier_alpha < 0;
  const int32_t alpha = negative_alpha ? -p.multiplier_alpha : p.multiplier_alpha;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    // Wrapping sums: TFLite's int32 arithmetic, without undefined overflow for a hostile blob.
    int32_t v = p.output_zero_point;
    if (x >= 0) {
      v = add_wrapping(v, multiply_by_quantized_multiplier(x, p.multiplier_identity, p.shift_identity));
    } else {
      const int32_t scaled = multiply_by_quantized_multiplier(x, alpha, p.shift_alpha);
      v = negative_alpha ? sub_wrapping(v, scaled) : add_wrapping(v, scaled);
    }
    output[i] = static_cast<T>(clamp_s32(v, kMin, kMax));
  }
}

}  // namespace

void leaky_relu_s8_ref(const LeakyReluParams& params, int32_t count, const int8_t* input,
                       int8_t* output) {
  leaky_relu<int8_t, -128, 127>(params, count, input, output);
}

void leaky_relu_s16_ref(const LeakyReluParams& params, int32_t count, const int16_t* input,
                        int16_t* output) {
  leaky_relu<int16_t, -32768, 32767>(params, count, input, output);
}

}  // namespace qrt
