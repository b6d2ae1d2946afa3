// SVDF float32 reference, as TFLM's EvalFloatSvdfReference: the same products and sums in the
// same order (each dot product from 0.0f; a unit's output from its bias, then each of its
// filters' time dot products), so the same bits except under TANH (qrt's own tanh).
#include <string.h>

#include "qrt/ops/kernels_f32.h"
#include "qrt/ops/math_f32.h"

namespace qrt {
namespace {

bool sign_bit(float a) {
  uint32_t bits;
  memcpy(&bits, &a, 4);
  return (bits >> 31) != 0;
}

// schema.fbs ActivationFunctionType, as TFLM's ActivationValFloat.
float activate(int32_t activation, float a) {
  switch (activation) {
    case 1: return a > 0.0f ? a : 0.0f;                        // RELU
    case 2: return a < -1.0f ? -1.0f : (a > 1.0f ? 1.0f : a);  // RELU_N1_TO_1
    case 3: return a < 0.0f ? 0.0f : (a > 6.0f ? 6.0f : a);    // RELU6
    case 4: return tanh_f32(a);                                // TANH
    case 5: return sign_bit(a) ? 1.0f : 0.0f;                  // SIGN_BIT
    default: return a;                                         // NONE
  }
}

}  // namespace

void svdf_f32_ref(const SvdfF32Args& a) {
  const SvdfParams& p = *a.params;
  const size_t per_batch = static_cast<size_t>(a.filters) * static_cast<size_t>(a.memory);
  memmove(a.state, a.state + 1, (static_cast<size_t>(a.batch) * per_batch - 1) * sizeof(float));
  for (int32_t b = 0; b < a.batch; ++b) {
    const float* x = a.input + static_cast<size_t>(b) * a.input_size;
    float* s = a.state + static_cast<size_t>(b) * per_batch;
    for (int32_t f = 0; f < a.filters; ++f) {
      const float* w = a.weights_feature + static_cast<size_t>(f) * a.input_size;
      float dot = 0.0f;
      for (int32_t c = 0; c < a.input_size; ++c) dot += w[c] * x[c];
      s[static_cast<size_t>(f) * a.memory + (a.memory - 1)] = dot;
    }
  }
  const int32_t units = a.filters / p.rank;
  for (int32_t b = 0; b < a.batch; ++b) {
    const float* s = a.state + static_cast<size_t>(b) * per_batch;
    for (int32_t u = 0; u < units; ++u) {
      float sum = a.bias != nullptr ? a.bias[u] : 0.0f;
      for (int32_t r = 0; r < p.rank; ++r) {
        const size_t f = static_cast<size_t>(u) * p.rank + r;
        float dot = 0.0f;
        for (int32_t j = 0; j < a.memory; ++j) dot += a.weights_time[f * a.memory + j] * s[f * a.memory + j];
        sum += dot;
      }
      a.output[static_cast<size_t>(b) * units + u] = activate(p.activation, sum);
    }
  }
}

}  // namespace qrt
