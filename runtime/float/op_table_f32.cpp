#include "ops_f32.h"
#include "qrt/qrt_float.h"

namespace qrt {
namespace {

// Const data, no mutable state: the loader searches it by (op code, input 0 data type).
const OpImpl* const kFloatOps[] = {
    &kConv2dF32,  &kDepthwiseConv2dF32, &kFullyConnectedF32, &kAveragePool2dF32, &kMaxPool2dF32,
    &kAddF32,     &kMulF32,             &kSoftmaxF32,        &kLogisticF32,      &kTanhF32,
    &kReluF32,    &kRelu6F32,           &kPadF32,            &kMeanF32,          &kConcatenationF32,
    &kReshapeF32, &kQuantizeF32,        &kDequantizeS8,
};

const qrt_op_table kFloatOpTable = {kFloatOps,
                                   static_cast<int32_t>(sizeof kFloatOps / sizeof kFloatOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_float_op_table(void) { return &qrt::kFloatOpTable; }
