// DEPTHWISE_CONV_2D int8 for Helium (Cortex-M55), no scratch.
//
// Depth multiplier 1: eight channels per vector. Bytes are loaded widened to int16 (VLDRB.S16),
// the input offset is added in int16 (x + offset lies in [-255, 255]), and VMULLB/VMULLT multiply
// the even and odd lanes into int32 products that accumulate per channel: even channels in one
// vector, odd channels in another. Their output stages take the even/odd channels' multipliers by
// gather loads, and VMOVNB/VMOVNT interleave the results back into channel order for one
// predicated byte store. Leftover channels are predicated lanes (VCTP), never a scalar loop.
// Depth multiplier above 1: four consecutive output channels (one input channel) per vector,
// VMLA by the scalar input value. Taps outside the input are skipped by clipping the tap ranges
// once per output pixel. Every value the loops read is copied into a local plan first (see
// opt::OutputStageS8). Exactness: see kernel_util_s8.h and mve_util.h.
#include "mve_util.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

struct Plan : opt::DepthwiseOperands {
  mve::OutputStage stage;
};

// Depth multiplier 1. The plan is copied to a local first: the output stores could alias it.
void pixel_dm1(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t channels = pl.g.in_c;
  const int16_t offset = static_cast<int16_t>(pl.input_offset);
  const mve::EvenOdd lanes = mve::even_odd_offsets();
  for (int32_t c = 0; c < channels; c += 8) {
    const int32_t left = channels - c;
    const mve_pred16_t active = vctp16q(static_cast<uint32_t>(left));
    int32x4_t acc_even = vdupq_n_s32(0);
    int32x4_t acc_odd = vdupq_n_s32(0);
    const int8_t* in_row = pl.input + win.in_first + c;
    const int8_t* f_row = pl.filter + win.f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const int8_t* f = f_row;
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const int16x8_t x = vaddq_n_s16(vldrbq_z_s16(in, active), offset);
        const int16x8_t w = vldrbq_z_s16(f, active);
        acc_even = vaddq_s32(acc_even, vmullbq_int_s16(x, w));
        acc_odd = vaddq_s32(acc_odd, vmulltq_int_s16(x, w));
        in += pl.in_col_step;
        f += channels;
      }
      in_row += pl.in_row_step;
      f_row += pl.f_row_step;
    }
    mve::store_even_odd_s8(pl.stage, pl.bias, c, lanes, acc_even, acc_odd, left, active, out + c);
  }
}

// Depth multiplier m > 1: output channel ic * m + j reads input channel ic.
void pixel_dm(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t mult = pl.depth_multiplier;
  const int32_t out_c = pl.g.out_c;
  for (int32_t ic = 0; ic < pl.g.in_c; ++ic) {
    for (int32_t j = 0; j < mult; j += 4) {
      const int32_t oc = ic * mult + j;
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(mult - j));
      int32x4_t acc = pl.bias != nullptr ? vldrwq_z_s32(pl.bias + oc, active) : vdupq_n_s32(0);
      const int8_t* in_row = pl.input + win.in_first + ic;
      const int8_t* f_row = pl.filter + win.f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          acc = vmlaq_n_s32(acc, vldrbq_z_s32(f, active), *in + pl.input_offset);
          in += pl.in_col_step;
          f += out_c;
        }
        in_row += pl.in_row_step;
        f_row += pl.f_row_step;
      }
      vstrbq_p_s32(out + oc, mve::output_stage(pl.stage, acc, oc, active), active);
    }
  }
}

}  // namespace

void depthwise_conv2d_s8_mve(const ConvS8Args& args) {
  Plan pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.stage = mve::conv_output_stage(args);
  opt::run_depthwise<pixel_dm1, pixel_dm>(pl, args.output_data);
}

}  // namespace qrt
