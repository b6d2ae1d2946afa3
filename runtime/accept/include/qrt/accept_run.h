/* qrt_accept_run(): the on-device acceptance check in one call.
 *
 * It runs the quantized model and (optionally) its float baseline over an evaluation set on the
 * same device, in the same run: both sessions live in the caller's arenas, every inference is
 * timed with the port's cycle counter (qrt_port_cycles), and then it computes every metric of
 * qrt/accept_metrics.h, applies the criteria (qrt/accept.h) and writes the report through the
 * caller's callback.
 *
 *   static uint8_t arena[INT8_ARENA] __attribute__((aligned(16)));
 *   static uint8_t float_arena[FLOAT_ARENA] __attribute__((aligned(16)));
 *   static uint64_t cycles[N], float_cycles[N];
 *   const qrt_op_table* float_tables[] = {qrt_float_op_table()};
 *   qrt_options float_options = {0};  float_options.op_tables = float_tables;
 *   float_options.op_table_count = 1;
 *
 *   qrt_accept_config cfg;  qrt_accept_config_init(&cfg);
 *   cfg.model = (qrt_accept_model){int8_blob, int8_bytes, NULL, arena, sizeof arena, "ic01_int8"};
 *   cfg.float_model = (qrt_accept_model){fp_blob, fp_bytes, &float_options, float_arena,
 *                                        sizeof float_arena, "ic01_fp32"};
 *   cfg.eval_set = &set;  cfg.criteria = &criteria;
 *   cfg.latency_cycles = cycles;  cfg.float_latency_cycles = float_cycles;  cfg.latency_capacity = N;
 *   cfg.write = uart_write;  cfg.report = QRT_ACCEPT_REPORT_TABLE;
 *   static qrt_accept_results results;  static qrt_accept_verdict verdict;
 *   qrt_accept_run(&cfg, &results, &verdict, &err);
 *   return verdict.pass ? 0 : 1;
 *
 * What is measured, per task of the set (models/formats/EVAL-SET.md):
 *   classification  top-1 of output 0 for both models: accuracy + Wilson interval, paired drop +
 *                   interval, agreement
 *   anomaly         per window mean((output0 - input0)^2) in real values, averaged per unit;
 *                   ROC AUC of both models (needs the unit_scores buffers)
 *   regression      output 0 element 0 against the float target: reported as a tensor row
 *   every task      per output tensor MSE / SNR / cosine of the quantized model against the float
 *                   model (or the set's reference outputs without one); optionally the same per
 *                   intermediate tensor, matched by name (layer_units), to find where the error
 *                   grows; latency of both; arena planned and used; flash (blob bytes); stack
 *                   via an optional probe.
 *
 * Inputs are converted per model as EVAL-SET.md describes (copy, dequantize, or quantize with the
 * model input's scale and zero point, round half away from zero). Outputs and inputs must be
 * per-tensor quantized or float.
 *
 * Device code: no heap, no globals; everything lives in the caller's config, buffers and arenas.
 * The run keeps about 1 KB of state on the stack, plus the sessions' own use. */
#ifndef QRT_ACCEPT_RUN_H
#define QRT_ACCEPT_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/accept.h"
#include "qrt/eval_set.h"
#include "qrt/qrt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct qrt_accept_model {
  const void* blob; /* NULL: no such model */
  size_t blob_bytes;
  const qrt_options* options; /* op tables etc.; NULL = the port's integer kernels */
  void* arena;                /* 16-byte aligned, at least qrt_plan_memory()'s arena_bytes */
  size_t arena_bytes;
  const char* name; /* for the report; NULL = "" */
} qrt_accept_model;

#define QRT_ACCEPT_REPORT_TABLE 1u
#define QRT_ACCEPT_REPORT_JSON 2u

typedef struct qrt_accept_config {
  qrt_accept_model model;       /* the quantized model under test (required) */
  qrt_accept_model float_model; /* the float baseline; blob NULL = none */
  const qrt_eval_set* eval_set; /* opened with qrt_eval_set_open() */
  const qrt_accept_criteria* criteria; /* NULL = nothing checked */

  uint32_t max_units;   /* evaluate the first max_units units only; 0 = all */
  uint32_t warmup_runs; /* untimed invokes of the first sample per model before the loop */

  /* One cycle count per inference, per model; inferences beyond the capacity are not timed.
   * qrt_accept_inference_count() gives the count that times them all. NULL = no latency. */
  uint64_t* latency_cycles;
  uint64_t* float_latency_cycles;
  uint32_t latency_capacity;

  /* Per-layer error (needs the float model): after the timed loop, the first layer_units units
   * run again, untimed, with observers that compare every intermediate tensor of the quantized
   * model with the float model's tensor of the same name (same element count, per-tensor
   * quantized). layer_buffer holds about 4 KB of accumulators, then the quantized tensors of one
   * inference, each rounded up to 16 bytes; tensors that do not fit, or beyond
   * QRT_ACCEPT_MAX_TENSORS rows, are left out. layer_units = 0 or no buffer: no per-layer rows. */
  uint32_t layer_units;
  void* layer_buffer;
  size_t layer_buffer_bytes;

  /* Anomaly sets: one entry per evaluated unit, per model (sorted in place for the AUC). */
  qrt_scored_unit* unit_scores;
  qrt_scored_unit* float_unit_scores;

  /* The report: written when `write` is set, in the formats of `report` (bits above). */
  qrt_accept_write_fn write;
  void* write_user;
  uint32_t report;

  /* Optional: called after each unit with (units done, units total), e.g. to print progress. */
  void (*progress)(void* user, uint32_t done, uint32_t total);
  void* progress_user;
  /* Optional: returns the stack high-water mark in bytes (ports that paint the stack). */
  size_t (*stack_high_water)(void* user);
  void* stack_user;

  /* Report names; NULL = the model names / the set's name / qrt_port_name(). */
  const char* strategy;
  const char* eval_set_name;
  const char* target_name;
} qrt_accept_config;

/* Zeroes the config: no float model, no criteria, all units, table report. */
void qrt_accept_config_init(qrt_accept_config* config);

/* Inferences per model for the set and max_units: the latency buffer capacity that times all. */
uint32_t qrt_accept_inference_count(const qrt_eval_set* set, uint32_t max_units);

/* Runs the check: results and verdict are filled (the caller owns them; they are large-ish
 * structs, keep them static on small stacks). Returns QRT_OK when the check ran, whatever its
 * verdict; an error status (with `err` filled) when a model or the set cannot be used: a model
 * does not load or its arena is too small, the set's inputs do not match a model's inputs
 * (count, element count, convertible type), a classification output does not have class_count
 * elements, or a buffer the task needs is missing. */
qrt_status qrt_accept_run(const qrt_accept_config* config, qrt_accept_results* results,
                          qrt_accept_verdict* verdict, qrt_error* err);

/* QRT_OK when every input of the set can feed the session's input of the same index (the same
 * count, equal element counts, a type the harness converts); else QRT_ERR_BAD_ARGUMENT naming the
 * input. qrt_accept_run() makes this check itself; tools that feed a set to their own sessions
 * (the host quantizer's calibration) call it once before qrt_accept_feed(). */
qrt_status qrt_accept_check_inputs(const qrt_eval_set* set, const qrt_session* session,
                                   qrt_error* err);

/* Writes sample `sample`'s inputs into the session's inputs, converted exactly as qrt_accept_run()
 * converts them (models/formats/EVAL-SET.md). Call only after qrt_accept_check_inputs() gave
 * QRT_OK for this set and session; `sample` < sample_count. */
void qrt_accept_feed(const qrt_eval_set* set, uint32_t sample, qrt_session* session);

#ifdef __cplusplus
}
#endif

#endif /* QRT_ACCEPT_RUN_H */
