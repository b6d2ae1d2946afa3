// SVDF int8 references, as TFLM's EvalIntegerSvdfReference<int16_t / int8_t> (params.h says
// what each step computes). The reduction over a unit's filters adds the filters' time dot
// products straight into the bias (TFLM sums them in a scratch first; integer sums in any order
// give the same wrapped result), so no scratch memory is needed.
#include <string.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <typename T>
void svdf(const SvdfArgs& a) {
  const SvdfParams& p = *a.params;
  constexpr int32_t kMin = sizeof(T) == 1 ? -128 : -32768, kMax = -kMin - 1;
  T* state = static_cast<T*>(a.state);
  const T* weights_time = static_cast<const T*>(a.weights_time);
  const size_t per_batch = static_cast<size_t>(a.filters) * static_cast<size_t>(a.memory);
  // The whole state moves one entry towards the start: each filter's oldest entry drops out
  // and its newest slot (about to be written) receives the next filter's oldest.
  memmove(state, state + 1, (static_cast<size_t>(a.batch) * per_batch - 1) * sizeof(T));
  for (int32_t b = 0; b < a.batch; ++b) {
    const int8_t* x = a.input + static_cast<size_t>(b) * a.input_size;
    T* s = state + static_cast<size_t>(b) * per_batch;
    for (int32_t f = 0; f < a.filters; ++f) {
      const int8_t* w = a.weights_feature + static_cast<size_t>(f) * a.input_size;
      uint32_t dot = 0;  // wraps, as TFLM's int32 sum would
      for (int32_t c = 0; c < a.input_size; ++c) {
        dot += static_cast<uint32_t>(w[c] * (x[c] - p.input_zero_point));
      }
      int32_t v = multiply_by_quantized_multiplier(static_cast<int32_t>(dot), p.feature_multiplier,
                                                   p.feature_shift);
      v = clamp_s32(v, kMin, kMax);
      s[static_cast<size_t>(f) * a.memory + (a.memory - 1)] = static_cast<T>(p.state_zero_point + v);
    }
  }
  const int32_t units = a.filters / p.rank;
  for (int32_t b = 0; b < a.batch; ++b) {
    const T* s = state + static_cast<size_t>(b) * per_batch;
    for (int32_t u = 0; u < units; ++u) {
      uint32_t sum = a.bias != nullptr ? static_cast<uint32_t>(a.bias[u]) : 0u;
      for (int32_t r = 0; r < p.rank; ++r) {
        const size_t f = static_cast<size_t>(u) * p.rank + r;
        const T* wt = weights_time + f * a.memory;
        const T* sf = s + f * a.memory;
        for (int32_t j = 0; j < a.memory; ++j) {
          sum += static_cast<uint32_t>(wt[j] * (sf[j] - p.state_zero_point));
        }
      }
      const int32_t y = add_wrapping(
          multiply_by_quantized_multiplier(static_cast<int32_t>(sum), p.output_multiplier, p.output_shift),
          p.output_zero_point);
      a.output[static_cast<size_t>(b) * units + u] = saturate_to_s8(y);
    }
  }
}

}  // namespace

void svdf_s8_state_s16_ref(const SvdfArgs& args) { svdf<int16_t>(args); }
void svdf_s8_state_s8_ref(const SvdfArgs& args) { svdf<int8_t>(args); }

}  // namespace qrt
