// Advanced SIMD (AArch64) helpers of the ops/neon kernels: the reference output stage on four
// int32 lanes, and narrow stores.
//
// requantize_s32x4 is multiply_by_quantized_multiplier (quant/include/qrt/quant/fixedpoint.h)
// lane by lane, bit for bit, as in TFLite's NEON kernels:
//  - SSHL by a register drops the bits shifted out: the wrapping left shift of
//    shift_left_wrapping;
//  - SQRDMULH computes (2ab + 2^31) >> 32 with saturation, which equals gemmlowp's
//    SaturatingRoundingDoublingHighMul: for ab >= 0 both are floor((ab + 2^30) / 2^31); for
//    ab = -n < 0 gemmlowp's trunc((1 - 2^30 - n) / 2^31) = -floor((n + 2^30 - 1) / 2^31), and
//    floor((2^30 - n) / 2^31) is the same integer; INT32_MIN * INT32_MIN saturates in both;
//  - SRSHL by -e rounds half up; rounding_divide_by_pot rounds half away from zero, so negative
//    values are first lowered by one (saturating; only INT32_MIN, an exact multiple, is affected
//    and gives the same result). x & shift has its sign bit set exactly when x < 0 and e > 0.
#ifndef QRT_OPS_NEON_NEON_UTIL_H
#define QRT_OPS_NEON_NEON_UTIL_H

#include <arm_neon.h>
#include <stdint.h>
#include <string.h>

namespace qrt {
namespace neon {

inline int32x4_t requantize_s32x4(int32x4_t x, int32x4_t multiplier, int32x4_t shift) {
  const int32x4_t zero = vdupq_n_s32(0);
  const int32x4_t left = vmaxq_s32(shift, zero);
  const int32x4_t right = vminq_s32(shift, zero);  // -e: SRSHL by a negative count shifts right
  x = vshlq_s32(x, left);
  x = vqrdmulhq_s32(x, multiplier);
  x = vqaddq_s32(x, vshrq_n_s32(vandq_s32(x, right), 31));
  return vrshlq_s32(x, right);
}

// The output stage of four channels: requantize, add the output zero point, max with act_min then
// min with act_max (as the reference). Lanes end in [-128, 127].
struct OutputStage {
  int32x4_t output_offset, act_min, act_max;
};

inline OutputStage output_stage_of(int32_t output_offset, int32_t act_min, int32_t act_max) {
  OutputStage s;
  s.output_offset = vdupq_n_s32(output_offset);
  s.act_min = vdupq_n_s32(act_min);
  s.act_max = vdupq_n_s32(act_max);
  return s;
}

inline int32x4_t output_stage(const OutputStage& s, int32x4_t acc, int32x4_t multiplier,
                              int32x4_t shift) {
  int32x4_t v = vaddq_s32(requantize_s32x4(acc, multiplier, shift), s.output_offset);
  v = vmaxq_s32(v, s.act_min);
  return vminq_s32(v, s.act_max);
}

// Eight lanes in [-128, 127] as eight bytes.
inline int8x8_t narrow_s32x8(int32x4_t lo, int32x4_t hi) {
  return vmovn_s16(vcombine_s16(vmovn_s32(lo), vmovn_s32(hi)));
}

// The first n (<= 4) of four results.
inline void store_s8x4(int8_t* dst, int32x4_t v, int32_t n) {
  int8_t bytes[8];
  vst1_s8(bytes, narrow_s32x8(v, v));
  memcpy(dst, bytes, static_cast<size_t>(n));
}

}  // namespace neon
}  // namespace qrt

#endif  // QRT_OPS_NEON_NEON_UTIL_H
