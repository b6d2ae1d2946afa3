// Tensor plumbing of qrt_accept_run(): feeding eval-set inputs to a model input (copy, dequantize
// or quantize) and reading model outputs as real values.
#ifndef QRT_ACCEPT_SRC_RUN_IO_H
#define QRT_ACCEPT_SRC_RUN_IO_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/accept_metrics.h"
#include "qrt/accept_run.h"
#include "qrt/eval_set.h"
#include "qrt/qrt.h"

namespace qrt {
namespace accept {

// Per-tensor affine parameters of a view: real = scale * (q - zero_point). Float tensors give
// scale 1, zero point 0. False for per-channel/per-group quantization or an integer tensor
// without quantization.
bool view_affine(const qrt_tensor_view& v, float* scale, int32_t* zero_point);

// Element count of a view (bytes / element size), 0 for types the harness does not read.
size_t view_elements(const qrt_tensor_view& v);

// The real value of element i of a view whose affine parameters are (scale, zero_point):
// float32 as is; integers as double(scale) * (q - zero_point).
double view_real(const qrt_tensor_view& v, size_t i, float scale, int32_t zero_point);

// Top-1 of a view (first index wins ties); -1 for unsupported types.
int32_t view_argmax(const qrt_tensor_view& v);

// Whether `src` (an eval-set tensor) can be fed to `dst`; on false *why says what is wrong.
bool input_compatible(const qrt_eval_tensor& src, const qrt_tensor_view& dst, const char** why);

// Writes `src` into dst.data, converted as models/formats/EVAL-SET.md describes. Call only after
// input_compatible() said yes.
void fill_input(const qrt_eval_tensor& src, const qrt_tensor_view& dst);

// The real value of element i of an eval-set tensor.
double eval_real(const qrt_eval_tensor& t, size_t i);

// Adds n elements of a quantized (int8/int16, affine) or float32 tensor at `data` against a
// float reference to the accumulator.
void add_tensor_error_raw(qrt_tensor_error_acc* acc, const void* data, qrt_dtype dtype,
                          float scale, int32_t zero_point, const float* reference, size_t n);

// Copies a tensor name up to its first ';' (TFLite joins the names of fused operations with ';').
void copy_short_name(char* dst, size_t cap, const char* name);

// Compares intermediate tensors of the quantized and float models by name (qrt/accept_run.h,
// layer_units): appends rows to results->tensors from results->tensor_count on. The sessions of
// the timed loop are replaced (same arenas).
qrt_status compare_layers(const qrt_accept_config* cfg, uint32_t units,
                          qrt_accept_results* results, qrt_error* err);

}  // namespace accept
}  // namespace qrt

#endif  // QRT_ACCEPT_SRC_RUN_IO_H
