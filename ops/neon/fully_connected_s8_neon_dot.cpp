// FULLY_CONNECTED int8 for AArch64 with the dot-product extension: four weight rows per pass over
// the input row, 16 bytes per SDOT. SDOT multiplies raw bytes, so the offsets go through sums:
//   sum_k (w_k + wo)(x_k + io) = sum w x + io * sum w + wo * sum x + depth * io * wo,
// with sum w accumulated beside the products (SDOT against a vector of ones) and sum x once per
// input row; all in wrapping int32, so the accumulator is the reference's (kernel_util_s8.h).
// The depth's tail (depth % 16) is one more step with the input zero-padded and the ones vector
// cut to the tail, so the extra lanes add nothing whatever weight bytes they meet (16 bytes read
// from a row's tail run into the next row, or come from a zero-padded copy at the tensor's end).
#include <string.h>

#include "neon_util.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

void fully_connected_s8_neon_dot(const FullyConnectedS8Args& args) {
  const FullyConnectedParams& p = *args.params;
  // As the reference: the weights offset applies on the per-tensor path only.
  const int32_t wo = p.channel_count > 1 ? 0 : p.weights_offset;
  const int32_t io = p.input_offset;
  const int32_t depth = args.input_depth;
  const int32_t units = args.output_depth;
  const int32_t k_main = depth & ~15;
  const int32_t tail = depth - k_main;
  const int64_t weights_bytes = int64_t{units} * depth;
  // Values the loops read, as locals (see opt::OutputStageS8).
  const opt::OutputStageS8 scalar = opt::output_stage_s8(args);
  const neon::OutputStage stage =
      neon::output_stage_of(scalar.output_offset, scalar.act_min, scalar.act_max);
  const int8_t* const input = args.input;
  const int8_t* const weights = args.weights;
  const int32_t* const bias = args.bias;
  int8_t* const output = args.output;
  const int8x16_t ones = vdupq_n_s8(1);
  int8_t tail_ones_bytes[16] = {};
  memset(tail_ones_bytes, 1, static_cast<size_t>(tail));
  const int8x16_t tail_ones = vld1q_s8(tail_ones_bytes);
  // depth * io * wo, the constant term.
  const int32_t constant = opt::wrapping_mul_add(opt::wrapping_mul_add(depth, io, 0), wo, 0);

  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t x_tail_bytes[16] = {};
    memcpy(x_tail_bytes, x + k_main, static_cast<size_t>(tail));
    const int8x16_t x_tail = vld1q_s8(x_tail_bytes);
    uint32_t x_sum = 0;  // modulo 2^32, like every accumulator here
    for (int32_t k = 0; k < depth; ++k) x_sum += static_cast<uint32_t>(x[k]);
    const int32_t row_constant = opt::wrapping_mul_add(wo, static_cast<int32_t>(x_sum), constant);
    int8_t* out = output + b * units;
    for (int32_t o = 0; o < units; o += 4) {
      const int32_t n = units - o < 4 ? units - o : 4;
      int32_t index[4];
      const int8_t* w[4];
      for (int32_t i = 0; i < 4; ++i) {  // past the last unit: repeat it, not stored
        index[i] = o + (i < n ? i : n - 1);
        w[i] = weights + index[i] * depth;
      }
      int32x4_t dot[4], wsum[4];
      for (int32_t i = 0; i < 4; ++i) dot[i] = wsum[i] = vdupq_n_s32(0);
      for (int32_t k = 0; k < k_main; k += 16) {
        const int8x16_t xv = vld1q_s8(x + k);
        for (int32_t i = 0; i < 4; ++i) {
          const int8x16_t wv = vld1q_s8(w[i] + k);
          dot[i] = vdotq_s32(dot[i], xv, wv);
          wsum[i] = vdotq_s32(wsum[i], ones, wv);
        }
      }
      if (tail != 0) {
        for (int32_t i = 0; i < 4; ++i) {
          int8x16_t wv;
          if ((w[i] - weights) + k_main + 16 > weights_bytes) {
            int8_t copy[16] = {};
            memcpy(copy, w[i] + k_main, static_cast<size_t>(tail));
            wv = vld1q_s8(copy);
          } else {
            wv = vld1q_s8(w[i] + k_main);
          }
          dot[i] = vdotq_s32(dot[i], x_tail, wv);
          wsum[i] = vdotq_s32(wsum[i], tail_ones, wv);
        }
      }
      const int32x4_t dots = vpaddq_s32(vpaddq_s32(dot[0], dot[1]), vpaddq_s32(dot[2], dot[3]));
      const int32x4_t sums =
          vpaddq_s32(vpaddq_s32(wsum[0], wsum[1]), vpaddq_s32(wsum[2], wsum[3]));
      int32x4_t acc = vmlaq_n_s32(dots, sums, io);
      acc = vaddq_s32(acc, vdupq_n_s32(row_constant));
      if (bias != nullptr) {
        const int32x4_t bv = {bias[index[0]], bias[index[1]], bias[index[2]], bias[index[3]]};
        acc = vaddq_s32(acc, bv);
      }
      const int32_t mask = scalar.channel_mask;
      const int32x4_t m = {scalar.multipliers[index[0] & mask], scalar.multipliers[index[1] & mask],
                           scalar.multipliers[index[2] & mask], scalar.multipliers[index[3] & mask]};
      const int32x4_t s = {scalar.shifts[index[0] & mask], scalar.shifts[index[1] & mask],
                           scalar.shifts[index[2] & mask], scalar.shifts[index[3] & mask]};
      neon::store_s8x4(out + o, neon::output_stage(stage, acc, m, s), n);
    }
  }
}

}  // namespace qrt
