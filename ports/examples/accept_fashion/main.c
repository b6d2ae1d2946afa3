/* The acceptance check in a firmware (qrt/accept_run.h): both models, the evaluation set and the
 * criteria text are read in place from flash; the arenas are static arrays sized at build time;
 * nothing touches the heap. Exit status 0 PASS (or not judged), 1 FAIL, 2 the check cannot run. */
#include <stdint.h>

#include "../common/console.h"
#include "criteria.h"
#include "eval_set.h"
#include "qrt/accept_run.h"
#include "qrt/qrt_float.h"
#include "qrt_model_float_model.h"
#include "qrt_model_model.h"

static uint8_t arena[QRT_MODEL_ARENA_BYTES] __attribute__((aligned(16)));
static uint8_t float_arena[QRT_FLOAT_MODEL_ARENA_BYTES] __attribute__((aligned(16)));
static uint64_t cycles[600], float_cycles[600];
static uint8_t layer_buffer[64 * 1024] __attribute__((aligned(16)));
/* Large-ish: static, not on the stack. */
static qrt_accept_criteria criteria_values;
static qrt_accept_results results;
static qrt_accept_verdict verdict;

static void write_text(void* user, const char* text) {
  (void)user;
  console_write(text);
}

static int cannot_run(const char* what, qrt_status status, const char* message) {
  console_write(what);
  console_write(": ");
  console_write(qrt_status_str(status));
  console_write(" ");
  console_write(message);
  console_write("\n");
  return 2;
}

int main(void) {
  qrt_eval_set set;
  qrt_error err;
  qrt_status s = qrt_eval_set_open(eval_set, eval_set_size, 0, &set, &err);
  if (s != QRT_OK) return cannot_run("evaluation set", s, err.message);
  qrt_accept_criteria_init(&criteria_values);
  qrt_criteria_parse_error perr;
  s = qrt_accept_criteria_parse((const char*)criteria, criteria_size, &criteria_values, &perr);
  if (s != QRT_OK) return cannot_run("criteria", s, perr.message);
  const qrt_op_table* float_tables[] = {qrt_float_op_table()};
  qrt_options float_options = {0};
  float_options.op_tables = float_tables;
  float_options.op_table_count = 1;

  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model = (qrt_accept_model){qrt_model_model, qrt_model_model_size, NULL, arena, sizeof arena,
                                 "int8"};
  cfg.float_model = (qrt_accept_model){qrt_model_float_model, qrt_model_float_model_size,
                                       &float_options, float_arena, sizeof float_arena, "float32"};
  cfg.eval_set = &set;
  cfg.criteria = &criteria_values;
  cfg.max_units = MAX_UNITS;
  cfg.warmup_runs = 1;
  cfg.latency_cycles = cycles;
  cfg.float_latency_cycles = float_cycles;
  cfg.latency_capacity = sizeof cycles / sizeof cycles[0];
  cfg.layer_units = 2;
  cfg.layer_buffer = layer_buffer;
  cfg.layer_buffer_bytes = sizeof layer_buffer;
  cfg.write = write_text;
  cfg.report = QRT_ACCEPT_REPORT_TABLE;
  s = qrt_accept_run(&cfg, &results, &verdict, &err);
  if (s != QRT_OK) return cannot_run("qrt_accept_run", s, err.message);
  return verdict.pass || !verdict.judged ? 0 : 1;
}
