// The acceptance rule (models/formats/CRITERIA.md): each criterion becomes a term with a value,
// threshold, margin and status; groups combine them (ACCURACY, CAPS and TENSORS by AND, BENEFIT
// by OR), and the model passes when no group fails.
#include <math.h>
#include <string.h>

#include "accept_internal.h"
#include "qrt/accept.h"

namespace {

bool has(const qrt_accept_results* r, uint32_t bits) { return (r->measured & bits) == bits; }

// The measured value a criterion compares, or NaN when it cannot be measured.
double term_value(const qrt_accept_criteria* c, const qrt_accept_results* r, qrt_criterion id) {
  switch (id) {
    case QRT_CRIT_MAX_ACCURACY_DROP: {
      double d = qrt_accept_drop_absolute(r);
      if (c->drop_bound == QRT_DROP_BOUND_UPPER95) {
        d = has(r, QRT_MEASURED_DROP_INTERVAL) && d == d ? r->drop_high : NAN;
      }
      if (c->drop_kind == QRT_DROP_RELATIVE) {
        d = r->float_accuracy > 0.0 ? d / r->float_accuracy : NAN;
      }
      return d;
    }
    case QRT_CRIT_MIN_ACCURACY:
      return has(r, QRT_MEASURED_ACCURACY) ? r->accuracy : NAN;
    case QRT_CRIT_MIN_AGREEMENT:
      return has(r, QRT_MEASURED_AGREEMENT) ? r->agreement : NAN;
    case QRT_CRIT_MAX_PERPLEXITY_INCREASE:
      return has(r, QRT_MEASURED_PERPLEXITY) && r->float_perplexity > 0.0
                 ? r->perplexity / r->float_perplexity - 1.0
                 : NAN;
    case QRT_CRIT_MAX_KL_MEAN:
      return has(r, QRT_MEASURED_KL) ? r->kl_mean : NAN;
    case QRT_CRIT_MIN_SPEEDUP:
      return qrt_accept_speedup_of(r);
    case QRT_CRIT_MAX_MEMORY_BYTES:
      return qrt_accept_memory_of(r, c->memory_kind);
    case QRT_CRIT_MAX_LATENCY_CYCLES:
      return has(r, QRT_MEASURED_LATENCY) ? static_cast<double>(r->latency.median) : NAN;
    case QRT_CRIT_MAX_ARENA_BYTES:
      return has(r, QRT_MEASURED_ARENA) ? static_cast<double>(r->arena_bytes) : NAN;
    case QRT_CRIT_MAX_FLASH_BYTES:
      return has(r, QRT_MEASURED_FLASH) ? static_cast<double>(r->flash_bytes) : NAN;
    case QRT_CRIT_MAX_STACK_BYTES:
      return has(r, QRT_MEASURED_STACK) ? static_cast<double>(r->stack_bytes) : NAN;
    default:
      return NAN;
  }
}

double tensor_value(const qrt_tensor_error& e, qrt_criterion id) {
  switch (id) {
    case QRT_CRIT_MIN_SNR_DB: return e.snr_db;
    case QRT_CRIT_MAX_MSE: return e.mse;
    case QRT_CRIT_MIN_COSINE: return e.cosine;
    default: return NAN;
  }
}

qrt_accept_term judge(const qrt_accept_criteria* c, qrt_criterion id, int32_t tensor,
                      double value) {
  qrt_accept_term t;
  t.criterion = id;
  t.tensor = tensor;
  t.value = value;
  t.threshold = NAN;
  t.margin = NAN;
  if (((c->set_mask >> id) & 1u) == 0) {
    t.status = QRT_TERM_NOT_CHECKED;
    return t;
  }
  t.threshold = c->value[id];
  if (value != value) {
    t.status = QRT_TERM_NOT_MEASURED;
    return t;
  }
  const bool is_max = qrt_accept_criterion_is_max(id) == 1;
  t.margin = is_max ? t.threshold - value : value - t.threshold;
  t.status = (is_max ? value <= t.threshold : value >= t.threshold) ? QRT_TERM_PASS
                                                                    : QRT_TERM_FAIL;
  return t;
}

}  // namespace

extern "C" void qrt_accept_results_init(qrt_accept_results* r) { memset(r, 0, sizeof *r); }

extern "C" double qrt_accept_drop_absolute(const qrt_accept_results* r) {
  if (!has(r, QRT_MEASURED_ACCURACY | QRT_MEASURED_FLOAT_ACCURACY)) return NAN;
  return r->float_accuracy - r->accuracy;
}

extern "C" int qrt_accept_speedup_interval(const qrt_accept_results* r, double* low, double* high) {
  *low = *high = NAN;
  if (!has(r, QRT_MEASURED_LATENCY | QRT_MEASURED_FLOAT_LATENCY) || r->latency.median_low == 0) {
    return 0;
  }
  *low = qrt_accept_speedup(r->float_latency.median_low, r->latency.median_high);
  *high = qrt_accept_speedup(r->float_latency.median_high, r->latency.median_low);
  return 1;
}

extern "C" double qrt_accept_speedup_of(const qrt_accept_results* r) {
  if (!has(r, QRT_MEASURED_LATENCY | QRT_MEASURED_FLOAT_LATENCY) || r->latency.median == 0) {
    return NAN;
  }
  return qrt_accept_speedup(r->float_latency.median, r->latency.median);
}

extern "C" double qrt_accept_memory_of(const qrt_accept_results* r, qrt_memory_kind kind) {
  const bool arena = has(r, QRT_MEASURED_ARENA), flash = has(r, QRT_MEASURED_FLASH);
  switch (kind) {
    case QRT_MEMORY_FLASH: return flash ? static_cast<double>(r->flash_bytes) : NAN;
    case QRT_MEMORY_ARENA: return arena ? static_cast<double>(r->arena_bytes) : NAN;
    case QRT_MEMORY_ARENA_FLASH:
      return arena && flash ? static_cast<double>(r->arena_bytes + r->flash_bytes) : NAN;
    default: return NAN;
  }
}

extern "C" qrt_status qrt_accept_evaluate(const qrt_accept_criteria* c,
                                          const qrt_accept_results* r, qrt_accept_verdict* v) {
  if (c == nullptr || r == nullptr || v == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (r->tensor_count > QRT_ACCEPT_MAX_TENSORS) return QRT_ERR_BAD_ARGUMENT;
  memset(v, 0, sizeof *v);
  for (int id = 0; id < QRT_CRIT_COUNT; ++id) {
    const qrt_criterion crit = static_cast<qrt_criterion>(id);
    if (qrt_accept_criterion_group(crit) != QRT_GROUP_TENSORS) {
      v->terms[v->term_count++] = judge(c, crit, -1, term_value(c, r, crit));
      continue;
    }
    // Tensor floors: one term per graph output. Without any output compared, a set floor is
    // "not measured" (it fails); an unset one is one "not checked" line.
    bool any = false;
    for (uint32_t i = 0; i < r->tensor_count; ++i) {
      if (!r->tensors[i].is_output) continue;
      any = true;
      v->terms[v->term_count++] =
          judge(c, crit, static_cast<int32_t>(i), tensor_value(r->tensors[i].error, crit));
    }
    if (!any) v->terms[v->term_count++] = judge(c, crit, -1, NAN);
  }
  // Combine. AND groups: NOT_CHECKED if nothing is set, FAIL if any set term is not a PASS.
  // BENEFIT (OR): PASS if any set term passes.
  bool set[QRT_GROUP_COUNT] = {}, any_pass[QRT_GROUP_COUNT] = {}, any_bad[QRT_GROUP_COUNT] = {};
  for (uint32_t i = 0; i < v->term_count; ++i) {
    const qrt_accept_term& t = v->terms[i];
    if (t.status == QRT_TERM_NOT_CHECKED) continue;
    const int g = qrt_accept_criterion_group(t.criterion);
    set[g] = true;
    if (t.status == QRT_TERM_PASS) any_pass[g] = true;
    else any_bad[g] = true;
  }
  v->pass = 1;
  v->judged = 0;
  for (int g = 0; g < QRT_GROUP_COUNT; ++g) {
    v->judged |= set[g] ? 1 : 0;
    if (!set[g]) {
      v->group[g] = QRT_TERM_NOT_CHECKED;
      continue;
    }
    const bool ok = g == QRT_GROUP_BENEFIT ? any_pass[g] : !any_bad[g];
    v->group[g] = ok ? QRT_TERM_PASS : QRT_TERM_FAIL;
    if (!ok) v->pass = 0;
  }
  if (v->judged == 0) v->pass = 0;  // measurements only: no criterion, no PASS
  return QRT_OK;
}
