// RESHAPE and CONCATENATION on int8: byte movers whose prepare and eval are type-agnostic
// (geometry.cpp, shared with the float32 path).
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {

extern "C" const qrt_op qrt_op_reshape_s8 = {kOpReshape, QRT_DTYPE_INT8, prepare_reshape_any,
                                             eval_reshape_any, 1};
extern "C" const qrt_op qrt_op_concatenation_s8 = {
    kOpConcatenation, QRT_DTYPE_INT8, prepare_concatenation_any, eval_concatenation_any, 0};

}  // namespace qrt
