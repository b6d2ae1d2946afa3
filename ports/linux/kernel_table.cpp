// Linux/Arm kernel table: the reference kernels until the NEON (SDOT, SMMLA) variants land in
// ops/neon; the table is then chosen here from __ARM_FEATURE_DOTPROD / __ARM_FEATURE_MATMUL_INT8.
#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"

namespace qrt {

const KernelTable& port_kernel_table() { return reference_kernel_table(); }

}  // namespace qrt
