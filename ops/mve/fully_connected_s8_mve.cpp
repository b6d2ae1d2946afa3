// FULLY_CONNECTED int8 for Helium (Cortex-M55): four weight rows per pass over the input row, 16
// bytes per VMLADAVA, the row's tail by a predicated (zero-filling) load. The offsets are applied
// through sums, since VMLADAVA multiplies raw bytes:
//   sum_k (w_k + wo) (x_k + io) = sum w x + io * sum w + wo * sum x + depth * io * wo
// with sum w accumulated beside the products (VADDVA) and sum x once per input row; all in
// wrapping int32, so the accumulator is the reference's (kernel_util_s8.h).
#include "mve_util.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

void fully_connected_s8_mve(const FullyConnectedS8Args& args) {
  const FullyConnectedParams& p = *args.params;
  const bool per_channel = p.channel_count > 1;
  // As the reference: the weights offset applies on the per-tensor path only.
  const int32_t wo = per_channel ? 0 : p.weights_offset;
  const int32_t io = p.input_offset;
  const int32_t depth = args.input_depth;
  const int32_t units = args.output_depth;
  mve::OutputStage stage;
  stage.output_offset = vdupq_n_s32(p.output_offset);
  stage.act_min = vdupq_n_s32(p.act_min);
  stage.act_max = vdupq_n_s32(p.act_max);
  stage.per_channel = per_channel;
  stage.multipliers = args.multipliers;
  stage.shifts = args.shifts;
  // depth * io * wo, the constant term.
  const int32_t constant = opt::wrapping_mul_add(opt::wrapping_mul_add(depth, io, 0), wo, 0);

  const int8_t* const input = args.input;
  const int8_t* const weights = args.weights;
  const int32_t* const bias = args.bias;
  int8_t* const output = args.output;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* x = input + b * depth;
    int32_t x_sum = 0;
    if (wo != 0) {
      for (int32_t k = 0; k < depth; k += 16) {
        const mve_pred16_t active = vctp8q(static_cast<uint32_t>(depth - k));
        x_sum = vaddvaq_s8(x_sum, vldrbq_z_s8(x + k, active));
      }
    }
    const int32_t row_constant = opt::wrapping_mul_add(wo, x_sum, constant);
    int8_t* out = output + b * units;
    for (int32_t o = 0; o < units; o += 4) {
      // Past the last unit the rows repeat the last one; those lanes are not stored.
      const int32_t last = units - 1;
      const int8_t* w0 = weights + o * depth;
      const int8_t* w1 = weights + (o + 1 < last ? o + 1 : last) * depth;
      const int8_t* w2 = weights + (o + 2 < last ? o + 2 : last) * depth;
      const int8_t* w3 = weights + (o + 3 < last ? o + 3 : last) * depth;
      int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int32_t k = 0; k < depth; k += 16) {
        const mve_pred16_t active = vctp8q(static_cast<uint32_t>(depth - k));
        const int8x16_t xv = vldrbq_z_s8(x + k, active);
        const int8x16_t v0 = vldrbq_z_s8(w0 + k, active);
        const int8x16_t v1 = vldrbq_z_s8(w1 + k, active);
        const int8x16_t v2 = vldrbq_z_s8(w2 + k, active);
        const int8x16_t v3 = vldrbq_z_s8(w3 + k, active);
        a0 = vmladavaq_s8(a0, xv, v0);
        s0 = vaddvaq_s8(s0, v0);
        a1 = vmladavaq_s8(a1, xv, v1);
        s1 = vaddvaq_s8(s1, v1);
        a2 = vmladavaq_s8(a2, xv, v2);
        s2 = vaddvaq_s8(s2, v2);
        a3 = vmladavaq_s8(a3, xv, v3);
        s3 = vaddvaq_s8(s3, v3);
      }
      int32x4_t acc = mve::make_s32x4(a0, a1, a2, a3);
      acc = vaddq_s32(acc, vmulq_n_s32(mve::make_s32x4(s0, s1, s2, s3), io));
      acc = vaddq_s32(acc, vdupq_n_s32(row_constant));
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(units - o));
      if (bias != nullptr) acc = vaddq_s32(acc, vldrwq_z_s32(bias + o, active));
      vstrbq_p_s32(out + o, mve::output_stage(stage, acc, o, active), active);
    }
  }
}

}  // namespace qrt
