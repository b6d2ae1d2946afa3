// Shared plumbing of the TFLite reader (tflite_model.cpp, tflite_options.cpp): the reading
// context, error formatting and checked vector copies. Not part of the public API.
#ifndef QRT_RUNTIME_HOST_TFLITE_TFLITE_READ_CONTEXT_H
#define QRT_RUNTIME_HOST_TFLITE_TFLITE_READ_CONTEXT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "tflite/flatbuffer_reader.h"
#include "tflite/tflite_model.h"

namespace qrt {
namespace tflite_detail {

// Names the object being read in an error message: "<kind> <index> (<detail>)", where the index
// is left out when negative and the detail when null. Formatted only when something fails.
struct Where {
  const char* kind;    // "model", "tensor", "operator", ...
  int64_t index;       // -1 for none
  const char* detail;  // tensor name, op name, or nullptr
};

struct ReadContext {
  fb::Reader reader;
  std::string message;  // the first error, formatted
};

// Sets ctx->message to "<where>: <field>: <reader's reason> at byte <pos>" and returns false.
bool fail_read(ReadContext* ctx, const Where& where, const char* field);

// Sets ctx->message to "<where>: <what>" and returns false.
bool fail_check(ReadContext* ctx, const Where& where, const std::string& what);

// Copies an int32 vector field into *out (empty when absent; *present says which).
bool read_int32s(ReadContext* ctx, const fb::Table& t, uint32_t field, const Where& where,
                 const char* name, std::vector<int32_t>* out, bool* present = nullptr);

// Copies a float vector field into *out (empty when absent).
bool read_floats(ReadContext* ctx, const fb::Table& t, uint32_t field, const Where& where,
                 const char* name, std::vector<float>* out);

// Decodes op_table's builtin_options union into op->options according to op->builtin_code (set
// by the caller), and records its raw type and presence.
bool read_builtin_options(ReadContext* ctx, const fb::Table& op_table, const Where& where,
                          TfliteOperator* op);

}  // namespace tflite_detail
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_TFLITE_READ_CONTEXT_H
