// TFLite -> .qrt converter (host-only). Reads an int8 (or float32) .tflite with the project's own
// bounds-checked reader, maps tensors and operators, computes each operator's parameters exactly
// as TFLite's Prepare() does (quant/host/tflite_params.h), and writes a planned blob.
#ifndef QRT_RUNTIME_HOST_TFLITE_IMPORT_H
#define QRT_RUNTIME_HOST_TFLITE_IMPORT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "blob_writer.h"
#include "tflite/tflite_model.h"

namespace qrt {
namespace host {

struct ImportReport {
  int32_t operators = 0;
  int32_t tensors = 0;
  PlanStats plan;
  // For each TFLite tensor, the index of the blob tensor made from it, or -1 (a tensor no operator
  // used, or a constant that became a derived one such as stacked LSTM gate weights).
  std::vector<int32_t> tensor_map;
};

// True when the bytes carry a TFLite flatbuffer's file identifier ("TFL3" after the root offset).
bool is_tflite_bytes(const uint8_t* data, size_t size);

// Converts the .tflite bytes [data, data + size) into a .qrt blob. `source_name` is recorded in
// the blob's metadata. An unsupported operator or type is rejected with a message naming the
// operator, its index and the tensor ("operator 4 (SQUEEZE): not supported; input tensor 7
// 'conv1' int8"). Nothing is written on failure.
bool import_tflite(const uint8_t* data, size_t size, const std::string& source_name,
                   std::vector<uint8_t>* blob, ImportReport* report, std::string* error);

// The same for a model already read (or built, as `qrt quantize` builds its int8 twin of a float
// model), with `metadata` entries added to the blob's (after source, producer and description).
bool import_tflite_model(const TfliteModel& model, const std::string& source_name,
                         const std::vector<std::pair<std::string, std::string>>& metadata,
                         std::vector<uint8_t>* blob, ImportReport* report, std::string* error);

// The real values of constant `t`: float32 as stored, int8 affine (a dynamic-range model's
// weights) dequantized per tensor or along its quantized dimension. False for other constants.
bool constant_real_values(const TfliteTensor& t, std::vector<float>* values);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_IMPORT_H
