// Reads a .tflite flatbuffer into TfliteModel. Field slots are those of
// tensorflow/lite/schema/schema.fbs (declaration order; a union takes two slots, type then value).
// Structural checks (offsets, lengths, nesting) are the flatbuffer reader's; this file adds the
// checks a consumer relies on: indices in range, enum values known, data sizes matching shapes,
// quantization vectors consistent, and unsupported features reported by name.
#include "tflite/tflite_model.h"

#include <algorithm>

#include "tflite/flatbuffer_reader.h"
#include "tflite/tflite_read_context.h"

namespace qrt {

using tflite_detail::fail_check;
using tflite_detail::fail_read;
using tflite_detail::ReadContext;
using tflite_detail::Where;

namespace {

// schema.fbs table Model.
constexpr uint32_t kModelVersion = 0;
constexpr uint32_t kModelOperatorCodes = 1;
constexpr uint32_t kModelSubgraphs = 2;
constexpr uint32_t kModelDescription = 3;
constexpr uint32_t kModelBuffers = 4;
// table OperatorCode.
constexpr uint32_t kCodeDeprecatedBuiltin = 0;  // byte
constexpr uint32_t kCodeCustom = 1;             // string
constexpr uint32_t kCodeVersion = 2;            // int = 1
constexpr uint32_t kCodeBuiltin = 3;            // BuiltinOperator (int32)
// table SubGraph.
constexpr uint32_t kGraphTensors = 0;
constexpr uint32_t kGraphInputs = 1;
constexpr uint32_t kGraphOutputs = 2;
constexpr uint32_t kGraphOperators = 3;
constexpr uint32_t kGraphName = 4;
// table Buffer.
constexpr uint32_t kBufferData = 0;
constexpr uint32_t kBufferOffset = 1;  // ulong; only meaningful when > 1
// table Tensor.
constexpr uint32_t kTensorShape = 0;
constexpr uint32_t kTensorType = 1;
constexpr uint32_t kTensorBuffer = 2;
constexpr uint32_t kTensorName = 3;
constexpr uint32_t kTensorQuantization = 4;
constexpr uint32_t kTensorIsVariable = 5;
constexpr uint32_t kTensorSparsity = 6;
constexpr uint32_t kTensorShapeSignature = 7;
// table QuantizationParameters.
constexpr uint32_t kQuantMin = 0;
constexpr uint32_t kQuantMax = 1;
constexpr uint32_t kQuantScale = 2;
constexpr uint32_t kQuantZeroPoint = 3;
constexpr uint32_t kQuantDetailsType = 4;  // union QuantizationDetails: type 4, value 5
constexpr uint32_t kQuantDimension = 6;
// table Operator.
constexpr uint32_t kOpOpcodeIndex = 0;
constexpr uint32_t kOpInputs = 1;
constexpr uint32_t kOpOutputs = 2;
// 3, 4: builtin_options (tflite_options.cpp)
constexpr uint32_t kOpCustomOptions = 5;
constexpr uint32_t kOpIntermediates = 8;
constexpr uint32_t kOpLargeCustomOptionsOffset = 9;  // ulong; only meaningful when > 1

constexpr uint32_t kSchemaVersion = 3;
constexpr uint64_t kMaxElements = 0x7FFFFFFF;

struct OperatorCode {
  int32_t builtin_code;
  int32_t version;
  std::string custom_code;
};

struct BufferView {
  const uint8_t* data;
  size_t bytes;
};

std::string to_string(int64_t v) { return std::to_string(static_cast<long long>(v)); }

bool copy_string(ReadContext* ctx, const fb::Table& t, uint32_t field, const Where& where,
                 const char* name, std::string* out) {
  fb::String s;
  if (!fb::read_string(&ctx->reader, t, field, &s)) return fail_read(ctx, where, name);
  if (!fb::charge(&ctx->reader, s.length)) return fail_read(ctx, where, name);
  out->assign(s.chars != nullptr ? s.chars : "", s.length);
  return true;
}

bool read_int64s(ReadContext* ctx, const fb::Table& t, uint32_t field, const Where& where,
                 const char* name, std::vector<int64_t>* out) {
  fb::Vector v;
  if (!fb::read_vector(&ctx->reader, t, field, 8, &v)) return fail_read(ctx, where, name);
  if (!fb::charge(&ctx->reader, v.count)) return fail_read(ctx, where, name);
  out->resize(v.count);
  for (uint32_t i = 0; i < v.count; ++i) (*out)[i] = fb::vector_scalar<int64_t>(ctx->reader, v, i);
  return true;
}

// Every entry of `indices` is a valid tensor index, or -1 when allow_omitted.
bool check_indices(ReadContext* ctx, const std::vector<int32_t>& indices, size_t tensor_count,
                   bool allow_omitted, const Where& where, const char* name) {
  for (size_t i = 0; i < indices.size(); ++i) {
    const int32_t t = indices[i];
    if (t == -1 && allow_omitted) continue;
    if (t < 0 || static_cast<size_t>(t) >= tensor_count) {
      return fail_check(ctx, where,
                        std::string(name) + "[" + std::to_string(i) + "] = " + to_string(t) +
                            " is not a tensor index (model has " + std::to_string(tensor_count) +
                            " tensors)");
    }
  }
  return true;
}

bool read_operator_codes(ReadContext* ctx, const fb::Table& model,
                         std::vector<OperatorCode>* codes) {
  const Where model_where{"model", -1, nullptr};
  fb::Vector v;
  if (!fb::read_vector(&ctx->reader, model, kModelOperatorCodes, 4, &v)) {
    return fail_read(ctx, model_where, "operator_codes");
  }
  codes->resize(v.count);
  for (uint32_t i = 0; i < v.count; ++i) {
    const Where where{"operator code", i, nullptr};
    fb::Table t;
    if (!fb::vector_table(&ctx->reader, v, i, &t)) return fail_read(ctx, where, "table");
    int8_t deprecated_code = 0;
    int32_t code = 0;
    OperatorCode& c = (*codes)[i];
    if (!fb::read_scalar<int8_t>(&ctx->reader, t, kCodeDeprecatedBuiltin, 0, &deprecated_code) ||
        !fb::read_scalar<int32_t>(&ctx->reader, t, kCodeBuiltin, 0, &code) ||
        !fb::read_scalar<int32_t>(&ctx->reader, t, kCodeVersion, 1, &c.version)) {
      return fail_read(ctx, where, "fields");
    }
    if (!copy_string(ctx, t, kCodeCustom, where, "custom_code", &c.custom_code)) return false;
    // Old files only have the int8 field; new ones put 127 (PLACEHOLDER_FOR_GREATER_OP_CODES)
    // there and the real code in the int32 field, so the larger of the two is the code.
    c.builtin_code = std::max<int32_t>(deprecated_code, code);
    if (c.builtin_code < 0) {
      return fail_check(ctx, where, "negative builtin code " + to_string(c.builtin_code));
    }
  }
  return true;
}

bool read_buffers(ReadContext* ctx, const fb::Table& model, std::vector<BufferView>* buffers) {
  fb::Vector v;
  if (!fb::read_vector(&ctx->reader, model, kModelBuffers, 4, &v)) {
    return fail_read(ctx, Where{"model", -1, nullptr}, "buffers");
  }
  buffers->resize(v.count);
  for (uint32_t i = 0; i < v.count; ++i) {
    const Where where{"buffer", i, nullptr};
    fb::Table t;
    if (!fb::vector_table(&ctx->reader, v, i, &t)) return fail_read(ctx, where, "table");
    uint64_t offset = 0;
    if (!fb::read_scalar<uint64_t>(&ctx->reader, t, kBufferOffset, 0, &offset)) {
      return fail_read(ctx, where, "offset");
    }
    if (offset > 1) {
      return fail_check(ctx, where,
                        "data stored outside the flatbuffer (offset/size form of models over "
                        "2 GiB) is not supported");
    }
    fb::Vector data;
    if (!fb::read_vector(&ctx->reader, t, kBufferData, 1, &data)) {
      return fail_read(ctx, where, "data");
    }
    (*buffers)[i].data = data.count > 0 ? ctx->reader.data + data.pos : nullptr;
    (*buffers)[i].bytes = data.count;
  }
  return true;
}

bool read_quantization(ReadContext* ctx, const fb::Table& t, const Where& where,
                       TfliteTensor* tensor) {
  fb::Table q;
  if (!fb::read_table(&ctx->reader, t, kTensorQuantization, &q)) {
    return fail_read(ctx, where, "quantization");
  }
  if (!q.present) return true;
  uint8_t details_type = 0;
  if (!fb::read_scalar<uint8_t>(&ctx->reader, q, kQuantDetailsType, 0, &details_type) ||
      !fb::read_scalar<int32_t>(&ctx->reader, q, kQuantDimension, 0,
                                &tensor->quantized_dimension)) {
    return fail_read(ctx, where, "quantization");
  }
  if (details_type != 0) {
    return fail_check(ctx, where,
                      "custom quantization (details type " + to_string(details_type) +
                          ") is not supported");
  }
  if (!tflite_detail::read_floats(ctx, q, kQuantMin, where, "quantization.min", &tensor->min) ||
      !tflite_detail::read_floats(ctx, q, kQuantMax, where, "quantization.max", &tensor->max) ||
      !tflite_detail::read_floats(ctx, q, kQuantScale, where, "quantization.scale",
                                  &tensor->scales) ||
      !read_int64s(ctx, q, kQuantZeroPoint, where, "quantization.zero_point",
                   &tensor->zero_points)) {
    return false;
  }
  // TFLite ignores the affine parameters unless both vectors are non-empty.
  if (tensor->scales.empty() || tensor->zero_points.empty()) {
    tensor->scales.clear();
    tensor->zero_points.clear();
    return true;
  }
  const size_t count = tensor->scales.size();
  if (tensor->zero_points.size() != count) {
    return fail_check(ctx, where,
                      "quantization has " + std::to_string(count) + " scales but " +
                          std::to_string(tensor->zero_points.size()) + " zero points");
  }
  // Zero points lie in the storage type's range (int32 for the others): everything downstream
  // (the importer's dequantization, parameter derivation, the blob) may then subtract them
  // without overflow. Found by fuzzing: INT64_MIN reached a subtraction.
  int64_t zp_min = INT32_MIN, zp_max = INT32_MAX;
  if (tensor->type == kTfliteInt8) zp_min = -128, zp_max = 127;
  if (tensor->type == kTfliteUInt8) zp_min = 0, zp_max = 255;
  if (tensor->type == kTfliteInt16) zp_min = -32768, zp_max = 32767;
  if (tensor->type == kTfliteInt4) zp_min = -8, zp_max = 7;
  for (int64_t zp : tensor->zero_points) {
    if (zp < zp_min || zp > zp_max) {
      return fail_check(ctx, where, "zero point " + std::to_string(zp) + " out of its type's range");
    }
  }
  if (count > 1) {
    const int32_t dim = tensor->quantized_dimension;
    if (dim < 0) {
      return fail_check(ctx, where, "negative quantized_dimension " + to_string(dim));
    }
    if (static_cast<size_t>(dim) < tensor->shape.size() &&
        static_cast<size_t>(tensor->shape[dim]) != count) {
      return fail_check(ctx, where,
                        std::to_string(count) + " per-channel scales but dimension " +
                            to_string(dim) + " has size " + to_string(tensor->shape[dim]));
    }
  }
  return true;
}

bool read_tensor(ReadContext* ctx, const fb::Table& t, uint32_t index,
                 const std::vector<BufferView>& buffers, TfliteTensor* tensor) {
  Where where{"tensor", index, nullptr};
  if (!copy_string(ctx, t, kTensorName, where, "name", &tensor->name)) return false;
  where.detail = tensor->name.c_str();
  int8_t type = 0;
  if (!fb::read_scalar<int8_t>(&ctx->reader, t, kTensorType, 0, &type) ||
      !fb::read_scalar<uint32_t>(&ctx->reader, t, kTensorBuffer, 0, &tensor->buffer_index) ||
      !fb::read_scalar<bool>(&ctx->reader, t, kTensorIsVariable, false, &tensor->is_variable)) {
    return fail_read(ctx, where, "fields");
  }
  if (type < 0 || type >= kTfliteTypeCount) {
    return fail_check(ctx, where, "unknown tensor type " + to_string(type));
  }
  tensor->type = static_cast<TfliteType>(type);
  fb::Table sparsity;
  if (!fb::read_table(&ctx->reader, t, kTensorSparsity, &sparsity)) {
    return fail_read(ctx, where, "sparsity");
  }
  if (sparsity.present) return fail_check(ctx, where, "sparse tensors are not supported");

  if (!tflite_detail::read_int32s(ctx, t, kTensorShape, where, "shape", &tensor->shape) ||
      !tflite_detail::read_int32s(ctx, t, kTensorShapeSignature, where, "shape_signature",
                                  &tensor->shape_signature)) {
    return false;
  }
  uint64_t elements = 1;
  for (size_t d = 0; d < tensor->shape.size(); ++d) {
    const int32_t dim = tensor->shape[d];
    if (dim < 0) {
      return fail_check(ctx, where,
                        "negative dimension shape[" + std::to_string(d) + "] = " +
                            to_string(dim));
    }
    elements *= static_cast<uint64_t>(dim);  // both factors <= 2^31 - 1: no wrap
    if (elements > kMaxElements) {
      return fail_check(ctx, where, "shape has more than 2^31 - 1 elements");
    }
  }
  tensor->element_count = elements;

  if (tensor->buffer_index >= buffers.size()) {
    // A model without any buffer may still use the conventional empty buffer 0.
    if (tensor->buffer_index != 0) {
      return fail_check(ctx, where,
                        "buffer index " + to_string(tensor->buffer_index) +
                            " out of range (model has " + std::to_string(buffers.size()) +
                            " buffers)");
    }
  } else {
    tensor->data = buffers[tensor->buffer_index].data;
    tensor->data_bytes = buffers[tensor->buffer_index].bytes;
  }
  const uint32_t bits = tflite_type_bits(tensor->type);
  if (tensor->data != nullptr && bits != 0) {
    const uint64_t expected = (elements * bits + 7) / 8;  // INT4 packs two per byte
    if (tensor->data_bytes != expected) {
      return fail_check(ctx, where,
                        "buffer " + to_string(tensor->buffer_index) + " holds " +
                            std::to_string(tensor->data_bytes) + " bytes but " +
                            std::to_string(elements) + " " + tflite_type_name(tensor->type) +
                            " elements need " + std::to_string(expected) + " bytes");
    }
  }
  return read_quantization(ctx, t, where, tensor);
}

bool read_operator(ReadContext* ctx, const fb::Table& t, uint32_t index,
                   const std::vector<OperatorCode>& codes, size_t tensor_count,
                   TfliteOperator* op) {
  Where where{"operator", index, nullptr};
  if (!fb::read_scalar<uint32_t>(&ctx->reader, t, kOpOpcodeIndex, 0, &op->opcode_index)) {
    return fail_read(ctx, where, "opcode_index");
  }
  if (op->opcode_index >= codes.size()) {
    return fail_check(ctx, where,
                      "opcode_index " + to_string(op->opcode_index) + " out of range (model has " +
                          std::to_string(codes.size()) + " operator codes)");
  }
  const OperatorCode& code = codes[op->opcode_index];
  op->builtin_code = code.builtin_code;
  op->version = code.version;
  op->custom_code = code.custom_code;
  where.detail = tflite_builtin_name(op->builtin_code);

  if (!tflite_detail::read_int32s(ctx, t, kOpInputs, where, "inputs", &op->inputs) ||
      !tflite_detail::read_int32s(ctx, t, kOpOutputs, where, "outputs", &op->outputs) ||
      !tflite_detail::read_int32s(ctx, t, kOpIntermediates, where, "intermediates",
                                  &op->intermediates) ||
      !check_indices(ctx, op->inputs, tensor_count, true, where, "inputs") ||
      !check_indices(ctx, op->outputs, tensor_count, true, where, "outputs") ||
      !check_indices(ctx, op->intermediates, tensor_count, true, where, "intermediates")) {
    return false;
  }
  uint64_t large_offset = 0;
  if (!fb::read_scalar<uint64_t>(&ctx->reader, t, kOpLargeCustomOptionsOffset, 0,
                                 &large_offset)) {
    return fail_read(ctx, where, "large_custom_options_offset");
  }
  if (large_offset > 1) {
    return fail_check(ctx, where,
                      "custom options stored outside the flatbuffer (models over 2 GiB) are not "
                      "supported");
  }
  fb::Vector custom;
  if (!fb::read_vector(&ctx->reader, t, kOpCustomOptions, 1, &custom)) {
    return fail_read(ctx, where, "custom_options");
  }
  op->custom_options = custom.count > 0 ? ctx->reader.data + custom.pos : nullptr;
  op->custom_options_bytes = custom.count;
  return tflite_detail::read_builtin_options(ctx, t, where, op);
}

bool read_subgraph(ReadContext* ctx, const fb::Table& g, const std::vector<OperatorCode>& codes,
                   const std::vector<BufferView>& buffers, TfliteModel* out) {
  const Where where{"subgraph", 0, nullptr};
  if (!copy_string(ctx, g, kGraphName, where, "name", &out->subgraph_name)) return false;

  fb::Vector tensors;
  if (!fb::read_vector(&ctx->reader, g, kGraphTensors, 4, &tensors)) {
    return fail_read(ctx, where, "tensors");
  }
  // Charge the structs about to be allocated (in 8-byte units, like copied elements) so memory,
  // not only work, stays proportional to the file even when tensor tables are shared.
  if (!fb::charge(&ctx->reader, uint64_t{tensors.count} * (sizeof(TfliteTensor) / 8))) {
    return fail_read(ctx, where, "tensors");
  }
  out->tensors.resize(tensors.count);
  for (uint32_t i = 0; i < tensors.count; ++i) {
    fb::Table t;
    if (!fb::vector_table(&ctx->reader, tensors, i, &t)) {
      return fail_read(ctx, Where{"tensor", i, nullptr}, "table");
    }
    if (!read_tensor(ctx, t, i, buffers, &out->tensors[i])) return false;
  }

  if (!tflite_detail::read_int32s(ctx, g, kGraphInputs, where, "inputs", &out->inputs) ||
      !tflite_detail::read_int32s(ctx, g, kGraphOutputs, where, "outputs", &out->outputs) ||
      !check_indices(ctx, out->inputs, tensors.count, false, where, "inputs") ||
      !check_indices(ctx, out->outputs, tensors.count, false, where, "outputs")) {
    return false;
  }

  fb::Vector ops;
  if (!fb::read_vector(&ctx->reader, g, kGraphOperators, 4, &ops)) {
    return fail_read(ctx, where, "operators");
  }
  if (!fb::charge(&ctx->reader, uint64_t{ops.count} * (sizeof(TfliteOperator) / 8))) {
    return fail_read(ctx, where, "operators");
  }
  out->operators.resize(ops.count);
  for (uint32_t i = 0; i < ops.count; ++i) {
    fb::Table t;
    if (!fb::vector_table(&ctx->reader, ops, i, &t)) {
      return fail_read(ctx, Where{"operator", i, nullptr}, "table");
    }
    if (!read_operator(ctx, t, i, codes, tensors.count, &out->operators[i])) return false;
  }
  return true;
}

bool read_model(ReadContext* ctx, const uint8_t* data, size_t size, TfliteModel* out) {
  const Where where{"model", -1, nullptr};
  if (!fb::init_reader(data, size, &ctx->reader)) return fail_read(ctx, where, "file");
  if (size < 8) {
    return fail_check(ctx, where,
                      "file of " + std::to_string(size) + " bytes is too small for a TFLite model");
  }
  if (!fb::has_identifier(ctx->reader, "TFL3")) {
    return fail_check(ctx, where, "file identifier (bytes 4..7) is not \"TFL3\": not a TFLite model");
  }
  fb::Table model;
  if (!fb::root_table(&ctx->reader, &model)) return fail_read(ctx, where, "root table");
  if (!fb::read_scalar<uint32_t>(&ctx->reader, model, kModelVersion, 0, &out->schema_version)) {
    return fail_read(ctx, where, "version");
  }
  if (out->schema_version != kSchemaVersion) {
    return fail_check(ctx, where,
                      "schema version " + to_string(out->schema_version) +
                          " is not supported (expected 3)");
  }
  if (!copy_string(ctx, model, kModelDescription, where, "description", &out->description)) {
    return false;
  }
  std::vector<OperatorCode> codes;
  std::vector<BufferView> buffers;
  if (!read_operator_codes(ctx, model, &codes) || !read_buffers(ctx, model, &buffers)) {
    return false;
  }
  out->operator_code_count = static_cast<uint32_t>(codes.size());
  out->buffer_count = static_cast<uint32_t>(buffers.size());

  fb::Vector subgraphs;
  if (!fb::read_vector(&ctx->reader, model, kModelSubgraphs, 4, &subgraphs)) {
    return fail_read(ctx, where, "subgraphs");
  }
  if (subgraphs.count != 1) {
    return fail_check(ctx, where,
                      "has " + std::to_string(subgraphs.count) +
                          " subgraphs; only single-subgraph models are supported");
  }
  fb::Table g;
  if (!fb::vector_table(&ctx->reader, subgraphs, 0, &g)) {
    return fail_read(ctx, Where{"subgraph", 0, nullptr}, "table");
  }
  return read_subgraph(ctx, g, codes, buffers, out);
}

}  // namespace

namespace tflite_detail {

// Tensor names come from the file: keep at most 80 printable ASCII characters of them.
static std::string printable(const char* text) {
  std::string s;
  const char* p = text;
  for (; *p != '\0' && s.size() < 80; ++p) s += (*p >= 0x20 && *p < 0x7F) ? *p : '?';
  if (*p != '\0') s += "...";
  return s;
}

static std::string where_text(const Where& where) {
  std::string s = where.kind;
  if (where.index >= 0) s += " " + to_string(where.index);
  if (where.detail != nullptr) s += " (" + printable(where.detail) + ")";
  return s;
}

bool fail_read(ReadContext* ctx, const Where& where, const char* field) {
  if (ctx->message.empty()) {
    const char* why = ctx->reader.error != nullptr ? ctx->reader.error : "malformed flatbuffer";
    ctx->message = where_text(where) + ": " + field + ": " + why + " at byte " +
                   std::to_string(ctx->reader.error_pos);
  }
  return false;
}

bool fail_check(ReadContext* ctx, const Where& where, const std::string& what) {
  if (ctx->message.empty()) ctx->message = where_text(where) + ": " + what;
  return false;
}

bool read_int32s(ReadContext* ctx, const fb::Table& t, uint32_t field, const Where& where,
                 const char* name, std::vector<int32_t>* out, bool* present) {
  fb::Vector v;
  if (!fb::read_vector(&ctx->reader, t, field, 4, &v)) return fail_read(ctx, where, name);
  if (!fb::charge(&ctx->reader, v.count)) return fail_read(ctx, where, name);
  if (present != nullptr) *present = v.present;
  out->resize(v.count);
  for (uint32_t i = 0; i < v.count; ++i) (*out)[i] = fb::vector_scalar<int32_t>(ctx->reader, v, i);
  return true;
}

bool read_floats(ReadContext* ctx, const fb::Table& t, uint32_t field, const Where& where,
                 const char* name, std::vector<float>* out) {
  fb::Vector v;
  if (!fb::read_vector(&ctx->reader, t, field, 4, &v)) return fail_read(ctx, where, name);
  if (!fb::charge(&ctx->reader, v.count)) return fail_read(ctx, where, name);
  out->resize(v.count);
  for (uint32_t i = 0; i < v.count; ++i) (*out)[i] = fb::vector_scalar<float>(ctx->reader, v, i);
  return true;
}

}  // namespace tflite_detail

bool read_tflite(const uint8_t* data, size_t size, TfliteModel* out, std::string* error) {
  *out = TfliteModel();
  ReadContext ctx;
  ctx.reader = fb::Reader();
  const bool ok = read_model(&ctx, data, size, out);
  if (!ok && ctx.message.empty()) ctx.message = "malformed TFLite model";
  if (error != nullptr) *error = ok ? std::string() : ctx.message;
  return ok;
}

}  // namespace qrt
