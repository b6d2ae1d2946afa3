// Cross-layer equalization (Nagel et al., 2019, "Data-Free Quantization Through Weight
// Equalization and Bias Correction", section 4.1) of a float TFLite model, before calibration:
// for two consecutive layers y = f(W1 x + b1), z = W2 y + b2 with f ReLU or none (positively
// homogeneous: f(x / s) = f(x) / s for s > 0), channel c of the first is divided by
// s_c = sqrt(r1_c / r2_c) and the matching input channel of the second multiplied by it, r1_c and
// r2_c being the largest |weight| of that channel in each. The float function is unchanged; both
// channels end with the range sqrt(r1_c r2_c), which per-tensor weight quantization needs when a
// depthwise layer's channels differ by orders of magnitude (MobileNet-style models).
//
// Pairs: CONV_2D or DEPTHWISE_CONV_2D (multiplier 1, fused activation NONE or RELU, with a bias)
// whose output feeds only a CONV_2D or DEPTHWISE_CONV_2D (multiplier 1). The pairs are swept
// `iterations` times in graph order (each pass moves the ranges further toward equal, as the
// paper iterates).
#ifndef QRT_RUNTIME_HOST_QUANTIZE_EQUALIZE_H
#define QRT_RUNTIME_HOST_QUANTIZE_EQUALIZE_H

#include <stdint.h>

#include <deque>
#include <vector>

#include "tflite/tflite_model.h"

namespace qrt {
namespace host {

struct EqualizeReport {
  int32_t pairs = 0;
  // Over the first layers' weights of the pairs: the largest ratio between a tensor's widest and
  // narrowest channel range, before and after (1 is perfectly equal).
  double worst_channel_spread_before = 1.0;
  double worst_channel_spread_after = 1.0;
};

// Rewrites the weights and biases of every equalizable pair in `model` as float32 constants whose
// bytes live in `storage` (which must outlive the model's use). Returns the number of pairs.
EqualizeReport equalize_cross_layer(TfliteModel* model, std::deque<std::vector<uint8_t>>* storage,
                                    int32_t iterations);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_EQUALIZE_H
