#include "calibration.h"

#include <math.h>

#include <algorithm>
#include <vector>

namespace qrt {
namespace {

double bin_width(const AbsHistogram& h) {
  return h.range / static_cast<double>(h.counts.size());
}

// Doubles the range until `v` fits, merging bin pairs.
void grow_to(AbsHistogram* h, double v) {
  const size_t n = h->counts.size();
  while (v >= h->range) {
    for (size_t i = 0; i < n / 2; ++i) h->counts[i] = h->counts[2 * i] + h->counts[2 * i + 1];
    std::fill(h->counts.begin() + static_cast<std::ptrdiff_t>(n / 2), h->counts.end(), 0);
    h->range *= 2.0;
  }
}

}  // namespace

AbsHistogram make_abs_histogram(int32_t bins) {
  AbsHistogram h;
  int32_t n = 16;
  while (n < bins) n *= 2;
  h.counts.assign(static_cast<size_t>(n), 0);
  return h;
}

void histogram_add(AbsHistogram* h, const float* values, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const double x = values[i];
    if (!isfinite(x)) continue;
    if (h->count == 0) {
      h->min = h->max = x;
    } else {
      h->min = std::min(h->min, x);
      h->max = std::max(h->max, x);
    }
    ++h->count;
    const double a = fabs(x);
    h->abs_max = std::max(h->abs_max, a);
    if (a == 0.0 && h->range == 0.0) {
      ++h->zeros;
      continue;
    }
    if (h->range == 0.0) {
      // First non-zero value: start with a range a little above it (a power of two times it).
      h->range = a * 1.25;
      h->counts[0] += h->zeros;
      h->zeros = 0;
    }
    if (a >= h->range) grow_to(h, a);
    auto bin = static_cast<size_t>(a / bin_width(*h));
    if (bin >= h->counts.size()) bin = h->counts.size() - 1;
    ++h->counts[bin];
  }
}

bool parse_calibration_method(const std::string& text, CalibrationMethod* method) {
  if (text == "minmax") {
    *method = kCalibrateMinMax;
  } else if (text == "percentile") {
    *method = kCalibratePercentile;
  } else if (text == "mse") {
    *method = kCalibrateMse;
  } else if (text == "entropy") {
    *method = kCalibrateEntropy;
  } else {
    return false;
  }
  return true;
}

const char* calibration_method_name(CalibrationMethod method) {
  switch (method) {
    case kCalibrateMinMax: return "minmax";
    case kCalibratePercentile: return "percentile";
    case kCalibrateMse: return "mse";
    case kCalibrateEntropy: return "entropy";
  }
  return "unknown";
}

double histogram_percentile(const AbsHistogram& h, double percentile) {
  if (h.count == 0 || h.range == 0.0) return 0.0;
  const double target = std::min(1.0, percentile / 100.0) * static_cast<double>(h.count);
  const double width = bin_width(h);
  double cumulative = static_cast<double>(h.zeros);
  for (size_t i = 0; i < h.counts.size(); ++i) {
    const double c = static_cast<double>(h.counts[i]);
    if (cumulative + c >= target && c > 0) {
      const double fraction = (target - cumulative) / c;
      return std::min(h.abs_max, width * (static_cast<double>(i) + std::max(0.0, fraction)));
    }
    cumulative += c;
  }
  return h.abs_max;
}

double histogram_quantization_mse(const AbsHistogram& h, double clip, int32_t qmax) {
  if (h.count == 0 || h.range == 0.0) return 0.0;
  const double width = bin_width(h);
  const double step = clip / qmax;
  double total = 0.0;
  for (size_t i = 0; i < h.counts.size(); ++i) {
    if (h.counts[i] == 0) continue;
    const double center = (static_cast<double>(i) + 0.5) * width;
    double e;
    if (center > clip) {
      e = (center - clip) * (center - clip) + width * width / 12.0;
    } else if (center < step / 2) {
      e = center * center;  // rounds to 0
    } else {
      e = step * step / 12.0;
    }
    total += e * static_cast<double>(h.counts[i]);
  }
  return total / static_cast<double>(h.count);
}

double histogram_clip_kl(const AbsHistogram& h, int32_t bins, int32_t levels) {
  const auto n = static_cast<size_t>(bins);
  // `inside` is the histogram below the clip; P adds the clipped mass to its last bin, Q is made
  // from `inside` alone, so the clipped values count as error (TensorRT's construction).
  std::vector<double> inside(n), p(n), q(n, 0.0);
  for (size_t i = 0; i < n; ++i) inside[i] = static_cast<double>(h.counts[i]);
  inside[0] += static_cast<double>(h.zeros);
  p = inside;
  for (size_t i = n; i < h.counts.size(); ++i) p[n - 1] += static_cast<double>(h.counts[i]);
  // Level k covers bins [k n / levels, (k + 1) n / levels).
  for (int32_t k = 0; k < levels; ++k) {
    const size_t begin = n * static_cast<size_t>(k) / static_cast<size_t>(levels);
    const size_t end = n * static_cast<size_t>(k + 1) / static_cast<size_t>(levels);
    double mass = 0.0;
    size_t nonzero = 0;
    for (size_t i = begin; i < end; ++i) {
      mass += inside[i];
      nonzero += inside[i] > 0.0 ? 1 : 0;
    }
    for (size_t i = begin; i < end; ++i) q[i] = inside[i] > 0.0 ? mass / static_cast<double>(nonzero) : 0.0;
  }
  double p_sum = 0.0, q_sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    p_sum += p[i];
    q_sum += q[i];
  }
  if (p_sum == 0.0) return 0.0;
  double kl = 0.0;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] == 0.0) continue;
    // A bin P has and Q lacks (the clipped mass in an otherwise empty last bin) costs as if Q
    // held one count there, TensorRT's smoothing, instead of an infinite divergence.
    const double qi = q[i] > 0.0 ? q[i] / q_sum : 1.0 / q_sum;
    kl += p[i] / p_sum * log((p[i] / p_sum) / qi);
  }
  return kl;
}

double calibrate_clip(const AbsHistogram& h, const CalibrationOptions& options) {
  if (h.abs_max == 0.0) return 1.0;
  switch (options.method) {
    case kCalibrateMinMax:
      return h.abs_max;
    case kCalibratePercentile: {
      const double c = histogram_percentile(h, options.percentile);
      return c > 0.0 ? c : h.abs_max;
    }
    case kCalibrateMse: {
      // Candidates: 256 evenly spaced clips up to abs_max; refine around the best by 16x.
      double best = h.abs_max;
      double best_err = histogram_quantization_mse(h, best, options.qmax);
      constexpr int kSteps = 256;
      for (int k = 1; k < kSteps; ++k) {
        const double c = h.abs_max * k / kSteps;
        const double err = histogram_quantization_mse(h, c, options.qmax);
        if (err < best_err) {
          best_err = err;
          best = c;
        }
      }
      const double coarse = h.abs_max / kSteps;
      const double center = best;
      for (int k = -16; k <= 16; ++k) {
        const double c = center + coarse * k / 16.0;
        if (c <= 0.0 || c > h.abs_max) continue;
        const double err = histogram_quantization_mse(h, c, options.qmax);
        if (err < best_err) {
          best_err = err;
          best = c;
        }
      }
      return best;
    }
    case kCalibrateEntropy: {
      const int32_t levels = options.qmax + 1;
      const auto bins = static_cast<int32_t>(h.counts.size());
      if (levels >= bins || h.range == 0.0) return h.abs_max;
      int32_t best = bins;
      double best_kl = histogram_clip_kl(h, bins, levels);
      for (int32_t i = levels; i < bins; ++i) {
        const double kl = histogram_clip_kl(h, i, levels);
        if (kl < best_kl) {
          best_kl = kl;
          best = i;
        }
      }
      return std::min(h.abs_max, bin_width(h) * best);
    }
  }
  return h.abs_max;
}

ActivationQuant activation_quant(double low, double high, int32_t bits) {
  ActivationQuant q;
  low = std::min(low, 0.0);
  high = std::max(high, 0.0);
  if (bits == 16) {
    const double m = std::max(-low, high);
    q.scale = static_cast<float>(m > 0.0 ? m / 32767.0 : 1.0 / 32767.0);
    return q;
  }
  const double scale = high > low ? (high - low) / 255.0 : 1.0 / 255.0;
  q.scale = static_cast<float>(scale);
  const double z = -128.0 - low / static_cast<double>(q.scale);
  q.zero_point = static_cast<int32_t>(std::min(127.0, std::max(-128.0, floor(z + 0.5))));
  return q;
}

void calibrated_range(const AbsHistogram& h, CalibrationOptions options, int32_t bits, double* low,
                      double* high) {
  options.qmax = bits == 16 ? 32767 : h.min >= 0.0 ? 255 : 127;
  const double c = calibrate_clip(h, options);
  *low = std::max(h.min, -c);
  *high = std::min(h.max, c);
}

}  // namespace qrt
