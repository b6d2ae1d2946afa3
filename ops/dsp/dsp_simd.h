// The few Arm DSP-extension (ARMv7E-M) operations the ops/dsp kernels use, on top of ACLE's
// arm_acle.h (Debian has no CMSIS package). Values are int32 registers holding two int16 lanes
// (bottom = bits 0..15, top = bits 16..31) or four int8 lanes.
//
// Widening bytes: SXTB16 sign-extends bytes 0 and 2 of a word into the two int16 lanes, and with
// its rotate operand (ROR #8) bytes 1 and 3. SXTAB16 does the same and adds a lane pair in the
// same instruction, which is how the kernels add input_offset (in [-127, 128]) for free: every
// widened value x + offset lies in [-255, 255] and fits its int16 lane. A word of bytes
// (b0, b1, b2, b3) thus becomes the lane pairs (b0, b2) and (b1, b3), for weights and inputs
// alike, so products of equal positions meet in SMLAD without reordering.
#ifndef QRT_OPS_DSP_DSP_SIMD_H
#define QRT_OPS_DSP_DSP_SIMD_H

#include <arm_acle.h>
#include <stdint.h>
#include <string.h>

namespace qrt {
namespace dsp {

// Four bytes from any address (the M4/M7 load unaligned words in one LDR).
inline int32_t load_s8x4(const int8_t* p) {
  int32_t v;
  memcpy(&v, p, 4);
  return v;
}

// Both int16 lanes set to v (v in [-32768, 32767]).
inline int32_t dup_s16x2(int32_t v) {
  return static_cast<int32_t>((static_cast<uint32_t>(v) & 0xFFFFu) | (static_cast<uint32_t>(v) << 16));
}

// (b0, b2) + (a_bottom, a_top), and (b1, b3) + (a_bottom, a_top): SXTAB16 without and with
// ROR #8. GCC does not fold a rotate into SXTAB16/SXTB16, hence the one-instruction asm.
inline int32_t sxtab16_even(int32_t a, int32_t b) { return __sxtab16(a, b); }
inline int32_t sxtab16_odd(int32_t a, int32_t b) {
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
inline int32_t sxtb16_even(int32_t b) { return __sxtb16(b); }
inline int32_t sxtb16_odd(int32_t b) {
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(b));
  return r;
}

// acc + a.bottom * b.bottom + a.top * b.top (SMLAD: the sum wraps modulo 2^32; it only sets the
// Q flag on overflow, which nothing reads).
inline int32_t smlad(int32_t a, int32_t b, int32_t acc) { return __smlad(a, b, acc); }
// acc + a.bottom * b.bottom, acc + a.top * b.top, acc + a.top * b.bottom (wrapping likewise).
inline int32_t smlabb(int32_t a, int32_t b, int32_t acc) { return __smlabb(a, b, acc); }
inline int32_t smlatt(int32_t a, int32_t b, int32_t acc) { return __smlatt(a, b, acc); }
inline int32_t smlatb(int32_t a, int32_t b, int32_t acc) { return __smlatb(a, b, acc); }

}  // namespace dsp
}  // namespace qrt

#endif  // QRT_OPS_DSP_DSP_SIMD_H
