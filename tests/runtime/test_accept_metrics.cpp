// Acceptance metrics against independent computations: published values, hand-computed cases,
// and direct double-precision re-computations that take a different route from the library
// (quadratic roots for Wilson, an O(P*N) pair count for AUC, plain softmax for KL).
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qrt/accept_metrics.h"
#include "qrt_test.h"

namespace {

// Deterministic pseudo-random numbers (xorshift32), the same on every target.
struct Rng {
  uint32_t s;
  uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
  double uniform() { return (next() >> 8) * (1.0 / 16777216.0); }
  int32_t range(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(next() % static_cast<uint32_t>(hi - lo + 1));
  }
};

}  // namespace

// ---- argmax ----------------------------------------------------------------------------------

QRT_TEST(accept_metrics, argmax_first_index_wins_ties) {
  const int8_t a[] = {-5, 7, 3, 7, -128};
  QRT_EXPECT_EQ(qrt_accept_argmax_s8(a, 5), 1);
  const int8_t all_min[] = {-128, -128, -128};
  QRT_EXPECT_EQ(qrt_accept_argmax_s8(all_min, 3), 0);
  const uint8_t u[] = {0, 255, 255};
  QRT_EXPECT_EQ(qrt_accept_argmax_u8(u, 3), 1);
  const int16_t s[] = {-300, -200, 32767};
  QRT_EXPECT_EQ(qrt_accept_argmax_s16(s, 3), 2);
  QRT_EXPECT_EQ(qrt_accept_argmax_s8(a, 0), -1);
}

QRT_TEST(accept_metrics, argmax_f32_nan_never_wins) {
  const float f[] = {NAN, 1.0f, NAN, 2.0f, 2.0f};
  QRT_EXPECT_EQ(qrt_accept_argmax_f32(f, 5), 3);
  const float only_nan[] = {NAN, NAN};
  QRT_EXPECT_EQ(qrt_accept_argmax_f32(only_nan, 2), -1);
  const float neg[] = {-INFINITY, -1e30f};
  QRT_EXPECT_EQ(qrt_accept_argmax_f32(neg, 2), 1);
}

// ---- Wilson interval -------------------------------------------------------------------------

QRT_TEST(accept_metrics, wilson_matches_published_values) {
  double lo = 0, hi = 0;
  // Newcombe (1998), Stat. Med. 17:857, example 81/263: score interval 0.2553 to 0.3662.
  qrt_accept_wilson_interval(81, 263, QRT_ACCEPT_Z95, &lo, &hi);
  QRT_EXPECT_NEAR(lo, 0.2553, 5e-5);
  QRT_EXPECT_NEAR(hi, 0.3662, 5e-5);
  // 0 of n: the upper bound is z^2 / (n + z^2) (the quadratic's nonzero root); n of n mirrors it.
  const double z2 = QRT_ACCEPT_Z95 * QRT_ACCEPT_Z95;
  qrt_accept_wilson_interval(0, 10, QRT_ACCEPT_Z95, &lo, &hi);
  QRT_EXPECT_FLOAT_EQ(lo, 0.0);
  QRT_EXPECT_NEAR(hi, z2 / (10.0 + z2), 1e-12);
  qrt_accept_wilson_interval(10, 10, QRT_ACCEPT_Z95, &lo, &hi);
  QRT_EXPECT_NEAR(lo, 10.0 / (10.0 + z2), 1e-12);
  QRT_EXPECT_FLOAT_EQ(hi, 1.0);
  qrt_accept_wilson_interval(0, 0, QRT_ACCEPT_Z95, &lo, &hi);
  QRT_EXPECT_FLOAT_EQ(lo, 0.0);
  QRT_EXPECT_FLOAT_EQ(hi, 1.0);
}

QRT_TEST(accept_metrics, wilson_bounds_are_roots_of_the_score_equation) {
  // The Wilson bounds solve (phat - p)^2 = z^2 p (1 - p) / n, i.e.
  // (n + z^2) p^2 - (2 n phat + z^2) p + n phat^2 = 0. Solve it with the quadratic formula.
  const uint32_t cases[][2] = {{1, 2}, {173, 200}, {901, 1000}, {3, 1000}, {999, 1000}, {50, 100}};
  const double z = QRT_ACCEPT_Z95;
  for (const auto& c : cases) {
    const double n = c[1], phat = c[0] / n;
    const double a = n + z * z, b = -(2 * n * phat + z * z), cc = n * phat * phat;
    const double disc = sqrt(b * b - 4 * a * cc);
    double lo = 0, hi = 0;
    qrt_accept_wilson_interval(c[0], c[1], z, &lo, &hi);
    QRT_EXPECT_NEAR(lo, (-b - disc) / (2 * a), 1e-12);
    QRT_EXPECT_NEAR(hi, (-b + disc) / (2 * a), 1e-12);
    QRT_EXPECT(lo <= phat && phat <= hi);
  }
}

// ---- paired drop ------------------------------------------------------------------------------

QRT_TEST(accept_metrics, paired_counts_from_predictions) {
  // label, quant top-1, float top-1
  const int32_t rows[][3] = {{0, 0, 0}, {1, 1, 2}, {2, 0, 2}, {3, 1, 1}, {4, 4, 4}, {5, 2, 2}};
  qrt_paired_counts c;
  memset(&c, 0, sizeof c);
  for (const auto& r : rows) qrt_paired_counts_add(&c, r[0], r[1], r[2]);
  QRT_EXPECT_EQ(c.samples, 6u);
  QRT_EXPECT_EQ(c.both_correct, 2u);  // rows 0 and 4
  QRT_EXPECT_EQ(c.quant_only, 1u);    // row 1
  QRT_EXPECT_EQ(c.float_only, 1u);    // row 2
  QRT_EXPECT_EQ(c.neither, 2u);       // rows 3 and 5
  QRT_EXPECT_EQ(c.agree, 4u);         // rows 0, 3, 4, 5
}

QRT_TEST(accept_metrics, paired_drop_hand_computed) {
  // n = 100, 5 samples only the float model gets right, 1 only the quantized one: drop 4 points.
  // Agresti-Min by hand: b = 5.5, c = 1.5, n' = 102, d' = 4/102 = 0.0392157,
  // var = (7/102 - d'^2)/102 = 6.5774e-4, half width 1.959964 * 0.0256465 = 0.0502660:
  // [-0.0110505, 0.0894818].
  qrt_paired_counts c;
  memset(&c, 0, sizeof c);
  c.samples = 100;
  c.both_correct = 80;
  c.float_only = 5;
  c.quant_only = 1;
  c.neither = 14;
  double d = 0, lo = 0, hi = 0;
  qrt_accept_paired_drop(&c, QRT_ACCEPT_Z95, &d, &lo, &hi);
  QRT_EXPECT_NEAR(d, 0.04, 1e-15);
  QRT_EXPECT_NEAR(lo, -0.0110505, 1e-6);
  QRT_EXPECT_NEAR(hi, 0.0894818, 1e-6);
}

QRT_TEST(accept_metrics, paired_drop_against_cell_proportion_formula) {
  // The same interval written with cell proportions of the adjusted table:
  // var = (p10 + p01 - (p10 - p01)^2) / n'.
  Rng rng{12345};
  for (int trial = 0; trial < 50; ++trial) {
    qrt_paired_counts c;
    memset(&c, 0, sizeof c);
    const int n = rng.range(1, 3000);
    for (int i = 0; i < n; ++i) {
      const int32_t label = rng.range(0, 3);
      qrt_paired_counts_add(&c, label, rng.uniform() < 0.8 ? label : rng.range(0, 3),
                            rng.uniform() < 0.82 ? label : rng.range(0, 3));
    }
    const double np = n + 2.0;
    const double p10 = (c.float_only + 0.5) / np, p01 = (c.quant_only + 0.5) / np;
    const double var = (p10 + p01 - (p10 - p01) * (p10 - p01)) / np;
    const double center = p10 - p01;
    double d = 0, lo = 0, hi = 0;
    qrt_accept_paired_drop(&c, QRT_ACCEPT_Z95, &d, &lo, &hi);
    const double acc_q = (c.both_correct + c.quant_only) / static_cast<double>(n);
    const double acc_f = (c.both_correct + c.float_only) / static_cast<double>(n);
    QRT_EXPECT_NEAR(d, acc_f - acc_q, 1e-12);
    QRT_EXPECT_NEAR(lo, fmax(-1.0, center - QRT_ACCEPT_Z95 * sqrt(var)), 1e-12);
    QRT_EXPECT_NEAR(hi, fmin(1.0, center + QRT_ACCEPT_Z95 * sqrt(var)), 1e-12);
  }
}

QRT_TEST(accept_metrics, paired_drop_without_discordant_pairs_keeps_width) {
  qrt_paired_counts c;
  memset(&c, 0, sizeof c);
  c.samples = 200;
  c.both_correct = 170;
  c.neither = 30;
  double d = 1, lo = 0, hi = 0;
  qrt_accept_paired_drop(&c, QRT_ACCEPT_Z95, &d, &lo, &hi);
  QRT_EXPECT_FLOAT_EQ(d, 0.0);
  // b = c = 0.5, n' = 202: var = (1/202)/202, half = z/202.
  QRT_EXPECT_NEAR(hi, QRT_ACCEPT_Z95 / 202.0, 1e-12);
  QRT_EXPECT_NEAR(lo, -QRT_ACCEPT_Z95 / 202.0, 1e-12);
  memset(&c, 0, sizeof c);
  qrt_accept_paired_drop(&c, QRT_ACCEPT_Z95, &d, &lo, &hi);
  QRT_EXPECT_FLOAT_EQ(lo, -1.0);
  QRT_EXPECT_FLOAT_EQ(hi, 1.0);
}

// ---- tensor error -----------------------------------------------------------------------------

QRT_TEST(accept_metrics, tensor_error_hand_computed) {
  // q = {0, 10, -10}, scale 0.5, zero point 0 -> t = {0, 5, -5}; r = {0, 4, -6}.
  // errors {0, 1, 1}: MSE 2/3; SNR 10 log10(52 / 2) = 14.149733 dB;
  // cosine (20 + 30) / sqrt(50 * 52) = 0.98058068.
  const int8_t q[] = {0, 10, -10};
  const float r[] = {0.0f, 4.0f, -6.0f};
  qrt_tensor_error_acc acc;
  memset(&acc, 0, sizeof acc);
  qrt_tensor_error_add_s8(&acc, q, 0.5f, 0, r, 3);
  qrt_tensor_error e;
  qrt_tensor_error_finish(&acc, &e);
  QRT_EXPECT_EQ(e.count, 3u);
  QRT_EXPECT_NEAR(e.mse, 2.0 / 3.0, 1e-15);
  QRT_EXPECT_NEAR(e.snr_db, 14.149733, 1e-6);
  QRT_EXPECT_NEAR(e.cosine, 0.98058068, 1e-8);
  QRT_EXPECT_NEAR(e.max_abs_error, 1.0, 0.0);
}

QRT_TEST(accept_metrics, tensor_error_zero_point_and_special_cases) {
  // zero point 3, scale 0.25: q = {3, 7} -> {0, 1}; identical to the reference: SNR +inf.
  const int8_t q[] = {3, 7};
  const float r[] = {0.0f, 1.0f};
  qrt_tensor_error_acc acc;
  memset(&acc, 0, sizeof acc);
  qrt_tensor_error_add_s8(&acc, q, 0.25f, 3, r, 2);
  qrt_tensor_error e;
  qrt_tensor_error_finish(&acc, &e);
  QRT_EXPECT_FLOAT_EQ(e.mse, 0.0);
  QRT_EXPECT(e.snr_db > 1e308);
  QRT_EXPECT_NEAR(e.cosine, 1.0, 0.0);
  // A zero reference with a nonzero test: SNR -inf, cosine 0.
  const float zeros[] = {0.0f, 0.0f};
  memset(&acc, 0, sizeof acc);
  qrt_tensor_error_add_s8(&acc, q, 0.25f, 3, zeros, 2);
  qrt_tensor_error_finish(&acc, &e);
  QRT_EXPECT(e.snr_db < -1e308);
  QRT_EXPECT_FLOAT_EQ(e.cosine, 0.0);
  // Both all zero: cosine 1 by convention, SNR +inf (no error).
  const int8_t zq[] = {3, 3};
  memset(&acc, 0, sizeof acc);
  qrt_tensor_error_add_s8(&acc, zq, 0.25f, 3, zeros, 2);
  qrt_tensor_error_finish(&acc, &e);
  QRT_EXPECT_FLOAT_EQ(e.cosine, 1.0);
  QRT_EXPECT(e.snr_db > 1e308);
}

QRT_TEST(accept_metrics, tensor_error_accumulates_over_samples_like_one_long_tensor) {
  // 40 samples of 257 int8/int16/float values each against a double oracle that dequantizes the
  // whole concatenation first and sums once.
  static int8_t q8[40 * 257];
  static int16_t q16[40 * 257];
  static float ref[40 * 257];
  static float test_f[40 * 257];
  Rng rng{777};
  const float scale = 0.0371f;
  const int32_t zp = -7;
  for (int i = 0; i < 40 * 257; ++i) {
    q8[i] = static_cast<int8_t>(rng.range(-128, 127));
    q16[i] = static_cast<int16_t>(rng.range(-32768, 32767));
    ref[i] = static_cast<float>(scale * (q8[i] - zp) + (rng.uniform() - 0.5) * 0.05);
    test_f[i] = static_cast<float>(ref[i] + (rng.uniform() - 0.5) * 0.01);
  }
  qrt_tensor_error_acc a8, a16, af;
  memset(&a8, 0, sizeof a8);
  memset(&a16, 0, sizeof a16);
  memset(&af, 0, sizeof af);
  for (int s = 0; s < 40; ++s) {
    qrt_tensor_error_add_s8(&a8, q8 + s * 257, scale, zp, ref + s * 257, 257);
    qrt_tensor_error_add_s16(&a16, q16 + s * 257, scale, zp, ref + s * 257, 257);
    qrt_tensor_error_add_f32(&af, test_f + s * 257, ref + s * 257, 257);
  }
  for (int which = 0; which < 3; ++which) {
    double se = 0, sr = 0, st = 0, sx = 0, mx = 0;
    for (int i = 0; i < 40 * 257; ++i) {
      double t;
      if (which == 0) t = static_cast<double>(scale) * (q8[i] - zp);
      else if (which == 1) t = static_cast<double>(scale) * (q16[i] - zp);
      else t = test_f[i];
      const double r = ref[i];
      se += (t - r) * (t - r);
      sr += r * r;
      st += t * t;
      sx += t * r;
      mx = fmax(mx, fabs(t - r));
    }
    qrt_tensor_error e;
    qrt_tensor_error_finish(which == 0 ? &a8 : (which == 1 ? &a16 : &af), &e);
    QRT_EXPECT_EQ(e.count, 40u * 257u);
    QRT_EXPECT_NEAR(e.mse / (se / (40 * 257)), 1.0, 1e-12);
    QRT_EXPECT_NEAR(e.snr_db, 10.0 * log10(sr / se), 1e-9);
    QRT_EXPECT_NEAR(e.cosine, sx / sqrt(sr * st), 1e-12);
    QRT_EXPECT_NEAR(e.max_abs_error, mx, 0.0);
  }
}

// ---- ROC AUC -----------------------------------------------------------------------------------

namespace {

// Oracle: count every (anomaly, normal) pair directly.
double auc_by_pairs(const qrt_scored_unit* u, size_t n) {
  double wins = 0, pairs = 0;
  for (size_t i = 0; i < n; ++i) {
    if (u[i].label != 1) continue;
    for (size_t j = 0; j < n; ++j) {
      if (u[j].label != 0) continue;
      pairs += 1;
      if (u[i].score > u[j].score) wins += 1;
      else if (u[i].score == u[j].score) wins += 0.5;
    }
  }
  return wins / pairs;
}

}  // namespace

QRT_TEST(accept_metrics, roc_auc_hand_computed_with_ties) {
  // normals {0.1, 0.4, 0.35, 0.8}, anomalies {0.4, 0.9}:
  // 0.4 beats 0.1 and 0.35, ties 0.4 (1/2), loses to 0.8 -> 2.5; 0.9 beats all four -> 4.
  // AUC = 6.5 / 8 = 0.8125.
  qrt_scored_unit u[] = {{0.1, 0}, {0.4, 1}, {0.4, 0}, {0.35, 0}, {0.9, 1}, {0.8, 0}};
  double auc = 0;
  QRT_ASSERT_EQ(qrt_accept_roc_auc(u, 6, &auc), QRT_OK);
  QRT_EXPECT_NEAR(auc, 0.8125, 1e-15);
  // All scores equal: every pair is a tie, AUC 0.5.
  qrt_scored_unit flat[] = {{1.0, 0}, {1.0, 1}, {1.0, 0}, {1.0, 1}};
  QRT_ASSERT_EQ(qrt_accept_roc_auc(flat, 4, &auc), QRT_OK);
  QRT_EXPECT_NEAR(auc, 0.5, 0.0);
  // Perfect separation and its reverse.
  qrt_scored_unit sep[] = {{3, 1}, {1, 0}, {2, 1}, {0, 0}};
  QRT_ASSERT_EQ(qrt_accept_roc_auc(sep, 4, &auc), QRT_OK);
  QRT_EXPECT_FLOAT_EQ(auc, 1.0);
  qrt_scored_unit rev[] = {{3, 0}, {1, 1}, {2, 0}, {0, 1}};
  QRT_ASSERT_EQ(qrt_accept_roc_auc(rev, 4, &auc), QRT_OK);
  QRT_EXPECT_FLOAT_EQ(auc, 0.0);
}

QRT_TEST(accept_metrics, roc_auc_matches_pair_count_on_random_tied_scores) {
  static qrt_scored_unit u[600], copy[600];
  Rng rng{4242};
  for (int trial = 0; trial < 20; ++trial) {
    const size_t n = static_cast<size_t>(rng.range(2, 600));
    for (size_t i = 0; i < n; ++i) {
      // Few distinct scores: plenty of ties, within and across classes.
      u[i].label = i < 2 ? static_cast<int32_t>(i) : static_cast<int32_t>(rng.next() & 1u);
      u[i].score = rng.range(0, 25) * 0.125 + u[i].label * 0.5;
      copy[i] = u[i];
    }
    double auc = 0;
    QRT_ASSERT_EQ(qrt_accept_roc_auc(u, n, &auc), QRT_OK);
    QRT_EXPECT_NEAR(auc, auc_by_pairs(copy, n), 1e-12);
  }
}

QRT_TEST(accept_metrics, roc_auc_rejects_bad_input) {
  qrt_scored_unit one_class[] = {{1, 0}, {2, 0}};
  double auc = 0;
  QRT_EXPECT_EQ(qrt_accept_roc_auc(one_class, 2, &auc), QRT_ERR_BAD_ARGUMENT);
  qrt_scored_unit bad_label[] = {{1, 0}, {2, 2}};
  QRT_EXPECT_EQ(qrt_accept_roc_auc(bad_label, 2, &auc), QRT_ERR_BAD_ARGUMENT);
  qrt_scored_unit nan_score[] = {{NAN, 0}, {2, 1}};
  QRT_EXPECT_EQ(qrt_accept_roc_auc(nan_score, 2, &auc), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT_EQ(qrt_accept_roc_auc(nullptr, 0, &auc), QRT_ERR_NULL_ARGUMENT);
}

QRT_TEST(accept_metrics, roc_auc_reproduces_tflm_ad01_golden) {
  // TFLite Micro's per-file ad01 scores (248 files) give ROC AUC 0.862037 (README of the golden).
  if (qrt_test::models_dir()[0] == 0) {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return;
  }
  static char text[32768];
  char path[512];
  strcpy(path, qrt_test::models_dir());
  strcat(path, "/golden/tflm/mlperf/ad01_scores.txt");
  const long n = qrt_test::read_file(path, text, sizeof text - 1);
  QRT_ASSERT(n > 0);
  text[n] = 0;
  static qrt_scored_unit units[300];
  size_t count = 0;
  for (char* line = strtok(text, "\n"); line != nullptr; line = strtok(nullptr, "\n")) {
    if (line[0] == '#') continue;
    // "<file> <label> <windows> <mse float32 accumulation> <mse double>"
    char* p = strchr(line, ' ');
    QRT_ASSERT(p != nullptr && count < 300);
    const long label = strtol(p + 1, &p, 10);
    strtol(p, &p, 10);
    const double score = strtod(p, &p);
    units[count].label = static_cast<int32_t>(label);
    units[count].score = score;
    ++count;
  }
  QRT_ASSERT_EQ(count, 248u);
  double auc = 0;
  QRT_ASSERT_EQ(qrt_accept_roc_auc(units, count, &auc), QRT_OK);
  QRT_EXPECT_NEAR(auc, 0.862037, 5e-7);
}

// ---- latency ------------------------------------------------------------------------------------

QRT_TEST(accept_metrics, latency_stats_hand_computed) {
  uint64_t odd[] = {5, 1, 4, 2, 3};
  qrt_latency_stats s;
  QRT_ASSERT_EQ(qrt_accept_latency_stats(odd, 5, &s), QRT_OK);
  QRT_EXPECT_EQ(s.median, 3u);
  QRT_EXPECT_EQ(s.min, 1u);
  QRT_EXPECT_EQ(s.max, 5u);
  QRT_EXPECT_EQ(s.mean, 3u);
  QRT_EXPECT_EQ(s.runs, 5u);
  uint64_t even[] = {10, 1, 3, 2};
  QRT_ASSERT_EQ(qrt_accept_latency_stats(even, 4, &s), QRT_OK);
  QRT_EXPECT_EQ(s.median, 2u);  // floor((2 + 3) / 2)
  QRT_EXPECT_EQ(s.mean, 4u);    // 16 / 4
  // Values near 2^64: neither the median nor the mean may overflow.
  const uint64_t big = 0xFFFFFFFFFFFFFFF0ull;
  uint64_t huge[] = {big, big + 14, big + 2, big + 4};
  QRT_ASSERT_EQ(qrt_accept_latency_stats(huge, 4, &s), QRT_OK);
  QRT_EXPECT(s.median == big + 3);  // floor((big+2 + big+4) / 2)
  QRT_EXPECT(s.mean == big + 5);    // big + floor(20 / 4)
  QRT_EXPECT(s.max == big + 14);
  QRT_EXPECT_EQ(qrt_accept_latency_stats(huge, 0, &s), QRT_ERR_BAD_ARGUMENT);
}

// The median's distribution-free 95% interval: ranks 40 and 61 of 100 (the textbook pair for
// n = 100), 86 and 115 of 200, the whole sample for n = 5 (coverage 1 - 2^-4 = 94% is the best
// five runs can give).
QRT_TEST(accept_metrics, latency_median_interval_ranks) {
  uint64_t v[200];
  const uint32_t sizes[] = {100u, 200u};
  for (uint32_t n : sizes) {
    for (uint32_t i = 0; i < n; ++i) v[i] = (i * 37u) % n + 1u;  // 1..n shuffled (37 coprime)
    qrt_latency_stats s;
    QRT_ASSERT_EQ(qrt_accept_latency_stats(v, n, &s), QRT_OK);
    QRT_EXPECT_EQ(s.median_low, n == 100 ? 40u : 86u);
    QRT_EXPECT_EQ(s.median_high, n == 100 ? 61u : 115u);
  }
  uint64_t five[] = {9, 2, 7, 4, 5};
  qrt_latency_stats s;
  QRT_ASSERT_EQ(qrt_accept_latency_stats(five, 5, &s), QRT_OK);
  QRT_EXPECT_EQ(s.median_low, 2u);
  QRT_EXPECT_EQ(s.median_high, 9u);
}

QRT_TEST(accept_metrics, speedup) {
  QRT_EXPECT_NEAR(qrt_accept_speedup(3000, 1000), 3.0, 0.0);
  QRT_EXPECT_NEAR(qrt_accept_speedup(1000, 4000), 0.25, 0.0);
  QRT_EXPECT_FLOAT_EQ(qrt_accept_speedup(1000, 0), 0.0);
}

QRT_TEST(accept_metrics, quantile_linear_interpolation) {
  // numpy.percentile([1, 2, 3, 4, 5], 99) = 4.96 (position 0.99 * 4 = 3.96).
  float v[] = {5, 3, 1, 4, 2};
  QRT_EXPECT_NEAR(qrt_accept_quantile_f32(v, 5, 0.99), 4.96, 1e-12);
  float w[] = {7};
  QRT_EXPECT_NEAR(qrt_accept_quantile_f32(w, 1, 0.99), 7.0, 0.0);
  float x[] = {0, 10};
  QRT_EXPECT_NEAR(qrt_accept_quantile_f32(x, 2, 0.5), 5.0, 0.0);
  QRT_EXPECT_NEAR(qrt_accept_quantile_f32(x, 2, 1.0), 10.0, 0.0);
  QRT_EXPECT(isnan(qrt_accept_quantile_f32(x, 0, 0.5)));
}

// ---- language models -------------------------------------------------------------------------

QRT_TEST(accept_metrics, lm_two_token_vocabulary_by_hand) {
  // Quantized logits {0, 0} (int8 {3, 3}, scale 0.1, zero point 3): p_q = {1/2, 1/2}.
  // Float logits {ln 3, 0}: p_f = {3/4, 1/4}.
  // KL = 3/4 ln(3/2) + 1/4 ln(1/2) = 0.130812036; target 0: NLL_q = ln 2, NLL_f = ln(4/3).
  const int8_t q[] = {3, 3};
  const float f[] = {static_cast<float>(log(3.0)), 0.0f};
  float kl_buf[4];
  qrt_lm_acc acc;
  qrt_lm_acc_init(&acc, kl_buf, 4);
  QRT_ASSERT_EQ(qrt_lm_add_token_s8(&acc, q, 0.1f, 3, f, 2, 0), QRT_OK);
  qrt_lm_stats s;
  qrt_lm_finish(&acc, &s);
  QRT_EXPECT_EQ(s.tokens, 1u);
  QRT_EXPECT_NEAR(s.kl_mean, 0.130812036, 1e-7);
  QRT_EXPECT_NEAR(s.perplexity, 2.0, 1e-12);
  QRT_EXPECT_NEAR(s.float_perplexity, 4.0 / 3.0, 1e-7);
  QRT_EXPECT_NEAR(s.kl_p99, 0.130812036, 1e-7);
  QRT_EXPECT_NEAR(s.top1_agreement, 1.0, 0.0);  // tie at 0 vs argmax 0
}

QRT_TEST(accept_metrics, lm_random_logits_against_plain_softmax) {
  constexpr int kVocab = 64, kTokens = 30;
  static float ql[kTokens][kVocab], fl[kTokens][kVocab];
  static float kl_buf[kTokens];
  Rng rng{99};
  qrt_lm_acc acc;
  qrt_lm_acc_init(&acc, kl_buf, kTokens);
  double kl_sum = 0, nll_q = 0, nll_f = 0;
  int agree = 0;
  double kls[kTokens];
  for (int t = 0; t < kTokens; ++t) {
    for (int i = 0; i < kVocab; ++i) {
      fl[t][i] = static_cast<float>((rng.uniform() - 0.5) * 8.0);
      ql[t][i] = static_cast<float>(fl[t][i] + (rng.uniform() - 0.5) * 0.6);
    }
    const int32_t target = rng.range(0, kVocab - 1);
    QRT_ASSERT_EQ(qrt_lm_add_token_f32(&acc, ql[t], fl[t], kVocab, target), QRT_OK);
    // Oracle: plain softmax (logits are small, exp cannot overflow), no max subtraction.
    double zq = 0, zf = 0;
    for (int i = 0; i < kVocab; ++i) {
      zq += exp(static_cast<double>(ql[t][i]));
      zf += exp(static_cast<double>(fl[t][i]));
    }
    double kl = 0;
    for (int i = 0; i < kVocab; ++i) {
      const double pf = exp(static_cast<double>(fl[t][i])) / zf;
      const double pq = exp(static_cast<double>(ql[t][i])) / zq;
      kl += pf * log(pf / pq);
    }
    kls[t] = kl;
    kl_sum += kl;
    nll_q += -log(exp(static_cast<double>(ql[t][target])) / zq);
    nll_f += -log(exp(static_cast<double>(fl[t][target])) / zf);
    agree += qrt_accept_argmax_f32(ql[t], kVocab) == qrt_accept_argmax_f32(fl[t], kVocab);
  }
  qrt_lm_stats s;
  qrt_lm_finish(&acc, &s);
  QRT_EXPECT_NEAR(s.kl_mean, kl_sum / kTokens, 1e-12);
  QRT_EXPECT_NEAR(s.perplexity, exp(nll_q / kTokens), 1e-9);
  QRT_EXPECT_NEAR(s.float_perplexity, exp(nll_f / kTokens), 1e-9);
  QRT_EXPECT_NEAR(s.top1_agreement, agree / static_cast<double>(kTokens), 0.0);
  // p99 of 30 values: position 0.99 * 29 = 28.71 between the two largest (sorted by hand).
  for (int i = 1; i < kTokens; ++i) {
    for (int j = i; j > 0 && kls[j] < kls[j - 1]; --j) {
      const double t = kls[j];
      kls[j] = kls[j - 1];
      kls[j - 1] = t;
    }
  }
  // The buffer holds float copies of the KL values: compare at float precision.
  QRT_EXPECT_NEAR(s.kl_p99, kls[28] + 0.71 * (kls[29] - kls[28]), 1e-6 * kls[29]);
}

QRT_TEST(accept_metrics, lm_large_logits_do_not_overflow) {
  // Logits around 1000: exp() of them overflows; the max-subtracted log-softmax must not.
  const float q[] = {1000.0f, 999.0f, 990.0f};
  const float f[] = {1000.0f, 999.0f, 990.0f};
  qrt_lm_acc acc;
  qrt_lm_acc_init(&acc, nullptr, 0);
  QRT_ASSERT_EQ(qrt_lm_add_token_f32(&acc, q, f, 3, 1), QRT_OK);
  qrt_lm_stats s;
  qrt_lm_finish(&acc, &s);
  QRT_EXPECT_NEAR(s.kl_mean, 0.0, 1e-15);
  // -log p(1) = log(e^0 + e^-1 + e^-10) + 1 (relative to the max 1000).
  QRT_EXPECT_NEAR(log(s.perplexity), log(1.0 + exp(-1.0) + exp(-10.0)) + 1.0, 1e-12);
  QRT_EXPECT(isnan(s.kl_p99));  // no buffer
  QRT_EXPECT_EQ(qrt_lm_add_token_f32(&acc, q, f, 3, 3), QRT_ERR_BAD_ARGUMENT);  // target >= vocab
}

QRT_TEST(accept_metrics, lm_without_float_logits) {
  const float q[] = {0.0f, 0.0f, 0.0f, 0.0f};
  qrt_lm_acc acc;
  qrt_lm_acc_init(&acc, nullptr, 0);
  QRT_ASSERT_EQ(qrt_lm_add_token_f32(&acc, q, nullptr, 4, 2), QRT_OK);
  qrt_lm_stats s;
  qrt_lm_finish(&acc, &s);
  QRT_EXPECT_NEAR(s.perplexity, 4.0, 1e-12);  // uniform over 4
  QRT_EXPECT_FLOAT_EQ(s.float_perplexity, 0.0);
  QRT_EXPECT(isnan(s.kl_mean));
  QRT_EXPECT(isnan(s.top1_agreement));
}
