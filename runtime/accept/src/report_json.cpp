// The JSON report (models/formats/REPORT-JSON.md): fixed key order, null for what was not
// measured, numbers through the library's own formatter so every target prints the same bytes.
#include "accept_internal.h"
#include "qrt/accept.h"

namespace qrt {
namespace accept {
namespace {

constexpr int kDigits = 9;

struct Json {
  TextSink sink;
  bool first;  // no comma before the next member/element

  void sep() {
    if (!first) sink_char(&sink, ',');
    first = false;
  }
  void string(const char* s) {
    sink_char(&sink, '"');
    escaped(s);
    sink_char(&sink, '"');
  }
  void escaped(const char* s) {
    for (const char* p = s != nullptr ? s : ""; *p != 0; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      if (c == '"' || c == '\\') {
        sink_char(&sink, '\\');
        sink_char(&sink, static_cast<char>(c));
      } else if (c < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        sink_put(&sink, "\\u00");
        sink_char(&sink, kHex[c >> 4]);
        sink_char(&sink, kHex[c & 15]);
      } else {
        sink_char(&sink, static_cast<char>(c));
      }
    }
  }
  void key(const char* k) {
    sep();
    string(k);
    sink_char(&sink, ':');
  }
  void number(double v) {
    if (v != v) {
      sink_put(&sink, "null");
    } else if (v > 1.7976931348623157e308) {
      sink_put(&sink, "\"inf\"");
    } else if (v < -1.7976931348623157e308) {
      sink_put(&sink, "\"-inf\"");
    } else {
      sink_double(&sink, v, kDigits);
    }
  }
  void open(char c) {
    sink_char(&sink, c);
    first = true;
  }
  void close(char c) {
    sink_char(&sink, c);
    first = false;
  }
  // Members.
  void kv_string(const char* k, const char* v) { key(k); string(v); }
  void kv_string(const char* k, const char* v, bool measured) {
    if (measured) {
      kv_string(k, v);
    } else {
      key(k);
      sink_put(&sink, "null");
    }
  }
  void kv_bool(const char* k, bool v) { key(k); sink_put(&sink, v ? "true" : "false"); }
  void kv_number(const char* k, double v, bool measured) {
    key(k);
    if (measured) number(v);
    else sink_put(&sink, "null");
  }
  void kv_uint(const char* k, uint64_t v, bool measured) {
    key(k);
    if (measured) sink_uint(&sink, v);
    else sink_put(&sink, "null");
  }
  void kv_interval(const char* k, double lo, double hi, bool measured) {
    key(k);
    if (!measured) {
      sink_put(&sink, "null");
      return;
    }
    open('[');
    sep();
    number(lo);
    sep();
    number(hi);
    close(']');
  }
  void kv_latency(const char* k, const qrt_latency_stats& l, bool measured) {
    key(k);
    if (!measured) {
      sink_put(&sink, "null");
      return;
    }
    open('{');
    kv_uint("median", l.median, true);
    kv_uint("median_low", l.median_low, true);
    kv_uint("median_high", l.median_high, true);
    kv_uint("min", l.min, true);
    kv_uint("max", l.max, true);
    kv_uint("mean", l.mean, true);
    kv_uint("runs", l.runs, true);
    close('}');
  }
};

}  // namespace
}  // namespace accept
}  // namespace qrt

using namespace qrt::accept;

extern "C" qrt_status qrt_accept_write_json(const qrt_accept_criteria* c,
                                            const qrt_accept_results* r,
                                            const qrt_accept_verdict* v,
                                            qrt_accept_write_fn write, void* user) {
  if (c == nullptr || r == nullptr || v == nullptr || write == nullptr) {
    return QRT_ERR_NULL_ARGUMENT;
  }
  if (r->tensor_count > QRT_ACCEPT_MAX_TENSORS || v->term_count > QRT_ACCEPT_MAX_TERMS) {
    return QRT_ERR_BAD_ARGUMENT;
  }
  Json j;
  sink_init(&j.sink, write, user);
  const uint32_t m = r->measured;
  auto has = [m](uint32_t bits) { return (m & bits) == bits; };
  const bool acc = has(QRT_MEASURED_ACCURACY), facc = has(QRT_MEASURED_FLOAT_ACCURACY);
  const bool top1 = r->task == 1;

  j.open('{');
  j.kv_string("schema", "qrt-accept-report");
  j.kv_uint("schema_version", 1, true);
  j.kv_bool("pass", v->pass != 0);
  j.kv_bool("judged", v->judged != 0);
  j.kv_string("model", r->model_name);
  j.kv_string("float_model", r->float_model_name);
  j.kv_string("strategy", r->strategy);
  j.kv_string("eval_set", r->eval_set_name);
  j.kv_string("target", r->target_name);
  j.kv_string("task", task_name(r->task));
  j.kv_uint("samples", r->samples, true);
  j.kv_uint("units", r->units, true);
  j.key("accuracy_metric");
  if (r->task == 1 || r->task == 2) j.string(top1 ? "top1" : "roc_auc");
  else sink_put(&j.sink, "null");
  j.kv_number("accuracy", r->accuracy, acc);
  j.kv_interval("accuracy_ci95", r->accuracy_low, r->accuracy_high, acc && top1);
  j.kv_number("float_accuracy", r->float_accuracy, facc);
  j.kv_interval("float_accuracy_ci95", r->float_accuracy_low, r->float_accuracy_high,
                facc && top1);
  j.kv_number("accuracy_drop", qrt_accept_drop_absolute(r), acc && facc);
  j.kv_interval("accuracy_drop_ci95", r->drop_low, r->drop_high,
                has(QRT_MEASURED_DROP_INTERVAL));
  j.kv_number("agreement", r->agreement, has(QRT_MEASURED_AGREEMENT));
  j.kv_latency("latency_cycles", r->latency, has(QRT_MEASURED_LATENCY));
  j.kv_latency("float_latency_cycles", r->float_latency, has(QRT_MEASURED_FLOAT_LATENCY));
  j.kv_string("float_kernels", "reference-scalar-f32", has(QRT_MEASURED_FLOAT_LATENCY));
  j.kv_uint("cycles_per_second", r->cycles_per_second, r->cycles_per_second != 0);
  const double speedup = qrt_accept_speedup_of(r);
  j.kv_number("speedup", speedup, speedup == speedup);
  double speedup_low = 0, speedup_high = 0;
  const bool has_interval = qrt_accept_speedup_interval(r, &speedup_low, &speedup_high) != 0;
  j.kv_number("speedup_low", speedup_low, has_interval);
  j.kv_number("speedup_high", speedup_high, has_interval);
  j.kv_uint("arena_bytes", r->arena_bytes, has(QRT_MEASURED_ARENA));
  j.kv_uint("arena_used_bytes", r->arena_used_bytes, has(QRT_MEASURED_ARENA));
  j.kv_uint("flash_bytes", r->flash_bytes, has(QRT_MEASURED_FLASH));
  j.kv_uint("stack_bytes", r->stack_bytes, has(QRT_MEASURED_STACK));
  j.kv_uint("float_arena_bytes", r->float_arena_bytes, has(QRT_MEASURED_FLOAT_MEMORY));
  j.kv_uint("float_flash_bytes", r->float_flash_bytes, has(QRT_MEASURED_FLOAT_MEMORY));
  const bool ppl = has(QRT_MEASURED_PERPLEXITY);
  j.kv_number("perplexity", r->perplexity, ppl);
  j.kv_number("float_perplexity", r->float_perplexity, ppl && r->float_perplexity > 0.0);
  j.kv_number("kl_mean", r->kl_mean, has(QRT_MEASURED_KL));
  j.kv_number("kl_p99", r->kl_p99, has(QRT_MEASURED_KL));
  // Language models: per-token throughput from the mean latency.
  const bool lm = r->task == QRT_ACCEPT_TASK_LANGUAGE_MODEL && r->cycles_per_second != 0;
  const bool tps = lm && has(QRT_MEASURED_LATENCY) && r->latency.mean != 0;
  const bool float_tps = lm && has(QRT_MEASURED_FLOAT_LATENCY) && r->float_latency.mean != 0;
  const double cps = static_cast<double>(r->cycles_per_second);
  j.kv_number("tokens_per_second", tps ? cps / static_cast<double>(r->latency.mean) : 0.0, tps);
  j.kv_number("float_tokens_per_second",
              float_tps ? cps / static_cast<double>(r->float_latency.mean) : 0.0, float_tps);
  j.key("arena_categories");
  if (has(QRT_MEASURED_ARENA_CATEGORIES)) {
    j.open('{');
    j.kv_uint("runtime_state", r->arena_state_bytes, true);
    j.kv_uint("persistent", r->arena_persistent_bytes, true);
    j.kv_uint("activations", r->arena_activation_bytes, true);
    j.kv_uint("scratch", r->arena_scratch_bytes, true);
    j.close('}');
  } else {
    sink_put(&j.sink, "null");
  }

  j.key("tensors");
  j.open('[');
  for (uint32_t i = 0; i < r->tensor_count; ++i) {
    const qrt_accept_tensor_result& t = r->tensors[i];
    j.sep();
    j.open('{');
    j.kv_string("name", t.name);
    j.kv_bool("output", t.is_output != 0);
    j.kv_string("reference", t.against_float_model ? "float_model" : "eval_set");
    j.kv_uint("elements", t.error.count, true);
    j.kv_number("mse", t.error.mse, true);
    j.kv_number("snr_db", t.error.snr_db, true);
    j.kv_number("cosine", t.error.cosine, true);
    j.kv_number("max_abs_error", t.error.max_abs_error, true);
    j.close('}');
  }
  j.close(']');

  j.key("settings");
  j.open('{');
  j.kv_string("drop_kind", c->drop_kind == QRT_DROP_RELATIVE ? "relative" : "absolute");
  j.kv_string("drop_bound", c->drop_bound == QRT_DROP_BOUND_UPPER95 ? "upper95" : "estimate");
  j.kv_string("memory_kind", memory_kind_name(c->memory_kind));
  j.close('}');
  j.kv_string("rule",
              "ACCURACY AND (BENEFIT: min_speedup OR max_memory_bytes) AND CAPS AND TENSORS");
  j.key("groups");
  j.open('{');
  for (int g = 0; g < QRT_GROUP_COUNT; ++g) {
    j.kv_string(group_name(g), status_name(v->group[g]));
  }
  j.close('}');

  j.key("terms");
  j.open('[');
  for (uint32_t i = 0; i < v->term_count; ++i) {
    const qrt_accept_term& t = v->terms[i];
    const bool tensor = t.tensor >= 0 && static_cast<uint32_t>(t.tensor) < r->tensor_count;
    j.sep();
    j.open('{');
    j.kv_string("criterion", qrt_accept_criterion_key(t.criterion));
    j.kv_string("group", group_name(qrt_accept_criterion_group(t.criterion)));
    j.key("tensor");
    if (tensor) j.string(r->tensors[t.tensor].name);
    else sink_put(&j.sink, "null");
    j.kv_string("status", status_name(t.status));
    j.key("value");
    j.number(t.value);
    j.key("threshold");
    j.number(t.threshold);
    j.key("margin");
    j.number(t.margin);
    j.close('}');
  }
  j.close(']');

  j.key("failing");
  j.open('[');
  for (uint32_t i = 0; i < v->term_count; ++i) {
    const qrt_accept_term& t = v->terms[i];
    if (!term_is_failing(*v, t)) continue;
    j.sep();
    sink_char(&j.sink, '"');
    sink_put(&j.sink, qrt_accept_criterion_key(t.criterion));
    if (t.tensor >= 0 && static_cast<uint32_t>(t.tensor) < r->tensor_count) {
      sink_char(&j.sink, ':');
      j.escaped(r->tensors[t.tensor].name);
    }
    sink_char(&j.sink, '"');
  }
  j.close(']');
  j.close('}');
  sink_char(&j.sink, '\n');
  sink_flush(&j.sink);
  return QRT_OK;
}
