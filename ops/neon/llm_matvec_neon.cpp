// MATMUL (matrix-vector) for AArch64 Advanced SIMD: int8 or int16 input against int8 or packed
// int4 weights, per-channel or group-wise, symmetric or asymmetric (kernels_llm.h).
//  - int8 input, int8 rows: SDOT, sixteen columns per instruction into four int32 lanes;
//  - int16 input, int8 rows: weights widened (SXTL), SMLAL / SMLAL2 on eight columns;
//  - int4 rows: 8 bytes (16 columns) per step; (b << 4) >> 4 and b >> 4 (arithmetic, int8 lanes)
//    give the signed low (even column) and high (odd column) nibbles, multiplied against the
//    input widened to int16 once per call and stored per 16-column block as 8 even then 8 odd
//    values. Groups must start on those blocks: int4 group sizes that are not a multiple of 16
//    go to the reference.
// Columns after a span's last whole step are summed in scalar code. Each lane product is at most
// 2^15 * 2^7 and a span holds at most kLlmSpan = 256 of them: the int32 lanes are exact
// (kernel_util_llm.h).
#include <arm_neon.h>
#include <string.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "scratch_neon.h"

namespace qrt {
namespace {

int32_t dot_s8s8(const int8_t* x, const int8_t* row, int32_t begin, int32_t end) {
  int32x4_t acc = vdupq_n_s32(0);
  int32_t c = begin;
  for (; c + 16 <= end; c += 16) acc = vdotq_s32(acc, vld1q_s8(x + c), vld1q_s8(row + c));
  return vaddvq_s32(acc) + opt::llm_dot_tail_s8(x, row, c, end);
}

int32_t dot_s16s8(const int16_t* x, const int8_t* row, int32_t begin, int32_t end) {
  int32x4_t acc = vdupq_n_s32(0);
  int32_t c = begin;
  for (; c + 8 <= end; c += 8) {
    const int16x8_t w = vmovl_s8(vld1_s8(row + c));
    const int16x8_t xv = vld1q_s16(x + c);
    acc = vmlal_s16(acc, vget_low_s16(w), vget_low_s16(xv));
    acc = vmlal_high_s16(acc, w, xv);
  }
  return vaddvq_s32(acc) + opt::llm_dot_tail_s8(x, row, c, end);
}

// int4 row, begin a multiple of 16; xr: the input reordered per block (8 even, 8 odd).
template <typename TIn>
int32_t dot_s4(const TIn* x, const int16_t* xr, const uint8_t* row, int32_t begin, int32_t end) {
  int32x4_t acc = vdupq_n_s32(0);
  int32_t c = begin;
  for (; c + 16 <= end; c += 16) {
    const int8x8_t b = vreinterpret_s8_u8(vld1_u8(row + c / 2));
    const int16x8_t lo = vmovl_s8(vshr_n_s8(vshl_n_s8(b, 4), 4));
    const int16x8_t hi = vmovl_s8(vshr_n_s8(b, 4));
    const int16x8_t xe = vld1q_s16(xr + c), xo = vld1q_s16(xr + c + 8);
    acc = vmlal_s16(acc, vget_low_s16(lo), vget_low_s16(xe));
    acc = vmlal_high_s16(acc, lo, xe);
    acc = vmlal_s16(acc, vget_low_s16(hi), vget_low_s16(xo));
    acc = vmlal_high_s16(acc, hi, xo);
  }
  return vaddvq_s32(acc) + opt::llm_dot_tail_s4(x, row, c, end);
}

// This ISA's exact span dot products for the shared MATMUL rows (kernel_util_llm.h).
struct Dots {
  static int32_t s8s8(const int8_t* x, const int8_t* row, int32_t b, int32_t e) { return dot_s8s8(x, row, b, e); }
  static int32_t s16s8(const int16_t* x, const int8_t* row, int32_t b, int32_t e) { return dot_s16s8(x, row, b, e); }
  template <typename TIn>
  static int32_t s4(const TIn* x, const int16_t* xr, const uint8_t* row, int32_t b, int32_t e) {
    return dot_s4(x, xr, row, b, e);
  }
};

}  // namespace

void llm_matvec_neon_dot(const LlmMatVecArgs& args) { opt::llm_matvec_with_dots<Dots>(args); }

}  // namespace qrt
