// Helium (MVE) helpers of the ops/mve kernels: the reference output stage on four int32 lanes.
//
// requantize_s32x4 is multiply_by_quantized_multiplier (quant/include/qrt/quant/fixedpoint.h)
// lane by lane, bit for bit:
//  - the left shift (shift > 0) is VSHL by a register, which drops the bits shifted out: the
//    wrapping shift of shift_left_wrapping;
//  - VQRDMULH computes (2ab + 2^31) >> 32 with saturation, which equals gemmlowp's
//    SaturatingRoundingDoublingHighMul: for ab >= 0 both are floor((ab + 2^30) / 2^31); for
//    ab = -n < 0 gemmlowp's trunc((1 - 2^30 - n) / 2^31) = -floor((n + 2^30 - 1) / 2^31), and
//    floor((2^30 - n) / 2^31) is the same integer; INT32_MIN * INT32_MIN saturates in both;
//  - VRSHL by -e rounds half up; rounding_divide_by_pot rounds half away from zero, so negative
//    values are first lowered by one (saturating; only INT32_MIN, an exact multiple, is affected
//    and it gives the same result). x & shift has its sign bit set exactly when x < 0 and e > 0.
#ifndef QRT_OPS_MVE_MVE_UTIL_H
#define QRT_OPS_MVE_MVE_UTIL_H

#include <arm_mve.h>
#include <stdint.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace mve {

inline int32x4_t requantize_s32x4(int32x4_t x, int32x4_t multiplier, int32x4_t shift) {
  const int32x4_t zero = vdupq_n_s32(0);
  const int32x4_t left = vmaxq_s32(shift, zero);
  const int32x4_t right = vminq_s32(shift, zero);  // -e: VRSHL by a negative count shifts right
  x = vshlq_s32(x, left);
  x = vqrdmulhq_s32(x, multiplier);
  x = vqaddq_s32(x, vshrq_n_s32(vandq_s32(x, right), 31));
  return vrshlq_s32(x, right);
}

// The output stage of four channels: requantize, add the output zero point, max with act_min then
// min with act_max (as the reference). The result lanes are in [-128, 127].
struct OutputStage {
  int32x4_t output_offset, act_min, act_max;
  bool per_channel;
  const int32_t* multipliers;
  const int32_t* shifts;
};

inline OutputStage conv_output_stage(const ConvS8Args& a) {
  const ConvParams& p = *a.params;
  OutputStage s;
  s.output_offset = vdupq_n_s32(p.output_offset);
  s.act_min = vdupq_n_s32(p.act_min);
  s.act_max = vdupq_n_s32(p.act_max);
  s.per_channel = p.channel_count > 1;
  s.multipliers = a.multipliers;
  s.shifts = a.shifts;
  return s;
}

// acc of four channels whose multipliers and shifts are m and sh.
inline int32x4_t output_stage(const OutputStage& s, int32x4_t acc, int32x4_t m, int32x4_t sh) {
  int32x4_t v = vaddq_s32(requantize_s32x4(acc, m, sh), s.output_offset);
  v = vmaxq_s32(v, s.act_min);
  return vminq_s32(v, s.act_max);
}

// Channels [c, c + 4), of which the `active` lanes are valid (the others are never stored).
inline int32x4_t output_stage(const OutputStage& s, int32x4_t acc, int32_t c,
                              mve_pred16_t active) {
  if (!s.per_channel) {
    return output_stage(s, acc, vdupq_n_s32(s.multipliers[0]), vdupq_n_s32(s.shifts[0]));
  }
  return output_stage(s, acc, vldrwq_z_s32(s.multipliers + c, active),
                      vldrwq_z_s32(s.shifts + c, active));
}

// Quantization parameters of the even (c, c+2, c+4, c+6) or odd channels of a block of eight.
struct LaneParams {
  int32x4_t multiplier, shift, bias;
};

inline LaneParams lane_params(const OutputStage& s, const int32_t* bias, int32_t c,
                              uint32x4_t offsets, mve_pred16_t active) {
  LaneParams lp;
  if (s.per_channel) {
    lp.multiplier = vldrwq_gather_shifted_offset_z_s32(s.multipliers + c, offsets, active);
    lp.shift = vldrwq_gather_shifted_offset_z_s32(s.shifts + c, offsets, active);
  } else {
    lp.multiplier = vdupq_n_s32(s.multipliers[0]);
    lp.shift = vdupq_n_s32(s.shifts[0]);
  }
  lp.bias = bias != nullptr ? vldrwq_gather_shifted_offset_z_s32(bias + c, offsets, active)
                            : vdupq_n_s32(0);
  return lp;
}

// The lane offsets of the even (0, 2, 4, 6) and odd (1, 3, 5, 7) channels of a block of eight,
// made once per kernel (the compiler does not hoist VIDUP out of the loops).
struct EvenOdd {
  uint32x4_t even, odd;
};
inline EvenOdd even_odd_offsets() { return EvenOdd{vidupq_n_u32(0, 2), vidupq_n_u32(1, 2)}; }

// The output stage of channels c .. c + 7 (the first `left` of them stored at out, `active` its
// int16-lane predicate) from the sums of the even channels (c, c+2, ...) and of the odd ones, as
// the depthwise kernels accumulate them: bias and parameters by gather loads, results
// interleaved back by VMOVNB / VMOVNT.
inline void store_even_odd_s8(const OutputStage& s, const int32_t* bias, int32_t c, const EvenOdd& lanes,
                              int32x4_t acc_even, int32x4_t acc_odd, int32_t left, mve_pred16_t active,
                              int8_t* out) {
  const uint32x4_t even = lanes.even, odd = lanes.odd;
  const mve_pred16_t even_active = vctp32q(static_cast<uint32_t>((left + 1) / 2));
  const mve_pred16_t odd_active = vctp32q(static_cast<uint32_t>(left / 2));
  const LaneParams pe = lane_params(s, bias, c, even, even_active);
  const LaneParams po = lane_params(s, bias, c, odd, odd_active);
  const int32x4_t re = output_stage(s, vaddq_s32(acc_even, pe.bias), pe.multiplier, pe.shift);
  const int32x4_t ro = output_stage(s, vaddq_s32(acc_odd, po.bias), po.multiplier, po.shift);
  int16x8_t r = vmovnbq_s32(vdupq_n_s16(0), re);
  r = vmovntq_s32(r, ro);
  vstrbq_p_s16(out, r, active);
}

// Four scalars as a vector.
inline int32x4_t make_s32x4(int32_t a0, int32_t a1, int32_t a2, int32_t a3) {
  int32x4_t v = vdupq_n_s32(a0);
  v = vsetq_lane_s32(a1, v, 1);
  v = vsetq_lane_s32(a2, v, 2);
  return vsetq_lane_s32(a3, v, 3);
}

}  // namespace mve
}  // namespace qrt

#endif  // QRT_OPS_MVE_MVE_UTIL_H
