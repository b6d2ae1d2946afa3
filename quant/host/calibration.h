// Static activation ranges from calibration data (host-only): a histogram of |x| per activation
// tensor, and the clipping threshold c of a symmetric quantizer (scale = c / qmax) chosen by
//
//  - min-max:    c = max |x| seen;
//  - percentile: c = the p-th percentile of |x| (e.g. 99.99), linearly interpolated in its bin;
//  - MSE:        c minimising the expected squared error of quantize-dequantize over the
//                histogram: clipped values cost (|x| - c)^2, values inside the range cost the
//                rounding error (x^2 below half a step, which rounds to 0, else step^2 / 12);
//  - entropy:    c minimising the KL divergence between the histogram P clipped at c (the mass
//                beyond c added to the last bin) and its quantized version Q (the bins below c
//                merged into qmax + 1 levels, each level's mass spread evenly over its non-empty
//                bins), the "entropy calibration" of TensorRT (Migacz, "8-bit Inference with
//                TensorRT", GTC 2017). Candidates are the bin edges from qmax + 1 bins on; with
//                fewer bins than levels (int16) it is min-max.
//
// The histogram has a fixed number of bins over [0, range); when a value beyond the range
// arrives, the range doubles and pairs of bins merge, so memory stays bounded whatever the
// calibration set's size and no first pass is needed to find the range.
#ifndef QRT_QUANT_HOST_CALIBRATION_H
#define QRT_QUANT_HOST_CALIBRATION_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {

struct AbsHistogram {
  std::vector<uint64_t> counts;  // bins over [0, range)
  double range = 0.0;            // 0 until the first non-zero value
  uint64_t zeros = 0;            // values exactly 0 (before the range is known)
  uint64_t count = 0;            // all values added
  double min = 0.0, max = 0.0;   // signed extremes
  double abs_max = 0.0;
};

constexpr int32_t kDefaultHistogramBins = 2048;

// An empty histogram with `bins` bins (>= 16, a power of two so that merging pairs stays exact).
AbsHistogram make_abs_histogram(int32_t bins = kDefaultHistogramBins);

// Adds values (non-finite values are ignored).
void histogram_add(AbsHistogram* h, const float* values, size_t count);

enum CalibrationMethod : int32_t {
  kCalibrateMinMax = 0,
  kCalibratePercentile = 1,
  kCalibrateMse = 2,
  kCalibrateEntropy = 3,
};

struct CalibrationOptions {
  CalibrationMethod method = kCalibrateMinMax;
  double percentile = 99.99;  // percentile method: in (0, 100]
  int32_t qmax = 127;         // largest quantized magnitude (127 for int8, 32767 for int16)
};

// Parses "minmax", "percentile", "mse" or "entropy".
bool parse_calibration_method(const std::string& text, CalibrationMethod* method);
const char* calibration_method_name(CalibrationMethod method);

// The clipping threshold for the histogram (> 0; a histogram of only zeros gives 1).
double calibrate_clip(const AbsHistogram& h, const CalibrationOptions& options);

// The expected mean squared error of symmetric quantization with clip c and `qmax` levels per
// sign over the histogram (the MSE method's objective; exposed for tests and reports).
double histogram_quantization_mse(const AbsHistogram& h, double clip, int32_t qmax);

// KL(P || Q) of the entropy method for the clip at bin edge `bins` (in [levels, bin count]), in
// nats; exposed for tests.
double histogram_clip_kl(const AbsHistogram& h, int32_t bins, int32_t levels);

// The p-th percentile of |x| (p in (0, 100]).
double histogram_percentile(const AbsHistogram& h, double percentile);

// Activation quantization from a calibrated range, as TFLite's converter quantizes activations:
// int8 asymmetric over [low, high] widened to include 0 (scale = (high - low) / 255, zero point
// round(-128 - low / scale) clamped to [-128, 127]); int16 symmetric (scale = max(|low|, |high|)
// / 32767, zero point 0, the 16x8 scheme). An empty range gets scale 1 / 255 (int8) or 1 / 32767.
struct ActivationQuant {
  float scale = 1.0f;
  int32_t zero_point = 0;
};
ActivationQuant activation_quant(double low, double high, int32_t bits);

// The range [*low, *high] of a tensor for `bits`-bit activations: the histogram's signed extremes
// clipped to [-c, c] with c = calibrate_clip(). The method's qmax is 255 for an int8 tensor that
// never goes negative (asymmetric int8 spends all 256 levels on [0, c]), 127 for a signed int8
// tensor and 32767 for int16.
void calibrated_range(const AbsHistogram& h, CalibrationOptions options, int32_t bits, double* low,
                      double* high);

}  // namespace qrt

#endif  // QRT_QUANT_HOST_CALIBRATION_H
