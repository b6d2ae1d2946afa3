// MUL int8 / int16 references, as TFLite's reference_integer_ops::MulElementwise /
// BroadcastMul4DSlow: the product of the offset inputs (at most 255 * 255 for int8; 2^30 for
// int16, whose zero points are 0) is rescaled to the output by one multiplier.
#include "broadcast4d_ref.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

namespace {

template <typename T, typename Args>
void mul(const Args& args) {
  const MulParams& p = *static_cast<const MulParams*>(args.params);
  ref::broadcast_binary(args, [&p](T x, T y) -> T {
    const int32_t product = (p.input1_offset + x) * (p.input2_offset + y);
    int32_t out = add_wrapping(p.output_offset, multiply_by_quantized_multiplier(
                                                    product, p.output_multiplier, p.output_shift));
    // TFLite: min(act_max, max(act_min, v)).
    out = out < p.act_min ? p.act_min : out;
    out = out > p.act_max ? p.act_max : out;
    return static_cast<T>(out);
  });
}

}  // namespace

void mul_s8_ref(const BinaryS8Args& args) { mul<int8_t>(args); }
void mul_s16_ref(const BinaryS16Args& args) { mul<int16_t>(args); }

}  // namespace qrt
