// TRANSPOSE reference (TFLite's reference_ops::Transpose): the rank is padded to 5 at the front
// (leading axes of size 1 keep their place), then one loop per output axis walks the input with
// the permuted strides.
#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace {

template <typename T>
void permute(const int32_t out_dims[5], const int64_t in_stride[5], const T* in, T* out) {
  for (int32_t i0 = 0; i0 < out_dims[0]; ++i0) {
    const T* p0 = in + i0 * in_stride[0];
    for (int32_t i1 = 0; i1 < out_dims[1]; ++i1) {
      const T* p1 = p0 + i1 * in_stride[1];
      for (int32_t i2 = 0; i2 < out_dims[2]; ++i2) {
        const T* p2 = p1 + i2 * in_stride[2];
        for (int32_t i3 = 0; i3 < out_dims[3]; ++i3) {
          const T* p3 = p2 + i3 * in_stride[3];
          for (int32_t i4 = 0; i4 < out_dims[4]; ++i4) *out++ = p3[i4 * in_stride[4]];
        }
      }
    }
  }
}

}  // namespace

void transpose_ref(const TransposeParams& params, const int32_t* input_dims,
                   uint32_t element_bytes, const void* input, void* output) {
  const int32_t lead = 5 - params.rank;
  int32_t dims[5] = {1, 1, 1, 1, 1}, perm[5] = {0, 1, 2, 3, 4};
  for (int32_t a = 0; a < params.rank; ++a) {
    dims[lead + a] = input_dims[a];
    perm[lead + a] = lead + params.perm[a];
  }
  int64_t pitch[5];
  pitch[4] = 1;
  for (int32_t a = 3; a >= 0; --a) pitch[a] = pitch[a + 1] * dims[a + 1];
  int32_t out_dims[5];
  int64_t in_stride[5];
  for (int32_t k = 0; k < 5; ++k) {
    out_dims[k] = dims[perm[k]];
    in_stride[k] = pitch[perm[k]];
  }
  if (element_bytes == 1) {
    permute(out_dims, in_stride, static_cast<const int8_t*>(input), static_cast<int8_t*>(output));
  } else if (element_bytes == 2) {
    permute(out_dims, in_stride, static_cast<const int16_t*>(input), static_cast<int16_t*>(output));
  } else {
    permute(out_dims, in_stride, static_cast<const int32_t*>(input), static_cast<int32_t*>(output));
  }
}

}  // namespace qrt
