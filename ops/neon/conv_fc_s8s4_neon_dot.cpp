// CONV_2D and FULLY_CONNECTED with packed INT4 weights for AArch64 Advanced SIMD with the dot
// product (SDOT): four weight rows per pass over an int8 row (an im2col row, an input pixel or an
// input row), 32 values per step. A row's 16 bytes give their low nibbles (SHL then SSHR by 4)
// and high nibbles (SSHR by 4), signed, zipped back into value order (ZIP1 / ZIP2); SDOT sums the
// products with the raw input bytes and, against a vector of ones, the weights themselves, for the
// input offset: sum_k (x_k + io) w_k = sum x w + io * sum w (wrapping int32, kernel_util_s8.h).
// A last half step takes 16 values (8 bytes); the last depth % 16 run in scalar code, so no load
// reads past a row or meets its padding nibble. CONV_2D reads the im2col rows of kernel_util_s4.h
// (odd input depths included); grouped filters go to the reference. Scratch: conv's im2col row
// (conv2d_s8s4_neon_dot_scratch_bytes).
#include <arm_neon.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/quant/int4.h"
#include "scratch_neon.h"

namespace qrt {
namespace {

// out[i] = sum_k (x_k + offset) * w_i[k] over `depth` values of four packed rows.
inline void dot_4_rows(const int8_t* x, const uint8_t* const w[4], int32_t depth, int32_t offset,
                       int32_t out[4]) {
  const int8x16_t ones = vdupq_n_s8(1);
  int32x4_t acc[4], sum[4];
  for (int32_t i = 0; i < 4; ++i) acc[i] = sum[i] = vdupq_n_s32(0);
  const int32_t main = depth & ~31;
  for (int32_t k = 0; k < main; k += 32) {
    const int8x16_t x0 = vld1q_s8(x + k), x1 = vld1q_s8(x + k + 16);
    for (int32_t i = 0; i < 4; ++i) {
      const int8x16_t b = vreinterpretq_s8_u8(vld1q_u8(w[i] + k / 2));
      const int8x16_t lo = vshrq_n_s8(vshlq_n_s8(b, 4), 4), hi = vshrq_n_s8(b, 4);
      const int8x16_t v0 = vzip1q_s8(lo, hi), v1 = vzip2q_s8(lo, hi);
      acc[i] = vdotq_s32(vdotq_s32(acc[i], v0, x0), v1, x1);
      sum[i] = vdotq_s32(vdotq_s32(sum[i], v0, ones), v1, ones);
    }
  }
  int32_t tail = main;
  if (depth - main >= 16) {  // 16 more values: 8 bytes of each row
    const int8x16_t xv = vld1q_s8(x + main);
    for (int32_t i = 0; i < 4; ++i) {
      const int8x8_t b = vreinterpret_s8_u8(vld1_u8(w[i] + main / 2));
      const int8x8_t lo = vshr_n_s8(vshl_n_s8(b, 4), 4), hi = vshr_n_s8(b, 4);
      const int8x16_t v = vcombine_s8(vzip1_s8(lo, hi), vzip2_s8(lo, hi));
      acc[i] = vdotq_s32(acc[i], v, xv);
      sum[i] = vdotq_s32(sum[i], v, ones);
    }
    tail += 16;
  }
  for (int32_t i = 0; i < 4; ++i) {
    int32_t s = opt::wrapping_mul_add(offset, vaddvq_s32(sum[i]), vaddvq_s32(acc[i]));
    for (int32_t k = tail; k < depth; ++k) s = opt::wrapping_mul_add(int4_get(w[i], k), x[k] + offset, s);
    out[i] = s;
  }
}

}  // namespace

void fully_connected_s8s4_neon_dot(const FullyConnectedS8Args& args) {
  opt::fully_connected_s8s4_by_rows4<dot_4_rows>(args);
}

void conv2d_s8s4_neon_dot(const ConvS8Args& args) { opt::conv2d_s8s4_by_rows4<dot_4_rows>(args); }

}  // namespace qrt
