// CONV_2D, FULLY_CONNECTED and DEPTHWISE_CONV_2D with packed INT4 weights for Helium (Cortex-M55),
// the weights unpacked in registers. CONV_2D and FULLY_CONNECTED: four weight rows per pass over an
// int8 row (an im2col row, an input pixel or an input row).
//
// Sixteen values per step: the input's 16 bytes split into their even and odd positions as int16
// (VMOVLB / VMOVLT), the input offset added in int16 (x + input_offset lies in [-255, 255]); a
// weight row's 8 bytes widened to int16 lanes (VLDRB.S16), whose low nibbles (the even positions'
// weights) and high nibbles (the odd positions') come out signed by two shifts each; VMLADAVA.S16
// sums the products into a scalar, in wrapping int32 like the reference (kernel_util_s8.h). The
// row's tail is predicated: only the lanes of real values count, so a row's padding nibble and the
// bytes after it are never used (FULLY_CONNECTED). CONV_2D (below) works on int8 lanes instead:
// each pixel's im2col row (kernel_util_s4.h: one packed run per filter, odd input depths
// included) split once into even and odd positions, so VMLADAVA.S8 takes 16 products at a time.
// Grouped filters go to the reference. Scratch: conv2d_s8s4_mve_scratch_bytes.
#include <string.h>

#include "mve_util.h"
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/quant/int4.h"
#include "scratch_mve.h"

namespace qrt {
namespace {

struct Rows4 {
  const uint8_t* w[4];
};

// sum_k (x_k + offset) * w_i[k] for four packed rows of `depth` values.
inline int32x4_t dot_4_rows(const int8_t* x, const Rows4& rows, int32_t depth, int32_t offset) {
  const int16x8_t offset16 = vdupq_n_s16(static_cast<int16_t>(offset));
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const uint8_t* w0 = rows.w[0];
  const uint8_t* w1 = rows.w[1];
  const uint8_t* w2 = rows.w[2];
  const uint8_t* w3 = rows.w[3];
  const int32_t main = depth & ~15;
  for (int32_t k = 0; k < main; k += 16) {
    const int8x16_t xv = vldrbq_s8(x + k);
    const int16x8_t xe = vaddq_s16(vmovlbq_s8(xv), offset16);
    const int16x8_t xo = vaddq_s16(vmovltq_s8(xv), offset16);
    const int32_t byte = k >> 1;
#define QRT_S4_ROW(acc, w)                                                        \
  do {                                                                            \
    const int16x8_t b = vldrbq_s16(reinterpret_cast<const int8_t*>(w) + byte);    \
    acc = vmladavaq_s16(acc, xe, vshrq_n_s16(vshlq_n_s16(b, 12), 12));            \
    acc = vmladavaq_s16(acc, xo, vshrq_n_s16(vshlq_n_s16(b, 8), 12));             \
  } while (0)
    QRT_S4_ROW(a0, w0);
    QRT_S4_ROW(a1, w1);
    QRT_S4_ROW(a2, w2);
    QRT_S4_ROW(a3, w3);
#undef QRT_S4_ROW
  }
  const int32_t rest = depth - main;
  if (rest > 0) {
    const auto even = static_cast<uint32_t>((rest + 1) / 2);  // values 0, 2, ... of the tail
    const auto odd = static_cast<uint32_t>(rest / 2);          // values 1, 3, ...
    const int8x16_t xv = vldrbq_z_s8(x + main, vctp8q(static_cast<uint32_t>(rest)));
    const int16x8_t xe = vaddq_s16(vmovlbq_s8(xv), offset16);
    const int16x8_t xo = vaddq_s16(vmovltq_s8(xv), offset16);
    const mve_pred16_t pe = vctp16q(even), po = vctp16q(odd);
    const int32_t byte = main >> 1;
#define QRT_S4_TAIL(acc, w)                                                            \
  do {                                                                                 \
    const int16x8_t b = vldrbq_z_s16(reinterpret_cast<const int8_t*>(w) + byte, pe);   \
    acc = vmladavaq_p_s16(acc, xe, vshrq_n_s16(vshlq_n_s16(b, 12), 12), pe);           \
    acc = vmladavaq_p_s16(acc, xo, vshrq_n_s16(vshlq_n_s16(b, 8), 12), po);            \
  } while (0)
    QRT_S4_TAIL(a0, w0);
    QRT_S4_TAIL(a1, w1);
    QRT_S4_TAIL(a2, w2);
    QRT_S4_TAIL(a3, w3);
#undef QRT_S4_TAIL
  }
  return mve::make_s32x4(a0, a1, a2, a3);
}

// Rows o .. o + 3 of `count`, each `row_bytes` apart; past the last the rows repeat the last one
// (those lanes are not stored).
inline Rows4 rows_from(const uint8_t* first, int32_t o, int32_t count, int32_t row_bytes) {
  Rows4 r;
  for (int32_t i = 0; i < 4; ++i) r.w[i] = first + (o + i < count ? o + i : count - 1) * row_bytes;
  return r;
}

struct DepthwisePlan : opt::DepthwiseOperands {
  mve::OutputStage stage;
  int32_t row_bytes;  // one tap's packed row of out_c values
};

// Depth multiplier 1, eight channels per step as depthwise_conv2d_s8_mve: the inputs widened to
// int16 with the offset added, split into even and odd channels as int32 (VMOVLB / VMOVLT); the
// channels' four weight bytes widened to int32 lanes, whose low nibbles are the even channels'
// weights and high nibbles the odd ones' (two shifts each); products added per lane. Inactive lanes of a
// last partial block read nothing and are never stored.
void pixel_dm1_s4(const DepthwisePlan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const DepthwisePlan pl = plan;  // the output stores could alias the plan otherwise
  const int32_t channels = pl.g.in_c;
  const int16_t offset = static_cast<int16_t>(pl.input_offset);
  const mve::EvenOdd lanes = mve::even_odd_offsets();
  for (int32_t c = 0; c < channels; c += 8) {
    const int32_t left = channels - c;
    const mve_pred16_t active = vctp16q(static_cast<uint32_t>(left));
    const mve_pred16_t bytes = vctp32q(static_cast<uint32_t>((left + 1) / 2));
    int32x4_t acc_even = vdupq_n_s32(0);
    int32x4_t acc_odd = vdupq_n_s32(0);
    const int8_t* in_row = pl.input + win.in_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const auto* f = reinterpret_cast<const int8_t*>(opt::depthwise_s4_weights(pl, pl.row_bytes, fy, win.rx.begin, c));
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const int16x8_t x = vaddq_n_s16(vldrbq_z_s16(in, active), offset);
        const int32x4_t w = vldrbq_z_s32(f, bytes);
        acc_even = vaddq_s32(acc_even, vmulq_s32(vmovlbq_s16(x), vshrq_n_s32(vshlq_n_s32(w, 28), 28)));
        acc_odd = vaddq_s32(acc_odd, vmulq_s32(vmovltq_s16(x), vshrq_n_s32(vshlq_n_s32(w, 24), 28)));
        in += pl.in_col_step;
        f += pl.row_bytes;
      }
      in_row += pl.in_row_step;
    }
    mve::store_even_odd_s8(pl.stage, pl.bias, c, lanes, acc_even, acc_odd, left, active, out + c);
  }
}

void pixel_dm_unused(const DepthwisePlan&, const opt::DepthwiseWindow&, int8_t*) {}

}  // namespace

void depthwise_conv2d_s8s4_mve(const ConvS8Args& args) {
  if (args.params->depth_multiplier != 1) {
    depthwise_conv2d_s8s4_ref(args);
    return;
  }
  DepthwisePlan pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.stage = mve::conv_output_stage(args);
  pl.row_bytes = int4_row_bytes(pl.g.out_c);
  opt::run_depthwise<pixel_dm1_s4, pixel_dm_unused>(pl, args.output_data);
}

void fully_connected_s8s4_mve(const FullyConnectedS8Args& args) {
  const FullyConnectedParams& p = *args.params;
  const bool per_channel = p.channel_count > 1;
  const int32_t wo = per_channel ? 0 : p.weights_offset;  // as the reference
  const int32_t io = p.input_offset;
  const int32_t depth = args.input_depth;
  const int32_t units = args.output_depth;
  const int32_t row_bytes = int4_row_bytes(depth);
  mve::OutputStage stage;
  stage.output_offset = vdupq_n_s32(p.output_offset);
  stage.act_min = vdupq_n_s32(p.act_min);
  stage.act_max = vdupq_n_s32(p.act_max);
  stage.per_channel = per_channel;
  stage.multipliers = args.multipliers;
  stage.shifts = args.shifts;
  const auto* const weights = reinterpret_cast<const uint8_t*>(args.weights);
  const int32_t* const bias = args.bias;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* x = args.input + b * depth;
    int8_t* out = args.output + b * units;
    // sum (w + wo)(x + io) = sum w (x + io) + wo * sum (x + io), modulo 2^32.
    int32_t x_sum = 0;
    if (wo != 0) {
      for (int32_t k = 0; k < depth; k += 16) {
        const mve_pred16_t active = vctp8q(static_cast<uint32_t>(depth - k));
        x_sum = vaddvaq_s8(x_sum, vldrbq_z_s8(x + k, active));
      }
      x_sum = opt::wrapping_mul_add(depth, io, x_sum);
    }
    const int32x4_t row_constant = vdupq_n_s32(opt::wrapping_mul_add(wo, x_sum, 0));
    for (int32_t o = 0; o < units; o += 4) {
      int32x4_t acc = vaddq_s32(dot_4_rows(x, rows_from(weights, o, units, row_bytes), depth, io),
                                row_constant);
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(units - o));
      if (bias != nullptr) acc = vaddq_s32(acc, vldrwq_z_s32(bias + o, active));
      vstrbq_p_s32(out + o, mve::output_stage(stage, acc, o, active), active);
    }
  }
}

namespace {

// bias[oc] + input_offset * (sum of filter oc's `depth` values), for every output channel: VMLADAVA
// multiplies raw bytes, so the offset enters through the filter sums (as conv2d_s8_mve).
void fold_offset_and_bias_s4(const ConvS8Args& args, int32_t depth, int32_t* folded) {
  const auto* const filter = reinterpret_cast<const int8_t*>(args.filter_data);
  const int32_t bytes = depth / 2;
  for (int32_t oc = 0; oc < args.output.c; ++oc) {
    const int8_t* w = filter + oc * bytes;
    int32_t sum = 0;
    for (int32_t k = 0; k < bytes; k += 16) {
      const int8x16_t b = vldrbq_z_s8(w + k, vctp8q(static_cast<uint32_t>(bytes - k)));
      sum = vaddvaq_s8(sum, vshrq_n_s8(vshlq_n_s8(b, 4), 4));
      sum = vaddvaq_s8(sum, vshrq_n_s8(b, 4));
    }
    folded[oc] = opt::wrapping_mul_add(args.params->input_offset, sum, args.bias != nullptr ? args.bias[oc] : 0);
  }
}

// The even-position and odd-position bytes of `depth` (even) inputs, each into its own run (gather
// loads with offsets 0, 2, ..., 30; predicated at the end, so nothing past the row is read).
void split_even_odd(const int8_t* x, int32_t depth, int8_t* even, int8_t* odd) {
  const uint8x16_t offsets = vidupq_n_u8(0, 2);
  const int32_t pairs = depth / 2;
  for (int32_t j = 0; j < pairs; j += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(pairs - j));
    vstrbq_s8(even + j, vldrbq_gather_offset_z_s8(x + 2 * j, offsets, p));
    vstrbq_s8(odd + j, vldrbq_gather_offset_z_s8(x + 2 * j + 1, offsets, p));
  }
}

// sum_k x_k * w_i[k] over the split inputs for four packed rows, 32 values per step: each row's
// 16 bytes give the even positions' weights (low nibbles) and the odd ones' (high nibbles), one
// VMLADAVA.S8 each. The split runs are zero past the depth (padded to 16), the last bytes of a row
// are a predicated (zero-filling) load.
inline int32x4_t dot_4_rows_split(const int8_t* even, const int8_t* odd, const Rows4& rows, int32_t depth) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const int32_t bytes = depth / 2;
  for (int32_t k = 0; k < bytes; k += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(bytes - k));
    const int8x16_t xe = vldrbq_s8(even + k), xo = vldrbq_s8(odd + k);
#define QRT_S4_ROW8(acc, w)                                                            \
  do {                                                                                 \
    const int8x16_t b = vldrbq_z_s8(reinterpret_cast<const int8_t*>(w) + k, p);        \
    acc = vmladavaq_s8(acc, xe, vshrq_n_s8(vshlq_n_s8(b, 4), 4));                      \
    acc = vmladavaq_s8(acc, xo, vshrq_n_s8(b, 4));                                     \
  } while (0)
    QRT_S4_ROW8(a0, rows.w[0]);
    QRT_S4_ROW8(a1, rows.w[1]);
    QRT_S4_ROW8(a2, rows.w[2]);
    QRT_S4_ROW8(a3, rows.w[3]);
#undef QRT_S4_ROW8
  }
  return mve::make_s32x4(a0, a1, a2, a3);
}

}  // namespace

// CONV_2D: the filter sums folded into the biases once per call, each pixel's im2col row split
// into even and odd positions once (scratch), then four filters per pass on int8 lanes.
void conv2d_s8s4_mve(const ConvS8Args& args) {
  if (opt::conv_is_grouped(args)) {
    conv2d_s8s4_ref(args);
    return;
  }
  const ConvParams& p = *args.params;
  const int32_t depth = opt::conv_s4_patch_depth(args);  // one packed run per filter, even
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const int32_t split = conv2d_s8s4_mve_split_bytes(args);
  auto* const folded = static_cast<int32_t*>(args.scratch);
  int8_t* const even = reinterpret_cast<int8_t*>(folded + out_c);
  int8_t* const odd = even + split;
  int8_t* const row = odd + split;
  const bool im2col = !opt::conv_s4_reads_input_in_place(args);
  const int8_t pad_value = static_cast<int8_t>(-p.input_offset);
  const mve::OutputStage stage = mve::conv_output_stage(args);
  const auto* const filter = reinterpret_cast<const uint8_t*>(args.filter_data);
  int8_t* const output = args.output_data;
  fold_offset_and_bias_s4(args, depth, folded);
  // The runs' padding to 16 stays zero: products there add nothing.
  memset(even, 0, static_cast<size_t>(2 * split));
  for (int32_t px = 0; px < pixels; ++px) {
    const int8_t* col;
    if (im2col) {
      opt::im2col_row_s4(args, px, pad_value, row);
      col = row;
    } else {
      col = opt::pointwise_input_row(args, px);
    }
    split_even_odd(col, depth, even, odd);
    int8_t* out = output + px * out_c;
    for (int32_t oc = 0; oc < out_c; oc += 4) {
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(out_c - oc));
      const int32x4_t acc = vaddq_s32(dot_4_rows_split(even, odd, rows_from(filter, oc, out_c, depth / 2), depth),
                                      vldrwq_z_s32(folded + oc, active));
      vstrbq_p_s32(out + oc, mve::output_stage(stage, acc, oc, active), active);
    }
  }
}

}  // namespace qrt
