// Scratch sizes of the AArch64 NEON (dot-product) variants and the layout helpers they share
// with the kernels. Pure shape arithmetic, compiled on every build (ops/select/) so that the
// host tools plan an AArch64 target's arena exactly.
#ifndef QRT_OPS_NEON_SCRATCH_NEON_H
#define QRT_OPS_NEON_SCRATCH_NEON_H

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernel_util_s4.h"
#include "qrt/ops/kernel_util_s8.h"

namespace qrt {
namespace neon {

inline int32_t round_up_16(int32_t v) { return (v + 15) & ~15; }

}  // namespace neon

// [bias + input offset x filter row sums: 4 * out_c][four patch rows of round_up_16(depth)].
inline int32_t conv2d_s8_neon_dot_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) return 0;
  return 4 * args.output.c + 4 * neon::round_up_16(opt::conv_patch_depth(args));
}

// INT4 filters (conv_fc_s8s4_neon_dot.cpp): one im2col row (kernel_util_s4.h); none when the
// input is read in place or the filter is grouped (the reference's case).
inline int32_t conv2d_s8s4_neon_dot_scratch_bytes(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args) || opt::conv_s4_reads_input_in_place(args)) return 0;
  return opt::conv_s4_patch_depth(args);
}

inline int32_t llm_matvec_neon_dot_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return opt::llm_matvec_reordered_scratch_bytes(w, asymmetric);
}

}  // namespace qrt

#endif  // QRT_OPS_NEON_SCRATCH_NEON_H
