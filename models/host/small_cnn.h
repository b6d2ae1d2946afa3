// The bundled Fashion-MNIST classifier, float32 (host-only): geometry, forward pass, training.
//
//   input  [1,28,28,1]  x = (1/255) * pixel, pixel in 0..255
//   CONV_2D 3x3, 8 ch,  stride 2, SAME, RELU   -> [1,14,14,8]
//   CONV_2D 3x3, 16 ch, stride 2, SAME, RELU   -> [1,7,7,16]
//   FULLY_CONNECTED 784 -> 10 (input flattened in NHWC order)  -> logits [1,10]
//
// 9,098 parameters, 78,400 multiply-adds per image: a model a Cortex-M0+ runs in milliseconds.
// SAME padding with stride 2 on an even size puts the one padding row/column after the image
// (TensorFlow's rule: the smaller half first), so every window starts at 2 * output index.
//
// Layouts are those of the .qrt format (TFLite's): activations NHWC, convolution filters
// [out_c][kh][kw][in_c], fully-connected weights [units][depth]. The forward pass sums in the
// order of qrt's float32 reference kernels (taps row by row, input channels innermost, bias
// last), so with -ffp-contract=off it reproduces their bits.
//
// Training is float32 Adam on softmax cross-entropy, single-threaded and fully deterministic:
// a fixed seed drives initialisation and the per-epoch shuffle (own generator, not <random>, whose
// distributions differ between standard libraries).
#ifndef QRT_MODELS_HOST_SMALL_CNN_H
#define QRT_MODELS_HOST_SMALL_CNN_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace models {

constexpr int32_t kImageSide = 28;
constexpr int32_t kKernelSide = 3;
constexpr int32_t kConvStride = 2;
constexpr int32_t kConvPadBefore = 0;  // SAME, stride 2, even input: padding only after
constexpr int32_t kConv1Channels = 8;
constexpr int32_t kConv1Side = 14;
constexpr int32_t kConv2Channels = 16;
constexpr int32_t kConv2Side = 7;
constexpr int32_t kFlatDepth = kConv2Side * kConv2Side * kConv2Channels;  // 784
constexpr int32_t kClassCount = 10;

// The input quantization of the int8 model and of the evaluation set: pixel 0..255 stored as
// int8 pixel - 128, real value scale * (q - zero_point) = pixel / 255.
constexpr float kInputScale = 1.0f / 255.0f;
constexpr int32_t kInputZeroPoint = -128;

// Offsets of each tensor in the flat parameter vector.
constexpr int32_t kConv1WeightOffset = 0;
constexpr int32_t kConv1WeightCount = kConv1Channels * kKernelSide * kKernelSide * 1;
constexpr int32_t kConv1BiasOffset = kConv1WeightOffset + kConv1WeightCount;
constexpr int32_t kConv2WeightOffset = kConv1BiasOffset + kConv1Channels;
constexpr int32_t kConv2WeightCount = kConv2Channels * kKernelSide * kKernelSide * kConv1Channels;
constexpr int32_t kConv2BiasOffset = kConv2WeightOffset + kConv2WeightCount;
constexpr int32_t kFcWeightOffset = kConv2BiasOffset + kConv2Channels;
constexpr int32_t kFcWeightCount = kClassCount * kFlatDepth;
constexpr int32_t kFcBiasOffset = kFcWeightOffset + kFcWeightCount;
constexpr int32_t kParameterCount = kFcBiasOffset + kClassCount;  // 9098

struct SmallCnn {
  std::vector<float> params;  // kParameterCount values, tensors at the offsets above

  const float* conv1_weights() const { return params.data() + kConv1WeightOffset; }
  const float* conv1_bias() const { return params.data() + kConv1BiasOffset; }
  const float* conv2_weights() const { return params.data() + kConv2WeightOffset; }
  const float* conv2_bias() const { return params.data() + kConv2BiasOffset; }
  const float* fc_weights() const { return params.data() + kFcWeightOffset; }
  const float* fc_bias() const { return params.data() + kFcBiasOffset; }
};

// Every intermediate of one forward pass (post-activation values).
struct SmallCnnActivations {
  float input[kImageSide * kImageSide];
  float conv1[kConv1Side * kConv1Side * kConv1Channels];
  float conv2[kFlatDepth];
  float logits[kClassCount];
};

// The input as the float model sees it: kInputScale * pixel (float32, as the acceptance harness
// dequantizes the int8 evaluation set).
float input_value(uint8_t pixel);

// He-uniform weights (U(-sqrt(6 / fan_in), +sqrt(6 / fan_in))), zero biases.
SmallCnn init_small_cnn(uint64_t seed);

// Forward pass of one 28x28 image.
void small_cnn_forward(const SmallCnn& net, const uint8_t* image, SmallCnnActivations* act);

// Index of the largest value, the first one on ties (as the acceptance harness).
int32_t argmax_f32(const float* values, int32_t n);

// One image's softmax cross-entropy loss (returned, natural log) and its gradient, added to
// grad[kParameterCount] (same layout as params). `act` receives the forward pass.
double small_cnn_accumulate_gradient(const SmallCnn& net, const uint8_t* image, int32_t label,
                                     float* grad, SmallCnnActivations* act);

struct TrainConfig {
  int32_t epochs = 8;
  int32_t batch_size = 32;
  float learning_rate = 2e-3f;       // Adam step, cosine-decayed to final_learning_rate
  float final_learning_rate = 5e-5f;
  uint64_t seed = 20240601;
};

// Called after each epoch with the mean training loss and the training accuracy of that epoch.
using EpochCallback = void (*)(int32_t epoch, double mean_loss, double train_accuracy, void* user);

// Trains `net` in place on images[count][784] (uint8) with labels in 0..9. The order of samples
// is a Fisher-Yates shuffle per epoch from config.seed.
void train_small_cnn(SmallCnn* net, const uint8_t* images, const uint8_t* labels, int32_t count,
                     const TrainConfig& config, EpochCallback callback, void* user);

// The parameter vector as a little-endian float32 file ("QFC1", count, values): the checkpoint
// the trainer hands to the export tool.
bool save_small_cnn(const std::string& path, const SmallCnn& net, std::string* error);
bool load_small_cnn(const std::string& path, SmallCnn* net, std::string* error);

}  // namespace models
}  // namespace qrt

#endif  // QRT_MODELS_HOST_SMALL_CNN_H
