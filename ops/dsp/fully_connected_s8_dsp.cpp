// FULLY_CONNECTED int8 for the Arm DSP extension (Cortex-M4/M7): two weight rows per pass over the
// input row, four bytes per step. Input and weight bytes are widened by SXTAB16 with their offsets
// added in the same instruction (input_offset, and weights_offset on the per-tensor path), then
// multiplied and summed pairwise by SMLAD, as CMSIS-NN's arm_nn_vec_mat_mult_t_s8 does.
// Exactness: see kernel_util_s8.h (wrapping int32 sums, reference output stage).
#include "dsp_simd.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

// acc0 += sum_k (w0[k] + weights_offset) * (x[k] + input_offset), acc1 likewise with w1.
void dot_1x2(const int8_t* x, const int8_t* w0, const int8_t* w1, int32_t depth,
             int32_t input_offset, int32_t weights_offset, int32_t* acc0, int32_t* acc1) {
  const int32_t in_offset2 = dsp::dup_s16x2(input_offset);
  const int32_t w_offset2 = dsp::dup_s16x2(weights_offset);
  int32_t a0 = *acc0, a1 = *acc1;
  int32_t k = depth >> 2;
  while (k-- > 0) {
    const int32_t xv = dsp::load_s8x4(x);
    x += 4;
    const int32_t xe = dsp::sxtab16_even(in_offset2, xv);
    const int32_t xo = dsp::sxtab16_odd(in_offset2, xv);
    const int32_t v0 = dsp::load_s8x4(w0);
    w0 += 4;
    a0 = dsp::smlad(dsp::sxtab16_even(w_offset2, v0), xe, a0);
    a0 = dsp::smlad(dsp::sxtab16_odd(w_offset2, v0), xo, a0);
    const int32_t v1 = dsp::load_s8x4(w1);
    w1 += 4;
    a1 = dsp::smlad(dsp::sxtab16_even(w_offset2, v1), xe, a1);
    a1 = dsp::smlad(dsp::sxtab16_odd(w_offset2, v1), xo, a1);
  }
  for (int32_t t = depth & 3; t > 0; --t) {
    const int32_t xv = *x++ + input_offset;
    a0 = opt::wrapping_mul_add(*w0++ + weights_offset, xv, a0);
    a1 = opt::wrapping_mul_add(*w1++ + weights_offset, xv, a1);
  }
  *acc0 = a0;
  *acc1 = a1;
}

}  // namespace

void fully_connected_s8_dsp(const FullyConnectedS8Args& args) {
  const FullyConnectedParams& p = *args.params;
  // As the reference: the weights offset applies on the per-tensor path only.
  const int32_t weights_offset = p.channel_count > 1 ? 0 : p.weights_offset;
  const int32_t input_offset = p.input_offset;
  const int32_t depth = args.input_depth;
  const int32_t units = args.output_depth;
  // Values the loops read, as locals (see opt::OutputStageS8).
  const opt::OutputStageS8 stage = opt::output_stage_s8(args);
  const int8_t* const input = args.input;
  const int8_t* const weights = args.weights;
  const int32_t* const bias = args.bias;
  int8_t* const output = args.output;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* in = input + b * depth;
    int8_t* out = output + b * units;
    for (int32_t o = 0; o < units; o += 2) {
      // A lone last row is computed twice; the copy is dropped.
      const bool two = o + 1 < units;
      const int8_t* w0 = weights + o * depth;
      const int8_t* w1 = two ? w0 + depth : w0;
      int32_t acc0 = bias != nullptr ? bias[o] : 0;
      int32_t acc1 = bias != nullptr && two ? bias[o + 1] : acc0;
      dot_1x2(in, w0, w1, depth, input_offset, weights_offset, &acc0, &acc1);
      out[o] = stage.apply(acc0, o);
      if (two) out[o + 1] = stage.apply(acc1, o + 1);
    }
  }
}

}  // namespace qrt
