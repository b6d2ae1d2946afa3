#include "calibration.h"

#include <math.h>

#include <algorithm>

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
  }
  return h.abs_max;
}

}  // namespace qrt
