#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace {
int32_t no_scratch(const ConvS8Args&) { return 0; }
}  // namespace

const KernelTable& reference_kernel_table() {
  static const KernelTable table = {
      "reference",     conv2d_s8_ref, depthwise_conv2d_s8_ref, fully_connected_s8_ref,
      average_pool2d_s8_ref, max_pool2d_s8_ref, add_s8_ref, mul_s8_ref,
      no_scratch,      no_scratch,
  };
  return table;
}

}  // namespace qrt
