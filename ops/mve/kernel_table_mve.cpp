// The arm-mve kernel table: this ISA's CNN kernels, the reference for the rest (pooling and
// elementwise kernels have no variant). Ports return it from port_kernel_table() where the target
// has the instructions.
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

int32_t no_scratch(const ConvS8Args&) { return 0; }

const KernelTable kTable = {
    "arm-mve",
    conv2d_s8_mve,
    depthwise_conv2d_s8_mve,
    fully_connected_s8_mve,
    average_pool2d_s8_ref,
    max_pool2d_s8_ref,
    add_s8_ref,
    mul_s8_ref,
    conv2d_s8_mve_scratch_bytes,
    no_scratch,
};

}  // namespace

const KernelTable& mve_kernel_table() { return kTable; }

}  // namespace qrt
