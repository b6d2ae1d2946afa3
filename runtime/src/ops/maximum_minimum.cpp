// MAXIMUM and MINIMUM with 4-D broadcasting: int8, int16 and float32 (TFLite's semantics: the raw
// values compared, one quantization for inputs and output).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

template <uint32_t kDType>
qrt_status prepare(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, kDType, err));
  *scratch = 0;
  return ctx.params_bytes != 0 ? expect_params(ctx, 0, err) : QRT_OK;
}

void eval_maximum_s8(const OpContext& ctx) { maximum_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx)); }
void eval_minimum_s8(const OpContext& ctx) { minimum_s8_ref(binary_args<BinaryS8Args, int8_t>(ctx)); }
void eval_maximum_s16(const OpContext& ctx) {
  maximum_s16_ref(binary_args<BinaryS16Args, int16_t>(ctx));
}
void eval_minimum_s16(const OpContext& ctx) {
  minimum_s16_ref(binary_args<BinaryS16Args, int16_t>(ctx));
}

}  // namespace

// Each input element is read before the output element at its index is written: in place.
extern "C" const qrt_op qrt_op_maximum_s8 = {kOpMaximum, QRT_DTYPE_INT8, prepare<QRT_DTYPE_INT8>,
                                             eval_maximum_s8, 1};
extern "C" const qrt_op qrt_op_minimum_s8 = {kOpMinimum, QRT_DTYPE_INT8, prepare<QRT_DTYPE_INT8>,
                                             eval_minimum_s8, 1};
extern "C" const qrt_op qrt_op_maximum_s16 = {kOpMaximum, QRT_DTYPE_INT16,
                                              prepare<QRT_DTYPE_INT16>, eval_maximum_s16, 1};
extern "C" const qrt_op qrt_op_minimum_s16 = {kOpMinimum, QRT_DTYPE_INT16,
                                              prepare<QRT_DTYPE_INT16>, eval_minimum_s16, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "support/elementwise_f32.h"

namespace qrt {
namespace {

qrt_status prepare(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_binary_tensors(ctx, QRT_DTYPE_FLOAT32, err));
  *scratch = 0;
  return ctx.params_bytes != 0 ? expect_params(ctx, 0, err) : QRT_OK;
}

void eval_maximum(const OpContext& ctx) { maximum_f32_ref(binary_args<BinaryF32Args, float>(ctx)); }
void eval_minimum(const OpContext& ctx) { minimum_f32_ref(binary_args<BinaryF32Args, float>(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_maximum_f32 = {kOpMaximum, QRT_DTYPE_FLOAT32, prepare, eval_maximum,
                                              1};
extern "C" const qrt_op qrt_op_minimum_f32 = {kOpMinimum, QRT_DTYPE_FLOAT32, prepare, eval_minimum,
                                              1};

}  // namespace qrt

#endif
