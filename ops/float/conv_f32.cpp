// CONV_2D and DEPTHWISE_CONV_2D, float32 reference (TFLite reference_ops::Conv and
// DepthwiseConv semantics, same loop and summation order).
#include "common_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {

using f32_detail::clamp_activation;
using f32_detail::offset4;

void conv2d_f32_ref(const ConvF32Args& a) {
  const ConvParams& p = *a.params;
  const Shape4& in = a.input;
  const Shape4& filter = a.filter;  // [out_c, kh, kw, in_c]
  const Shape4& out = a.output;
  for (int32_t b = 0; b < out.n; ++b) {
    for (int32_t oy = 0; oy < out.h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_top;
      for (int32_t ox = 0; ox < out.w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_left;
        for (int32_t oc = 0; oc < out.c; ++oc) {
          float total = 0.f;
          for (int32_t fy = 0; fy < filter.h; ++fy) {
            const int32_t y = in_y0 + fy * p.dilation_h;
            if (y < 0 || y >= in.h) continue;  // zero padding contributes nothing
            for (int32_t fx = 0; fx < filter.w; ++fx) {
              const int32_t x = in_x0 + fx * p.dilation_w;
              if (x < 0 || x >= in.w) continue;
              const float* in_px = a.input_data + offset4(in, b, y, x, 0);
              const float* w_px = a.filter_data + offset4(filter, oc, fy, fx, 0);
              for (int32_t ic = 0; ic < in.c; ++ic) total += in_px[ic] * w_px[ic];
            }
          }
          const float bias = a.bias != nullptr ? a.bias[oc] : 0.f;
          a.output_data[offset4(out, b, oy, ox, oc)] =
              clamp_activation(total + bias, p.float_act_min, p.float_act_max);
        }
      }
    }
  }
}

void depthwise_conv2d_f32_ref(const ConvF32Args& a) {
  const ConvParams& p = *a.params;
  const Shape4& in = a.input;
  const Shape4& filter = a.filter;  // [1, kh, kw, in_c * depth_multiplier]
  const Shape4& out = a.output;
  const int32_t multiplier = p.depth_multiplier;
  for (int32_t b = 0; b < out.n; ++b) {
    for (int32_t oy = 0; oy < out.h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_top;
      for (int32_t ox = 0; ox < out.w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_left;
        for (int32_t ic = 0; ic < in.c; ++ic) {
          for (int32_t m = 0; m < multiplier; ++m) {
            const int32_t oc = ic * multiplier + m;
            float total = 0.f;
            for (int32_t fy = 0; fy < filter.h; ++fy) {
              const int32_t y = in_y0 + fy * p.dilation_h;
              if (y < 0 || y >= in.h) continue;
              for (int32_t fx = 0; fx < filter.w; ++fx) {
                const int32_t x = in_x0 + fx * p.dilation_w;
                if (x < 0 || x >= in.w) continue;
                total += a.input_data[offset4(in, b, y, x, ic)] *
                         a.filter_data[offset4(filter, 0, fy, fx, oc)];
              }
            }
            const float bias = a.bias != nullptr ? a.bias[oc] : 0.f;
            a.output_data[offset4(out, b, oy, ox, oc)] =
                clamp_activation(total + bias, p.float_act_min, p.float_act_max);
          }
        }
      }
    }
  }
}

// Same loop order as TFLite's reference (input y, x, channel, then filter y, x, output channel), so
// each output element sums its products in TFLite's order.
void transpose_conv2d_f32_ref(const ConvF32Args& a) {
  const ConvParams& p = *a.params;
  const Shape4& in = a.input;
  const Shape4& filter = a.filter;
  const Shape4& out = a.output;
  const int32_t count = out.n * out.h * out.w * out.c;
  for (int32_t i = 0; i < count; ++i) a.output_data[i] = 0.0f;
  for (int32_t b = 0; b < in.n; ++b) {
    for (int32_t iy = 0; iy < in.h; ++iy) {
      for (int32_t ix = 0; ix < in.w; ++ix) {
        for (int32_t ic = 0; ic < in.c; ++ic) {
          const float x = a.input_data[offset4(in, b, iy, ix, ic)];
          for (int32_t fy = 0; fy < filter.h; ++fy) {
            const int32_t oy = iy * p.stride_h - p.pad_top + fy;
            if (oy < 0 || oy >= out.h) continue;
            for (int32_t fx = 0; fx < filter.w; ++fx) {
              const int32_t ox = ix * p.stride_w - p.pad_left + fx;
              if (ox < 0 || ox >= out.w) continue;
              for (int32_t oc = 0; oc < out.c; ++oc) {
                a.output_data[offset4(out, b, oy, ox, oc)] +=
                    x * a.filter_data[offset4(filter, oc, fy, fx, ic)];
              }
            }
          }
        }
      }
    }
  }
  for (int32_t i = 0; i < count; ++i) {
    float acc = a.output_data[i];
    if (a.bias != nullptr) acc += a.bias[i % out.c];  // no "+ 0": it would turn -0 into +0
    a.output_data[i] = clamp_activation(acc, p.float_act_min, p.float_act_max);
  }
}

}  // namespace qrt
