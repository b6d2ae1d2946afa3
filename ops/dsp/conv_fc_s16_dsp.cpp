// FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D 16x8 for the Arm DSP extension (Cortex-M4/M7): four weights per step widened
// by SXTAB16 with the weights offset added in the same instruction (lane pairs (w0, w2) and
// (w1, w3), dsp_simd.h), the inputs repacked to the same pairs (PKHBT / PKHTB), and both pairs
// multiplied and accumulated straight into int64 by SMLALD: exact without any flushing
// (kernel_util_s16.h).
#include "dsp_simd.h"
#include "qrt/ops/kernel_util_s16.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

int64_t dot_dsp(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) {
  const int32_t wo = dsp::dup_s16x2(weights_offset);
  int64_t acc = 0;
  int32_t k = 0;
  for (; k + 4 <= depth; k += 4) {
    const int32_t wb = dsp::load_s8x4(w + k);
    const int32_t w02 = dsp::sxtab16_even(wo, wb);
    const int32_t w13 = dsp::sxtab16_odd(wo, wb);
    uint32_t x01, x23;
    memcpy(&x01, x + k, 4);
    memcpy(&x23, x + k + 2, 4);
    const auto x02 = static_cast<int32_t>((x01 & 0xFFFFu) | (x23 << 16));          // PKHBT
    const auto x13 = static_cast<int32_t>((x23 & 0xFFFF0000u) | (x01 >> 16));      // PKHTB
    acc = __smlald(x02, w02, acc);
    acc = __smlald(x13, w13, acc);
  }
  return acc + opt::dot_s16_s8(x + k, w + k, depth - k, weights_offset);
}

// The dot product as a function object: a direct, inlinable call in the loops.
struct Dot {
  int64_t operator()(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) const {
    return dot_dsp(x, w, depth, weights_offset);
  }
};

// DEPTHWISE_CONV_2D's per-tap step, four channels at a time: the weights sign-extended in pairs
// (w0, w2) and (w1, w3) by SXTB16, each channel's input half multiplied with its weight half and
// accumulated by SMLABB / SMLATB / SMLATT.
struct Mac {
  void operator()(int32_t* acc, const int16_t* x, const int8_t* w, int32_t n) const {
    int32_t i = 0;
    for (; i + 4 <= n; i += 4) {
      const int32_t wb = dsp::load_s8x4(w + i);
      const int32_t w02 = dsp::sxtb16_even(wb);
      const int32_t w13 = dsp::sxtb16_odd(wb);
      int32_t x01, x23;
      memcpy(&x01, x + i, 4);
      memcpy(&x23, x + i + 2, 4);
      acc[i] = dsp::smlabb(x01, w02, acc[i]);
      acc[i + 1] = dsp::smlatb(x01, w13, acc[i + 1]);
      acc[i + 2] = dsp::smlatb(w02, x23, acc[i + 2]);  // x2 (bottom of x23) * w2 (top of w02)
      acc[i + 3] = dsp::smlatt(x23, w13, acc[i + 3]);
    }
    opt::mac_s16_s8(acc + i, x + i, w + i, n - i);
  }
};

}  // namespace

void fully_connected_s16_dsp(const FullyConnectedS16Args& args) {
  opt::fully_connected_s16_with(args, Dot());
}

void conv2d_s16_dsp(const ConvS16Args& args) { opt::conv2d_s16_with(args, Dot()); }

void depthwise_conv2d_s16_dsp(const ConvS16Args& args) { opt::depthwise_conv2d_s16_with(args, Mac()); }

}  // namespace qrt
