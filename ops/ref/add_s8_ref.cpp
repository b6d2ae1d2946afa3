// ADD int8 reference, as TFLite's reference_integer_ops::AddFunc: both inputs are shifted left
// by left_shift (20) to gain headroom, rescaled to a common scale (twice the larger input scale)
// by multipliers below one, summed, and the sum rescaled to the output.
#include "broadcast4d_ref.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

void add_s8_ref(const BinaryS8Args& args) {
  const AddParams& p = *static_cast<const AddParams*>(args.params);
  ref::broadcast_binary_s8(args, [&p](int8_t x, int8_t y) -> int8_t {
    // |x + offset| <= 255, so the shift by 20 cannot overflow.
    const int32_t shifted1 = (p.input1_offset + x) * (int32_t{1} << p.left_shift);
    const int32_t shifted2 = (p.input2_offset + y) * (int32_t{1} << p.left_shift);
    const int32_t scaled1 =
        multiply_by_quantized_multiplier_smaller_than_one(shifted1, p.input1_multiplier, p.input1_shift);
    const int32_t scaled2 =
        multiply_by_quantized_multiplier_smaller_than_one(shifted2, p.input2_multiplier, p.input2_shift);
    int32_t out = add_wrapping(multiply_by_quantized_multiplier_smaller_than_one(
                                   scaled1 + scaled2, p.output_multiplier, p.output_shift),
                               p.output_offset);
    out = out < p.act_min ? p.act_min : out;
    out = out > p.act_max ? p.act_max : out;
    return static_cast<int8_t>(out);
  });
}

}  // namespace qrt
