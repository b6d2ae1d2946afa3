// HARD_SWISH and PRELU int8 references, as TFLite's reference_ops::HardSwish and
// BroadcastPrelu4DSlow (params.h says what each parameter is).
//
// HARD_SWISH works in int16 fixed point with gemmlowp's int16 semantics, every intermediate
// narrowed to int16 where TFLite's is: the results are bit-exact only if each step is.
#include "broadcast4d_ref.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

constexpr int16_t kMin16 = -32768, kMax16 = 32767;

// gemmlowp's SaturatingRoundingDoublingHighMul on int16 (round half away from zero).
int16_t rounding_doubling_high_mul_s16(int16_t a, int16_t b) {
  if (a == kMin16 && b == kMin16) return kMax16;
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : 1 - (1 << 14);
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// The same, truncating towards zero (SQDMULH): TFLite uses it for the last product because it
// cancels the bias of the rounding ones.
int16_t doubling_high_mul_s16(int16_t a, int16_t b) {
  if (a == kMin16 && b == kMin16) return kMax16;
  return static_cast<int16_t>(static_cast<int32_t>(a) * b / (1 << 15));
}

// gemmlowp's RoundingDivideByPOT on int16, for exponents 0..31: its mask is (2^e - 1) narrowed
// to int16 (all ones from e = 16 on), which this keeps.
int16_t rounding_divide_by_pot_s16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

int16_t saturating_left_shift_s16(int16_t x, int amount) {
  const int64_t v = static_cast<int64_t>(x) * (int64_t{1} << amount);
  return static_cast<int16_t>(v < kMin16 ? kMin16 : v > kMax16 ? kMax16 : v);
}

}  // namespace

void hard_swish_s8_ref(const HardSwishParams& params, int32_t count, const int8_t* input,
                       int8_t* output) {
  const auto output_multiplier = static_cast<int16_t>(params.output_multiplier);
  const auto reluish_multiplier = static_cast<int16_t>(params.reluish_multiplier);
  const int reluish_exponent = params.reluish_exponent;
  for (int32_t i = 0; i < count; ++i) {
    const auto x = static_cast<int16_t>(input[i] - params.input_zero_point);
    const auto hires = static_cast<int16_t>(x * (1 << 7));
    const int16_t preshift_output = rounding_doubling_high_mul_s16(hires, output_multiplier);
    // x on the scale where 3.0 is 32768: a left exponent applied one bit late so that the
    // saturation of the last bit is the only one that shows.
    int16_t reluish = hires;
    if (reluish_exponent > 0) reluish = saturating_left_shift_s16(reluish, reluish_exponent - 1);
    reluish = rounding_doubling_high_mul_s16(reluish, reluish_multiplier);
    if (reluish_exponent > 0) reluish = saturating_left_shift_s16(reluish, 1);
    if (reluish_exponent < 0) reluish = rounding_divide_by_pot_s16(reluish, -reluish_exponent);
    // [-1, 1] -> [0, 1].
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);
    const int16_t preshift = doubling_high_mul_s16(reluish, preshift_output);
    int16_t y = rounding_divide_by_pot_s16(preshift, -params.output_exponent);
    y = static_cast<int16_t>(y + params.output_zero_point);
    output[i] = static_cast<int8_t>(y < -128 ? -128 : y > 127 ? 127 : y);
  }
}

void prelu_s8_ref(const BinaryS8Args& args) {
  const PreluParams& p = *static_cast<const PreluParams*>(args.params);
  ref::broadcast_binary(args, [&p](int8_t x, int8_t alpha) {
    const int32_t v = p.input_offset + x;
    const int32_t scaled =
        v >= 0 ? multiply_by_quantized_multiplier(v, p.multiplier_positive, p.shift_positive)
               : multiply_by_quantized_multiplier(v * (p.alpha_offset + alpha), p.multiplier_alpha,
                                                  p.shift_alpha);
    return saturate_to_s8(add_wrapping(scaled, p.output_offset));
  });
}

}  // namespace qrt
