// FULLY_CONNECTED and CONV_2D 16x8 for the Arm DSP extension (Cortex-M4/M7): four weights per step widened
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

}  // namespace

void fully_connected_s16_dsp(const FullyConnectedS16Args& args) {
  opt::fully_connected_s16_with(args, Dot());
}

void conv2d_s16_dsp(const ConvS16Args& args) { opt::conv2d_s16_with(args, Dot()); }

}  // namespace qrt
