// Cortex-M kernel table: the reference kernels until the DSP (SMLAD) and Helium (MVE) variants land
// in ops/dsp and ops/mve; the table is then chosen here by __ARM_FEATURE_DSP / __ARM_FEATURE_MVE.
#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"

namespace qrt {

const KernelTable& port_kernel_table() { return reference_kernel_table(); }

}  // namespace qrt
