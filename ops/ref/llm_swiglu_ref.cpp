// SWIGLU and RESIDUAL_ADD references (kernels_llm.h).
#include "llm_common.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt/quant/fixedpoint_llm.h"
#include "qrt/quant/fixedpoint_nonlinear.h"

namespace qrt {

void llm_swiglu_ref(const LlmSwiGluArgs& a) {
  for (int32_t i = 0; i < a.count; ++i) {
    const int32_t g = llm::load(a.input_type, a.gate, i);
    const int32_t u = llm::load(a.input_type, a.up, i);
    // The gate in Q4.27: saturates at +-16, where the logistic is within 1.2e-7 of 0 or 1.
    const int32_t x = requantize_s64(g, a.gate_multiplier, a.gate_shift);
    const int32_t l = logistic_fixed(x, 4);  // Q0.31
    // g * u * logistic(g), in units of gate scale * up scale.
    const int32_t t = saturating_rounding_doubling_high_mul(g * u, l);
    llm::store_saturated(a.output_type, a.output, i, requantize_s64(t, a.out_multiplier, a.out_shift));
  }
}

void llm_residual_add_s32_ref(const int32_t* a, const int32_t* b, int32_t count, int32_t* out) {
  for (int32_t i = 0; i < count; ++i) {
    out[i] = saturate_s64_to_s32(static_cast<int64_t>(a[i]) + static_cast<int64_t>(b[i]));
  }
}

}  // namespace qrt
