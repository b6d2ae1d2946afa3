// CONV_2D int8 for the Arm DSP extension (Cortex-M4/M7): the convolution as a matrix product of
// im2col rows (one per output pixel, patch depth K bytes) by filter rows, blocked two output
// channels by two pixels so that every operand word feeds two SMLADs.
//
// Pixel rows are widened once per pixel pair into scratch as int16 with the input offset added
// (SXTAB16), in the lane order the filter bytes take when SXTB16 widens them: for every four
// bytes x0..x3 the words (x0, x2) and (x1, x3), the two pixels interleaved per group of four. The
// inner loop then needs no unpacking of pixels and few enough registers to hold everything
// (4 accumulators, 3 pointers, 4 widened filter words, 2 pixel words). As CMSIS-NN's
// arm_convolve_s8 / arm_nn_mat_mult_kernel_s8_s16 (im2col of two columns into int16, 2x2 kernel),
// written for qrt's layouts. The last K % 4 taps are summed in scalar code from the byte rows.
//
// Scratch: the interleaved int16 block (4 * (K & ~3) bytes) and, unless the convolution is
// pointwise (1x1, unpadded: its byte rows are the input's), two byte rows of K from im2col.
// Exactness: see kernel_util_s8.h (wrapping int32 sums, reference output stage).
#include "dsp_simd.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "scratch_dsp.h"

namespace qrt {
namespace {

struct Acc2x2 {
  int32_t r0c0, r0c1, r1c0, r1c1;  // filter row r, column (pixel) c
};

// Widens the first (depth & ~3) bytes of two pixel rows into the interleaved int16 block.
void widen_pair(const int8_t* col0, const int8_t* col1, int32_t depth, int32_t input_offset,
                int32_t* dst) {
  const int32_t offset2 = dsp::dup_s16x2(input_offset);
  for (int32_t k = depth >> 2; k > 0; --k) {
    const int32_t x0 = dsp::load_s8x4(col0);
    const int32_t x1 = dsp::load_s8x4(col1);
    col0 += 4;
    col1 += 4;
    dst[0] = dsp::sxtab16_even(offset2, x0);
    dst[1] = dsp::sxtab16_odd(offset2, x0);
    dst[2] = dsp::sxtab16_even(offset2, x1);
    dst[3] = dsp::sxtab16_odd(offset2, x1);
    dst += 4;
  }
}

// acc[r][c] += sum_k (x_c[k] + input_offset) * w_r[k] over the first (depth & ~3) taps, with the
// pixels taken from the widened block.
inline void dot_2x2(const int32_t* cols, const int8_t* w0, const int8_t* w1, int32_t depth,
                    Acc2x2* acc) {
  int32_t r0c0 = acc->r0c0, r0c1 = acc->r0c1, r1c0 = acc->r1c0, r1c1 = acc->r1c1;
  for (int32_t k = depth >> 2; k > 0; --k) {
    const int32_t v0 = dsp::load_s8x4(w0);
    const int32_t v1 = dsp::load_s8x4(w1);
    w0 += 4;
    w1 += 4;
    const int32_t v0e = dsp::sxtb16_even(v0);
    const int32_t v0o = dsp::sxtb16_odd(v0);
    const int32_t v1e = dsp::sxtb16_even(v1);
    const int32_t v1o = dsp::sxtb16_odd(v1);
    int32_t xe = cols[0];
    int32_t xo = cols[1];
    r0c0 = dsp::smlad(v0e, xe, r0c0);
    r1c0 = dsp::smlad(v1e, xe, r1c0);
    r0c0 = dsp::smlad(v0o, xo, r0c0);
    r1c0 = dsp::smlad(v1o, xo, r1c0);
    xe = cols[2];
    xo = cols[3];
    cols += 4;
    r0c1 = dsp::smlad(v0e, xe, r0c1);
    r1c1 = dsp::smlad(v1e, xe, r1c1);
    r0c1 = dsp::smlad(v0o, xo, r0c1);
    r1c1 = dsp::smlad(v1o, xo, r1c1);
  }
  acc->r0c0 = r0c0;
  acc->r0c1 = r0c1;
  acc->r1c0 = r1c0;
  acc->r1c1 = r1c1;
}

// The last depth % 4 taps, in scalar code from the byte rows.
inline void dot_2x2_tail(const int8_t* col0, const int8_t* col1, const int8_t* w0,
                         const int8_t* w1, int32_t depth, int32_t input_offset, Acc2x2* acc) {
  for (int32_t k = depth & ~3; k < depth; ++k) {
    const int32_t x0 = col0[k] + input_offset;
    const int32_t x1 = col1[k] + input_offset;
    acc->r0c0 = opt::wrapping_mul_add(w0[k], x0, acc->r0c0);
    acc->r0c1 = opt::wrapping_mul_add(w0[k], x1, acc->r0c1);
    acc->r1c0 = opt::wrapping_mul_add(w1[k], x0, acc->r1c0);
    acc->r1c1 = opt::wrapping_mul_add(w1[k], x1, acc->r1c1);
  }
}

}  // namespace

void conv2d_s8_dsp(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) {
    conv2d_s8_ref(args);
    return;
  }
  // Everything the loops read is copied into locals first (see opt::OutputStageS8).
  const int32_t depth = opt::conv_patch_depth(args);
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const int32_t input_offset = args.params->input_offset;
  const bool im2col = dsp::conv_uses_im2col(args);
  const int8_t* const filter = args.filter_data;
  const int32_t* const bias = args.bias;
  int8_t* const output = args.output_data;
  const opt::OutputStageS8 stage = opt::output_stage_s8(args);
  int32_t* const widened = static_cast<int32_t*>(args.scratch);  // 16-byte aligned
  int8_t* const rows = reinterpret_cast<int8_t*>(widened + (depth & ~3));
  const int8_t pad_value = static_cast<int8_t>(-input_offset);

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
    widen_pair(col0, col1, depth, input_offset, widened);
    int8_t* out0 = output + px * out_c;
    int8_t* out1 = out0 + out_c;
    for (int32_t oc = 0; oc < out_c; oc += 2) {
      const bool two = oc + 1 < out_c;  // likewise a lone last channel
      const int8_t* w0 = filter + oc * depth;
      const int8_t* w1 = two ? w0 + depth : w0;
      const int32_t b0 = bias != nullptr ? bias[oc] : 0;
      const int32_t b1 = bias != nullptr && two ? bias[oc + 1] : b0;
      Acc2x2 acc = {b0, b0, b1, b1};
      dot_2x2(widened, w0, w1, depth, &acc);
      dot_2x2_tail(col0, col1, w0, w1, depth, input_offset, &acc);
      out0[oc] = stage.apply(acc.r0c0, oc);
      if (pair) out1[oc] = stage.apply(acc.r0c1, oc);
      if (two) {
        out0[oc + 1] = stage.apply(acc.r1c0, oc + 1);
        if (pair) out1[oc + 1] = stage.apply(acc.r1c1, oc + 1);
      }
    }
  }
}

}  // namespace qrt
