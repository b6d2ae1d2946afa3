// Operator codes of the .qrt format. Values are part of the blob format: never renumber.
#ifndef QRT_OPS_OP_CODES_H
#define QRT_OPS_OP_CODES_H

#include <stdint.h>

namespace qrt {

enum OpCode : uint32_t {
  // Imported from TensorFlow Lite, with its integer semantics.
  kOpConv2d = 1,
  kOpDepthwiseConv2d = 2,
  kOpFullyConnected = 3,
  kOpAveragePool2d = 4,
  kOpMaxPool2d = 5,
  kOpAdd = 6,
  kOpMul = 7,
  kOpSoftmax = 8,
  kOpReshape = 9,
  kOpLogistic = 10,
  kOpTanh = 11,
  kOpConcatenation = 12,
  kOpPad = 13,
  kOpMean = 14,
  kOpQuantize = 15,
  kOpDequantize = 16,
  kOpRelu = 17,
  kOpRelu6 = 18,
  // Transformer operators (llama2.c import).
  kOpEmbedding = 32,
  kOpRmsNorm = 33,
  kOpMatMul = 34,
  kOpRope = 35,
  kOpAttention = 36,
  kOpSwiGlu = 37,
  kOpResidualAdd = 38,
};

// A short upper-case name ("CONV_2D") for reports; "UNKNOWN" for codes not listed above.
const char* op_code_name(uint32_t op_code);

}  // namespace qrt

#endif  // QRT_OPS_OP_CODES_H
