#include "qrt/ops/op_codes.h"

namespace qrt {

const char* op_code_name(uint32_t op_code) {
  switch (op_code) {
    case kOpConv2d: return "CONV_2D";
    case kOpDepthwiseConv2d: return "DEPTHWISE_CONV_2D";
    case kOpFullyConnected: return "FULLY_CONNECTED";
    case kOpAveragePool2d: return "AVERAGE_POOL_2D";
    case kOpMaxPool2d: return "MAX_POOL_2D";
    case kOpAdd: return "ADD";
    case kOpMul: return "MUL";
    case kOpSoftmax: return "SOFTMAX";
    case kOpReshape: return "RESHAPE";
    case kOpLogistic: return "LOGISTIC";
    case kOpTanh: return "TANH";
    case kOpConcatenation: return "CONCATENATION";
    case kOpPad: return "PAD";
    case kOpMean: return "MEAN";
    case kOpQuantize: return "QUANTIZE";
    case kOpDequantize: return "DEQUANTIZE";
    case kOpRelu: return "RELU";
    case kOpRelu6: return "RELU6";
    case kOpEmbedding: return "EMBEDDING";
    case kOpRmsNorm: return "RMS_NORM";
    case kOpMatMul: return "MATMUL";
    case kOpRope: return "ROPE";
    case kOpAttention: return "ATTENTION";
    case kOpSwiGlu: return "SWIGLU";
    case kOpResidualAdd: return "RESIDUAL_ADD";
    default: return "UNKNOWN";
  }
}

}  // namespace qrt
