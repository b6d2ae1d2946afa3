// qrt_accept_runner: the acceptance check as a program, for every target (host, Linux/aarch64
// under qemu-user, Cortex-M under qemu-system-arm with semihosting). `qrt accept --target X`
// runs it; firmware can take it as an example of qrt_accept_run().
//
//   qrt_accept_runner MODEL.qrt --eval SET.qev [--float FLOAT.qrt] [--criteria FILE]
//       [--json] [--json-out PATH] [--max-units N] [--warmup N] [--strategy NAME]
//       [--model-name NAME] [--float-name NAME] [--set-name NAME] [--layers N] [--progress]
//
// Files are read with stdio (semihosting host files on Cortex-M) into one static pool, so the
// program never touches the heap beyond stdio's buffers. Exit status: 0 PASS (or not judged),
// 1 FAIL, 2 usage, 3 a file or model problem (`qrt accept --target` reports 2 and 3 as its own
// failure, status 1, naming the runner's status).
//
// `qrt_accept_runner @ARGS` reads the arguments from a file, one per line: a Cortex-M semihosting
// command line is short (the port keeps 15 arguments of at most 512 characters in total) and split
// at spaces, so `qrt accept` hands everything over this way. Arguments are also percent-decoded
// ("%20" is a space, "%25" a percent sign) for use on a bare command line.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qrt/accept.h"
#include "qrt/accept_run.h"
#include "qrt/eval_set.h"
#include "qrt/op_api.h"
#include "qrt/qrt.h"
#include "qrt/qrt_float.h"
#if defined(QRT_ACCEPT_RUNNER_CORTEX_M)
#include "qrt/port_cortex_m.h"
#endif

namespace {

#ifndef QRT_ACCEPT_RUNNER_POOL_BYTES
#define QRT_ACCEPT_RUNNER_POOL_BYTES (256u * 1024u * 1024u)
#endif

alignas(16) uint8_t g_pool[QRT_ACCEPT_RUNNER_POOL_BYTES];
size_t g_used = 0;

void* take(size_t bytes) {
  const size_t start = (g_used + 15u) & ~static_cast<size_t>(15u);
  if (start > sizeof g_pool || bytes > sizeof g_pool - start) return nullptr;
  g_used = start + bytes;
  return g_pool + start;
}

// Reads a whole file into the pool (NUL-terminated, so criteria text can be parsed as is).
bool load(const char* path, const uint8_t** data, size_t* bytes) {
  FILE* f = fopen(path, "rb");
  if (f == nullptr) {
    fprintf(stderr, "qrt_accept_runner: cannot open %s\n", path);
    return false;
  }
  fseek(f, 0, SEEK_END);
  const long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t* buf = size >= 0 ? static_cast<uint8_t*>(take(static_cast<size_t>(size) + 1)) : nullptr;
  if (buf == nullptr) {
    fprintf(stderr, "qrt_accept_runner: %s does not fit the %u-byte pool\n", path,
            static_cast<unsigned>(sizeof g_pool));
    fclose(f);
    return false;
  }
  const size_t got = fread(buf, 1, static_cast<size_t>(size), f);
  fclose(f);
  if (got != static_cast<size_t>(size)) {
    fprintf(stderr, "qrt_accept_runner: short read of %s\n", path);
    return false;
  }
  buf[size] = 0;
  *data = buf;
  *bytes = static_cast<size_t>(size);
  return true;
}

void write_stdout(void*, const char* text) { fputs(text, stdout); }
void write_file(void* user, const char* text) { fputs(text, static_cast<FILE*>(user)); }

void progress(void*, uint32_t done, uint32_t total) {
  if (done == total || done % (total / 20 + 1) == 0) {
    fprintf(stderr, "\r  %u/%u units", static_cast<unsigned>(done), static_cast<unsigned>(total));
    if (done == total) fputs("\n", stderr);
  }
}

#if defined(QRT_ACCEPT_RUNNER_CORTEX_M)
size_t stack_high_water(void*) { return qrt_cm_stack_high_water(); }
#endif

bool plan_arena(const void* blob, size_t bytes, const qrt_options* options, void** arena,
                size_t* arena_bytes) {
  qrt_memory_report plan;
  qrt_error err;
  const qrt_status st = qrt_plan_memory(blob, bytes, options, &plan, &err);
  if (st != QRT_OK) {
    fprintf(stderr, "qrt_accept_runner: model does not load: %s %s\n", qrt_status_str(st),
            err.message);
    return false;
  }
  *arena = take(plan.arena_bytes);
  *arena_bytes = plan.arena_bytes;
  if (*arena == nullptr) {
    fprintf(stderr, "qrt_accept_runner: arena of %u bytes does not fit the pool\n",
            static_cast<unsigned>(plan.arena_bytes));
    return false;
  }
  return true;
}

// Decodes %XX escapes in place.
void percent_decode(char* s) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  char* out = s;
  for (const char* in = s; *in != 0; ++in) {
    if (in[0] == '%' && hex(in[1]) >= 0 && hex(in[2]) >= 0) {
      *out++ = static_cast<char>(hex(in[1]) * 16 + hex(in[2]));
      in += 2;
    } else {
      *out++ = *in;
    }
  }
  *out = 0;
}

int usage() {
  fputs("usage: qrt_accept_runner MODEL.qrt --eval SET.qev [--float FLOAT.qrt] [--criteria FILE]"
        " [--json] [--json-out PATH] [--max-units N] [--warmup N] [--strategy NAME]"
        " [--model-name NAME] [--float-name NAME] [--set-name NAME] [--layers N] [--progress]\n",
        stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const char *model_path = nullptr, *float_path = nullptr, *set_path = nullptr;
  const char *criteria_path = nullptr, *json_out = nullptr;
  const char *strategy = nullptr, *model_name = nullptr, *float_name = nullptr, *set_name = nullptr;
  bool json = false, show_progress = false;
  unsigned long max_units = 0, warmup = 1, layers = 0;
  static char* file_args[64];
  if (argc == 2 && argv[1][0] == '@') {
    const uint8_t* text = nullptr;
    size_t bytes = 0;
    if (!load(argv[1] + 1, &text, &bytes)) return 2;
    char* p = reinterpret_cast<char*>(const_cast<uint8_t*>(text));
    int n = 1;
    file_args[0] = argv[0];
    while (*p != 0 && n < 63) {
      file_args[n++] = p;
      while (*p != 0 && *p != '\n') ++p;
      if (*p == '\n') *p++ = 0;
      const size_t len = strlen(file_args[n - 1]);
      if (len > 0 && file_args[n - 1][len - 1] == '\r') file_args[n - 1][len - 1] = 0;
    }
    argc = n;
    argv = file_args;
  }
  for (int i = 1; i < argc; ++i) percent_decode(argv[i]);
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    const bool has_value = i + 1 < argc;
    if (strcmp(a, "--json") == 0) json = true;
    else if (strcmp(a, "--progress") == 0) show_progress = true;
    else if (strcmp(a, "--float") == 0 && has_value) float_path = argv[++i];
    else if (strcmp(a, "--eval") == 0 && has_value) set_path = argv[++i];
    else if (strcmp(a, "--criteria") == 0 && has_value) criteria_path = argv[++i];
    else if (strcmp(a, "--json-out") == 0 && has_value) json_out = argv[++i];
    else if (strcmp(a, "--max-units") == 0 && has_value) max_units = strtoul(argv[++i], nullptr, 10);
    else if (strcmp(a, "--warmup") == 0 && has_value) warmup = strtoul(argv[++i], nullptr, 10);
    else if (strcmp(a, "--layers") == 0 && has_value) layers = strtoul(argv[++i], nullptr, 10);
    else if (strcmp(a, "--strategy") == 0 && has_value) strategy = argv[++i];
    else if (strcmp(a, "--model-name") == 0 && has_value) model_name = argv[++i];
    else if (strcmp(a, "--float-name") == 0 && has_value) float_name = argv[++i];
    else if (strcmp(a, "--set-name") == 0 && has_value) set_name = argv[++i];
    else if (a[0] == '-') return usage();
    else if (model_path == nullptr) model_path = a;
    else return usage();
  }
  if (model_path == nullptr || set_path == nullptr) return usage();

  const uint8_t *model = nullptr, *fmodel = nullptr, *set_bytes = nullptr, *criteria_text = nullptr;
  size_t model_bytes = 0, fmodel_bytes = 0, set_size = 0, criteria_bytes = 0;
  if (!load(model_path, &model, &model_bytes) || !load(set_path, &set_bytes, &set_size) ||
      (float_path != nullptr && !load(float_path, &fmodel, &fmodel_bytes)) ||
      (criteria_path != nullptr && !load(criteria_path, &criteria_text, &criteria_bytes))) {
    return 3;
  }
  qrt_eval_set set;
  qrt_error err;
  qrt_status st = qrt_eval_set_open(set_bytes, set_size, 0, &set, &err);
  if (st != QRT_OK) {
    fprintf(stderr, "qrt_accept_runner: %s: %s %s\n", set_path, qrt_status_str(st), err.message);
    return 3;
  }
  qrt_accept_criteria criteria;
  qrt_accept_criteria_init(&criteria);
  if (criteria_text != nullptr) {
    qrt_criteria_parse_error perr;
    if (qrt_accept_criteria_parse(reinterpret_cast<const char*>(criteria_text), criteria_bytes,
                                  &criteria, &perr) != QRT_OK) {
      fprintf(stderr, "qrt_accept_runner: %s line %d: %s\n", criteria_path,
              static_cast<int>(perr.line), perr.message);
      return 2;
    }
  }
  // Either model may mix integer and float operators (QUANTIZE/DEQUANTIZE at the edges): offer
  // both tables to both; each operator takes the first implementation matching its op code and
  // input type.
  static const qrt_op_table* tables[2];
  tables[0] = qrt_integer_op_table();
  tables[1] = qrt_float_op_table();
  qrt_options options;
  memset(&options, 0, sizeof options);
  options.op_tables = tables;
  options.op_table_count = 2;

  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  cfg.model.blob = model;
  cfg.model.blob_bytes = model_bytes;
  cfg.model.name = model_name != nullptr ? model_name : model_path;
  cfg.model.options = &options;
  if (!plan_arena(model, model_bytes, &options, &cfg.model.arena, &cfg.model.arena_bytes)) return 3;
  if (fmodel != nullptr) {
    cfg.float_model.blob = fmodel;
    cfg.float_model.blob_bytes = fmodel_bytes;
    cfg.float_model.options = &options;
    cfg.float_model.name = float_name != nullptr ? float_name : float_path;
    if (!plan_arena(fmodel, fmodel_bytes, &options, &cfg.float_model.arena,
                    &cfg.float_model.arena_bytes)) {
      return 3;
    }
  }
  cfg.eval_set = &set;
  cfg.criteria = &criteria;
  cfg.max_units = static_cast<uint32_t>(max_units);
  cfg.warmup_runs = static_cast<uint32_t>(warmup);
  const uint32_t n = qrt_accept_inference_count(&set, cfg.max_units);
  cfg.latency_capacity = n;
  cfg.latency_cycles = static_cast<uint64_t*>(take(n * sizeof(uint64_t)));
  cfg.float_latency_cycles = static_cast<uint64_t*>(take(n * sizeof(uint64_t)));
  cfg.unit_scores = static_cast<qrt_scored_unit*>(take(set.unit_count * sizeof(qrt_scored_unit)));
  cfg.float_unit_scores =
      static_cast<qrt_scored_unit*>(take(set.unit_count * sizeof(qrt_scored_unit)));
  if (cfg.latency_cycles == nullptr || cfg.float_latency_cycles == nullptr ||
      cfg.unit_scores == nullptr || cfg.float_unit_scores == nullptr) {
    fputs("qrt_accept_runner: buffers do not fit the pool\n", stderr);
    return 3;
  }
  if (layers > 0 && fmodel != nullptr) {
    // Intermediate tensors of one inference: 1 MB covers the MLPerf Tiny models; fall back to
    // what the pool has left.
    for (size_t bytes = 1u << 20; bytes >= (64u << 10) && cfg.layer_buffer == nullptr; bytes /= 2) {
      cfg.layer_buffer = take(bytes);
      cfg.layer_buffer_bytes = cfg.layer_buffer != nullptr ? bytes : 0;
    }
    cfg.layer_units = static_cast<uint32_t>(layers);
  }
  cfg.write = write_stdout;
  cfg.report = json ? QRT_ACCEPT_REPORT_JSON : QRT_ACCEPT_REPORT_TABLE;
  if (show_progress) cfg.progress = progress;
  cfg.strategy = strategy;
  cfg.eval_set_name = set_name;
#if defined(QRT_ACCEPT_RUNNER_CORTEX_M)
  cfg.stack_high_water = stack_high_water;
  qrt_cm_stack_paint();
#endif
  static qrt_accept_results results;
  static qrt_accept_verdict verdict;
  st = qrt_accept_run(&cfg, &results, &verdict, &err);
  if (st != QRT_OK) {
    fprintf(stderr, "qrt_accept_runner: %s %s\n", qrt_status_str(st), err.message);
    return 3;
  }
  if (json_out != nullptr) {
    FILE* f = fopen(json_out, "w");
    if (f == nullptr) {
      fprintf(stderr, "qrt_accept_runner: cannot write %s\n", json_out);
      return 3;
    }
    qrt_accept_write_json(&criteria, &results, &verdict, write_file, f);
    fclose(f);
  }
  fflush(stdout);
  return verdict.pass || !verdict.judged ? 0 : 1;  // no criteria: a measurement, exit 0
}
