// DEPTHWISE_CONV_2D int8 for the Arm DSP extension (Cortex-M4/M7), no scratch.
//
// Depth multiplier 1: four channels per word. A word of four input bytes and the word of their
// four weights are widened by SXTAB16/SXTB16 into lanes (c0, c2) and (c1, c3), input_offset added
// in the same instruction, and SMLABB/SMLATT accumulate each channel in its own register (as
// CMSIS-NN's arm_depthwise_conv_3x3_s8). Rows of three taps with unit dilation, the 3x3 interior,
// are unrolled. Depth multiplier above 1: one input value (offset added) times four consecutive
// output channels' weights per step, with SMLABB/SMLATB. Taps outside the input are skipped by
// clipping the tap ranges once per output pixel. Leftover channels are computed one by one.
// Every value the loops read is copied into a local plan first (see opt::OutputStageS8).
// Exactness: see kernel_util_s8.h (wrapping int32 sums, reference output stage).
#include "dsp_simd.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"

namespace qrt {
namespace {

struct Plan : opt::DepthwiseOperands {
  opt::OutputStageS8 stage;
  bool rows_of_three;  // filter width 3, unit dilation: full rows are unrolled
};

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

// `rows` full rows of three taps (unit dilation) for four channels: input and filter advance by
// the same `channels` bytes per tap, so one index serves both; few enough live values for the
// M4's registers (4 accumulators, 2 bases, index, 3 constants, 4 widened operands).
inline void rows_of_three_4ch(const int8_t* in, const int8_t* f, int32_t channels,
                              int32_t in_row_step, int32_t rows, int32_t offset2, Acc4* acc) {
  Acc4 a = *acc;
  const int32_t two = 2 * channels;
  do {
    mac_4ch(dsp::load_s8x4(in), dsp::load_s8x4(f), offset2, &a);
    mac_4ch(dsp::load_s8x4(in + channels), dsp::load_s8x4(f + channels), offset2, &a);
    mac_4ch(dsp::load_s8x4(in + two), dsp::load_s8x4(f + two), offset2, &a);
    in += in_row_step;
    f += channels + two;
  } while (--rows > 0);
  *acc = a;
}

inline int32_t bias_of(const Plan& pl, int32_t oc) {
  return pl.bias != nullptr ? pl.bias[oc] : 0;
}

// Depth multiplier 1: all channels of one output pixel. The plan is copied to a local first: the
// output stores could alias it otherwise.
void pixel_dm1(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t channels = pl.g.in_c;
  const int32_t offset2 = dsp::dup_s16x2(pl.input_offset);
  const bool three = pl.rows_of_three && win.rx.begin == 0 && win.rx.end == 3;
  const int32_t rows = win.ry.end - win.ry.begin;
  int32_t c = 0;
  for (; c + 4 <= channels; c += 4) {
    Acc4 acc = {bias_of(pl, c), bias_of(pl, c + 1), bias_of(pl, c + 2), bias_of(pl, c + 3)};
    const int8_t* in_row = pl.input + win.in_first + c;
    const int8_t* f_row = pl.filter + win.f_first + c;
    if (three && rows > 0) {
      rows_of_three_4ch(in_row, f_row, channels, pl.in_row_step, rows, offset2, &acc);
    } else {
      for (int32_t r = rows; r > 0; --r) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          mac_4ch(dsp::load_s8x4(in), dsp::load_s8x4(f), offset2, &acc);
          in += pl.in_col_step;
          f += channels;
        }
        in_row += pl.in_row_step;
        f_row += pl.f_row_step;
      }
    }
    out[c] = pl.stage.apply(acc.c0, c);
    out[c + 1] = pl.stage.apply(acc.c1, c + 1);
    out[c + 2] = pl.stage.apply(acc.c2, c + 2);
    out[c + 3] = pl.stage.apply(acc.c3, c + 3);
  }
  for (; c < channels; ++c) out[c] = pl.stage.apply(opt::depthwise_channel_sum(pl, win, c, c), c);
}

// Depth multiplier m > 1: output channel ic * m + j reads input channel ic.
void pixel_dm(const Plan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const Plan pl = plan;
  const int32_t mult = pl.depth_multiplier;
  for (int32_t ic = 0; ic < pl.g.in_c; ++ic) {
    const int32_t oc0 = ic * mult;
    int32_t j = 0;
    for (; j + 4 <= mult; j += 4) {
      const int32_t oc = oc0 + j;
      Acc4 acc = {bias_of(pl, oc), bias_of(pl, oc + 1), bias_of(pl, oc + 2), bias_of(pl, oc + 3)};
      const int8_t* in_row = pl.input + win.in_first + ic;
      const int8_t* f_row = pl.filter + win.f_first + oc;
      for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
        const int8_t* in = in_row;
        const int8_t* f = f_row;
        for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
          const int32_t x = *in + pl.input_offset;  // the bottom int16 lane of x is x
          const int32_t w = dsp::load_s8x4(f);
          const int32_t we = dsp::sxtb16_even(w);
          const int32_t wo = dsp::sxtb16_odd(w);
          acc.c0 = dsp::smlabb(we, x, acc.c0);
          acc.c2 = dsp::smlatb(we, x, acc.c2);
          acc.c1 = dsp::smlabb(wo, x, acc.c1);
          acc.c3 = dsp::smlatb(wo, x, acc.c3);
          in += pl.in_col_step;
          f += pl.g.out_c;
        }
        in_row += pl.in_row_step;
        f_row += pl.f_row_step;
      }
      out[oc] = pl.stage.apply(acc.c0, oc);
      out[oc + 1] = pl.stage.apply(acc.c1, oc + 1);
      out[oc + 2] = pl.stage.apply(acc.c2, oc + 2);
      out[oc + 3] = pl.stage.apply(acc.c3, oc + 3);
    }
    for (; j < mult; ++j) {
      out[oc0 + j] = pl.stage.apply(opt::depthwise_channel_sum(pl, win, ic, oc0 + j), oc0 + j);
    }
  }
}

}  // namespace

void depthwise_conv2d_s8_dsp(const ConvS8Args& args) {
  Plan pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.stage = opt::output_stage_s8(args);
  pl.rows_of_three = pl.g.filter_w == 3 && pl.g.dilation_w == 1;
  opt::run_depthwise<pixel_dm1, pixel_dm>(pl, args.output_data);
}

}  // namespace qrt
