// libFuzzer target: the TFLite flatbuffer reader and the importer behind it. The reader must
// return cleanly on any input (every failure with a message; on success every tensor's data inside
// the input and every operator index in range); whatever the importer turns into a blob must then
// pass the device loader (the importer never writes a blob the runtime would refuse).
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "model_file.h"
#include "tflite/tflite_model.h"
#include "tflite_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qrt::TfliteModel model;
  std::string error;
  if (!qrt::read_tflite(data, size, &model, &error)) {
    if (error.empty()) abort();  // every failure must say why
    return 0;
  }
  const int64_t tensor_count = static_cast<int64_t>(model.tensors.size());
  for (const qrt::TfliteTensor& t : model.tensors) {
    if (t.data != nullptr && (t.data < data || t.data_bytes > size ||
                              t.data > data + (size - t.data_bytes))) {
      abort();
    }
  }
  for (const qrt::TfliteOperator& op : model.operators) {
    for (int32_t i : op.inputs) {
      if (i < -1 || i >= tensor_count) abort();
    }
    for (int32_t i : op.outputs) {
      if (i < -1 || i >= tensor_count) abort();
    }
  }
  std::vector<uint8_t> blob;
  qrt::host::ImportReport report;
  if (!qrt::host::import_tflite(data, size, "fuzz", &blob, &report, &error)) {
    if (error.empty()) abort();
    return 0;
  }
  qrt::host::ModelFile file;
  if (!qrt::host::load_model_bytes(blob, &file, &error)) {
    fprintf(stderr, "imported blob does not load: %s\n", error.c_str());
    abort();
  }
  return 0;
}
