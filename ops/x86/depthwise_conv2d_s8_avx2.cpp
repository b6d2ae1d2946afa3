// DEPTHWISE_CONV_2D int8 for x86-64 AVX2, no scratch.
//
// Depth multiplier 1: sixteen channels per step (then eight, then one at a time). Input and
// weight bytes are widened to int16, the input offset added (x + offset in [-255, 255]), and the
// products formed by VPMULLW: |(x + offset) * w| <= 255 * 128 = 32640 fits int16, so the low half
// is the exact product; it is widened to int32 and accumulated per channel. Depth multiplier
// above 1: one input value times eight consecutive output channels' weights per step. Taps
// outside the input are skipped by clipping the tap ranges once per output pixel; the output
// stage is vectorized (avx2_util.h). Exactness: see kernel_util_s8.h (wrapping int32 sums).
#include <string.h>

#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "avx2_util.h"

QRT_X86_AVX2_BEGIN

namespace qrt {
namespace {

struct Stage {
  const ConvS8Args* args;
  x86::OutputStage vector;
  bool per_channel;
};

// Output channels [oc, oc + 8): bias, output stage, store.
inline void finish8(const Stage& st, __m256i acc, int32_t oc, int8_t* out) {
  const ConvS8Args& a = *st.args;
  if (a.bias != nullptr) {
    acc = _mm256_add_epi32(acc, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.bias + oc)));
  }
  __m256i m, s;
  if (st.per_channel) {
    m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.multipliers + oc));
    s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.shifts + oc));
  } else {
    m = _mm256_set1_epi32(a.multipliers[0]);
    s = _mm256_set1_epi32(a.shifts[0]);
  }
  x86::narrow_s32x8(x86::output_stage(st.vector, acc, m, s), out + oc);
}

// One output channel reading input channel ic, in scalar code.
inline void single_channel(const Stage& st, const opt::DepthwiseWindow& win, int32_t ic,
                           int32_t oc, int8_t* out) {
  const ConvS8Args& a = *st.args;
  const ConvParams& p = *a.params;
  const int32_t in_row_step = p.dilation_h * a.input.w * a.input.c;
  const int32_t in_col_step = p.dilation_w * a.input.c;
  const int32_t f_row_step = a.filter.w * a.output.c;
  int32_t acc = a.bias != nullptr ? a.bias[oc] : 0;
  const int8_t* in_row = a.input_data + win.in_first + ic;
  const int8_t* f_row = a.filter_data + win.f_first + oc;
  for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
    const int8_t* in = in_row;
    const int8_t* f = f_row;
    for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
      acc = opt::wrapping_mul_add(*f, *in + p.input_offset, acc);
      in += in_col_step;
      f += a.output.c;
    }
    in_row += in_row_step;
    f_row += f_row_step;
  }
  const int32_t q = st.per_channel ? oc : 0;
  out[oc] = opt::requantize_to_s8(acc, a.multipliers[q], a.shifts[q], p.output_offset, p.act_min,
                                  p.act_max);
}

void pixel_dm1(const Stage& st, const opt::DepthwiseWindow& win, int8_t* out) {
  const ConvS8Args& a = *st.args;
  const ConvParams& p = *a.params;
  const int32_t channels = a.input.c;
  const int32_t in_row_step = p.dilation_h * a.input.w * channels;
  const int32_t in_col_step = p.dilation_w * channels;
  const int32_t f_row_step = a.filter.w * channels;
  const __m256i io16 = _mm256_set1_epi16(static_cast<int16_t>(p.input_offset));
  int32_t c = 0;
  for (; c + 16 <= channels; c += 16) {
    __m256i acc_lo = _mm256_setzero_si256();
    __m256i acc_hi = _mm256_setzero_si256();
    const int8_t* in_row = a.input_data + win.in_first + c;
    const int8_t* f_row = a.filter_data + win.f_first + c;
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
    finish8(st, acc_lo, c, out);
    finish8(st, acc_hi, c + 8, out);
  }
  if (c + 8 <= channels) {
    const __m128i io8 = _mm256_castsi256_si128(io16);
    __m256i acc = _mm256_setzero_si256();
    const int8_t* in_row = a.input_data + win.in_first + c;
    const int8_t* f_row = a.filter_data + win.f_first + c;
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
    finish8(st, acc, c, out);
    c += 8;
  }
  for (; c < channels; ++c) single_channel(st, win, c, c, out);
}

// Depth multiplier m > 1: output channel ic * m + j reads input channel ic.
void pixel_dm(const Stage& st, const opt::DepthwiseWindow& win, int8_t* out) {
  const ConvS8Args& a = *st.args;
  const ConvParams& p = *a.params;
  const int32_t in_c = a.input.c;
  const int32_t out_c = a.output.c;
  const int32_t mult = p.depth_multiplier;
  const int32_t in_row_step = p.dilation_h * a.input.w * in_c;
  const int32_t in_col_step = p.dilation_w * in_c;
  const int32_t f_row_step = a.filter.w * out_c;
  for (int32_t ic = 0; ic < in_c; ++ic) {
    int32_t j = 0;
    for (; j + 8 <= mult; j += 8) {
      const int32_t oc = ic * mult + j;
      __m256i acc = _mm256_setzero_si256();
      const int8_t* in_row = a.input_data + win.in_first + ic;
      const int8_t* f_row = a.filter_data + win.f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          const __m128i x = _mm_set1_epi16(static_cast<int16_t>(*in + p.input_offset));
          const __m128i w =
              _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(f)));
          acc = _mm256_add_epi32(acc, _mm256_cvtepi16_epi32(_mm_mullo_epi16(x, w)));
          in += in_col_step;
          f += out_c;
        }
        in_row += in_row_step;
        f_row += f_row_step;
      }
      finish8(st, acc, oc, out);
    }
    for (; j < mult; ++j) single_channel(st, win, ic, ic * mult + j, out);
  }
}

}  // namespace

void depthwise_conv2d_s8_avx2(const ConvS8Args& args) {
  const ConvParams& p = *args.params;
  const Shape4& os = args.output;
  Stage st;
  st.args = &args;
  st.vector = x86::output_stage_of(p.output_offset, p.act_min, p.act_max);
  st.per_channel = p.channel_count > 1;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const opt::DepthwiseWindow win = opt::depthwise_window(args, b, oy, ox);
        int8_t* out = args.output_data + ((b * os.h + oy) * os.w + ox) * os.c;
        if (p.depth_multiplier == 1) {
          pixel_dm1(st, win, out);
        } else {
          pixel_dm(st, win, out);
        }
      }
    }
  }
}

}  // namespace qrt

QRT_X86_AVX2_END
