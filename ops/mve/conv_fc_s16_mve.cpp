// FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D 16x8 for Helium (Cortex-M55): eight weights per step loaded widened to int16
// (VLDRB.S16) with the weights offset added, multiplied with eight int16 inputs and accumulated
// across the vector straight into int64 (VMLALDAVA): exact without flushing
// (kernel_util_s16.h). The tail is a predicated step whose inactive lanes load zeros on both
// sides, so they add nothing.
#include <arm_mve.h>

#include "qrt/ops/kernel_util_s16.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

int64_t dot_mve(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) {
  const auto wo = static_cast<int16_t>(weights_offset);
  int64_t acc = 0;
  for (int32_t k = 0; k < depth; k += 8) {
    const mve_pred16_t active = vctp16q(static_cast<uint32_t>(depth - k));
    const int16x8_t xv = vldrhq_z_s16(x + k, active);
    const int16x8_t wv = vaddq_x_n_s16(vldrbq_z_s16(w + k, active), wo, active);
    acc = vmlaldavaq_p_s16(acc, xv, wv, active);
  }
  return acc;
}

// The dot product as a function object: a direct, inlinable call in the loops.
struct Dot {
  int64_t operator()(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) const {
    return dot_mve(x, w, depth, weights_offset);
  }
};

// DEPTHWISE_CONV_2D's per-tap step: four channels per vector, inputs and weights loaded widened
// to int32 (VLDRH.S32 / VLDRB.S32), multiplied and added to the lanes; sixteen channels at a time
// unpredicated (predicated steps made GCC 12 save and restore the predicate around each), the
// rest predicated.
struct Mac {
  void operator()(int32_t* acc, const int16_t* x, const int8_t* w, int32_t n) const {
    int32_t i = 0;
    for (; i + 16 <= n; i += 16) {
      for (int32_t k = i; k < i + 16; k += 4) {
        vst1q_s32(acc + k, vaddq_s32(vld1q_s32(acc + k), vmulq_s32(vldrhq_s32(x + k), vldrbq_s32(w + k))));
      }
    }
    for (; i < n; i += 4) {
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(n - i));
      const int32x4_t product = vmulq_x_s32(vldrhq_z_s32(x + i, active), vldrbq_z_s32(w + i, active), active);
      vstrwq_p_s32(acc + i, vaddq_x_s32(vldrwq_z_s32(acc + i, active), product, active), active);
    }
  }
};

}  // namespace

void fully_connected_s16_mve(const FullyConnectedS16Args& args) {
  opt::fully_connected_s16_with(args, Dot());
}

void conv2d_s16_mve(const ConvS16Args& args) { opt::conv2d_s16_with(args, Dot()); }

void depthwise_conv2d_s16_mve(const ConvS16Args& args) { opt::depthwise_conv2d_s16_with(args, Mac()); }

}  // namespace qrt
