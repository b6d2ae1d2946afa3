// Unpacking packed INT4 weights (quant/INT4-LAYOUT.md) in registers for SMLAD, shared by the
// ops/dsp INT4 kernels.
//
// A word of eight values v0..v7 (byte k = v_2k | v_2k+1 << 4) gives, with two masks and four
// SXTB16, the lane pairs (v0, v4), (v2, v6), (v1, v5), (v3, v7), each value times 16 (its nibble
// moved to the top of its byte, so the byte's sign is the value's). The inputs are widened into
// the same pairs (pair_inputs_s4x8), the products summed by SMLAD, and the sum shifted right by 4
// at the end, which is exact while it fits int32: at most 16 * 8 * 255 per product, i.e. up to
// kMaxS4Depth products (scratch_dsp.h; kernels with more hand the work to the reference).
#ifndef QRT_OPS_DSP_S8S4_DSP_H
#define QRT_OPS_DSP_S8S4_DSP_H

#include "dsp_simd.h"
#include "scratch_dsp.h"

namespace qrt {
namespace dsp {

constexpr uint32_t kHighNibbles = 0xF0F0F0F0u;

// The four lane pairs of eight INT4 values, each times 16.
struct S4x8 {
  int32_t p04, p26, p15, p37;
};
inline S4x8 unpack_s4x8(int32_t word) {
  const auto w = static_cast<uint32_t>(word);
  const auto even = static_cast<int32_t>((w << 4) & kHighNibbles);  // v0, v2, v4, v6 in byte tops
  const auto odd = static_cast<int32_t>(w & kHighNibbles);          // v1, v3, v5, v7
  return S4x8{sxtb16_even(even), sxtb16_odd(even), sxtb16_even(odd), sxtb16_odd(odd)};
}

// Eight input bytes (two words) plus the offset in both lanes, paired as unpack_s4x8's lanes.
inline S4x8 pair_inputs_s4x8(int32_t x0123, int32_t x4567, int32_t offset2) {
  const auto e0 = static_cast<uint32_t>(sxtab16_even(offset2, x0123));  // (x0, x2)
  const auto o0 = static_cast<uint32_t>(sxtab16_odd(offset2, x0123));   // (x1, x3)
  const auto e1 = static_cast<uint32_t>(sxtab16_even(offset2, x4567));  // (x4, x6)
  const auto o1 = static_cast<uint32_t>(sxtab16_odd(offset2, x4567));   // (x5, x7)
  // PKHBT / PKHTB: bottom halves together, top halves together.
  return S4x8{static_cast<int32_t>((e0 & 0xFFFFu) | (e1 << 16)),
              static_cast<int32_t>((e1 & 0xFFFF0000u) | (e0 >> 16)),
              static_cast<int32_t>((o0 & 0xFFFFu) | (o1 << 16)),
              static_cast<int32_t>((o1 & 0xFFFF0000u) | (o0 >> 16))};
}

// acc + the eight products (times 16).
inline int32_t dot_s4x8(const S4x8& w, const S4x8& x, int32_t acc) {
  acc = smlad(w.p04, x.p04, acc);
  acc = smlad(w.p26, x.p26, acc);
  acc = smlad(w.p15, x.p15, acc);
  return smlad(w.p37, x.p37, acc);
}

}  // namespace dsp
}  // namespace qrt

#endif  // QRT_OPS_DSP_S8S4_DSP_H
