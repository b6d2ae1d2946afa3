// The weight quantizer and the activation calibrator (quant/host): the INT4 layout's worked
// example byte for byte, packing round trips, partial groups (hidden 172 with groups of 32, 64 and
// 128), asymmetric ranges, the reported SNR against an independent double computation and against
// the analytic step^2 / 12 noise of uniform weights, and calibration thresholds against direct
// quantize-dequantize simulation of the samples.
#include <math.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "qrt/quant/int4.h"
#include "qrt_test.h"
#include "weight_quant.h"

namespace {

uint32_t next_random(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}
double uniform(uint32_t* s) { return (next_random(s) >> 8) / 16777216.0; }  // [0, 1)
double gaussian(uint32_t* s) {
  const double u1 = uniform(s) + 1e-12, u2 = uniform(s);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

std::vector<float> random_matrix(int32_t rows, int32_t cols, uint32_t seed) {
  std::vector<float> w(static_cast<size_t>(rows) * static_cast<size_t>(cols));
  for (auto& v : w) v = static_cast<float>(2.0 * uniform(&seed) - 1.0);
  return w;
}

}  // namespace

QRT_TEST(int4_layout, worked_example_of_the_spec) {
  // quant/INT4-LAYOUT.md: rows {1,-2,7,-8,3} and {-1,0,4,5,-3} pack to E1 87 03 0F 54 0D.
  const std::vector<int8_t> values = {1, -2, 7, -8, 3, -1, 0, 4, 5, -3};
  const std::vector<uint8_t> packed = qrt::pack_int4_rows(values, 2, 5);
  const std::vector<uint8_t> expected = {0xE1, 0x87, 0x03, 0x0F, 0x54, 0x0D};
  QRT_ASSERT(packed == expected);
  QRT_EXPECT_EQ(qrt::int4_get(packed.data() + 3, 3), 5);
  QRT_EXPECT_EQ(qrt::int4_get(packed.data(), 3), -8);
  QRT_EXPECT_EQ(qrt::int4_row_bytes(5), 3);
}

QRT_TEST(int4_layout, pack_unpack_round_trip_even_and_odd_rows) {
  uint32_t seed = 7;
  for (int32_t cols : {1, 2, 7, 32, 172}) {
    const int32_t rows = 5;
    std::vector<int8_t> v(static_cast<size_t>(rows * cols));
    for (auto& x : v) x = static_cast<int8_t>(static_cast<int32_t>(next_random(&seed) % 16) - 8);
    const std::vector<uint8_t> packed = qrt::pack_int4_rows(v, rows, cols);
    QRT_EXPECT_EQ(packed.size(), static_cast<size_t>(rows * ((cols + 1) / 2)));
    QRT_EXPECT(qrt::unpack_int4_rows(packed, rows, cols) == v);
    if (cols % 2 == 1) {
      // The padding nibble of every row is 0.
      for (int32_t r = 0; r < rows; ++r) {
        QRT_EXPECT_EQ(packed[static_cast<size_t>(r * ((cols + 1) / 2) + cols / 2)] >> 4, 0);
      }
    }
  }
}

QRT_TEST(weight_quant, per_channel_int8_hand_computed) {
  // Row 0: amax 1.27 -> scale 0.01 (on the integer grid: the only group has multiplier 32767).
  const float w[2 * 4] = {1.27f, -0.5f, 0.004f, 0.006f, 0, 0, 0, 0};
  qrt::QuantizedWeight q;
  std::string err;
  QRT_ASSERT(qrt::quantize_weights(w, 2, 4, qrt::WeightQuantConfig{8, 0, false}, &q, &err));
  QRT_EXPECT_EQ(q.groups_per_row, 1);
  QRT_EXPECT_NEAR(q.scales[0], 0.01, 1e-9);
  QRT_EXPECT_EQ(q.group_multipliers[0], qrt::kGroupMultiplierOne);
  QRT_EXPECT_EQ(qrt::quantized_value(q, 0, 0), 127);
  QRT_EXPECT_EQ(qrt::quantized_value(q, 0, 1), -50);
  QRT_EXPECT_EQ(qrt::quantized_value(q, 0, 2), 0);   // 0.4 -> 0
  QRT_EXPECT_EQ(qrt::quantized_value(q, 0, 3), 1);   // 0.6 -> 1
  // An all-zero row is exact with a positive scale.
  QRT_EXPECT(q.scales[1] > 0);
  QRT_EXPECT_EQ(qrt::quantized_value(q, 1, 2), 0);
}

QRT_TEST(weight_quant, partial_groups_of_hidden_172) {
  const int32_t rows = 3, cols = 172;
  std::vector<float> w = random_matrix(rows, cols, 11);
  // Make the last 12 values of row 1 tiny so that the partial g32 group has its own small scale.
  for (int32_t c = 160; c < cols; ++c) w[static_cast<size_t>(cols + c)] *= 0.01f;
  const int32_t sizes[3] = {32, 64, 128};
  const int32_t expected_groups[3] = {6, 3, 2};
  for (int i = 0; i < 3; ++i) {
    for (int32_t bits : {8, 4}) {
      qrt::QuantizedWeight q;
      std::string err;
      QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, qrt::WeightQuantConfig{bits, sizes[i], false},
                                       &q, &err));
      QRT_ASSERT_EQ(q.groups_per_row, expected_groups[i]);
      QRT_EXPECT_EQ(q.data.size(), static_cast<size_t>(rows * (bits == 8 ? cols : 86)));
      const int32_t qmax = bits == 8 ? 127 : 7;
      for (int32_t r = 0; r < rows; ++r) {
        for (int32_t g = 0; g < q.groups_per_row; ++g) {
          // The group's scale covers exactly its own values (a partial last group too): at least
          // the ideal amax / qmax, at most one grid unit above it.
          double amax = 0;
          for (int32_t c = g * sizes[i]; c < cols && c < (g + 1) * sizes[i]; ++c) {
            amax = fmax(amax, fabs(w[static_cast<size_t>(r * cols + c)]));
          }
          const size_t gi = static_cast<size_t>(r * q.groups_per_row + g);
          const double s = q.row_unit[static_cast<size_t>(r)] * q.group_multipliers[gi];
          QRT_EXPECT(s >= amax / qmax * (1 - 1e-9));
          QRT_EXPECT(s <= amax / qmax + q.row_unit[static_cast<size_t>(r)] * 1.000001);
          QRT_EXPECT_NEAR(q.scales[gi], s, s * 1e-6);
          QRT_EXPECT(q.group_multipliers[gi] >= 1);
        }
        // No clipping: every value is within half a step.
        for (int32_t c = 0; c < cols; ++c) {
          const size_t gi = static_cast<size_t>(r * q.groups_per_row + c / sizes[i]);
          const double d = fabs(w[static_cast<size_t>(r * cols + c)] - qrt::dequantized_value(q, r, c));
          QRT_EXPECT(d <= q.scales[gi] * 0.5000001);
        }
      }
      if (sizes[i] == 32) {
        // The tiny partial group of row 1 got a scale ~100x smaller than its neighbours.
        QRT_EXPECT(q.scales[static_cast<size_t>(q.groups_per_row + 5)] <
                   q.scales[static_cast<size_t>(q.groups_per_row + 4)] * 0.05);
      }
    }
  }
}

QRT_TEST(weight_quant, asymmetric_ranges_include_zero) {
  // An all-positive row and a mixed one, INT4 groups of 4 (two groups per row).
  const float w[2 * 8] = {1, 2, 3, 4, 0.5f, 0.25f, 1.5f, 2,
                          -3, 1, 0, 0.5f, -0.1f, -0.2f, -0.3f, -0.4f};
  qrt::QuantizedWeight q;
  std::string err;
  QRT_ASSERT(qrt::quantize_weights(w, 2, 8, qrt::WeightQuantConfig{4, 4, true}, &q, &err));
  for (size_t g = 0; g < 4; ++g) {
    QRT_EXPECT(q.zero_points[g] >= -8 && q.zero_points[g] <= 7);
  }
  // Group [1,2,3,4]: range [0, 4] -> ideal scale 4/15, zero point -8 (0 maps to -8).
  QRT_EXPECT_EQ(q.zero_points[0], -8);
  QRT_EXPECT_NEAR(q.scales[0], 4.0 / 15, 4.0 / 15 / 32767 * 1.01);
  for (int32_t r = 0; r < 2; ++r) {
    for (int32_t c = 0; c < 8; ++c) {
      const size_t gi = static_cast<size_t>(r * 2 + c / 4);
      QRT_EXPECT(fabs(w[r * 8 + c] - qrt::dequantized_value(q, r, c)) <= q.scales[gi] * 0.5000001);
    }
  }
}

QRT_TEST(weight_quant, snr_against_double_computation_and_analytic_noise) {
  const int32_t rows = 64, cols = 256;
  const std::vector<float> w = random_matrix(rows, cols, 3);
  for (int32_t bits : {8, 4}) {
    qrt::QuantizedWeight q;
    std::string err;
    QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, qrt::WeightQuantConfig{bits, 0, false}, &q, &err));
    const qrt::WeightError e = qrt::weight_error(w.data(), q);
    // Independent double computation: requantize each row here from its own amax.
    double signal = 0, noise = 0;
    const int32_t qmax = bits == 8 ? 127 : 7;
    for (int32_t r = 0; r < rows; ++r) {
      double amax = 0;
      for (int32_t c = 0; c < cols; ++c) amax = fmax(amax, fabs(w[static_cast<size_t>(r * cols + c)]));
      const double s = q.scales[static_cast<size_t>(r)];  // amax / qmax up to the 2^-15 grid
      QRT_EXPECT_NEAR(s, amax / qmax, amax / qmax * 1e-4);
      for (int32_t c = 0; c < cols; ++c) {
        const double x = w[static_cast<size_t>(r * cols + c)];
        const double deq = s * round(x / s);
        signal += x * x;
        noise += (x - deq) * (x - deq);
      }
    }
    const double snr = 10 * log10(signal / noise);
    QRT_EXPECT_NEAR(e.snr_db, snr, 1e-6);
    QRT_EXPECT_NEAR(e.mse, noise / (rows * cols), e.mse * 1e-5);
    // Uniform weights in [-1, 1]: signal 1/3, rounding noise step^2 / 12 with step ~ 1/qmax, so
    // SNR ~ 10 log10(4 qmax^2): 48.1 dB for INT8, 22.9 dB for INT4.
    QRT_EXPECT_NEAR(e.snr_db, 10 * log10(4.0 * qmax * qmax), 0.5);
    printf("uniform weights, %d-bit per-channel: SNR %.2f dB\n", bits, e.snr_db);
  }
  // Smaller groups can only help.
  qrt::QuantizedWeight per_channel, g32;
  std::string err;
  QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, qrt::WeightQuantConfig{4, 0, false}, &per_channel, &err));
  QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, qrt::WeightQuantConfig{4, 32, false}, &g32, &err));
  QRT_EXPECT(qrt::weight_error(w.data(), g32).snr_db >= qrt::weight_error(w.data(), per_channel).snr_db);
}

QRT_TEST(weight_quant, rejects_bad_input) {
  const float w[4] = {1, 2, 3, NAN};
  qrt::QuantizedWeight q;
  std::string err;
  QRT_EXPECT(!qrt::quantize_weights(w, 1, 4, qrt::WeightQuantConfig{8, 0, false}, &q, &err));
  QRT_EXPECT(!err.empty());
  QRT_EXPECT(!qrt::quantize_weights(w, 1, 3, qrt::WeightQuantConfig{6, 0, false}, &q, &err));
  QRT_EXPECT(!qrt::quantize_weights(w, 1, 3, qrt::WeightQuantConfig{8, -1, false}, &q, &err));
  QRT_EXPECT(!qrt::quantize_weights(w, 0, 3, qrt::WeightQuantConfig{8, 0, false}, &q, &err));
}

namespace {

// Direct simulation: mean squared error of symmetric quantize-dequantize of the samples.
double simulated_mse(const std::vector<float>& xs, double clip, int32_t qmax) {
  const double step = clip / qmax;
  double e = 0;
  for (float x : xs) {
    double q = round(x / step);
    q = fmin(qmax, fmax(-qmax, q));
    e += (x - q * step) * (x - q * step);
  }
  return e / static_cast<double>(xs.size());
}

}  // namespace

QRT_TEST(calibration, minmax_percentile_and_mse_thresholds) {
  uint32_t seed = 5;
  std::vector<float> xs(200000);
  for (auto& x : xs) x = static_cast<float>(gaussian(&seed));
  // A few large outliers, as language-model activations have.
  for (int i = 0; i < 20; ++i) xs[static_cast<size_t>(i * 9973)] = (i % 2 ? 1 : -1) * 60.0f;
  qrt::AbsHistogram h = qrt::make_abs_histogram();
  // Added in chunks so the range grows several times.
  for (size_t i = 0; i < xs.size(); i += 1000) qrt::histogram_add(&h, xs.data() + i, 1000);
  QRT_EXPECT_EQ(h.count, xs.size());
  QRT_EXPECT_NEAR(h.abs_max, 60.0, 1e-9);
  qrt::CalibrationOptions o;
  o.method = qrt::kCalibrateMinMax;
  QRT_EXPECT_NEAR(qrt::calibrate_clip(h, o), 60.0, 1e-9);
  // Percentile of |N(0,1)|: 99% -> 2.5758 (outliers are 0.01% of the samples).
  o.method = qrt::kCalibratePercentile;
  o.percentile = 99.0;
  QRT_EXPECT_NEAR(qrt::calibrate_clip(h, o), 2.5758, 0.05);
  // MSE: the chosen clip beats min-max and the 99.99th percentile on the *actual samples*, and
  // the histogram's estimate of its error agrees with direct simulation.
  o.method = qrt::kCalibrateMse;
  const double c_mse = qrt::calibrate_clip(h, o);
  const double e_mse = simulated_mse(xs, c_mse, 127);
  QRT_EXPECT(e_mse < simulated_mse(xs, 60.0, 127));
  o.method = qrt::kCalibratePercentile;
  o.percentile = 99.99;
  QRT_EXPECT(e_mse <= simulated_mse(xs, qrt::calibrate_clip(h, o), 127) * 1.02);
  QRT_EXPECT_NEAR(qrt::histogram_quantization_mse(h, c_mse, 127), e_mse, e_mse * 0.1);
  printf("gaussian+outliers: mse clip %.3f (minmax 60), mse %.3g vs %.3g\n", c_mse, e_mse,
         simulated_mse(xs, 60.0, 127));
  // INT4-like resolution wants a tighter clip than INT8.
  o.method = qrt::kCalibrateMse;
  o.qmax = 7;
  QRT_EXPECT(qrt::calibrate_clip(h, o) < c_mse);
  // An all-zero tensor gets a positive clip.
  qrt::AbsHistogram z = qrt::make_abs_histogram();
  const float zeros[3] = {0, 0, 0};
  qrt::histogram_add(&z, zeros, 3);
  QRT_EXPECT(qrt::calibrate_clip(z, o) > 0);
  qrt::CalibrationMethod m;
  QRT_EXPECT(qrt::parse_calibration_method("mse", &m) && m == qrt::kCalibrateMse);
  QRT_EXPECT(!qrt::parse_calibration_method("kl", &m));
}

namespace {

// ||X (W - dequant(Q))^T||^2 over the rows of X [n][cols], in double: the layer-output error
// GPTQ minimises.
double output_error(const std::vector<float>& x, int32_t n, const std::vector<float>& w,
                    const qrt::QuantizedWeight& q) {
  double e = 0;
  for (int32_t s = 0; s < n; ++s) {
    for (int32_t r = 0; r < q.rows; ++r) {
      double d = 0;
      for (int32_t c = 0; c < q.cols; ++c) {
        d += x[static_cast<size_t>(s * q.cols + c)] *
             (w[static_cast<size_t>(r * q.cols + c)] - qrt::dequantized_value(q, r, c));
      }
      e += d * d;
    }
  }
  return e;
}

}  // namespace

QRT_TEST(weight_quant, gptq_with_identity_hessian_is_round_to_nearest) {
  // Uncorrelated inputs of equal energy: no error is worth spreading, GPTQ rounds each weight to
  // nearest like quantize_weights.
  const int32_t rows = 8, cols = 40;
  const std::vector<float> w = random_matrix(rows, cols, 21);
  std::vector<double> h(static_cast<size_t>(cols * cols), 0.0);
  for (int32_t j = 0; j < cols; ++j) h[static_cast<size_t>(j * cols + j)] = 1.0;
  qrt::QuantizedWeight rtn, gptq;
  std::string err;
  const qrt::WeightQuantConfig c{4, 16, true};
  QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, c, &rtn, &err));
  QRT_ASSERT(qrt::quantize_weights_gptq(w.data(), rows, cols, c, h, 0.01, &gptq, &err));
  QRT_EXPECT(gptq.data == rtn.data);
  QRT_EXPECT(gptq.scales == rtn.scales);
}

QRT_TEST(weight_quant, gptq_lowers_the_output_error_of_correlated_inputs) {
  // Inputs with strongly correlated channels (a shared component plus noise), as activations are.
  const int32_t rows = 16, cols = 48, n = 400;
  const std::vector<float> w = random_matrix(rows, cols, 31);
  uint32_t seed = 77;
  std::vector<float> x(static_cast<size_t>(n * cols));
  std::vector<double> h(static_cast<size_t>(cols * cols), 0.0);
  for (int32_t s = 0; s < n; ++s) {
    const double common = gaussian(&seed) * 3.0;
    for (int32_t c = 0; c < cols; ++c) {
      x[static_cast<size_t>(s * cols + c)] = static_cast<float>(common * (1 + c % 3) + gaussian(&seed) * (0.2 + 0.05 * (c % 5)));
    }
    for (int32_t i = 0; i < cols; ++i) {
      for (int32_t j = 0; j < cols; ++j) {
        h[static_cast<size_t>(i * cols + j)] += static_cast<double>(x[static_cast<size_t>(s * cols + i)]) * x[static_cast<size_t>(s * cols + j)];
      }
    }
  }
  std::string err;
  for (int32_t bits : {4, 8}) {
    for (int32_t group : {0, 16}) {
      qrt::QuantizedWeight rtn, gptq;
      const qrt::WeightQuantConfig c{bits, group, false};
      QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, c, &rtn, &err));
      QRT_ASSERT(qrt::quantize_weights_gptq(w.data(), rows, cols, c, h, 0.01, &gptq, &err));
      const double e_rtn = output_error(x, n, w, rtn);
      const double e_gptq = output_error(x, n, w, gptq);
      printf("%d-bit group %d: output error RTN %.4g, GPTQ %.4g\n", bits, group, e_rtn, e_gptq);
      QRT_EXPECT(e_gptq < 0.7 * e_rtn);
    }
  }
  // A Hessian of the wrong size is an error.
  qrt::QuantizedWeight q;
  QRT_EXPECT(!qrt::quantize_weights_gptq(w.data(), rows, cols, qrt::WeightQuantConfig{4, 0, false},
                                         std::vector<double>(10, 1.0), 0.01, &q, &err));
}

// AdaRound's objective by coordinate descent: on correlated inputs the layer-output error (here
// recomputed from the inputs themselves, not from the Hessian the quantizer saw) is well below
// round-to-nearest's; every value is the floor or the ceiling of w / s on the same grid; and no
// single weight moved to its other neighbour would lower the error further (a local optimum).
QRT_TEST(weight_quant, adaround_lowers_the_output_error_and_stays_between_neighbours) {
  const int32_t rows = 12, cols = 36, n = 300;
  const std::vector<float> w = random_matrix(rows, cols, 41);
  uint32_t seed = 99;
  std::vector<float> x(static_cast<size_t>(n * cols));
  std::vector<double> h(static_cast<size_t>(cols * cols), 0.0);
  for (int32_t s = 0; s < n; ++s) {
    const double common = gaussian(&seed) * 2.0;
    for (int32_t c = 0; c < cols; ++c) {
      x[static_cast<size_t>(s * cols + c)] = static_cast<float>(common * (1 + c % 4) + gaussian(&seed) * 0.3);
    }
    for (int32_t i = 0; i < cols; ++i) {
      for (int32_t j = 0; j < cols; ++j) {
        h[static_cast<size_t>(i * cols + j)] += static_cast<double>(x[static_cast<size_t>(s * cols + i)]) * x[static_cast<size_t>(s * cols + j)];
      }
    }
  }
  std::string err;
  for (int32_t bits : {4, 8}) {
    qrt::WeightQuantConfig c;
    c.bits = bits;
    c.mse_clip = bits == 4;
    qrt::QuantizedWeight rtn, ada;
    QRT_ASSERT(qrt::quantize_weights(w.data(), rows, cols, c, &rtn, &err));
    QRT_ASSERT(qrt::quantize_weights_adaround(w.data(), rows, cols, c, h, 20, &ada, &err));
    QRT_EXPECT(ada.scales == rtn.scales);
    const double e_rtn = output_error(x, n, w, rtn), e_ada = output_error(x, n, w, ada);
    printf("%d-bit: output error RTN %.4g, AdaRound objective %.4g\n", bits, e_rtn, e_ada);
    QRT_EXPECT(e_ada < 0.7 * e_rtn);
    for (int32_t r = 0; r < rows; ++r) {
      for (int32_t col = 0; col < cols; ++col) {
        const double t = w[static_cast<size_t>(r * cols + col)] / ada.scales[static_cast<size_t>(r)];
        const int32_t v = qrt::quantized_value(ada, r, col), nearest = qrt::quantized_value(rtn, r, col);
        QRT_EXPECT(v == nearest || (v == static_cast<int32_t>(floor(t)) || v == static_cast<int32_t>(ceil(t))));
      }
    }
    // Local optimum: flip one weight of row 0 to its other neighbour and the error grows.
    const double base = output_error(x, n, w, ada);
    for (int32_t col = 0; col < cols; col += 7) {
      qrt::QuantizedWeight flipped = ada;
      const double t = w[static_cast<size_t>(col)] / ada.scales[0];
      const int32_t v = qrt::quantized_value(ada, 0, col);
      const int32_t other = v == static_cast<int32_t>(floor(t)) ? v + 1 : v - 1;
      if (other < (bits == 4 ? -7 : -127) || other > (bits == 4 ? 7 : 127)) continue;
      if (bits == 4) {
        std::vector<int8_t> vals = qrt::unpack_int4_rows(flipped.data, rows, cols);
        vals[static_cast<size_t>(col)] = static_cast<int8_t>(other);
        flipped.data = qrt::pack_int4_rows(vals, rows, cols);
      } else {
        flipped.data[static_cast<size_t>(col)] = static_cast<uint8_t>(static_cast<int8_t>(other));
      }
      QRT_EXPECT(output_error(x, n, w, flipped) >= base * (1 - 1e-9));
    }
  }
  qrt::QuantizedWeight q;
  QRT_EXPECT(!qrt::quantize_weights_adaround(w.data(), rows, cols, qrt::WeightQuantConfig{}, std::vector<double>(9, 1.0),
                                             20, &q, &err));
}
