// DEPTHWISE_CONV_2D int8 for the Arm DSP extension (Cortex-M4/M7), no scratch.
//
// Depth multiplier 1: four channels per word. A word of four input bytes and the word of their
// four weights are widened by SXTAB16/SXTB16 into lanes (c0, c2) and (c1, c3), input_offset added
// in the same instruction, and SMLABB/SMLATT accumulate each channel in its own register (as
// CMSIS-NN's arm_depthwise_conv_3x3_s8). Rows of three taps with unit dilation, the 3x3 interior,
// are unrolled. Depth multiplier above 1: one input value (offset added) times four consecutive
// output channels' weights per step, with SMLABB/SMLATB. Taps outside the input are skipped by
// clipping the tap ranges once per output pixel. Leftover channels are computed one by one.
// Exactness: see kernel_util_s8.h (wrapping int32 sums, reference output stage).
#include "dsp_simd.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

struct Acc4 {
  int32_t c0, c1, c2, c3;
};

// acc[c] += (x[c] + input_offset) * w[c] for the four bytes of the words x and w.
inline void mac_4ch(int32_t x, int32_t w, int32_t offset2, Acc4* acc) {
  const int32_t xe = dsp::sxtab16_even(offset2, x);
  const int32_t we = dsp::sxtb16_even(w);
  const int32_t xo = dsp::sxtab16_odd(offset2, x);
  const int32_t wo = dsp::sxtb16_odd(w);
  acc->c0 = dsp::smlabb(xe, we, acc->c0);
  acc->c2 = dsp::smlatt(xe, we, acc->c2);
  acc->c1 = dsp::smlabb(xo, wo, acc->c1);
  acc->c3 = dsp::smlatt(xo, wo, acc->c3);
}

// One output pixel's window: where its taps start in the input and which taps are inside.

struct Requant {
  const ConvS8Args* args;
  bool per_channel;
  int8_t apply(int32_t acc, int32_t oc) const {
    const ConvParams& p = *args->params;
    const int32_t q = per_channel ? oc : 0;
    return opt::requantize_to_s8(acc, args->multipliers[q], args->shifts[q], p.output_offset,
                                 p.act_min, p.act_max);
  }
};

int32_t bias_of(const ConvS8Args& a, int32_t oc) { return a.bias != nullptr ? a.bias[oc] : 0; }

// Depth multiplier 1: all channels of one output pixel.
void pixel_dm1(const ConvS8Args& a, const opt::DepthwiseWindow& win, const Requant& rq,
               int8_t* out) {
  const ConvParams& p = *a.params;
  const int32_t channels = a.input.c;
  const int32_t in_row_step = p.dilation_h * a.input.w * channels;
  const int32_t in_col_step = p.dilation_w * channels;
  const int32_t f_row_step = a.filter.w * channels;
  const int32_t offset2 = dsp::dup_s16x2(p.input_offset);
  const bool three_wide =
      a.filter.w == 3 && win.rx.begin == 0 && win.rx.end == 3 && p.dilation_w == 1;
  const int32_t in_first = win.in_first;
  const int32_t f_first = win.f_first;
  int32_t c = 0;
  for (; c + 4 <= channels; c += 4) {
    Acc4 acc = {bias_of(a, c), bias_of(a, c + 1), bias_of(a, c + 2), bias_of(a, c + 3)};
    const int8_t* in_row = a.input_data + in_first + c;
    const int8_t* f_row = a.filter_data + f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      if (three_wide) {
        mac_4ch(dsp::load_s8x4(in_row), dsp::load_s8x4(f_row), offset2, &acc);
        mac_4ch(dsp::load_s8x4(in_row + channels), dsp::load_s8x4(f_row + channels), offset2, &acc);
        mac_4ch(dsp::load_s8x4(in_row + 2 * channels), dsp::load_s8x4(f_row + 2 * channels),
                offset2, &acc);
      } else {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          mac_4ch(dsp::load_s8x4(in), dsp::load_s8x4(f), offset2, &acc);
          in += in_col_step;
          f += channels;
        }
      }
      in_row += in_row_step;
      f_row += f_row_step;
    }
    out[c] = rq.apply(acc.c0, c);
    out[c + 1] = rq.apply(acc.c1, c + 1);
    out[c + 2] = rq.apply(acc.c2, c + 2);
    out[c + 3] = rq.apply(acc.c3, c + 3);
  }
  for (; c < channels; ++c) {
    int32_t acc = bias_of(a, c);
    const int8_t* in_row = a.input_data + in_first + c;
    const int8_t* f_row = a.filter_data + f_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const int8_t* f = f_row;
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        acc = opt::wrapping_mul_add(*f, *in + p.input_offset, acc);
        in += in_col_step;
        f += channels;
      }
      in_row += in_row_step;
      f_row += f_row_step;
    }
    out[c] = rq.apply(acc, c);
  }
}

// Depth multiplier m > 1: output channel ic * m + j reads input channel ic.
void pixel_dm(const ConvS8Args& a, const opt::DepthwiseWindow& win, const Requant& rq,
              int8_t* out) {
  const ConvParams& p = *a.params;
  const int32_t in_c = a.input.c;
  const int32_t out_c = a.output.c;
  const int32_t mult = p.depth_multiplier;
  const int32_t in_row_step = p.dilation_h * a.input.w * in_c;
  const int32_t in_col_step = p.dilation_w * in_c;
  const int32_t f_row_step = a.filter.w * out_c;
  const int32_t in_first = win.in_first;
  const int32_t f_first = win.f_first;
  for (int32_t ic = 0; ic < in_c; ++ic) {
    const int32_t oc0 = ic * mult;
    int32_t j = 0;
    for (; j + 4 <= mult; j += 4) {
      const int32_t oc = oc0 + j;
      Acc4 acc = {bias_of(a, oc), bias_of(a, oc + 1), bias_of(a, oc + 2), bias_of(a, oc + 3)};
      const int8_t* in_row = a.input_data + in_first + ic;
      const int8_t* f_row = a.filter_data + f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          const int32_t x = *in + p.input_offset;  // bottom int16 lane of x is x
          const int32_t w = dsp::load_s8x4(f);
          const int32_t we = dsp::sxtb16_even(w);
          const int32_t wo = dsp::sxtb16_odd(w);
          acc.c0 = dsp::smlabb(we, x, acc.c0);
          acc.c2 = dsp::smlatb(we, x, acc.c2);
          acc.c1 = dsp::smlabb(wo, x, acc.c1);
          acc.c3 = dsp::smlatb(wo, x, acc.c3);
          in += in_col_step;
          f += out_c;
        }
        in_row += in_row_step;
        f_row += f_row_step;
      }
      out[oc] = rq.apply(acc.c0, oc);
      out[oc + 1] = rq.apply(acc.c1, oc + 1);
      out[oc + 2] = rq.apply(acc.c2, oc + 2);
      out[oc + 3] = rq.apply(acc.c3, oc + 3);
    }
    for (; j < mult; ++j) {
      const int32_t oc = oc0 + j;
      int32_t acc = bias_of(a, oc);
      const int8_t* in_row = a.input_data + in_first + ic;
      const int8_t* f_row = a.filter_data + f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          acc = opt::wrapping_mul_add(*f, *in + p.input_offset, acc);
          in += in_col_step;
          f += out_c;
        }
        in_row += in_row_step;
        f_row += f_row_step;
      }
      out[oc] = rq.apply(acc, oc);
    }
  }
}

}  // namespace

void depthwise_conv2d_s8_dsp(const ConvS8Args& args) {
  const ConvParams& p = *args.params;
  const Shape4& os = args.output;
  const Requant rq = {&args, p.channel_count > 1};
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const opt::DepthwiseWindow win = opt::depthwise_window(args, b, oy, ox);
        int8_t* out = args.output_data + ((b * os.h + oy) * os.w + ox) * os.c;
        if (p.depth_multiplier == 1) {
          pixel_dm1(args, win, rq, out);
        } else {
          pixel_dm(args, win, rq, out);
        }
      }
    }
  }
}

}  // namespace qrt
