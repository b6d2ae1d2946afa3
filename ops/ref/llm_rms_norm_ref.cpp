// RMS_NORM reference: integer square root and one reciprocal per vector (kernels_llm.h).
#include "llm_common.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint_llm.h"

namespace qrt {

void llm_rms_norm_ref(const LlmRmsNormArgs& a) {
  // 1. Headroom: |x| < 2^23 keeps each square below 2^46 and the sum of up to 2^16 of them
  //    below 2^62. The input scale cancels in x / rms, so a common right shift changes nothing but
  //    the eps term (divided by 2^2k) and the bits below 2^-23 of the largest value.
  uint32_t max_abs = 0;
  for (int32_t i = 0; i < a.dim; ++i) {
    const int32_t x = a.input[i];
    const uint32_t m = x < 0 ? 0u - static_cast<uint32_t>(x) : static_cast<uint32_t>(x);
    if (m > max_abs) max_abs = m;
  }
  int k = 0;
  while ((max_abs >> k) >= (1u << 23)) ++k;
  // 2. Sum of squares plus eps.
  uint64_t sum = 0;
  for (int32_t i = 0; i < a.dim; ++i) {
    const int64_t x = rounding_shift_right_s64(a.input[i], k);
    sum += static_cast<uint64_t>(x * x);
  }
  sum += a.eps_term >> (2 * k);
  // 3. 1 / sqrt(S) = mantissa * 2^(exponent - 62); v = x / sqrt(S) in Q0.31 is
  //    x * mantissa * 2^(exponent - 31), a right shift by 31 - exponent in [0, 31].
  int64_t mantissa;
  int exponent;
  inverse_sqrt_u64(sum, &mantissa, &exponent);
  for (int32_t i = 0; i < a.dim; ++i) {
    const int64_t x = rounding_shift_right_s64(a.input[i], k);  // |x| < 2^23: |x * mantissa| < 2^54
    const int32_t v = saturate_s64_to_s32(rounding_shift_right_s64(x * mantissa, 31 - exponent));
    // 4. Per-element weight * sqrt(dim) / output scale.
    llm::store_saturated(a.output_type, a.output, i, requantize_s64(v, a.multipliers[i], a.shifts[i]));
  }
}

}  // namespace qrt
