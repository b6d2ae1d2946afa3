// The x86-avx2 kernel table: this ISA's CNN kernels, the reference for the rest (pooling and
// elementwise kernels have no variant). Ports return it from port_kernel_table() where the target
// has the instructions.
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

int32_t no_scratch(const ConvS8Args&) { return 0; }

const KernelTable kTable = {
    "x86-avx2",
    conv2d_s8_avx2,
    depthwise_conv2d_s8_avx2,
    fully_connected_s8_avx2,
    average_pool2d_s8_ref,
    max_pool2d_s8_ref,
    add_s8_ref,
    mul_s8_ref,
    conv2d_s8_avx2_scratch_bytes,
    no_scratch,
};

}  // namespace

const KernelTable& avx2_kernel_table() { return kTable; }

}  // namespace qrt
