// GATHER (int32 indices, batch_dims 0): whole rows copied, prepare and eval type-agnostic
// (support/geometry.cpp), listed for int8, int16 and float32 data.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

#if !QRT_FLOAT_OPS  // libqrt.a
extern "C" const qrt_op qrt_op_gather_s8 = {kOpGather, QRT_DTYPE_INT8, prepare_gather_any,
                                            eval_gather_any, 0};
extern "C" const qrt_op qrt_op_gather_s16 = {kOpGather, QRT_DTYPE_INT16, prepare_gather_any,
                                             eval_gather_any, 0};
#else  // libqrt_float.a
extern "C" const qrt_op qrt_op_gather_f32 = {kOpGather, QRT_DTYPE_FLOAT32, prepare_gather_any,
                                             eval_gather_any, 0};
#endif

}  // namespace qrt
