#include "ops_s8.h"

namespace qrt {
namespace {

const OpImpl* const kIntegerOps[] = {
    &kConv2dS8,  &kDepthwiseConv2dS8, &kFullyConnectedS8, &kAveragePool2dS8, &kMaxPool2dS8,
    &kAddS8,     &kMulS8,             &kSoftmaxS8,        &kLogisticS8,      &kTanhS8,
    &kReluS8,    &kRelu6S8,           &kRequantizeS8,     &kPadS8,           &kMeanS8,
    &kConcatenationS8, &kReshapeS8,
};

const qrt_op_table kIntegerOpTable = {kIntegerOps,
                                     static_cast<int32_t>(sizeof kIntegerOps / sizeof kIntegerOps[0])};

}  // namespace

const qrt_op_table* integer_op_table() { return &kIntegerOpTable; }

}  // namespace qrt
