// PAD (rank <= 4), TFLite's semantics: int8 and int16 (the pad value is the output zero point,
// 0 for TFLite's symmetric int16) and float32 (TFLite's extra inputs -- paddings, PADV2's value --
// may stay in the input list).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_api.h"
#include "qrt/op_checks.h"

namespace qrt {
namespace {

template <uint32_t DType, int32_t Lo, int32_t Hi>
qrt_status prepare_pad(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 3, 1, err));  // TFLite keeps paddings (and PADV2 value) inputs
  QRT_TRY(expect_input(ctx, 0, DType, 0, err));
  QRT_TRY(expect_output(ctx, 0, DType, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(PadParams), err));
  const PadParams& p = params_as<PadParams>(ctx);
  QRT_TRY(expect_pad_geometry(ctx, p, err));
  QRT_TRY(expect_range(ctx, "pad_value", p.pad_value, Lo, Hi, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_pad_s8(const OpContext& ctx) {
  pad_s8_ref(params_as<PadParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<int8_t>(ctx, 0),
             shape4(output_tensor(ctx, 0)), output_data<int8_t>(ctx, 0));
}

void eval_pad_s16(const OpContext& ctx) {
  pad_s16_ref(params_as<PadParams>(ctx), shape4(input_tensor(ctx, 0)),
              input_data<int16_t>(ctx, 0), shape4(output_tensor(ctx, 0)),
              output_data<int16_t>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_pad_s8 = {kOpPad, QRT_DTYPE_INT8,
                                         prepare_pad<QRT_DTYPE_INT8, -128, 127>, eval_pad_s8, 0};
extern "C" const qrt_op qrt_op_pad_s16 = {
    kOpPad, QRT_DTYPE_INT16, prepare_pad<QRT_DTYPE_INT16, -32768, 32767>, eval_pad_s16, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

qrt_status prepare_pad(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 3, 1, err));
  QRT_TRY(expect_input(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_output(ctx, 0, QRT_DTYPE_FLOAT32, 0, err));
  QRT_TRY(expect_params(ctx, sizeof(PadParams), err));
  QRT_TRY(expect_pad_geometry(ctx, params_as<PadParams>(ctx), err));
  // float_pad_value may be anything, NaN and infinities included: it is copied, not computed.
  *scratch = 0;
  return QRT_OK;
}

void eval_pad(const OpContext& ctx) {
  pad_f32_ref(params_as<PadParams>(ctx), shape4(input_tensor(ctx, 0)), input_data<float>(ctx, 0),
              shape4(output_tensor(ctx, 0)), output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_pad_f32 = {kOpPad, QRT_DTYPE_FLOAT32, prepare_pad, eval_pad, 0};

}  // namespace qrt

#endif
