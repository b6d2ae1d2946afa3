/* qrt_float: the optional float32 operator set (library libqrt_float.a, which links libqrt.a).
 *
 * It runs a float32 model (imported from a float TFLite model) on the same device as its int8
 * version, so the acceptance harness can measure the float baseline's accuracy and latency
 * there. A firmware that does not need the baseline leaves the library out; the integer path
 * never contains float code.
 *
 *   const qrt_op_table* tables[] = {qrt_float_op_table()};
 *   qrt_options opt = {0};
 *   opt.op_tables = tables;
 *   opt.op_table_count = 1;
 *   qrt_plan_memory(blob, blob_bytes, &opt, &plan, &err);
 *   qrt_session_create(blob, blob_bytes, &opt, arena, sizeof arena, &session, &err);
 *
 * For a graph that mixes float and int8 parts, list this table together with the integer one:
 * the loader picks, for each operator, the first table entry that matches its op code and the
 * data type of its input 0.
 *
 * Operators (input 0 data type FLOAT32 unless noted), with TensorFlow Lite's float semantics:
 *   CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, float32 weights and bias; int8 weights under
 *   TRANSPOSE_CONV                               float activations ("hybrid") are rejected with
 *                                                QRT_ERR_UNSUPPORTED_OP
 *   AVERAGE_POOL_2D, MAX_POOL_2D                 SAME or VALID geometry
 *   ADD, MUL, MAXIMUM, MINIMUM                   4-D broadcasting
 *   SOFTMAX (beta > 0), LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU
 *   PAD, MEAN, CONCATENATION, RESHAPE,           rank <= 4 (CONCATENATION/RESHAPE/STRIDED_SLICE/
 *   STRIDED_SLICE, TRANSPOSE, GATHER             TRANSPOSE: <= 5; GATHER: int32 indices)
 *   QUANTIZE                                     float32 -> int8 or int16
 *   DEQUANTIZE                                   input int8 or int16 -> float32
 * Kernels: ops/include/qrt/ops/kernels_f32.h. None needs scratch memory.
 *
 * Every operator's parameters and shapes are validated when a session is created (or memory is
 * planned), with a specific status and message; invoke then runs without checks. */
#ifndef QRT_QRT_FLOAT_H
#define QRT_QRT_FLOAT_H

#include "qrt/qrt.h"
#include "qrt/qrt_ops.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The float32 operators (qrt/qrt_ops.h tells how a firmware lists the ones it needs). */
extern const qrt_op qrt_op_conv2d_f32;
extern const qrt_op qrt_op_depthwise_conv2d_f32;
extern const qrt_op qrt_op_transpose_conv_f32;
extern const qrt_op qrt_op_fully_connected_f32;
extern const qrt_op qrt_op_average_pool2d_f32;
extern const qrt_op qrt_op_max_pool2d_f32;
extern const qrt_op qrt_op_add_f32;
extern const qrt_op qrt_op_sub_f32;
extern const qrt_op qrt_op_mul_f32;
extern const qrt_op qrt_op_maximum_f32;
extern const qrt_op qrt_op_minimum_f32;
extern const qrt_op qrt_op_softmax_f32;
extern const qrt_op qrt_op_logistic_f32;
extern const qrt_op qrt_op_tanh_f32;
extern const qrt_op qrt_op_relu_f32;
extern const qrt_op qrt_op_relu6_f32;
extern const qrt_op qrt_op_leaky_relu_f32;
extern const qrt_op qrt_op_pad_f32;
extern const qrt_op qrt_op_mean_f32;
extern const qrt_op qrt_op_concatenation_f32;
extern const qrt_op qrt_op_reshape_f32;
extern const qrt_op qrt_op_strided_slice_f32;
extern const qrt_op qrt_op_transpose_f32;
extern const qrt_op qrt_op_gather_f32;
extern const qrt_op qrt_op_hard_swish_f32;
extern const qrt_op qrt_op_prelu_f32;
extern const qrt_op qrt_op_squared_difference_f32;
extern const qrt_op qrt_op_resize_nearest_neighbor_f32;
extern const qrt_op qrt_op_resize_bilinear_f32;
extern const qrt_op qrt_op_batch_matmul_f32;
extern const qrt_op qrt_op_svdf_f32;
extern const qrt_op qrt_op_lstm_f32;
extern const qrt_op qrt_op_quantize_f32;  /* float32 -> int8 */
extern const qrt_op qrt_op_dequantize_s8;  /* int8 -> float32 */
extern const qrt_op qrt_op_dequantize_s16; /* int16 -> float32 */

/* Every float32 operator above. Never NULL; static, immutable data valid for the whole program,
 * shareable between sessions and threads. */
const qrt_op_table* qrt_float_op_table(void);

#ifdef __cplusplus
}
#endif

#endif /* QRT_QRT_FLOAT_H */
