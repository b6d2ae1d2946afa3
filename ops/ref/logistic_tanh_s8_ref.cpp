// LOGISTIC and TANH int8 references, as TFLite's reference_integer_ops::Logistic and Tanh.
//
// The input minus its zero point is rescaled into Q4.27 by (input_multiplier, input_left_shift)
// (= input scale * 2^27), the function is evaluated in fixed point (Q0.31 result) and shifted
// down: LOGISTIC to scale 1/256 with zero point -128, TANH to scale 1/128 with zero point 0.
// Inputs at or beyond input_range_radius saturate directly (the Q4.27 rescale would overflow).
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt/quant/fixedpoint_nonlinear.h"

namespace qrt {

namespace {
constexpr int kInputIntegerBits = 4;
}  // namespace

void logistic_s8_ref(const LogisticParams& params, int32_t count, const int8_t* input,
                     int8_t* output) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - params.input_zero_point;
    if (x <= -params.input_range_radius) {
      output[i] = -128;
    } else if (x >= params.input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t x_q4 =
          multiply_by_quantized_multiplier(x, params.input_multiplier, params.input_left_shift);
      const int32_t y_q0 = logistic_fixed(x_q4, kInputIntegerBits);
      // Q0.31 -> 8 fractional bits (scale 1/256), then the -128 zero point.
      output[i] = saturate_to_s8(rounding_divide_by_pot(y_q0, 31 - 8) - 128);
    }
  }
}

void tanh_s8_ref(const LogisticParams& params, int32_t count, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - params.input_zero_point;
    if (x <= -params.input_range_radius) {
      output[i] = -128;
    } else if (x >= params.input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t x_q4 =
          multiply_by_quantized_multiplier(x, params.input_multiplier, params.input_left_shift);
      const int32_t y_q0 = tanh_fixed(x_q4, kInputIntegerBits);
      // Q0.31 -> 7 fractional bits (scale 1/128), zero point 0.
      output[i] = saturate_to_s8(rounding_divide_by_pot(y_q0, 31 - 7));
    }
  }
}

}  // namespace qrt
