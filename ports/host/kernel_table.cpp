// Host kernel table: the reference kernels until x86 variants land.
#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"

namespace qrt {

const KernelTable& port_kernel_table() { return reference_kernel_table(); }

}  // namespace qrt
