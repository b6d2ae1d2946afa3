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

class OpImport;

// The operator's data input (the tensor its dtype is judged by, named in messages), or -1.
int32_t data_input(const TfliteOperator& op);

class TfliteConverter {
 public:
  TfliteConverter(const TfliteModel& model, std::string* error) : model_(model), error_(error) {}
  bool run(const std::string& source_name,
           const std::vector<std::pair<std::string, std::string>>& metadata,
           std::vector<uint8_t>* blob, ImportReport* report);

 private:
  friend class OpImport;

  // Operator i of the model -> one qrt operator, by the importer of its TFLite builtin
  // (tflite_import_ops.cpp).
  bool convert_operator(size_t i);

  // The qrt tensor for TFLite tensor t (created on first use), or -1 with *why set.
  int32_t tensor(int32_t t, std::string* why);
  // A float32 constant for TFLite constant t: itself if float, else its dequantized values
  // (dynamic-range models store int8 weights for float operators).
  int32_t float_constant(int32_t t, std::string* why);
  // One constant of TFLite constants `parts` stacked along dimension 0 (the same type and other
  // dims; float32 ones dequantized when as_float), each part's per-tensor scale repeated per row.
  int32_t stacked_constant(const std::vector<int32_t>& parts, const std::string& name, bool as_float,
                           std::string* why);
  // The tensor spec of TFLite tensor t, and of its float32 constant, without adding it.
  bool tensor_spec(int32_t t, TensorSpec* out, std::string* why);
  bool float_constant_spec(int32_t t, TensorSpec* out, std::string* why);
  bool fail_op(size_t index, const std::string& message);
  std::string describe_tensor(int32_t t) const;
  const TfliteTensor& tfl(int32_t t) const { return model_.tensors[static_cast<size_t>(t)]; }

  const TfliteModel& model_;
  std::string* error_;
  BlobWriter writer_;
  std::vector<int32_t> map_;
};

// What the importer of one TFLite operator works with: its tensors, the qrt operator being built
// (`spec`) and the converter's tensor map. Importers are `import_op<kOp...>` (one per operator of
// op_list.def with a TFLite builtin), found through a table generated from the list.
class OpImport {
 public:
  OpImport(TfliteConverter& converter, size_t index);

  const TfliteOperator& op;
  const size_t index;
  const TfliteTensor& x;  // input 0
  const TfliteTensor& y;  // output 0
  const bool is_float;    // input 0 is float32 (the float path), else int8
  OperatorSpec spec;
  std::string why;  // set by the helpers that fail

  // TFLite tensor index of input k, or -1 when absent.
  int32_t in(size_t k) const { return k < op.inputs.size() ? op.inputs[k] : -1; }
  // TFLite tensor t (t >= 0).
  const TfliteTensor& tensor(int32_t t) const { return converter_.tfl(t); }
  // Appends TFLite tensor t (-1: an absent optional input) to spec.inputs.
  bool map(int32_t t);
  // Appends TFLite constant t as float32 (dequantized when stored as int8).
  bool map_float_constant(int32_t t);
  // Sets output `k` (0 for single-output operators) and adds the operator to the blob; `spec` is
  // left empty for the next operator of a TFLite operator that becomes several.
  bool finish(size_t k = 0);
  // As finish(), with TFLite tensors `states` (variable inputs the operator updates, as SVDF's
  // and LSTM's) as the qrt operator's further outputs.
  bool finish_with_states(const std::vector<int32_t>& states);
  // Appends TFLite constants `parts` stacked along dimension 0 (stacked_constant) to spec.inputs.
  bool map_stacked(const std::vector<int32_t>& parts, const char* name, bool as_float);
  // Fails the import naming this operator: with `message`, or with `why`.
  bool fail(const std::string& message) { return converter_.fail_op(index, message); }
  bool failed() { return fail(why); }

 private:
  TfliteConverter& converter_;
};

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_IMPORT_INTERNAL_H
