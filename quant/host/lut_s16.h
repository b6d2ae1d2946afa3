// TFLite's int16 lookup tables (host-only): 513 int16 samples of a function over the whole int16
// input range, each corrected by half the error of linear interpolation at its interval's
// midpoint, for the interpolating lookup of ops/ref (lut_s16_lookup). TFLite fills them in float
// at Prepare time; qrt's kernels read tables built once by this code (softmax_s16_ref.cpp holds
// the two of SOFTMAX, and a test rebuilds them here and compares every entry).
#ifndef QRT_QUANT_HOST_LUT_S16_H
#define QRT_QUANT_HOST_LUT_S16_H

#include <stdint.h>

namespace qrt {

constexpr int kLutS16Entries = 513;

// The table of `f` for inputs of (input_scale, input_zero_point) and outputs of (output_scale,
// output_zero_point), computed in float as TFLite's LUTPopulate<int16_t>.
void make_lut_s16(float input_scale, int32_t input_zero_point, float output_scale,
                  int32_t output_zero_point, float (*f)(float), int16_t lut[kLutS16Entries]);

// SOFTMAX int16's two tables: exp on [-10, 0] (outputs of scale 2/65535) and 1 / (1 + x) on
// [0, 1] (the same output scale).
void make_softmax_s16_exp_lut(int16_t lut[kLutS16Entries]);
void make_softmax_s16_reciprocal_lut(int16_t lut[kLutS16Entries]);

}  // namespace qrt

#endif  // QRT_QUANT_HOST_LUT_S16_H
