// ADD / SUB int8 variants in capability order (kernel_select.h): Helium, else on any other
// extension the portable single-multiply variant (ops/generic/), else the reference.
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

Isa add_sub_s8_variant(IsaSet have) { return first_held(kFastestFirst, have); }

BinaryS8Fn add_s8_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return add_s8_mve;
#endif
    case Isa::kReference: return add_s8_ref;
    default: return add_s8_fast;
  }
}

BinaryS8Fn sub_s8_kernel(Isa variant) {
  switch (variant) {
#if defined(QRT_OPS_HAVE_MVE)
    case Isa::kArmMve: return sub_s8_mve;
#endif
    case Isa::kReference: return sub_s8_ref;
    default: return sub_s8_fast;
  }
}

}  // namespace qrt
