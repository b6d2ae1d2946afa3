// Criteria files (models/formats/CRITERIA.md) and the acceptance rule: parsing good and bad lines
// (line number and reason), the C API setter, and PASS/FAIL per term, per group, with the OR of
// the BENEFIT group, "not checked" and "not measured".
#include <math.h>
#include <string.h>

#include "qrt/accept.h"
#include "qrt_test.h"

namespace {

qrt_status parse(const char* text, qrt_accept_criteria* c, qrt_criteria_parse_error* e) {
  return qrt_accept_criteria_parse(text, strlen(text), c, e);
}

bool is_set(const qrt_accept_criteria& c, qrt_criterion id) { return ((c.set_mask >> id) & 1u) != 0; }

// Parses one bad text; checks the status, the line, and that `fragment` is in the message.
bool rejects(const char* text, int32_t line, const char* fragment) {
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, 3.0, 1);
  const qrt_accept_criteria before = c;
  qrt_criteria_parse_error e;
  const qrt_status st = parse(text, &c, &e);
  bool ok = st == QRT_ERR_BAD_ARGUMENT && e.line == line && qrt_test::message_has(e.message, fragment);
  ok = ok && memcmp(&before, &c, sizeof c) == 0;  // unchanged on error
  if (!ok) {
    printf("  status %d line %d message '%s'\n", static_cast<int>(st), static_cast<int>(e.line),
           e.message);
  }
  return ok;
}

}  // namespace

QRT_TEST(accept_criteria, parses_the_documented_example) {
  const char* text =
      "# ic01 on a 1 MB flash / 256 KB RAM board\n"
      "max_accuracy_drop = 1.0%      # Acc(Q) >= Acc(FP) - 1 percentage point\n"
      "drop_kind         = absolute\n"
      "min_speedup       = 2.0       # Lat(Q) <= Lat(FP) / 2 ...\n"
      "max_memory_bytes  = 256KiB    # ... OR Mem(Q) <= 256 KiB\n"
      "memory_kind       = flash\n"
      "max_arena_bytes   = 65536     # absolute cap\n"
      "min_snr_db        = 15        # per output tensor\n";
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_criteria_parse_error e;
  QRT_ASSERT_EQ(parse(text, &c, &e), QRT_OK);
  QRT_EXPECT_EQ(e.line, 0);
  QRT_EXPECT(is_set(c, QRT_CRIT_MAX_ACCURACY_DROP));
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_ACCURACY_DROP], 0.01, 1e-17);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MIN_SPEEDUP], 2.0, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_MEMORY_BYTES], 262144.0, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_ARENA_BYTES], 65536.0, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MIN_SNR_DB], 15.0, 0.0);
  QRT_EXPECT_EQ(c.drop_kind, QRT_DROP_ABSOLUTE);
  QRT_EXPECT_EQ(c.memory_kind, QRT_MEMORY_FLASH);
  QRT_EXPECT(!is_set(c, QRT_CRIT_MAX_FLASH_BYTES));
  QRT_EXPECT(!is_set(c, QRT_CRIT_MIN_ACCURACY));
  QRT_EXPECT_EQ(__builtin_popcount(c.set_mask), 5);
}

QRT_TEST(accept_criteria, value_kinds_and_layout) {
  const char* text =
      "\r\n"
      "  \tmin_accuracy=0.85\r\n"          // fraction without %, CRLF, no spaces around '='
      "min_agreement = 95 %\n"              // space before %
      "max_perplexity_increase = 150%\n"    // > 1 allowed with %
      "max_kl_mean = 2.5e-3\n"
      "max_latency_cycles = 2500000\n"
      "max_flash_bytes = 1MiB\n"
      "max_stack_bytes = 4 KiB\n"
      "min_cosine = -0.5\n"
      "max_mse = 1E-4\n"
      "drop_kind = relative\n"
      "drop_bound = upper95\n"
      "memory_kind = arena+flash\n"
      "min_snr_db = -3.25";                 // last line without newline
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  QRT_ASSERT_EQ(parse(text, &c, nullptr), QRT_OK);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MIN_ACCURACY], 0.85, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MIN_AGREEMENT], 0.95, 1e-16);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_PERPLEXITY_INCREASE], 1.5, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_KL_MEAN], 0.0025, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_LATENCY_CYCLES], 2500000.0, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_FLASH_BYTES], 1048576.0, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_STACK_BYTES], 4096.0, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MIN_COSINE], -0.5, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MAX_MSE], 1e-4, 0.0);
  QRT_EXPECT_NEAR(c.value[QRT_CRIT_MIN_SNR_DB], -3.25, 0.0);
  QRT_EXPECT_EQ(c.drop_kind, QRT_DROP_RELATIVE);
  QRT_EXPECT_EQ(c.drop_bound, QRT_DROP_BOUND_UPPER95);
  QRT_EXPECT_EQ(c.memory_kind, QRT_MEMORY_ARENA_FLASH);
}

QRT_TEST(accept_criteria, none_unsets_and_text_layers_on_existing_values) {
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  QRT_ASSERT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, 4.0, 1), QRT_OK);
  QRT_ASSERT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ARENA_BYTES, 1000.0, 1), QRT_OK);
  QRT_ASSERT_EQ(parse("min_speedup = none\nmax_flash_bytes = 5\n", &c, nullptr), QRT_OK);
  QRT_EXPECT(!is_set(c, QRT_CRIT_MIN_SPEEDUP));
  QRT_EXPECT(is_set(c, QRT_CRIT_MAX_ARENA_BYTES));  // untouched by the text
  QRT_EXPECT(is_set(c, QRT_CRIT_MAX_FLASH_BYTES));
  QRT_ASSERT_EQ(parse("", &c, nullptr), QRT_OK);
  QRT_ASSERT_EQ(parse("# only a comment\n\n   \n", &c, nullptr), QRT_OK);
}

QRT_TEST(accept_criteria, bad_lines_report_line_and_reason) {
  QRT_EXPECT(rejects("min_speedup = 2\nmax_acc_drop = 1%\n", 2, "unknown key 'max_acc_drop'"));
  QRT_EXPECT(rejects("\n\n\nmin_speedup 2\n", 4, "missing '='"));
  QRT_EXPECT(rejects("min_speedup = two\n", 1, "bad number 'two'"));
  QRT_EXPECT(rejects("max_accuracy_drop = 1.5\n", 1, ">= 1 without '%'"));
  // "1" is one point or all of them: refused either way (CRITERIA.md); "1%" and "0.01" are one point.
  QRT_EXPECT(rejects("max_accuracy_drop = 1\n", 1, "ambiguous (write 1% for one point"));
  QRT_EXPECT(rejects("min_accuracy = 1.0\n", 1, "ambiguous"));
  QRT_EXPECT(rejects("min_speedup = 2\n# ok\nmin_speedup = 3\n", 3, "'min_speedup' set twice"));
  QRT_EXPECT(rejects("min_speedup = 0\n", 1, "'min_speedup' out of range"));
  QRT_EXPECT(rejects("min_speedup = -1\n", 1, "out of range"));
  QRT_EXPECT(rejects("max_accuracy_drop = 101%\n", 1, "out of range"));
  QRT_EXPECT(rejects("min_cosine = 1.5\n", 1, "out of range"));
  QRT_EXPECT(rejects("max_mse = -0.1\n", 1, "out of range"));
  QRT_EXPECT(rejects("max_arena_bytes = 64K\n", 1, "unexpected text 'K'"));
  QRT_EXPECT(rejects("max_arena_bytes = 1.5\n", 1, "unexpected text '.5'"));
  QRT_EXPECT(rejects("max_arena_bytes = -5\n", 1, "bad integer '-5'"));
  QRT_EXPECT(rejects("max_latency_cycles = 1e6\n", 1, "unexpected text 'e6'"));
  QRT_EXPECT(rejects("min_snr_db = 20 dB\n", 1, "unexpected text 'dB'"));
  QRT_EXPECT(rejects("min_snr_db = 1e999\n", 1, "out of range"));
  QRT_EXPECT(rejects("min_snr_db =\n", 1, "missing value for 'min_snr_db'"));
  QRT_EXPECT(rejects(" = 5\n", 1, "missing key"));
  QRT_EXPECT(rejects("drop_kind = percent\n", 1, "expected absolute or relative"));
  QRT_EXPECT(rejects("memory_kind = ram\n", 1, "expected flash, arena or arena+flash"));
  QRT_EXPECT(rejects("drop_bound = none\n", 1, "bad value 'none'"));
  QRT_EXPECT(rejects("MIN_SPEEDUP = 2\n", 1, "unknown key"));  // keys are lowercase
}

QRT_TEST(accept_criteria, setter_checks_ranges) {
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  QRT_EXPECT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, 0.0, 1), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, NAN, 1),
                QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_COUNT, 1.0, 1), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT_EQ(c.set_mask, 0u);
  QRT_EXPECT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, 0.02, 1), QRT_OK);
  QRT_EXPECT_EQ(qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, 0.0, 0), QRT_OK);
  QRT_EXPECT_EQ(c.set_mask, 0u);
  QRT_EXPECT(strcmp(qrt_accept_criterion_key(QRT_CRIT_MAX_FLASH_BYTES), "max_flash_bytes") == 0);
  QRT_EXPECT_EQ(qrt_accept_criterion_group(QRT_CRIT_MAX_MEMORY_BYTES), QRT_GROUP_BENEFIT);
  QRT_EXPECT_EQ(qrt_accept_criterion_is_max(QRT_CRIT_MIN_SNR_DB), 0);
  QRT_EXPECT(qrt_accept_criterion_key(QRT_CRIT_COUNT) == nullptr);
}

// ---- the rule --------------------------------------------------------------------------------

namespace {

// A classification result: Acc(Q) 0.86, Acc(FP) 0.87, float 4000 cycles, quantized 1500
// (speedup 2.6667), arena 50000, flash 100000, one output tensor at SNR 22 dB.
qrt_accept_results sample_results() {
  qrt_accept_results r;
  qrt_accept_results_init(&r);
  r.task = 1;
  r.samples = r.units = 100;
  r.measured = QRT_MEASURED_ACCURACY | QRT_MEASURED_FLOAT_ACCURACY | QRT_MEASURED_DROP_INTERVAL |
               QRT_MEASURED_AGREEMENT | QRT_MEASURED_LATENCY | QRT_MEASURED_FLOAT_LATENCY |
               QRT_MEASURED_ARENA | QRT_MEASURED_FLASH;
  r.accuracy = 0.86;
  r.float_accuracy = 0.87;
  r.drop_low = -0.02;
  r.drop_high = 0.035;
  r.agreement = 0.95;
  r.latency.median = 1500;
  r.float_latency.median = 4000;
  r.arena_bytes = 50000;
  r.flash_bytes = 100000;
  r.tensor_count = 2;
  strcpy(r.tensors[0].name, "out");
  r.tensors[0].is_output = 1;
  r.tensors[0].error.snr_db = 22.0;
  r.tensors[0].error.mse = 0.001;
  r.tensors[0].error.cosine = 0.999;
  strcpy(r.tensors[1].name, "hidden");  // intermediate: never judged
  r.tensors[1].error.snr_db = 3.0;
  return r;
}

const qrt_accept_term* find(const qrt_accept_verdict& v, qrt_criterion id, int32_t tensor = -1) {
  for (uint32_t i = 0; i < v.term_count; ++i) {
    if (v.terms[i].criterion == id && v.terms[i].tensor == tensor) return &v.terms[i];
  }
  return nullptr;
}

qrt_accept_verdict judge(const qrt_accept_criteria& c, const qrt_accept_results& r) {
  qrt_accept_verdict v;
  qrt_accept_evaluate(&c, &r, &v);
  return v;
}

}  // namespace

// With no criterion there is no verdict: not judged, and never a PASS.
QRT_TEST(accept_rule, nothing_set_is_not_judged_with_every_group_not_checked) {
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  const qrt_accept_verdict v = judge(c, sample_results());
  QRT_EXPECT_EQ(v.judged, 0);
  QRT_EXPECT_EQ(v.pass, 0);
  for (int g = 0; g < QRT_GROUP_COUNT; ++g) QRT_EXPECT_EQ(v.group[g], QRT_TERM_NOT_CHECKED);
  // Every criterion has a term; the tensor criteria one per output tensor (one output here).
  QRT_EXPECT_EQ(v.term_count, static_cast<uint32_t>(QRT_CRIT_COUNT));
  QRT_EXPECT(find(v, QRT_CRIT_MIN_SNR_DB, 0) != nullptr);
  QRT_EXPECT(find(v, QRT_CRIT_MIN_SNR_DB, 1) == nullptr);  // intermediate
  QRT_EXPECT(isnan(find(v, QRT_CRIT_MIN_SPEEDUP)->threshold));
}

QRT_TEST(accept_rule, accuracy_drop_absolute_relative_and_bound) {
  qrt_accept_results r = sample_results();
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, 0.01, 1);
  // drop = 0.87 - 0.86 = 0.01 <= 0.01: PASS with margin 0 (up to rounding of 0.87 - 0.86).
  qrt_accept_verdict v = judge(c, r);
  const qrt_accept_term* t = find(v, QRT_CRIT_MAX_ACCURACY_DROP);
  QRT_EXPECT_NEAR(t->value, 0.01, 1e-15);
  QRT_EXPECT(fabs(t->margin) < 1e-15);
  // The sign of 0.87 - 0.86 - 0.01 in doubles decides; compute the same expression here.
  const bool expected_pass = (0.87 - 0.86) <= 0.01;
  QRT_EXPECT_EQ(t->status, expected_pass ? QRT_TERM_PASS : QRT_TERM_FAIL);
  // 0.9 point drop allowed: FAIL.
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, 0.009, 1);
  v = judge(c, r);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_ACCURACY_DROP)->status, QRT_TERM_FAIL);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_ACCURACY], QRT_TERM_FAIL);
  QRT_EXPECT_EQ(v.pass, 0);
  // Relative: 0.01 / 0.87 = 1.149% of the float accuracy; allow 1.2%: PASS, margin 0.051%.
  c.drop_kind = QRT_DROP_RELATIVE;
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, 0.012, 1);
  v = judge(c, r);
  t = find(v, QRT_CRIT_MAX_ACCURACY_DROP);
  QRT_EXPECT_NEAR(t->value, 0.01 / 0.87, 1e-14);
  QRT_EXPECT_NEAR(t->margin, 0.012 - 0.01 / 0.87, 1e-14);
  QRT_EXPECT_EQ(t->status, QRT_TERM_PASS);
  // Upper bound of the paired interval: 0.035 absolute > 0.02 allowed.
  c.drop_kind = QRT_DROP_ABSOLUTE;
  c.drop_bound = QRT_DROP_BOUND_UPPER95;
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ACCURACY_DROP, 0.02, 1);
  v = judge(c, r);
  t = find(v, QRT_CRIT_MAX_ACCURACY_DROP);
  QRT_EXPECT_NEAR(t->value, 0.035, 0.0);
  QRT_EXPECT_EQ(t->status, QRT_TERM_FAIL);
  // No interval (an AUC drop): the upper bound is not measured, which fails.
  r.measured &= ~static_cast<uint32_t>(QRT_MEASURED_DROP_INTERVAL);
  v = judge(c, r);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_ACCURACY_DROP)->status, QRT_TERM_NOT_MEASURED);
  QRT_EXPECT_EQ(v.pass, 0);
}

QRT_TEST(accept_rule, benefit_is_an_or_of_speedup_and_memory) {
  const qrt_accept_results r = sample_results();  // speedup 4000/1500 = 2.6667, flash 100000
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  struct Case {
    double s_min;     // 0 = unset
    double m_max;     // 0 = unset
    qrt_term_status speedup, memory, group;
  } cases[] = {
      {2.0, 0, QRT_TERM_PASS, QRT_TERM_NOT_CHECKED, QRT_TERM_PASS},
      {3.0, 0, QRT_TERM_FAIL, QRT_TERM_NOT_CHECKED, QRT_TERM_FAIL},
      {3.0, 200000, QRT_TERM_FAIL, QRT_TERM_PASS, QRT_TERM_PASS},  // the OR rescues
      {2.0, 50000, QRT_TERM_PASS, QRT_TERM_FAIL, QRT_TERM_PASS},
      {3.0, 50000, QRT_TERM_FAIL, QRT_TERM_FAIL, QRT_TERM_FAIL},
      {0, 100000, QRT_TERM_NOT_CHECKED, QRT_TERM_PASS, QRT_TERM_PASS},  // <= is inclusive
  };
  for (const Case& k : cases) {
    qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, k.s_min, k.s_min > 0);
    qrt_accept_criteria_set(&c, QRT_CRIT_MAX_MEMORY_BYTES, k.m_max, k.m_max > 0);
    const qrt_accept_verdict v = judge(c, r);
    QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SPEEDUP)->status, k.speedup);
    QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_MEMORY_BYTES)->status, k.memory);
    QRT_EXPECT_EQ(v.group[QRT_GROUP_BENEFIT], k.group);
    QRT_EXPECT_EQ(v.pass, k.group == QRT_TERM_FAIL ? 0 : 1);
  }
  // Values and margins: speedup 8/3, margin 8/3 - 3; memory margin 200000 - 100000.
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, 3.0, 1);
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_MEMORY_BYTES, 200000, 1);
  const qrt_accept_verdict v = judge(c, r);
  QRT_EXPECT_NEAR(find(v, QRT_CRIT_MIN_SPEEDUP)->value, 8.0 / 3.0, 1e-15);
  QRT_EXPECT_NEAR(find(v, QRT_CRIT_MIN_SPEEDUP)->margin, 8.0 / 3.0 - 3.0, 1e-15);
  QRT_EXPECT_NEAR(find(v, QRT_CRIT_MAX_MEMORY_BYTES)->margin, 100000.0, 0.0);
}

QRT_TEST(accept_rule, memory_kind_selects_mem_q) {
  const qrt_accept_results r = sample_results();
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_MEMORY_BYTES, 120000, 1);
  QRT_EXPECT_EQ(judge(c, r).group[QRT_GROUP_BENEFIT], QRT_TERM_PASS);  // flash 100000
  c.memory_kind = QRT_MEMORY_ARENA_FLASH;  // 150000
  QRT_EXPECT_EQ(judge(c, r).group[QRT_GROUP_BENEFIT], QRT_TERM_FAIL);
  c.memory_kind = QRT_MEMORY_ARENA;  // 50000
  const qrt_accept_verdict v = judge(c, r);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_BENEFIT], QRT_TERM_PASS);
  QRT_EXPECT_NEAR(find(v, QRT_CRIT_MAX_MEMORY_BYTES)->value, 50000.0, 0.0);
}

QRT_TEST(accept_rule, caps_floors_and_not_measured) {
  qrt_accept_results r = sample_results();
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_ARENA_BYTES, 60000, 1);
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_FLASH_BYTES, 90000, 1);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SNR_DB, 20.0, 1);
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_MSE, 0.0005, 1);
  qrt_accept_verdict v = judge(c, r);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_ARENA_BYTES)->status, QRT_TERM_PASS);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_FLASH_BYTES)->status, QRT_TERM_FAIL);
  QRT_EXPECT_NEAR(find(v, QRT_CRIT_MAX_FLASH_BYTES)->margin, -10000.0, 0.0);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_CAPS], QRT_TERM_FAIL);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SNR_DB, 0)->status, QRT_TERM_PASS);  // 22 >= 20
  QRT_EXPECT_NEAR(find(v, QRT_CRIT_MIN_SNR_DB, 0)->margin, 2.0, 0.0);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_MSE, 0)->status, QRT_TERM_FAIL);     // 0.001 > 0.0005
  QRT_EXPECT_EQ(v.group[QRT_GROUP_TENSORS], QRT_TERM_FAIL);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_ACCURACY], QRT_TERM_NOT_CHECKED);
  QRT_EXPECT_EQ(v.pass, 0);
  // An exact output (SNR +inf) passes any floor.
  r.tensors[0].error.snr_db = HUGE_VAL;
  r.tensors[0].error.mse = 0.0;
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_FLASH_BYTES, 0, 0);
  v = judge(c, r);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SNR_DB, 0)->status, QRT_TERM_PASS);
  QRT_EXPECT_EQ(v.pass, 1);
  // A stack cap without a stack measurement, a speedup without float latency: not measured.
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_STACK_BYTES, 4096, 1);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SPEEDUP, 1.5, 1);
  r.measured &= ~static_cast<uint32_t>(QRT_MEASURED_FLOAT_LATENCY);
  v = judge(c, r);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MAX_STACK_BYTES)->status, QRT_TERM_NOT_MEASURED);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SPEEDUP)->status, QRT_TERM_NOT_MEASURED);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_BENEFIT], QRT_TERM_FAIL);
  QRT_EXPECT_EQ(v.pass, 0);
  // No output tensor compared: a set floor is one not-measured term.
  r.tensor_count = 0;
  v = judge(c, r);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SNR_DB, -1)->status, QRT_TERM_NOT_MEASURED);
}

QRT_TEST(accept_rule, floors_apply_to_every_output) {
  qrt_accept_results r = sample_results();
  r.tensors[1].is_output = 1;  // now two outputs: 22 dB and 3 dB
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SNR_DB, 10.0, 1);
  const qrt_accept_verdict v = judge(c, r);
  QRT_EXPECT_EQ(v.term_count, static_cast<uint32_t>(QRT_CRIT_COUNT + 3));
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SNR_DB, 0)->status, QRT_TERM_PASS);
  QRT_EXPECT_EQ(find(v, QRT_CRIT_MIN_SNR_DB, 1)->status, QRT_TERM_FAIL);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_TENSORS], QRT_TERM_FAIL);
}

QRT_TEST(accept_rule, the_seed_rule_end_to_end_from_text) {
  // Acc(Q) >= Acc(FP) - 2% AND (Lat(Q) <= Lat(FP)/3 OR Mem(Q) <= 128 KiB): drop 1 point passes,
  // speedup 2.67 < 3 fails, flash 100000 <= 131072 passes -> PASS.
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  const char* text = "max_accuracy_drop = 2%\nmin_speedup = 3\nmax_memory_bytes = 128KiB\n";
  QRT_ASSERT_EQ(parse(text, &c, nullptr), QRT_OK);
  qrt_accept_verdict v = judge(c, sample_results());
  QRT_EXPECT_EQ(v.pass, 1);
  // With 64 KiB the OR has no passing side: FAIL.
  qrt_accept_criteria_set(&c, QRT_CRIT_MAX_MEMORY_BYTES, 65536, 1);
  v = judge(c, sample_results());
  QRT_EXPECT_EQ(v.pass, 0);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_ACCURACY], QRT_TERM_PASS);
  QRT_EXPECT_EQ(v.group[QRT_GROUP_BENEFIT], QRT_TERM_FAIL);
}
