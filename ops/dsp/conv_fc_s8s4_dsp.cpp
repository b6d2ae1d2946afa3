// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with packed INT4 weights for the Arm DSP
// extension: the int8 kernels' blocking with the weights unpacked in registers (s8s4_dsp.h), so
// the weights stay packed in flash and each byte is read once per use.
//
//  - CONV_2D: im2col of two pixels (kernel_util_s4.h: one packed run per filter, odd input
//    depths included) widened into the pairs of s8s4_dsp.h, 2x2 blocking (two filters x two
//    pixels) as conv2d_s8_dsp, its scratch layout. Grouped filters go to the reference.
//  - DEPTHWISE_CONV_2D with depth multiplier 1: four channels per step (two weight bytes), each
//    channel in its own accumulator (SMLABB / SMLATT); others go to the reference.
//  - FULLY_CONNECTED: the input row widened once into scratch (fully_connected_s8s4_dsp_scratch_bytes),
//    then two weight rows per pass.
// Leftover taps, channels and rows run in scalar code; the output stage is the reference's.
#include "qrt/ops/kernel_util_s8.h"
#include "qrt/ops/kernels_s8_opt.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt/quant/int4.h"
#include "s8s4_dsp.h"
#include "scratch_dsp.h"

namespace qrt {
namespace {

// Sums over the taps the vector loops left, from the byte rows and packed weights.
inline int32_t tail_sum(const int8_t* x, const uint8_t* w, int32_t from, int32_t depth,
                        int32_t input_offset, int32_t acc) {
  for (int32_t k = from; k < depth; ++k) {
    acc = opt::wrapping_mul_add(int4_get(w, k), x[k] + input_offset, acc);
  }
  return acc;
}

// The first (depth & ~7) taps of two pixel rows, paired for unpack_s4x8: per group of eight,
// pixel 0's four pair words, then pixel 1's.
void widen_pair_s4(const int8_t* col0, const int8_t* col1, int32_t depth, int32_t input_offset,
                   dsp::S4x8* dst) {
  const int32_t offset2 = dsp::dup_s16x2(input_offset);
  for (int32_t k = depth >> 3; k > 0; --k) {
    dst[0] = dsp::pair_inputs_s4x8(dsp::load_s8x4(col0), dsp::load_s8x4(col0 + 4), offset2);
    dst[1] = dsp::pair_inputs_s4x8(dsp::load_s8x4(col1), dsp::load_s8x4(col1 + 4), offset2);
    col0 += 8;
    col1 += 8;
    dst += 2;
  }
}

struct Acc2x2 {
  int32_t r0c0, r0c1, r1c0, r1c1;  // filter row r, pixel c; sums times 16
};

// Accumulators in locals, written out once: kept in the struct, GCC stored them every iteration.
inline Acc2x2 dot_2x2_s4(const dsp::S4x8* cols, const uint8_t* w0, const uint8_t* w1,
                         int32_t groups) {
  int32_t r0c0 = 0, r0c1 = 0, r1c0 = 0, r1c1 = 0;
  for (int32_t k = groups; k > 0; --k) {
    const dsp::S4x8 v0 = dsp::unpack_s4x8(dsp::load_s8x4(reinterpret_cast<const int8_t*>(w0)));
    const dsp::S4x8 v1 = dsp::unpack_s4x8(dsp::load_s8x4(reinterpret_cast<const int8_t*>(w1)));
    w0 += 4;
    w1 += 4;
    r0c0 = dsp::dot_s4x8(v0, cols[0], r0c0);
    r1c0 = dsp::dot_s4x8(v1, cols[0], r1c0);
    r0c1 = dsp::dot_s4x8(v0, cols[1], r0c1);
    r1c1 = dsp::dot_s4x8(v1, cols[1], r1c1);
    cols += 2;
  }
  return Acc2x2{r0c0, r0c1, r1c0, r1c1};
}

const uint8_t* packed(const int8_t* p) { return reinterpret_cast<const uint8_t*>(p); }

}  // namespace

void conv2d_s8s4_dsp(const ConvS8Args& args) {
  const int32_t depth = opt::conv_s4_patch_depth(args);  // one packed run per filter
  if (opt::conv_is_grouped(args) || depth > dsp::kMaxS4Depth) {
    conv2d_s8s4_ref(args);
    return;
  }
  const int32_t pixels = args.output.n * args.output.h * args.output.w;
  const int32_t out_c = args.output.c;
  const int32_t input_offset = args.params->input_offset;
  const bool im2col = !opt::conv_s4_reads_input_in_place(args);
  const uint8_t* const filter = packed(args.filter_data);
  const int32_t filter_bytes = depth / 2;
  const int32_t* const bias = args.bias;
  int8_t* const output = args.output_data;
  const opt::OutputStageS8 stage = opt::output_stage_s8(args);
  auto* const widened = static_cast<dsp::S4x8*>(args.scratch);  // 16-byte aligned
  // Where conv2d_s8_dsp keeps its byte rows: the same scratch size serves both.
  int8_t* const rows = static_cast<int8_t*>(args.scratch) + 4 * (depth & ~3);
  const int8_t pad_value = static_cast<int8_t>(-input_offset);
  const int32_t vector_depth = depth & ~7;

  for (int32_t px = 0; px < pixels; px += 2) {
    const bool pair = px + 1 < pixels;  // a lone last pixel is paired with itself
    const int8_t* col0;
    const int8_t* col1;
    if (im2col) {
      opt::im2col_row_s4(args, px, pad_value, rows);
      if (pair) opt::im2col_row_s4(args, px + 1, pad_value, rows + depth);
      col0 = rows;
      col1 = pair ? rows + depth : rows;
    } else {
      col0 = opt::pointwise_input_row(args, px);
      col1 = pair ? opt::pointwise_input_row(args, px + 1) : col0;
    }
    widen_pair_s4(col0, col1, depth, input_offset, widened);
    int8_t* out0 = output + px * out_c;
    int8_t* out1 = out0 + out_c;
    for (int32_t oc = 0; oc < out_c; oc += 2) {
      const bool two = oc + 1 < out_c;  // likewise a lone last channel
      const uint8_t* w0 = filter + oc * filter_bytes;
      const uint8_t* w1 = two ? w0 + filter_bytes : w0;
      const Acc2x2 a = dot_2x2_s4(widened, w0, w1, depth >> 3);
      const int32_t b0 = bias != nullptr ? bias[oc] : 0;
      const int32_t b1 = bias != nullptr && two ? bias[oc + 1] : b0;
      out0[oc] = stage.apply(tail_sum(col0, w0, vector_depth, depth, input_offset, add_wrapping(b0, a.r0c0 >> 4)), oc);
      if (pair) {
        out1[oc] = stage.apply(tail_sum(col1, w0, vector_depth, depth, input_offset, add_wrapping(b0, a.r0c1 >> 4)), oc);
      }
      if (two) {
        out0[oc + 1] = stage.apply(
            tail_sum(col0, w1, vector_depth, depth, input_offset, add_wrapping(b1, a.r1c0 >> 4)), oc + 1);
        if (pair) {
          out1[oc + 1] = stage.apply(
              tail_sum(col1, w1, vector_depth, depth, input_offset, add_wrapping(b1, a.r1c1 >> 4)), oc + 1);
        }
      }
    }
  }
}

namespace {

struct DepthwisePlan : opt::DepthwiseOperands {
  opt::OutputStageS8 stage;
  int32_t row_bytes;  // one tap's packed row of out_c values
};

// Four channels' weights (two bytes) as the lane pairs (v0, v2) and (v1, v3), times 16.
inline void unpack_s4x4(uint32_t two_bytes, int32_t* even, int32_t* odd) {
  const uint32_t e = (two_bytes << 4) & 0xF0F0u;  // v0 in byte 0, v2 in byte 1
  const uint32_t o = two_bytes & 0xF0F0u;         // v1, v3
  *even = dsp::sxtb16_even(static_cast<int32_t>(e | (e << 8)));  // bytes 0 and 2
  *odd = dsp::sxtb16_even(static_cast<int32_t>(o | (o << 8)));
}

void pixel_dm1_s4(const DepthwisePlan& plan, const opt::DepthwiseWindow& win, int8_t* out) {
  const DepthwisePlan pl = plan;  // the output stores could alias the plan otherwise
  const int32_t channels = pl.g.in_c;
  const int32_t offset2 = dsp::dup_s16x2(pl.input_offset);
  int32_t c = 0;
  for (; c + 4 <= channels; c += 4) {
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;  // times 16
    const int8_t* in_row = pl.input + win.in_first + c;
    for (int32_t fy = win.ry.begin; fy < win.ry.end; ++fy) {
      const int8_t* in = in_row;
      const uint8_t* f = opt::depthwise_s4_weights(pl, pl.row_bytes, fy, win.rx.begin, c);
      for (int32_t fx = win.rx.begin; fx < win.rx.end; ++fx) {
        const int32_t x = dsp::load_s8x4(in);
        const int32_t xe = dsp::sxtab16_even(offset2, x);
        const int32_t xo = dsp::sxtab16_odd(offset2, x);
        int32_t we, wo;
        unpack_s4x4(static_cast<uint32_t>(f[0]) | (static_cast<uint32_t>(f[1]) << 8), &we, &wo);
        a0 = dsp::smlabb(xe, we, a0);
        a2 = dsp::smlatt(xe, we, a2);
        a1 = dsp::smlabb(xo, wo, a1);
        a3 = dsp::smlatt(xo, wo, a3);
        in += pl.in_col_step;
        f += pl.row_bytes;
      }
      in_row += pl.in_row_step;
    }
    const int32_t* b = pl.bias;
    out[c] = pl.stage.apply(add_wrapping(a0 >> 4, b != nullptr ? b[c] : 0), c);
    out[c + 1] = pl.stage.apply(add_wrapping(a1 >> 4, b != nullptr ? b[c + 1] : 0), c + 1);
    out[c + 2] = pl.stage.apply(add_wrapping(a2 >> 4, b != nullptr ? b[c + 2] : 0), c + 2);
    out[c + 3] = pl.stage.apply(add_wrapping(a3 >> 4, b != nullptr ? b[c + 3] : 0), c + 3);
  }
  for (; c < channels; ++c) out[c] = pl.stage.apply(opt::depthwise_channel_sum_s4(pl, pl.row_bytes, win, c), c);
}

void pixel_dm_unused(const DepthwisePlan&, const opt::DepthwiseWindow&, int8_t*) {}

}  // namespace

void depthwise_conv2d_s8s4_dsp(const ConvS8Args& args) {
  if (args.params->depth_multiplier != 1 || args.filter.h * args.filter.w > dsp::kMaxS4Depth) {
    depthwise_conv2d_s8s4_ref(args);
    return;
  }
  DepthwisePlan pl;
  static_cast<opt::DepthwiseOperands&>(pl) = opt::depthwise_operands(args);
  pl.stage = opt::output_stage_s8(args);
  pl.row_bytes = int4_row_bytes(pl.g.out_c);
  opt::run_depthwise<pixel_dm1_s4, pixel_dm_unused>(pl, args.output_data);
}

void fully_connected_s8s4_dsp(const FullyConnectedS8Args& args) {
  const int32_t depth = args.input_depth;
  if (depth > dsp::kMaxS4Depth) {
    fully_connected_s8s4_ref(args);
    return;
  }
  const FullyConnectedParams& p = *args.params;
  const int32_t weights_offset = p.channel_count > 1 ? 0 : p.weights_offset;  // as the reference
  const int32_t input_offset = p.input_offset;
  const int32_t offset2 = dsp::dup_s16x2(input_offset);
  const int32_t units = args.output_depth;
  const int32_t row_bytes = int4_row_bytes(depth);
  const int32_t vector_depth = depth & ~7;
  const uint8_t* const weights = packed(args.weights);
  const int32_t* const bias = args.bias;
  const opt::OutputStageS8 stage = opt::output_stage_s8(args);
  auto* const widened = static_cast<dsp::S4x8*>(args.scratch);  // 16-byte aligned
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* in = args.input + b * depth;
    int8_t* out = args.output + b * units;
    // sum (w + wo)(x + io) = sum w (x + io) + wo * sum (x + io), modulo 2^32 like the reference.
    int32_t offset_term = 0;
    if (weights_offset != 0) {
      int32_t sum = 0;
      for (int32_t k = 0; k < depth; ++k) sum += in[k] + input_offset;
      offset_term = opt::wrapping_mul_add(weights_offset, sum, 0);
    }
    for (int32_t g = 0; g < depth >> 3; ++g) {
      widened[g] = dsp::pair_inputs_s4x8(dsp::load_s8x4(in + 8 * g), dsp::load_s8x4(in + 8 * g + 4), offset2);
    }
    for (int32_t o = 0; o < units; o += 2) {
      const bool two = o + 1 < units;
      const uint8_t* w0 = weights + o * row_bytes;
      const uint8_t* w1 = two ? w0 + row_bytes : w0;
      int32_t a0 = 0, a1 = 0;  // times 16
      const dsp::S4x8* xs = widened;
      for (int32_t k = depth >> 3; k > 0; --k) {
        a0 = dsp::dot_s4x8(dsp::unpack_s4x8(dsp::load_s8x4(reinterpret_cast<const int8_t*>(w0))), *xs, a0);
        a1 = dsp::dot_s4x8(dsp::unpack_s4x8(dsp::load_s8x4(reinterpret_cast<const int8_t*>(w1))), *xs, a1);
        ++xs;
        w0 += 4;
        w1 += 4;
      }
      w0 = weights + o * row_bytes;
      w1 = two ? w0 + row_bytes : w0;
      const int32_t b0 = add_wrapping(bias != nullptr ? bias[o] : 0, offset_term);
      out[o] = stage.apply(tail_sum(in, w0, vector_depth, depth, input_offset, add_wrapping(b0, a0 >> 4)), o);
      if (two) {
        const int32_t b1 = add_wrapping(bias != nullptr ? bias[o + 1] : 0, offset_term);
        out[o + 1] = stage.apply(tail_sum(in, w1, vector_depth, depth, input_offset, add_wrapping(b1, a1 >> 4)), o + 1);
      }
    }
  }
}

}  // namespace qrt
