// The readable report: header, one row per metric (value, threshold, margin, result), the rule
// with each group's outcome, and a RESULT line naming what failed. Fixed-width columns, text
// only, through the caller's write callback.
#include <string.h>

#include "accept_internal.h"
#include "qrt/accept.h"

namespace qrt {
namespace accept {
namespace {

constexpr size_t kMetricWidth = 30;
constexpr size_t kValueWidth = 30;
constexpr size_t kThresholdWidth = 16;
constexpr size_t kMarginWidth = 14;

// A small text buffer for one cell.
struct Cell {
  char s[72];
  size_t n = 0;
  Cell() { s[0] = 0; }
  Cell& put(const char* t) {
    n += copy_text(s + n, sizeof s - n, t);
    return *this;
  }
  Cell& num(double v, int sig) {
    n += qrt_accept_format_double(s + n, sizeof s - n, v, sig);
    return *this;
  }
  Cell& fixed(double v, int decimals) {
    n += qrt_accept_format_fixed(s + n, sizeof s - n, v, decimals);
    return *this;
  }
  // Fixed with an explicit '+' for positive values (margins, drops).
  Cell& signed_fixed(double v, int decimals) {
    char tmp[40];
    qrt_accept_format_fixed(tmp, sizeof tmp, v, decimals);
    if (tmp[0] != '-' && tmp[0] != 'n' && !(tmp[0] == '0' && v == 0.0)) put("+");
    return put(tmp);
  }
  Cell& signed_num(double v, int sig) {
    if (v > 0) put("+");
    return num(v, sig);
  }
  Cell& uint(uint64_t v) {
    char d[24];
    size_t k = 0;
    do {
      d[k++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    char out[24];
    for (size_t i = 0; i < k; ++i) out[i] = d[k - 1 - i];
    out[k] = 0;
    return put(out);
  }
};

// How a criterion's numbers are shown.
enum Unit { kPoints, kPercent, kPlain, kDb, kCosine, kRatio, kBytes, kCycles };

void show(Cell* c, double v, Unit u, bool with_sign) {
  switch (u) {
    case kPoints:   // a difference of fractions, in percentage points
    case kPercent:  // a fraction, in percent
      if (with_sign) c->signed_fixed(v * 100.0, 2);
      else c->fixed(v * 100.0, 2);
      c->put(u == kPoints ? " pts" : "%");
      break;
    case kPlain:
      if (with_sign) c->signed_num(v, 4);
      else c->num(v, 4);
      break;
    case kDb:
      if (with_sign) c->signed_fixed(v, 2);
      else c->fixed(v, 2);
      c->put(" dB");
      break;
    case kCosine:
      if (with_sign) c->signed_fixed(v, 6);
      else c->fixed(v, 6);
      break;
    case kRatio:
      if (with_sign) c->signed_fixed(v, 2);
      else c->fixed(v, 2);
      c->put("x");
      break;
    case kBytes:
    case kCycles:
      if (with_sign && v > 0) c->put("+");
      c->fixed(v, 0);
      if (u == kBytes) c->put(" B");
      break;
  }
}

struct Writer {
  TextSink sink;
  const qrt_accept_criteria* c;
  const qrt_accept_results* r;
  const qrt_accept_verdict* v;

  void row(const char* metric, const char* value, const char* threshold, const char* margin,
           const char* result) {
    // Pad a cell only when a later cell has text, so lines carry no trailing spaces.
    const char* cells[5] = {metric, value, threshold, margin, result};
    static const size_t kWidth[4] = {kMetricWidth, kValueWidth, kThresholdWidth, kMarginWidth};
    int last = -1;
    for (int i = 0; i < 5; ++i) {
      if (cells[i] != nullptr && cells[i][0] != 0) last = i;
    }
    for (int i = 0; i <= last; ++i) {
      if (i < last) sink_field(&sink, cells[i], kWidth[i]);
      else sink_put(&sink, cells[i]);
    }
    sink_char(&sink, '\n');
  }

  const qrt_accept_term* term(qrt_criterion id, int32_t tensor) const {
    for (uint32_t i = 0; i < v->term_count; ++i) {
      if (v->terms[i].criterion == id && v->terms[i].tensor == tensor) return &v->terms[i];
    }
    return nullptr;
  }
  bool is_set(qrt_criterion id) const { return ((c->set_mask >> id) & 1u) != 0; }

  // A row judged by a criterion: value text given, threshold/margin/result from the term.
  void judged(const char* metric, const Cell& value, qrt_criterion id, int32_t tensor, Unit u) {
    const qrt_accept_term* t = term(id, tensor);
    Cell th, margin;
    const char* result = "not checked";
    if (t != nullptr && t->status != QRT_TERM_NOT_CHECKED) {
      th.put(qrt_accept_criterion_is_max(id) == 1 ? "<= " : ">= ");
      show(&th, t->threshold, u, false);
      if (t->status == QRT_TERM_NOT_MEASURED) {
        result = "FAIL (not measured)";
      } else {
        show(&margin, t->margin, u == kPercent ? kPoints : u, true);
        result = t->status == QRT_TERM_PASS ? "PASS" : "FAIL";
      }
    }
    row(metric, value.n != 0 ? value.s : "not measured", th.s, margin.s, result);
  }
  void info(const char* metric, const Cell& value) { row(metric, value.s, "", "", ""); }
};

bool has(const qrt_accept_results* r, uint32_t bits) { return (r->measured & bits) == bits; }

void write_header(Writer* w) {
  const qrt_accept_results* r = w->r;
  TextSink* s = &w->sink;
  sink_put(s, "qrt acceptance report\n  model    : ");
  sink_put(s, r->model_name);
  if (r->strategy != nullptr && r->strategy[0] != 0) {
    sink_put(s, " (");
    sink_put(s, r->strategy);
    sink_put(s, ")");
  }
  sink_put(s, "\n  baseline : ");
  sink_put(s, r->float_model_name != nullptr && r->float_model_name[0] != 0 ? r->float_model_name
                                                                            : "(none)");
  sink_put(s, "\n  eval set : ");
  sink_put(s, r->eval_set_name);
  sink_put(s, r->eval_set_name != nullptr && r->eval_set_name[0] != 0 ? ": " : "");
  const bool lm = r->task == QRT_ACCEPT_TASK_LANGUAGE_MODEL;
  sink_uint(s, r->samples);
  sink_put(s, lm ? " predicted tokens" : " samples");
  if (r->units != r->samples || lm) {
    sink_put(s, " in ");
    sink_uint(s, r->units);
    sink_put(s, lm ? " sequences" : " units");
  }
  sink_put(s, ", ");
  sink_put(s, lm ? "language model" : task_name(r->task));
  if (r->class_count != 0) {
    sink_put(s, ", ");
    sink_uint(s, r->class_count);
    sink_put(s, " classes");
  }
  sink_put(s, "\n  target   : ");
  sink_put(s, r->target_name);
  if (r->cycles_per_second != 0) {
    sink_put(s, ", ");
    sink_uint(s, r->cycles_per_second);
    sink_put(s, " cycles/s");
  }
  sink_put(s, "\n\n");
  w->row("metric", "value", "threshold", "margin", "result");
  w->row("------", "-----", "---------", "------", "------");
}

void write_quality(Writer* w) {
  const qrt_accept_results* r = w->r;
  const bool top1 = r->task == 1;
  const Unit acc_unit = top1 ? kPercent : kPlain;
  const bool acc = has(r, QRT_MEASURED_ACCURACY), facc = has(r, QRT_MEASURED_FLOAT_ACCURACY);
  const char* acc_name = top1 ? "top-1 accuracy" : (r->task == 2 ? "ROC AUC" : "accuracy");
  auto with_interval = [&](Cell* cell, double value, double lo, double hi) {
    show(cell, value, acc_unit, false);
    if (top1) {
      cell->put(" [").fixed(lo * 100.0, 2).put(", ").fixed(hi * 100.0, 2).put("]");
    }
  };
  if (acc || w->is_set(QRT_CRIT_MIN_ACCURACY)) {
    Cell value;
    if (acc) with_interval(&value, r->accuracy, r->accuracy_low, r->accuracy_high);
    w->judged(acc_name, value, QRT_CRIT_MIN_ACCURACY, -1, acc_unit);
  }
  if (facc) {
    Cell value, name;
    with_interval(&value, r->float_accuracy, r->float_accuracy_low, r->float_accuracy_high);
    name.put("float ").put(acc_name);
    w->info(name.s, value);
  }
  if ((acc && facc) || w->is_set(QRT_CRIT_MAX_ACCURACY_DROP)) {
    const bool relative = w->c->drop_kind == QRT_DROP_RELATIVE;
    const bool upper = w->c->drop_bound == QRT_DROP_BOUND_UPPER95;
    Cell name, value;
    name.put("accuracy drop (").put(relative ? "rel" : "abs").put(upper ? ", upper95)" : ")");
    const double d = qrt_accept_drop_absolute(r);
    if (d == d) {
      if (relative) {
        if (r->float_accuracy > 0.0) value.signed_fixed(d / r->float_accuracy * 100.0, 2).put("%");
      } else {
        show(&value, d, top1 ? kPoints : kPlain, true);
      }
      if (has(r, QRT_MEASURED_DROP_INTERVAL) && !relative) {
        value.put(" [").signed_fixed(r->drop_low * 100.0, 2).put(", ");
        value.signed_fixed(r->drop_high * 100.0, 2).put("]");
      }
    }
    w->judged(name.s, value, QRT_CRIT_MAX_ACCURACY_DROP, -1,
              relative ? kPercent : (top1 ? kPoints : kPlain));
  }
  if (has(r, QRT_MEASURED_AGREEMENT) || w->is_set(QRT_CRIT_MIN_AGREEMENT)) {
    Cell value;
    if (has(r, QRT_MEASURED_AGREEMENT)) show(&value, r->agreement, kPercent, false);
    w->judged("top-1 agreement", value, QRT_CRIT_MIN_AGREEMENT, -1, kPercent);
  }
  const bool ppl = has(r, QRT_MEASURED_PERPLEXITY);
  if (ppl || w->is_set(QRT_CRIT_MAX_PERPLEXITY_INCREASE)) {
    Cell value;
    if (ppl) {
      value.num(r->perplexity, 6);
      if (r->float_perplexity > 0.0) {
        value.put(" (");
        value.signed_fixed((r->perplexity / r->float_perplexity - 1.0) * 100.0, 2);
        value.put("% vs float)");
      }
    }
    w->judged("perplexity", value, QRT_CRIT_MAX_PERPLEXITY_INCREASE, -1, kPercent);
    if (ppl && r->float_perplexity > 0.0) {
      Cell fvalue;
      fvalue.num(r->float_perplexity, 6);
      w->info("float perplexity", fvalue);
    }
  }
  if (has(r, QRT_MEASURED_KL) || w->is_set(QRT_CRIT_MAX_KL_MEAN)) {
    Cell value;
    if (has(r, QRT_MEASURED_KL)) value.num(r->kl_mean, 4).put(" (p99 ").num(r->kl_p99, 4).put(")");
    w->judged("KL mean (nats)", value, QRT_CRIT_MAX_KL_MEAN, -1, kPlain);
  }
}

void write_tensors(Writer* w) {
  const qrt_accept_results* r = w->r;
  bool any_output = false, layer_title = false;
  for (uint32_t i = 0; i < r->tensor_count; ++i) {
    const qrt_accept_tensor_result& t = r->tensors[i];
    const int32_t idx = static_cast<int32_t>(i);
    if (!t.is_output) {
      // Intermediate tensors (and the regression target row): one compact row each, never judged.
      Cell name, value;
      if (t.against_float_model) {
        if (!layer_title) {
          w->info("layers vs float (SNR, cosine)", Cell());
          layer_title = true;
        }
        // Long names keep their end ("...activation_1/Relu"): the layer is named last.
        const size_t len = strlen(t.name);
        name.put("  ");
        if (len > 27) name.put("...").put(t.name + len - 24);
        else name.put(t.name);
        show(&value, t.error.snr_db, kDb, false);
        value.put(", ").fixed(t.error.cosine, 4);
      } else {
        name.put(t.name);
        value.put("MSE ").num(t.error.mse, 4).put(", SNR ");
        show(&value, t.error.snr_db, kDb, false);
      }
      w->info(name.s, value);
      continue;
    }
    any_output = true;
    char name[24];
    copy_text(name, sizeof name, t.name[0] != 0 ? t.name : "(unnamed)");
    Cell snr_name, mse_name, cos_name, snr, mse, cosine;
    snr_name.put(name).put(" SNR");
    mse_name.put(name).put(" MSE");
    cos_name.put(name).put(" cosine");
    show(&snr, t.error.snr_db, kDb, false);
    if (!t.against_float_model) snr.put(" (vs stored ref)");
    mse.num(t.error.mse, 4);
    show(&cosine, t.error.cosine, kCosine, false);
    w->judged(snr_name.s, snr, QRT_CRIT_MIN_SNR_DB, idx, kDb);
    w->judged(mse_name.s, mse, QRT_CRIT_MAX_MSE, idx, kPlain);
    w->judged(cos_name.s, cosine, QRT_CRIT_MIN_COSINE, idx, kCosine);
  }
  if (!any_output) {
    const Cell none;
    if (w->is_set(QRT_CRIT_MIN_SNR_DB)) w->judged("output SNR", none, QRT_CRIT_MIN_SNR_DB, -1, kDb);
    if (w->is_set(QRT_CRIT_MAX_MSE)) w->judged("output MSE", none, QRT_CRIT_MAX_MSE, -1, kPlain);
    if (w->is_set(QRT_CRIT_MIN_COSINE)) {
      w->judged("output cosine", none, QRT_CRIT_MIN_COSINE, -1, kCosine);
    }
  }
}

void write_cost(Writer* w) {
  const qrt_accept_results* r = w->r;
  if (has(r, QRT_MEASURED_LATENCY) || w->is_set(QRT_CRIT_MAX_LATENCY_CYCLES)) {
    Cell value;
    if (has(r, QRT_MEASURED_LATENCY)) value.uint(r->latency.median);
    w->judged("latency (median cycles)", value, QRT_CRIT_MAX_LATENCY_CYCLES, -1, kCycles);
    if (has(r, QRT_MEASURED_LATENCY)) {
      Cell spread;
      spread.uint(r->latency.min).put(" / ").uint(r->latency.max).put(" / ").uint(r->latency.runs);
      w->info("  min / max / runs", spread);
    }
  }
  if (has(r, QRT_MEASURED_FLOAT_LATENCY)) {
    Cell value;
    value.uint(r->float_latency.median);
    w->info("float latency (median cycles)", value);
    // The baseline is qrt's own float path: portable scalar kernels on every target (no SIMD,
    // no FMA), so the speedup is against that, not against an optimized float runtime.
    Cell kernels;
    kernels.put("qrt reference float32 (scalar)");
    w->info("  float kernels", kernels);
  }
  if (r->task == QRT_ACCEPT_TASK_LANGUAGE_MODEL && r->cycles_per_second != 0 &&
      has(r, QRT_MEASURED_LATENCY) && r->latency.mean != 0) {
    // Latencies are per token: the mean gives the throughput.
    Cell value;
    value.fixed(static_cast<double>(r->cycles_per_second) / static_cast<double>(r->latency.mean), 0);
    if (has(r, QRT_MEASURED_FLOAT_LATENCY) && r->float_latency.mean != 0) {
      value.put(" (float ");
      value.fixed(static_cast<double>(r->cycles_per_second) /
                      static_cast<double>(r->float_latency.mean), 0);
      value.put(")");
    }
    w->info("tokens/s", value);
  }
  const double speedup = qrt_accept_speedup_of(r);
  if (speedup == speedup || w->is_set(QRT_CRIT_MIN_SPEEDUP)) {
    Cell value;
    if (speedup == speedup) show(&value, speedup, kRatio, false);
    double low = 0, high = 0;
    if (qrt_accept_speedup_interval(r, &low, &high) != 0) {
      value.put(" [");
      value.fixed(low, 2);
      value.put(", ");
      value.fixed(high, 2);
      value.put("] 95%");
    }
    w->judged("speedup (float / quantized)", value, QRT_CRIT_MIN_SPEEDUP, -1, kRatio);
  }
  if (w->is_set(QRT_CRIT_MAX_MEMORY_BYTES)) {
    Cell name, value;
    name.put("memory Mem(Q) (").put(memory_kind_name(w->c->memory_kind)).put(")");
    const double m = qrt_accept_memory_of(r, w->c->memory_kind);
    if (m == m) show(&value, m, kBytes, false);
    w->judged(name.s, value, QRT_CRIT_MAX_MEMORY_BYTES, -1, kBytes);
  }
  if (has(r, QRT_MEASURED_ARENA) || w->is_set(QRT_CRIT_MAX_ARENA_BYTES)) {
    Cell value;
    if (has(r, QRT_MEASURED_ARENA)) {
      value.uint(r->arena_bytes).put(" B (used ").uint(r->arena_used_bytes).put(")");
    }
    w->judged("arena (planned)", value, QRT_CRIT_MAX_ARENA_BYTES, -1, kBytes);
  }
  if (has(r, QRT_MEASURED_ARENA_CATEGORIES)) {
    Cell value;
    value.put("state ").uint(r->arena_state_bytes);
    value.put(r->task == QRT_ACCEPT_TASK_LANGUAGE_MODEL ? " + KV cache " : " + persistent ");
    value.uint(r->arena_persistent_bytes).put(" + act. ").uint(r->arena_activation_bytes);
    value.put(" + scratch ").uint(r->arena_scratch_bytes);
    w->info("  by category", value);
  }
  if (has(r, QRT_MEASURED_FLASH) || w->is_set(QRT_CRIT_MAX_FLASH_BYTES)) {
    Cell value;
    if (has(r, QRT_MEASURED_FLASH)) value.uint(r->flash_bytes).put(" B");
    w->judged("flash (model blob)", value, QRT_CRIT_MAX_FLASH_BYTES, -1, kBytes);
  }
  if (has(r, QRT_MEASURED_FLOAT_MEMORY)) {
    Cell value;
    value.uint(r->float_arena_bytes).put(" B / ").uint(r->float_flash_bytes).put(" B");
    w->info("float arena / flash", value);
  }
  if (has(r, QRT_MEASURED_STACK) || w->is_set(QRT_CRIT_MAX_STACK_BYTES)) {
    Cell value;
    if (has(r, QRT_MEASURED_STACK)) value.uint(r->stack_bytes).put(" B");
    w->judged("stack (high-water)", value, QRT_CRIT_MAX_STACK_BYTES, -1, kBytes);
  }
}

void write_term_name(Writer* w, const qrt_accept_term& t) {
  sink_put(&w->sink, qrt_accept_criterion_key(t.criterion));
  if (t.tensor >= 0 && static_cast<uint32_t>(t.tensor) < w->r->tensor_count) {
    sink_char(&w->sink, '[');
    sink_put(&w->sink, w->r->tensors[t.tensor].name);
    sink_char(&w->sink, ']');
  }
}

void write_rule(Writer* w) {
  static const char* const kGroupTitle[QRT_GROUP_COUNT] = {"ACCURACY ", "BENEFIT  ", "CAPS     ",
                                                           "TENSORS  "};
  TextSink* s = &w->sink;
  sink_put(s, "\nrule: ACCURACY AND (BENEFIT: min_speedup OR max_memory_bytes) AND CAPS AND "
              "TENSORS\n");
  for (int g = 0; g < QRT_GROUP_COUNT; ++g) {
    sink_put(s, "  ");
    sink_put(s, kGroupTitle[g]);
    const qrt_term_status gs = w->v->group[g];
    sink_put(s, gs == QRT_TERM_NOT_CHECKED ? "not checked" : status_name(gs));
    bool first = true, any_unset = false;
    for (uint32_t i = 0; i < w->v->term_count; ++i) {
      const qrt_accept_term& t = w->v->terms[i];
      if (qrt_accept_criterion_group(t.criterion) != g) continue;
      if (t.status == QRT_TERM_NOT_CHECKED) {
        any_unset = true;
        continue;
      }
      sink_put(s, first ? ": " : (g == QRT_GROUP_BENEFIT ? " OR " : " AND "));
      first = false;
      write_term_name(w, t);
      sink_char(s, ' ');
      sink_put(s, status_name(t.status));
    }
    if (any_unset) {
      sink_put(s, first ? " (not checked: " : "  (not checked: ");
      bool first_unset = true;
      for (uint32_t i = 0; i < w->v->term_count; ++i) {
        const qrt_accept_term& t = w->v->terms[i];
        if (qrt_accept_criterion_group(t.criterion) != g || t.status != QRT_TERM_NOT_CHECKED) {
          continue;
        }
        if (!first_unset) sink_put(s, ", ");
        first_unset = false;
        sink_put(s, qrt_accept_criterion_key(t.criterion));
      }
      sink_char(s, ')');
    }
    sink_char(s, '\n');
  }
  if (!w->v->judged) {
    sink_put(s, "RESULT: NOT JUDGED (no criterion set: the figures above are measurements only)\n");
    return;
  }
  if (w->v->pass) {
    sink_put(s, "RESULT: PASS\n");
    return;
  }
  sink_put(s, "RESULT: FAIL (failing: ");
  bool first = true;
  for (uint32_t i = 0; i < w->v->term_count; ++i) {
    const qrt_accept_term& t = w->v->terms[i];
    if (!term_is_failing(*w->v, t)) continue;
    if (!first) sink_put(s, ", ");
    first = false;
    write_term_name(w, t);
    if (t.status == QRT_TERM_NOT_MEASURED) sink_put(s, " not measured");
  }
  sink_put(s, ")\n");
}

}  // namespace
}  // namespace accept
}  // namespace qrt

using namespace qrt::accept;

extern "C" qrt_status qrt_accept_write_table(const qrt_accept_criteria* c,
                                             const qrt_accept_results* r,
                                             const qrt_accept_verdict* v,
                                             qrt_accept_write_fn write, void* user) {
  if (c == nullptr || r == nullptr || v == nullptr || write == nullptr) {
    return QRT_ERR_NULL_ARGUMENT;
  }
  if (r->tensor_count > QRT_ACCEPT_MAX_TENSORS || v->term_count > QRT_ACCEPT_MAX_TERMS) {
    return QRT_ERR_BAD_ARGUMENT;
  }
  Writer w;
  sink_init(&w.sink, write, user);
  w.c = c;
  w.r = r;
  w.v = v;
  write_header(&w);
  write_quality(&w);
  write_tensors(&w);
  write_cost(&w);
  write_rule(&w);
  sink_flush(&w.sink);
  return QRT_OK;
}
