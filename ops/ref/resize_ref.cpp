// RESIZE_NEAREST_NEIGHBOR (a gather of pixels; the importer computed the source rows and
// columns) and RESIZE_BILINEAR int8, as TFLite's ResizeBilinearInteger: source positions in
// 10-bit fixed point, four weighted neighbours summed in int64 and rounded half away from zero
// by 2^20.
#include <string.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {

void resize_nearest_ref(Shape4 input, const void* input_data, Shape4 output, const int32_t* rows,
                        const int32_t* cols, int32_t element_bytes, void* output_data) {
  const auto* in = static_cast<const uint8_t*>(input_data);
  auto* out = static_cast<uint8_t*>(output_data);
  const size_t pixel = static_cast<size_t>(input.c) * static_cast<size_t>(element_bytes);
  for (int32_t b = 0; b < output.n; ++b) {
    const uint8_t* image = in + static_cast<size_t>(b) * static_cast<size_t>(input.h) * input.w * pixel;
    for (int32_t y = 0; y < output.h; ++y) {
      const uint8_t* row = image + static_cast<size_t>(rows[y]) * static_cast<size_t>(input.w) * pixel;
      for (int32_t x = 0; x < output.w; ++x) {
        memcpy(out, row + static_cast<size_t>(cols[x]) * pixel, pixel);
        out += pixel;
      }
    }
  }
}

namespace {

// TFLite's scale in 10-bit fixed point: in / out rounded (align_corners: (in - 1) / (out - 1)).
int32_t scale_q10(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
  return ((1 << 10) * in + out / 2) / out;
}

struct Source {
  int32_t position;  // Q10
  int32_t lo, hi;    // neighbouring input indices
};

// TFLite's ComputeInterpolationValuesInteger, with lo also clamped to size - 1: TFLite's rounded
// scale can put the last output one input past the end for large upscales (out^2 > 2048 in),
// where it reads outside the tensor; everywhere else the clamp changes nothing.
Source source_of(int32_t value, int32_t scale, bool half_pixel_centers, int32_t size) {
  Source s;
  s.position = half_pixel_centers ? value * scale + scale / 2 - (1 << 9) : value * scale;
  const int32_t lo = s.position / (1 << 10);
  s.lo = lo < 0 ? 0 : lo > size - 1 ? size - 1 : lo;
  const int32_t hi = (s.position + (1 << 10) - 1) / (1 << 10);
  s.hi = hi < size - 1 ? hi : size - 1;
  return s;
}

}  // namespace

void resize_bilinear_s8_ref(const ResizeBilinearParams& params, Shape4 input,
                            const int8_t* input_data, Shape4 output, int8_t* output_data) {
  const bool align = params.align_corners != 0, half = params.half_pixel_centers != 0;
  const int32_t sy = scale_q10(input.h, output.h, align), sx = scale_q10(input.w, output.w, align);
  const int32_t depth = input.c;
  int8_t* out = output_data;
  for (int32_t b = 0; b < output.n; ++b) {
    const int8_t* image = input_data + static_cast<size_t>(b) * input.h * input.w * depth;
    for (int32_t y = 0; y < output.h; ++y) {
      const Source ys = source_of(y, sy, half, input.h);
      const int64_t dy = ys.position - (1 << 10) * ys.lo;  // weight of row hi (may exceed 1024)
      const int8_t* r0 = image + static_cast<size_t>(ys.lo) * input.w * depth;
      const int8_t* r1 = image + static_cast<size_t>(ys.hi) * input.w * depth;
      for (int32_t x = 0; x < output.w; ++x) {
        const Source xs = source_of(x, sx, half, input.w);
        const int64_t dx = xs.position - (1 << 10) * xs.lo;
        const size_t c0 = static_cast<size_t>(xs.lo) * depth, c1 = static_cast<size_t>(xs.hi) * depth;
        for (int32_t c = 0; c < depth; ++c) {
          const int64_t sum = r0[c0 + c] * ((1 << 10) - dy) * ((1 << 10) - dx) +
                              r1[c0 + c] * dy * ((1 << 10) - dx) +
                              r0[c1 + c] * ((1 << 10) - dy) * dx + r1[c1 + c] * dy * dx;
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          *out++ = static_cast<int8_t>((sum + round) / (1 << 20));
        }
      }
    }
  }
}

}  // namespace qrt
