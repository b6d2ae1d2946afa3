// QUANTIZE float32 -> int8 / int16 and DEQUANTIZE int8 / int16 -> float32 at the boundary between
// a float and an integer part of a graph (TFLite reference_ops::AffineQuantize and Dequantize).
#include <math.h>

#include "qrt/ops/kernels_f32.h"

namespace qrt {

namespace {

template <typename T, int32_t kMin, int32_t kMax>
void quantize(const QuantizeParams& params, int32_t count, const float* input, T* output) {
  const float scale = params.scale;
  const int32_t zero_point = params.output_zero_point;
  // Saturate in the float domain, before the int conversion (which would be undefined beyond
  // int32): r <= min - zp gives min, r >= max - zp gives max. Both bounds are small integers,
  // exact in float. roundf rounds halfway cases away from zero, as TfLiteRound (std::round).
  const float low = static_cast<float>(kMin - zero_point);
  const float high = static_cast<float>(kMax - zero_point);
  for (int32_t i = 0; i < count; ++i) {
    const float r = roundf(input[i] / scale);
    int32_t q;
    if (r <= low) {
      q = kMin;
    } else if (r >= high) {
      q = kMax;
    } else if (r == r) {
      q = static_cast<int32_t>(r) + zero_point;
    } else {
      q = zero_point;  // NaN: real value 0
    }
    output[i] = static_cast<T>(q);
  }
}

template <typename T>
void dequantize(const QuantizeParams& params, int32_t count, const T* input, float* output) {
  // TFLite multiplies in double and rounds to float. (q - zp) is exact in float (at most 17
  // bits) and the product of two floats is exact in double, so the float product, rounded once,
  // is the same value, without double arithmetic (software-emulated on single-precision FPUs
  // such as Cortex-M4F).
  const float scale = params.scale;
  const int32_t zero_point = params.input_zero_point;
  for (int32_t i = 0; i < count; ++i) {
    output[i] = static_cast<float>(input[i] - zero_point) * scale;
  }
}

}  // namespace

void quantize_f32_s8_ref(const QuantizeParams& params, int32_t count, const float* input,
                         int8_t* output) {
  quantize<int8_t, -128, 127>(params, count, input, output);
}

void quantize_f32_s16_ref(const QuantizeParams& params, int32_t count, const float* input,
                          int16_t* output) {
  quantize<int16_t, -32768, 32767>(params, count, input, output);
}

void dequantize_s8_f32_ref(const QuantizeParams& params, int32_t count, const int8_t* input,
                           float* output) {
  dequantize(params, count, input, output);
}

void dequantize_s16_f32_ref(const QuantizeParams& params, int32_t count, const int16_t* input,
                            float* output) {
  dequantize(params, count, input, output);
}

}  // namespace qrt
