// PAD and MEAN, float32 reference (TFLite reference_ops::Pad / PadV2 and Mean).
#include "common_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {

using f32_detail::offset4;

void pad_f32_ref(const PadParams& params, Shape4 in, const float* input_data, Shape4 out,
                 float* output_data) {
  const int32_t* before = params.before;
  for (int32_t n = 0; n < out.n; ++n) {
    const int32_t in_n = n - before[0];
    for (int32_t h = 0; h < out.h; ++h) {
      const int32_t in_h = h - before[1];
      for (int32_t w = 0; w < out.w; ++w) {
        const int32_t in_w = w - before[2];
        for (int32_t c = 0; c < out.c; ++c) {
          const int32_t in_c = c - before[3];
          const bool inside = in_n >= 0 && in_n < in.n && in_h >= 0 && in_h < in.h &&
                              in_w >= 0 && in_w < in.w && in_c >= 0 && in_c < in.c;
          output_data[offset4(out, n, h, w, c)] =
              inside ? input_data[offset4(in, in_n, in_h, in_w, in_c)] : params.float_pad_value;
        }
      }
    }
  }
}

void mean_f32_ref(Shape4 in, const float* input_data, Shape4 out, float* output_data) {
  // Extent of the reduction along each dimension: the whole input dimension where the output
  // has 1, otherwise a single element (the output's own index).
  const int32_t rn = out.n == 1 ? in.n : 1;
  const int32_t rh = out.h == 1 ? in.h : 1;
  const int32_t rw = out.w == 1 ? in.w : 1;
  const int32_t rc = out.c == 1 ? in.c : 1;
  const float count = static_cast<float>(rn * rh * rw * rc);
  for (int32_t n = 0; n < out.n; ++n) {
    for (int32_t h = 0; h < out.h; ++h) {
      for (int32_t w = 0; w < out.w; ++w) {
        for (int32_t c = 0; c < out.c; ++c) {
          float sum = 0.f;
          for (int32_t i = 0; i < rn; ++i) {
            for (int32_t j = 0; j < rh; ++j) {
              for (int32_t k = 0; k < rw; ++k) {
                for (int32_t l = 0; l < rc; ++l) {
                  sum += input_data[offset4(in, n + i, h + j, w + k, c + l)];
                }
              }
            }
          }
          output_data[offset4(out, n, h, w, c)] = sum / count;
        }
      }
    }
  }
}

}  // namespace qrt
