/* Operator sets of the C API: which operators a session can run, and so which operators and
 * kernels a firmware links.
 *
 * Every operator implementation is a public object named qrt_op_<operator>_<dtype>, the data
 * type being that of the operator's input 0 (s8, s16, s32, s4, f32), and _w4 added for packed INT4
 * weights (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED). A qrt_op_table lists some of
 * them; a session runs an operator with the first table entry of its op code and input type.
 * Tables come from qrt_options.op_tables, or, when that is NULL, from qrt_default_op_table().
 *
 * The library's qrt_default_op_table() returns qrt_integer_op_table(), every integer operator of
 * the TFLite set (int8, and the int16 ones of 16x8 models), and so links all of them (transformer
 * models pass qrt_llm_op_table() in options).
 * A firmware that runs known models defines its own default instead, with exactly the operators
 * they use (`qrt plan MODEL --c-header` writes a model's list as QRT_PLAN_OPS):
 *
 *   #include "qrt/qrt_ops.h"
 *   QRT_DEFAULT_OP_TABLE(&qrt_op_conv2d_s8, &qrt_op_depthwise_conv2d_s8, &qrt_op_softmax_s8)
 *
 * Its definition then replaces the library's (a symbol defined by the firmware is never looked
 * up in libqrt.a), and the linker takes only the listed operators and their kernels. Such a
 * session refuses other operators at load with QRT_ERR_UNSUPPORTED_OP. A firmware that always
 * passes qrt_options.op_tables writes QRT_NO_DEFAULT_OP_TABLE() instead.
 *
 * Float32 operators: qrt_float.h; transformer operators: qrt_llm.h. */
#ifndef QRT_QRT_OPS_H
#define QRT_QRT_OPS_H

#include <stdint.h>

#include "qrt/qrt.h" /* the qrt_op_table typedef */

#ifdef __cplusplus
extern "C" {
#endif

/* One operator implementation for one input data type (its layout: qrt/op_api.h). */
typedef struct qrt_op qrt_op;

/* A set of operator implementations. */
struct qrt_op_table {
  const qrt_op* const* ops;
  int32_t count;
};

/* The integer operators of the device library (TFLite's int8 semantics; the _s16 ones: int16
 * activations as TFLite's 16x8 models). */
extern const qrt_op qrt_op_conv2d_s8;
extern const qrt_op qrt_op_conv2d_s16;
/* int8 activations with packed INT4 weights (the _w4 objects; quant/INT4-LAYOUT.md). */
extern const qrt_op qrt_op_conv2d_s8_w4;
extern const qrt_op qrt_op_transpose_conv_s8;
extern const qrt_op qrt_op_transpose_conv_s16;
extern const qrt_op qrt_op_depthwise_conv2d_s8;
extern const qrt_op qrt_op_depthwise_conv2d_s16;
extern const qrt_op qrt_op_depthwise_conv2d_s8_w4;
extern const qrt_op qrt_op_fully_connected_s8;
extern const qrt_op qrt_op_fully_connected_s16;
extern const qrt_op qrt_op_fully_connected_s8_w4;
extern const qrt_op qrt_op_average_pool2d_s8;
extern const qrt_op qrt_op_average_pool2d_s16;
extern const qrt_op qrt_op_max_pool2d_s8;
extern const qrt_op qrt_op_max_pool2d_s16;
extern const qrt_op qrt_op_add_s8;
extern const qrt_op qrt_op_sub_s8;
extern const qrt_op qrt_op_add_s16;
extern const qrt_op qrt_op_sub_s16;
extern const qrt_op qrt_op_mul_s8;
extern const qrt_op qrt_op_mul_s16;
extern const qrt_op qrt_op_maximum_s8;
extern const qrt_op qrt_op_minimum_s8;
extern const qrt_op qrt_op_maximum_s16;
extern const qrt_op qrt_op_minimum_s16;
extern const qrt_op qrt_op_softmax_s8;
extern const qrt_op qrt_op_softmax_s16;
extern const qrt_op qrt_op_logistic_s8;
extern const qrt_op qrt_op_logistic_s16;
extern const qrt_op qrt_op_tanh_s8;
extern const qrt_op qrt_op_tanh_s16;
extern const qrt_op qrt_op_relu_s8;
extern const qrt_op qrt_op_relu6_s8;
extern const qrt_op qrt_op_leaky_relu_s8;
extern const qrt_op qrt_op_leaky_relu_s16;
extern const qrt_op qrt_op_quantize_s8;  /* int8 -> int8 / int16 / int32 requantization */
extern const qrt_op qrt_op_quantize_s16; /* int16 -> int8 / int16 / int32 */
extern const qrt_op qrt_op_quantize_s32; /* int32 -> int8 / int16 */
extern const qrt_op qrt_op_pad_s8;
extern const qrt_op qrt_op_pad_s16;
extern const qrt_op qrt_op_mean_s8;
extern const qrt_op qrt_op_mean_s16;
extern const qrt_op qrt_op_concatenation_s8;
extern const qrt_op qrt_op_concatenation_s16;
extern const qrt_op qrt_op_reshape_s8;
extern const qrt_op qrt_op_reshape_s16;
extern const qrt_op qrt_op_strided_slice_s8;
extern const qrt_op qrt_op_strided_slice_s16;
extern const qrt_op qrt_op_transpose_s8;
extern const qrt_op qrt_op_transpose_s16;
extern const qrt_op qrt_op_gather_s8;
extern const qrt_op qrt_op_gather_s16;
extern const qrt_op qrt_op_hard_swish_s8;
extern const qrt_op qrt_op_prelu_s8;
extern const qrt_op qrt_op_squared_difference_s8;
extern const qrt_op qrt_op_resize_nearest_neighbor_s8;
extern const qrt_op qrt_op_resize_nearest_neighbor_s16;
extern const qrt_op qrt_op_resize_bilinear_s8;
extern const qrt_op qrt_op_batch_matmul_s8;
extern const qrt_op qrt_op_svdf_s8; /* int8 with an int16 (or int8) persistent state */
extern const qrt_op qrt_op_lstm_s8;  /* UNIDIRECTIONAL_SEQUENCE_LSTM, int16 cell state */
extern const qrt_op qrt_op_lstm_s16; /* the 16x8 form */

/* Every operator above. */
const qrt_op_table* qrt_integer_op_table(void);

/* The table a session uses when qrt_options.op_tables is NULL (see the top of this file); NULL
 * for none. */
const qrt_op_table* qrt_default_op_table(void);

/* Defines qrt_default_op_table() as exactly the listed operators (at least one). */
#define QRT_DEFAULT_OP_TABLE(...)                                                           \
  const qrt_op_table* qrt_default_op_table(void) {                                          \
    static const qrt_op* const qrt_default_ops_[] = {__VA_ARGS__};                          \
    static const qrt_op_table qrt_default_table_ = {                                        \
        qrt_default_ops_, (int32_t)(sizeof qrt_default_ops_ / sizeof qrt_default_ops_[0])}; \
    return &qrt_default_table_;                                                             \
  }

/* Defines qrt_default_op_table() as no table: sessions run only qrt_options.op_tables. */
#define QRT_NO_DEFAULT_OP_TABLE() \
  const qrt_op_table* qrt_default_op_table(void) { return (const qrt_op_table*)0; }

#ifdef __cplusplus
}
#endif

#endif /* QRT_QRT_OPS_H */
