// CONV_2D int8 for the Arm DSP extension (Cortex-M4/M7): the convolution as a matrix product of
// im2col rows (one per output pixel, conv_patch_depth bytes) by filter rows, blocked two output
// channels by two pixels so that each widened byte pair feeds two SMLADs. Pointwise (1x1,
// unpadded) convolutions read their rows straight from the input and need no scratch; the others
// build two im2col rows at a time in scratch (2 * patch depth bytes).
//
// Same technique as CMSIS-NN's arm_convolve_s8 (im2col of two columns, 2x2 kernel), written here
// for qrt's layouts. Exactness: see kernel_util_s8.h (wrapping int32 sums, reference output stage).
#include "dsp_simd.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

struct Acc2x2 {
  int32_t r0c0, r0c1, r1c0, r1c1;  // filter row r, column (pixel) c
};

// acc[r][c] += sum_k (col_c[k] + input_offset) * w_r[k] over depth bytes. Four bytes per step:
// each column word is widened once (with the offset added by SXTAB16) and used by both rows.
void dot_2x2(const int8_t* w0, const int8_t* w1, const int8_t* col0, const int8_t* col1,
             int32_t depth, int32_t input_offset, Acc2x2* acc) {
  const int32_t offset2 = dsp::dup_s16x2(input_offset);
  int32_t r0c0 = acc->r0c0, r0c1 = acc->r0c1, r1c0 = acc->r1c0, r1c1 = acc->r1c1;
  int32_t k = depth >> 2;
  while (k-- > 0) {
    const int32_t x0 = dsp::load_s8x4(col0);
    const int32_t x1 = dsp::load_s8x4(col1);
    col0 += 4;
    col1 += 4;
    const int32_t x0e = dsp::sxtab16_even(offset2, x0);
    const int32_t x0o = dsp::sxtab16_odd(offset2, x0);
    const int32_t x1e = dsp::sxtab16_even(offset2, x1);
    const int32_t x1o = dsp::sxtab16_odd(offset2, x1);
    const int32_t v0 = dsp::load_s8x4(w0);
    w0 += 4;
    const int32_t v0e = dsp::sxtb16_even(v0);
    const int32_t v0o = dsp::sxtb16_odd(v0);
    r0c0 = dsp::smlad(v0e, x0e, r0c0);
    r0c1 = dsp::smlad(v0e, x1e, r0c1);
    r0c0 = dsp::smlad(v0o, x0o, r0c0);
    r0c1 = dsp::smlad(v0o, x1o, r0c1);
    const int32_t v1 = dsp::load_s8x4(w1);
    w1 += 4;
    const int32_t v1e = dsp::sxtb16_even(v1);
    const int32_t v1o = dsp::sxtb16_odd(v1);
    r1c0 = dsp::smlad(v1e, x0e, r1c0);
    r1c1 = dsp::smlad(v1e, x1e, r1c1);
    r1c0 = dsp::smlad(v1o, x0o, r1c0);
    r1c1 = dsp::smlad(v1o, x1o, r1c1);
  }
  for (int32_t t = depth & 3; t > 0; --t) {
    const int32_t x0 = *col0++ + input_offset;
    const int32_t x1 = *col1++ + input_offset;
    const int32_t v0 = *w0++;
    const int32_t v1 = *w1++;
    r0c0 = opt::wrapping_mul_add(v0, x0, r0c0);
    r0c1 = opt::wrapping_mul_add(v0, x1, r0c1);
    r1c0 = opt::wrapping_mul_add(v1, x0, r1c0);
    r1c1 = opt::wrapping_mul_add(v1, x1, r1c1);
  }
  acc->r0c0 = r0c0;
  acc->r0c1 = r0c1;
  acc->r1c0 = r1c0;
  acc->r1c1 = r1c1;
}

bool uses_im2col(const ConvS8Args& args) {
  return !opt::conv_is_grouped(args) && !opt::conv_is_pointwise(args);
}

}  // namespace

int32_t conv2d_s8_dsp_scratch_bytes(const ConvS8Args& args) {
  return uses_im2col(args) ? 2 * opt::conv_patch_depth(args) : 0;
}

void conv2d_s8_dsp(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) {
    conv2d_s8_ref(args);
    return;
  }
  const ConvParams& p = *args.params;
  const int32_t depth = opt::conv_patch_depth(args);
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const bool im2col = uses_im2col(args);
  const bool per_channel = p.channel_count > 1;
  int8_t* rows = static_cast<int8_t*>(args.scratch);
  const int8_t pad_value = static_cast<int8_t>(-p.input_offset);

  for (int32_t px = 0; px < pixels; px += 2) {
    // A lone last pixel is computed as a pair with itself; its twin's results are dropped.
    const bool pair = px + 1 < pixels;
    const int8_t* col0;
    const int8_t* col1;
    if (im2col) {
      opt::im2col_row_s8(args, px, pad_value, rows);
      if (pair) opt::im2col_row_s8(args, px + 1, pad_value, rows + depth);
      col0 = rows;
      col1 = pair ? rows + depth : rows;
    } else {
      col0 = opt::pointwise_input_row(args, px);
      col1 = pair ? opt::pointwise_input_row(args, px + 1) : col0;
    }
    int8_t* out0 = args.output_data + px * out_c;
    int8_t* out1 = out0 + out_c;
    for (int32_t oc = 0; oc < out_c; oc += 2) {
      const bool two = oc + 1 < out_c;  // likewise a lone last channel
      const int8_t* w0 = args.filter_data + oc * depth;
      const int8_t* w1 = two ? w0 + depth : w0;
      const int32_t b0 = args.bias != nullptr ? args.bias[oc] : 0;
      const int32_t b1 = args.bias != nullptr && two ? args.bias[oc + 1] : b0;
      Acc2x2 acc = {b0, b0, b1, b1};
      dot_2x2(w0, w1, col0, col1, depth, p.input_offset, &acc);
      const int32_t q0 = per_channel ? oc : 0;
      out0[oc] = opt::requantize_to_s8(acc.r0c0, args.multipliers[q0], args.shifts[q0],
                                       p.output_offset, p.act_min, p.act_max);
      if (pair) {
        out1[oc] = opt::requantize_to_s8(acc.r0c1, args.multipliers[q0], args.shifts[q0],
                                         p.output_offset, p.act_min, p.act_max);
      }
      if (two) {
        const int32_t q1 = per_channel ? oc + 1 : 0;
        out0[oc + 1] = opt::requantize_to_s8(acc.r1c0, args.multipliers[q1], args.shifts[q1],
                                             p.output_offset, p.act_min, p.act_max);
        if (pair) {
          out1[oc + 1] = opt::requantize_to_s8(acc.r1c1, args.multipliers[q1], args.shifts[q1],
                                               p.output_offset, p.act_min, p.act_max);
        }
      }
    }
  }
}

}  // namespace qrt
