// Real multiplier -> (Q0.31 multiplier, shift) as TensorFlow Lite's QuantizeMultiplier computes
// it at Prepare time, so imported models requantize exactly like TFLite (host-only, double).
#ifndef QRT_QUANT_HOST_MULTIPLIER_H
#define QRT_QUANT_HOST_MULTIPLIER_H

#include <stdint.h>

namespace qrt {

struct QuantizedMultiplier {
  int32_t multiplier;  // [2^30, 2^31) or 0
  int32_t shift;       // real = multiplier * 2^(shift - 31)
};

// The shift of a non-finite real: outside every kernel's range, so the validator refuses it.
constexpr int32_t kInvalidShift = 127;

// TFLite's QuantizeMultiplier (double rounding build): frexp, round the mantissa to Q0.31,
// renormalise 2^31, flush values below 2^-31 to zero. real_multiplier must be >= 0; a
// non-finite one gives {0, kInvalidShift}.
QuantizedMultiplier quantize_multiplier(double real_multiplier);

// TFLite's QuantizeMultiplierSmallerThanOneExp: as above for 0 < real < 1 (shift <= 0).
QuantizedMultiplier quantize_multiplier_smaller_than_one(double real_multiplier);

}  // namespace qrt

#endif  // QRT_QUANT_HOST_MULTIPLIER_H
