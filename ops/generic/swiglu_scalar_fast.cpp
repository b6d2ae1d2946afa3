// SWIGLU, portable optimized variant (kernels_llm_opt.h): the reference's arithmetic with single
// 32 x 32 -> 64-bit multiplies for the high products and the requantizations
// (kernel_util_llm.h: logistic_q4_fast, llm_requantize_s32), branch-free where the sign would
// mispredict. The tables of targets without a vector SWIGLU (Arm DSP, Helium, NEON) list it.
#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"

namespace qrt {

void llm_swiglu_scalar_fast(const LlmSwiGluArgs& args) {
  if (args.input_type == kLlmInt8) {
    opt::llm_swiglu_scalar(args, static_cast<const int8_t*>(args.gate),
                           static_cast<const int8_t*>(args.up), 0);
  } else {
    opt::llm_swiglu_scalar(args, static_cast<const int16_t*>(args.gate),
                           static_cast<const int16_t*>(args.up), 0);
  }
}

}  // namespace qrt
