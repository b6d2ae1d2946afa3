// Scratch sizes of the Arm DSP variants and the layout helpers they share with the kernels. Pure
// shape arithmetic, compiled on every build (ops/select/) so that the host tools plan a DSP
// target's arena exactly.
#ifndef QRT_OPS_DSP_SCRATCH_DSP_H
#define QRT_OPS_DSP_SCRATCH_DSP_H

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernel_util_s4.h"
#include "qrt/ops/kernel_util_s8.h"

namespace qrt {
namespace dsp {

// CONV_2D patches are gathered into scratch (im2col) unless the convolution is 1x1 without
// stride or padding, whose rows are the input's own.
inline bool conv_uses_im2col(const ConvS8Args& args) {
  return !opt::conv_is_grouped(args) && !opt::conv_is_pointwise(args);
}

// The INT4 kernels' accumulators hold every product times 16 (s8s4_dsp.h): exact for up to
// 65,536 products per output (16 * 8 * 255 * 65536 < 2^31); deeper layers run the reference.
constexpr int32_t kMaxS4Depth = 65536;

// MATMUL: the widened input is padded to whole 8-column blocks.
inline int32_t matvec_padded_columns(int32_t cols) { return (cols + 7) & ~7; }

}  // namespace dsp

// [widened filter-offset block: 4 * (depth & ~3)][two im2col pixel rows of int16: 2 * depth].
inline int32_t conv2d_s8_dsp_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) return 0;
  const int32_t depth = opt::conv_patch_depth(args);
  return 4 * (depth & ~3) + (dsp::conv_uses_im2col(args) ? 2 * depth : 0);
}

// INT4 filters (conv_fc_s8s4_dsp.cpp): the same layout over the rows of kernel_util_s4.h; none
// for a grouped filter (the reference's case).
inline int32_t conv2d_s8s4_dsp_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) return 0;
  const int32_t depth = opt::conv_s4_patch_depth(args);
  return 4 * (depth & ~3) + (opt::conv_s4_reads_input_in_place(args) ? 0 : 2 * depth);
}

// FULLY_CONNECTED with INT4 weights: the input row's first (depth & ~7) values widened into the
// lane pairs of s8s4_dsp.h, 2 bytes a value.
inline int32_t fully_connected_s8s4_dsp_scratch_bytes(const FullyConnectedS8Args& args) {
  return args.input_depth > dsp::kMaxS4Depth ? 0 : 2 * (args.input_depth & ~7);
}

// [input widened to int16 in SXTB16 order][per-group input sums, int64, when asymmetric].
inline int32_t llm_matvec_dsp_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return dsp::matvec_padded_columns(w.cols) * 2 + (asymmetric ? llm_groups_per_row(w) * 8 : 0);
}

}  // namespace qrt

#endif  // QRT_OPS_DSP_SCRATCH_DSP_H
