// FULLY_CONNECTED int8 for x86-64 AVX2: eight weight rows per pass over the input row, sixteen
// bytes per step widened to int16 (VPMOVSXBW), the input offset added in int16 (x + input_offset
// lies in [-255, 255]) and products summed pairwise into int32 lanes by VPMADDWD (|w| <= 128, so
// a pair is at most 2 * 128 * 255: no saturation). The per-tensor weights offset goes through the
// input sum: sum_k (w_k + wo)(x_k + io) = sum_k w_k (x_k + io) + wo * sum_k (x_k + io). The
// depth's tail (depth % 16) is one more step with the input padded by -io, so that the lanes past
// the depth add nothing whatever weight bytes they meet; no load reads past a tensor. The eight accumulators are
// reduced into one vector whose output stage is vectorized (avx2_util.h).
// Exactness: see kernel_util_s8.h (wrapping int32 sums, reference output stage).
#include <string.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

// Eight vectors of eight partial sums -> the eight totals, in order.
inline __m256i reduce_8x8(const __m256i a[8]) {
  const __m256i h01 = _mm256_hadd_epi32(a[0], a[1]);
  const __m256i h23 = _mm256_hadd_epi32(a[2], a[3]);
  const __m256i h45 = _mm256_hadd_epi32(a[4], a[5]);
  const __m256i h67 = _mm256_hadd_epi32(a[6], a[7]);
  const __m256i h0123 = _mm256_hadd_epi32(h01, h23);  // per half: sums 0..3 of that half
  const __m256i h4567 = _mm256_hadd_epi32(h45, h67);
  return _mm256_add_epi32(_mm256_permute2x128_si256(h0123, h4567, 0x20),
                          _mm256_permute2x128_si256(h0123, h4567, 0x31));
}

}  // namespace

void fully_connected_s8_avx2(const FullyConnectedS8Args& args) {
  const FullyConnectedParams& p = *args.params;
  const bool per_channel = p.channel_count > 1;
  // As the reference: the weights offset applies on the per-tensor path only.
  const int32_t wo = per_channel ? 0 : p.weights_offset;
  const int32_t io = p.input_offset;
  const int32_t depth = args.input_depth;
  const int32_t units = args.output_depth;
  const int32_t k_main = depth & ~15;
  const int32_t tail = depth - k_main;
  const int64_t weights_bytes = int64_t{units} * depth;
  const __m256i io16 = _mm256_set1_epi16(static_cast<int16_t>(io));
  const x86::OutputStage stage = x86::output_stage_of(p.output_offset, p.act_min, p.act_max);

  // Values the loops read, as locals (see opt::OutputStageS8).
  const int8_t* const input = args.input;
  const int8_t* const weights = args.weights;
  const int32_t* const bias = args.bias;
  const int32_t* const multipliers = args.multipliers;
  const int32_t* const shifts = args.shifts;
  int8_t* const output = args.output;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* x = input + b * depth;
    alignas(16) int8_t x_tail[16];
    memset(x_tail, static_cast<int8_t>(-io), sizeof x_tail);
    memcpy(x_tail, x + k_main, static_cast<size_t>(tail));
    uint32_t x_sum = 0;  // modulo 2^32, like every accumulator here
    if (wo != 0) {
      for (int32_t k = 0; k < depth; ++k) x_sum += static_cast<uint32_t>(x[k] + io);
    }
    const __m256i row_constant =
        _mm256_set1_epi32(opt::wrapping_mul_add(wo, static_cast<int32_t>(x_sum), 0));
    int8_t* out = output + b * units;
    for (int32_t o = 0; o < units; o += 8) {
      const int32_t n = units - o < 8 ? units - o : 8;
      // Past the last unit the rows repeat the last one; those lanes are not stored.
      const int8_t* w[8];
      for (int32_t i = 0; i < 8; ++i) w[i] = weights + (o + (i < n ? i : n - 1)) * depth;
      __m256i acc[8];
      for (int32_t i = 0; i < 8; ++i) acc[i] = _mm256_setzero_si256();
      for (int32_t k = 0; k < k_main; k += 16) {
        const __m256i xv = _mm256_add_epi16(x86::load_s8x16_as_s16(x + k), io16);
        for (int32_t i = 0; i < 8; ++i) {
          acc[i] = _mm256_add_epi32(acc[i],
                                    _mm256_madd_epi16(x86::load_s8x16_as_s16(w[i] + k), xv));
        }
      }
      if (tail != 0) {
        // The 16 bytes from a row's tail run into the next row, whose bytes meet padded input
        // lanes and add nothing; only reads past the end of the weights go through a copy.
        const __m256i xv = _mm256_add_epi16(x86::load_s8x16_as_s16(x_tail), io16);
        for (int32_t i = 0; i < 8; ++i) {
          const int8_t* t = w[i] + k_main;
          alignas(16) int8_t copy[16];
          if ((w[i] - weights) + k_main + 16 > weights_bytes) {
            memset(copy, 0, sizeof copy);
            memcpy(copy, t, static_cast<size_t>(tail));
            t = copy;
          }
          acc[i] = _mm256_add_epi32(acc[i], _mm256_madd_epi16(x86::load_s8x16_as_s16(t), xv));
        }
      }
      __m256i sums = _mm256_add_epi32(reduce_8x8(acc), row_constant);
      const __m256i mask = x86::lane_mask(n);
      if (bias != nullptr) sums = _mm256_add_epi32(sums, _mm256_maskload_epi32(bias + o, mask));
      __m256i m, s;
      if (per_channel) {
        m = _mm256_maskload_epi32(multipliers + o, mask);
        s = _mm256_maskload_epi32(shifts + o, mask);
      } else {
        m = _mm256_set1_epi32(multipliers[0]);
        s = _mm256_set1_epi32(shifts[0]);
      }
      x86::store_s8(out + o, x86::output_stage(stage, sums, m, s), n);
    }
  }
}

}  // namespace qrt

QRT_X86_AVX2_END
