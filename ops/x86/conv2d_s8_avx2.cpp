// CONV_2D int8 for x86-64 AVX2: the convolution as a matrix product of im2col rows (one per output
// pixel) by filter rows, blocked two pixels by four output channels. Sixteen bytes per step are
// widened to int16 (VPMOVSXBW), the input offset added to the pixel rows in int16 (x + offset in
// [-255, 255]) and pairs of products summed into int32 lanes by VPMADDWD (at most 2 * 128 * 255:
// no saturation); each widened pixel step serves four filter rows, each filter step two pixels.
//
// Scratch: two rows of patch depth rounded up to 16, filled with the pixels' patches (pointwise
// convolutions copy the input row) and padded with -input_offset, so the lanes past the depth add
// nothing whatever filter bytes they meet: the last step reads 16 filter bytes running into the
// next row, from a zero-padded copy where that would read past the filter tensor. The eight sums of a block are reduced into one vector, whose output stage is
// vectorized (avx2_util.h). Exactness: see kernel_util_s8.h (wrapping int32 sums).
#include <string.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "avx2_util.h"
#include "scratch_avx2.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

void fill_row(const ConvS8Args& args, const avx2::ConvLayout& l, int32_t pixel, bool pointwise,
              int8_t pad_value, int8_t* dst) {
  if (pointwise) {
    memcpy(dst, opt::pointwise_input_row(args, pixel), static_cast<size_t>(l.depth));
  } else {
    opt::im2col_row_s8(args, pixel, pad_value, dst);
  }
  memset(dst + l.depth, pad_value, static_cast<size_t>(l.row_bytes - l.depth));
}

// Four vectors of partial sums per pixel -> [pixel 0: channels 0..3 | pixel 1: channels 0..3].
inline __m256i reduce_2x4(const __m256i a[8]) {
  const __m256i p0 =
      _mm256_hadd_epi32(_mm256_hadd_epi32(a[0], a[1]), _mm256_hadd_epi32(a[2], a[3]));
  const __m256i p1 =
      _mm256_hadd_epi32(_mm256_hadd_epi32(a[4], a[5]), _mm256_hadd_epi32(a[6], a[7]));
  return _mm256_add_epi32(_mm256_permute2x128_si256(p0, p1, 0x20),
                          _mm256_permute2x128_si256(p0, p1, 0x31));
}

// Per-channel values of channels oc..oc+3 (indices clamped to the last channel), in both halves.
inline __m256i channel_values(const int32_t* values, const int32_t index[4]) {
  const __m128i v = _mm_setr_epi32(values[index[0]], values[index[1]], values[index[2]],
                                   values[index[3]]);
  return _mm256_broadcastsi128_si256(v);
}

}  // namespace

void conv2d_s8_avx2(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) {
    conv2d_s8_ref(args);
    return;
  }
  const ConvParams& p = *args.params;
  const avx2::ConvLayout l = avx2::conv_layout(args);
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const bool pointwise = opt::conv_is_pointwise(args);
  const bool per_channel = p.channel_count > 1;
  const int8_t pad_value = static_cast<int8_t>(-p.input_offset);
  int8_t* rows = static_cast<int8_t*>(args.scratch);
  // Rows from this one on would read past the filter tensor in their last step.
  const int32_t first_unsafe_tail = out_c - (16 - l.tail + l.depth - 1) / l.depth;
  alignas(16) int8_t tail_copy[4][16];
  const __m256i io16 = _mm256_set1_epi16(static_cast<int16_t>(p.input_offset));
  const x86::OutputStage stage = x86::output_stage_of(p.output_offset, p.act_min, p.act_max);
  // Values the loops read, as locals (see opt::OutputStageS8).
  const int8_t* const filter = args.filter_data;
  const int32_t* const bias = args.bias;
  const int32_t* const multipliers = args.multipliers;
  const int32_t* const shifts = args.shifts;
  int8_t* const output = args.output_data;

  for (int32_t px = 0; px < pixels; px += 2) {
    // A lone last pixel is computed as a pair with itself; its twin is not stored.
    const bool pair = px + 1 < pixels;
    fill_row(args, l, px, pointwise, pad_value, rows);
    const int8_t* col0 = rows;
    const int8_t* col1 = rows;
    if (pair) {
      fill_row(args, l, px + 1, pointwise, pad_value, rows + l.row_bytes);
      col1 = rows + l.row_bytes;
    }
    int8_t* out0 = output + px * out_c;
    for (int32_t oc = 0; oc < out_c; oc += 4) {
      const int32_t n = out_c - oc < 4 ? out_c - oc : 4;
      // Past the last channel the rows repeat the last one; those lanes are not stored.
      int32_t index[4];
      const int8_t* w[4];
      for (int32_t i = 0; i < 4; ++i) {
        index[i] = oc + (i < n ? i : n - 1);
        w[i] = filter + index[i] * l.depth;
      }
      __m256i acc[8];
      for (int32_t i = 0; i < 8; ++i) acc[i] = _mm256_setzero_si256();
      for (int32_t k = 0; k < l.k_main; k += 16) {
        const __m256i x0 = _mm256_add_epi16(x86::load_s8x16_as_s16(col0 + k), io16);
        const __m256i x1 = _mm256_add_epi16(x86::load_s8x16_as_s16(col1 + k), io16);
        for (int32_t i = 0; i < 4; ++i) {
          const __m256i wv = x86::load_s8x16_as_s16(w[i] + k);
          acc[i] = _mm256_add_epi32(acc[i], _mm256_madd_epi16(wv, x0));
          acc[4 + i] = _mm256_add_epi32(acc[4 + i], _mm256_madd_epi16(wv, x1));
        }
      }
      if (l.tail != 0) {
        const __m256i x0 = _mm256_add_epi16(x86::load_s8x16_as_s16(col0 + l.k_main), io16);
        const __m256i x1 = _mm256_add_epi16(x86::load_s8x16_as_s16(col1 + l.k_main), io16);
        for (int32_t i = 0; i < 4; ++i) {
          const int8_t* t = w[i] + l.k_main;
          if (index[i] >= first_unsafe_tail) {
            memset(tail_copy[i], 0, 16);
            memcpy(tail_copy[i], t, static_cast<size_t>(l.tail));
            t = tail_copy[i];
          }
          const __m256i wv = x86::load_s8x16_as_s16(t);
          acc[i] = _mm256_add_epi32(acc[i], _mm256_madd_epi16(wv, x0));
          acc[4 + i] = _mm256_add_epi32(acc[4 + i], _mm256_madd_epi16(wv, x1));
        }
      }
      __m256i sums = reduce_2x4(acc);
      if (bias != nullptr) sums = _mm256_add_epi32(sums, channel_values(bias, index));
      __m256i m, s;
      if (per_channel) {
        m = channel_values(multipliers, index);
        s = channel_values(shifts, index);
      } else {
        m = _mm256_set1_epi32(multipliers[0]);
        s = _mm256_set1_epi32(shifts[0]);
      }
      int8_t bytes[8];
      x86::narrow_s32x8(x86::output_stage(stage, sums, m, s), bytes);
      memcpy(out0 + oc, bytes, static_cast<size_t>(n));
      if (pair) memcpy(out0 + out_c + oc, bytes + 4, static_cast<size_t>(n));
    }
  }
}

}  // namespace qrt

QRT_X86_AVX2_END
