// MATMUL (matrix-vector) for Helium / MVE (Cortex-M55, M85): int8 or int16 input against int8 or
// packed int4 weights, per-channel or group-wise, symmetric or asymmetric (kernels_llm.h).
//  - int8 input, int8 rows: VMLADAVA.S8 on 16 columns per step, the span's tail predicated
//    (VCTP8: inactive lanes load nothing and add nothing);
//  - int16 input, int8 rows: VLDRB.S16 widening loads, VMLADAVA.S16 on 8 columns, predicated tail;
//  - int4 rows: 8 bytes per step widened to int16 lanes; (b << 12) >> 12 and (b << 8) >> 12 give
//    the signed low (even column) and high (odd column) nibbles; the input, widened to int16 once
//    per call in scratch, is stored per 16-column block as 8 even then 8 odd values. Groups must
//    start on those blocks: int4 group sizes that are not a multiple of 16 go to the reference.
//    Columns after a span's last block are summed in scalar code.
// Each lane product is at most 2^15 * 2^7 and a span holds at most kLlmSpan = 256 of them, so the
// int32 accumulators are exact (kernel_util_llm.h).
#include <arm_mve.h>
#include <string.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "scratch_mve.h"

namespace qrt {
namespace {

int32_t dot_s8s8(const int8_t* x, const int8_t* row, int32_t begin, int32_t end) {
  int32_t acc = 0;
  for (int32_t c = begin; c < end; c += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(end - c));
    acc = vmladavaq_p_s8(acc, vldrbq_z_s8(x + c, p), vldrbq_z_s8(row + c, p), p);
  }
  return acc;
}

int32_t dot_s16s8(const int16_t* x, const int8_t* row, int32_t begin, int32_t end) {
  int32_t acc = 0;
  for (int32_t c = begin; c < end; c += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(end - c));
    acc = vmladavaq_p_s16(acc, vldrhq_z_s16(x + c, p), vldrbq_z_s16(row + c, p), p);
  }
  return acc;
}

// int4 row, begin a multiple of 16; xr: the input reordered per block (8 even, 8 odd).
template <typename TIn>
int32_t dot_s4(const TIn* x, const int16_t* xr, const uint8_t* row, int32_t begin, int32_t end) {
  int32_t acc = 0;
  int32_t c = begin;
  for (; c + 16 <= end; c += 16) {
    const int16x8_t b = vreinterpretq_s16_u16(vldrbq_u16(row + c / 2));
    const int16x8_t lo = vshrq_n_s16(vshlq_n_s16(b, 12), 12);
    const int16x8_t hi = vshrq_n_s16(vshlq_n_s16(b, 8), 12);
    acc = vmladavaq_s16(acc, lo, vldrhq_s16(xr + c));
    acc = vmladavaq_s16(acc, hi, vldrhq_s16(xr + c + 8));
  }
  return acc + opt::llm_dot_tail_s4(x, row, c, end);
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

void llm_matvec_mve(const LlmMatVecArgs& args) { opt::llm_matvec_with_dots<Dots>(args); }

}  // namespace qrt
