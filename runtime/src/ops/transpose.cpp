// TRANSPOSE: a permuted copy whose prepare and eval are type-agnostic (support/geometry.cpp),
// listed for int8, int16 and float32.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

#if !QRT_FLOAT_OPS  // libqrt.a
extern "C" const qrt_op qrt_op_transpose_s8 = {kOpTranspose, QRT_DTYPE_INT8, prepare_transpose_any,
                                               eval_transpose_any, 0};
extern "C" const qrt_op qrt_op_transpose_s16 = {kOpTranspose, QRT_DTYPE_INT16,
                                                prepare_transpose_any, eval_transpose_any, 0};
#else  // libqrt_float.a
extern "C" const qrt_op qrt_op_transpose_f32 = {kOpTranspose, QRT_DTYPE_FLOAT32,
                                                prepare_transpose_any, eval_transpose_any, 0};
#endif

}  // namespace qrt
