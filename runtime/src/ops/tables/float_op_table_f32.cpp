// The float32 CNN operators, qrt_float_op_table() (qrt/qrt_float.h).
#include "qrt/op_api.h"
#include "qrt/qrt_float.h"

namespace qrt {
namespace {

// Const data, no mutable state: the loader searches it by (op code, input 0 data type).
const OpImpl* const kFloatOps[] = {
    &qrt_op_conv2d_f32,
    &qrt_op_depthwise_conv2d_f32,
    &qrt_op_transpose_conv_f32,
    &qrt_op_fully_connected_f32,
    &qrt_op_average_pool2d_f32,
    &qrt_op_max_pool2d_f32,
    &qrt_op_add_f32,
    &qrt_op_sub_f32,
    &qrt_op_mul_f32,
    &qrt_op_maximum_f32,
    &qrt_op_minimum_f32,
    &qrt_op_softmax_f32,
    &qrt_op_logistic_f32,
    &qrt_op_tanh_f32,
    &qrt_op_relu_f32,
    &qrt_op_relu6_f32,
    &qrt_op_leaky_relu_f32,
    &qrt_op_pad_f32,
    &qrt_op_mean_f32,
    &qrt_op_concatenation_f32,
    &qrt_op_reshape_f32,
    &qrt_op_strided_slice_f32,
    &qrt_op_transpose_f32,
    &qrt_op_gather_f32,
    &qrt_op_hard_swish_f32,
    &qrt_op_prelu_f32,
    &qrt_op_squared_difference_f32,
    &qrt_op_resize_nearest_neighbor_f32,
    &qrt_op_resize_bilinear_f32,
    &qrt_op_batch_matmul_f32,
    &qrt_op_svdf_f32,
    &qrt_op_lstm_f32,
    &qrt_op_quantize_f32,
    &qrt_op_dequantize_s8,
    &qrt_op_dequantize_s16,
};

const qrt_op_table kFloatOpTable = {kFloatOps,
                                   static_cast<int32_t>(sizeof kFloatOps / sizeof kFloatOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_float_op_table(void) { return &qrt::kFloatOpTable; }
