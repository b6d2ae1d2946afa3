// Post-training int8 quantization of the bundled CNN (small_cnn.h) with TensorFlow Lite's
// integer semantics, and an integer simulation of the quantized network. Host-only.
//
// Quantization (what the TFLite converter does for a full-int8 model):
//  - weights: per output channel, symmetric int8 in [-127, 127], scale max|w| / 127
//    (quant/host/weight_quant.h);
//  - biases: int32 with scale input_scale * weight_scale[c], zero point 0;
//  - activations: static per-tensor scales from min-max calibration over a subset of the TRAINING
//    images (quant/host/calibration.h). The two RELU outputs use [0, max] over the full int8 range
//    (zero point -128); the logits use [min(0, min), max(0, max)] with a rounded zero point;
//  - input: scale 1/255, zero point -128 (q = pixel - 128), the evaluation set's own encoding;
//  - requantization multipliers and shifts, padding and clamps: quant/host/tflite_params.h, so the
//    parameter blocks are the ones TFLite Micro's Prepare would compute for the same model.
//
// The simulation (small_cnn_int8_forward) recomputes the network from those integers with its
// own loops, written from TFLite's reference semantics (zero padding contributes nothing, bias
// added to the int32 accumulator, MultiplyByQuantizedMultiplier, output offset, clamp), and the
// one shared fixed-point primitive (quant/include/qrt/quant/fixedpoint.h). It is the prediction
// qrt's int8 kernels are checked against, output byte for output byte.
#ifndef QRT_MODELS_HOST_SMALL_CNN_INT8_H
#define QRT_MODELS_HOST_SMALL_CNN_INT8_H

#include <stdint.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "qrt/ops/params.h"
#include "small_cnn.h"
#include "weight_quant.h"

namespace qrt {
namespace models {

struct ActivationQuant {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// Histograms of the three activation tensors over the calibration images.
struct SmallCnnCalibration {
  AbsHistogram conv1, conv2, logits;
  int32_t images = 0;
};

// Runs the float network on images [first, first + count * stride) with the given stride and
// fills the histograms. `images` holds 28x28 uint8 images back to back.
SmallCnnCalibration calibrate_small_cnn(const SmallCnn& net, const uint8_t* images,
                                        int32_t image_count, int32_t stride);

// A requantized layer: int8 weights [out][...] per channel, int32 bias, the parameter block and
// its per-channel multiplier / shift arrays.
struct QuantizedConv {
  QuantizedWeight weights;
  std::vector<float> bias_scales;
  std::vector<int32_t> bias;
  ConvParams params{};
  std::vector<int32_t> multipliers, shifts;
};

struct QuantizedFullyConnected {
  QuantizedWeight weights;
  std::vector<float> bias_scales;
  std::vector<int32_t> bias;
  FullyConnectedParams params{};
  std::vector<int32_t> multipliers, shifts;
};

struct QuantizedSmallCnn {
  ActivationQuant input, conv1_out, conv2_out, logits;
  QuantizedConv conv1, conv2;
  QuantizedFullyConnected fc;
};

// Quantizes `net` with activation ranges from `calibration`. False with a message when a
// quantizer or parameter function refuses (for example a degenerate range).
bool quantize_small_cnn(const SmallCnn& net, const SmallCnnCalibration& calibration,
                        QuantizedSmallCnn* out, std::string* error);

// The int8 network on one image: int8 logits (scale / zero point in q.logits).
void small_cnn_int8_forward(const QuantizedSmallCnn& q, const uint8_t* image,
                            int8_t logits[kClassCount]);

// Index of the largest int8 value, the first one on ties.
int32_t argmax_s8(const int8_t* values, int32_t n);

}  // namespace models
}  // namespace qrt

#endif  // QRT_MODELS_HOST_SMALL_CNN_INT8_H
