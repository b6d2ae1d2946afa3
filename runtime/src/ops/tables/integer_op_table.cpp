// Every integer CNN operator, qrt_integer_op_table() (qrt/qrt_ops.h).
#include "qrt/op_api.h"

namespace qrt {
namespace {

const OpImpl* const kIntegerOps[] = {
    &qrt_op_conv2d_s8, &qrt_op_conv2d_s16, &qrt_op_conv2d_s8_w4,
    &qrt_op_transpose_conv_s8, &qrt_op_transpose_conv_s16,
    &qrt_op_depthwise_conv2d_s8, &qrt_op_depthwise_conv2d_s16, &qrt_op_depthwise_conv2d_s8_w4,
    &qrt_op_fully_connected_s8, &qrt_op_fully_connected_s16, &qrt_op_fully_connected_s8_w4,
    &qrt_op_average_pool2d_s8, &qrt_op_average_pool2d_s16,
    &qrt_op_max_pool2d_s8, &qrt_op_max_pool2d_s16,
    &qrt_op_add_s8, &qrt_op_sub_s8, &qrt_op_add_s16, &qrt_op_sub_s16,
    &qrt_op_mul_s8, &qrt_op_mul_s16,
    &qrt_op_maximum_s8, &qrt_op_minimum_s8, &qrt_op_maximum_s16, &qrt_op_minimum_s16,
    &qrt_op_softmax_s8, &qrt_op_softmax_s16,
    &qrt_op_logistic_s8, &qrt_op_logistic_s16,
    &qrt_op_tanh_s8, &qrt_op_tanh_s16,
    &qrt_op_relu_s8,
    &qrt_op_relu6_s8,
    &qrt_op_leaky_relu_s8, &qrt_op_leaky_relu_s16,
    &qrt_op_quantize_s8, &qrt_op_quantize_s16, &qrt_op_quantize_s32,
    &qrt_op_pad_s8, &qrt_op_pad_s16,
    &qrt_op_mean_s8, &qrt_op_mean_s16,
    &qrt_op_concatenation_s8, &qrt_op_concatenation_s16,
    &qrt_op_reshape_s8, &qrt_op_reshape_s16,
    &qrt_op_strided_slice_s8, &qrt_op_strided_slice_s16,
    &qrt_op_transpose_s8, &qrt_op_transpose_s16,
    &qrt_op_gather_s8, &qrt_op_gather_s16,
    &qrt_op_hard_swish_s8,
    &qrt_op_prelu_s8,
    &qrt_op_squared_difference_s8,
    &qrt_op_resize_nearest_neighbor_s8, &qrt_op_resize_nearest_neighbor_s16,
    &qrt_op_resize_bilinear_s8,
    &qrt_op_batch_matmul_s8,
    &qrt_op_svdf_s8,
    &qrt_op_lstm_s8, &qrt_op_lstm_s16,
};

const qrt_op_table kIntegerOpTable = {kIntegerOps,
                                     static_cast<int32_t>(sizeof kIntegerOps / sizeof kIntegerOps[0])};

}  // namespace
}  // namespace qrt

extern "C" const qrt_op_table* qrt_integer_op_table(void) { return &qrt::kIntegerOpTable; }
