// AVERAGE_POOL_2D and MAX_POOL_2D int8 / int16 references, as TFLite's
// reference_integer_ops::AveragePool and MaxPool: the window is clipped to the image (padding taps are not counted), the average is
// rounded half away from zero by integer division, input and output share quantization.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

struct Window {
  int32_t y_start, y_end, x_start, x_end;  // filter taps [start, end) inside the image
  int32_t in_y_origin, in_x_origin;
};

Window clipped_window(const PoolParams& p, const Shape4& is, int32_t oy, int32_t ox) {
  Window w;
  w.in_y_origin = oy * p.stride_h - p.pad_top;
  w.in_x_origin = ox * p.stride_w - p.pad_left;
  w.x_start = w.in_x_origin < 0 ? -w.in_x_origin : 0;
  w.x_end = is.w - w.in_x_origin < p.filter_w ? is.w - w.in_x_origin : p.filter_w;
  w.y_start = w.in_y_origin < 0 ? -w.in_y_origin : 0;
  w.y_end = is.h - w.in_y_origin < p.filter_h ? is.h - w.in_y_origin : p.filter_h;
  return w;
}

int32_t clamp_activation(int32_t v, const PoolParams& p) {
  v = v < p.act_min ? p.act_min : v;
  return v > p.act_max ? p.act_max : v;
}

template <typename T, typename Args>
void average_pool(const Args& args) {
  const PoolParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& os = args.output;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const Window w = clipped_window(p, is, oy, ox);
        for (int32_t c = 0; c < os.c; ++c) {
          int32_t acc = 0;
          int32_t count = 0;
          for (int32_t fy = w.y_start; fy < w.y_end; ++fy) {
            for (int32_t fx = w.x_start; fx < w.x_end; ++fx) {
              const int32_t in_y = w.in_y_origin + fy;
              const int32_t in_x = w.in_x_origin + fx;
              acc = add_wrapping(acc, args.input_data[((b * is.h + in_y) * is.w + in_x) * is.c + c]);
              ++count;
            }
          }
          // TFLite reports an error for an empty window; the loader rejects such shapes, and a
          // value is still written here so that the output is always defined.
          if (count > 0) {
            acc = acc > 0 ? add_wrapping(acc, count / 2) / count : add_wrapping(acc, -(count / 2)) / count;
          }
          args.output_data[((b * os.h + oy) * os.w + ox) * os.c + c] =
              static_cast<T>(clamp_activation(acc, p));
        }
      }
    }
  }
}

template <typename T, int32_t kLowest, typename Args>
void max_pool(const Args& args) {
  const PoolParams& p = *args.params;
  const Shape4& is = args.input;
  const Shape4& os = args.output;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const Window w = clipped_window(p, is, oy, ox);
        for (int32_t c = 0; c < os.c; ++c) {
          int32_t max = kLowest;  // an empty window gives the type's lowest value, as in TFLite
          for (int32_t fy = w.y_start; fy < w.y_end; ++fy) {
            for (int32_t fx = w.x_start; fx < w.x_end; ++fx) {
              const int32_t in_y = w.in_y_origin + fy;
              const int32_t in_x = w.in_x_origin + fx;
              const int32_t v = args.input_data[((b * is.h + in_y) * is.w + in_x) * is.c + c];
              max = v > max ? v : max;
            }
          }
          args.output_data[((b * os.h + oy) * os.w + ox) * os.c + c] =
              static_cast<T>(clamp_activation(max, p));
        }
      }
    }
  }
}

}  // namespace

void average_pool2d_s8_ref(const PoolS8Args& args) { average_pool<int8_t>(args); }
void max_pool2d_s8_ref(const PoolS8Args& args) { max_pool<int8_t, -128>(args); }
void average_pool2d_s16_ref(const PoolS16Args& args) { average_pool<int16_t>(args); }
void max_pool2d_s16_ref(const PoolS16Args& args) { max_pool<int16_t, -32768>(args); }

}  // namespace qrt
