// FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D 16x8 for x86-64 AVX2: sixteen weights per step widened to int16 (VPMOVSXBW)
// with the weights offset added there (w + offset lies in [-255, 255]), multiplied with sixteen
// int16 inputs and summed pairwise into int32 lanes (VPMADDWD: a pair is below 2^24, no
// saturation). Every 64 steps (lanes below 2^30) the lanes are added into the int64 total, so
// the sum is exact (kernel_util_s16.h).
#include "qrt/ops/kernel_util_s16.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

int64_t sum_lanes_s64(__m256i v) {
  const __m256i lo = _mm256_cvtepi32_epi64(_mm256_castsi256_si128(v));
  const __m256i hi = _mm256_cvtepi32_epi64(_mm256_extracti128_si256(v, 1));
  const __m256i s = _mm256_add_epi64(lo, hi);
  const __m128i t = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
  return _mm_cvtsi128_si64(t) + _mm_extract_epi64(t, 1);
}

int64_t dot_avx2(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) {
  const __m256i wo = _mm256_set1_epi16(static_cast<int16_t>(weights_offset));
  int64_t total = 0;
  int32_t k = 0;
  while (depth - k >= 16) {
    __m256i acc = _mm256_setzero_si256();
    const int32_t block_end = depth - k >= 64 * 16 ? k + 64 * 16 : depth - (depth - k) % 16;
    for (; k < block_end; k += 16) {
      const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + k));
      const __m256i wv = _mm256_add_epi16(
          _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + k))), wo);
      acc = _mm256_add_epi32(acc, _mm256_madd_epi16(xv, wv));
    }
    total += sum_lanes_s64(acc);
  }
  return total + opt::dot_s16_s8(x + k, w + k, depth - k, weights_offset);
}

// The dot product as a function object: a direct, inlinable call in the loops.
struct Dot {
  int64_t operator()(const int16_t* x, const int8_t* w, int32_t depth, int32_t weights_offset) const {
    return dot_avx2(x, w, depth, weights_offset);
  }
};

// DEPTHWISE_CONV_2D's per-tap step, eight channels at a time: inputs and weights widened to
// int32 (VPMOVSXWD / VPMOVSXBD), multiplied (VPMULLD) and added to the lanes.
struct Mac {
  void operator()(int32_t* acc, const int16_t* x, const int8_t* w, int32_t n) const {
    int32_t i = 0;
    for (; i + 8 <= n; i += 8) {
      const __m256i xv = _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + i)));
      const __m256i wv = _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(w + i)));
      auto* a = reinterpret_cast<__m256i*>(acc + i);
      _mm256_storeu_si256(a, _mm256_add_epi32(_mm256_loadu_si256(a), _mm256_mullo_epi32(xv, wv)));
    }
    opt::mac_s16_s8(acc + i, x + i, w + i, n - i);
  }
};

}  // namespace

void fully_connected_s16_avx2(const FullyConnectedS16Args& args) {
  opt::fully_connected_s16_with(args, Dot());
}

void conv2d_s16_avx2(const ConvS16Args& args) { opt::conv2d_s16_with(args, Dot()); }

void depthwise_conv2d_s16_avx2(const ConvS16Args& args) { opt::depthwise_conv2d_s16_with(args, Mac()); }

}  // namespace qrt

QRT_X86_AVX2_END
