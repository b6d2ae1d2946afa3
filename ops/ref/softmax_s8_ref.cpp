// SOFTMAX int8 -> int8 reference, as TFLite's reference_ops::Softmax<int8_t, int8_t> (which TFLM
// runs): output scale 1/256, zero point -128.
//
// Per row: the difference of each input to the row maximum (<= 0) is scaled by beta * input scale
// into Q5.26 (input_multiplier, input_left_shift), exp() is evaluated in fixed point (Q0.31),
// the exps are summed in Q12.19, the sum's reciprocal is taken in Q0.31 after normalisation, and
// each output is exp * reciprocal shifted down to 8 bits. Differences below diff_min contribute 0
// (their exp would round to nothing) and give the minimum output.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt/quant/fixedpoint_nonlinear.h"

namespace qrt {

namespace {
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
}  // namespace

void softmax_s8_ref(const SoftmaxParams& params, int32_t rows, int32_t depth, const int8_t* input,
                    int8_t* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    int8_t* out = output + r * depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c) max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    int32_t sum_of_exps = 0;  // Q12.19
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t input_diff = static_cast<int32_t>(in[c]) - max_in_row;
      if (input_diff >= params.diff_min) {
        const int32_t scaled_diff = multiply_by_quantized_multiplier_greater_than_one(
            input_diff, params.input_multiplier, params.input_left_shift);
        const int32_t exp_q0 = exp_on_negative_values(scaled_diff, kScaledDiffIntegerBits);
        sum_of_exps = add_wrapping(sum_of_exps, rescale_q(exp_q0, 0, kAccumulationIntegerBits));
      }
    }

    // The row maximum contributes exp(0) = 1, so sum_of_exps >= 2^19 > 0.
    int num_bits_over_unit = 0;
    const int32_t shifted_scale = reciprocal_q0(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    // Q0.31 * Q0.31 -> Q0.31, then down to Q0.8 and divided by 2^num_bits_over_unit. TFLite
    // aborts when this exceeds 31 (rows of more than 256 equal maxima); it is clamped here.
    int exponent = num_bits_over_unit + 31 - 8;
    exponent = exponent > 31 ? 31 : exponent;

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t input_diff = static_cast<int32_t>(in[c]) - max_in_row;
      if (input_diff >= params.diff_min) {
        const int32_t scaled_diff = multiply_by_quantized_multiplier_greater_than_one(
            input_diff, params.input_multiplier, params.input_left_shift);
        const int32_t exp_q0 = exp_on_negative_values(scaled_diff, kScaledDiffIntegerBits);
        const int32_t unsat = rounding_divide_by_pot(
            saturating_rounding_doubling_high_mul(shifted_scale, exp_q0), exponent);
        out[c] = saturate_to_s8(unsat - 128);
      } else {
        out[c] = -128;
      }
    }
  }
}

}  // namespace qrt
