// qrt_accept_run(): both models over the evaluation set on this device, every metric, the
// verdict and the report (contract in qrt/accept_run.h).
#include <math.h>
#include <string.h>

#include "accept_internal.h"
#include "qrt/accept_run.h"
#include "qrt/port.h"
#include "run_io.h"

namespace qrt {
namespace accept {
namespace {

// One model's live state during the run.
struct Side {
  const qrt_accept_model* model;
  qrt_session* session;
  qrt_memory_report plan;
  int32_t outputs;
  uint64_t* cycles;
  uint32_t timed;
  qrt_scored_unit* unit_scores;
};

qrt_status open_side(const qrt_accept_model* m, Side* side, qrt_error* err) {
  side->model = m;
  side->session = nullptr;
  side->timed = 0;
  qrt_status st = qrt_plan_memory(m->blob, m->blob_bytes, m->options, &side->plan, err);
  if (st != QRT_OK) return st;
  st = qrt_session_create(m->blob, m->blob_bytes, m->options, m->arena, m->arena_bytes,
                          &side->session, err);
  if (st != QRT_OK) return st;
  side->outputs = qrt_session_output_count(side->session);
  return QRT_OK;
}

void feed(const qrt_eval_set* set, uint32_t sample, const Side& side) {
  qrt_accept_feed(set, sample, side.session);
}

// Invokes once, timing the invoke alone (not the input conversion).
qrt_status timed_invoke(Side* side, uint32_t capacity) {
  const uint64_t t0 = qrt_port_cycles();
  const qrt_status st = qrt_session_invoke(side->session);
  const uint64_t t1 = qrt_port_cycles();
  if (side->cycles != nullptr && side->timed < capacity) side->cycles[side->timed++] = t1 - t0;
  return st;
}

qrt_tensor_view output_of(const Side& side, int32_t index) {
  qrt_tensor_view v;
  qrt_session_output(side.session, index, &v);
  return v;
}

// Mean squared difference between output 0 and input 0 of the sample, in real values: the
// autoencoder's reconstruction error (ad01).
double window_score(const qrt_eval_set* set, uint32_t sample, const Side& side) {
  const qrt_tensor_view out = output_of(side, 0);
  qrt_eval_tensor in;
  qrt_eval_set_input(set, sample, 0, &in);
  float scale = 1.0f;
  int32_t zp = 0;
  view_affine(out, &scale, &zp);
  const size_t n = view_elements(out);
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double d = view_real(out, i, scale, zp) - eval_real(in, i);
    sum += d * d;
  }
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

// Adds a quantized model output against a float reference.
void add_tensor_error(qrt_tensor_error_acc* acc, const qrt_tensor_view& q, const float* ref,
                      size_t n) {
  float scale = 1.0f;
  int32_t zp = 0;
  view_affine(q, &scale, &zp);
  add_tensor_error_raw(acc, q.data, q.dtype, scale, zp, ref, n);
}

// Output tensors compared per run (the rest of QRT_ACCEPT_MAX_TENSORS is for layer rows).
constexpr uint32_t kMaxOutputRows = 8;

struct Run {
  const qrt_accept_config* cfg;
  const qrt_eval_set* set;
  Side q, f;
  bool has_float;
  qrt_paired_counts counts;
  qrt_tensor_error_acc acc[kMaxOutputRows + 1];  // + the regression row
  uint32_t tensor_count;
  bool against_float;  // tensors compared with the float model (else with the set's references)
  bool regression_row;
};

// Which output tensors are compared, and against what.
qrt_status plan_tensors(Run* r, qrt_accept_results* res, qrt_error* err) {
  const int32_t outputs = r->q.outputs;
  r->tensor_count = 0;
  r->against_float = r->has_float;
  for (int32_t o = 0; o < outputs && r->tensor_count < kMaxOutputRows; ++o) {
    const qrt_tensor_view qv = output_of(r->q, o);
    float scale = 0;
    int32_t zp = 0;
    if (!view_affine(qv, &scale, &zp)) continue;  // not comparable: left out of the report
    size_t ref_elements = 0;
    if (r->has_float) {
      if (o >= r->f.outputs) continue;
      const qrt_tensor_view fv = output_of(r->f, o);
      if (fv.dtype != QRT_DTYPE_FLOAT32) {
        return fail(err, QRT_ERR_BAD_ARGUMENT, o,
                    QRT_ACCEPT_MSG("the float model's output is not float32"));
      }
      ref_elements = view_elements(fv);
    } else if (static_cast<uint32_t>(o) < r->set->output_count) {
      qrt_eval_tensor ref;
      qrt_eval_set_reference(r->set, 0, static_cast<uint32_t>(o), &ref);
      ref_elements = ref.bytes / 4;
    } else {
      continue;
    }
    if (ref_elements != view_elements(qv)) {
      return fail(err, QRT_ERR_BAD_ARGUMENT, o,
                  QRT_ACCEPT_MSG("output element counts differ between the models"));
    }
    qrt_accept_tensor_result& t = res->tensors[r->tensor_count];
    copy_short_name(t.name, sizeof t.name, qv.name);
    t.is_output = 1;
    t.against_float_model = r->has_float ? 1 : 0;
    ++r->tensor_count;
  }
  r->regression_row = r->set->task == QRT_EVAL_TASK_REGRESSION;
  if (r->regression_row) {
    qrt_accept_tensor_result& t = res->tensors[r->tensor_count];
    copy_text(t.name, sizeof t.name, "output 0 vs target");
    t.is_output = 0;
    t.against_float_model = 0;
  }
  return QRT_OK;
}

void compare_sample(Run* r, uint32_t sample) {
  uint32_t k = 0;
  for (int32_t o = 0; o < r->q.outputs && k < r->tensor_count; ++o) {
    const qrt_tensor_view qv = output_of(r->q, o);
    float scale = 0;
    int32_t zp = 0;
    if (!view_affine(qv, &scale, &zp)) continue;
    const float* ref = nullptr;
    if (r->against_float) {
      if (o >= r->f.outputs) continue;
      ref = static_cast<const float*>(output_of(r->f, o).data);
    } else {
      if (static_cast<uint32_t>(o) >= r->set->output_count) continue;
      qrt_eval_tensor t;
      qrt_eval_set_reference(r->set, sample, static_cast<uint32_t>(o), &t);
      ref = static_cast<const float*>(t.data);
    }
    add_tensor_error(&r->acc[k++], qv, ref, view_elements(qv));
  }
  if (r->regression_row) {
    float target = 0;
    qrt_eval_set_label_value(r->set, sample, &target);
    const qrt_tensor_view qv = output_of(r->q, 0);
    float scale = 1.0f;
    int32_t zp = 0;
    view_affine(qv, &scale, &zp);
    const float value = static_cast<float>(view_real(qv, 0, scale, zp));
    qrt_tensor_error_add_f32(&r->acc[r->tensor_count], &value, &target, 1);
  }
}

void set_accuracy(uint32_t correct, uint32_t n, double* acc, double* lo, double* hi) {
  *acc = n == 0 ? 0.0 : static_cast<double>(correct) / n;
  qrt_accept_wilson_interval(correct, n, QRT_ACCEPT_Z95, lo, hi);
}

}  // namespace
}  // namespace accept
}  // namespace qrt

using namespace qrt::accept;

extern "C" void qrt_accept_config_init(qrt_accept_config* config) {
  memset(config, 0, sizeof *config);
  config->report = QRT_ACCEPT_REPORT_TABLE;
}

extern "C" uint32_t qrt_accept_inference_count(const qrt_eval_set* set, uint32_t max_units) {
  if (set == nullptr || set->unit_count == 0) return 0;
  const uint32_t units = max_units == 0 || max_units > set->unit_count ? set->unit_count : max_units;
  if (set->group_count == 0) return units;
  uint32_t first = 0, count = 0;
  qrt_eval_set_unit_samples(set, units - 1, &first, &count);
  return first + count;
}

extern "C" qrt_status qrt_accept_run(const qrt_accept_config* cfg, qrt_accept_results* res,
                                     qrt_accept_verdict* verdict, qrt_error* err) {
  if (cfg == nullptr || res == nullptr || verdict == nullptr || cfg->eval_set == nullptr ||
      cfg->model.blob == nullptr) {
    return fail(err, QRT_ERR_NULL_ARGUMENT, -1,
                QRT_ACCEPT_MSG("config, results, verdict, eval set and model are required"));
  }
  qrt_accept_results_init(res);
  memset(verdict, 0, sizeof *verdict);
  static_assert(sizeof(Run) < 2048, "the run state lives on the stack");
  Run r;
  memset(&r, 0, sizeof r);
  r.cfg = cfg;
  r.set = cfg->eval_set;
  r.has_float = cfg->float_model.blob != nullptr;
  const qrt_eval_set* set = r.set;
  const uint32_t units =
      cfg->max_units == 0 || cfg->max_units > set->unit_count ? set->unit_count : cfg->max_units;
  const bool anomaly = set->task == QRT_EVAL_TASK_ANOMALY;
  if (anomaly && (cfg->unit_scores == nullptr || (r.has_float && cfg->float_unit_scores == nullptr))) {
    return fail(err, QRT_ERR_NULL_ARGUMENT, -1,
                QRT_ACCEPT_MSG("an anomaly set needs unit_scores buffers (one entry per unit)"));
  }

  qrt_status st = open_side(&cfg->model, &r.q, err);
  if (st != QRT_OK) return st;
  if ((st = qrt_accept_check_inputs(set, r.q.session, err)) != QRT_OK) return st;
  if (r.has_float) {
    if ((st = open_side(&cfg->float_model, &r.f, err)) != QRT_OK) return st;
    if ((st = qrt_accept_check_inputs(set, r.f.session, err)) != QRT_OK) return st;
  }
  if (r.q.outputs < 1) return fail(err, QRT_ERR_BAD_GRAPH, -1, QRT_ACCEPT_MSG("no outputs"));
  if (set->task == QRT_EVAL_TASK_CLASSIFICATION) {
    if (view_elements(output_of(r.q, 0)) != set->class_count ||
        (r.has_float && view_elements(output_of(r.f, 0)) != set->class_count)) {
      return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                  QRT_ACCEPT_MSG("output 0 does not have class_count elements"));
    }
  }
  float dummy_scale = 0;
  int32_t dummy_zp = 0;
  if (!view_affine(output_of(r.q, 0), &dummy_scale, &dummy_zp) ||
      (r.has_float && !view_affine(output_of(r.f, 0), &dummy_scale, &dummy_zp))) {
    return fail(err, QRT_ERR_BAD_ARGUMENT, -1,
                QRT_ACCEPT_MSG("output 0 is neither float32 nor per-tensor quantized"));
  }
  if ((st = plan_tensors(&r, res, err)) != QRT_OK) return st;

  r.q.cycles = cfg->latency_cycles;
  r.f.cycles = cfg->float_latency_cycles;
  r.q.unit_scores = cfg->unit_scores;
  r.f.unit_scores = cfg->float_unit_scores;
  Side* sides[2] = {&r.q, r.has_float ? &r.f : nullptr};
  for (Side* side : sides) {
    if (side == nullptr) continue;
    for (uint32_t w = 0; w < cfg->warmup_runs; ++w) {
      feed(set, 0, *side);
      if ((st = qrt_session_invoke(side->session)) != QRT_OK) {
        return fail(err, st, -1, QRT_ACCEPT_MSG("invoke failed"));
      }
    }
  }

  uint32_t samples = 0;
  for (uint32_t u = 0; u < units; ++u) {
    uint32_t first = 0, count = 0;
    qrt_eval_set_unit_samples(set, u, &first, &count);
    double score[2] = {0.0, 0.0};
    for (uint32_t s = first; s < first + count; ++s) {
      for (int k = 0; k < 2; ++k) {
        if (sides[k] == nullptr) continue;
        feed(set, s, *sides[k]);
        if ((st = timed_invoke(sides[k], cfg->latency_capacity)) != QRT_OK) {
          return fail(err, st, -1, QRT_ACCEPT_MSG("invoke failed"));
        }
        if (anomaly) score[k] += window_score(set, s, *sides[k]);
      }
      if (set->task == QRT_EVAL_TASK_CLASSIFICATION) {
        int32_t label = 0;
        qrt_eval_set_label_class(set, s, &label);
        qrt_paired_counts_add(&r.counts, label, view_argmax(output_of(r.q, 0)),
                              r.has_float ? view_argmax(output_of(r.f, 0)) : -1);
      }
      compare_sample(&r, s);
      ++samples;
    }
    if (anomaly) {
      int32_t label = 0;
      qrt_eval_set_label_class(set, u, &label);
      for (int k = 0; k < 2; ++k) {
        if (sides[k] == nullptr) continue;
        sides[k]->unit_scores[u] = qrt_scored_unit{score[k] / count, label};
      }
    }
    if (cfg->progress != nullptr) cfg->progress(cfg->progress_user, u + 1, units);
  }

  // ---- results -----------------------------------------------------------------------------
  res->task = set->task;
  res->samples = samples;
  res->units = units;
  res->class_count = set->class_count;
  if (set->task == QRT_EVAL_TASK_CLASSIFICATION) {
    const qrt_paired_counts& c = r.counts;
    res->correct = c.both_correct + c.quant_only;
    set_accuracy(res->correct, c.samples, &res->accuracy, &res->accuracy_low, &res->accuracy_high);
    res->measured |= QRT_MEASURED_ACCURACY;
    if (r.has_float) {
      res->float_correct = c.both_correct + c.float_only;
      set_accuracy(res->float_correct, c.samples, &res->float_accuracy, &res->float_accuracy_low,
                   &res->float_accuracy_high);
      double drop = 0;
      qrt_accept_paired_drop(&c, QRT_ACCEPT_Z95, &drop, &res->drop_low, &res->drop_high);
      res->agreement = c.samples == 0 ? 0.0 : static_cast<double>(c.agree) / c.samples;
      res->measured |= QRT_MEASURED_FLOAT_ACCURACY | QRT_MEASURED_DROP_INTERVAL |
                       QRT_MEASURED_AGREEMENT;
    }
  } else if (anomaly) {
    // The AUC needs both classes among the evaluated units; otherwise it is not measured.
    if (qrt_accept_roc_auc(cfg->unit_scores, units, &res->accuracy) == QRT_OK) {
      res->measured |= QRT_MEASURED_ACCURACY;
    }
    if (r.has_float &&
        qrt_accept_roc_auc(cfg->float_unit_scores, units, &res->float_accuracy) == QRT_OK) {
      res->measured |= QRT_MEASURED_FLOAT_ACCURACY;
    }
  }
  for (Side* side : sides) {
    if (side == nullptr || side->cycles == nullptr || side->timed == 0) continue;
    qrt_latency_stats* out = side == &r.q ? &res->latency : &res->float_latency;
    qrt_accept_latency_stats(side->cycles, side->timed, out);
    res->measured |= side == &r.q ? QRT_MEASURED_LATENCY : QRT_MEASURED_FLOAT_LATENCY;
  }
  res->cycles_per_second = qrt_port_cycles_per_second();
  qrt_memory_report used;
  qrt_session_memory(r.q.session, &used);
  res->arena_bytes = r.q.plan.arena_bytes;
  res->arena_used_bytes = used.arena_high_water;
  res->flash_bytes = r.q.plan.blob_bytes;
  res->measured |= QRT_MEASURED_ARENA | QRT_MEASURED_FLASH;
  if (r.has_float) {
    res->float_arena_bytes = r.f.plan.arena_bytes;
    res->float_flash_bytes = r.f.plan.blob_bytes;
    res->measured |= QRT_MEASURED_FLOAT_MEMORY;
  }
  if (cfg->stack_high_water != nullptr) {
    res->stack_bytes = cfg->stack_high_water(cfg->stack_user);
    res->measured |= QRT_MEASURED_STACK;
  }
  const uint32_t rows = r.tensor_count + (r.regression_row ? 1u : 0u);
  for (uint32_t k = 0; k < rows; ++k) qrt_tensor_error_finish(&r.acc[k], &res->tensors[k].error);
  res->tensor_count = rows;
  if (r.has_float && cfg->layer_units > 0) {
    const uint32_t layer_units = cfg->layer_units < units ? cfg->layer_units : units;
    if ((st = compare_layers(cfg, layer_units, res, err)) != QRT_OK) return st;
  }
  res->model_name = cfg->model.name != nullptr ? cfg->model.name : "";
  res->float_model_name = r.has_float && cfg->float_model.name != nullptr ? cfg->float_model.name
                                                                           : "";
  res->strategy = cfg->strategy != nullptr ? cfg->strategy : "";
  res->eval_set_name = cfg->eval_set_name != nullptr ? cfg->eval_set_name : set->name;
  res->target_name = cfg->target_name != nullptr ? cfg->target_name : qrt_port_name();

  // ---- verdict and report ------------------------------------------------------------------
  qrt_accept_criteria none;
  qrt_accept_criteria_init(&none);
  const qrt_accept_criteria* criteria = cfg->criteria != nullptr ? cfg->criteria : &none;
  if ((st = qrt_accept_evaluate(criteria, res, verdict)) != QRT_OK) {
    return fail(err, st, -1, QRT_ACCEPT_MSG("evaluation failed"));
  }
  if (cfg->write != nullptr) {
    if (cfg->report & QRT_ACCEPT_REPORT_TABLE) {
      qrt_accept_write_table(criteria, res, verdict, cfg->write, cfg->write_user);
    }
    if (cfg->report & QRT_ACCEPT_REPORT_JSON) {
      qrt_accept_write_json(criteria, res, verdict, cfg->write, cfg->write_user);
    }
  }
  if (err != nullptr) fail(err, QRT_OK, -1, "");
  return QRT_OK;
}
