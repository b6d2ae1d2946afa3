// Portable float32 exp and tanh for the float reference path.
//
// Why not expf/tanhf: the float model is the accuracy baseline of the acceptance check, and its
// metrics must be identical on every target. glibc and newlib round expf differently in the last
// bit, which moved the float softmax output and hence SNR/MSE in their 8th digit between the host
// and Cortex-M. These functions use only IEEE float +, -, *, / (the float kernels build with
// -ffp-contract=off, so no fused multiply-add changes a rounding), and so return the same bits
// everywhere. Accuracy: within 2 ulp of the exact result over the whole float range (checked
// against a double-precision oracle in tests/ops/test_float_math.cpp).
#ifndef QRT_OPS_MATH_F32_H
#define QRT_OPS_MATH_F32_H

#include <stdint.h>
#include <string.h>

namespace qrt {

// 2^k as a float for k in [-126, 127], built from its exponent bits.
inline float pow2_f32(int32_t k) {
  const uint32_t bits = static_cast<uint32_t>(k + 127) << 23;
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

// e^x. Cody-Waite reduction x = k ln2 + r with |r| <= ln2 / 2 (ln2 split into a high part with
// few mantissa bits, so k * ln2_hi is exact, and a low correction), a degree-7 Taylor polynomial
// for e^r (truncation below 2^-26 relative), then scaling by 2^k in two steps so that results in
// the subnormal range round once.
inline float exp_f32(float x) {
  if (!(x == x)) return x;                 // NaN
  if (x > 88.72283905f) return 1.0f / 0.0f;  // overflows to +inf
  if (x < -103.972084f) return 0.0f;       // below the smallest subnormal
  const float log2e = 1.44269502f;
  const float ln2_hi = 0.693359375f;       // 355/512: k * ln2_hi is exact for |k| < 2^15
  const float ln2_lo = -2.12194440e-4f;
  const float t = x * log2e;
  const int32_t k = static_cast<int32_t>(t < 0.0f ? t - 0.5f : t + 0.5f);
  const float kf = static_cast<float>(k);
  const float r = (x - kf * ln2_hi) - kf * ln2_lo;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  if (k > 127) return p * pow2_f32(127) * pow2_f32(k - 127);
  if (k < -126) return p * pow2_f32(k + 64) * pow2_f32(-64);
  return p * pow2_f32(k);
}

// tanh(x). Small |x| by its odd Taylor series (no cancellation), larger |x| from exp_f32 as
// 1 - 2 / (e^{2|x|} + 1), saturating to +-1 where float cannot tell the difference.
inline float tanh_f32(float x) {
  if (!(x == x)) return x;
  const float a = x < 0.0f ? -x : x;
  float y;
  if (a < 0.5f) {
    const float z = a * a;
    // tanh x = x + x^3 (c3 + c5 x^2 + ... + c17 x^14); the first omitted term, c19 x^19, is
    // below 1e-9 relative at |x| = 0.5.
    float p = 5.90027441e-4f;   // c17 =  6404582 / 10854718875
    p = p * z - 1.45583438e-3f;  // c15 = -929569 / 638512875
    p = p * z + 3.59212804e-3f;  // c13 =  21844 / 6081075
    p = p * z - 8.86323552e-3f;  // c11 = -1382 / 155925
    p = p * z + 2.18694885e-2f;  // c9  =  62 / 2835
    p = p * z - 5.39682540e-2f;  // c7  = -17 / 315
    p = p * z + 1.33333333e-1f;  // c5  =  2 / 15
    p = p * z - 3.33333333e-1f;  // c3  = -1 / 3
    y = a + a * z * p;
  } else if (a < 9.0f) {
    y = 1.0f - 2.0f / (exp_f32(2.0f * a) + 1.0f);
  } else {
    y = 1.0f;
  }
  return x < 0.0f ? -y : y;
}

}  // namespace qrt

#endif  // QRT_OPS_MATH_F32_H
