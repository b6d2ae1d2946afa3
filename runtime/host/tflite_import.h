// TFLite -> .qrt converter (host-only). Reads an int8 (or float32) .tflite with the project's own
// bounds-checked reader, maps tensors and operators, computes each operator's parameters exactly
// as TFLite's Prepare() does (quant/host/tflite_params.h), and writes a planned blob.
#ifndef QRT_RUNTIME_HOST_TFLITE_IMPORT_H
#define QRT_RUNTIME_HOST_TFLITE_IMPORT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "blob_writer.h"

namespace qrt {
namespace host {

struct ImportReport {
  int32_t operators = 0;
  int32_t tensors = 0;
  PlanStats plan;
};

// True when the bytes carry a TFLite flatbuffer's file identifier ("TFL3" after the root offset).
bool is_tflite_bytes(const uint8_t* data, size_t size);

// Converts the .tflite bytes [data, data + size) into a .qrt blob. `source_name` is recorded in
// the blob's metadata. An unsupported operator or type is rejected with a message naming the
// operator, its index and the tensor ("operator 4 (SQUEEZE): not supported; input tensor 7
// 'conv1' int8"). Nothing is written on failure.
bool import_tflite(const uint8_t* data, size_t size, const std::string& source_name,
                   std::vector<uint8_t>* blob, ImportReport* report, std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_IMPORT_H
