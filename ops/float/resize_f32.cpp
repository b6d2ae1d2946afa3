// RESIZE_BILINEAR float32, as TFLite's reference_ops::ResizeBilinear for float (the same order of
// operations, so the same bits).
#include <math.h>

#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

float scale_of(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
  return static_cast<float>(in) / static_cast<float>(out);
}

struct Source {
  float position;
  int32_t lo, hi;
};

// TFLite's ComputeInterpolationValues; lo is also kept below size (it always is for valid sizes).
Source source_of(int32_t value, float scale, bool half_pixel_centers, int32_t size) {
  Source s;
  s.position = half_pixel_centers ? (static_cast<float>(value) + 0.5f) * scale - 0.5f
                                  : static_cast<float>(value) * scale;
  const auto lo = static_cast<int32_t>(floorf(s.position));
  s.lo = lo < 0 ? 0 : lo > size - 1 ? size - 1 : lo;
  const auto hi = static_cast<int32_t>(ceilf(s.position));
  s.hi = hi < size - 1 ? hi : size - 1;
  return s;
}

}  // namespace

void resize_bilinear_f32_ref(const ResizeBilinearParams& params, Shape4 input,
                             const float* input_data, Shape4 output, float* output_data) {
  const bool align = params.align_corners != 0, half = params.half_pixel_centers != 0;
  const float sy = scale_of(input.h, output.h, align), sx = scale_of(input.w, output.w, align);
  const int32_t depth = input.c;
  float* out = output_data;
  for (int32_t b = 0; b < output.n; ++b) {
    const float* image = input_data + static_cast<size_t>(b) * input.h * input.w * depth;
    for (int32_t y = 0; y < output.h; ++y) {
      const Source ys = source_of(y, sy, half, input.h);
      const float dy = ys.position - static_cast<float>(ys.lo);
      const float* r0 = image + static_cast<size_t>(ys.lo) * input.w * depth;
      const float* r1 = image + static_cast<size_t>(ys.hi) * input.w * depth;
      for (int32_t x = 0; x < output.w; ++x) {
        const Source xs = source_of(x, sx, half, input.w);
        const float dx = xs.position - static_cast<float>(xs.lo);
        const size_t c0 = static_cast<size_t>(xs.lo) * depth, c1 = static_cast<size_t>(xs.hi) * depth;
        for (int32_t c = 0; c < depth; ++c) {
          *out++ = r0[c0 + c] * (1 - dy) * (1 - dx) + r1[c0 + c] * dy * (1 - dx) +
                   r0[c1 + c] * (1 - dy) * dx + r1[c1 + c] * dy * dx + 0.0f;  // TFLite adds its
          // rounding offset (0 for float), which turns -0 into +0
        }
      }
    }
  }
}

}  // namespace qrt
