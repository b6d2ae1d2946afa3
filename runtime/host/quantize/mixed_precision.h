// Mixed-precision weights for `qrt quantize --mixed` (host-only): which CONV_2D,
// DEPTHWISE_CONV_2D and FULLY_CONNECTED layers get INT4 weights and which keep int8, to meet a
// flash budget or an accuracy floor with the fewest bytes.
//
//  1. Each eligible layer's sensitivity (quantize/sensitivity.h): the float model's output SNR
//     with only that layer's weights at 8 and at 4 bits, over the calibration units. Its cost is
//     the output noise INT4 adds, 10^(-snr4 / 10) - 10^(-snr8 / 10) (noise power relative to the
//     output's, assumed additive over layers), its gain the flash bytes INT4 saves (data sizes
//     rounded to the blob's 16-byte alignment, an odd row's padding nibble counted).
//  2. Layers are ranked by cost per byte saved, cheapest first; the first k go to INT4.
//  3. --max-flash B: the smallest k whose blob fits B (the blob is built and measured).
//     --max-drop X: the largest k (fewest bytes) whose top-1 accuracy on the calibration units is
//     at most X points below the float model's there (found by bisection over k, assuming the
//     drop grows with k). Both: the --max-drop choice, which must also fit B.
// The calibration units are the calibration data's: evaluation data stays unseen.
#ifndef QRT_RUNTIME_HOST_QUANTIZE_MIXED_PRECISION_H
#define QRT_RUNTIME_HOST_QUANTIZE_MIXED_PRECISION_H

#include <stdint.h>

#include <string>
#include <vector>

#include "quantize/tflite_quantize.h"

namespace qrt {
namespace host {

struct MixedPrecisionGoal {
  int64_t max_flash_bytes = 0;  // > 0: the blob must fit
  double max_drop_pts = -1.0;   // >= 0: calibration top-1 drop vs float at most this (points)
};

struct MixedLayer {
  int32_t op = -1;  // TFLite operator index
  std::string op_name, weights;
  int64_t elements = 0, bytes_saved = 0;
  double snr_db_w8 = 0.0, snr_db_w4 = 0.0;
  double cost = 0.0;  // added relative output noise power at INT4
  int32_t bits = 8;   // chosen
};

struct MixedPrecisionReport {
  std::vector<MixedLayer> ranked;  // eligible layers, cheapest per byte first
  int32_t int4_layers = 0;         // the first int4_layers of `ranked` are INT4
  int64_t flash_bytes = 0;         // the chosen blob
  int64_t int8_flash_bytes = 0;    // every layer int8
  double calibration_accuracy = -1.0, float_calibration_accuracy = -1.0;  // percent; -1 unmeasured
  std::string rule;  // how k was chosen, for the report
};

// Quantizes as quantize_tflite with `config` (its weight_bits and op_weight_bits are set here)
// and the layers' bits chosen for `goal`. False with a one-line message when the goal cannot be
// met (e.g. the budget is below the all-INT4 blob, or --max-drop on a set without class labels),
// nothing written.
bool quantize_tflite_mixed(const uint8_t* data, size_t size, const std::string& source_name,
                           const qrt_eval_set& calibration, uint32_t calibration_units,
                           const CnnQuantConfig& config, const MixedPrecisionGoal& goal,
                           const ProgressFn& progress, std::vector<uint8_t>* blob,
                           CnnQuantReport* report, MixedPrecisionReport* mixed, std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_MIXED_PRECISION_H
