// ADD and SUB int8 for Helium (Cortex-M55): four elements per step in int32 lanes, loaded widened
// (VLDRB.S32, the last step predicated), offset and shifted left, rescaled by VQRDMULH (gemmlowp's
// saturating rounding doubling high multiply, exactly) and a rounding right shift made exact for
// negative ties (gemmlowp's fixup: add -1 to negative values before VRSHL), summed, rescaled,
// offset, clamped and stored narrowed (VSTRB.32). Broadcasts run the reference.
#include <arm_mve.h>

#include "qrt/ops/kernel_util_add.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

// rounding_divide_by_pot(x, exponent) for exponent in [0, 31], lane by lane.
int32x4_t rounding_divide_by_pot(int32x4_t x, int32x4_t negative_exponent) {
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, negative_exponent), 31);
  return vrshlq_s32(vqaddq_s32(x, fixup), negative_exponent);
}

template <int kSign>
void add_or_sub(const BinaryS8Args& args, void (*reference)(const BinaryS8Args&)) {
  const int32_t n = opt::elementwise_count(args);
  if (n == 0) {
    reference(args);
    return;
  }
  const AddParams p = *static_cast<const AddParams*>(args.params);
  const int32x4_t shift1 = vdupq_n_s32(p.input1_shift), shift2 = vdupq_n_s32(p.input2_shift);
  const int32x4_t shift_out = vdupq_n_s32(p.output_shift);  // shifts <= 0: the negated exponents
  const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
  for (int32_t i = 0; i < n; i += 4) {
    const mve_pred16_t active = vctp32q(static_cast<uint32_t>(n - i));
    int32x4_t x = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(args.input1_data + i, active), p.input1_offset), p.left_shift);
    int32x4_t y = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(args.input2_data + i, active), p.input2_offset), p.left_shift);
    x = rounding_divide_by_pot(vqrdmulhq_n_s32(x, p.input1_multiplier), shift1);
    y = rounding_divide_by_pot(vqrdmulhq_n_s32(y, p.input2_multiplier), shift2);
    const int32x4_t raw = kSign > 0 ? vaddq_s32(x, y) : vsubq_s32(x, y);
    int32x4_t v = rounding_divide_by_pot(vqrdmulhq_n_s32(raw, p.output_multiplier), shift_out);
    v = vminq_s32(vmaxq_s32(vaddq_n_s32(v, p.output_offset), lo), hi);
    vstrbq_p_s32(args.output_data + i, v, active);
  }
}

}  // namespace

void add_s8_mve(const BinaryS8Args& args) { add_or_sub<1>(args, add_s8_ref); }
void sub_s8_mve(const BinaryS8Args& args) { add_or_sub<-1>(args, sub_s8_ref); }

}  // namespace qrt
