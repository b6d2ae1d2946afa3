// libFuzzer harness for the TFLite reader (not built by default; needs clang). The reader must
// return cleanly on any input; on success every tensor's data must lie inside the input.
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
//     -I runtime/host runtime/host/tflite/*.cpp tests/host/fuzz/fuzz_tflite_reader.cpp \
//     -o fuzz_tflite_reader
//   mkdir -p corpus && cp $QRT_MODELS_DIR/tflm/hello_world/*.tflite \
//     $QRT_MODELS_DIR/tflm/micro_speech/micro_speech_quantized.tflite corpus/
//   ./fuzz_tflite_reader -max_total_time=300 corpus
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <string>

#include "tflite/tflite_model.h"

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
  return 0;
}
