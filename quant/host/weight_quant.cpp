#include "weight_quant.h"

#include <math.h>

#include <algorithm>

#include "qrt/quant/int4.h"

namespace qrt {

double round_half_away(double v) { return v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5); }

namespace {

bool fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

constexpr int kClipSearchSteps = 50;  // clip factors 1.00, 0.99, ..., 0.50

struct Range {
  int32_t qmin, qmax;
};

Range value_range(int32_t bits, bool asymmetric) {
  if (bits == 8) return asymmetric ? Range{-128, 127} : Range{-127, 127};
  return asymmetric ? Range{kInt4Min, kInt4Max} : Range{-kInt4Max, kInt4Max};
}

int32_t zero_point_for(double low, double scale, const Range& range, bool asymmetric) {
  if (!asymmetric) return 0;
  const double z = round_half_away(range.qmin - low / scale);
  return static_cast<int32_t>(std::min<double>(range.qmax, std::max<double>(range.qmin, z)));
}

// Squared error of quantize-dequantize of values [begin, end) with this scale and zero point.
double group_squared_error(const float* row, int32_t begin, int32_t end, double scale,
                           int32_t zero_point, const Range& range) {
  double e = 0.0;
  for (int32_t c = begin; c < end; ++c) {
    double v = round_half_away(static_cast<double>(row[c]) / scale) + zero_point;
    v = std::min<double>(range.qmax, std::max<double>(range.qmin, v));
    const double d = static_cast<double>(row[c]) - scale * (v - zero_point);
    e += d * d;
  }
  return e;
}

}  // namespace

bool validate_weight_quant_config(const WeightQuantConfig& c, std::string* error) {
  if (c.bits != 8 && c.bits != 4) {
    return fail(error, "weight bits must be 8 or 4, not " + std::to_string(c.bits));
  }
  if (c.group_size < 0 || c.group_size > 65536) {
    return fail(error, "group size must be 0 (per-channel) or in [1, 65536], not " +
                           std::to_string(c.group_size));
  }
  return true;
}

bool quantize_weights(const float* w, int32_t rows, int32_t cols, const WeightQuantConfig& config,
                      QuantizedWeight* out, std::string* error) {
  *out = QuantizedWeight();
  if (!validate_weight_quant_config(config, error)) return false;
  if (rows <= 0 || cols <= 0) return fail(error, "weight matrix must not be empty");
  const size_t total = static_cast<size_t>(rows) * static_cast<size_t>(cols);
  for (size_t i = 0; i < total; ++i) {
    if (!isfinite(w[i])) return fail(error, "weight matrix holds a NaN or infinity");
  }
  QuantizedWeight& q = *out;
  q.rows = rows;
  q.cols = cols;
  q.bits = config.bits;
  q.group_size = config.group_size;
  q.asymmetric = config.asymmetric;
  const int32_t g = q.effective_group_size();
  q.groups_per_row = (cols + g - 1) / g;
  const Range range = value_range(config.bits, config.asymmetric);
  const size_t groups = static_cast<size_t>(rows) * static_cast<size_t>(q.groups_per_row);
  q.scales.resize(groups);
  q.zero_points.assign(groups, 0);
  q.group_multipliers.resize(groups);
  q.row_unit.resize(static_cast<size_t>(rows));
  std::vector<int8_t> values(total);

  std::vector<double> ideal(static_cast<size_t>(q.groups_per_row));
  std::vector<double> lows(static_cast<size_t>(q.groups_per_row));
  for (int32_t r = 0; r < rows; ++r) {
    const float* row = w + static_cast<size_t>(r) * static_cast<size_t>(cols);
    // Ideal (real-valued) scale of each group.
    double largest = 0.0;
    for (int32_t gi = 0; gi < q.groups_per_row; ++gi) {
      const int32_t begin = gi * g, end = std::min(cols, begin + g);
      double lo = 0.0, hi = 0.0;  // the range always includes 0
      for (int32_t c = begin; c < end; ++c) {
        lo = std::min(lo, static_cast<double>(row[c]));
        hi = std::max(hi, static_cast<double>(row[c]));
      }
      auto scale_of = [&](double f) {
        return config.asymmetric ? f * (hi - lo) / static_cast<double>(range.qmax - range.qmin)
                                 : f * std::max(-lo, hi) / static_cast<double>(range.qmax);
      };
      double s = scale_of(1.0), best_f = 1.0;
      if (config.mse_clip && s > 0.0) {
        // Shrink the range (both ends for asymmetric) while it lowers the group's squared error.
        double best = group_squared_error(row, begin, end, s,
                                          zero_point_for(lo, s, range, config.asymmetric), range);
        for (int k = 1; k <= kClipSearchSteps; ++k) {
          const double f = 1.0 - 0.5 * k / kClipSearchSteps;
          const double sf = scale_of(f);
          const double e = group_squared_error(
              row, begin, end, sf, zero_point_for(f * lo, sf, range, config.asymmetric), range);
          if (e < best) {
            best = e;
            best_f = f;
          }
        }
        s = scale_of(best_f);
      }
      ideal[static_cast<size_t>(gi)] = s;
      lows[static_cast<size_t>(gi)] = best_f * lo;
      largest = std::max(largest, s);
    }
    // An all-zero row gets scale 1 (any positive scale represents it exactly).
    const double unit = (largest > 0.0 ? largest : 1.0) / kGroupMultiplierOne;
    q.row_unit[static_cast<size_t>(r)] = unit;
    for (int32_t gi = 0; gi < q.groups_per_row; ++gi) {
      const size_t gidx = static_cast<size_t>(r) * static_cast<size_t>(q.groups_per_row) +
                          static_cast<size_t>(gi);
      // Round the scale up to the integer grid (never more clipping than the ideal scale).
      double m = ceil(ideal[static_cast<size_t>(gi)] / unit * (1.0 - 1e-12));
      m = std::min(static_cast<double>(kGroupMultiplierOne), std::max(1.0, m));
      const auto multiplier = static_cast<int16_t>(m);
      const double s = unit * multiplier;
      const int32_t zero_point =
          zero_point_for(lows[static_cast<size_t>(gi)], s, range, config.asymmetric);
      q.group_multipliers[gidx] = multiplier;
      q.scales[gidx] = static_cast<float>(s);
      q.zero_points[gidx] = zero_point;
      const int32_t begin = gi * g, end = std::min(cols, begin + g);
      for (int32_t c = begin; c < end; ++c) {
        double v = round_half_away(static_cast<double>(row[c]) / s) + zero_point;
        v = std::min<double>(range.qmax, std::max<double>(range.qmin, v));
        values[static_cast<size_t>(r) * static_cast<size_t>(cols) + static_cast<size_t>(c)] =
            static_cast<int8_t>(v);
      }
    }
  }
  if (config.bits == 8) {
    q.data.resize(total);
    for (size_t i = 0; i < total; ++i) q.data[i] = static_cast<uint8_t>(values[i]);
  } else {
    q.data = pack_int4_rows(values, rows, cols);
  }
  return true;
}

namespace {

// In-place lower Cholesky factor of the n x n symmetric matrix a (row-major): a = L L^T. Returns
// false when a is not positive definite.
bool cholesky_lower(std::vector<double>* a, int32_t n) {
  std::vector<double>& m = *a;
  for (int32_t j = 0; j < n; ++j) {
    double d = m[static_cast<size_t>(j) * n + j];
    for (int32_t k = 0; k < j; ++k) d -= m[static_cast<size_t>(j) * n + k] * m[static_cast<size_t>(j) * n + k];
    if (!(d > 0.0)) return false;
    d = sqrt(d);
    m[static_cast<size_t>(j) * n + j] = d;
    for (int32_t i = j + 1; i < n; ++i) {
      double v = m[static_cast<size_t>(i) * n + j];
      for (int32_t k = 0; k < j; ++k) v -= m[static_cast<size_t>(i) * n + k] * m[static_cast<size_t>(j) * n + k];
      m[static_cast<size_t>(i) * n + j] = v / d;
    }
    for (int32_t k = j + 1; k < n; ++k) m[static_cast<size_t>(j) * n + k] = 0.0;
  }
  return true;
}

// U, upper triangular, with H^-1 = U^T U, from the lower Cholesky factor L of H: H^-1 = L^-T L^-1,
// then U = chol(H^-1)^T (GPTQ's "Hinv").
bool inverse_cholesky_upper(const std::vector<double>& lower, int32_t n, std::vector<double>* upper) {
  const auto at = [n](int32_t i, int32_t j) { return static_cast<size_t>(i) * n + j; };
  std::vector<double> inv(static_cast<size_t>(n) * n, 0.0);  // L^-1, lower triangular
  for (int32_t i = 0; i < n; ++i) {
    inv[at(i, i)] = 1.0 / lower[at(i, i)];
    for (int32_t j = 0; j < i; ++j) {
      double v = 0.0;
      for (int32_t k = j; k < i; ++k) v -= lower[at(i, k)] * inv[at(k, j)];
      inv[at(i, j)] = v / lower[at(i, i)];
    }
  }
  std::vector<double> h(static_cast<size_t>(n) * n, 0.0);  // L^-T L^-1
  for (int32_t i = 0; i < n; ++i) {
    for (int32_t j = 0; j <= i; ++j) {
      double v = 0.0;
      for (int32_t k = i; k < n; ++k) v += inv[at(k, i)] * inv[at(k, j)];
      h[at(i, j)] = h[at(j, i)] = v;
    }
  }
  if (!cholesky_lower(&h, n)) return false;
  upper->assign(static_cast<size_t>(n) * n, 0.0);
  for (int32_t i = 0; i < n; ++i) {
    for (int32_t j = i; j < n; ++j) (*upper)[at(i, j)] = h[at(j, i)];
  }
  return true;
}

}  // namespace

bool quantize_weights_gptq(const float* w, int32_t rows, int32_t cols,
                           const WeightQuantConfig& config, const std::vector<double>& hessian,
                           double damp, QuantizedWeight* out, std::string* error) {
  if (static_cast<int64_t>(hessian.size()) != static_cast<int64_t>(cols) * cols) {
    return fail(error, "GPTQ: the Hessian must be cols x cols");
  }
  if (!(damp > 0.0)) return fail(error, "GPTQ: damping must be positive");
  // The grid (scales, multipliers, zero points) of round-to-nearest on the float weights.
  if (!quantize_weights(w, rows, cols, config, out, error)) return false;
  QuantizedWeight& q = *out;
  std::vector<double> h = hessian;
  std::vector<bool> dead(static_cast<size_t>(cols), false);
  double mean_diag = 0.0;
  for (int32_t j = 0; j < cols; ++j) {
    double& d = h[static_cast<size_t>(j) * cols + j];
    if (d <= 0.0) {
      dead[static_cast<size_t>(j)] = true;
      d = 1.0;
    }
    mean_diag += d / cols;
  }
  // Columns in order of decreasing Hessian diagonal (GPTQ's "act order"): the columns whose
  // inputs carry the most energy are rounded first, while every later column can still absorb
  // their error. The grid is fixed already, so the order changes only the rounding.
  std::vector<int32_t> order(static_cast<size_t>(cols));
  for (int32_t j = 0; j < cols; ++j) order[static_cast<size_t>(j)] = j;
  std::stable_sort(order.begin(), order.end(), [&h, cols](int32_t a, int32_t b) {
    return h[static_cast<size_t>(a) * cols + a] > h[static_cast<size_t>(b) * cols + b];
  });
  std::vector<double> permuted(h.size());
  for (int32_t i = 0; i < cols; ++i) {
    for (int32_t j = 0; j < cols; ++j) {
      permuted[static_cast<size_t>(i) * cols + j] =
          h[static_cast<size_t>(order[static_cast<size_t>(i)]) * cols + order[static_cast<size_t>(j)]];
    }
  }
  std::vector<double> upper;
  bool factored = false;
  for (int attempt = 0; attempt < 8 && !factored; ++attempt, damp *= 2) {
    std::vector<double> a = permuted;
    for (int32_t j = 0; j < cols; ++j) a[static_cast<size_t>(j) * cols + j] += damp * mean_diag;
    factored = cholesky_lower(&a, cols) && inverse_cholesky_upper(a, cols, &upper);
  }
  if (!factored) return fail(error, "GPTQ: the Hessian is not positive definite");
  const Range range = value_range(q.bits, q.asymmetric);
  const int32_t g = q.effective_group_size();
  std::vector<int8_t> values(static_cast<size_t>(rows) * static_cast<size_t>(cols));
  std::vector<double> row(static_cast<size_t>(cols));  // in processing order
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t i = 0; i < cols; ++i) {
      const int32_t c = order[static_cast<size_t>(i)];
      row[static_cast<size_t>(i)] = dead[static_cast<size_t>(c)] ? 0.0 : w[static_cast<size_t>(r) * cols + c];
    }
    for (int32_t i = 0; i < cols; ++i) {
      const int32_t c = order[static_cast<size_t>(i)];
      const size_t gi = static_cast<size_t>(r) * q.groups_per_row + static_cast<size_t>(c / g);
      const double s = q.row_unit[static_cast<size_t>(r)] * q.group_multipliers[gi];
      const int32_t z = q.zero_points[gi];
      double v = round_half_away(row[static_cast<size_t>(i)] / s) + z;
      v = std::min<double>(range.qmax, std::max<double>(range.qmin, v));
      values[static_cast<size_t>(r) * cols + c] = static_cast<int8_t>(v);
      // Spread this column's error over the columns not rounded yet.
      const double e = (row[static_cast<size_t>(i)] - s * (v - z)) / upper[static_cast<size_t>(i) * cols + i];
      for (int32_t k = i + 1; k < cols; ++k) row[static_cast<size_t>(k)] -= e * upper[static_cast<size_t>(i) * cols + k];
    }
  }
  if (q.bits == 8) {
    for (size_t i = 0; i < values.size(); ++i) q.data[i] = static_cast<uint8_t>(values[i]);
  } else {
    q.data = pack_int4_rows(values, rows, cols);
  }
  return true;
}

bool quantize_weights_adaround(const float* w, int32_t rows, int32_t cols,
                               const WeightQuantConfig& config, const std::vector<double>& hessian,
                               int32_t passes, QuantizedWeight* out, std::string* error) {
  if (static_cast<int64_t>(hessian.size()) != static_cast<int64_t>(cols) * cols) {
    return fail(error, "AdaRound: the Hessian must be cols x cols");
  }
  if (!quantize_weights(w, rows, cols, config, out, error)) return false;  // the grid, nearest
  QuantizedWeight& q = *out;
  const Range range = value_range(q.bits, q.asymmetric);
  const int32_t g = q.effective_group_size();
  const auto n = static_cast<size_t>(cols);
  std::vector<int8_t> values(static_cast<size_t>(rows) * n);
  std::vector<double> scale(n), err(n), h_err(n);
  for (int32_t r = 0; r < rows; ++r) {
    const float* wr = w + static_cast<size_t>(r) * n;
    int8_t* vr = values.data() + static_cast<size_t>(r) * n;
    for (size_t c = 0; c < n; ++c) {
      const size_t gi = static_cast<size_t>(r) * q.groups_per_row + c / static_cast<size_t>(g);
      scale[c] = q.row_unit[static_cast<size_t>(r)] * q.group_multipliers[gi];
      vr[c] = static_cast<int8_t>(quantized_value(q, r, static_cast<int32_t>(c)));
      err[c] = scale[c] * (vr[c] - q.zero_points[gi]) - wr[c];
    }
    for (size_t i = 0; i < n; ++i) {  // h_err = H e
      double sum = 0.0;
      for (size_t j = 0; j < n; ++j) sum += hessian[i * n + j] * err[j];
      h_err[i] = sum;
    }
    for (int32_t pass = 0; pass < passes; ++pass) {
      bool flipped = false;
      for (size_t c = 0; c < n; ++c) {
        // The other neighbour of w / s: one step against the current error's sign.
        const int32_t other = vr[c] + (err[c] > 0.0 ? -1 : 1);
        if (other < range.qmin || other > range.qmax) continue;
        const double delta = (err[c] > 0.0 ? -1.0 : 1.0) * scale[c];
        if (fabs(err[c] + delta) >= scale[c]) continue;  // not a neighbour (a clipped weight)
        // e^T H e changes by 2 delta (H e)_c + delta^2 H_cc.
        const double change = 2.0 * delta * h_err[c] + delta * delta * hessian[c * n + c];
        if (!(change < -1e-12 * (1.0 + fabs(h_err[c] * err[c])))) continue;
        vr[c] = static_cast<int8_t>(other);
        err[c] += delta;
        for (size_t i = 0; i < n; ++i) h_err[i] += delta * hessian[i * n + c];
        flipped = true;
      }
      if (!flipped) break;
    }
  }
  if (q.bits == 8) {
    for (size_t i = 0; i < values.size(); ++i) q.data[i] = static_cast<uint8_t>(values[i]);
  } else {
    q.data = pack_int4_rows(values, rows, cols);
  }
  return true;
}

int32_t quantized_value(const QuantizedWeight& q, int32_t row, int32_t col) {
  const uint8_t* r = q.data.data() + static_cast<size_t>(row) * static_cast<size_t>(q.row_bytes());
  if (q.bits == 4) return int4_get(r, col);
  return static_cast<int8_t>(r[col]);
}

double dequantized_value(const QuantizedWeight& q, int32_t row, int32_t col) {
  const size_t gidx = static_cast<size_t>(row) * static_cast<size_t>(q.groups_per_row) +
                      static_cast<size_t>(col / q.effective_group_size());
  const double scale = q.row_unit[static_cast<size_t>(row)] * q.group_multipliers[gidx];
  return scale * (quantized_value(q, row, col) - q.zero_points[gidx]);
}

std::vector<float> dequantize_weights(const QuantizedWeight& q) {
  std::vector<float> out(static_cast<size_t>(q.rows) * static_cast<size_t>(q.cols));
  for (int32_t r = 0; r < q.rows; ++r) {
    for (int32_t c = 0; c < q.cols; ++c) {
      out[static_cast<size_t>(r) * static_cast<size_t>(q.cols) + static_cast<size_t>(c)] =
          static_cast<float>(dequantized_value(q, r, c));
    }
  }
  return out;
}

std::vector<uint8_t> pack_int4_rows(const std::vector<int8_t>& values, int32_t rows, int32_t cols) {
  const int32_t row_bytes = int4_row_bytes(cols);
  std::vector<uint8_t> packed(static_cast<size_t>(rows) * static_cast<size_t>(row_bytes), 0);
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* src = values.data() + static_cast<size_t>(r) * static_cast<size_t>(cols);
    uint8_t* dst = packed.data() + static_cast<size_t>(r) * static_cast<size_t>(row_bytes);
    for (int32_t c = 0; c < cols; c += 2) {
      const int32_t hi = c + 1 < cols ? src[c + 1] : 0;  // padding nibble of an odd row is 0
      dst[c / 2] = int4_pack_pair(src[c], hi);
    }
  }
  return packed;
}

std::vector<int8_t> unpack_int4_rows(const std::vector<uint8_t>& packed, int32_t rows,
                                     int32_t cols) {
  const int32_t row_bytes = int4_row_bytes(cols);
  std::vector<int8_t> values(static_cast<size_t>(rows) * static_cast<size_t>(cols));
  for (int32_t r = 0; r < rows; ++r) {
    const uint8_t* src = packed.data() + static_cast<size_t>(r) * static_cast<size_t>(row_bytes);
    for (int32_t c = 0; c < cols; ++c) {
      values[static_cast<size_t>(r) * static_cast<size_t>(cols) + static_cast<size_t>(c)] =
          static_cast<int8_t>(int4_get(src, c));
    }
  }
  return values;
}

WeightError weight_error(const float* w, const QuantizedWeight& q) {
  WeightError e;
  double signal = 0.0, noise = 0.0;
  for (int32_t r = 0; r < q.rows; ++r) {
    for (int32_t c = 0; c < q.cols; ++c) {
      const double ref = w[static_cast<size_t>(r) * static_cast<size_t>(q.cols) + static_cast<size_t>(c)];
      const double d = ref - dequantized_value(q, r, c);
      signal += ref * ref;
      noise += d * d;
      e.max_abs = std::max(e.max_abs, fabs(d));
    }
  }
  const double n = static_cast<double>(q.rows) * static_cast<double>(q.cols);
  e.mse = n > 0 ? noise / n : 0.0;
  e.snr_db = noise > 0 ? 10.0 * log10(signal / noise) : INFINITY;
  return e;
}

int64_t quantized_weight_bytes(const QuantizedWeight& q) {
  const int64_t groups = static_cast<int64_t>(q.rows) * q.groups_per_row;
  int64_t bytes = static_cast<int64_t>(q.data.size()) + 8 * static_cast<int64_t>(q.rows);
  if (q.group_size != 0) bytes += 2 * groups;
  if (q.asymmetric) bytes += groups;
  return bytes;
}

}  // namespace qrt
