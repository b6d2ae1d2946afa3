// RESHAPE and CONCATENATION: byte movers whose prepare and eval are type-agnostic
// (support/geometry.cpp), listed for int8, int16 and float32.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

extern "C" const qrt_op qrt_op_reshape_s8 = {kOpReshape, QRT_DTYPE_INT8, prepare_reshape_any,
                                             eval_reshape_any, 1};
extern "C" const qrt_op qrt_op_concatenation_s8 = {
    kOpConcatenation, QRT_DTYPE_INT8, prepare_concatenation_any, eval_concatenation_any, 0};
extern "C" const qrt_op qrt_op_reshape_s16 = {kOpReshape, QRT_DTYPE_INT16, prepare_reshape_any,
                                              eval_reshape_any, 1};
extern "C" const qrt_op qrt_op_concatenation_s16 = {
    kOpConcatenation, QRT_DTYPE_INT16, prepare_concatenation_any, eval_concatenation_any, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

extern "C" const qrt_op qrt_op_concatenation_f32 = {
    kOpConcatenation, QRT_DTYPE_FLOAT32, prepare_concatenation_any, eval_concatenation_any, 0};
extern "C" const qrt_op qrt_op_reshape_f32 = {kOpReshape, QRT_DTYPE_FLOAT32, prepare_reshape_any,
                                              eval_reshape_any, 1};

}  // namespace qrt

#endif
