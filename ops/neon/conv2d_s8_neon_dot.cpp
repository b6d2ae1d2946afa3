// CONV_2D int8 for AArch64 with the dot-product extension: the convolution as a matrix product of
// im2col rows (one per output pixel) by filter rows, blocked four pixels by four output channels:
// per 16 bytes of depth, four pixel loads and four filter loads feed sixteen SDOTs (each adds four
// byte products into each int32 lane), kept in sixteen accumulators and reduced pairwise at the
// end into one vector of four channels per pixel.
//
// SDOT multiplies raw bytes, so the input offset is applied through the filter sums:
// sum_k (x_k + input_offset) * w_k = sum_k x_k * w_k + input_offset * sum_k w_k; that second term
// plus the bias is computed once per call for every output channel, into scratch. Padded taps
// hold -input_offset in the im2col rows, so they add nothing, as in the reference.
// Scratch: the per-channel sums (4 bytes each), then four pixel rows of the patch depth rounded up
// to 16, padded with zeros so that the last step's extra lanes add nothing whatever filter bytes
// they meet (the last step reads 16 filter bytes running into the next row, or from a zero-padded
// copy where that would read past the filter tensor). Exactness: see kernel_util_s8.h and
// neon_util.h.
#include <string.h>

#include "neon_util.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "scratch_neon.h"

namespace qrt {
namespace {


// bias[oc] + input_offset * sum of filter row oc, for every output channel.
void fold_offset_and_bias(const ConvS8Args& args, int32_t depth, int32_t* folded) {
  const int32_t input_offset = args.params->input_offset;
  for (int32_t oc = 0; oc < args.output.c; ++oc) {
    const int8_t* w = args.filter_data + oc * depth;
    int32_t sum = 0;
    int32_t k = 0;
    for (; k + 16 <= depth; k += 16) sum += vaddlvq_s8(vld1q_s8(w + k));
    for (; k < depth; ++k) sum += w[k];
    const int32_t bias = args.bias != nullptr ? args.bias[oc] : 0;
    folded[oc] = opt::wrapping_mul_add(input_offset, sum, bias);
  }
}

// The four channel sums of one pixel: lane i = sum of the partial sums of channel i.
inline int32x4_t reduce4(int32x4_t a0, int32x4_t a1, int32x4_t a2, int32x4_t a3) {
  return vpaddq_s32(vpaddq_s32(a0, a1), vpaddq_s32(a2, a3));
}

}  // namespace

void conv2d_s8_neon_dot(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) {
    conv2d_s8_ref(args);
    return;
  }
  const int32_t depth = opt::conv_patch_depth(args);
  const int32_t row_bytes = neon::round_up_16(depth);
  const int32_t k_main = depth & ~15;
  const int32_t tail = depth - k_main;
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const bool pointwise = opt::conv_is_pointwise(args);
  const int8_t pad_value = static_cast<int8_t>(-args.params->input_offset);
  // Values the loops read, as locals (see opt::OutputStageS8).
  const opt::OutputStageS8 scalar = opt::output_stage_s8(args);
  const neon::OutputStage stage =
      neon::output_stage_of(scalar.output_offset, scalar.act_min, scalar.act_max);
  const int8_t* const filter = args.filter_data;
  int8_t* const output = args.output_data;
  int32_t* const folded = static_cast<int32_t*>(args.scratch);
  int8_t* const rows = reinterpret_cast<int8_t*>(folded + out_c);
  fold_offset_and_bias(args, depth, folded);
  // Rows from this one on would read past the filter tensor in their last step.
  const int32_t first_unsafe_tail = out_c - (16 - tail + depth - 1) / depth;

  for (int32_t px = 0; px < pixels; px += 4) {
    const int32_t n_px = pixels - px < 4 ? pixels - px : 4;
    const int8_t* row[4];
    for (int32_t p = 0; p < 4; ++p) {
      if (p >= n_px) {  // past the last pixel: repeat the first row, results not stored
        row[p] = rows;
        continue;
      }
      int8_t* dst = rows + p * row_bytes;
      if (pointwise) {
        memcpy(dst, opt::pointwise_input_row(args, px + p), static_cast<size_t>(depth));
      } else {
        opt::im2col_row_s8(args, px + p, pad_value, dst);
      }
      memset(dst + depth, 0, static_cast<size_t>(row_bytes - depth));
      row[p] = dst;
    }
    for (int32_t oc = 0; oc < out_c; oc += 4) {
      const int32_t n_oc = out_c - oc < 4 ? out_c - oc : 4;
      int32_t index[4];
      const int8_t* w[4];
      for (int32_t i = 0; i < 4; ++i) {  // past the last channel: repeat it, not stored
        index[i] = oc + (i < n_oc ? i : n_oc - 1);
        w[i] = filter + index[i] * depth;
      }
      int32x4_t acc[4][4];
      for (int32_t p = 0; p < 4; ++p) {
        for (int32_t i = 0; i < 4; ++i) acc[p][i] = vdupq_n_s32(0);
      }
      for (int32_t k = 0; k < k_main; k += 16) {
        const int8x16_t w0 = vld1q_s8(w[0] + k), w1 = vld1q_s8(w[1] + k);
        const int8x16_t w2 = vld1q_s8(w[2] + k), w3 = vld1q_s8(w[3] + k);
        for (int32_t p = 0; p < 4; ++p) {
          const int8x16_t x = vld1q_s8(row[p] + k);
          acc[p][0] = vdotq_s32(acc[p][0], x, w0);
          acc[p][1] = vdotq_s32(acc[p][1], x, w1);
          acc[p][2] = vdotq_s32(acc[p][2], x, w2);
          acc[p][3] = vdotq_s32(acc[p][3], x, w3);
        }
      }
      if (tail != 0) {
        int8x16_t wt[4];
        for (int32_t i = 0; i < 4; ++i) {
          if (index[i] >= first_unsafe_tail) {
            int8_t copy[16] = {};
            memcpy(copy, w[i] + k_main, static_cast<size_t>(tail));
            wt[i] = vld1q_s8(copy);
          } else {
            wt[i] = vld1q_s8(w[i] + k_main);
          }
        }
        for (int32_t p = 0; p < 4; ++p) {
          const int8x16_t x = vld1q_s8(row[p] + k_main);
          for (int32_t i = 0; i < 4; ++i) acc[p][i] = vdotq_s32(acc[p][i], x, wt[i]);
        }
      }
      const int32x4_t bias = {folded[index[0]], folded[index[1]], folded[index[2]],
                              folded[index[3]]};
      const int32_t q[4] = {index[0] & scalar.channel_mask, index[1] & scalar.channel_mask,
                            index[2] & scalar.channel_mask, index[3] & scalar.channel_mask};
      const int32x4_t m = {scalar.multipliers[q[0]], scalar.multipliers[q[1]],
                           scalar.multipliers[q[2]], scalar.multipliers[q[3]]};
      const int32x4_t s = {scalar.shifts[q[0]], scalar.shifts[q[1]], scalar.shifts[q[2]],
                           scalar.shifts[q[3]]};
      for (int32_t p = 0; p < n_px; ++p) {
        const int32x4_t sums =
            vaddq_s32(reduce4(acc[p][0], acc[p][1], acc[p][2], acc[p][3]), bias);
        neon::store_s8x4(output + (px + p) * out_c + oc, neon::output_stage(stage, sums, m, s),
                         n_oc);
      }
    }
  }
}

}  // namespace qrt
