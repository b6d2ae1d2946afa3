#include "lut_s16.h"

#include <algorithm>
#include <cmath>

namespace qrt {

void make_lut_s16(float input_scale, int32_t input_zero_point, float output_scale,
                  int32_t output_zero_point, float (*f)(float), int16_t lut[kLutS16Entries]) {
  // Every step in float, in TFLite's order: the tables must agree to the last bit.
  const float in_lo = input_scale * static_cast<float>(-32768 - input_zero_point);
  const float in_hi = input_scale * static_cast<float>(32767 - input_zero_point);
  const float out_lo = output_scale * static_cast<float>(-32768 - output_zero_point);
  const float out_hi = output_scale * static_cast<float>(32767 - output_zero_point);
  const int steps = kLutS16Entries - 1;
  const float step = (in_hi - in_lo) / static_cast<float>(steps);
  const float half = step / 2;
  const float to_table = 65536.0f / (out_hi - out_lo);
  const auto clamp16 = [](float v) { return static_cast<int16_t>(std::min(std::max(v, -32768.0f), 32767.0f)); };
  for (int i = 0; i < steps; ++i) {
    const float at = f(in_lo + static_cast<float>(i) * step);
    const float mid = f(in_lo + static_cast<float>(i) * step + half);
    const float next = f(in_lo + static_cast<float>(i + 1) * step);
    const float sample = std::round(at * to_table);
    // Linear interpolation's error at the midpoint, half of it taken off the sample.
    const float interpolated = std::round((next * to_table + sample) / 2);
    const float error = interpolated - std::round(mid * to_table);
    lut[i] = clamp16(sample - std::round(error / 2));
  }
  lut[steps] = clamp16(std::round(f(in_hi) * to_table));
}

namespace {
float exp_f(float x) { return std::exp(x); }
float reciprocal_one_plus(float x) { return 1.0f / (1.0f + x); }
}  // namespace

void make_softmax_s16_exp_lut(int16_t lut[kLutS16Entries]) {
  const float range = 65535.0f;
  make_lut_s16(10.0f / range, 32767, 2.0f / range, 0, exp_f, lut);
}

void make_softmax_s16_reciprocal_lut(int16_t lut[kLutS16Entries]) {
  const float range = 65535.0f;
  make_lut_s16(1.0f / range, -32768, 2.0f / range, 0, reciprocal_one_plus, lut);
}

}  // namespace qrt
