// The integer operator implementations of the device library (one OpImpl per operator and
// input type). integer_op_table() lists them all; a firmware that wants only a model's op set
// can build its own qrt_op_table from these.
#ifndef QRT_RUNTIME_SRC_OPS_OPS_S8_H
#define QRT_RUNTIME_SRC_OPS_OPS_S8_H

#include "qrt/op_api.h"

namespace qrt {

extern const OpImpl kConv2dS8;
extern const OpImpl kDepthwiseConv2dS8;
extern const OpImpl kFullyConnectedS8;
extern const OpImpl kAveragePool2dS8;
extern const OpImpl kMaxPool2dS8;
extern const OpImpl kAddS8;
extern const OpImpl kMulS8;
extern const OpImpl kSoftmaxS8;
extern const OpImpl kLogisticS8;
extern const OpImpl kTanhS8;
extern const OpImpl kReluS8;
extern const OpImpl kRelu6S8;
extern const OpImpl kRequantizeS8;
extern const OpImpl kPadS8;
extern const OpImpl kMeanS8;
extern const OpImpl kConcatenationS8;
extern const OpImpl kReshapeS8;

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_OPS_OPS_S8_H
