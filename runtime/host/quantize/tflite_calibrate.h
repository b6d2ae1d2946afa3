// Calibration runs of `qrt quantize` (tflite_quantize.h): the float blob over the first units of
// a set, each activation tensor's values histogrammed as its operator finishes (an observer: the
// arena reuses a tensor's bytes once it is dead, so values are read while they are live).
#ifndef QRT_RUNTIME_HOST_QUANTIZE_TFLITE_CALIBRATE_H
#define QRT_RUNTIME_HOST_QUANTIZE_TFLITE_CALIBRATE_H

#include <stdint.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "model_file.h"
#include "progress.h"
#include "qrt/eval_set.h"

namespace qrt {
namespace host {

// The units a calibration run uses: `units`, or all of the set's when 0 or beyond its count.
uint32_t units_used(const qrt_eval_set& set, uint32_t units);

// The largest arena a host calibration session allocates (a CNN's float activations; a model
// that needs more is refused with a message rather than exhausting the host): 256 MiB.
constexpr size_t kMaxCalibrationArenaBytes = size_t{256} << 20;

// Loads `blob` into *model and opens *session on it (every operator table of the build;
// `options` may add an observer), then checks that `set` feeds it (qrt_accept_check_inputs).
// False with a one-line message ("calibration set: ..." when the set does not fit, or when the
// model's arena exceeds kMaxCalibrationArenaBytes).
bool open_for_set(const std::vector<uint8_t>& blob, const qrt_options* options, const qrt_eval_set& set,
                  ModelFile* model, HostSession* session, std::string* error);

// Runs `float_blob` over units [0, units) of `set` (all when units is 0 or above the count) and
// fills (*histograms)[t] for every TFLite tensor t that tensor_map (TFLite -> blob index, as
// ImportReport::tensor_map) maps to a float32 activation or graph input; the others stay empty.
// (*channel_means)[t] is the mean of tensor t per index of its last dimension (its channels, or
// a FULLY_CONNECTED input's elements), for bias correction.
// `graph_inputs` are the TFLite indices of the graph inputs, in order. *samples is the number of
// inferences run.
bool calibrate_activations(const std::vector<uint8_t>& float_blob,
                           const std::vector<int32_t>& tensor_map,
                           const std::vector<int32_t>& graph_inputs, const qrt_eval_set& set,
                           uint32_t units, const ProgressFn& progress,
                           std::vector<AbsHistogram>* histograms,
                           std::vector<std::vector<double>>* channel_means, uint32_t* samples,
                           std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_TFLITE_CALIBRATE_H
