// FULLY_CONNECTED and DEPTHWISE_CONV_2D 16x8 for AArch64 NEON (CONV_2D 16x8 keeps the reference here, see
// select/conv_fc_s16_select.cpp): eight weights per step widened to int16 (SXTL) with the
// weights offset added there, multiplied with eight int16 inputs and accumulated into int32 lanes
// (SMLAL / SMLAL2: one product per lane per step, each below 2^23). Every 128 steps (lanes below
// 2^30) the lanes are added pairwise into int64 (SADALP), so the sum is exact
// (kernel_util_s16.h).
#include <arm_neon.h>

#include "qrt/ops/kernel_util_s16.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

int64_t dot_neon(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) {
  const int16x8_t wo = vdupq_n_s16(static_cast<int16_t>(weights_offset));
  int64x2_t total = vdupq_n_s64(0);
  int32_t k = 0;
  while (depth - k >= 8) {
    int32x4_t acc = vdupq_n_s32(0);
    const int32_t block_end = depth - k >= 128 * 8 ? k + 128 * 8 : depth - (depth - k) % 8;
    for (; k < block_end; k += 8) {
      const int16x8_t xv = vld1q_s16(x + k);
      const int16x8_t wv = vaddq_s16(vmovl_s8(vld1_s8(w + k)), wo);
      acc = vmlal_s16(acc, vget_low_s16(xv), vget_low_s16(wv));
      acc = vmlal_high_s16(acc, xv, wv);
    }
    total = vpadalq_s32(total, acc);
  }
  return vaddvq_s64(total) + opt::dot_s16_s8(x + k, w + k, depth - k, weights_offset);
}

// The dot product as a function object: a direct, inlinable call in the loops.
struct Dot {
  int64_t operator()(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) const {
    return dot_neon(x, w, depth, weights_offset);
  }
};

// DEPTHWISE_CONV_2D's per-tap step, sixteen channels at a time: the weights widened to int16
// (SXTL), multiplied with the inputs and accumulated into the int32 lanes (SMLAL / SMLAL2).
struct Mac {
  void operator()(int32_t* acc, const int16_t* x, const int8_t* w, int32_t n) const {
    int32_t i = 0;
    for (; i + 16 <= n; i += 16) {
      const int8x16_t wb = vld1q_s8(w + i);
      const int16x8_t w0 = vmovl_s8(vget_low_s8(wb)), w1 = vmovl_high_s8(wb);
      const int16x8_t x0 = vld1q_s16(x + i), x1 = vld1q_s16(x + i + 8);
      int32_t* a = acc + i;
      vst1q_s32(a, vmlal_s16(vld1q_s32(a), vget_low_s16(x0), vget_low_s16(w0)));
      vst1q_s32(a + 4, vmlal_high_s16(vld1q_s32(a + 4), x0, w0));
      vst1q_s32(a + 8, vmlal_s16(vld1q_s32(a + 8), vget_low_s16(x1), vget_low_s16(w1)));
      vst1q_s32(a + 12, vmlal_high_s16(vld1q_s32(a + 12), x1, w1));
    }
    opt::mac_s16_s8(acc + i, x + i, w + i, n - i);
  }
};

}  // namespace

void fully_connected_s16_neon(const FullyConnectedS16Args& args) {
  opt::fully_connected_s16_with(args, Dot());
}

void depthwise_conv2d_s16_neon(const ConvS16Args& args) { opt::depthwise_conv2d_s16_with(args, Mac()); }

}  // namespace qrt
