// QUANTIZE and DEQUANTIZE: requantization between int8, int16 and int32 (TFLite's integer
// semantics); float32 -> int8 / int16 and back, the boundary between a float graph (or graph
// part) and an integer one.
#if !QRT_FLOAT_OPS  // libqrt.a
#include "support/elementwise_s8.h"

namespace qrt {
namespace {

uint32_t bytes_of(uint32_t dtype) {
  return dtype == QRT_DTYPE_INT8 ? 1u : dtype == QRT_DTYPE_INT16 ? 2u : 4u;
}

// The integer pairs TFLM requantizes: int8 / int16 / int32 input to int8 / int16 / int32 output,
// except int32 -> int32. Zero points lie in their types' ranges.
template <uint32_t kIn>
qrt_status prepare_requantize(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, kIn, 0, err));
  const uint32_t out = output_tensor(ctx, 0).dtype;
  if ((out != QRT_DTYPE_INT8 && out != QRT_DTYPE_INT16 && out != QRT_DTYPE_INT32) ||
      (kIn == QRT_DTYPE_INT32 && out == QRT_DTYPE_INT32)) {
    op_failure(ctx, err, QRT_ERR_BAD_TENSOR).text("output must be int8, int16 or int32 (not int32 from int32)");
    return QRT_ERR_BAD_TENSOR;
  }
  QRT_TRY(expect_output(ctx, 0, out, 0, err));
  if (!same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_params(ctx, sizeof(QuantizeParams), err));
  const QuantizeParams& p = params_as<QuantizeParams>(ctx);
  const int64_t in_half = int64_t{1} << (8 * bytes_of(kIn) - 1);
  const int64_t out_half = int64_t{1} << (8 * bytes_of(out) - 1);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, -in_half, in_half - 1, err));
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, -out_half, out_half - 1, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.multiplier, &p.shift, 1, err);
}

void eval_requantize(const OpContext& ctx) {
  requantize_int_ref(params_as<QuantizeParams>(ctx), count_of(ctx),
                     bytes_of(input_tensor(ctx, 0).dtype), input_data<void>(ctx, 0),
                     bytes_of(output_tensor(ctx, 0).dtype), output_data<void>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_quantize_s8 = {kOpQuantize, QRT_DTYPE_INT8,
                                              prepare_requantize<QRT_DTYPE_INT8>, eval_requantize,
                                              1};
extern "C" const qrt_op qrt_op_quantize_s16 = {kOpQuantize, QRT_DTYPE_INT16,
                                               prepare_requantize<QRT_DTYPE_INT16>,
                                               eval_requantize, 1};
extern "C" const qrt_op qrt_op_quantize_s32 = {kOpQuantize, QRT_DTYPE_INT32,
                                               prepare_requantize<QRT_DTYPE_INT32>,
                                               eval_requantize, 1};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "support/checks_f32.h"
#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {

// The int8 tensor's quantization record, when it has one, must say what the parameter block
// says: per-tensor, the same scale and zero point (the importer writes both from one value).
qrt_status expect_matching_quant(const OpContext& ctx, const format::TensorRecord& t, float scale,
                                 int32_t zero_point, qrt_error* err) {
  const format::QuantRecord* q = tensor_quant(ctx, t);
  if (q == nullptr) return QRT_OK;
  if (q->kind != QRT_QUANT_PER_TENSOR || quant_scales(q)[0] != scale ||
      quant_zero_points(q)[0] != zero_point) {
    op_failure(ctx, err, QRT_ERR_BAD_QUANTIZATION)
        .text("the int8 tensor's quantization differs from the parameter block's (zero point ")
        .num(zero_point).text(")");
    return QRT_ERR_BAD_QUANTIZATION;
  }
  return QRT_OK;
}

qrt_status prepare_io(const OpContext& ctx, uint32_t in_dtype, uint32_t out_dtype,
                      qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 1, 1, 1, err));
  QRT_TRY(expect_input(ctx, 0, in_dtype, 0, err));
  QRT_TRY(expect_output(ctx, 0, out_dtype, 0, err));
  if (!same_shape(input_tensor(ctx, 0), output_tensor(ctx, 0))) {
    op_failure(ctx, err, QRT_ERR_BAD_SHAPE).text("output shape differs from the input's");
    return QRT_ERR_BAD_SHAPE;
  }
  QRT_TRY(expect_params(ctx, sizeof(QuantizeParams), err));
  return expect_positive_finite(ctx, "scale", params_as<QuantizeParams>(ctx).scale, err);
}

// float32 -> int8 or int16 (the output tensor's type).
qrt_status prepare_quantize(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  const bool wide = output_tensor(ctx, 0).dtype == QRT_DTYPE_INT16;
  QRT_TRY(prepare_io(ctx, QRT_DTYPE_FLOAT32, wide ? QRT_DTYPE_INT16 : QRT_DTYPE_INT8, err));
  const QuantizeParams& p = params_as<QuantizeParams>(ctx);
  QRT_TRY(expect_range(ctx, "output_zero_point", p.output_zero_point, wide ? -32768 : -128,
                       wide ? 32767 : 127, err));
  QRT_TRY(expect_matching_quant(ctx, output_tensor(ctx, 0), p.scale, p.output_zero_point, err));
  *scratch = 0;
  return QRT_OK;
}

template <uint32_t kDType, int32_t kMin, int32_t kMax>
qrt_status prepare_dequantize(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_io(ctx, kDType, QRT_DTYPE_FLOAT32, err));
  const QuantizeParams& p = params_as<QuantizeParams>(ctx);
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, kMin, kMax, err));
  QRT_TRY(expect_matching_quant(ctx, input_tensor(ctx, 0), p.scale, p.input_zero_point, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_quantize(const OpContext& ctx) {
  const QuantizeParams& p = params_as<QuantizeParams>(ctx);
  const int32_t count = element_count(input_tensor(ctx, 0));
  if (output_tensor(ctx, 0).dtype == QRT_DTYPE_INT16) {
    quantize_f32_s16_ref(p, count, input_data<float>(ctx, 0), output_data<int16_t>(ctx, 0));
  } else {
    quantize_f32_s8_ref(p, count, input_data<float>(ctx, 0), output_data<int8_t>(ctx, 0));
  }
}

void eval_dequantize_s8(const OpContext& ctx) {
  dequantize_s8_f32_ref(params_as<QuantizeParams>(ctx), element_count(input_tensor(ctx, 0)),
                        input_data<int8_t>(ctx, 0), output_data<float>(ctx, 0));
}

void eval_dequantize_s16(const OpContext& ctx) {
  dequantize_s16_f32_ref(params_as<QuantizeParams>(ctx), element_count(input_tensor(ctx, 0)),
                         input_data<int16_t>(ctx, 0), output_data<float>(ctx, 0));
}

}  // namespace

// Element sizes differ (4 vs 1 or 2 bytes), so none may run in place.
extern "C" const qrt_op qrt_op_quantize_f32 = {kOpQuantize, QRT_DTYPE_FLOAT32, prepare_quantize,
                                               eval_quantize, 0};
extern "C" const qrt_op qrt_op_dequantize_s8 = {
    kOpDequantize, QRT_DTYPE_INT8, prepare_dequantize<QRT_DTYPE_INT8, -128, 127>, eval_dequantize_s8,
    0};
extern "C" const qrt_op qrt_op_dequantize_s16 = {
    kOpDequantize, QRT_DTYPE_INT16, prepare_dequantize<QRT_DTYPE_INT16, -32768, 32767>,
    eval_dequantize_s16, 0};

}  // namespace qrt

#endif
