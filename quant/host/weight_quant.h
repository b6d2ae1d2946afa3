// Weight quantization for matrices [rows, cols] (rows = output channels, cols = the input
// dimension the dot products run over), host-only, double precision:
//
//  - INT8 or INT4 (INT4 packed as quant/INT4-LAYOUT.md: two per byte, low nibble first, rows
//    byte-aligned);
//  - per-channel (one scale per row) or group-wise (one scale per `group_size` consecutive values
//    of a row; the last group of a row is partial when group_size does not divide cols, e.g.
//    hidden 172 with groups of 32 gives 5 groups of 32 and one of 12);
//  - symmetric (real = scale * q, q in [-127, 127] or [-7, 7]) or asymmetric (real =
//    scale * (q - zero_point) over [-128, 127] or [-8, 7], with the range widened to include 0 so
//    the zero point is always representable);
//  - round to nearest (ties away from zero), with either the full range of each group (min-max)
//    or, with mse_clip, the range shrunk by the factor in {1.00, 0.99, ..., 0.50} that minimises
//    the group's squared error (a clipping search: values beyond the clipped range saturate).
//
// Integer group scales. The device kernels never see a float scale: a group's scale is
// row_unit[row] * group_multiplier[row][g] with group_multiplier an integer in [1, 32767] and
// row_unit = (largest group scale of the row) / 32767. The quantizer rounds each group's ideal
// scale *up* to that grid before it rounds the weights, so the integers the kernel runs are exactly
// the quantized weights reported here (no hidden second rounding) and no extra clipping happens.
// Per-channel weights are the case of one group per row (multiplier 32767).
//
// Error analysis: MSE and SNR in dB of the dequantized weights against the float weights.
#ifndef QRT_QUANT_HOST_WEIGHT_QUANT_H
#define QRT_QUANT_HOST_WEIGHT_QUANT_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {

constexpr int32_t kGroupMultiplierOne = 32767;  // a group multiplier's largest value

// Round to nearest, ties away from zero (std::round, TFLite's rounding of quantized values).
double round_half_away(double v);

struct WeightQuantConfig {
  int32_t bits = 8;         // 8 or 4
  int32_t group_size = 0;   // 0: per-channel; else >= 1 values per group along cols
  bool asymmetric = false;
  bool mse_clip = false;    // search the clipping factor per group (see above)
};

struct QuantizedWeight {
  int32_t rows = 0;
  int32_t cols = 0;
  int32_t bits = 8;
  int32_t group_size = 0;       // as configured (0 = per-channel)
  int32_t groups_per_row = 0;   // ceil(cols / group_size), 1 for per-channel
  bool asymmetric = false;
  // int8: rows * cols bytes (two's complement); int4: rows * ceil(cols / 2) packed bytes.
  std::vector<uint8_t> data;
  // Per group (row-major [rows][groups_per_row]): scale = row_unit[row] * group_multiplier.
  std::vector<float> scales;
  std::vector<int32_t> zero_points;       // 0 when symmetric
  std::vector<int16_t> group_multipliers; // in [1, 32767]
  std::vector<double> row_unit;           // [rows]

  int32_t row_bytes() const { return bits == 4 ? (cols + 1) / 2 : cols; }
  // The effective group size (cols for per-channel).
  int32_t effective_group_size() const { return group_size == 0 ? cols : group_size; }
};

// Checks a configuration: bits 8 or 4, group_size 0 or in [1, 65536].
bool validate_weight_quant_config(const WeightQuantConfig& config, std::string* error);

// Quantizes w[rows][cols] (row-major). Fails on a bad configuration, empty or non-finite input.
bool quantize_weights(const float* w, int32_t rows, int32_t cols, const WeightQuantConfig& config,
                      QuantizedWeight* out, std::string* error);

// GPTQ (Frantar et al., 2022, "GPTQ: Accurate Post-Training Quantization for Generative
// Pre-trained Transformers"): the same grid as quantize_weights (its scales, group multipliers and
// zero points are computed first from the float weights, i.e. "static groups"), but the columns
// are rounded one after another, each column's rounding error being spread over the columns not
// yet rounded through the inverse Hessian of the layer's inputs, which minimises the error of the
// layer's *outputs* || X W^T - X Q^T || rather than of the weights. `hessian` is X^T X over
// calibration inputs ([cols][cols], row-major, symmetric); `damp` (e.g. 0.01) times its mean
// diagonal is added to the diagonal (doubled until the Cholesky factorisation succeeds). Columns
// whose input is always zero are quantized to zero.
bool quantize_weights_gptq(const float* w, int32_t rows, int32_t cols,
                           const WeightQuantConfig& config, const std::vector<double>& hessian,
                           double damp, QuantizedWeight* out, std::string* error);

// AdaRound's objective (Nagel et al., 2020, "Up or Down? Adaptive Rounding for Post-Training
// Quantization"): the grid of quantize_weights, and each weight rounded down or up (never further)
// so that the layer's output error over calibration inputs, e^T H e per row with e the row's
// weight error and H = X^T X ([cols][cols], as GPTQ's), is small. Solved per row by coordinate
// descent from round-to-nearest: a weight flips to its other neighbour when that lowers the
// error, until a pass flips none (at most `passes`), instead of AdaRound's annealed soft
// relaxation. Never worse than round-to-nearest on that objective.
bool quantize_weights_adaround(const float* w, int32_t rows, int32_t cols,
                               const WeightQuantConfig& config, const std::vector<double>& hessian,
                               int32_t passes, QuantizedWeight* out, std::string* error);

// The integer value at (row, col), unpacked.
int32_t quantized_value(const QuantizedWeight& q, int32_t row, int32_t col);

// scale * (q - zero_point) at (row, col), in double.
double dequantized_value(const QuantizedWeight& q, int32_t row, int32_t col);

// All values dequantized, row-major (float, for running a float model with quantized weights).
std::vector<float> dequantize_weights(const QuantizedWeight& q);

// Packs int values in [-8, 7], rows of `cols`, into the INT4 layout (rows byte-aligned,
// low nibble first, padding nibble 0).
std::vector<uint8_t> pack_int4_rows(const std::vector<int8_t>& values, int32_t rows, int32_t cols);
// The inverse: unpacks rows * cols values.
std::vector<int8_t> unpack_int4_rows(const std::vector<uint8_t>& packed, int32_t rows, int32_t cols);

struct WeightError {
  double mse = 0.0;       // mean of (w - dequant(q))^2
  double snr_db = 0.0;    // 10 log10(sum w^2 / sum (w - dequant)^2); +inf when exact
  double max_abs = 0.0;   // largest |w - dequant(q)|
};

// Error of the quantized weights against the float originals.
WeightError weight_error(const float* w, const QuantizedWeight& q);

// Bytes the integer kernels read for this tensor: the packed data, per group an int16 multiplier
// (group-wise only) and an int8 zero point (asymmetric only), and per row the int32 requantization
// multiplier and shift (8 bytes).
int64_t quantized_weight_bytes(const QuantizedWeight& q);

}  // namespace qrt

#endif  // QRT_QUANT_HOST_WEIGHT_QUANT_H
