// The extensions this build's target runs (kernel_select.h): the ISA folders ops/CMakeLists.txt
// compiled (QRT_OPS_HAVE_<ISA>), and on x86 the CPU's own report, read at run time.
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::kX86Avx2: return "x86-avx2";
    case Isa::kArmDsp: return "arm-dsp";
    case Isa::kArmMve: return "arm-mve";
    case Isa::kArmNeonDot: return "arm-neon-dotprod";
    default: return "reference";
  }
}

IsaSet target_isas() {
  IsaSet s = kReferenceOnly;
#if defined(QRT_OPS_HAVE_MVE)
  s = s.with(Isa::kArmMve);
#endif
#if defined(QRT_OPS_HAVE_DSP)
  s = s.with(Isa::kArmDsp);
#endif
#if defined(QRT_OPS_HAVE_NEON)
  s = s.with(Isa::kArmNeonDot);
#endif
#if defined(QRT_OPS_HAVE_X86)
  if (x86_cpu_has_avx2()) s = s.with(Isa::kX86Avx2);
#endif
  return s;
}

}  // namespace qrt
