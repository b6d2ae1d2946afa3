// Internals of the TFLite importer shared by tflite_import.cpp (tensors, graph) and
// tflite_import_ops.cpp (one converter per operator).
#ifndef QRT_RUNTIME_HOST_TFLITE_IMPORT_INTERNAL_H
#define QRT_RUNTIME_HOST_TFLITE_IMPORT_INTERNAL_H

#include <string>
#include <vector>

#include "blob_writer.h"
#include "tflite/tflite_model.h"
#include "tflite_import.h"

namespace qrt {
namespace host {

class TfliteConverter {
 public:
  TfliteConverter(const TfliteModel& model, std::string* error) : model_(model), error_(error) {}
  bool run(const std::string& source_name, std::vector<uint8_t>* blob, ImportReport* report);

 private:
  // Operator i of the model -> one qrt operator (tflite_import_ops.cpp).
  bool convert_operator(size_t i);

  // The qrt tensor for TFLite tensor t (created on first use), or -1 with *why set.
  int32_t tensor(int32_t t, std::string* why);
  // A float32 constant for TFLite constant t: itself if float, else its dequantized values
  // (dynamic-range models store int8 weights for float operators).
  int32_t float_constant(int32_t t, std::string* why);
  bool fail_op(size_t index, const std::string& message);
  std::string describe_tensor(int32_t t) const;
  const TfliteTensor& tfl(int32_t t) const { return model_.tensors[static_cast<size_t>(t)]; }

  const TfliteModel& model_;
  std::string* error_;
  BlobWriter writer_;
  std::vector<int32_t> map_;
};

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_IMPORT_INTERNAL_H
