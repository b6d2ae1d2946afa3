// The second moments of CONV_2D and FULLY_CONNECTED layer inputs, H = X^T X, for learned rounding
// of their weights (quant/host/weight_quant.h: quantize_weights_adaround, quantize_weights_gptq).
// The float model runs over the calibration units; X's rows are the layer's input patches in its
// filter's [kh][kw][in_c] order (zero where the window leaves the image, as TFLite pads) or a
// FULLY_CONNECTED input row. Host-only.
#ifndef QRT_RUNTIME_HOST_QUANTIZE_LAYER_HESSIAN_H
#define QRT_RUNTIME_HOST_QUANTIZE_LAYER_HESSIAN_H

#include <stdint.h>

#include <string>
#include <vector>

#include "progress.h"
#include "qrt/eval_set.h"
#include "tflite/tflite_model.h"

namespace qrt {
namespace host {

struct LayerHessian {
  int32_t op = -1;    // TFLite operator index
  int32_t cols = 0;   // patch length: kh * kw * in_c, or the FULLY_CONNECTED depth
  uint64_t rows = 0;  // patches summed
  std::vector<double> h;  // [cols][cols]
};

// Patches longer than this get no entry (their Hessian would take cols^2 doubles; those layers
// round to nearest): 4096 values, 128 MiB. Nor do layers past kMaxHessianDoubles in all.
constexpr int32_t kMaxHessianCols = 4096;
constexpr size_t kMaxHessianDoubles = size_t{1} << 25;  // 256 MiB

// One entry per CONV_2D (not grouped) and FULLY_CONNECTED of `ops` (TFLite operator indices) of
// `model`, whose float blob (import_tflite_model, with tensor_map from its ImportReport) runs over
// the first `units` units of `set`.
bool layer_hessians(const TfliteModel& model, const std::vector<uint8_t>& float_blob,
                    const std::vector<int32_t>& tensor_map, const std::vector<int32_t>& ops,
                    const qrt_eval_set& set, uint32_t units, const ProgressFn& progress,
                    std::vector<LayerHessian>* out, std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_LAYER_HESSIAN_H
