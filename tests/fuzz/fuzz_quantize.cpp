// libFuzzer target: `qrt quantize` on any input. A TFLite file that reads is given a two-sample
// float32 calibration set shaped like its inputs and quantized with a strategy picked from its
// bytes (granularity, weight and activation bits, calibration method, rounding, bias correction,
// equalization): every failure must come with a message, and every blob it returns must pass the
// device loader.
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "accept/eval_set_writer.h"
#include "blob_writer.h"
#include "model_file.h"
#include "quantize/tflite_quantize.h"
#include "tflite/tflite_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qrt::TfliteModel model;
  std::string error;
  if (!qrt::read_tflite(data, size, &model, &error) || model.inputs.empty() || model.inputs.size() > 8) return 0;
  // Calibration runs the float model: a model whose tensors hold millions of values (e.g. a
  // BATCH_MATMUL over a huge batch) is valid but takes seconds per sample under the sanitizers,
  // which libFuzzer reports as a slow unit. Such models are left out (the limit is the harness's).
  uint64_t total_values = 0;
  for (const qrt::TfliteTensor& t : model.tensors) total_values += t.element_count;
  if (total_values > (1u << 18)) return 0;
  qrt::host::accept::EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_NONE, 0, static_cast<qrt_dtype>(0));
  std::vector<std::vector<float>> values;
  for (int32_t t : model.inputs) {
    const qrt::TfliteTensor& x = model.tensors[static_cast<size_t>(t)];
    if (x.element_count == 0 || x.element_count > (1u << 16) || x.shape.size() > 5) return 0;
    w.add_input({QRT_DTYPE_FLOAT32, x.shape.empty() ? std::vector<int32_t>{1} : x.shape, 0.0f, 0, ""});
    values.emplace_back(x.element_count);
  }
  for (int s = 0; s < 2; ++s) {
    std::vector<const void*> inputs;
    for (auto& v : values) {
      for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(sin(0.7 * static_cast<double>(i) + s) * 3.0);
      inputs.push_back(v.data());
    }
    w.add_sample_copy(inputs);
  }
  std::vector<uint8_t> set_raw;
  if (!w.finish(&set_raw, &error)) return 0;
  qrt::host::AlignedBytes set_bytes;
  set_bytes.assign(set_raw.data(), set_raw.size());
  qrt_eval_set set;
  if (qrt_eval_set_open(set_bytes.data(), set_bytes.size(), 0, &set, nullptr) != QRT_OK) abort();

  uint32_t pick = 0;
  for (size_t i = 0; i < size; i += 97) pick = pick * 31u + data[i];
  qrt::host::CnnQuantConfig config;
  config.per_channel = (pick & 1u) != 0;
  config.activation_bits = (pick & 2u) != 0 ? 16 : 8;
  config.calibration.method = static_cast<qrt::CalibrationMethod>((pick >> 2) % 4);
  config.bias_correction = (pick & 16u) != 0;
  config.equalize = (pick & 32u) != 0;
  config.weight_bits = (pick & 64u) != 0 ? 4 : 8;  // refused under 16-bit activations, with a message
  config.rounding = static_cast<qrt::host::WeightRounding>((pick >> 7) % 3);
  std::vector<uint8_t> blob;
  qrt::host::CnnQuantReport report;
  if (!qrt::host::quantize_tflite(data, size, "fuzz", set, 0, config, {}, &blob, &report, &error)) {
    if (error.empty()) abort();
    return 0;
  }
  qrt::host::ModelFile file;
  if (!qrt::host::load_model_bytes(blob, &file, &error)) {
    fprintf(stderr, "quantized blob does not load: %s\n", error.c_str());
    abort();
  }
  return 0;
}
