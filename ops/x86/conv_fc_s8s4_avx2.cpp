// CONV_2D and FULLY_CONNECTED with packed INT4 weights for x86-64 AVX2: four weight rows per pass
// over an int8 row (an im2col row, an input pixel or an input row), 32 values per step. A row's 16
// bytes split into low and high nibbles (mask, shift), sign-extended ((v ^ 8) - 8) and interleaved
// back into value order (VPUNPCKLBW / VPUNPCKHBW), widened to int16 and multiplied with the input
// (widened, offset added in int16) by VPMADDWD, as fully_connected_s8_avx2 does for int8 weights.
// A last half step takes 16 values (8 bytes); the last depth % 16 run in scalar code, so no load
// reads past a row or meets its padding nibble. CONV_2D reads the im2col rows of
// kernel_util_s4.h (odd input depths included); grouped filters go to the reference.
// Scratch: conv's im2col row (conv2d_s8s4_avx2_scratch_bytes). Exactness: see kernel_util_s8.h.
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/quant/int4.h"
#include "avx2_util.h"
#include "scratch_avx2.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

// 32 INT4 values from 16 packed bytes, as two vectors of 16 int16 in value order.
inline void unpack_s4x32(const uint8_t* w, __m256i* first, __m256i* second) {
  const __m128i mask = _mm_set1_epi8(0x0F), eight = _mm_set1_epi8(8);
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w));
  const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, mask), eight), eight);
  const __m128i hi =
      _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), mask), eight), eight);
  *first = _mm256_cvtepi8_epi16(_mm_unpacklo_epi8(lo, hi));
  *second = _mm256_cvtepi8_epi16(_mm_unpackhi_epi8(lo, hi));
}

inline int32_t sum_lanes(__m256i v) {
  const __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i t = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  return _mm_cvtsi128_si32(_mm_add_epi32(t, _mm_shuffle_epi32(t, 0xB1)));
}

// out[i] = sum_k (x_k + offset) * w_i[k] over `depth` values of four packed rows.
inline void dot_4_rows(const int8_t* x, const uint8_t* const w[4], int32_t depth, int32_t offset,
                       int32_t out[4]) {
  const __m256i offset16 = _mm256_set1_epi16(static_cast<int16_t>(offset));
  __m256i acc[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                    _mm256_setzero_si256()};
  const int32_t main = depth & ~31;
  for (int32_t k = 0; k < main; k += 32) {
    const __m256i x0 = _mm256_add_epi16(x86::load_s8x16_as_s16(x + k), offset16);
    const __m256i x1 = _mm256_add_epi16(x86::load_s8x16_as_s16(x + k + 16), offset16);
    for (int32_t i = 0; i < 4; ++i) {
      __m256i w0, w1;
      unpack_s4x32(w[i] + k / 2, &w0, &w1);
      acc[i] = _mm256_add_epi32(acc[i], _mm256_add_epi32(_mm256_madd_epi16(w0, x0),
                                                         _mm256_madd_epi16(w1, x1)));
    }
  }
  int32_t tail = main;
  if (depth - main >= 16) {  // 16 more values: 8 bytes of each row
    const __m256i xv = _mm256_add_epi16(x86::load_s8x16_as_s16(x + main), offset16);
    const __m128i mask = _mm_set1_epi8(0x0F), eight = _mm_set1_epi8(8);
    for (int32_t i = 0; i < 4; ++i) {
      const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(w[i] + main / 2));
      const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, mask), eight), eight);
      const __m128i hi =
          _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), mask), eight), eight);
      acc[i] = _mm256_add_epi32(
          acc[i], _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_unpacklo_epi8(lo, hi)), xv));
    }
    tail += 16;
  }
  for (int32_t i = 0; i < 4; ++i) {
    int32_t s = sum_lanes(acc[i]);
    for (int32_t k = tail; k < depth; ++k) s = opt::wrapping_mul_add(int4_get(w[i], k), x[k] + offset, s);
    out[i] = s;
  }
}

}  // namespace

void fully_connected_s8s4_avx2(const FullyConnectedS8Args& args) {
  opt::fully_connected_s8s4_by_rows4<dot_4_rows>(args);
}

void conv2d_s8s4_avx2(const ConvS8Args& args) { opt::conv2d_s8s4_by_rows4<dot_4_rows>(args); }

}  // namespace qrt

QRT_X86_AVX2_END
