// Prepare checks of the transformer operators (qrt/qrt_llm.h), integer and float32, beside the
// checks every operator shares (qrt/op_checks.h). For operator implementations only.
#ifndef QRT_OP_CHECKS_LLM_H
#define QRT_OP_CHECKS_LLM_H

#include "qrt/op_api.h"
#include "qrt/ops/kernels_llm.h"

namespace qrt {

// Tensor k (input or output) has one of the listed dtypes; reports it.
qrt_status expect_llm_dtype(const OpContext& ctx, bool input, int k, uint32_t allowed_mask,
                            uint32_t* dtype, qrt_error* err);
constexpr uint32_t dtype_bit(uint32_t dtype) { return 1u << dtype; }

// Tensor k (input or output) has exactly `elements` elements.
qrt_status expect_llm_elements(const OpContext& ctx, bool input, int k, int64_t elements,
                               qrt_error* err);

// Every (multiplier, shift) is usable by requantize_s64: shift in [-31, 30], multiplier not
// INT32_MIN (signs and unnormalised values are allowed).
qrt_status expect_llm_multipliers(const OpContext& ctx, const int32_t* multipliers,
                                  const int32_t* shifts, int32_t count, qrt_error* err);

// The weight operands of EMBEDDING / MATMUL: input `first` a constant int8 or int4 [rows, cols];
// input `side` absent for per-channel, else a constant int16 [rows, groups] (group multipliers);
// input side+1 absent (symmetric) or a constant int8 [rows, groups]; params: `header` bytes then int32
// multiplier[rows] and shift[rows]. group_size in [0, 65536] (0: per-channel; a group longer
// than the row makes the row one group). Fills the shape
// fields and multipliers of *weights (data pointers stay null: tensor data may not be bound at
// prepare time) and tells whether the weights are asymmetric.
qrt_status prepare_llm_weights(const OpContext& ctx, int first, int side, int32_t group_size,
                               uint32_t header, LlmWeights* weights, bool* asymmetric,
                               qrt_error* err);

// The same view at eval time (no checks).
LlmWeights llm_weights(const OpContext& ctx, int first, int side, int32_t group_size,
                       uint32_t header);

// Maps a qrt_dtype (int8 / int16 / int32) to the kernel type.
inline LlmType llm_type(uint32_t dtype) { return static_cast<LlmType>(dtype); }

}  // namespace qrt

#endif  // QRT_OP_CHECKS_LLM_H
