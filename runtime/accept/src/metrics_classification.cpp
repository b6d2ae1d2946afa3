// Classification metrics: argmax, Wilson interval, paired accuracy drop (formulas in
// qrt/accept_metrics.h).
#include <math.h>

#include "qrt/accept_metrics.h"

namespace {

template <typename T>
int32_t argmax(const T* v, size_t n) {
  int32_t best = -1;
  for (size_t i = 0; i < n; ++i) {
    // `!(v[i] <= v[best])` would let NaN win; `v[i] > v[best]` never does, and keeps the first
    // index on ties.
    if (!(v[i] == v[i])) continue;
    if (best < 0 || v[i] > v[best]) best = static_cast<int32_t>(i);
  }
  return best;
}

}  // namespace

extern "C" int32_t qrt_accept_argmax_s8(const int8_t* values, size_t n) {
  return argmax(values, n);
}
extern "C" int32_t qrt_accept_argmax_u8(const uint8_t* values, size_t n) {
  return argmax(values, n);
}
extern "C" int32_t qrt_accept_argmax_s16(const int16_t* values, size_t n) {
  return argmax(values, n);
}
extern "C" int32_t qrt_accept_argmax_f32(const float* values, size_t n) {
  return argmax(values, n);
}

extern "C" void qrt_accept_wilson_interval(uint32_t successes, uint32_t trials, double z,
                                           double* low, double* high) {
  if (trials == 0 || successes > trials) {
    *low = 0.0;
    *high = 1.0;
    return;
  }
  const double n = trials;
  const double p = successes / n;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / n;
  const double center = (p + z2 / (2.0 * n)) / denom;
  const double half = z / denom * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  double lo = center - half, hi = center + half;
  // Exact at the ends (the formula gives 0 and 1 up to rounding).
  if (successes == 0 || lo < 0.0) lo = 0.0;
  if (successes == trials || hi > 1.0) hi = 1.0;
  *low = lo;
  *high = hi;
}

extern "C" void qrt_paired_counts_add(qrt_paired_counts* c, int32_t label, int32_t quant_top1,
                                      int32_t float_top1) {
  ++c->samples;
  const bool q = quant_top1 == label;
  const bool f = float_top1 >= 0 && float_top1 == label;
  if (q && f) ++c->both_correct;
  else if (f) ++c->float_only;
  else if (q) ++c->quant_only;
  else ++c->neither;
  if (float_top1 >= 0 && float_top1 == quant_top1) ++c->agree;
}

extern "C" void qrt_accept_paired_drop(const qrt_paired_counts* c, double z, double* drop,
                                       double* low, double* high) {
  if (c->samples == 0) {
    *drop = 0.0;
    *low = -1.0;
    *high = 1.0;
    return;
  }
  const double n = c->samples;
  *drop = (static_cast<double>(c->float_only) - static_cast<double>(c->quant_only)) / n;
  const double n_adj = n + 2.0;
  const double b = c->float_only + 0.5;
  const double cc = c->quant_only + 0.5;
  const double d = (b - cc) / n_adj;
  double var = ((b + cc) / n_adj - d * d) / n_adj;
  if (var < 0.0) var = 0.0;
  const double half = z * sqrt(var);
  *low = d - half < -1.0 ? -1.0 : d - half;
  *high = d + half > 1.0 ? 1.0 : d + half;
}
