// DEPTHWISE_CONV_2D int8 for x86-64 AVX2, no scratch.
//
// Depth multiplier 1: sixteen channels per step (then eight, then one at a time). Input and
// weight bytes are widened to int16, the input offset added (x + offset in [-255, 255]), and the
// products formed by VPMULLW: |(x + offset) * w| <= 255 * 128 = 32640 fits int16, so the low half
// is the exact product; it is widened to int32 and accumulated per channel. Depth multiplier
// above 1: one input value times eight consecutive output channels' weights per step. Taps
// outside the input are skipped by clipping the tap ranges once per output pixel; the output
// stage is vectorized (avx2_util.h). Every value the loops read is copied into a local plan
// first (see opt::OutputStageS8). Exactness: see kernel_util_s8.h (wrapping int32 sums).
//
// Packed INT4 filters (depthwise_conv2d_s8s4_avx2), depth multiplier 1: eight channels per step
// from four weight bytes, nibbles split, sign-extended ((v ^ 8) - 8) and interleaved back into
// channel order (VPUNPCKLBW), widened to int32 and multiplied with the widened input (VPMULLD).
// Leftover channels in scalar code (kernel_util_s4.h); depth multipliers above 1 go to the
// reference.
#include <string.h>

#include "qrt/ops/kernel_util_s4.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

struct Plan : opt::DepthwiseOperands {
  opt::OutputStageS8 scalar;
  x86::OutputStage vector;
};

// Output channels [oc, oc + 8): bias, output stage, store.
inline void finish8(const Plan& pl, __m256i acc, int32_t oc, int8_t* out) {
  if (pl.bias != nullptr) {
    acc = _mm256_add_epi32(acc, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pl.bias + oc)));
  }
  __m256i m, s;
  if (pl.scalar.channel_mask != 0) {
    m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pl.scalar.multipliers + oc));
    s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pl.scalar.shifts + oc));
  } else {
    m = _mm256_set1_epi32(pl.scalar.multipliers[0]);
    s = _mm256_set1_epi32(pl.scalar.shifts[0]);
  }
  x86::narrow_s32x8(x86::output_stage(pl.vector, acc, m, s), out + oc);
}

// One output channel reading input channel ic, in scalar code.
inline void single_channel(const Plan& pl, const opt::DepthwiseWindow& win, int32_t ic,
                           int32_t oc, int8_t* out) {
  out[oc] = pl.scalar.apply(opt::depthwise_channel_sum(pl, win, ic, oc), oc);
}

// The plan is copied to a local first: the output stores could alias it otherwise.
void pixel_dm1(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t channels = pl.g.in_c;
  const int32_t in_row_step = pl.in_row_step;
  const int32_t in_col_step = pl.in_col_step;
  const int32_t f_row_step = pl.f_row_step;
  const __m256i io16 = _mm256_set1_epi16(static_cast<int16_t>(pl.input_offset));
  int32_t c = 0;
  for (; c + 16 <= channels; c += 16) {
    __m256i acc_lo = _mm256_setzero_si256();
    __m256i acc_hi = _mm256_setzero_si256();
    const int8_t* in_row = pl.input + win.in_first + c;
    const int8_t* f_row = pl.filter + win.f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const int8_t* f = f_row;
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const __m256i x = _mm256_add_epi16(x86::load_s8x16_as_s16(in), io16);
        const __m256i prod = _mm256_mullo_epi16(x, x86::load_s8x16_as_s16(f));
        acc_lo = _mm256_add_epi32(acc_lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(prod)));
        acc_hi = _mm256_add_epi32(acc_hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(prod, 1)));
        in += in_col_step;
        f += channels;
      }
      in_row += in_row_step;
      f_row += f_row_step;
    }
    finish8(pl, acc_lo, c, out);
    finish8(pl, acc_hi, c + 8, out);
  }
  if (c + 8 <= channels) {
    const __m128i io8 = _mm256_castsi256_si128(io16);
    __m256i acc = _mm256_setzero_si256();
    const int8_t* in_row = pl.input + win.in_first + c;
    const int8_t* f_row = pl.filter + win.f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const int8_t* f = f_row;
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const __m128i x = _mm_add_epi16(
            _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(in))), io8);
        const __m128i w = _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(f)));
        acc = _mm256_add_epi32(acc, _mm256_cvtepi16_epi32(_mm_mullo_epi16(x, w)));
        in += in_col_step;
        f += channels;
      }
      in_row += in_row_step;
      f_row += f_row_step;
    }
    finish8(pl, acc, c, out);
    c += 8;
  }
  for (; c < channels; ++c) single_channel(pl, win, c, c, out);
}

// Depth multiplier m > 1: output channel ic * m + j reads input channel ic.
void pixel_dm(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t in_c = pl.g.in_c;
  const int32_t out_c = pl.g.out_c;
  const int32_t mult = pl.depth_multiplier;
  const int32_t in_row_step = pl.in_row_step;
  const int32_t in_col_step = pl.in_col_step;
  const int32_t f_row_step = pl.f_row_step;
  for (int32_t ic = 0; ic < in_c; ++ic) {
    int32_t j = 0;
    for (; j + 8 <= mult; j += 8) {
      const int32_t oc = ic * mult + j;
      __m256i acc = _mm256_setzero_si256();
      const int8_t* in_row = pl.input + win.in_first + ic;
      const int8_t* f_row = pl.filter + win.f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          const __m128i x = _mm_set1_epi16(static_cast<int16_t>(*in + pl.input_offset));
          const __m128i w =
              _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(f)));
          acc = _mm256_add_epi32(acc, _mm256_cvtepi16_epi32(_mm_mullo_epi16(x, w)));
          in += in_col_step;
          f += out_c;
        }
        in_row += in_row_step;
        f_row += f_row_step;
      }
      finish8(pl, acc, oc, out);
    }
    for (; j < mult; ++j) single_channel(pl, win, ic, ic * mult + j, out);
  }
}

struct PlanS4 : Plan {
  int32_t row_bytes;  // one tap's packed row of out_c values
};

void pixel_dm1_s4(const PlanS4& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const PlanS4 pl = plan;
  const int32_t channels = pl.g.in_c;
  const __m256i io = _mm256_set1_epi32(pl.input_offset);
  const __m128i mask = _mm_set1_epi8(0x0F), eight = _mm_set1_epi8(8);
  int32_t c = 0;
  for (; c + 8 <= channels; c += 8) {
    __m256i acc = _mm256_setzero_si256();
    const int8_t* in_row = pl.input + win.in_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const uint8_t* f = opt::depthwise_s4_weights(pl, pl.row_bytes, fy, win.rx.begin, c);
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        int32_t bytes;
        memcpy(&bytes, f, 4);
        const __m128i b = _mm_cvtsi32_si128(bytes);
        const __m128i lo = _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(b, mask), eight), eight);
        const __m128i hi =
            _mm_sub_epi8(_mm_xor_si128(_mm_and_si128(_mm_srli_epi16(b, 4), mask), eight), eight);
        const __m256i w = _mm256_cvtepi8_epi32(_mm_unpacklo_epi8(lo, hi));
        const __m256i x = _mm256_add_epi32(
            _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(in))), io);
        acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(x, w));
        in += pl.in_col_step;
        f += pl.row_bytes;
      }
      in_row += pl.in_row_step;
    }
    finish8(pl, acc, c, out);
  }
  for (; c < channels; ++c) out[c] = pl.scalar.apply(opt::depthwise_channel_sum_s4(pl, pl.row_bytes, win, c), c);
}

void pixel_dm_unused(const PlanS4&, const opt::DepthwiseWindow&, int8_t*) {}

}  // namespace

void depthwise_conv2d_s8s4_avx2(const ConvS8Args& args) {
  if (args.params->depth_multiplier != 1) {
    depthwise_conv2d_s8s4_ref(args);
    return;
  }
  PlanS4 pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.scalar = opt::output_stage_s8(args);
  pl.vector = x86::output_stage_of(pl.scalar.output_offset, pl.scalar.act_min, pl.scalar.act_max);
  pl.row_bytes = int4_row_bytes(pl.g.out_c);
  opt::run_depthwise<pixel_dm1_s4, pixel_dm_unused>(pl, args.output_data);
}

void depthwise_conv2d_s8_avx2(const ConvS8Args& args) {
  Plan pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.scalar = opt::output_stage_s8(args);
  pl.vector = x86::output_stage_of(pl.scalar.output_offset, pl.scalar.act_min, pl.scalar.act_max);
  opt::run_depthwise<pixel_dm1, pixel_dm>(pl, args.output_data);
}

}  // namespace qrt

QRT_X86_AVX2_END
