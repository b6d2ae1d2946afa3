// Report output snapshots: the readable table and the JSON object for hand-built results,
// compared with expectations written out by hand from the layout in accept.h /
// models/formats/REPORT-JSON.md (column widths 30/30/16/14, no trailing spaces).
#include <math.h>
#include <string.h>

#include "qrt/accept.h"
#include "qrt_test.h"

namespace {

struct Capture {
  char text[8192];
  size_t len;
  int calls;
};

void capture(void* user, const char* text) {
  Capture* c = static_cast<Capture*>(user);
  const size_t n = strlen(text);
  if (c->len + n < sizeof c->text) {
    memcpy(c->text + c->len, text, n + 1);
    c->len += n;
  }
  ++c->calls;
}

// Prints the first differing line to make a failing snapshot readable.
bool same_text(const char* got, const char* want) {
  if (strcmp(got, want) == 0) return true;
  size_t i = 0;
  while (got[i] == want[i]) ++i;
  size_t line_start = i;
  while (line_start > 0 && want[line_start - 1] != '\n') --line_start;
  printf("  first difference at byte %u\n  got : %.120s\n  want: %.120s\n",
         static_cast<unsigned>(i), got + line_start, want + line_start);
  return false;
}

// ic01-like results, hand-built: 173/200 vs 171/200 correct (Wilson bounds computed offline),
// speedup 4e6 / 1.5e6, one output tensor.
qrt_accept_results ic01_results() {
  qrt_accept_results r;
  qrt_accept_results_init(&r);
  r.task = 1;
  r.samples = 200;
  r.units = 200;
  r.class_count = 10;
  r.measured = QRT_MEASURED_ACCURACY | QRT_MEASURED_FLOAT_ACCURACY | QRT_MEASURED_DROP_INTERVAL |
               QRT_MEASURED_AGREEMENT | QRT_MEASURED_LATENCY | QRT_MEASURED_FLOAT_LATENCY |
               QRT_MEASURED_ARENA | QRT_MEASURED_FLASH | QRT_MEASURED_FLOAT_MEMORY;
  r.accuracy = 0.865;
  r.accuracy_low = 0.8107086162924745;
  r.accuracy_high = 0.9055342954521209;
  r.float_accuracy = 0.855;
  r.float_accuracy_low = 0.7995133246921847;
  r.float_accuracy_high = 0.8971064935799559;
  r.correct = 173;
  r.float_correct = 171;
  r.drop_low = -0.031234;
  r.drop_high = 0.011234;
  r.agreement = 0.97;
  r.latency = qrt_latency_stats{1500000, 1400000, 1700000, 1550000, 200, 1450000, 1520000};
  r.float_latency = qrt_latency_stats{4000000, 3900000, 4100000, 4000000, 200, 3950000, 4020000};
  r.cycles_per_second = 1000000000;
  r.arena_bytes = 55712;
  r.arena_used_bytes = 55712;
  r.flash_bytes = 98496;
  r.float_arena_bytes = 150000;
  r.float_flash_bytes = 318144;
  r.tensor_count = 1;
  strcpy(r.tensors[0].name, "Identity");
  r.tensors[0].is_output = 1;
  r.tensors[0].against_float_model = 1;
  r.tensors[0].error = qrt_tensor_error{1.25e-05, 25.3149, 0.998512, 0.0234375, 2000};
  r.model_name = "ic01_int8";
  r.float_model_name = "ic01_fp32";
  r.strategy = "int8 per-channel";
  r.eval_set_name = "ic01";
  r.target_name = "host";
  return r;
}

qrt_accept_criteria ic01_criteria() {
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  const char* text =
      "max_accuracy_drop = 1%\nmin_speedup = 3\nmax_memory_bytes = 128KiB\n"
      "max_arena_bytes = 65536\nmin_snr_db = 20\n";
  qrt_accept_criteria_parse(text, strlen(text), &c, nullptr);
  return c;
}

}  // namespace

QRT_TEST(accept_report, table_snapshot_pass_through_the_or) {
  const qrt_accept_results r = ic01_results();
  const qrt_accept_criteria c = ic01_criteria();
  qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_OK);
  QRT_ASSERT_EQ(v.pass, 1);
  static Capture out;
  memset(&out, 0, sizeof out);
  QRT_ASSERT_EQ(qrt_accept_write_table(&c, &r, &v, capture, &out), QRT_OK);
  const char* want =
      "qrt acceptance report\n"
      "  model    : ic01_int8 (int8 per-channel)\n"
      "  baseline : ic01_fp32\n"
      "  eval set : ic01: 200 samples, classification, 10 classes\n"
      "  target   : host, 1000000000 cycles/s\n"
      "\n"
      "metric                        value                         threshold       margin        result\n"
      "------                        -----                         ---------       ------        ------\n"
      "top-1 accuracy                86.50% [81.07, 90.55]                                       not checked\n"
      "float top-1 accuracy          85.50% [79.95, 89.71]\n"
      "accuracy drop (abs)           -1.00 pts [-3.12, +1.12]      <= 1.00 pts     +2.00 pts     PASS\n"
      "top-1 agreement               97.00%                                                      not checked\n"
      "Identity SNR                  25.31 dB                      >= 20.00 dB     +5.31 dB      PASS\n"
      "Identity MSE                  1.25e-05                                                    not checked\n"
      "Identity cosine               0.998512                                                    not checked\n"
      "latency (median cycles)       1500000                                                     not checked\n"
      "  min / max / runs            1400000 / 1700000 / 200\n"
      "float latency (median cycles) 4000000\n"
      "  float kernels               qrt reference float32 (scalar)\n"
      // The interval: [3950000 / 1520000, 4020000 / 1450000] = [2.5987, 2.7724].
      "speedup (float / quantized)   2.67x [2.60, 2.77] 95%        >= 3.00x        -0.33x        FAIL\n"
      "memory Mem(Q) (flash)         98496 B                       <= 131072 B     +32576 B      PASS\n"
      "arena (planned)               55712 B (used 55712)          <= 65536 B      +9824 B       PASS\n"
      "flash (model blob)            98496 B                                                     not checked\n"
      "float arena / flash           150000 B / 318144 B\n"
      "\n"
      "rule: ACCURACY AND (BENEFIT: min_speedup OR max_memory_bytes) AND CAPS AND TENSORS\n"
      "  ACCURACY PASS: max_accuracy_drop PASS  (not checked: min_accuracy, min_agreement, "
      "max_perplexity_increase, max_kl_mean)\n"
      "  BENEFIT  PASS: min_speedup FAIL OR max_memory_bytes PASS\n"
      "  CAPS     PASS: max_arena_bytes PASS  (not checked: max_latency_cycles, max_flash_bytes, "
      "max_stack_bytes)\n"
      "  TENSORS  PASS: min_snr_db[Identity] PASS  (not checked: max_mse, min_cosine)\n"
      "RESULT: PASS\n";
  QRT_EXPECT(same_text(out.text, want));
  // Buffered: far fewer callback calls than fragments, each piece under 100 bytes.
  QRT_EXPECT(out.calls > 1 && out.calls < 60);
}

QRT_TEST(accept_report, table_names_the_failing_terms) {
  qrt_accept_results r = ic01_results();
  r.measured &= ~static_cast<uint32_t>(QRT_MEASURED_FLOAT_LATENCY);  // no float timing
  r.tensor_count = 0;
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  const char* text = "min_speedup = 2\nmin_snr_db = 20\nmax_flash_bytes = 64KiB\n";
  QRT_ASSERT_EQ(qrt_accept_criteria_parse(text, strlen(text), &c, nullptr), QRT_OK);
  qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_OK);
  QRT_ASSERT_EQ(v.pass, 0);
  static Capture out;
  memset(&out, 0, sizeof out);
  QRT_ASSERT_EQ(qrt_accept_write_table(&c, &r, &v, capture, &out), QRT_OK);
  // Only the rows that change, and the verdict.
  QRT_EXPECT(strstr(out.text,
                    "speedup (float / quantized)   not measured                  >= 2.00x"
                    "                      FAIL (not measured)\n") != nullptr);
  QRT_EXPECT(strstr(out.text,
                    "output SNR                    not measured                  >= 20.00 dB"
                    "                   FAIL (not measured)\n") != nullptr);
  QRT_EXPECT(strstr(out.text,
                    "flash (model blob)            98496 B                       <= 65536 B"
                    "      -32960 B      FAIL\n") != nullptr);
  QRT_EXPECT(strstr(out.text, "float latency") == nullptr);
  const char* tail =
      "  BENEFIT  FAIL: min_speedup NOT_MEASURED  (not checked: max_memory_bytes)\n"
      "  CAPS     FAIL: max_flash_bytes FAIL  (not checked: max_latency_cycles, max_arena_bytes, "
      "max_stack_bytes)\n"
      "  TENSORS  FAIL: min_snr_db NOT_MEASURED  (not checked: max_mse, min_cosine)\n"
      "RESULT: FAIL (failing: min_speedup not measured, max_flash_bytes, min_snr_db not "
      "measured)\n";
  QRT_EXPECT(strstr(out.text, tail) != nullptr);
  QRT_EXPECT(same_text(out.text + out.len - strlen(tail), tail));
}

QRT_TEST(accept_report, json_snapshot) {
  const qrt_accept_results r = ic01_results();
  const qrt_accept_criteria c = ic01_criteria();
  qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_OK);
  static Capture out;
  memset(&out, 0, sizeof out);
  QRT_ASSERT_EQ(qrt_accept_write_json(&c, &r, &v, capture, &out), QRT_OK);
  const char* want =
      "{\"schema\":\"qrt-accept-report\",\"schema_version\":1,\"pass\":true,\"judged\":true,"
      "\"model\":\"ic01_int8\",\"float_model\":\"ic01_fp32\",\"strategy\":\"int8 per-channel\","
      "\"eval_set\":\"ic01\",\"target\":\"host\",\"task\":\"classification\","
      "\"samples\":200,\"units\":200,\"accuracy_metric\":\"top1\","
      "\"accuracy\":0.865,\"accuracy_ci95\":[0.810708616,0.905534295],"
      "\"float_accuracy\":0.855,\"float_accuracy_ci95\":[0.799513325,0.897106494],"
      "\"accuracy_drop\":-0.01,\"accuracy_drop_ci95\":[-0.031234,0.011234],"
      "\"agreement\":0.97,"
      "\"latency_cycles\":{\"median\":1500000,\"median_low\":1450000,\"median_high\":1520000,"
      "\"min\":1400000,\"max\":1700000,\"mean\":1550000,\"runs\":200},"
      "\"float_latency_cycles\":{\"median\":4000000,\"median_low\":3950000,"
      "\"median_high\":4020000,\"min\":3900000,\"max\":4100000,\"mean\":4000000,\"runs\":200},"
      "\"float_kernels\":\"reference-scalar-f32\","
      "\"cycles_per_second\":1000000000,\"speedup\":2.66666667,\"speedup_low\":2.59868421,"
      "\"speedup_high\":2.77241379,"
      "\"arena_bytes\":55712,\"arena_used_bytes\":55712,\"flash_bytes\":98496,"
      "\"stack_bytes\":null,\"float_arena_bytes\":150000,\"float_flash_bytes\":318144,"
      "\"perplexity\":null,\"float_perplexity\":null,\"kl_mean\":null,\"kl_p99\":null,"
      "\"tokens_per_second\":null,\"float_tokens_per_second\":null,\"arena_categories\":null,"
      "\"tensors\":[{\"name\":\"Identity\",\"output\":true,\"reference\":\"float_model\","
      "\"elements\":2000,\"mse\":1.25e-05,\"snr_db\":25.3149,\"cosine\":0.998512,"
      "\"max_abs_error\":0.0234375}],"
      "\"settings\":{\"drop_kind\":\"absolute\",\"drop_bound\":\"estimate\","
      "\"memory_kind\":\"flash\"},"
      "\"rule\":\"ACCURACY AND (BENEFIT: min_speedup OR max_memory_bytes) AND CAPS AND TENSORS\","
      "\"groups\":{\"accuracy\":\"PASS\",\"benefit\":\"PASS\",\"caps\":\"PASS\","
      "\"tensors\":\"PASS\"},"
      "\"terms\":["
      "{\"criterion\":\"max_accuracy_drop\",\"group\":\"accuracy\",\"tensor\":null,"
      "\"status\":\"PASS\",\"value\":-0.01,\"threshold\":0.01,\"margin\":0.02},"
      "{\"criterion\":\"min_accuracy\",\"group\":\"accuracy\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":0.865,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"min_agreement\",\"group\":\"accuracy\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":0.97,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"max_perplexity_increase\",\"group\":\"accuracy\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":null,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"max_kl_mean\",\"group\":\"accuracy\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":null,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"min_speedup\",\"group\":\"benefit\",\"tensor\":null,"
      "\"status\":\"FAIL\",\"value\":2.66666667,\"threshold\":3,\"margin\":-0.333333333},"
      "{\"criterion\":\"max_memory_bytes\",\"group\":\"benefit\",\"tensor\":null,"
      "\"status\":\"PASS\",\"value\":98496,\"threshold\":131072,\"margin\":32576},"
      "{\"criterion\":\"max_latency_cycles\",\"group\":\"caps\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":1500000,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"max_arena_bytes\",\"group\":\"caps\",\"tensor\":null,"
      "\"status\":\"PASS\",\"value\":55712,\"threshold\":65536,\"margin\":9824},"
      "{\"criterion\":\"max_flash_bytes\",\"group\":\"caps\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":98496,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"max_stack_bytes\",\"group\":\"caps\",\"tensor\":null,"
      "\"status\":\"NOT_CHECKED\",\"value\":null,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"min_snr_db\",\"group\":\"tensors\",\"tensor\":\"Identity\","
      "\"status\":\"PASS\",\"value\":25.3149,\"threshold\":20,\"margin\":5.3149},"
      "{\"criterion\":\"max_mse\",\"group\":\"tensors\",\"tensor\":\"Identity\","
      "\"status\":\"NOT_CHECKED\",\"value\":1.25e-05,\"threshold\":null,\"margin\":null},"
      "{\"criterion\":\"min_cosine\",\"group\":\"tensors\",\"tensor\":\"Identity\","
      "\"status\":\"NOT_CHECKED\",\"value\":0.998512,\"threshold\":null,\"margin\":null}"
      "],\"failing\":[]}\n";
  QRT_EXPECT(same_text(out.text, want));
}

QRT_TEST(accept_report, json_failing_escaping_and_infinities) {
  qrt_accept_results r;
  qrt_accept_results_init(&r);
  r.task = 2;  // anomaly: accuracy is an AUC, no interval
  r.samples = 5;
  r.units = 2;
  r.measured = QRT_MEASURED_ACCURACY;
  r.accuracy = 0.75;
  r.tensor_count = 1;
  strcpy(r.tensors[0].name, "a\"b\\c\n");
  r.tensors[0].is_output = 1;
  r.tensors[0].error.snr_db = HUGE_VAL;
  r.tensors[0].error.cosine = 1.0;
  r.model_name = "m";
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_ACCURACY, 0.85, 1);
  qrt_accept_criteria_set(&c, QRT_CRIT_MIN_SNR_DB, 30, 1);
  qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_OK);
  static Capture out;
  memset(&out, 0, sizeof out);
  QRT_ASSERT_EQ(qrt_accept_write_json(&c, &r, &v, capture, &out), QRT_OK);
  QRT_EXPECT(strstr(out.text, "\"pass\":false,") != nullptr);
  QRT_EXPECT(strstr(out.text, "\"accuracy_metric\":\"roc_auc\",\"accuracy\":0.75,"
                              "\"accuracy_ci95\":null,\"float_accuracy\":null,") != nullptr);
  QRT_EXPECT(strstr(out.text, "\"name\":\"a\\\"b\\\\c\\u000a\"") != nullptr);
  QRT_EXPECT(strstr(out.text, "\"snr_db\":\"inf\"") != nullptr);
  QRT_EXPECT(strstr(out.text, "\"status\":\"PASS\",\"value\":\"inf\",\"threshold\":30,"
                              "\"margin\":\"inf\"") != nullptr);
  QRT_EXPECT(strstr(out.text, "\"failing\":[\"min_accuracy\"]}\n") != nullptr);
  // The table shows the AUC plainly.
  memset(&out, 0, sizeof out);
  QRT_ASSERT_EQ(qrt_accept_write_table(&c, &r, &v, capture, &out), QRT_OK);
  QRT_EXPECT(strstr(out.text, "ROC AUC                       0.75                          >= 0.85"
                              "         -0.1          FAIL\n") != nullptr);
  QRT_EXPECT(strstr(out.text, "  eval set : 5 samples in 2 units, anomaly\n") != nullptr);
}

QRT_TEST(accept_report, layer_and_regression_rows_are_compact) {
  qrt_accept_results r = ic01_results();
  r.tensor_count = 3;
  strcpy(r.tensors[1].name, "model/activation/Relu");  // a layer: never judged
  r.tensors[1].is_output = 0;
  r.tensors[1].against_float_model = 1;
  r.tensors[1].error = qrt_tensor_error{0.001, 33.916, 0.99984, 0.1, 100};
  strcpy(r.tensors[2].name, "output 0 vs target");  // the regression row
  r.tensors[2].is_output = 0;
  r.tensors[2].against_float_model = 0;
  r.tensors[2].error = qrt_tensor_error{0.0025, 12.5, 0.9, 0.1, 100};
  const qrt_accept_criteria c = ic01_criteria();
  qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_OK);
  QRT_EXPECT_EQ(v.term_count, static_cast<uint32_t>(QRT_CRIT_COUNT));  // only the output judged
  static Capture out;
  memset(&out, 0, sizeof out);
  QRT_ASSERT_EQ(qrt_accept_write_table(&c, &r, &v, capture, &out), QRT_OK);
  const char* want =
      "Identity cosine               0.998512                                                    not checked\n"
      "layers vs float (SNR, cosine)\n"
      "  model/activation/Relu       33.92 dB, 0.9998\n"
      "output 0 vs target            MSE 0.0025, SNR 12.50 dB\n"
      "latency (median cycles)";
  QRT_EXPECT(strstr(out.text, want) != nullptr);
}

QRT_TEST(accept_report, rejects_null_arguments) {
  qrt_accept_results r;
  qrt_accept_results_init(&r);
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_verdict v;
  QRT_ASSERT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_OK);
  QRT_EXPECT_EQ(qrt_accept_write_table(&c, &r, &v, nullptr, nullptr), QRT_ERR_NULL_ARGUMENT);
  QRT_EXPECT_EQ(qrt_accept_write_json(nullptr, &r, &v, capture, nullptr), QRT_ERR_NULL_ARGUMENT);
  QRT_EXPECT_EQ(qrt_accept_evaluate(&c, nullptr, &v), QRT_ERR_NULL_ARGUMENT);
  r.tensor_count = QRT_ACCEPT_MAX_TENSORS + 1;
  QRT_EXPECT_EQ(qrt_accept_evaluate(&c, &r, &v), QRT_ERR_BAD_ARGUMENT);
}
