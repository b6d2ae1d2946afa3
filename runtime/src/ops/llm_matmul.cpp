// EMBEDDING and MATMUL: int8 / int4 weights under int8 / int16 activations, and float32 (run.c's
// arithmetic, the float baseline of a converted llama model).
#if !QRT_FLOAT_OPS  // libqrt.a
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace {

constexpr uint32_t kActivationTypes = dtype_bit(QRT_DTYPE_INT8) | dtype_bit(QRT_DTYPE_INT16);
constexpr uint32_t kOutputTypes = kActivationTypes | dtype_bit(QRT_DTYPE_INT32);

qrt_status prepare_matmul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 4, 1, err));
  uint32_t in_type = 0, out_type = 0;
  QRT_TRY(expect_llm_dtype(ctx, true, 0, kActivationTypes, &in_type, err));
  QRT_TRY(expect_llm_dtype(ctx, false, 0, kOutputTypes, &out_type, err));
  if (ctx.params == nullptr || ctx.params_bytes < sizeof(LlmMatMulParams)) {
    return expect_params(ctx, sizeof(LlmMatMulParams), err);
  }
  const LlmMatMulParams& p = params_as<LlmMatMulParams>(ctx);
  LlmWeights w;
  bool asymmetric = false;
  QRT_TRY(prepare_llm_weights(ctx, 1, 2, p.group_size, sizeof(LlmMatMulParams), &w, &asymmetric, err));
  QRT_TRY(expect_llm_elements(ctx, true, 0, w.cols, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, w.rows, err));
  *scratch = static_cast<uint32_t>(
      llm_matvec_scratch_bytes(llm_matvec_variant(ctx.isas), w, asymmetric, llm_type(in_type)));
  return QRT_OK;
}

void eval_matmul(const OpContext& ctx) {
  const LlmMatMulParams& p = params_as<LlmMatMulParams>(ctx);
  LlmMatVecArgs a;
  a.weights = llm_weights(ctx, 1, 2, p.group_size, sizeof(LlmMatMulParams));
  a.input_type = llm_type(input_tensor(ctx, 0).dtype);
  a.input = input_data<void>(ctx, 0);
  a.output_type = llm_type(output_tensor(ctx, 0).dtype);
  a.output = output_data<void>(ctx, 0);
  a.scratch = static_cast<int64_t*>(ctx.scratch);
  llm_matvec_kernel(llm_matvec_variant(ctx.isas))(a);
}

qrt_status prepare_embedding(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 4, 1, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 1, 1, err));
  uint32_t out_type = 0;
  QRT_TRY(expect_llm_dtype(ctx, false, 0, kOutputTypes, &out_type, err));
  if (ctx.params == nullptr || ctx.params_bytes < sizeof(LlmEmbeddingParams)) {
    return expect_params(ctx, sizeof(LlmEmbeddingParams), err);
  }
  const LlmEmbeddingParams& p = params_as<LlmEmbeddingParams>(ctx);
  LlmWeights w;
  bool asymmetric = false;
  QRT_TRY(prepare_llm_weights(ctx, 0, 2, p.group_size, sizeof(LlmEmbeddingParams), &w,
                              &asymmetric, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, w.cols, err));
  *scratch = 0;
  return QRT_OK;
}

void eval_embedding(const OpContext& ctx) {
  const LlmEmbeddingParams& p = params_as<LlmEmbeddingParams>(ctx);
  LlmEmbeddingArgs a;
  a.table = llm_weights(ctx, 0, 2, p.group_size, sizeof(LlmEmbeddingParams));
  a.token = input_data<int32_t>(ctx, 1)[0];
  a.output_type = llm_type(output_tensor(ctx, 0).dtype);
  a.output = output_data<void>(ctx, 0);
  llm_embedding_ref(a);
}

}  // namespace

// Dispatched on the table's type (input 0), so the float32 table of the float baseline can have
// its own implementation.
extern "C" const qrt_op qrt_op_embedding_s8 = {kOpEmbedding, QRT_DTYPE_INT8, prepare_embedding,
                                               eval_embedding, 0};
extern "C" const qrt_op qrt_op_embedding_s4 = {kOpEmbedding, QRT_DTYPE_INT4, prepare_embedding,
                                               eval_embedding, 0};
extern "C" const qrt_op qrt_op_matmul_s8 = {kOpMatMul, QRT_DTYPE_INT8, prepare_matmul, eval_matmul,
                                            0};
extern "C" const qrt_op qrt_op_matmul_s16 = {kOpMatMul, QRT_DTYPE_INT16, prepare_matmul,
                                             eval_matmul, 0};

}  // namespace qrt

#else  // libqrt_float.a
#include "qrt/op_checks.h"
#include "qrt/op_checks_llm.h"
#include "qrt/ops/kernels_llm_f32.h"
#include "qrt/ops/llm_params.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt_llm.h"

namespace qrt {
namespace {

constexpr uint32_t kF32 = QRT_DTYPE_FLOAT32;

qrt_status prepare_embedding(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 2, err));
  QRT_TRY(expect_constant(ctx, 0, err));
  QRT_TRY(expect_input(ctx, 1, QRT_DTYPE_INT32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, true, 1, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, input_tensor(ctx, 0).dims[1], err));
  if (ctx.params_bytes != 0) return expect_params(ctx, 0, err);
  *scratch = 0;
  return QRT_OK;
}

void eval_embedding(const OpContext& ctx) {
  const format::TensorRecord& t = input_tensor(ctx, 0);
  llm_embedding_f32(input_data<float>(ctx, 0), t.dims[0], t.dims[1], input_data<int32_t>(ctx, 1)[0],
                    output_data<float>(ctx, 0));
}

qrt_status prepare_matmul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 2, 2, 1, err));
  QRT_TRY(expect_input(ctx, 0, kF32, 0, err));
  QRT_TRY(expect_input(ctx, 1, kF32, 2, err));
  QRT_TRY(expect_constant(ctx, 1, err));
  QRT_TRY(expect_output(ctx, 0, kF32, 0, err));
  const format::TensorRecord& w = input_tensor(ctx, 1);
  QRT_TRY(expect_llm_elements(ctx, true, 0, w.dims[1], err));
  QRT_TRY(expect_llm_elements(ctx, false, 0, w.dims[0], err));
  if (ctx.params_bytes != 0) return expect_params(ctx, 0, err);
  *scratch = 0;
  return QRT_OK;
}

void eval_matmul(const OpContext& ctx) {
  const format::TensorRecord& w = input_tensor(ctx, 1);
  llm_matvec_f32(input_data<float>(ctx, 1), w.dims[0], w.dims[1], input_data<float>(ctx, 0),
                 output_data<float>(ctx, 0));
}

}  // namespace

extern "C" const qrt_op qrt_op_embedding_f32 = {kOpEmbedding, kF32, prepare_embedding,
                                                eval_embedding, 0};
extern "C" const qrt_op qrt_op_matmul_f32 = {kOpMatMul, kF32, prepare_matmul, eval_matmul, 0};

}  // namespace qrt

#endif
