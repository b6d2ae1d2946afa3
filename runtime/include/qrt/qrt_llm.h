/* The transformer operator set (part of libqrt.a; the float32 set is in libqrt_float.a).
 *
 * It runs a Llama-family language model imported from a llama2.c checkpoint (`qrt convert
 * model.bin --tokenizer tok.bin ...`) one token per invoke, integer-only: graph inputs are the
 * token id and its position (int32 [1] each), the output is the next-token logits (int32, one
 * per-tensor scale). The KV cache is persistent state in the arena (qrt_memory_report's
 * persistent_bytes): qrt_session_reset_state() starts a new sequence.
 *
 *   const qrt_op_table* tables[] = {qrt_llm_op_table()};
 *   qrt_options opt = {0};
 *   opt.op_tables = tables;
 *   opt.op_table_count = 1;
 *   qrt_session_create(blob, blob_bytes, &opt, arena, sizeof arena, &session, &err);
 *   for each position p: write token and p to inputs 0 and 1, qrt_session_invoke(session),
 *                        read logits from output 0 (real = scale * q)
 *
 * Operators (input 0 data type in brackets); kernels, fixed-point formats and parameter blocks are
 * in ops/include/qrt/ops/kernels_llm.h and llm_params.h:
 *   EMBEDDING [int8, int4]   the table is input 0; per-channel or group-wise, sym / asym
 *   RMS_NORM [int32]         integer square root, int8 or int16 out
 *   MATMUL [int8, int16]     int8 or packed int4 weights, int8 / int16 / int32 out
 *   ROPE [int8, int16]       Q1.14 cos/sin table
 *   ATTENTION [int8, int16]  int8 or int16 key cache, int8 value cache, integer softmax
 *   SWIGLU [int8, int16]     fixed-point logistic
 *   RESIDUAL_ADD [int32]     saturating, may run in place
 * ATTENTION needs kv_len * 8 bytes of scratch; MATMUL with asymmetric weights 8 bytes per group.
 * Every operator is validated when a session is created (or memory is planned); invoke then runs
 * without checks. Token ids and positions are runtime inputs: an id outside the vocabulary gives
 * a zero embedding and a position outside the cache is clamped to its last row. */
#ifndef QRT_QRT_LLM_H
#define QRT_QRT_LLM_H

#include "qrt/qrt.h"
#include "qrt/qrt_ops.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The transformer operators (qrt/qrt_ops.h tells how a firmware lists the ones it needs). */
extern const qrt_op qrt_op_embedding_s8;
extern const qrt_op qrt_op_embedding_s4;
extern const qrt_op qrt_op_rms_norm_s32;
extern const qrt_op qrt_op_matmul_s8;
extern const qrt_op qrt_op_matmul_s16;
extern const qrt_op qrt_op_rope_s8;
extern const qrt_op qrt_op_rope_s16;
extern const qrt_op qrt_op_attention_s8;
extern const qrt_op qrt_op_attention_s16;
extern const qrt_op qrt_op_swiglu_s8;
extern const qrt_op qrt_op_swiglu_s16;
extern const qrt_op qrt_op_residual_add_s32;

/* Every transformer operator above. Never NULL; static, immutable data valid for the whole program,
 * shareable between sessions and threads. */
const qrt_op_table* qrt_llm_op_table(void);

/* The float32 transformer operators, listed by qrt_llm_float_op_table(). */
extern const qrt_op qrt_op_embedding_f32;
extern const qrt_op qrt_op_rms_norm_f32;
extern const qrt_op qrt_op_matmul_f32;
extern const qrt_op qrt_op_rope_f32;
extern const qrt_op qrt_op_attention_f32;
extern const qrt_op qrt_op_swiglu_f32;
extern const qrt_op qrt_op_residual_add_f32;

/* The float32 counterparts of the same operators (input 0 FLOAT32), for the float baseline of a
 * converted model (`qrt convert ... --quant f32`): llama2.c run.c's arithmetic, so the float blob
 * reproduces run.c's logits. In libqrt_float.a (QRT_HAVE_LLM_FLOAT), with its kernels. */
const qrt_op_table* qrt_llm_float_op_table(void);

#ifdef __cplusplus
}

namespace qrt {
/* C++ spelling of qrt_llm_op_table(). */
inline const qrt_op_table* llm_op_table() { return qrt_llm_op_table(); }
}  // namespace qrt
#endif

#endif /* QRT_QRT_LLM_H */
