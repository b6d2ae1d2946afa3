#include "multiplier.h"

#include <cmath>

namespace qrt {

QuantizedMultiplier quantize_multiplier(double real_multiplier) {
  if (real_multiplier == 0.0) return {0, 0};
  // Not a multiplier at all (a float product of scales that overflowed): a shift no kernel
  // accepts, so the blob validator refuses the operator instead of frexp's result being cast.
  if (!std::isfinite(real_multiplier)) return {0, kInvalidShift};
  int exponent = 0;
  const double mantissa = std::frexp(real_multiplier, &exponent);  // in [0.5, 1)
  int64_t fixed = static_cast<int64_t>(std::round(mantissa * static_cast<double>(int64_t{1} << 31)));
  if (fixed == (int64_t{1} << 31)) {  // rounding reached 1.0: renormalise
    fixed /= 2;
    ++exponent;
  }
  if (exponent < -31) return {0, 0};  // too small to represent: TFLite flushes to zero
  return {static_cast<int32_t>(fixed), exponent};
}

QuantizedMultiplier quantize_multiplier_smaller_than_one(double real_multiplier) {
  return quantize_multiplier(real_multiplier);
}

}  // namespace qrt
