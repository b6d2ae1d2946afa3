// Operator codes of the .qrt format and what the runtime and the tools know of each operator,
// generated from the operator list (op_list.def). Values are part of the blob format.
#ifndef QRT_OPS_OP_CODES_H
#define QRT_OPS_OP_CODES_H

#include <stdint.h>

namespace qrt {

enum OpCode : uint32_t {
#define QRT_OP(ident, stem, code, name, params, min_in, max_in, outputs, in_place, tflite) \
  kOp##ident = code,
#include "qrt/ops/op_list.def"
#undef QRT_OP
};

// One operator of the list.
struct OpInfo {
  uint32_t code;
  const char* name;       // "CONV_2D"
  uint32_t params_bytes;  // size of its parameter struct (0 for operators without one)
  uint8_t min_inputs, max_inputs, outputs;
  uint8_t in_place;       // 1: output 0 may share input 0's bytes for every data type
  int32_t tflite_builtin; // the TFLite operator imported as this one, or -1
};

// The operator with this code, or nullptr for a code not in the list.
const OpInfo* op_info(uint32_t op_code);

// A short upper-case name ("CONV_2D") for reports; "UNKNOWN" for codes not in the list.
const char* op_code_name(uint32_t op_code);

}  // namespace qrt

#endif  // QRT_OPS_OP_CODES_H
