// AVERAGE_POOL_2D and MAX_POOL_2D, float32 reference (TFLite reference_ops::AveragePool and
// MaxPool): the window is clipped to the input, so padding is never part of a window.
#include <float.h>

#include "common_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

using f32_detail::offset4;

struct Window {
  int32_t y0, y1, x0, x1;  // [y0, y1) x [x0, x1) in input coordinates, clipped to the input
};

Window clipped_window(const PoolParams& p, const Shape4& in, int32_t oy, int32_t ox) {
  const int32_t origin_y = oy * p.stride_h - p.pad_top;
  const int32_t origin_x = ox * p.stride_w - p.pad_left;
  Window win;
  win.y0 = origin_y < 0 ? 0 : origin_y;
  win.x0 = origin_x < 0 ? 0 : origin_x;
  win.y1 = origin_y + p.filter_h < in.h ? origin_y + p.filter_h : in.h;
  win.x1 = origin_x + p.filter_w < in.w ? origin_x + p.filter_w : in.w;
  return win;
}

}  // namespace

void average_pool2d_f32_ref(const PoolF32Args& a) {
  const PoolParams& p = *a.params;
  const Shape4& in = a.input;
  const Shape4& out = a.output;
  for (int32_t b = 0; b < out.n; ++b) {
    for (int32_t oy = 0; oy < out.h; ++oy) {
      for (int32_t ox = 0; ox < out.w; ++ox) {
        const Window win = clipped_window(p, in, oy, ox);
        for (int32_t c = 0; c < out.c; ++c) {
          float total = 0.f;
          int32_t count = 0;
          for (int32_t y = win.y0; y < win.y1; ++y) {
            for (int32_t x = win.x0; x < win.x1; ++x) {
              total += a.input_data[offset4(in, b, y, x, c)];
              ++count;
            }
          }
          // count >= 1: the adapter checked that every window overlaps the input.
          const float average = total / static_cast<float>(count);
          a.output_data[offset4(out, b, oy, ox, c)] =
              f32_detail::clamp_activation(average, p.float_act_min, p.float_act_max);
        }
      }
    }
  }
}

void max_pool2d_f32_ref(const PoolF32Args& a) {
  const PoolParams& p = *a.params;
  const Shape4& in = a.input;
  const Shape4& out = a.output;
  for (int32_t b = 0; b < out.n; ++b) {
    for (int32_t oy = 0; oy < out.h; ++oy) {
      for (int32_t ox = 0; ox < out.w; ++ox) {
        const Window win = clipped_window(p, in, oy, ox);
        for (int32_t c = 0; c < out.c; ++c) {
          float max = -FLT_MAX;  // std::numeric_limits<float>::lowest(), as TFLite starts
          for (int32_t y = win.y0; y < win.y1; ++y) {
            for (int32_t x = win.x0; x < win.x1; ++x) {
              const float v = a.input_data[offset4(in, b, y, x, c)];
              max = (max < v) ? v : max;  // std::max(max, v)
            }
          }
          a.output_data[offset4(out, b, oy, ox, c)] =
              f32_detail::clamp_activation(max, p.float_act_min, p.float_act_max);
        }
      }
    }
  }
}

}  // namespace qrt
