// The interface between the runtime and operator implementations. An operator implementation
// (OpImpl, the public qrt_op of qrt/qrt_ops.h) validates one operator of a blob once, at load
// (prepare), and then runs it blind on every invoke (eval). One adapter file per operator
// (runtime/src/ops/) holds the implementations of every data type; they are grouped in op tables
// (runtime/src/ops/tables/): the integer and transformer tables of libqrt.a, the float32 ones of
// the optional libqrt_float.a.
#ifndef QRT_OP_API_H
#define QRT_OP_API_H

#include <stdint.h>

#include "qrt/format.h"
#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt.h"
#include "qrt/qrt_ops.h"

namespace qrt {

// What prepare and eval see of one operator. At prepare time `data` may be null (memory planning
// without an arena) and `scratch` is null; at eval time everything is set.
struct OpContext {
  const format::OperatorRecord* op;
  int32_t op_index;
  const int32_t* inputs;   // tensor indices, op->input_count of them
  const int32_t* outputs;  // tensor indices, op->output_count of them
  const format::TensorRecord* tensors;  // the blob's tensor table (validated)
  const uint8_t* quant_section;         // base of the Quant section (validated records)
  const uint8_t* data_section;          // base of the Data section
  void* const* data;                    // per tensor: where its bytes are (arena or blob)
  const void* params;                   // the operator's parameter block, or nullptr
  uint32_t params_bytes;
  void* scratch;                        // prepare's scratch_bytes, 16-byte aligned
  IsaSet isas;  // the extensions whose kernel variants this session runs (kernel_select.h)
};

inline const format::TensorRecord& input_tensor(const OpContext& c, int i) {
  return c.tensors[c.inputs[i]];
}
inline const format::TensorRecord& output_tensor(const OpContext& c, int i) {
  return c.tensors[c.outputs[i]];
}
// Data pointers are null at prepare time (planning happens without an arena).
template <typename T>
inline const T* input_data(const OpContext& c, int i) {
  return c.data == nullptr ? nullptr : static_cast<const T*>(c.data[c.inputs[i]]);
}
template <typename T>
inline T* output_data(const OpContext& c, int i) {
  return c.data == nullptr ? nullptr : static_cast<T*>(c.data[c.outputs[i]]);
}
template <typename T>
inline const T& params_as(const OpContext& c) {
  return *static_cast<const T*>(c.params);
}
// The quantization record of a tensor, or nullptr when it has none.
inline const format::QuantRecord* tensor_quant(const OpContext& c, const format::TensorRecord& t) {
  if (t.quant == format::kNone) return nullptr;
  return reinterpret_cast<const format::QuantRecord*>(c.quant_section + t.quant);
}
inline const float* quant_scales(const format::QuantRecord* q) {
  return reinterpret_cast<const float*>(q + 1);
}
inline const int32_t* quant_zero_points(const format::QuantRecord* q) {
  return reinterpret_cast<const int32_t*>(q + 1) + q->count;
}

// Element count of a validated tensor record (cannot overflow: checked at load).
int32_t element_count(const format::TensorRecord& t);
// The record's shape right-aligned into 4-D (rank <= 4), e.g. [a, b] -> {1, 1, a, b}.
Shape4 shape4(const format::TensorRecord& t);

// Builds a one-line error message without printf (small code size on Cortex-M):
//   ErrorMessage(err, QRT_ERR_BAD_PARAMS).text("stride ").num(stride).text(" must be > 0");
// Does nothing when err is nullptr; keeps only the status when messages are compiled out.
class ErrorMessage {
 public:
  ErrorMessage(qrt_error* err, qrt_status status);
  ErrorMessage& text(const char* s);
  ErrorMessage& num(int64_t v);

 private:
  qrt_error* err_;
  uint32_t length_;
};

// prepare: checks everything eval relies on (tensor count, dtypes, shapes, params block size and
// values) and reports the scratch bytes eval needs. Returns QRT_OK or a specific error after
// filling err (through ErrorMessage) with what is wrong.
using PrepareFn = qrt_status (*)(const OpContext& ctx, uint32_t* scratch_bytes, qrt_error* err);
// eval: computes the outputs. Never fails: prepare has proven every precondition.
using EvalFn = void (*)(const OpContext& ctx);

}  // namespace qrt

namespace qrt {

// Marks qrt_op.input_dtype of the implementations for packed INT4 weights (input 1 of CONV_2D,
// DEPTHWISE_CONV_2D and FULLY_CONNECTED): separate objects, so firmware of int8 models does not
// link INT4 kernels.
constexpr uint32_t kInt4WeightsDtype = 0x100;

// What a session looks an operator's implementation up by: input 0's type (output 0's for
// operators without inputs), with kInt4WeightsDtype for INT4 weights as above. `indices` and
// `tensors` are the blob's validated tables.
inline uint32_t dispatch_dtype(const format::OperatorRecord& o, const int32_t* indices,
                               const format::TensorRecord* tensors) {
  const int32_t first = o.input_count > 0 ? indices[o.inputs] : indices[o.outputs];
  const uint32_t dtype = first >= 0 ? tensors[first].dtype : 0;
  const bool weighted = o.op_code == kOpConv2d || o.op_code == kOpDepthwiseConv2d ||
                        o.op_code == kOpFullyConnected;
  if (!weighted || o.input_count < 2 || indices[o.inputs + 1] < 0) return dtype;
  return tensors[indices[o.inputs + 1]].dtype == QRT_DTYPE_INT4 ? dtype | kInt4WeightsDtype : dtype;
}

}  // namespace qrt

// The layout of a public operator object (qrt/qrt_ops.h).
struct qrt_op {
  uint32_t op_code;      // qrt::OpCode
  uint32_t input_dtype;  // qrt::dispatch_dtype of the operators this implementation handles
  qrt::PrepareFn prepare;
  qrt::EvalFn eval;
  uint32_t in_place_ok;  // 1 if output 0 may share input 0's bytes (elementwise, same size)
};

namespace qrt {
using OpImpl = ::qrt_op;
}  // namespace qrt

#endif  // QRT_OP_API_H
