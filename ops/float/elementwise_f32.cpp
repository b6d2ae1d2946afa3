// ADD, MUL (4-D broadcast), SOFTMAX, LOGISTIC, TANH, RELU, RELU6: float32 reference kernels
// with TFLite's float semantics.
#include <math.h>

#include "common_f32.h"
#include "qrt/ops/kernels_f32.h"
#include "qrt/ops/math_f32.h"

namespace qrt {
namespace {

using f32_detail::clamp_activation;

// Element strides of an input inside the output's index space: a broadcast dimension (size 1
// where the output is larger) gets stride 0, so the same element is read along it.
struct BroadcastStrides {
  int32_t n, h, w, c;
};

BroadcastStrides broadcast_strides(const Shape4& in, const Shape4& out) {
  const int32_t sc = 1, sw = in.c, sh = in.w * in.c, sn = in.h * in.w * in.c;
  BroadcastStrides s;
  s.c = (in.c == out.c) ? sc : 0;
  s.w = (in.w == out.w) ? sw : 0;
  s.h = (in.h == out.h) ? sh : 0;
  s.n = (in.n == out.n) ? sn : 0;
  return s;
}

enum class BinaryOp { kAdd, kMul };

void broadcast_binary(const BinaryF32Args& a, BinaryOp op, float act_min, float act_max) {
  const Shape4& out = a.output;
  const BroadcastStrides s1 = broadcast_strides(a.input1, out);
  const BroadcastStrides s2 = broadcast_strides(a.input2, out);
  float* dst = a.output_data;
  for (int32_t n = 0; n < out.n; ++n) {
    for (int32_t h = 0; h < out.h; ++h) {
      for (int32_t w = 0; w < out.w; ++w) {
        const float* x1 = a.input1_data + n * s1.n + h * s1.h + w * s1.w;
        const float* x2 = a.input2_data + n * s2.n + h * s2.h + w * s2.w;
        for (int32_t c = 0; c < out.c; ++c) {
          const float v1 = x1[c * s1.c];
          const float v2 = x2[c * s2.c];
          const float r = (op == BinaryOp::kAdd) ? v1 + v2 : v1 * v2;
          *dst++ = clamp_activation(r, act_min, act_max);
        }
      }
    }
  }
}

}  // namespace

void add_f32_ref(const BinaryF32Args& a) {
  const AddParams& p = *static_cast<const AddParams*>(a.params);
  broadcast_binary(a, BinaryOp::kAdd, p.float_act_min, p.float_act_max);
}

void mul_f32_ref(const BinaryF32Args& a) {
  const MulParams& p = *static_cast<const MulParams*>(a.params);
  broadcast_binary(a, BinaryOp::kMul, p.float_act_min, p.float_act_max);
}

void softmax_f32_ref(const SoftmaxParams& params, int32_t rows, int32_t depth, const float* input,
                     float* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const float* x = input + r * depth;
    float* y = output + r * depth;
    // exp(v - max) / sum exp(v - max) equals exp(v) / sum exp(v) but cannot overflow.
    float max = x[0];
    for (int32_t i = 1; i < depth; ++i) max = (max < x[i]) ? x[i] : max;
    float sum = 0.f;
    for (int32_t i = 0; i < depth; ++i) {
      const float e = exp_f32((x[i] - max) * params.beta);  // x[i] is read before y[i] is written
      y[i] = e;
      sum += e;
    }
    for (int32_t i = 0; i < depth; ++i) y[i] = y[i] / sum;
  }
}

void logistic_f32_ref(int32_t count, const float* input, float* output) {
  // TFLite's cutoffs: above 16.619047 the result rounds to 1 in float anyway; below -9,
  // 1 / (1 + exp(-x)) is exp(x) to float precision, and exp(-x) cannot overflow to inf there.
  const float cutoff_upper = 16.619047164916992188f;
  const float cutoff_lower = -9.f;
  for (int32_t i = 0; i < count; ++i) {
    const float x = input[i];
    float y;
    if (x > cutoff_upper) {
      y = 1.f;
    } else if (x < cutoff_lower) {
      y = exp_f32(x);
    } else {
      y = 1.f / (1.f + exp_f32(-x));
    }
    output[i] = y;
  }
}

void tanh_f32_ref(int32_t count, const float* input, float* output) {
  for (int32_t i = 0; i < count; ++i) output[i] = tanh_f32(input[i]);
}

void relu_f32_ref(int32_t count, const float* input, float* output) {
  for (int32_t i = 0; i < count; ++i) {
    const float x = input[i];
    output[i] = x < 0.f ? 0.f : x;
  }
}

void relu6_f32_ref(int32_t count, const float* input, float* output) {
  for (int32_t i = 0; i < count; ++i) {
    const float x = input[i];
    output[i] = x > 6.f ? 6.f : (x < 0.f ? 0.f : x);
  }
}

void leaky_relu_f32_ref(float alpha, int32_t count, const float* input, float* output) {
  for (int32_t i = 0; i < count; ++i) output[i] = input[i] > 0.0f ? input[i] : input[i] * alpha;
}

}  // namespace qrt
