// Post-training quantization of a float32 TFLite CNN into an integer .qrt blob (host-only),
// `qrt quantize`:
//
//  1. the float model is imported and run (float32 kernels) over the first units of a calibration
//     set, and every activation tensor's values go into a histogram (quant/host/calibration.h);
//  2. each activation gets a range by the calibration method and int8 asymmetric or int16
//     symmetric parameters from it; tensors an operator passes through unchanged (RESHAPE, the
//     pools, PAD, CONCATENATION, ...) share one range, the union of their members', because the
//     integer kernels of those operators do not requantize; SOFTMAX, LOGISTIC and TANH outputs get
//     TFLite's fixed parameters;
//  3. CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and TRANSPOSE_CONV weights become int8 (or the
//     first three INT4) symmetric, per output channel or per tensor (quant/host/weight_quant.h), their biases int32
//     (int64 for 16-bit activations) at scale input_scale * weight_scale; other float constants are
//     quantized like activations from their own range;
//  4. the result is an int8 (or 16x8) TFLite model in memory, imported like any converter-made
//     one, so it follows TFLite's integer semantics and runs on the same kernels.
//
// A dynamic-range model's int8 weights (kws01's "float32" DS-CNN) are dequantized and quantized
// again. Operators with recurrent state (SVDF, LSTM) and QUANTIZE / DEQUANTIZE are refused.
#ifndef QRT_RUNTIME_HOST_QUANTIZE_TFLITE_QUANTIZE_H
#define QRT_RUNTIME_HOST_QUANTIZE_TFLITE_QUANTIZE_H

#include <stdint.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "progress.h"
#include "quantize/equalize.h"
#include "qrt/eval_set.h"
#include "weight_quant.h"

namespace qrt {
namespace host {

enum class WeightRounding { kNearest, kAdaRound, kGptq };

// "nearest", "adaround", "gptq"; parse_weight_rounding is its inverse (false on other text).
const char* weight_rounding_name(WeightRounding r);
bool parse_weight_rounding(const std::string& text, WeightRounding* r);

struct CnnQuantConfig {
  int32_t activation_bits = 8;  // 8: int8 asymmetric; 16: int16 symmetric (16x8)
  // 8, or 4: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED weights become packed INT4 (TFLite's
  // int4 filters: symmetric in [-7, 7], each scale's clipping chosen for the least squared error,
  // WeightQuantConfig::mse_clip); TRANSPOSE_CONV keeps int8. Needs 8-bit activations.
  int32_t weight_bits = 8;
  // Per TFLite operator index, 8 or 4 in place of weight_bits (mixed precision); 0 or past the
  // end: weight_bits.
  std::vector<int32_t> op_weight_bits;
  bool per_channel = true;      // weights per output channel, else one scale per tensor
  CalibrationOptions calibration;  // method and percentile (qmax is chosen per tensor)
  // Bias correction (Nagel et al., 2019, "Data-Free Quantization Through Weight Equalization and
  // Bias Correction", the analytic form with the calibration set's statistics): the expected
  // output shift the weight rounding causes, (W_q - W) E[x] per output channel with E[x] the
  // layer input's per-channel mean on the calibration data, is subtracted from the bias.
  // CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with a bias (zero padding at the borders is
  // not modelled).
  bool bias_correction = false;
  // Cross-layer equalization of the float weights before calibration (quantize/equalize.h).
  bool equalize = false;
  // How CONV_2D (ungrouped) and FULLY_CONNECTED weights round onto their grid, per channel:
  // nearest; AdaRound's objective (the layer output error over the calibration inputs, each
  // weight up or down; weight_quant.h) or GPTQ (the same objective, errors spread over the
  // columns not yet rounded). Both need per-channel granularity. Other layers, and those with more
  // than 4096 values per output (layer_hessian.h), round to nearest.
  WeightRounding rounding = WeightRounding::kNearest;
};

// One activation tensor's calibration (or one quantized non-weight constant's range).
struct ActivationRange {
  int32_t tensor = -1;  // TFLite tensor index
  std::string name;
  double observed_min = 0.0, observed_max = 0.0;
  double low = 0.0, high = 0.0;  // the range its parameters represent
  float scale = 0.0f;
  int32_t zero_point = 0;
  std::string rule;  // "calibrated", "shared with tensor 12", "fixed by SOFTMAX", "constant"
};

struct QuantizedWeightReport {
  int32_t op = -1;  // TFLite operator index
  std::string op_name;
  std::string name;
  int32_t channels = 0;  // scales (1 for per-tensor)
  int32_t bits = 8;      // 8 or 4
  int64_t elements = 0;
  WeightError error;
  double bias_shift_max = 0.0;  // bias correction: the largest |shift| subtracted (real units)
};

struct CnnQuantReport {
  uint32_t calibration_units = 0;
  uint32_t calibration_samples = 0;
  std::string calibration_set;  // the set's name
  std::vector<ActivationRange> activations;
  std::vector<QuantizedWeightReport> weights;
  std::string strategy;  // e.g. "int8 per-channel, minmax"
  EqualizeReport equalization;  // pairs 0 without --equalize
};

// A short strategy label for reports: "W8A8 per-channel minmax", "W4A8 per-tensor entropy",
// "W4/W8 mixed (6 INT4 layers) A8 per-channel minmax".
std::string cnn_quant_strategy(const CnnQuantConfig& config);

// Quantizes the float TFLite model [data, data + size) with the first `calibration_units` units of
// `calibration` (0: all; at least 1 is used). The set's inputs must feed the float model's inputs
// (qrt_accept_check_inputs). On success *blob is a validated .qrt with the strategy, calibration
// set and unit count in its metadata; on failure false with a one-line message and nothing
// written.
bool quantize_tflite(const uint8_t* data, size_t size, const std::string& source_name,
                     const qrt_eval_set& calibration, uint32_t calibration_units,
                     const CnnQuantConfig& config, const ProgressFn& progress,
                     std::vector<uint8_t>* blob, CnnQuantReport* report, std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_TFLITE_QUANTIZE_H
