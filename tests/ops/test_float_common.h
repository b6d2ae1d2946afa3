// Helpers shared by the float32 kernel tests (tests/ops/test_float_*.cpp): a deterministic
// random source and parameter blocks with no fused clamp. Oracles live in each test file.
#ifndef QRT_TESTS_OPS_TEST_FLOAT_COMMON_H
#define QRT_TESTS_OPS_TEST_FLOAT_COMMON_H

#include <math.h>
#include <stdint.h>

#include "qrt/ops/kernels_f32.h"

namespace float_test {

// xorshift32: the same sequence on every target, no library state.
struct Random {
  uint32_t state;
  explicit Random(uint32_t seed) : state(seed != 0 ? seed : 1u) {}
  uint32_t next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  }
  // Uniform in [lo, hi).
  float uniform(float lo, float hi) {
    const float unit = static_cast<float>(next() >> 8) * (1.0f / 16777216.0f);
    return lo + (hi - lo) * unit;
  }
  int32_t below(int32_t n) { return static_cast<int32_t>(next() % static_cast<uint32_t>(n)); }
};

inline void fill(Random& r, float* data, int32_t count, float lo, float hi) {
  for (int32_t i = 0; i < count; ++i) data[i] = r.uniform(lo, hi);
}

constexpr float kNoClampMin = -INFINITY;
constexpr float kNoClampMax = INFINITY;

inline qrt::ConvParams conv_params(int32_t stride_h, int32_t stride_w, int32_t dilation_h,
                                   int32_t dilation_w, int32_t pad_top, int32_t pad_left,
                                   int32_t depth_multiplier) {
  qrt::ConvParams p = {};
  p.stride_h = stride_h;
  p.stride_w = stride_w;
  p.dilation_h = dilation_h;
  p.dilation_w = dilation_w;
  p.pad_top = pad_top;
  p.pad_left = pad_left;
  p.depth_multiplier = depth_multiplier;
  p.float_act_min = kNoClampMin;
  p.float_act_max = kNoClampMax;
  return p;
}

// TFLite's output size and leading pad for SAME / VALID padding along one axis.
struct Geometry {
  int32_t out;
  int32_t pad;
};
inline Geometry same_geometry(int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  Geometry g;
  g.out = (in + stride - 1) / stride;
  const int32_t total = (g.out - 1) * stride + effective - in;
  g.pad = total > 0 ? total / 2 : 0;
  return g;
}
inline Geometry valid_geometry(int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  Geometry g;
  g.out = (in - effective + stride) / stride;
  g.pad = 0;
  return g;
}

inline int32_t count4(const qrt::Shape4& s) { return s.n * s.h * s.w * s.c; }

}  // namespace float_test

#endif  // QRT_TESTS_OPS_TEST_FLOAT_COMMON_H
