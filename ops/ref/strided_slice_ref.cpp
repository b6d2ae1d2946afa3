// STRIDED_SLICE reference (TFLite's reference_ops::StridedSlice once the importer has resolved
// begin / end / strides and the masks into start, stride and count per axis): a strided copy,
// one loop per axis after padding the rank to 5 at the front.
#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace {

template <typename T>
void strided_copy(const int32_t start[5], const int32_t stride[5], const int32_t count[5],
                  const int64_t pitch[5], const T* in, T* out) {
  for (int32_t i0 = 0; i0 < count[0]; ++i0) {
    const T* p0 = in + (start[0] + static_cast<int64_t>(i0) * stride[0]) * pitch[0];
    for (int32_t i1 = 0; i1 < count[1]; ++i1) {
      const T* p1 = p0 + (start[1] + static_cast<int64_t>(i1) * stride[1]) * pitch[1];
      for (int32_t i2 = 0; i2 < count[2]; ++i2) {
        const T* p2 = p1 + (start[2] + static_cast<int64_t>(i2) * stride[2]) * pitch[2];
        for (int32_t i3 = 0; i3 < count[3]; ++i3) {
          const T* p3 = p2 + (start[3] + static_cast<int64_t>(i3) * stride[3]) * pitch[3];
          for (int32_t i4 = 0; i4 < count[4]; ++i4) *out++ = p3[start[4] + i4 * stride[4]];
        }
      }
    }
  }
}

}  // namespace

void strided_slice_ref(const StridedSliceParams& params, const int32_t* input_dims,
                       uint32_t element_bytes, const void* input, void* output) {
  int32_t start[5] = {0, 0, 0, 0, 0}, stride[5] = {1, 1, 1, 1, 1}, count[5] = {1, 1, 1, 1, 1};
  int64_t pitch[5];
  int32_t dims[5] = {1, 1, 1, 1, 1};
  const int32_t lead = 5 - params.rank;
  for (int32_t a = 0; a < params.rank; ++a) {
    start[lead + a] = params.start[a];
    stride[lead + a] = params.stride[a];
    count[lead + a] = params.count[a];
    dims[lead + a] = input_dims[a];
  }
  pitch[4] = 1;
  for (int32_t a = 3; a >= 0; --a) pitch[a] = pitch[a + 1] * dims[a + 1];
  if (element_bytes == 1) {
    strided_copy(start, stride, count, pitch, static_cast<const int8_t*>(input),
                 static_cast<int8_t*>(output));
  } else if (element_bytes == 2) {
    strided_copy(start, stride, count, pitch, static_cast<const int16_t*>(input),
                 static_cast<int16_t*>(output));
  } else {
    strided_copy(start, stride, count, pitch, static_cast<const int32_t*>(input),
                 static_cast<int32_t*>(output));
  }
}

}  // namespace qrt
