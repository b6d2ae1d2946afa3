// MATMUL (matrix-vector) for x86-64 AVX2: int8 or int16 input against int8 or packed int4
// weights, per-channel or group-wise, symmetric or asymmetric (kernels_llm.h).
//
// The input is widened to int16 in scratch once per call; every row then runs VPMADDWD on 16
// columns per step (weights sign-extended with VPMOVSXBW): each int32 lane sums products of
// |x| <= 2^15 and |q| <= 2^7, at most kLlmSpan = 256 per partial sum, so nothing overflows and
// the group sums are the reference's integers (kernel_util_llm.h). int4 rows: 16 bytes hold 32
// values; the low nibbles are the even columns, the high ones the odd columns, so the widened
// input is stored per 16-column block as its 8 even then its 8 odd values, and the nibbles of
// two blocks are regrouped by one 64-bit unpack each. A nibble n in [0, 15] becomes the signed
// value (n ^ 8) - 8. Group and span starts must then fall on 16-column blocks: int4 group sizes
// that are not a multiple of 16 go to the reference. Columns left after the vector steps (fewer
// than 16, or 8 for int8 rows) are summed by the scalar tail from the original input.
#include <string.h>

#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

using opt::kLlmSpan;

// Columns of the widened input in scratch: whole 16-column blocks (the int4 order fills them).
inline int32_t padded_columns(int32_t cols) { return (cols + 15) & ~15; }

inline int32_t hsum_s32x8(__m256i v) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return _mm_cvtsi128_si32(s);
}

// Sum over columns [begin, end) of an int8 row, end - begin <= kLlmSpan.
template <typename TIn>
int32_t dot_s8(const TIn* x, const int16_t* xw, const int8_t* row, int32_t begin, int32_t end) {
  __m256i acc = _mm256_setzero_si256();
  int32_t c = begin;
  for (; c + 16 <= end; c += 16) {
    const __m256i w = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + c)));
    const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xw + c));
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(w, xv));
  }
  if (c + 8 <= end) {
    const __m128i w = _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + c)));
    const __m128i xv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(xw + c));
    acc = _mm256_add_epi32(acc, _mm256_inserti128_si256(_mm256_setzero_si256(),
                                                        _mm_madd_epi16(w, xv), 0));
    c += 8;
  }
  return hsum_s32x8(acc) + opt::llm_dot_tail_s8(x, row, c, end);
}

// Sum over columns [begin, end) of an int4 row; begin is a multiple of 16 (a block start),
// end - begin <= kLlmSpan. xr holds the input reordered per 16-column block (8 even, 8 odd).
template <typename TIn>
int32_t dot_s4(const TIn* x, const int16_t* xr, const uint8_t* row, int32_t begin, int32_t end) {
  const __m128i low_mask = _mm_set1_epi8(0x0F);
  const __m128i eight = _mm_set1_epi8(8);
  __m256i acc = _mm256_setzero_si256();
  int32_t c = begin;
  for (; c + 32 <= end; c += 32) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + c / 2));
    const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, low_mask), eight), eight);
    const __m128i hi =
        _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), low_mask), eight), eight);
    // Block A = columns c..c+15 (bytes 0..7), block B = c+16..c+31 (bytes 8..15).
    const __m256i wa = _mm256_cvtepi8_epi16(_mm_unpacklo_epi64(lo, hi));
    const __m256i wb = _mm256_cvtepi8_epi16(_mm_unpackhi_epi64(lo, hi));
    const __m256i xa = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xr + c));
    const __m256i xb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xr + c + 16));
    acc = _mm256_add_epi32(acc, _mm256_add_epi32(_mm256_madd_epi16(wa, xa), _mm256_madd_epi16(wb, xb)));
  }
  if (c + 16 <= end) {
    const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + c / 2));
    const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, low_mask), eight), eight);
    const __m128i hi =
        _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), low_mask), eight), eight);
    const __m256i wa = _mm256_cvtepi8_epi16(_mm_unpacklo_epi64(lo, hi));
    const __m256i xa = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xr + c));
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(wa, xa));
    c += 16;
  }
  return hsum_s32x8(acc) + opt::llm_dot_tail_s4(x, row, c, end);
}

template <typename TIn>
void matvec(const LlmMatVecArgs& a, const TIn* x) {
  const LlmWeights& w = a.weights;
  const opt::LlmGroups g = opt::llm_groups(w);
  const int32_t cols = w.cols;
  // Scratch: the widened input (int8 rows: in order; int4 rows: reordered per 16-column block),
  // then the groups' input sums.
  int16_t* xw = reinterpret_cast<int16_t*>(a.scratch);
  int64_t* sums = reinterpret_cast<int64_t*>(a.scratch) + padded_columns(cols) / 4;
  if (w.bits == 8) {
    for (int32_t c = 0; c < cols; ++c) xw[c] = static_cast<int16_t>(x[c]);
  } else {
    for (int32_t c = 0; c < cols; ++c) {
      const int32_t block = c & ~15, j = c & 15;
      xw[block + (j & 1) * 8 + (j >> 1)] = static_cast<int16_t>(x[c]);
    }
  }
  if (w.zero_points != nullptr) opt::llm_group_input_sums(x, g, cols, sums);
  for (int32_t r = 0; r < w.rows; ++r) {
    const uint8_t* row = w.data + static_cast<int64_t>(r) * g.row_bytes;
    int64_t total = 0;
    for (int32_t k = 0; k < g.count; ++k) {
      const int32_t end = opt::llm_group_end(g, cols, k);
      int64_t dot = 0;
      for (int32_t c = k * g.size; c < end; c += kLlmSpan) {
        const int32_t e = end - c < kLlmSpan ? end : c + kLlmSpan;
        dot += w.bits == 8 ? dot_s8(x, xw, reinterpret_cast<const int8_t*>(row), c, e)
                           : dot_s4(x, xw, row, c, e);
      }
      total += opt::llm_group_term(w, g.count, r, k, dot, sums);
    }
    opt::llm_store_row(a, r, total);
  }
}

}  // namespace

int32_t llm_matvec_avx2_scratch_bytes(const LlmWeights& w, bool asymmetric, LlmType) {
  return padded_columns(w.cols) * 2 + (asymmetric ? llm_groups_per_row(w) * 8 : 0);
}

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
