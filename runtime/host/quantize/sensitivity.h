// Per-layer sensitivity of a float TFLite CNN to weight bits (host-only), the measurement mixed
// precision starts from: for each CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, only that
// layer's weights are rounded to `bits` (symmetric, per output channel, quant/host/weight_quant.h;
// 4 bits with the MSE-optimal clipping, as tflite_quantize.h does)
// and put back as float, the float model runs over the calibration units, and its output 0 is
// compared with the unmodified model's: the SNR in dB over all outputs. Activations stay float,
// so the figure isolates the weights; it needs no integer kernel of that width.
//
// The same for activations (layer_activation_sensitivity): only the layer's output is rounded,
// as it runs, to int8 (asymmetric) or int16 (symmetric) with its min-max calibrated range on the
// same units, everything else float: how much a layer would gain from int16 activations.
#ifndef QRT_RUNTIME_HOST_QUANTIZE_SENSITIVITY_H
#define QRT_RUNTIME_HOST_QUANTIZE_SENSITIVITY_H

#include <stdint.h>

#include <string>
#include <vector>

#include "progress.h"
#include "qrt/eval_set.h"

namespace qrt {
namespace host {

struct LayerSensitivity {
  int32_t op = -1;  // TFLite operator index
  std::string op_name;
  std::string weights;
  int64_t elements = 0;
  std::vector<double> snr_db;  // per requested bit width, in order
  double snr_db_a8 = 0.0, snr_db_a16 = 0.0;  // layer_activation_sensitivity's, else 0
};

// Measures every weighted layer at each of `bits` (each 8 or 4) over the first `units` units of
// `set` (0: all). False with a one-line message when the model does not import or the set does
// not fit it.
bool layer_sensitivity(const uint8_t* data, size_t size, const qrt_eval_set& set, uint32_t units,
                       const std::vector<int32_t>& bits, const ProgressFn& progress,
                       std::vector<LayerSensitivity>* out, std::string* error);

// Fills snr_db_a8 / snr_db_a16 of the rows `layers` (from layer_sensitivity, same model and units).
bool layer_activation_sensitivity(const uint8_t* data, size_t size, const qrt_eval_set& set, uint32_t units,
                                  const ProgressFn& progress, std::vector<LayerSensitivity>* layers,
                                  std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_SENSITIVITY_H
