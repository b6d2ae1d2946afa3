// Input conversion and output reading for the acceptance driver.
#include "run_io.h"

#include <math.h>
#include <string.h>

#include "accept_internal.h"

namespace qrt {
namespace accept {
namespace {

// Reads element i of raw typed data as an integer (integer dtypes only).
int32_t int_at(const void* data, qrt_dtype dtype, size_t i) {
  switch (dtype) {
    case QRT_DTYPE_INT8: return static_cast<const int8_t*>(data)[i];
    case QRT_DTYPE_UINT8: return static_cast<const uint8_t*>(data)[i];
    case QRT_DTYPE_INT16: return static_cast<const int16_t*>(data)[i];
    case QRT_DTYPE_INT32: return static_cast<const int32_t*>(data)[i];
    default: return 0;
  }
}

bool is_integer(qrt_dtype t) {
  return t == QRT_DTYPE_INT8 || t == QRT_DTYPE_UINT8 || t == QRT_DTYPE_INT16 ||
         t == QRT_DTYPE_INT32;
}

void int_range(qrt_dtype t, int32_t* lo, int32_t* hi) {
  switch (t) {
    case QRT_DTYPE_INT8: *lo = -128; *hi = 127; break;
    case QRT_DTYPE_UINT8: *lo = 0; *hi = 255; break;
    case QRT_DTYPE_INT16: *lo = -32768; *hi = 32767; break;
    default: *lo = INT32_MIN; *hi = INT32_MAX; break;
  }
}

void store_int(void* data, qrt_dtype dtype, size_t i, int32_t v) {
  switch (dtype) {
    case QRT_DTYPE_INT8: static_cast<int8_t*>(data)[i] = static_cast<int8_t>(v); break;
    case QRT_DTYPE_UINT8: static_cast<uint8_t*>(data)[i] = static_cast<uint8_t>(v); break;
    case QRT_DTYPE_INT16: static_cast<int16_t*>(data)[i] = static_cast<int16_t>(v); break;
    case QRT_DTYPE_INT32: static_cast<int32_t*>(data)[i] = v; break;
    default: break;
  }
}

// TFLite's reference Quantize: q = round(x / scale) + zero_point in float32, round half away from
// zero, clamped to the type.
int32_t quantize(float x, float scale, int32_t zero_point, int32_t lo, int32_t hi) {
  const float r = roundf(x / scale);
  double q = static_cast<double>(r) + zero_point;  // double: no int32 overflow for huge x
  if (q < lo) q = lo;
  if (q > hi) q = hi;
  return static_cast<int32_t>(q);
}

}  // namespace

bool view_affine(const qrt_tensor_view& v, float* scale, int32_t* zero_point) {
  if (v.dtype == QRT_DTYPE_FLOAT32) {
    *scale = 1.0f;
    *zero_point = 0;
    return true;
  }
  if (!is_integer(v.dtype) || v.quant.kind != QRT_QUANT_PER_TENSOR || v.quant.count != 1 ||
      v.quant.scales == nullptr || v.quant.zero_points == nullptr) {
    return false;
  }
  *scale = v.quant.scales[0];
  *zero_point = v.quant.zero_points[0];
  return true;
}

size_t view_elements(const qrt_tensor_view& v) {
  const uint32_t size = qrt_eval_dtype_size(v.dtype);
  return size == 0 ? 0 : v.bytes / size;
}

double view_real(const qrt_tensor_view& v, size_t i, float scale, int32_t zero_point) {
  if (v.dtype == QRT_DTYPE_FLOAT32) return static_cast<const float*>(v.data)[i];
  return static_cast<double>(scale) *
         static_cast<double>(int_at(v.data, v.dtype, i) - static_cast<int64_t>(zero_point));
}

int32_t view_argmax(const qrt_tensor_view& v) {
  const size_t n = view_elements(v);
  switch (v.dtype) {
    case QRT_DTYPE_INT8: return qrt_accept_argmax_s8(static_cast<const int8_t*>(v.data), n);
    case QRT_DTYPE_UINT8: return qrt_accept_argmax_u8(static_cast<const uint8_t*>(v.data), n);
    case QRT_DTYPE_INT16: return qrt_accept_argmax_s16(static_cast<const int16_t*>(v.data), n);
    case QRT_DTYPE_FLOAT32: return qrt_accept_argmax_f32(static_cast<const float*>(v.data), n);
    default: return -1;
  }
}

double eval_real(const qrt_eval_tensor& t, size_t i) {
  if (t.dtype == QRT_DTYPE_FLOAT32) return static_cast<const float*>(t.data)[i];
  const double q = int_at(t.data, t.dtype, i);
  return t.scale == 0.0f ? q : static_cast<double>(t.scale) * (q - t.zero_point);
}

bool input_compatible(const qrt_eval_tensor& src, const qrt_tensor_view& dst, const char** why) {
  const uint32_t src_size = qrt_eval_dtype_size(src.dtype);
  const size_t elements = view_elements(dst);
  if (elements == 0 || src_size == 0) {
    *why = QRT_ACCEPT_MSG("model input type not supported by the harness");
    return false;
  }
  if (src.bytes / src_size != elements) {
    *why = QRT_ACCEPT_MSG("eval-set input and model input differ in element count");
    return false;
  }
  if (src.dtype == dst.dtype && src.dtype == QRT_DTYPE_FLOAT32) return true;
  float scale = 0;
  int32_t zp = 0;
  const bool dst_affine = view_affine(dst, &scale, &zp);
  if (dst.dtype == QRT_DTYPE_FLOAT32) {
    if (src.dtype != QRT_DTYPE_FLOAT32 && src.scale == 0.0f) {
      *why = QRT_ACCEPT_MSG("float model input needs a quantized (scale > 0) or float set input");
      return false;
    }
    return true;
  }
  if (!is_integer(dst.dtype)) {
    *why = QRT_ACCEPT_MSG("model input type not supported by the harness");
    return false;
  }
  if (src.dtype == dst.dtype && (src.scale == 0.0f || !dst_affine ||
                                 (src.scale == scale && src.zero_point == zp))) {
    return true;  // copied as is
  }
  if (!dst_affine) {
    *why = QRT_ACCEPT_MSG("model input is not per-tensor quantized: cannot convert to it");
    return false;
  }
  if (src.dtype != QRT_DTYPE_FLOAT32 && src.scale == 0.0f) {
    *why = QRT_ACCEPT_MSG("set input has another integer type and no scale: cannot convert");
    return false;
  }
  return true;
}

void fill_input(const qrt_eval_tensor& src, const qrt_tensor_view& dst) {
  const size_t n = view_elements(dst);
  float scale = 1.0f;
  int32_t zp = 0;
  const bool dst_affine = view_affine(dst, &scale, &zp);
  if (dst.dtype == QRT_DTYPE_FLOAT32) {
    float* out = static_cast<float*>(dst.data);
    if (src.dtype == QRT_DTYPE_FLOAT32) {
      memcpy(out, src.data, n * 4);
      return;
    }
    // Dequantize as TFLite does: scale * (q - zero_point), a single rounding to float32 (the
    // exact product of a float32 scale and an integer below 2^24 fits a double, so the float
    // product here rounds the same value).
    for (size_t i = 0; i < n; ++i) {
      out[i] = src.scale * static_cast<float>(int_at(src.data, src.dtype, i) - src.zero_point);
    }
    return;
  }
  if (src.dtype == dst.dtype && (src.scale == 0.0f || !dst_affine ||
                                 (src.scale == scale && src.zero_point == zp))) {
    memcpy(dst.data, src.data, dst.bytes);
    return;
  }
  int32_t lo = 0, hi = 0;
  int_range(dst.dtype, &lo, &hi);
  for (size_t i = 0; i < n; ++i) {
    const float x = src.dtype == QRT_DTYPE_FLOAT32
                        ? static_cast<const float*>(src.data)[i]
                        : src.scale * static_cast<float>(int_at(src.data, src.dtype, i) -
                                                         src.zero_point);
    store_int(dst.data, dst.dtype, i, quantize(x, scale, zp, lo, hi));
  }
}

}  // namespace accept
}  // namespace qrt

using qrt::accept::fail;
using qrt::accept::fill_input;
using qrt::accept::input_compatible;

qrt_status qrt_accept_check_inputs(const qrt_eval_set* set, const qrt_session* session,
                                   qrt_error* err) {
  if (set == nullptr || session == nullptr) {
    return fail(err, QRT_ERR_NULL_ARGUMENT, -1, QRT_ACCEPT_MSG("null eval set or session"));
  }
  if (qrt_session_input_count(session) != static_cast<int32_t>(set->input_count)) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                QRT_ACCEPT_MSG("the eval set and the model differ in input count"));
  }
  for (uint32_t i = 0; i < set->input_count; ++i) {
    qrt_eval_tensor src;
    qrt_tensor_view dst;
    qrt_eval_set_input(set, 0, i, &src);
    qrt_session_input(session, static_cast<int32_t>(i), &dst);
    const char* why = "";
    if (!input_compatible(src, dst, &why)) {
      return fail(err, QRT_ERR_BAD_ARGUMENT, static_cast<int32_t>(i), why);
    }
  }
  return QRT_OK;
}

void qrt_accept_feed(const qrt_eval_set* set, uint32_t sample, qrt_session* session) {
  for (uint32_t i = 0; i < set->input_count; ++i) {
    qrt_eval_tensor src;
    qrt_tensor_view dst;
    qrt_eval_set_input(set, sample, i, &src);
    qrt_session_input(session, static_cast<int32_t>(i), &dst);
    fill_input(src, dst);
  }
}

namespace qrt {
namespace accept {

void add_tensor_error_raw(qrt_tensor_error_acc* acc, const void* data, qrt_dtype dtype,
                          float scale, int32_t zero_point, const float* reference, size_t n) {
  switch (dtype) {
    case QRT_DTYPE_INT8:
      qrt_tensor_error_add_s8(acc, static_cast<const int8_t*>(data), scale, zero_point, reference,
                              n);
      break;
    case QRT_DTYPE_INT16:
      qrt_tensor_error_add_s16(acc, static_cast<const int16_t*>(data), scale, zero_point,
                               reference, n);
      break;
    case QRT_DTYPE_FLOAT32:
      qrt_tensor_error_add_f32(acc, static_cast<const float*>(data), reference, n);
      break;
    default: {
      // Other integer types: dequantize a chunk at a time.
      float chunk[32];
      for (size_t i = 0; i < n; i += 32) {
        const size_t m = n - i < 32 ? n - i : 32;
        for (size_t k = 0; k < m; ++k) {
          chunk[k] = static_cast<float>(
              static_cast<double>(scale) *
              static_cast<double>(int_at(data, dtype, i + k) - static_cast<int64_t>(zero_point)));
        }
        qrt_tensor_error_add_f32(acc, chunk, reference + i, m);
      }
    }
  }
}

void copy_short_name(char* dst, size_t cap, const char* name) {
  if (cap == 0) return;
  size_t n = 0;
  if (name != nullptr) {
    while (n + 1 < cap && name[n] != 0 && name[n] != ';') {
      dst[n] = name[n];
      ++n;
    }
  }
  dst[n] = 0;
}

}  // namespace accept
}  // namespace qrt
