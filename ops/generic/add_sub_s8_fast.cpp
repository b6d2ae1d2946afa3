// ADD and SUB int8, portable optimized variant (kernels_s8_opt.h): for inputs of the output's
// shape, one loop over the elements with the parameters in locals and the single-multiply
// requantization, whose results equal the reference's gemmlowp form for every valid multiplier
// (fixedpoint.h; ADD's shifts are <= 0, checked at load).
#include "qrt/ops/kernel_util_add.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <int kSign>
void add_or_sub(const BinaryS8Args& args, void (*reference)(const BinaryS8Args&)) {
  const int32_t n = opt::elementwise_count(args);
  if (n == 0) {
    reference(args);
    return;
  }
  const AddParams p = *static_cast<const AddParams*>(args.params);  // a copy: no reloads per store
  const int8_t* a = args.input1_data;
  const int8_t* b = args.input2_data;
  int8_t* out = args.output_data;
  // A multiplication, not a left shift: the shifted values are negative too (|x| <= 255 << 20).
  const int32_t shift_scale = int32_t{1} << p.left_shift;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t x = multiply_by_quantized_multiplier_fast((p.input1_offset + a[i]) * shift_scale,
                                                            p.input1_multiplier, p.input1_shift);
    const int32_t y = multiply_by_quantized_multiplier_fast((p.input2_offset + b[i]) * shift_scale,
                                                            p.input2_multiplier, p.input2_shift);
    const int32_t raw = kSign > 0 ? add_wrapping(x, y) : sub_wrapping(x, y);
    const int32_t v = add_wrapping(multiply_by_quantized_multiplier_fast(raw, p.output_multiplier, p.output_shift),
                                   p.output_offset);
    out[i] = static_cast<int8_t>(clamp_s32(v, p.act_min, p.act_max));
  }
}

}  // namespace

void add_s8_fast(const BinaryS8Args& args) { add_or_sub<1>(args, add_s8_ref); }
void sub_s8_fast(const BinaryS8Args& args) { add_or_sub<-1>(args, sub_s8_ref); }

}  // namespace qrt
