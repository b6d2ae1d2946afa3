// Order statistics: ROC AUC by mid-ranks, latency statistics, quantiles. Each sorts the caller's
// buffer in place (heap sort), so no memory beyond the buffer is needed.
#include <math.h>

#include "accept_internal.h"
#include "qrt/accept_metrics.h"

extern "C" qrt_status qrt_accept_roc_auc(qrt_scored_unit* units, size_t n, double* auc) {
  if (units == nullptr || auc == nullptr) return QRT_ERR_NULL_ARGUMENT;
  *auc = 0.0;
  size_t positives = 0;
  for (size_t i = 0; i < n; ++i) {
    if (units[i].label != 0 && units[i].label != 1) return QRT_ERR_BAD_ARGUMENT;
    if (!(units[i].score == units[i].score)) return QRT_ERR_BAD_ARGUMENT;  // NaN
    positives += static_cast<size_t>(units[i].label);
  }
  const size_t negatives = n - positives;
  if (positives == 0 || negatives == 0) return QRT_ERR_BAD_ARGUMENT;
  qrt::accept::heap_sort(units, n, [](const qrt_scored_unit& a, const qrt_scored_unit& b) {
    return a.score < b.score;
  });
  // Mann-Whitney: U = (sum of the anomalies' ranks) - P(P+1)/2, where tied scores share the mean
  // of their ranks; U counts each (anomaly, normal) pair with a higher anomaly score as 1 and each
  // tie as 1/2, so AUC = U / (P N).
  double rank_sum = 0.0;
  size_t i = 0;
  while (i < n) {
    size_t j = i + 1;
    while (j < n && units[j].score == units[i].score) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (units[k].label == 1) rank_sum += mid_rank;
    }
    i = j;
  }
  const double p = static_cast<double>(positives);
  const double u = rank_sum - p * (p + 1.0) / 2.0;
  *auc = u / (p * static_cast<double>(negatives));
  return QRT_OK;
}

extern "C" qrt_status qrt_accept_latency_stats(uint64_t* cycles, size_t n,
                                               qrt_latency_stats* out) {
  if (out == nullptr) return QRT_ERR_NULL_ARGUMENT;
  *out = qrt_latency_stats{0, 0, 0, 0, 0, 0, 0};
  if (cycles == nullptr || n == 0) return QRT_ERR_BAD_ARGUMENT;
  qrt::accept::heap_sort(cycles, n, [](uint64_t a, uint64_t b) { return a < b; });
  out->runs = static_cast<uint32_t>(n);
  out->min = cycles[0];
  out->max = cycles[n - 1];
  // The median's confidence ranks; h = ceil(sqrt(0.9604 n)) computed in integers.
  const uint64_t x = (static_cast<uint64_t>(n) * 9604u + 9999u) / 10000u;
  uint64_t h = 0;
  while (h * h < x) ++h;  // at most ~sqrt(n) steps
  const uint64_t lower_rank = n / 2 > h ? n / 2 - h : 1;      // 1-based
  const uint64_t upper_rank = (n + 1) / 2 + 1 + h;            // 1-based
  out->median_low = cycles[lower_rank - 1];
  out->median_high = cycles[(upper_rank < n ? upper_rank : n) - 1];
  if (n % 2 == 1) {
    out->median = cycles[n / 2];
  } else {
    const uint64_t a = cycles[n / 2 - 1], b = cycles[n / 2];
    out->median = a / 2 + b / 2 + (a % 2 + b % 2) / 2;  // floor((a + b) / 2) without overflow
  }
  // floor(mean) without overflowing a 64-bit sum: carry quotients and remainders separately.
  uint64_t q = 0, r = 0;
  for (size_t i = 0; i < n; ++i) {
    q += cycles[i] / n;
    r += cycles[i] % n;
    if (r >= n) {
      q += r / n;
      r %= n;
    }
  }
  out->mean = q;
  return QRT_OK;
}

extern "C" double qrt_accept_speedup(uint64_t float_cycles, uint64_t quant_cycles) {
  if (quant_cycles == 0) return 0.0;
  return static_cast<double>(float_cycles) / static_cast<double>(quant_cycles);
}

extern "C" double qrt_accept_quantile_f32(float* values, size_t n, double p) {
  if (values == nullptr || n == 0) return NAN;
  if (p < 0.0) p = 0.0;
  if (p > 1.0) p = 1.0;
  qrt::accept::heap_sort(values, n, [](float a, float b) { return a < b; });
  const double pos = p * static_cast<double>(n - 1);
  const size_t lo = static_cast<size_t>(pos);
  if (lo + 1 >= n) return values[n - 1];
  const double frac = pos - static_cast<double>(lo);
  return values[lo] + frac * (static_cast<double>(values[lo + 1]) - values[lo]);
}
