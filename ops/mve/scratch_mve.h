// Scratch sizes of the Helium (MVE) variants and the layout helpers they share with the kernels.
// Pure shape arithmetic, compiled on every build (ops/select/) so that the host tools plan an
// MVE target's arena exactly.
#ifndef QRT_OPS_MVE_SCRATCH_MVE_H
#define QRT_OPS_MVE_SCRATCH_MVE_H

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernel_util_s4.h"
#include "qrt/ops/kernel_util_s8.h"

namespace qrt {
namespace mve {

inline bool conv_uses_im2col(const ConvS8Args& args) { return !opt::conv_is_pointwise(args); }

}  // namespace mve

// [bias + input offset x filter row sums: 4 * out_c][one im2col row: depth bytes].
inline int32_t conv2d_s8_mve_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) return 0;
  const int32_t folded = 4 * args.output.c;
  return folded + (mve::conv_uses_im2col(args) ? opt::conv_patch_depth(args) : 0);
}

// INT4 filters (conv_fc_s8s4_mve.cpp): [bias + input_offset * filter sum: 4 bytes per output
// channel][the pixel's even-position inputs][its odd-position ones: each depth / 2 rounded up to
// 16][one im2col row (kernel_util_s4.h) unless the input is read in place]; none for a grouped
// filter (the reference's case).
inline int32_t conv2d_s8s4_mve_split_bytes(const ConvS8Args& args) {
  return (opt::conv_s4_patch_depth(args) / 2 + 15) & ~15;
}
inline int32_t conv2d_s8s4_mve_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) return 0;
  return 4 * args.output.c + 2 * conv2d_s8s4_mve_split_bytes(args) +
         (opt::conv_s4_reads_input_in_place(args) ? 0 : opt::conv_s4_patch_depth(args));
}

inline int32_t llm_matvec_mve_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return opt::llm_matvec_reordered_scratch_bytes(w, asymmetric);
}

}  // namespace qrt

#endif  // QRT_OPS_MVE_SCRATCH_MVE_H
