// ADD and SUB int8 / int16 references, as TFLite's reference AddElementwise / SubElementwise: both
// inputs are shifted left by left_shift (20 for int8, 15 for int16) to gain headroom, rescaled
// to a common scale (twice the larger input scale) by multipliers below one, summed or
// subtracted, and the result rescaled to the output. SQUARED_DIFFERENCE squares the difference.
#include "broadcast4d_ref.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {

namespace {

// TFLite's AddElementwise (kSign 1) and SubElementwise (kSign -1): the rescaled inputs are added
// or subtracted, never the second one negated first (the fixed-point rescale is not symmetric at
// exact ties, so -(m * x) and (-m) * x can differ by one).
template <int kSign, typename T, typename Args>
void add_or_sub(const Args& args) {
  const AddParams& p = *static_cast<const AddParams*>(args.params);
  ref::broadcast_binary(args, [&p](T x, T y) -> T {
    // |x + offset| <= 255 << 20 (int8) or 65535 << 15 (int16): the shift cannot overflow.
    const int32_t shifted1 = (p.input1_offset + x) * (int32_t{1} << p.left_shift);
    const int32_t shifted2 = (p.input2_offset + y) * (int32_t{1} << p.left_shift);
    const int32_t scaled1 =
        multiply_by_quantized_multiplier_smaller_than_one(shifted1, p.input1_multiplier, p.input1_shift);
    const int32_t scaled2 =
        multiply_by_quantized_multiplier_smaller_than_one(shifted2, p.input2_multiplier, p.input2_shift);
    // Within int32 for TFLite's multipliers (each at most 1/2); wrapping for any other blob.
    const int32_t raw = kSign > 0 ? add_wrapping(scaled1, scaled2) : sub_wrapping(scaled1, scaled2);
    int32_t out = add_wrapping(
        multiply_by_quantized_multiplier_smaller_than_one(raw, p.output_multiplier, p.output_shift),
        p.output_offset);
    out = out < p.act_min ? p.act_min : out;
    out = out > p.act_max ? p.act_max : out;
    return static_cast<T>(out);
  });
}

// TFLite's SquaredDifference: ADD's rescale (left_shift 7 for int8), the difference squared and
// rescaled by a multiplier of either magnitude.
template <typename T, typename Args>
void squared_difference(const Args& args) {
  const AddParams& p = *static_cast<const AddParams*>(args.params);
  ref::broadcast_binary(args, [&p](T x, T y) -> T {
    const int32_t shifted1 = (p.input1_offset + x) * (int32_t{1} << p.left_shift);
    const int32_t shifted2 = (p.input2_offset + y) * (int32_t{1} << p.left_shift);
    const int32_t diff = sub_wrapping(
        multiply_by_quantized_multiplier_smaller_than_one(shifted1, p.input1_multiplier, p.input1_shift),
        multiply_by_quantized_multiplier_smaller_than_one(shifted2, p.input2_multiplier, p.input2_shift));
    // |diff| <= 255 << 6 for TFLite's parameters, so the square fits; wrapping for any other blob.
    const auto square = static_cast<int32_t>(static_cast<uint32_t>(diff) * static_cast<uint32_t>(diff));
    int32_t out = add_wrapping(
        multiply_by_quantized_multiplier(square, p.output_multiplier, p.output_shift), p.output_offset);
    out = out < p.act_min ? p.act_min : out;
    out = out > p.act_max ? p.act_max : out;
    return static_cast<T>(out);
  });
}

}  // namespace

void squared_difference_s8_ref(const BinaryS8Args& args) { squared_difference<int8_t>(args); }

void add_s8_ref(const BinaryS8Args& args) { add_or_sub<1, int8_t>(args); }
void sub_s8_ref(const BinaryS8Args& args) { add_or_sub<-1, int8_t>(args); }
void add_s16_ref(const BinaryS16Args& args) { add_or_sub<1, int16_t>(args); }
void sub_s16_ref(const BinaryS16Args& args) { add_or_sub<-1, int16_t>(args); }

}  // namespace qrt
