// Portable float64 exp and log, and a log-softmax built on them, for metrics that must have the
// same bits on every target.
//
// Why not exp/log from libm: a language model's perplexity is compared between the host and the
// device (tests/ports/test_llama_parity.cpp) from identical integer logits, and newlib's double
// exp/log (fdlibm) round differently from glibc's in the last bit (measured: 1 in 10 exp results
// and 1 in 50 log results over [-30, 0] and [1, 500]). These functions use only IEEE double
// +, -, *, / and integer bit operations, so they return the same bits everywhere -- provided the
// translation unit that includes this header is compiled with -ffp-contract=off (AArch64 and
// Cortex-M55 compilers otherwise fuse a multiply and an add into one rounding). On cores without
// a double FPU (Cortex-M4) the operations are software floating point, IEEE-exact as well.
// Accuracy: within 2 ulp of the exact result (measured: exp 1.0, log 2.0 over 2 million samples;
// tests/ops/test_math_f64.cpp allows 4 so that libm's own error fits on targets without a wider
// long double).
#ifndef QRT_OPS_MATH_F64_H
#define QRT_OPS_MATH_F64_H

#include <stdint.h>
#include <string.h>

namespace qrt {

// 2^k as a double for k in [-1022, 1023], built from its exponent bits.
inline double pow2_f64(int32_t k) {
  const uint64_t bits = static_cast<uint64_t>(k + 1023) << 52;
  double d;
  memcpy(&d, &bits, 8);
  return d;
}

// e^x. Cody-Waite reduction x = k ln2 + r with |r| <= ln2 / 2 (ln2 split into fdlibm's high part,
// whose low 21 mantissa bits are zero so k * ln2_hi is exact for every k that matters, and a low
// correction), a degree-13 Taylor polynomial for e^r (truncation error below 2^-57 relative), then
// scaling by 2^k in two steps where the result leaves the normal range, so it rounds once.
inline double exp_f64(double x) {
  if (!(x == x)) return x;                              // NaN
  if (x > 709.782712893383973) return 1.0 / 0.0;         // overflows to +inf
  if (x < -745.133219101941217) return 0.0;             // below the smallest subnormal
  const double log2e = 1.44269504088896338700;
  const double ln2_hi = 6.93147180369123816490e-01;     // 0x3fe62e42fee00000
  const double ln2_lo = 1.90821492927058770002e-10;     // ln2 - ln2_hi
  const double t = x * log2e;
  const int32_t k = static_cast<int32_t>(t < 0.0 ? t - 0.5 : t + 0.5);
  const double kd = static_cast<double>(k);
  const double r = (x - kd * ln2_hi) - kd * ln2_lo;
  // 1/n! for n = 13 down to 2, each the correctly rounded quotient (constant-folded).
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  // e^r = 1 + r + r^2 p(r): adding the small part last keeps the leading 1 exact.
  const double e = 1.0 + (r + r * r * p);
  if (k > 1023) return e * pow2_f64(1023) * pow2_f64(k - 1023);
  if (k < -1022) return e * pow2_f64(k + 64) * pow2_f64(-64);
  return e * pow2_f64(k);
}

// ln(x). x = 2^e * m with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(s), s = (m - 1) / (m + 1),
// |s| <= 0.1716, by its odd series to s^23 (truncation below 2^-57 relative); then
// e * ln2_hi (exact) + (ln m + e * ln2_lo). Subnormals are scaled by 2^54 first.
inline double log_f64(double x) {
  if (!(x == x) || x < 0.0) return 0.0 / 0.0;  // NaN for NaN and negative input
  if (x == 0.0) return -1.0 / 0.0;
  if (x > 1.79769313486231570815e+308) return x;  // +inf
  int32_t e = 0;
  if (x < 2.2250738585072014e-308) {  // subnormal: make it normal
    x *= pow2_f64(54);
    e = -54;
  }
  uint64_t bits;
  memcpy(&bits, &x, 8);
  e += static_cast<int32_t>((bits >> 52) & 0x7ff) - 1023;
  bits = (bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull;  // m in [1, 2)
  double m;
  memcpy(&m, &bits, 8);
  if (m > 1.41421356237309504880) {
    m *= 0.5;  // exact
    ++e;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double z = s * s;
  double p = 1.0 / 23.0;
  p = p * z + 1.0 / 21.0;
  p = p * z + 1.0 / 19.0;
  p = p * z + 1.0 / 17.0;
  p = p * z + 1.0 / 15.0;
  p = p * z + 1.0 / 13.0;
  p = p * z + 1.0 / 11.0;
  p = p * z + 1.0 / 9.0;
  p = p * z + 1.0 / 7.0;
  p = p * z + 1.0 / 5.0;
  p = p * z + 1.0 / 3.0;
  const double ln_m = 2.0 * s + 2.0 * s * z * p;
  const double ed = static_cast<double>(e);
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  return ed * ln2_hi + (ln_m + ed * ln2_lo);
}

// log(sum_i exp(logit(i))) in double, the normaliser of a softmax: the maximum is subtracted
// before exp (no overflow), the exponentials are summed in index order, and the result is
// max + log(sum). The one log-sum-exp of qrt (perplexity and KL on the host and on the device,
// the host's perplexity evaluation, the parity trace), so their values agree to the last bit.
// logit(i) returns the i-th logit as a double; count >= 1.
template <typename Logit>
inline double log_sum_exp_f64(Logit logit, uint32_t count) {
  double max_value = logit(0);
  for (uint32_t i = 1; i < count; ++i) {
    const double v = logit(i);
    if (v > max_value) max_value = v;
  }
  double sum = 0.0;
  for (uint32_t i = 0; i < count; ++i) sum += exp_f64(logit(i) - max_value);
  return max_value + log_f64(sum);
}

// -log softmax(logits)[index] in double: the negative log-likelihood of `index` under the
// categorical distribution the float logits define. count >= 1, index < count.
inline double neg_log_softmax_f64(const float* logits, uint32_t count, uint32_t index) {
  const double log_z =
      log_sum_exp_f64([logits](uint32_t i) { return static_cast<double>(logits[i]); }, count);
  return -(static_cast<double>(logits[index]) - log_z);
}

}  // namespace qrt

#endif  // QRT_OPS_MATH_F64_H
