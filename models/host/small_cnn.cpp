#include "small_cnn.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <algorithm>

namespace qrt {
namespace models {
namespace {

// splitmix64: a tiny generator with a fixed, documented output on every platform.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 24 random bits (exact in float).
  float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
  // Uniform integer in [0, n), n small (the modulo bias is below 2^-40 for n < 2^24).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }
};

// A 3x3 stride-2 convolution with the SAME geometry of the model (padding after), then RELU.
// Summation order as qrt's conv2d_f32_ref: taps row by row, input channels innermost, bias last.
void conv_relu_forward(const float* in, int32_t in_side, int32_t in_c, const float* w,
                       const float* b, int32_t out_side, int32_t out_c, float* out) {
  for (int32_t oy = 0; oy < out_side; ++oy) {
    for (int32_t ox = 0; ox < out_side; ++ox) {
      for (int32_t oc = 0; oc < out_c; ++oc) {
        float total = 0.f;
        for (int32_t fy = 0; fy < kKernelSide; ++fy) {
          const int32_t y = oy * kConvStride - kConvPadBefore + fy;
          if (y < 0 || y >= in_side) continue;
          for (int32_t fx = 0; fx < kKernelSide; ++fx) {
            const int32_t x = ox * kConvStride - kConvPadBefore + fx;
            if (x < 0 || x >= in_side) continue;
            const float* px = in + (y * in_side + x) * in_c;
            const float* wp = w + ((oc * kKernelSide + fy) * kKernelSide + fx) * in_c;
            for (int32_t ic = 0; ic < in_c; ++ic) total += px[ic] * wp[ic];
          }
        }
        const float v = total + b[oc];
        out[(oy * out_side + ox) * out_c + oc] = v > 0.f ? v : 0.f;
      }
    }
  }
}

// Gradients of conv_relu_forward given dL/d(output) already multiplied by the RELU mask:
// accumulates into dw and db, and writes dL/d(input) into din when it is non-null.
void conv_backward(const float* in, int32_t in_side, int32_t in_c, const float* w,
                   int32_t out_side, int32_t out_c, const float* dout, float* dw, float* db,
                   float* din) {
  if (din != nullptr) std::fill(din, din + in_side * in_side * in_c, 0.f);
  for (int32_t oy = 0; oy < out_side; ++oy) {
    for (int32_t ox = 0; ox < out_side; ++ox) {
      for (int32_t oc = 0; oc < out_c; ++oc) {
        const float g = dout[(oy * out_side + ox) * out_c + oc];
        if (g == 0.f) continue;
        db[oc] += g;
        for (int32_t fy = 0; fy < kKernelSide; ++fy) {
          const int32_t y = oy * kConvStride - kConvPadBefore + fy;
          if (y < 0 || y >= in_side) continue;
          for (int32_t fx = 0; fx < kKernelSide; ++fx) {
            const int32_t x = ox * kConvStride - kConvPadBefore + fx;
            if (x < 0 || x >= in_side) continue;
            const int32_t in_base = (y * in_side + x) * in_c;
            const int32_t w_base = ((oc * kKernelSide + fy) * kKernelSide + fx) * in_c;
            for (int32_t ic = 0; ic < in_c; ++ic) dw[w_base + ic] += g * in[in_base + ic];
            if (din != nullptr) {
              for (int32_t ic = 0; ic < in_c; ++ic) din[in_base + ic] += g * w[w_base + ic];
            }
          }
        }
      }
    }
  }
}

void put_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
uint32_t get_u32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

constexpr uint32_t kCheckpointMagic = 0x31434651u;  // "QFC1"
constexpr double kPi = 3.14159265358979323846;

}  // namespace

float input_value(uint8_t pixel) {
  // The harness dequantizes q = pixel - 128 as scale * (q - zero_point): the same float product.
  return kInputScale * static_cast<float>(static_cast<int32_t>(pixel) - 128 - kInputZeroPoint);
}

SmallCnn init_small_cnn(uint64_t seed) {
  SmallCnn net;
  net.params.assign(kParameterCount, 0.f);
  Rng rng{seed};
  auto fill = [&](int32_t offset, int32_t count, int32_t fan_in) {
    const float limit = sqrtf(6.0f / static_cast<float>(fan_in));
    for (int32_t i = 0; i < count; ++i) {
      net.params[static_cast<size_t>(offset + i)] = (2.0f * rng.uniform() - 1.0f) * limit;
    }
  };
  fill(kConv1WeightOffset, kConv1WeightCount, kKernelSide * kKernelSide);
  fill(kConv2WeightOffset, kConv2WeightCount, kKernelSide * kKernelSide * kConv1Channels);
  fill(kFcWeightOffset, kFcWeightCount, kFlatDepth);
  return net;
}

void small_cnn_forward(const SmallCnn& net, const uint8_t* image, SmallCnnActivations* act) {
  for (int32_t i = 0; i < kImageSide * kImageSide; ++i) act->input[i] = input_value(image[i]);
  conv_relu_forward(act->input, kImageSide, 1, net.conv1_weights(), net.conv1_bias(), kConv1Side,
                    kConv1Channels, act->conv1);
  conv_relu_forward(act->conv1, kConv1Side, kConv1Channels, net.conv2_weights(), net.conv2_bias(),
                    kConv2Side, kConv2Channels, act->conv2);
  const float* w = net.fc_weights();
  for (int32_t o = 0; o < kClassCount; ++o) {
    float total = 0.f;
    for (int32_t d = 0; d < kFlatDepth; ++d) total += act->conv2[d] * w[o * kFlatDepth + d];
    act->logits[o] = total + net.fc_bias()[o];
  }
}

int32_t argmax_f32(const float* values, int32_t n) {
  int32_t best = 0;
  for (int32_t i = 1; i < n; ++i) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

double small_cnn_accumulate_gradient(const SmallCnn& net, const uint8_t* image, int32_t label,
                                     float* g, SmallCnnActivations* act) {
  small_cnn_forward(net, image, act);
  // Softmax cross-entropy in double: dL/dlogit = p - onehot.
  double mx = act->logits[0];
  for (int32_t o = 1; o < kClassCount; ++o) mx = std::max(mx, double{act->logits[o]});
  double p[kClassCount], sum = 0.0;
  for (int32_t o = 0; o < kClassCount; ++o) sum += (p[o] = exp(act->logits[o] - mx));
  const double loss = log(sum) - (act->logits[label] - mx);
  float d_logit[kClassCount];
  for (int32_t o = 0; o < kClassCount; ++o) {
    d_logit[o] = static_cast<float>(p[o] / sum - (o == label ? 1.0 : 0.0));
  }
  // Fully connected, then the RELU mask of conv2.
  float d_conv2[kFlatDepth];
  std::fill(d_conv2, d_conv2 + kFlatDepth, 0.f);
  for (int32_t o = 0; o < kClassCount; ++o) {
    const float d = d_logit[o];
    g[kFcBiasOffset + o] += d;
    float* gw = g + kFcWeightOffset + o * kFlatDepth;
    const float* w = net.fc_weights() + o * kFlatDepth;
    for (int32_t j = 0; j < kFlatDepth; ++j) {
      gw[j] += d * act->conv2[j];
      d_conv2[j] += d * w[j];
    }
  }
  for (int32_t j = 0; j < kFlatDepth; ++j) {
    if (act->conv2[j] <= 0.f) d_conv2[j] = 0.f;
  }
  float d_conv1[kConv1Side * kConv1Side * kConv1Channels];
  conv_backward(act->conv1, kConv1Side, kConv1Channels, net.conv2_weights(), kConv2Side,
                kConv2Channels, d_conv2, g + kConv2WeightOffset, g + kConv2BiasOffset, d_conv1);
  for (int32_t j = 0; j < kConv1Side * kConv1Side * kConv1Channels; ++j) {
    if (act->conv1[j] <= 0.f) d_conv1[j] = 0.f;
  }
  conv_backward(act->input, kImageSide, 1, net.conv1_weights(), kConv1Side, kConv1Channels,
                d_conv1, g + kConv1WeightOffset, g + kConv1BiasOffset, nullptr);
  return loss;
}

void train_small_cnn(SmallCnn* net, const uint8_t* images, const uint8_t* labels, int32_t count,
                     const TrainConfig& config, EpochCallback callback, void* user) {
  const size_t n_params = static_cast<size_t>(kParameterCount);
  std::vector<float> grad(n_params), m(n_params, 0.f), v(n_params, 0.f);
  std::vector<uint32_t> order(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) order[static_cast<size_t>(i)] = static_cast<uint32_t>(i);
  Rng rng{config.seed ^ 0x5DEECE66Dull};
  SmallCnnActivations act;
  const int32_t steps_per_epoch = (count + config.batch_size - 1) / config.batch_size;
  const double total_steps = static_cast<double>(steps_per_epoch) * config.epochs;
  const float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
  int64_t step = 0;
  float* g = grad.data();
  for (int32_t epoch = 0; epoch < config.epochs; ++epoch) {
    for (int32_t i = count - 1; i > 0; --i) {  // Fisher-Yates
      std::swap(order[static_cast<size_t>(i)], order[rng.below(static_cast<uint32_t>(i + 1))]);
    }
    double loss_sum = 0.0;
    int32_t correct = 0;
    for (int32_t start = 0; start < count; start += config.batch_size) {
      const int32_t end = std::min(count, start + config.batch_size);
      std::fill(grad.begin(), grad.end(), 0.f);
      for (int32_t k = start; k < end; ++k) {
        const uint32_t s = order[static_cast<size_t>(k)];
        const int32_t label = labels[s];
        loss_sum += small_cnn_accumulate_gradient(
            *net, images + static_cast<size_t>(s) * kImageSide * kImageSide, label, g, &act);
        if (argmax_f32(act.logits, kClassCount) == label) ++correct;
      }
      // Adam with bias correction; cosine learning-rate decay over all steps.
      ++step;
      const double progress = static_cast<double>(step - 1) / total_steps;
      const float lr = static_cast<float>(
          config.final_learning_rate +
          0.5 * (config.learning_rate - config.final_learning_rate) * (1.0 + cos(kPi * progress)));
      const float inv_batch = 1.0f / static_cast<float>(end - start);
      const float c1 = 1.0f / (1.0f - powf(beta1, static_cast<float>(step)));
      const float c2 = 1.0f / (1.0f - powf(beta2, static_cast<float>(step)));
      float* params = net->params.data();
      for (size_t j = 0; j < n_params; ++j) {
        const float gj = g[j] * inv_batch;
        m[j] = beta1 * m[j] + (1.0f - beta1) * gj;
        v[j] = beta2 * v[j] + (1.0f - beta2) * gj * gj;
        params[j] -= lr * (m[j] * c1) / (sqrtf(v[j] * c2) + eps);
      }
    }
    if (callback != nullptr) {
      callback(epoch, loss_sum / count, static_cast<double>(correct) / count, user);
    }
  }
}

bool save_small_cnn(const std::string& path, const SmallCnn& net, std::string* error) {
  std::vector<uint8_t> bytes(8 + net.params.size() * 4);
  put_u32(bytes.data(), kCheckpointMagic);
  put_u32(bytes.data() + 4, static_cast<uint32_t>(net.params.size()));
  for (size_t i = 0; i < net.params.size(); ++i) {
    uint32_t bits;
    memcpy(&bits, &net.params[i], 4);
    put_u32(bytes.data() + 8 + 4 * i, bits);
  }
  FILE* f = fopen(path.c_str(), "wb");
  if (f == nullptr || fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    if (f != nullptr) fclose(f);
    *error = path + ": cannot write";
    return false;
  }
  if (fclose(f) != 0) {
    *error = path + ": cannot write";
    return false;
  }
  return true;
}

bool load_small_cnn(const std::string& path, SmallCnn* net, std::string* error) {
  FILE* f = fopen(path.c_str(), "rb");
  if (f == nullptr) {
    *error = path + ": cannot open";
    return false;
  }
  std::vector<uint8_t> bytes(8 + static_cast<size_t>(kParameterCount) * 4 + 1);
  const size_t n = fread(bytes.data(), 1, bytes.size(), f);
  fclose(f);
  if (n != bytes.size() - 1 || get_u32(bytes.data()) != kCheckpointMagic ||
      get_u32(bytes.data() + 4) != static_cast<uint32_t>(kParameterCount)) {
    *error = path + ": not a checkpoint of this model (QFC1, " + std::to_string(kParameterCount) +
             " float32 values)";
    return false;
  }
  net->params.resize(static_cast<size_t>(kParameterCount));
  for (size_t i = 0; i < net->params.size(); ++i) {
    const uint32_t bits = get_u32(bytes.data() + 8 + 4 * i);
    memcpy(&net->params[i], &bits, 4);
  }
  return true;
}

}  // namespace models
}  // namespace qrt
