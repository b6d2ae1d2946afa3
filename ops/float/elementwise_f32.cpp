// ADD, MUL, MAXIMUM, MINIMUM (4-D broadcast), SOFTMAX, LOGISTIC, TANH, RELU, RELU6: float32 reference kernels
// with TFLite's float semantics.
#include <math.h>

#include "../ref/broadcast4d_ref.h"
#include "common_f32.h"
#include "qrt/ops/kernels_f32.h"
#include "qrt/ops/math_f32.h"

namespace qrt {
namespace {

using f32_detail::clamp_activation;

}  // namespace

void add_f32_ref(const BinaryF32Args& a) {
  const AddParams& p = *static_cast<const AddParams*>(a.params);
  ref::broadcast_binary(a, [&p](float x, float y) {
    return clamp_activation(x + y, p.float_act_min, p.float_act_max);
  });
}

void sub_f32_ref(const BinaryF32Args& a) {
  const AddParams& p = *static_cast<const AddParams*>(a.params);
  ref::broadcast_binary(a, [&p](float x, float y) {
    return clamp_activation(x - y, p.float_act_min, p.float_act_max);
  });
}

void mul_f32_ref(const BinaryF32Args& a) {
  const MulParams& p = *static_cast<const MulParams*>(a.params);
  ref::broadcast_binary(a, [&p](float x, float y) {
    return clamp_activation(x * y, p.float_act_min, p.float_act_max);
  });
}

// std::max / std::min, as TFLite: max(a, NaN) is a and max(NaN, b) is NaN (likewise min).
void maximum_f32_ref(const BinaryF32Args& a) {
  ref::broadcast_binary(a, [](float x, float y) { return x < y ? y : x; });
}

void minimum_f32_ref(const BinaryF32Args& a) {
  ref::broadcast_binary(a, [](float x, float y) { return y < x ? y : x; });
}

void squared_difference_f32_ref(const BinaryF32Args& a) {
  ref::broadcast_binary(a, [](float x, float y) { return (x - y) * (x - y); });
}

void prelu_f32_ref(const BinaryF32Args& a) {
  ref::broadcast_binary(a, [](float x, float alpha) { return x >= 0.0f ? x : x * alpha; });
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

void hard_swish_f32_ref(int32_t count, const float* input, float* output) {
  for (int32_t i = 0; i < count; ++i) {
    const float x = input[i], r = x + 3.0f;
    output[i] = x * (r < 0.0f ? 0.0f : r > 6.0f ? 6.0f : r) / 6.0f;
  }
}

}  // namespace qrt
