/* qrt acceptance metrics: the statistics the on-device harness computes (runtime/accept/).
 *
 * Device code, usable on its own: every function works on caller-owned structs and buffers (no
 * heap, no globals), so firmware can compute any single metric without the rest of the harness.
 * Metrics use double precision. Cortex-M4/M55 have no double FPU, so there it is software
 * floating point: slower, but IEEE-exact, so every target computes the same values bit for bit
 * (the library is built with -ffp-contract=off so no target fuses a multiply-add). Long sums use
 * Kahan compensation.
 *
 * Conventions: a "quantized" model is the one under test, "float" the baseline; `z` is the normal
 * quantile of a two-sided interval (QRT_ACCEPT_Z95 for 95%). */
#ifndef QRT_ACCEPT_METRICS_H
#define QRT_ACCEPT_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/qrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Two-sided 95% normal quantile: Phi^-1(0.975). */
#define QRT_ACCEPT_Z95 1.959963984540054

/* ---- classification ----------------------------------------------------------------------- */

/* Index of the largest value; the first index wins ties (TFLite/MLPerf convention). NaN never
 * wins. Returns -1 for n = 0. For a per-tensor quantized output (scale > 0) the argmax of the
 * integers is the argmax of the real values, so no dequantization is needed. */
int32_t qrt_accept_argmax_s8(const int8_t* values, size_t n);
int32_t qrt_accept_argmax_u8(const uint8_t* values, size_t n);
int32_t qrt_accept_argmax_s16(const int16_t* values, size_t n);
int32_t qrt_accept_argmax_f32(const float* values, size_t n);

/* Wilson score interval of a proportion `successes / trials`:
 *   center = (p + z^2/(2n)) / (1 + z^2/n)
 *   half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2))
 * It stays inside [0, 1] and keeps a nonzero width at p = 0 or 1, unlike the Wald interval.
 * trials = 0 gives [0, 1]. */
void qrt_accept_wilson_interval(uint32_t successes, uint32_t trials, double z, double* low,
                                double* high);

/* The 2x2 table of a paired comparison: both models classify the same samples. */
typedef struct qrt_paired_counts {
  uint32_t samples;
  uint32_t both_correct; /* n11 */
  uint32_t float_only;   /* n10: float right, quantized wrong */
  uint32_t quant_only;   /* n01: quantized right, float wrong */
  uint32_t neither;      /* n00 */
  uint32_t agree;        /* samples where the two top-1 classes are equal (right or wrong) */
} qrt_paired_counts;

/* Adds one sample. `float_top1` < 0 means no float model: only `samples` and the quantized
 * columns are meaningful then (float_only counts as neither). Start from a zeroed struct. */
void qrt_paired_counts_add(qrt_paired_counts* counts, int32_t label, int32_t quant_top1,
                           int32_t float_top1);

/* Accuracy drop of the quantized model against the float model on the same samples, with a paired
 * confidence interval. drop = Acc(FP) - Acc(Q) = (n10 - n01) / n (positive = the quantized model
 * is worse). Interval: Agresti-Min (2005) adjusted Wald for matched proportions: add 1/2 to each
 * of the four cells (n' = n + 2, b = n10 + 1/2, c = n01 + 1/2), then
 *   d' = (b - c) / n',   var = ((b + c) / n' - d'^2) / n',   [d' - z sqrt(var), d' + z sqrt(var)]
 * clipped to [-1, 1]. It uses the pairing (only discordant samples carry information, as in
 * McNemar's test), so it is much narrower than two independent intervals, and keeps a sensible
 * width when no sample is discordant. n = 0 gives drop 0 and [-1, 1]. */
void qrt_accept_paired_drop(const qrt_paired_counts* counts, double z, double* drop, double* low,
                            double* high);

/* ---- tensor error: quantized tensor (dequantized) against a float reference --------------- */

/* Running sums over every element of every sample added. Start from a zeroed struct. */
typedef struct qrt_tensor_error_acc {
  double sum_sq_error, sum_sq_error_c;         /* sum (t - r)^2, Kahan compensation */
  double sum_sq_reference, sum_sq_reference_c; /* sum r^2 */
  double sum_sq_test, sum_sq_test_c;           /* sum t^2 */
  double sum_cross, sum_cross_c;               /* sum t * r */
  double max_abs_error;
  uint64_t count; /* elements */
} qrt_tensor_error_acc;

/* Adds n elements: test values t = scale * (q - zero_point) (computed in double) against the
 * float reference r. */
void qrt_tensor_error_add_s8(qrt_tensor_error_acc* acc, const int8_t* q, float scale,
                             int32_t zero_point, const float* reference, size_t n);
void qrt_tensor_error_add_s16(qrt_tensor_error_acc* acc, const int16_t* q, float scale,
                              int32_t zero_point, const float* reference, size_t n);
void qrt_tensor_error_add_f32(qrt_tensor_error_acc* acc, const float* test,
                              const float* reference, size_t n);

typedef struct qrt_tensor_error {
  double mse;           /* sum (t - r)^2 / count */
  double snr_db;        /* 10 log10(sum r^2 / sum (t - r)^2); +inf when the error is exactly 0 */
  double cosine;        /* sum t r / sqrt(sum t^2 * sum r^2) over all samples concatenated;
                           1 when both are all zero, 0 when only one is */
  double max_abs_error; /* largest |t - r| */
  uint64_t count;
} qrt_tensor_error;

void qrt_tensor_error_finish(const qrt_tensor_error_acc* acc, qrt_tensor_error* out);

/* ---- anomaly detection ------------------------------------------------------------------- */

typedef struct qrt_scored_unit {
  double score;  /* higher = more anomalous */
  int32_t label; /* 1 anomaly (positive), 0 normal */
} qrt_scored_unit;

/* ROC AUC with ties counted half: AUC = P(s_anomaly > s_normal) + 0.5 P(s_anomaly == s_normal)
 * over all (anomaly, normal) pairs, the MLPerf Tiny ad01 definition (= Mann-Whitney U / (P N)).
 * Sorts `units` in place by score (heap sort: O(n log n), no recursion, no buffer) and sums the
 * mid-ranks of the anomalies. QRT_ERR_BAD_ARGUMENT when there is no anomaly or no normal unit,
 * or a label is not 0/1, or a score is NaN. */
qrt_status qrt_accept_roc_auc(qrt_scored_unit* units, size_t n, double* auc);

/* ---- latency ----------------------------------------------------------------------------- */

typedef struct qrt_latency_stats {
  uint64_t median; /* middle value; the mean of the two middle values (rounded down) for even n */
  uint64_t min;
  uint64_t max;
  uint64_t mean; /* rounded down */
  uint32_t runs;
  /* A distribution-free 95% confidence interval of the median: the order statistics of ranks
   * floor(n/2) - h and ceil(n/2) + 1 + h (1-based), h = ceil(0.98 sqrt(n)), clamped to the
   * sample; [min, max] below 6 runs. It assumes nothing about the timing distribution (load
   * spikes, bimodal caches), only independent runs. */
  uint64_t median_low, median_high;
} qrt_latency_stats;

/* Statistics of n cycle counts (one per run); sorts `cycles` in place. n = 0 gives all zeros and
 * QRT_ERR_BAD_ARGUMENT. */
qrt_status qrt_accept_latency_stats(uint64_t* cycles, size_t n, qrt_latency_stats* out);

/* Lat(FP) / Lat(Q): how many times faster the quantized model is; 0 when quant_cycles is 0. */
double qrt_accept_speedup(uint64_t float_cycles, uint64_t quant_cycles);

/* ---- language models: perplexity and KL divergence against the float model -------------- */

typedef struct qrt_lm_acc {
  double nll_sum, nll_c;             /* quantized model: sum of -log p(target), Kahan */
  double float_nll_sum, float_nll_c; /* float model */
  double kl_sum, kl_c;               /* sum of per-token KL(P_float || P_quant) */
  uint32_t tokens;                   /* tokens added */
  uint32_t nll_tokens;               /* tokens that had a target */
  uint32_t top1_agree;               /* tokens where both argmaxes are equal */
  int32_t has_float;                 /* every added token had float logits */
  float* kl_values;                  /* caller buffer of per-token KL, for the percentile */
  uint32_t kl_capacity;
} qrt_lm_acc;

/* Starts an accumulator. `kl_buffer` (capacity floats, may be NULL/0) receives each token's KL
 * for the 99th percentile; it must outlive the accumulator. */
void qrt_lm_acc_init(qrt_lm_acc* acc, float* kl_buffer, uint32_t capacity);

/* Adds one token position: the quantized model's logits (int8 dequantized as
 * scale * (q - zero_point), or float) and, optionally (NULL), the float model's logits over the
 * same `vocab` entries. `target` is the next token for perplexity, or -1 for none. Log-softmax is
 * computed in double with the maximum subtracted first. KL(P_float || P_quant) =
 * sum_i p_float(i) (log p_float(i) - log p_quant(i)). */
qrt_status qrt_lm_add_token_s8(qrt_lm_acc* acc, const int8_t* quant_logits, float scale,
                               int32_t zero_point, const float* float_logits, uint32_t vocab,
                               int32_t target);
qrt_status qrt_lm_add_token_f32(qrt_lm_acc* acc, const float* quant_logits,
                                const float* float_logits, uint32_t vocab, int32_t target);

typedef struct qrt_lm_stats {
  uint32_t tokens;
  double perplexity;       /* exp(mean NLL) of the quantized model; 0 without targets */
  double float_perplexity; /* same for the float model; 0 without float logits */
  double kl_mean;          /* mean per-token KL; NaN without float logits */
  double kl_p99;           /* 99th percentile of per-token KL (linear interpolation between
                              order statistics, numpy's default); NaN when the buffer was too
                              small or absent */
  double top1_agreement;   /* fraction of tokens with equal argmax; NaN without float logits */
} qrt_lm_stats;

/* Summarizes; sorts the KL buffer in place. */
void qrt_lm_finish(qrt_lm_acc* acc, qrt_lm_stats* out);

/* The p-th quantile (0 <= p <= 1) of `values` by linear interpolation between order statistics
 * (position p * (n - 1)); sorts `values` in place. NaN for n = 0. */
double qrt_accept_quantile_f32(float* values, size_t n, double p);

#ifdef __cplusplus
}
#endif

#endif /* QRT_ACCEPT_METRICS_H */
