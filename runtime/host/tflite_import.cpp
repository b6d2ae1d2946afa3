// TFLite -> .qrt: tensor mapping and the graph. Per-operator parameter building is in
// tflite_import_ops.cpp.
#include "tflite_import.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "model_file.h"
#include "tflite_import_internal.h"
#include "qrt/quant/int4.h"
#include "weight_quant.h"

namespace qrt {
namespace host {

std::string TfliteConverter::describe_tensor(int32_t t) const {
  if (t < 0) return "(absent)";
  const TfliteTensor& x = model_.tensors[static_cast<size_t>(t)];
  return "tensor " + std::to_string(t) + " '" + x.name + "' " + tflite_type_name(x.type);
}

int32_t data_input(const TfliteOperator& op) {
  // TRANSPOSE_CONV's input 0 is its int32 output shape and input 1 the weights: the data is 2.
  // SPLIT's input 0 is its axis: the data is 1.
  const size_t k = op.builtin_code == kTfliteOpTransposeConv ? 2 : op.builtin_code == kTfliteOpSplit ? 1 : 0;
  return k < op.inputs.size() ? op.inputs[k] : -1;
}

bool TfliteConverter::fail_op(size_t index, const std::string& message) {
  const TfliteOperator& op = model_.operators[index];
  std::string where = "operator " + std::to_string(index) + " (" +
                      tflite_builtin_name(op.builtin_code) +
                      (op.custom_code.empty() ? "" : " '" + op.custom_code + "'") + ")";
  const int32_t data = data_input(op);
  if (data >= 0) where += ", input " + describe_tensor(data);
  if (!op.outputs.empty() && op.outputs[0] >= 0) where += ", output " + describe_tensor(op.outputs[0]);
  *error_ = where + ": " + message;
  return false;
}

namespace {

bool map_dtype(TfliteType t, qrt_dtype* out) {
  switch (t) {
    case kTfliteInt8: *out = QRT_DTYPE_INT8; return true;
    case kTfliteInt16: *out = QRT_DTYPE_INT16; return true;
    case kTfliteInt32: *out = QRT_DTYPE_INT32; return true;
    case kTfliteUInt8: *out = QRT_DTYPE_UINT8; return true;
    case kTfliteFloat32: *out = QRT_DTYPE_FLOAT32; return true;
    case kTfliteInt4: *out = QRT_DTYPE_INT4; return true;
    default: return false;
  }
}

// TFLite packs INT4 densely over the whole tensor (value 2j low nibble, 2j + 1 high, as qrt);
// qrt starts every innermost row on a byte boundary (quant/INT4-LAYOUT.md).
std::vector<uint8_t> int4_rows_from_dense(const TfliteTensor& x) {
  const int32_t cols = x.shape.empty() ? 1 : x.shape.back();
  const auto rows = static_cast<int32_t>(x.element_count / static_cast<size_t>(cols));
  std::vector<int8_t> values(x.element_count);
  for (size_t i = 0; i < values.size(); ++i) {
    const uint32_t byte = x.data[i / 2];
    values[i] = static_cast<int8_t>(int4_sign_extend(i % 2 != 0 ? byte >> 4 : byte));
  }
  return pack_int4_rows(values, rows, cols);
}

}  // namespace

int32_t TfliteConverter::tensor(int32_t t, std::string* why) {
  if (t < 0) return -1;
  int32_t& mapped = map_[static_cast<size_t>(t)];
  if (mapped >= 0) return mapped;
  TensorSpec s;
  if (!tensor_spec(t, &s, why)) return -1;
  mapped = writer_.add_tensor(std::move(s));
  return mapped;
}

bool TfliteConverter::tensor_spec(int32_t t, TensorSpec* out, std::string* why) {
  const TfliteTensor& x = model_.tensors[static_cast<size_t>(t)];
  TensorSpec s;
  s.name = x.name;
  const bool narrowed = x.type == kTfliteInt64 && x.data != nullptr;
  if (narrowed) {
    // 16x8 models keep CONV/FC biases in int64; the kernels accumulate in int64 and add an int32
    // bias, the same sum whenever every value fits int32, which is what is checked here.
    s.dtype = QRT_DTYPE_INT32;
  } else if (!map_dtype(x.type, &s.dtype)) {
    *why = describe_tensor(t) + ": type not supported";
    return false;
  }
  s.shape = x.shape;
  if (s.shape.size() > 5) {
    *why = describe_tensor(t) + ": rank above 5";
    return false;
  }
  for (int32_t d : s.shape) {
    if (d < 1) {
      *why = describe_tensor(t) + ": zero-sized or dynamic dimension";
      return false;
    }
  }
  if (narrowed) {
    s.kind = format::kTensorConstant;
    for (size_t i = 0; i < x.element_count; ++i) {
      int64_t v = 0;
      std::memcpy(&v, x.data + 8 * i, 8);
      if (v < INT32_MIN || v > INT32_MAX) {
        *why = describe_tensor(t) + ": int64 value " + std::to_string(v) + " does not fit int32";
        return false;
      }
      const auto v32 = static_cast<int32_t>(v);
      const auto* b = reinterpret_cast<const uint8_t*>(&v32);
      s.data.insert(s.data.end(), b, b + 4);
    }
  } else if (x.data != nullptr && x.type == kTfliteInt4) {
    s.kind = format::kTensorConstant;
    s.data = int4_rows_from_dense(x);
  } else if (x.data != nullptr) {
    s.kind = format::kTensorConstant;
    s.data.assign(x.data, x.data + x.data_bytes);
  } else {
    s.kind = x.is_variable ? format::kTensorPersistent : format::kTensorActivation;
  }
  if (!x.scales.empty()) {
    // person_detect's rank-1 biases name their filter's dimension 3: a count equal to the only
    // dimension is per-channel along axis 0 whatever the stored axis says.
    int32_t axis = x.quantized_dimension;
    if (x.scales.size() > 1 && static_cast<size_t>(axis) >= s.shape.size() && s.shape.size() == 1 &&
        static_cast<size_t>(s.shape[0]) == x.scales.size()) {
      axis = 0;
    }
    s.quant_kind = x.scales.size() == 1 ? QRT_QUANT_PER_TENSOR : QRT_QUANT_PER_CHANNEL;
    s.quant_axis = x.scales.size() == 1 ? 0 : axis;
    s.scales = x.scales;
    // In the storage type's range: the reader checked (tflite_model.cpp).
    for (int64_t zp : x.zero_points) s.zero_points.push_back(static_cast<int32_t>(zp));
    for (float scale : s.scales) {
      if (!(scale > 0.0f) || !std::isfinite(scale)) {
        // TFLite stores scale 0 for some int32 tensors that carry no real quantization.
        s.quant_kind = QRT_QUANT_NONE;
        s.scales.clear();
        s.zero_points.clear();
        break;
      }
    }
  }
  *out = std::move(s);
  return true;
}

int32_t TfliteConverter::float_constant(int32_t t, std::string* why) {
  if (model_.tensors[static_cast<size_t>(t)].type == kTfliteFloat32) return tensor(t, why);
  TensorSpec s;
  if (!float_constant_spec(t, &s, why)) return -1;
  return writer_.add_tensor(std::move(s));
}

bool TfliteConverter::float_constant_spec(int32_t t, TensorSpec* out, std::string* why) {
  const TfliteTensor& x = model_.tensors[static_cast<size_t>(t)];
  if (x.type == kTfliteFloat32 && x.data != nullptr) return tensor_spec(t, out, why);
  if (x.data == nullptr || x.type != kTfliteInt8 || x.scales.empty()) {
    *why = describe_tensor(t) + ": expected a float32 or quantized int8 constant";
    return false;
  }
  // Dynamic-range (hybrid) models keep int8 weights for float ops: dequantize them here, on the
  // host, so the float path stays a plain float32 model.
  TensorSpec s;
  s.name = x.name + "/dequantized";
  s.dtype = QRT_DTYPE_FLOAT32;
  s.shape = x.shape;
  s.kind = format::kTensorConstant;
  const size_t n = x.element_count;
  std::vector<float> values;
  constant_real_values(x, &values);
  const auto* p = reinterpret_cast<const uint8_t*>(values.data());
  s.data.assign(p, p + n * 4);
  *out = std::move(s);
  return true;
}

bool constant_real_values(const TfliteTensor& x, std::vector<float>* values) {
  const size_t n = x.element_count;
  if (x.data == nullptr) return false;
  values->resize(n);
  if (x.type == kTfliteFloat32) {
    std::memcpy(values->data(), x.data, n * 4);
    return true;
  }
  if (x.type != kTfliteInt8 || x.scales.empty()) return false;
  const size_t channels = x.scales.size();
  const auto axis = static_cast<size_t>(x.quantized_dimension);
  size_t inner = 1;
  for (size_t d = axis + 1; d < x.shape.size(); ++d) inner *= static_cast<size_t>(x.shape[d]);
  for (size_t i = 0; i < n; ++i) {
    const size_t c = channels == 1 ? 0 : (i / inner) % channels;
    const int64_t zp = x.zero_points.empty() ? 0 : x.zero_points[c];
    (*values)[i] = x.scales[c] * static_cast<float>(static_cast<int8_t>(x.data[i]) - zp);
  }
  return true;
}

int32_t TfliteConverter::stacked_constant(const std::vector<int32_t>& parts, const std::string& name,
                                          bool as_float, std::string* why) {
  TensorSpec stacked;
  for (size_t k = 0; k < parts.size(); ++k) {
    TensorSpec s;
    if (parts[k] < 0 || model_.tensors[static_cast<size_t>(parts[k])].data == nullptr) {
      *why = describe_tensor(parts[k]) + ": expected a constant";
      return -1;
    }
    if (!(as_float ? float_constant_spec(parts[k], &s, why) : tensor_spec(parts[k], &s, why))) return -1;
    if (s.shape.empty()) {
      *why = describe_tensor(parts[k]) + ": a scalar cannot be stacked";
      return -1;
    }
    if (k == 0) {
      stacked = s;
      stacked.name = name;
      stacked.scales.clear();
      stacked.zero_points.clear();
      stacked.data.clear();
      stacked.shape[0] = 0;
    } else if (s.dtype != stacked.dtype || s.shape.size() != stacked.shape.size() ||
               !std::equal(s.shape.begin() + 1, s.shape.end(), stacked.shape.begin() + 1)) {
      *why = describe_tensor(parts[k]) + ": type or shape differs from " + describe_tensor(parts[0]);
      return -1;
    }
    if (s.quant_kind == QRT_QUANT_PER_CHANNEL) {
      *why = describe_tensor(parts[k]) + ": per-channel quantization is not supported here";
      return -1;
    }
    stacked.shape[0] += s.shape[0];
    stacked.data.insert(stacked.data.end(), s.data.begin(), s.data.end());
    // Each part keeps its own scale: the stacked tensor is per-channel along axis 0.
    if (s.quant_kind == QRT_QUANT_PER_TENSOR) {
      stacked.scales.insert(stacked.scales.end(), static_cast<size_t>(s.shape[0]), s.scales[0]);
      stacked.zero_points.insert(stacked.zero_points.end(), static_cast<size_t>(s.shape[0]), s.zero_points[0]);
    }
  }
  if (!stacked.scales.empty()) {
    if (stacked.scales.size() != static_cast<size_t>(stacked.shape[0])) {
      *why = describe_tensor(parts[0]) + ": the stacked parts are not all quantized";
      return -1;
    }
    stacked.quant_kind = QRT_QUANT_PER_CHANNEL;
    stacked.quant_axis = 0;
  }
  return writer_.add_tensor(std::move(stacked));
}

bool TfliteConverter::run(const std::string& source_name,
                          const std::vector<std::pair<std::string, std::string>>& metadata,
                          std::vector<uint8_t>* blob, ImportReport* report) {
  map_.assign(model_.tensors.size(), -1);
  // Every operator is tried, so that one run names all that stand in the way, not just the first.
  std::vector<std::string> problems;
  for (size_t i = 0; i < model_.operators.size(); ++i) {
    if (!convert_operator(i)) problems.push_back(*error_);
  }
  if (!problems.empty()) {
    constexpr size_t kShown = 100;  // every one, for any real model; a bound for hostile files
    std::string all = std::to_string(problems.size()) + " of " +
                      std::to_string(model_.operators.size()) + " operators cannot be converted: ";
    for (size_t k = 0; k < problems.size() && k < kShown; ++k) all += (k ? "; " : "") + problems[k];
    if (problems.size() > kShown) all += "; and " + std::to_string(problems.size() - kShown) + " more";
    *error_ = problems.size() == 1 ? problems[0] : all;
    return false;
  }
  std::string why;
  std::vector<int32_t> inputs, outputs;
  for (int32_t t : model_.inputs) {
    const int32_t q = tensor(t, &why);
    if (q < 0) {
      *error_ = "graph input: " + why;
      return false;
    }
    inputs.push_back(q);
  }
  for (int32_t t : model_.outputs) {
    const int32_t q = tensor(t, &why);
    if (q < 0) {
      *error_ = "graph output: " + why;
      return false;
    }
    outputs.push_back(q);
  }
  writer_.set_graph_inputs(inputs);
  writer_.set_graph_outputs(outputs);
  writer_.add_metadata("source", source_name);
  writer_.add_metadata("producer", "qrt convert (TFLite importer)");
  if (!model_.description.empty()) writer_.add_metadata("description", model_.description);
  for (const auto& kv : metadata) writer_.add_metadata(kv.first, kv.second);
  PlanStats stats;
  if (!writer_.finish(blob, &stats, error_)) return false;
  if (report != nullptr) {
    report->operators = static_cast<int32_t>(writer_.operators().size());
    report->tensors = writer_.tensor_count();
    report->plan = stats;
    report->tensor_map = map_;
  }
  return true;
}

bool is_tflite_bytes(const uint8_t* data, size_t size) {
  return size >= 8 && std::memcmp(data + 4, "TFL3", 4) == 0;
}

bool import_tflite(const uint8_t* data, size_t size, const std::string& source_name,
                   std::vector<uint8_t>* blob, ImportReport* report, std::string* error) {
  TfliteModel model;
  if (!read_tflite(data, size, &model, error)) return false;
  return import_tflite_model(model, source_name, {}, blob, report, error);
}

bool import_tflite_model(const TfliteModel& model, const std::string& source_name,
                         const std::vector<std::pair<std::string, std::string>>& metadata,
                         std::vector<uint8_t>* blob, ImportReport* report, std::string* error) {
  TfliteConverter converter(model, error);
  std::vector<uint8_t> out;
  if (!converter.run(source_name, metadata, &out, report)) return false;
  // The device loader has the last word: an operator whose shapes or attributes its prepare step
  // refuses (found by fuzzing: a FULLY_CONNECTED whose weights and output disagree) fails the
  // import with the loader's message, so no caller ever gets a blob the runtime would refuse.
  ModelFile check;
  std::string why;
  if (!load_model_bytes(out, &check, &why)) {
    *error = "the converted model does not validate: " + why;
    return false;
  }
  *blob = std::move(out);
  return true;
}

}  // namespace host
}  // namespace qrt
