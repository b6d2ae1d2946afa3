// CONV_2D int8 for Helium (Cortex-M55): the convolution as a matrix product of im2col rows by
// filter rows, four output channels per pass over a row, 16 bytes per VMLADAVA (multiply bytes
// lane by lane and add all 16 products to a scalar). The row's tail is a predicated load (VCTP),
// whose inactive lanes read as zero and add nothing.
//
// VMLADAVA multiplies raw bytes, so the input offset is applied through the filter sums:
// sum_k (x_k + input_offset) * w_k = sum_k x_k * w_k + input_offset * sum_k w_k. The second term
// plus the bias is computed once per call for every output channel, into scratch. Padded taps
// hold -input_offset in the im2col row, so they add (-input_offset + input_offset) * w = 0 as in
// the reference. Scratch: 4 bytes per output channel, plus one im2col row unless the convolution
// is pointwise (1x1, unpadded: rows are read in place). As CMSIS-NN's MVE
// arm_nn_mat_mult_nt_t_s8 with its kernel sums. Exactness: see kernel_util_s8.h and mve_util.h.
#include "mve_util.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "scratch_mve.h"

namespace qrt {
namespace {


// bias[oc] + input_offset * sum of filter row oc, for every output channel.
void fold_offset_and_bias(const ConvS8Args& args, int32_t depth, int32_t* folded) {
  const int32_t input_offset = args.params->input_offset;
  for (int32_t oc = 0; oc < args.output.c; ++oc) {
    const int8_t* w = args.filter_data + oc * depth;
    int32_t sum = 0;
    for (int32_t k = 0; k < depth; k += 16) {
      const mve_pred16_t active = vctp8q(static_cast<uint32_t>(depth - k));
      sum = vaddvaq_s8(sum, vldrbq_z_s8(w + k, active));
    }
    const int32_t bias = args.bias != nullptr ? args.bias[oc] : 0;
    folded[oc] = opt::wrapping_mul_add(input_offset, sum, bias);
  }
}

// acc[i] += sum_k col[k] * w_i[k] for four filter rows.
inline void dot_4x1(const int8_t* col, const int8_t* w0, const int8_t* w1, const int8_t* w2,
                    const int8_t* w3, int32_t depth, int32_t* acc) {
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  for (int32_t k = 0; k < depth; k += 16) {
    const mve_pred16_t active = vctp8q(static_cast<uint32_t>(depth - k));
    const int8x16_t x = vldrbq_z_s8(col + k, active);
    a0 = vmladavaq_s8(a0, x, vldrbq_z_s8(w0 + k, active));
    a1 = vmladavaq_s8(a1, x, vldrbq_z_s8(w1 + k, active));
    a2 = vmladavaq_s8(a2, x, vldrbq_z_s8(w2 + k, active));
    a3 = vmladavaq_s8(a3, x, vldrbq_z_s8(w3 + k, active));
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

}  // namespace

void conv2d_s8_mve(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) {
    conv2d_s8_ref(args);
    return;
  }
  const ConvParams& p = *args.params;
  const int32_t depth = opt::conv_patch_depth(args);
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  int32_t* folded = static_cast<int32_t*>(args.scratch);
  int8_t* row = reinterpret_cast<int8_t*>(folded + out_c);
  const bool im2col = mve::conv_uses_im2col(args);
  const int8_t pad_value = static_cast<int8_t>(-p.input_offset);
  const mve::OutputStage stage = mve::conv_output_stage(args);
  const int8_t* const filter = args.filter_data;
  int8_t* const output = args.output_data;
  fold_offset_and_bias(args, depth, folded);

  for (int32_t px = 0; px < pixels; ++px) {
    const int8_t* col;
    if (im2col) {
      opt::im2col_row_s8(args, px, pad_value, row);
      col = row;
    } else {
      col = opt::pointwise_input_row(args, px);
    }
    int8_t* out = output + px * out_c;
    for (int32_t oc = 0; oc < out_c; oc += 4) {
      // Past the last channel the rows repeat the last one; those lanes are not stored.
      const int32_t last = out_c - 1;
      const int32_t c1 = oc + 1 < last ? oc + 1 : last;
      const int32_t c2 = oc + 2 < last ? oc + 2 : last;
      const int32_t c3 = oc + 3 < last ? oc + 3 : last;
      int32_t acc[4] = {folded[oc], folded[c1], folded[c2], folded[c3]};
      dot_4x1(col, filter + oc * depth, filter + c1 * depth, filter + c2 * depth,
              filter + c3 * depth, depth, acc);
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(out_c - oc));
      const int32x4_t v =
          mve::output_stage(stage, mve::make_s32x4(acc[0], acc[1], acc[2], acc[3]), oc, active);
      vstrbq_p_s32(out + oc, v, active);
    }
  }
}

}  // namespace qrt
