// MATMUL (matrix-vector) for x86-64 AVX2: int8 or int16 input against int8 or packed int4
// weights, per-channel or group-wise, symmetric or asymmetric (kernels_llm.h).
//
// The input is widened to int16 in scratch once per call; four rows at a time then run VPMADDWD
// on 16 columns per step (weights sign-extended with VPMOVSXBW): each int32 lane sums products of
// |x| <= 2^15 and |q| <= 2^7, at most kLlmSpan = 256 per partial sum, so nothing overflows and
// the group sums are the reference's integers (kernel_util_llm.h). int4 rows: 16 bytes hold 32
// values; the low nibbles are the even columns, the high ones the odd columns, so the widened
// input is stored per 16-column block as its 8 even then its 8 odd values, and the nibbles of
// two blocks are regrouped by one 64-bit unpack each. A nibble n in [0, 15] becomes the signed
// value (n ^ 8) - 8. Group and span starts must then fall on 16-column blocks: int4 group sizes
// that are not a multiple of 16 go to the reference. Columns left after the vector steps (fewer
// than 16) are summed by the scalar tail from the original input.
#include <string.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "avx2_util.h"
#include "scratch_avx2.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

using opt::kLlmSpan;

// Columns of the widened input in scratch: whole 16-column blocks (the int4 order fills them).

// The four totals of four vectors of eight partial sums.
inline __m128i reduce_4x8(__m256i a0, __m256i a1, __m256i a2, __m256i a3) {
  const __m256i h = _mm256_hadd_epi32(_mm256_hadd_epi32(a0, a1), _mm256_hadd_epi32(a2, a3));
  return _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
}

// Sums over columns [begin, end) of four int8 rows, end - begin <= kLlmSpan.
template <typename TIn>
void dot4_s8(const TIn* x, const int16_t* xw, const int8_t* const* rows, int32_t begin,
             int32_t end, int32_t* sums) {
  __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
  const int8_t *r0 = rows[0], *r1 = rows[1], *r2 = rows[2], *r3 = rows[3];
  int32_t c = begin;
  for (; c + 16 <= end; c += 16) {
    const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xw + c));
    a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(x86::load_s8x16_as_s16(r0 + c), xv));
    a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(x86::load_s8x16_as_s16(r1 + c), xv));
    a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(x86::load_s8x16_as_s16(r2 + c), xv));
    a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(x86::load_s8x16_as_s16(r3 + c), xv));
  }
  alignas(16) int32_t t[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(t), reduce_4x8(a0, a1, a2, a3));
  for (int32_t i = 0; i < 4; ++i) sums[i] = t[i];
  if (c < end) {
    for (int32_t i = 0; i < 4; ++i) sums[i] += opt::llm_dot_tail_s8(x, rows[i], c, end);
  }
}

// 16 bytes of an int4 row (32 columns) as two vectors of 16 signed int16 values in the order of
// the reordered input: block A's 8 even then 8 odd columns, block B's likewise.
inline void unpack_s4x32(const uint8_t* p, __m256i* wa, __m256i* wb) {
  const __m128i low_mask = _mm_set1_epi8(0x0F);
  const __m128i eight = _mm_set1_epi8(8);
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, low_mask), eight), eight);
  const __m128i hi =
      _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), low_mask), eight), eight);
  *wa = _mm256_cvtepi8_epi16(_mm_unpacklo_epi64(lo, hi));
  *wb = _mm256_cvtepi8_epi16(_mm_unpackhi_epi64(lo, hi));
}
inline __m256i unpack_s4x16(const uint8_t* p) {
  const __m128i low_mask = _mm_set1_epi8(0x0F);
  const __m128i eight = _mm_set1_epi8(8);
  const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, low_mask), eight), eight);
  const __m128i hi =
      _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), low_mask), eight), eight);
  return _mm256_cvtepi8_epi16(_mm_unpacklo_epi64(lo, hi));
}

// Sums over columns [begin, end) of four int4 rows; begin is a multiple of 16 (a block start),
// end - begin <= kLlmSpan. xr holds the input reordered per 16-column block (8 even, 8 odd).
template <typename TIn>
void dot4_s4(const TIn* x, const int16_t* xr, const uint8_t* const* rows, int32_t begin,
             int32_t end, int32_t* sums) {
  __m256i acc[4];
  for (int32_t i = 0; i < 4; ++i) acc[i] = _mm256_setzero_si256();
  int32_t c = begin;
  for (; c + 32 <= end; c += 32) {
    const __m256i xa = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xr + c));
    const __m256i xb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xr + c + 16));
    for (int32_t i = 0; i < 4; ++i) {
      __m256i wa, wb;
      unpack_s4x32(rows[i] + c / 2, &wa, &wb);
      acc[i] = _mm256_add_epi32(acc[i], _mm256_add_epi32(_mm256_madd_epi16(wa, xa),
                                                         _mm256_madd_epi16(wb, xb)));
    }
  }
  if (c + 16 <= end) {
    const __m256i xa = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xr + c));
    for (int32_t i = 0; i < 4; ++i) {
      acc[i] = _mm256_add_epi32(acc[i], _mm256_madd_epi16(unpack_s4x16(rows[i] + c / 2), xa));
    }
    c += 16;
  }
  alignas(16) int32_t t[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(t), reduce_4x8(acc[0], acc[1], acc[2], acc[3]));
  for (int32_t i = 0; i < 4; ++i) sums[i] = t[i];
  if (c < end) {
    for (int32_t i = 0; i < 4; ++i) sums[i] += opt::llm_dot_tail_s4(x, rows[i], c, end);
  }
}

template <typename TIn>
void matvec(const LlmMatVecArgs& a, const TIn* x) {
  const LlmWeights& w = a.weights;
  const opt::LlmGroups g = opt::llm_groups(w);
  const int32_t cols = w.cols, rows = w.rows, bits = w.bits;
  // Scratch: the widened input (int8 rows: in order; int4 rows: reordered per 16-column block),
  // then the groups' input sums.
  int16_t* xw = reinterpret_cast<int16_t*>(a.scratch);
  int64_t* sums = reinterpret_cast<int64_t*>(a.scratch) + avx2::matvec_padded_columns(cols) / 4;
  if (bits == 8) {
    for (int32_t c = 0; c < cols; ++c) xw[c] = static_cast<int16_t>(x[c]);
  } else {
    for (int32_t c = 0; c < cols; ++c) {
      const int32_t block = c & ~15, j = c & 15;
      xw[block + (j & 1) * 8 + (j >> 1)] = static_cast<int16_t>(x[c]);
    }
  }
  if (w.zero_points != nullptr) opt::llm_group_input_sums(x, g, cols, sums);
  for (int32_t r = 0; r < rows; r += 4) {
    // Four rows per pass; past the last row the pointers repeat it (computed, not stored).
    const int32_t n = rows - r < 4 ? rows - r : 4;
    const uint8_t* row[4];
    for (int32_t i = 0; i < 4; ++i) {
      row[i] = w.data + static_cast<int64_t>(r + (i < n ? i : n - 1)) * g.row_bytes;
    }
    int64_t total[4] = {0, 0, 0, 0};
    for (int32_t k = 0; k < g.count; ++k) {
      const int32_t end = opt::llm_group_end(g, cols, k);
      int64_t dot[4] = {0, 0, 0, 0};
      for (int32_t c = k * g.size; c < end; c += kLlmSpan) {
        const int32_t e = end - c < kLlmSpan ? end : c + kLlmSpan;
        int32_t s4[4];
        if (bits == 8) {
          dot4_s8(x, xw, reinterpret_cast<const int8_t* const*>(row), c, e, s4);
        } else {
          dot4_s4(x, xw, row, c, e, s4);
        }
        for (int32_t i = 0; i < 4; ++i) dot[i] += s4[i];
      }
      for (int32_t i = 0; i < n; ++i) total[i] += opt::llm_group_term(w, g.count, r + i, k, dot[i], sums);
    }
    for (int32_t i = 0; i < n; ++i) opt::llm_store_row(a, r + i, total[i]);
  }
}

}  // namespace

void llm_matvec_avx2(const LlmMatVecArgs& args) {
  if (args.weights.bits == 4 && args.weights.group_size % 16 != 0) {
    llm_matvec_ref(args);  // int4 groups that do not start on 16-column blocks
    return;
  }
  if (args.input_type == kLlmInt8) {
    matvec(args, static_cast<const int8_t*>(args.input));
  } else {
    matvec(args, static_cast<const int16_t*>(args.input));
  }
}

}  // namespace qrt

QRT_X86_AVX2_END
