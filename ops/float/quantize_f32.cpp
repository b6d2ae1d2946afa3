// QUANTIZE float32 -> int8 and DEQUANTIZE int8 -> float32 at the boundary between a float and
// an integer part of a graph (TFLite reference_ops::AffineQuantize and Dequantize).
#include <math.h>

#include "qrt/ops/kernels_f32.h"

namespace qrt {

void quantize_f32_s8_ref(const QuantizeParams& params, int32_t count, const float* input,
                         int8_t* output) {
  const float scale = params.scale;
  const int32_t zero_point = params.output_zero_point;
  // Saturate in the float domain, before the int conversion (which would be undefined beyond
  // int32): r <= -128 - zp gives -128, r >= 127 - zp gives 127. Both bounds are small integers,
  // exact in float. roundf rounds halfway cases away from zero, as TfLiteRound (std::round).
  const float low = static_cast<float>(-128 - zero_point);
  const float high = static_cast<float>(127 - zero_point);
  for (int32_t i = 0; i < count; ++i) {
    const float r = roundf(input[i] / scale);
    int32_t q;
    if (r <= low) {
      q = -128;
    } else if (r >= high) {
      q = 127;
    } else if (r == r) {
      q = static_cast<int32_t>(r) + zero_point;
    } else {
      q = zero_point;  // NaN: real value 0
    }
    output[i] = static_cast<int8_t>(q);
  }
}

void dequantize_s8_f32_ref(const QuantizeParams& params, int32_t count, const int8_t* input,
                           float* output) {
  // TFLite multiplies in double and rounds to float. (q - zp) needs 9 bits and the scale 24, so
  // the product is exact in either precision and the float product, rounded once, is the same
  // value, without double arithmetic (software-emulated on single-precision FPUs such as Cortex-M4F).
  const float scale = params.scale;
  const int32_t zero_point = params.input_zero_point;
  for (int32_t i = 0; i < count; ++i) {
    output[i] = static_cast<float>(input[i] - zero_point) * scale;
  }
}

}  // namespace qrt
