// FULLY_CONNECTED, float32 reference (TFLite reference_ops::FullyConnected: float sum over the
// input depth, then + bias, then the fused clamp).
#include "common_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {

void fully_connected_f32_ref(const FullyConnectedF32Args& a) {
  const FullyConnectedParams& p = *a.params;
  for (int32_t b = 0; b < a.batches; ++b) {
    const float* in_row = a.input + b * a.input_depth;
    for (int32_t o = 0; o < a.output_depth; ++o) {
      const float* w_row = a.weights + o * a.input_depth;
      float total = 0.f;
      for (int32_t i = 0; i < a.input_depth; ++i) total += in_row[i] * w_row[i];
      const float bias = a.bias != nullptr ? a.bias[o] : 0.f;
      a.output[b * a.output_depth + o] =
          f32_detail::clamp_activation(total + bias, p.float_act_min, p.float_act_max);
    }
  }
}

}  // namespace qrt
