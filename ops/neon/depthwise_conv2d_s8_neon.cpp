// DEPTHWISE_CONV_2D int8 for AArch64 Advanced SIMD (no dot product needed), no scratch.
//
// Depth multiplier 1: sixteen, then eight channels per step. Bytes are widened to int16 (SXTL),
// the input offset added in int16 (x + offset in [-255, 255]) and SMLAL/SMLAL2 accumulate the
// products per channel in int32 lanes. Depth multiplier above 1: one input value (offset added)
// times eight consecutive output channels' weights per step (SMLAL by element). Leftover channels
// go one by one in scalar code. Taps outside the input are skipped by clipping the tap ranges once
// per output pixel; the output stage is vectorized (neon_util.h). Every value the loops read is
// copied into a local plan first (see opt::OutputStageS8). Exactness: see kernel_util_s8.h.
//
// Packed INT4 filters (depthwise_conv2d_s8s4_neon_dot), depth multiplier 1: eight channels per
// step from four weight bytes, their low and high nibbles (SHL then SSHR, SSHR) zipped back into
// channel order (ZIP1) and widened; the rest as above. Leftover channels in scalar code
// (kernel_util_s4.h); depth multipliers above 1 go to the reference.
#include "neon_util.h"
#include "qrt/ops/kernel_util_s4.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

struct Plan : opt::DepthwiseOperands {
  opt::OutputStageS8 scalar;
  neon::OutputStage vector;
};

// Output channels [oc, oc + 8): bias, output stage, store.
inline void finish8(const Plan& pl, int32x4_t lo, int32x4_t hi, int32_t oc, int8_t* out) {
  if (pl.bias != nullptr) {
    lo = vaddq_s32(lo, vld1q_s32(pl.bias + oc));
    hi = vaddq_s32(hi, vld1q_s32(pl.bias + oc + 4));
  }
  int32x4_t m_lo, m_hi, s_lo, s_hi;
  if (pl.scalar.channel_mask != 0) {
    m_lo = vld1q_s32(pl.scalar.multipliers + oc);
    m_hi = vld1q_s32(pl.scalar.multipliers + oc + 4);
    s_lo = vld1q_s32(pl.scalar.shifts + oc);
    s_hi = vld1q_s32(pl.scalar.shifts + oc + 4);
  } else {
    m_lo = m_hi = vdupq_n_s32(pl.scalar.multipliers[0]);
    s_lo = s_hi = vdupq_n_s32(pl.scalar.shifts[0]);
  }
  vst1_s8(out + oc, neon::narrow_s32x8(neon::output_stage(pl.vector, lo, m_lo, s_lo),
                                       neon::output_stage(pl.vector, hi, m_hi, s_hi)));
}

// One output channel reading input channel ic, in scalar code.
inline void single_channel(const Plan& pl, const opt::DepthwiseWindow& win, int32_t ic,
                           int32_t oc, int8_t* out) {
  out[oc] = pl.scalar.apply(opt::depthwise_channel_sum(pl, win, ic, oc), oc);
}

// Depth multiplier 1. The plan is copied to a local first: the output stores could alias it.
void pixel_dm1(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t channels = pl.g.in_c;
  const int16x8_t io = vdupq_n_s16(static_cast<int16_t>(pl.input_offset));
  int32_t c = 0;
  for (; c + 16 <= channels; c += 16) {
    int32x4_t a0 = vdupq_n_s32(0), a1 = a0, a2 = a0, a3 = a0;
    const int8_t* in_row = pl.input + win.in_first + c;
    const int8_t* f_row = pl.filter + win.f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const int8_t* f = f_row;
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const int8x16_t xb = vld1q_s8(in);
        const int8x16_t wb = vld1q_s8(f);
        const int16x8_t x_lo = vaddq_s16(vmovl_s8(vget_low_s8(xb)), io);
        const int16x8_t x_hi = vaddq_s16(vmovl_high_s8(xb), io);
        const int16x8_t w_lo = vmovl_s8(vget_low_s8(wb));
        const int16x8_t w_hi = vmovl_high_s8(wb);
        a0 = vmlal_s16(a0, vget_low_s16(x_lo), vget_low_s16(w_lo));
        a1 = vmlal_high_s16(a1, x_lo, w_lo);
        a2 = vmlal_s16(a2, vget_low_s16(x_hi), vget_low_s16(w_hi));
        a3 = vmlal_high_s16(a3, x_hi, w_hi);
        in += pl.in_col_step;
        f += channels;
      }
      in_row += pl.in_row_step;
      f_row += pl.f_row_step;
    }
    finish8(pl, a0, a1, c, out);
    finish8(pl, a2, a3, c + 8, out);
  }
  if (c + 8 <= channels) {
    int32x4_t a0 = vdupq_n_s32(0), a1 = a0;
    const int8_t* in_row = pl.input + win.in_first + c;
    const int8_t* f_row = pl.filter + win.f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const int8_t* f = f_row;
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const int16x8_t x = vaddq_s16(vmovl_s8(vld1_s8(in)), io);
        const int16x8_t w = vmovl_s8(vld1_s8(f));
        a0 = vmlal_s16(a0, vget_low_s16(x), vget_low_s16(w));
        a1 = vmlal_high_s16(a1, x, w);
        in += pl.in_col_step;
        f += channels;
      }
      in_row += pl.in_row_step;
      f_row += pl.f_row_step;
    }
    finish8(pl, a0, a1, c, out);
    c += 8;
  }
  for (; c < channels; ++c) single_channel(pl, win, c, c, out);
}

// Depth multiplier m > 1: output channel ic * m + j reads input channel ic.
void pixel_dm(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t mult = pl.depth_multiplier;
  const int32_t out_c = pl.g.out_c;
  for (int32_t ic = 0; ic < pl.g.in_c; ++ic) {
    int32_t j = 0;
    for (; j + 8 <= mult; j += 8) {
      const int32_t oc = ic * mult + j;
      int32x4_t a0 = vdupq_n_s32(0), a1 = a0;
      const int8_t* in_row = pl.input + win.in_first + ic;
      const int8_t* f_row = pl.filter + win.f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          const int16_t x = static_cast<int16_t>(*in + pl.input_offset);
          const int16x8_t w = vmovl_s8(vld1_s8(f));
          a0 = vmlal_n_s16(a0, vget_low_s16(w), x);
          a1 = vmlal_high_n_s16(a1, w, x);
          in += pl.in_col_step;
          f += out_c;
        }
        in_row += pl.in_row_step;
        f_row += pl.f_row_step;
      }
      finish8(pl, a0, a1, oc, out);
    }
    for (; j < mult; ++j) single_channel(pl, win, ic, ic * mult + j, out);
  }
}

struct PlanS4 : Plan {
  int32_t row_bytes;  // one tap's packed row of out_c values
};

void pixel_dm1_s4(const PlanS4& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const PlanS4 pl = plan;
  const int32_t channels = pl.g.in_c;
  const int16x8_t io = vdupq_n_s16(static_cast<int16_t>(pl.input_offset));
  int32_t c = 0;
  for (; c + 8 <= channels; c += 8) {
    int32x4_t a0 = vdupq_n_s32(0), a1 = a0;
    const int8_t* in_row = pl.input + win.in_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const uint8_t* f = opt::depthwise_s4_weights(pl, pl.row_bytes, fy, win.rx.begin, c);
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        uint32_t bytes;
        memcpy(&bytes, f, 4);
        const int8x8_t b = vreinterpret_s8_u32(vdup_n_u32(bytes));
        const int8x8_t lo = vshr_n_s8(vshl_n_s8(b, 4), 4), hi = vshr_n_s8(b, 4);
        const int16x8_t w = vmovl_s8(vzip1_s8(lo, hi));
        const int16x8_t x = vaddq_s16(vmovl_s8(vld1_s8(in)), io);
        a0 = vmlal_s16(a0, vget_low_s16(x), vget_low_s16(w));
        a1 = vmlal_high_s16(a1, x, w);
        in += pl.in_col_step;
        f += pl.row_bytes;
      }
      in_row += pl.in_row_step;
    }
    finish8(pl, a0, a1, c, out);
  }
  for (; c < channels; ++c) out[c] = pl.scalar.apply(opt::depthwise_channel_sum_s4(pl, pl.row_bytes, win, c), c);
}

void pixel_dm_unused(const PlanS4&, const opt::DepthwiseWindow&, int8_t*) {}

}  // namespace

void depthwise_conv2d_s8s4_neon_dot(const ConvS8Args& args) {
  if (args.params->depth_multiplier != 1) {
    depthwise_conv2d_s8s4_ref(args);
    return;
  }
  PlanS4 pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.scalar = opt::output_stage_s8(args);
  pl.vector = neon::output_stage_of(pl.scalar.output_offset, pl.scalar.act_min, pl.scalar.act_max);
  pl.row_bytes = int4_row_bytes(pl.g.out_c);
  opt::run_depthwise<pixel_dm1_s4, pixel_dm_unused>(pl, args.output_data);
}

void depthwise_conv2d_s8_neon(const ConvS8Args& args) {
  Plan pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.scalar = opt::output_stage_s8(args);
  pl.vector = neon::output_stage_of(pl.scalar.output_offset, pl.scalar.act_min, pl.scalar.act_max);
  opt::run_depthwise<pixel_dm1, pixel_dm>(pl, args.output_data);
}

}  // namespace qrt
