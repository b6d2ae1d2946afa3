// Tensor error metrics (MSE, SNR, cosine) of a quantized tensor against its float reference.
#include <math.h>

#include "accept_internal.h"
#include "qrt/accept_metrics.h"
#include "qrt/ops/math_f64.h"

namespace {

using qrt::exp_f64;
using qrt::log_f64;

// 1 / ln(10): 10 log10(x) = 10 * log10(e) * ln(x), with ln from the portable log so that the SNR
// has the same bits on every target (libm log10 differs in the last bit between glibc and newlib).
constexpr double kLog10E = 0.43429448190325182765;

// Sums one sample's elements in plain double locals (a sample has at most a few thousand
// elements), then folds them into the running totals with Kahan compensation, so the error of a
// set-wide sum does not grow with the number of samples.
template <typename Value>
void add_elements(qrt_tensor_error_acc* acc, Value value, const float* reference, size_t n) {
  double sq_err = 0.0, sq_ref = 0.0, sq_test = 0.0, cross = 0.0;
  double max_abs = acc->max_abs_error;
  for (size_t i = 0; i < n; ++i) {
    const double t = value(i);
    const double r = reference[i];
    const double e = t - r;
    sq_err += e * e;
    sq_ref += r * r;
    sq_test += t * t;
    cross += t * r;
    const double a = fabs(e);
    if (a > max_abs) max_abs = a;
  }
  qrt::accept::kahan_add(&acc->sum_sq_error, &acc->sum_sq_error_c, sq_err);
  qrt::accept::kahan_add(&acc->sum_sq_reference, &acc->sum_sq_reference_c, sq_ref);
  qrt::accept::kahan_add(&acc->sum_sq_test, &acc->sum_sq_test_c, sq_test);
  qrt::accept::kahan_add(&acc->sum_cross, &acc->sum_cross_c, cross);
  acc->max_abs_error = max_abs;
  acc->count += n;
}

}  // namespace

extern "C" void qrt_tensor_error_add_s8(qrt_tensor_error_acc* acc, const int8_t* q, float scale,
                                        int32_t zero_point, const float* reference, size_t n) {
  const double s = scale;
  add_elements(acc, [&](size_t i) { return s * static_cast<double>(q[i] - zero_point); },
               reference, n);
}

extern "C" void qrt_tensor_error_add_s16(qrt_tensor_error_acc* acc, const int16_t* q,
                                         float scale, int32_t zero_point, const float* reference,
                                         size_t n) {
  const double s = scale;
  add_elements(acc, [&](size_t i) { return s * static_cast<double>(q[i] - zero_point); },
               reference, n);
}

extern "C" void qrt_tensor_error_add_f32(qrt_tensor_error_acc* acc, const float* test,
                                         const float* reference, size_t n) {
  add_elements(acc, [&](size_t i) { return static_cast<double>(test[i]); }, reference, n);
}

extern "C" void qrt_tensor_error_finish(const qrt_tensor_error_acc* acc, qrt_tensor_error* out) {
  const double err = acc->sum_sq_error;
  const double ref = acc->sum_sq_reference;
  const double test = acc->sum_sq_test;
  out->count = acc->count;
  out->max_abs_error = acc->max_abs_error;
  out->mse = acc->count == 0 ? 0.0 : err / static_cast<double>(acc->count);
  if (err == 0.0) {
    out->snr_db = HUGE_VAL;
  } else if (ref == 0.0) {
    out->snr_db = -HUGE_VAL;
  } else {
    out->snr_db = 10.0 * kLog10E * log_f64(ref / err);  // 10 log10 via the portable log
  }
  if (ref == 0.0 && test == 0.0) {
    out->cosine = 1.0;
  } else if (ref == 0.0 || test == 0.0) {
    out->cosine = 0.0;
  } else {
    double c = acc->sum_cross / sqrt(ref * test);
    if (c > 1.0) c = 1.0;  // rounding can push |c| a hair past 1
    if (c < -1.0) c = -1.0;
    out->cosine = c;
  }
}
