// Scratch sizes of the x86 AVX2 variants and the layout helpers they share with the kernels. Pure
// shape arithmetic, compiled on every build (ops/select/).
#ifndef QRT_OPS_X86_SCRATCH_AVX2_H
#define QRT_OPS_X86_SCRATCH_AVX2_H

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernel_util_s4.h"
#include "qrt/ops/kernel_util_s8.h"

namespace qrt {
namespace avx2 {

// CONV_2D scratch: [row 0][row 1] of round_up_16(depth) bytes.
struct ConvLayout {
  int32_t depth, row_bytes, k_main, tail;
};

inline ConvLayout conv_layout(const ConvS8Args& args) {
  ConvLayout l;
  l.depth = opt::conv_patch_depth(args);
  l.row_bytes = (l.depth + 15) & ~15;
  l.k_main = l.depth & ~15;
  l.tail = l.depth - l.k_main;
  return l;
}

// MATMUL: the widened input is padded to whole 16-column blocks.
inline int32_t matvec_padded_columns(int32_t cols) { return (cols + 15) & ~15; }

}  // namespace avx2

inline int32_t conv2d_s8_avx2_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) return 0;
  return 2 * avx2::conv_layout(args).row_bytes;
}

// INT4 filters (conv_fc_s8s4_avx2.cpp): one im2col row (kernel_util_s4.h); none when the
// input is read in place or the filter is grouped (the reference's case).
inline int32_t conv2d_s8s4_avx2_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args) || opt::conv_s4_reads_input_in_place(args)) return 0;
  return opt::conv_s4_patch_depth(args);
}

// [input widened to int16][per-group input sums, int64, when asymmetric].
inline int32_t llm_matvec_avx2_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return avx2::matvec_padded_columns(w.cols) * 2 + (asymmetric ? llm_groups_per_row(w) * 8 : 0);
}

}  // namespace qrt

#endif  // QRT_OPS_X86_SCRATCH_AVX2_H
