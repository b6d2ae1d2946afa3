/* qrt on-device acceptance: criteria, the acceptance rule, and the report.
 *
 * The question this answers on the board: is the quantized model acceptable? The rule
 * (models/formats/CRITERIA.md) is
 *
 *     Acc(Q) >= Acc(FP) - dAcc_max   AND  ( Lat(Q) <= Lat(FP) / S_min  OR  Mem(Q) <= M_max )
 *     AND absolute caps (latency, arena, flash, stack)  AND per-output-tensor floors (SNR, MSE)
 *
 * with every threshold optional: an unset term is reported as "not checked".
 *
 *   qrt_accept_criteria c;  qrt_accept_criteria_init(&c);
 *   qrt_accept_criteria_parse(text, len, &c, &perr);         // or qrt_accept_criteria_set()
 *   qrt_accept_results r;   ... filled by qrt_accept_run() (accept_run.h) or by hand
 *   qrt_accept_verdict v;   qrt_accept_evaluate(&c, &r, &v);
 *   qrt_accept_write_table(&c, &r, &v, write, user);        // readable table
 *   qrt_accept_write_json(&c, &r, &v, write, user);         // models/formats/REPORT-JSON.md
 *
 * Device code: no heap, no globals, no printf (numbers are formatted by the library); all text
 * goes through the caller's write callback (semihosting, UART, stdout). Metrics:
 * qrt/accept_metrics.h; evaluation sets: qrt/eval_set.h. */
#ifndef QRT_ACCEPT_H
#define QRT_ACCEPT_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/accept_metrics.h"
#include "qrt/qrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives NUL-terminated text, in pieces of at most ~100 bytes; `user` is passed through. */
typedef void (*qrt_accept_write_fn)(void* user, const char* text);

/* ---- criteria ---------------------------------------------------------------------------- */

/* Every threshold of the rule. The key names (criteria files, JSON) are in the comments. */
typedef enum qrt_criterion {
  QRT_CRIT_MAX_ACCURACY_DROP = 0,       /* max_accuracy_drop: fraction */
  QRT_CRIT_MIN_ACCURACY = 1,            /* min_accuracy: fraction */
  QRT_CRIT_MIN_AGREEMENT = 2,           /* min_agreement: fraction */
  QRT_CRIT_MAX_PERPLEXITY_INCREASE = 3, /* max_perplexity_increase: fraction */
  QRT_CRIT_MAX_KL_MEAN = 4,             /* max_kl_mean: nats */
  QRT_CRIT_MIN_SPEEDUP = 5,             /* min_speedup: ratio > 0 */
  QRT_CRIT_MAX_MEMORY_BYTES = 6,        /* max_memory_bytes: bytes (see memory_kind) */
  QRT_CRIT_MAX_LATENCY_CYCLES = 7,      /* max_latency_cycles: cycles (median) */
  QRT_CRIT_MAX_ARENA_BYTES = 8,         /* max_arena_bytes: bytes (planned arena) */
  QRT_CRIT_MAX_FLASH_BYTES = 9,         /* max_flash_bytes: bytes (blob) */
  QRT_CRIT_MAX_STACK_BYTES = 10,        /* max_stack_bytes: bytes (measured) */
  QRT_CRIT_MIN_SNR_DB = 11,             /* min_snr_db: dB, per output tensor */
  QRT_CRIT_MAX_MSE = 12,                /* max_mse: per output tensor */
  QRT_CRIT_MIN_COSINE = 13,             /* min_cosine: per output tensor */
  QRT_CRIT_COUNT = 14
} qrt_criterion;

/* How the rule combines a criterion with the others. */
typedef enum qrt_criterion_group {
  QRT_GROUP_ACCURACY = 0, /* AND */
  QRT_GROUP_BENEFIT = 1,  /* OR: speedup or memory */
  QRT_GROUP_CAPS = 2,     /* AND */
  QRT_GROUP_TENSORS = 3,  /* AND, over every output tensor */
  QRT_GROUP_COUNT = 4
} qrt_criterion_group;

typedef enum qrt_drop_kind {
  QRT_DROP_ABSOLUTE = 0, /* Acc(FP) - Acc(Q) */
  QRT_DROP_RELATIVE = 1  /* (Acc(FP) - Acc(Q)) / Acc(FP) */
} qrt_drop_kind;

typedef enum qrt_drop_bound {
  QRT_DROP_BOUND_ESTIMATE = 0, /* judge the point estimate */
  QRT_DROP_BOUND_UPPER95 = 1   /* judge the upper end of the paired 95% interval */
} qrt_drop_bound;

typedef enum qrt_memory_kind {
  QRT_MEMORY_FLASH = 0,       /* blob bytes */
  QRT_MEMORY_ARENA = 1,       /* planned arena bytes */
  QRT_MEMORY_ARENA_FLASH = 2  /* their sum */
} qrt_memory_kind;

typedef struct qrt_accept_criteria {
  uint32_t set_mask;             /* bit (1 << qrt_criterion) set = the threshold is checked */
  double value[QRT_CRIT_COUNT];  /* thresholds; fractions as fractions (0.01 = 1%) */
  qrt_drop_kind drop_kind;
  qrt_drop_bound drop_bound;
  qrt_memory_kind memory_kind;
} qrt_accept_criteria;

/* No threshold set; absolute drop judged by its estimate; memory = flash. */
void qrt_accept_criteria_init(qrt_accept_criteria* criteria);

/* Sets (or with is_set = 0, clears) one threshold after checking its range (CRITERIA.md);
 * QRT_ERR_BAD_ARGUMENT for an out-of-range value or criterion. */
qrt_status qrt_accept_criteria_set(qrt_accept_criteria* criteria, qrt_criterion criterion,
                                   double value, int32_t is_set);

/* Static metadata of a criterion: its key ("min_speedup"), group, and whether it is a maximum
 * (value <= threshold: 1) or a minimum (0). For an out-of-range id: NULL, QRT_GROUP_COUNT, -1. */
const char* qrt_accept_criterion_key(qrt_criterion criterion);
qrt_criterion_group qrt_accept_criterion_group(qrt_criterion criterion);
int32_t qrt_accept_criterion_is_max(qrt_criterion criterion);

typedef struct qrt_criteria_parse_error {
  int32_t line;      /* 1-based line of the first bad line; 0 when there is none */
  char message[96];  /* reason, NUL-terminated; empty without QRT_ERROR_MESSAGES */
} qrt_criteria_parse_error;

/* Parses a criteria file (CRITERIA.md) of `length` bytes (need not be NUL-terminated) on top of
 * `criteria` (so defaults or earlier settings stay where the text is silent). On error returns
 * QRT_ERR_BAD_ARGUMENT, fills `error` (may be NULL) and leaves `criteria` unchanged. Uses a few
 * hundred bytes of stack, no heap. */
qrt_status qrt_accept_criteria_parse(const char* text, size_t length,
                                     qrt_accept_criteria* criteria,
                                     qrt_criteria_parse_error* error);

/* ---- results: what was measured -------------------------------------------------------- */

/* Bits of qrt_accept_results.measured: which fields hold a measurement. */
enum {
  QRT_MEASURED_ACCURACY = 1u << 0,       /* accuracy (+ interval for classification) */
  QRT_MEASURED_FLOAT_ACCURACY = 1u << 1, /* float_accuracy */
  QRT_MEASURED_DROP_INTERVAL = 1u << 2,  /* drop_low / drop_high (paired, classification) */
  QRT_MEASURED_AGREEMENT = 1u << 3,
  QRT_MEASURED_LATENCY = 1u << 4,
  QRT_MEASURED_FLOAT_LATENCY = 1u << 5,
  QRT_MEASURED_ARENA = 1u << 6,          /* arena_bytes (planned) and arena_used_bytes */
  QRT_MEASURED_FLASH = 1u << 7,
  QRT_MEASURED_FLOAT_MEMORY = 1u << 8,   /* float_arena_bytes, float_flash_bytes */
  QRT_MEASURED_STACK = 1u << 9,
  QRT_MEASURED_PERPLEXITY = 1u << 10,    /* perplexity, float_perplexity */
  QRT_MEASURED_KL = 1u << 11,            /* kl_mean, kl_p99 (NaN if unavailable) */
  QRT_MEASURED_ARENA_CATEGORIES = 1u << 12 /* arena_state/persistent/activation/scratch_bytes */
};

/* qrt_accept_results.task of a language model evaluated on text (`qrt accept --text`): samples
 * are predicted tokens (one inference each), units are the text's sequences (paragraphs), and the
 * latencies are per token. Not an evaluation-set task (qrt_eval_task stops at 3). */
#define QRT_ACCEPT_TASK_LANGUAGE_MODEL 4

#define QRT_ACCEPT_MAX_TENSORS 32 /* compared tensors: outputs first, then layers */
#define QRT_ACCEPT_NAME_BYTES 40

typedef struct qrt_accept_tensor_result {
  char name[QRT_ACCEPT_NAME_BYTES]; /* tensor name up to its first ';' (TFLite joins fused op
                                       names with ';'), truncated, NUL-terminated */
  int32_t is_output;                /* 1: a graph output (judged); 0: an intermediate tensor or
                                       the regression target row (shown, never judged) */
  int32_t against_float_model;      /* 1: vs the float model run on the device; 0: vs the set's
                                       stored reference outputs */
  qrt_tensor_error error;
} qrt_accept_tensor_result;

typedef struct qrt_accept_results {
  uint32_t measured; /* QRT_MEASURED_* bits */
  int32_t task;      /* qrt_eval_task: 1 classification (accuracy = top-1), 2 anomaly (= ROC AUC);
                        QRT_ACCEPT_TASK_LANGUAGE_MODEL (perplexity, KL, tokens/s) */
  uint32_t samples;  /* inferences per model */
  uint32_t units;    /* scored units (samples, or groups) */
  uint32_t class_count;

  double accuracy, accuracy_low, accuracy_high; /* quantized model; interval: Wilson 95% */
  double float_accuracy, float_accuracy_low, float_accuracy_high;
  uint32_t correct, float_correct; /* classification: counts */
  double drop_low, drop_high;      /* absolute drop Acc(FP) - Acc(Q): paired 95% interval */
  double agreement;                /* top-1 agreement with the float model */

  qrt_latency_stats latency, float_latency; /* cycles per inference */
  uint64_t cycles_per_second;               /* of the port's counter, 0 if unknown */

  uint64_t arena_bytes, arena_used_bytes, flash_bytes, stack_bytes;
  uint64_t float_arena_bytes, float_flash_bytes;
  /* The planned arena by category (qrt_memory_report's), QRT_MEASURED_ARENA_CATEGORIES: runtime
   * state, persistent tensors (a language model's KV cache), activations, scratch. */
  uint64_t arena_state_bytes, arena_persistent_bytes, arena_activation_bytes, arena_scratch_bytes;

  double perplexity, float_perplexity, kl_mean, kl_p99;

  uint32_t tensor_count;
  qrt_accept_tensor_result tensors[QRT_ACCEPT_MAX_TENSORS];

  /* Names for the report; NULL prints as "". They are not copied: keep them alive. */
  const char* model_name;
  const char* float_model_name;
  const char* strategy; /* e.g. "int8 per-channel"; the host merges reports by this name */
  const char* eval_set_name;
  const char* target_name;
} qrt_accept_results;

/* Zeroes the struct (nothing measured). */
void qrt_accept_results_init(qrt_accept_results* results);

/* Derived values (NaN when not measurable): the absolute drop Acc(FP) - Acc(Q), the drop in the
 * criteria's kind, the speedup Lat(FP)/Lat(Q) of the medians, Mem(Q) of a memory kind. */
double qrt_accept_drop_absolute(const qrt_accept_results* results);
double qrt_accept_speedup_of(const qrt_accept_results* results);
/* A conservative 95% interval of that speedup from the two medians' intervals:
 * [float median_low / quant median_high, float median_high / quant median_low]. The runs
 * alternate quantized and float inference on each sample, so machine load drifts affect both
 * alike. False (and NaN) when either latency was not measured. */
int qrt_accept_speedup_interval(const qrt_accept_results* results, double* low, double* high);
double qrt_accept_memory_of(const qrt_accept_results* results, qrt_memory_kind kind);

/* ---- the verdict --------------------------------------------------------------------------- */

typedef enum qrt_term_status {
  QRT_TERM_NOT_CHECKED = 0,  /* threshold not set */
  QRT_TERM_PASS = 1,
  QRT_TERM_FAIL = 2,
  QRT_TERM_NOT_MEASURED = 3  /* threshold set but the metric is missing: counts as a failure */
} qrt_term_status;

typedef struct qrt_accept_term {
  qrt_criterion criterion;
  int32_t tensor; /* index into results.tensors for tensor terms, else -1 */
  qrt_term_status status;
  double value;     /* the measured value compared (NaN when not measured) */
  double threshold; /* NaN when not checked */
  double margin;    /* positive = passes by this much (CRITERIA.md), NaN when not judged */
} qrt_accept_term;

#define QRT_ACCEPT_MAX_TERMS (QRT_CRIT_COUNT + 3 * QRT_ACCEPT_MAX_TENSORS)

typedef struct qrt_accept_verdict {
  int32_t pass;                              /* 1 = acceptable (0 when nothing was judged) */
  int32_t judged;                            /* 0: no criterion was set, so there is no verdict */
  qrt_term_status group[QRT_GROUP_COUNT];    /* combined status of each group */
  uint32_t term_count;
  qrt_accept_term terms[QRT_ACCEPT_MAX_TERMS]; /* every criterion, in qrt_criterion order;
                                                  tensor criteria once per output tensor */
} qrt_accept_verdict;

/* Applies the rule (CRITERIA.md) to the results. */
qrt_status qrt_accept_evaluate(const qrt_accept_criteria* criteria,
                               const qrt_accept_results* results, qrt_accept_verdict* verdict);

/* ---- the report ------------------------------------------------------------------------- */

/* The readable table: a header naming model, baseline, eval set and target; one row per metric
 * (value, threshold, margin, PASS/FAIL/not checked); the rule with each group's outcome; and a
 * final "RESULT: PASS" or "RESULT: FAIL (failing: ...)" line naming the failing terms. */
qrt_status qrt_accept_write_table(const qrt_accept_criteria* criteria,
                                  const qrt_accept_results* results,
                                  const qrt_accept_verdict* verdict, qrt_accept_write_fn write,
                                  void* user);

/* One JSON object (schema: models/formats/REPORT-JSON.md), followed by a newline. */
qrt_status qrt_accept_write_json(const qrt_accept_criteria* criteria,
                                 const qrt_accept_results* results,
                                 const qrt_accept_verdict* verdict, qrt_accept_write_fn write,
                                 void* user);

/* Formats `value` with `significant` digits (1..17) like printf's %.*g, but deterministic on
 * every target and without printf: "0.865", "1.5e-07", "inf", "-inf", "nan". Writes at most
 * cap - 1 characters and a NUL; returns the length. Needs cap >= 32 for any value. */
size_t qrt_accept_format_double(char* out, size_t cap, double value, int significant);

/* Formats `value` with exactly `decimals` digits after the point (0..9), like %.*f: value *
 * 10^decimals is rounded half away from zero; a result that rounds to zero prints unsigned
 * ("0.00"). Values too large for 19 digits fall back to qrt_accept_format_double(). Same return
 * and cap rules. */
size_t qrt_accept_format_fixed(char* out, size_t cap, double value, int decimals);

#ifdef __cplusplus
}
#endif

#endif /* QRT_ACCEPT_H */
