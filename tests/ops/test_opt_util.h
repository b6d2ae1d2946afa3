// Helpers of the optimized-kernel tests (tests/ops/test_opt_*.cpp): random and extreme argument
// generators for CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, and runners that call the variant
// the target runs (kernel_select.h) and the reference on the same arguments and compare every
// output byte, plus
// guard bytes after the output and after the scratch the variant declared (nothing may be written
// there). The oracle is the reference kernel, itself tested against hand-computed cases and
// double-precision oracles (tests/ops/test_conv2d_s8.cpp and friends). That the target runs its
// optimized variants, not the reference (which would make these tests compare the reference with
// itself), is asserted by tests/ops/test_kernel_choice.cpp.
//
// Every tensor and per-channel array has a buffer of its own (qrt_test::GuardedBuffer), sized for
// emulation (a case fits in a few KiB so the suite stays fast under QEMU, Cortex-M55 included),
// and sits at the END of it, right before a guard zone: a kernel reading past an input faults on
// Linux and ARMv7-M, and a write past an output or the declared scratch is reported.
#ifndef QRT_TESTS_OPS_TEST_OPT_UTIL_H
#define QRT_TESTS_OPS_TEST_OPT_UTIL_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "guarded_buffer.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/kernel_select.h"
#include "ref_test_util.h"

namespace opt_test {

using qrt_test_util::Rng;

constexpr int32_t kMaxInput = 6144;
constexpr int32_t kMaxFilter = 6144;
constexpr int32_t kMaxOutput = 6144;
constexpr int32_t kMaxChannels = 256;
constexpr int32_t kMaxScratch = 8192;
constexpr uint8_t kUnwrittenByte = 0x5A;  // fills outputs before a kernel runs

#if defined(QRT_TEST_SLOW_TARGET)
constexpr int kRandomCases = 60;  // Cortex-M55 under QEMU: MVE emulation is ~10x slower
#elif defined(__x86_64__)
constexpr int kRandomCases = 3000;  // native: a few hundred milliseconds
#else
constexpr int kRandomCases = 300;
#endif

// How values are drawn: realistic data, or the extremes that break careless SIMD code (INT8_MIN
// everywhere, only -128/127, offsets at their limits).
enum class Data { kUniform, kAllMin, kExtremes, kCount };
// How requantization is drawn: scales that keep outputs mostly inside int8, or the extreme
// multiplier/shift pairs (shift -31 and +30, largest and smallest multiplier, zero).
enum class Requant { kRealistic, kExtreme, kCount };

inline int8_t draw_s8(Rng& rng, Data d) {
  switch (d) {
    case Data::kAllMin: return INT8_MIN;
    case Data::kExtremes: return rng.uniform(0, 1) != 0 ? INT8_MIN : INT8_MAX;
    default: return rng.s8();
  }
}

// A bias: realistic, or under extreme requantization sometimes next to INT32_MIN/INT32_MAX, so
// that the accumulator wraps (int32 sums wrap, as in TFLite; no variant may overflow with UB).
inline int32_t draw_bias(Rng& rng, Requant requant) {
  if (requant != Requant::kExtreme) return rng.uniform(-20000, 20000);
  static const int32_t kEdges[] = {INT32_MAX, INT32_MIN, INT32_MAX - 1000, INT32_MIN + 1000};
  if (rng.uniform(0, 3) == 0) return kEdges[rng.uniform(0, 3)];
  return rng.uniform(-(1 << 24), 1 << 24);
}

inline int32_t draw_offset(Rng& rng, Data d) {  // input/weights offset: -zero point, [-127, 128]
  if (d == Data::kUniform) return rng.uniform(-127, 128);
  return rng.uniform(0, 1) != 0 ? 128 : -127;
}

// Fills multipliers/shifts for `count` channels. `typical_acc` is the magnitude of a typical
// accumulator, so realistic scales map it to about +-64.
inline void draw_requant(Rng& rng, Requant mode, int32_t count, double typical_acc,
                         int32_t* multipliers, int32_t* shifts) {
  for (int32_t c = 0; c < count; ++c) {
    if (mode == Requant::kRealistic) {
      const double real = 64.0 / (typical_acc + 1.0) * rng.real(0.125, 4.0);
      const qrt_test_util::Multiplier m = qrt_test_util::to_multiplier(real);
      multipliers[c] = m.multiplier;
      shifts[c] = m.shift < -31 ? -31 : (m.shift > 30 ? 30 : m.shift);
    } else {
      static const int32_t kMults[] = {0, 1 << 30, INT32_MAX, (1 << 30) + 1, 1518500250};
      static const int32_t kShifts[] = {-31, -30, -17, -1, 0, 1, 7, 29, 30};
      multipliers[c] = kMults[rng.uniform(0, 4)];
      shifts[c] = kShifts[rng.uniform(0, 8)];
    }
  }
}

inline void draw_activation(Rng& rng, int32_t* act_min, int32_t* act_max) {
  switch (rng.uniform(0, 3)) {
    case 0: *act_min = -128; *act_max = 127; break;
    case 1: *act_min = rng.uniform(-128, 0); *act_max = 127; break;  // RELU-like
    case 2: *act_min = rng.uniform(-128, 0); *act_max = rng.uniform(*act_min, 127); break;
    default: *act_min = *act_max = rng.uniform(-128, 127); break;  // a single value
  }
}

// Output size along one axis for SAME or VALID padding, and the SAME pad (as the runtime checks).
inline int32_t window_out(int32_t in, int32_t filter, int32_t stride, int32_t dilation, bool same,
                          int32_t* pad) {
  const int32_t effective = dilation * (filter - 1) + 1;
  if (!same) {
    *pad = 0;
    return (in - effective + stride) / stride;
  }
  const int32_t out = (in + stride - 1) / stride;
  const int32_t total = (out - 1) * stride + effective - in;
  *pad = total > 0 ? total / 2 : 0;
  return out;
}

// One convolution case: shapes and parameters; data is drawn by run_conv_case.
struct ConvShape {
  int32_t batches, in_h, in_w, in_c;
  int32_t filter_h, filter_w;
  int32_t out_c;  // CONV_2D: filter count; depthwise: ignored (in_c * depth_multiplier)
  int32_t stride_h, stride_w, dilation_h, dilation_w;
  bool same;
  int32_t depth_multiplier;  // depthwise only
  int32_t groups;            // CONV_2D only (filter depth in_c / groups)
};

// Declaration order matters on ARMv7-M: the first six buffers get the MPU guard regions, so the
// ones the kernels read come first.
struct ConvBuffers {
  qrt_test::GuardedBuffer input{kMaxInput};
  qrt_test::GuardedBuffer filter{kMaxFilter};
  qrt_test::GuardedBuffer bias{kMaxChannels * sizeof(int32_t)};
  qrt_test::GuardedBuffer multipliers{kMaxChannels * sizeof(int32_t)};
  qrt_test::GuardedBuffer shifts{kMaxChannels * sizeof(int32_t)};
  qrt_test::GuardedBuffer scratch{kMaxScratch};
  qrt_test::GuardedBuffer out_ref{kMaxOutput};
  qrt_test::GuardedBuffer out_opt{kMaxOutput};
};

// Builds the arguments of `shape` with data drawn per `data`/`requant`. Returns false when the
// case does not fit the static buffers or has no output (the caller draws another).
inline bool make_conv_case(Rng& rng, const ConvShape& s, bool depthwise, Data data, Requant requant,
                           ConvBuffers* buf, qrt::ConvParams* p, qrt::ConvS8Args* a) {
  int32_t pad_h = 0, pad_w = 0;
  const int32_t out_h = window_out(s.in_h, s.filter_h, s.stride_h, s.dilation_h, s.same, &pad_h);
  const int32_t out_w = window_out(s.in_w, s.filter_w, s.stride_w, s.dilation_w, s.same, &pad_w);
  if (out_h < 1 || out_w < 1) return false;
  const int32_t out_c = depthwise ? s.in_c * s.depth_multiplier : s.out_c;
  const int32_t filter_c = depthwise ? out_c : s.in_c / s.groups;
  const int32_t filter_n = depthwise ? 1 : out_c;
  const int32_t in_elems = s.batches * s.in_h * s.in_w * s.in_c;
  const int32_t filter_elems = filter_n * s.filter_h * s.filter_w * filter_c;
  const int32_t out_elems = s.batches * out_h * out_w * out_c;
  if (in_elems > kMaxInput || filter_elems > kMaxFilter || out_elems > kMaxOutput ||
      out_c > kMaxChannels) {
    return false;
  }
  *p = qrt::ConvParams{};
  p->stride_h = s.stride_h;
  p->stride_w = s.stride_w;
  p->dilation_h = s.dilation_h;
  p->dilation_w = s.dilation_w;
  p->pad_top = pad_h;
  p->pad_left = pad_w;
  p->depth_multiplier = depthwise ? s.depth_multiplier : 1;
  p->input_offset = draw_offset(rng, data);
  p->output_offset = rng.uniform(-128, 127);
  draw_activation(rng, &p->act_min, &p->act_max);
  p->channel_count = rng.uniform(0, 3) == 0 ? 1 : out_c;
  int8_t* input = buf->input.tail_as<int8_t>(in_elems);
  int8_t* filter = buf->filter.tail_as<int8_t>(filter_elems);
  int32_t* bias = buf->bias.tail_as<int32_t>(out_c);
  int32_t* multipliers = buf->multipliers.tail_as<int32_t>(p->channel_count);
  int32_t* shifts = buf->shifts.tail_as<int32_t>(p->channel_count);
  for (int32_t i = 0; i < in_elems; ++i) input[i] = draw_s8(rng, data);
  for (int32_t i = 0; i < filter_elems; ++i) filter[i] = draw_s8(rng, data);
  for (int32_t c = 0; c < out_c; ++c) bias[c] = draw_bias(rng, requant);
  const int32_t taps = s.filter_h * s.filter_w * filter_c;
  draw_requant(rng, requant, p->channel_count, sqrt(static_cast<double>(taps)) * 80.0 * 74.0,
               multipliers, shifts);
  *a = qrt::ConvS8Args{};
  a->params = p;
  a->multipliers = multipliers;
  a->shifts = shifts;
  a->input = {s.batches, s.in_h, s.in_w, s.in_c};
  a->input_data = input;
  a->filter = {filter_n, s.filter_h, s.filter_w, filter_c};
  a->filter_data = filter;
  a->bias = rng.uniform(0, 7) == 0 ? nullptr : bias;
  a->output = {s.batches, out_h, out_w, out_c};
  return true;
}

// Result of one comparison: the first differing byte (or -1), and guard damage.
struct Compare {
  int32_t first_mismatch;
  int32_t ref_value, opt_value;
  bool output_guard_ok;
  bool scratch_guard_ok;
  bool scratch_fits;
};

// Narrows int8 weights to [-8, 7] in place (v >> 4 keeps the extremes: -128 -> -8, 127 -> 7)
// and packs them as INT4 rows of `row` values (quant/INT4-LAYOUT.md) into `packed`, which must
// hold count / row * ceil(row / 2) bytes. An odd row's padding nibble gets a nonzero value:
// readers must ignore it, and a blob may hold anything there.
inline void narrow_and_pack_s4(int8_t* weights, int32_t count, int32_t row, uint8_t* packed) {
  const int32_t rows = count / row, row_bytes = (row + 1) / 2;
  memset(packed, 0, static_cast<size_t>(rows * row_bytes));
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t i = 0; i < row; ++i) {
      int8_t& w = weights[r * row + i];
      w = static_cast<int8_t>(w >> 4);
      const uint32_t nibble = static_cast<uint32_t>(w) & 0x0Fu;
      packed[r * row_bytes + i / 2] |= static_cast<uint8_t>(nibble << ((i & 1) * 4));
    }
    if (row % 2 != 0) packed[r * row_bytes + row_bytes - 1] |= static_cast<uint8_t>((0x9 + r % 7) << 4);
  }
}

// Runs the reference and the target's variant on `a` and compares outputs byte for byte; with
// `s4`, the INT4 kernels (a.filter_data then points at packed INT4 rows).
inline Compare run_conv_compare(bool depthwise, qrt::ConvS8Args a, ConvBuffers* buf, bool s4 = false) {
  const qrt::IsaSet target = qrt::target_isas();
  const qrt::ConvS8Fn ref = s4 ? (depthwise ? qrt::depthwise_conv2d_s8s4_ref : qrt::conv2d_s8s4_ref)
                               : (depthwise ? qrt::depthwise_conv2d_s8_ref : qrt::conv2d_s8_ref);
  const qrt::Isa variant =
      s4 ? (depthwise ? qrt::depthwise_conv2d_s8s4_variant(target) : qrt::conv2d_s8s4_variant(target))
         : (depthwise ? qrt::depthwise_conv2d_s8_variant(target) : qrt::conv2d_s8_variant(target));
  const qrt::ConvS8Fn opt =
      s4 ? (depthwise ? qrt::depthwise_conv2d_s8s4_kernel(variant) : qrt::conv2d_s8s4_kernel(variant))
         : (depthwise ? qrt::depthwise_conv2d_s8_kernel(variant) : qrt::conv2d_s8_kernel(variant));
  const int32_t out_elems = a.output.n * a.output.h * a.output.w * a.output.c;
  Compare r = {-1, 0, 0, true, true, true};
  int8_t* out_ref = buf->out_ref.tail_as<int8_t>(out_elems);
  int8_t* out_opt = buf->out_opt.tail_as<int8_t>(out_elems);
  memset(out_ref, kUnwrittenByte, static_cast<size_t>(out_elems));
  memset(out_opt, kUnwrittenByte, static_cast<size_t>(out_elems));
  a.output_data = out_ref;
  a.scratch = nullptr;
  ref(a);
  const int32_t scratch_bytes = depthwise ? 0
                                : s4      ? qrt::conv2d_s8s4_scratch_bytes(variant, a)
                                          : qrt::conv2d_s8_scratch_bytes(variant, a);
  if (scratch_bytes < 0 || scratch_bytes > kMaxScratch) {
    r.scratch_fits = false;
    return r;
  }
  uint8_t* scratch = buf->scratch.tail(static_cast<size_t>(scratch_bytes), 16);
  a.output_data = out_opt;
  a.scratch = scratch_bytes > 0 ? scratch : nullptr;
  opt(a);
  for (int32_t i = 0; i < out_elems; ++i) {
    if (out_ref[i] != out_opt[i]) {
      r.first_mismatch = i;
      r.ref_value = out_ref[i];
      r.opt_value = out_opt[i];
      break;
    }
  }
  r.output_guard_ok = buf->out_opt.guard_intact();
  r.scratch_guard_ok = buf->scratch.guard_intact();
  return r;
}

inline void print_conv_case(const char* what, const qrt::ConvS8Args& a, const Compare& r) {
  const qrt::ConvParams& p = *a.params;
  printf("  %s: in [%d,%d,%d,%d] filter [%d,%d,%d,%d] out [%d,%d,%d,%d] stride %d,%d dil %d,%d "
         "pad %d,%d dm %d in_off %d out_off %d act [%d,%d] channels %d bias %s: byte %d ref %d "
         "opt %d, output guard %s, scratch guard %s\n",
         what, static_cast<int>(a.input.n), static_cast<int>(a.input.h),
         static_cast<int>(a.input.w), static_cast<int>(a.input.c), static_cast<int>(a.filter.n),
         static_cast<int>(a.filter.h), static_cast<int>(a.filter.w), static_cast<int>(a.filter.c),
         static_cast<int>(a.output.n), static_cast<int>(a.output.h), static_cast<int>(a.output.w),
         static_cast<int>(a.output.c), static_cast<int>(p.stride_h), static_cast<int>(p.stride_w),
         static_cast<int>(p.dilation_h), static_cast<int>(p.dilation_w),
         static_cast<int>(p.pad_top), static_cast<int>(p.pad_left),
         static_cast<int>(p.depth_multiplier), static_cast<int>(p.input_offset),
         static_cast<int>(p.output_offset), static_cast<int>(p.act_min),
         static_cast<int>(p.act_max), static_cast<int>(p.channel_count),
         a.bias != nullptr ? "yes" : "no", static_cast<int>(r.first_mismatch),
         static_cast<int>(r.ref_value), static_cast<int>(r.opt_value),
         r.output_guard_ok ? "ok" : "DAMAGED", r.scratch_guard_ok ? "ok" : "DAMAGED");
}

inline bool compare_ok(const Compare& r) {
  return r.scratch_fits && r.first_mismatch < 0 && r.output_guard_ok && r.scratch_guard_ok;
}

// A random convolution shape: small spatial sizes, channel counts around SIMD block sizes.
inline ConvShape random_conv_shape(Rng& rng, bool depthwise) {
  static const int32_t kChannels[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 19, 24, 31, 32, 33};
  ConvShape s;
  s.batches = rng.uniform(0, 5) == 0 ? rng.uniform(2, 3) : 1;
  s.in_h = rng.uniform(1, 9);
  s.in_w = rng.uniform(1, 9);
  s.in_c = kChannels[rng.uniform(0, 16)];
  const int32_t kind = rng.uniform(0, 5);
  if (kind == 0) {
    s.filter_h = s.filter_w = 1;
  } else if (kind <= 3) {
    s.filter_h = s.filter_w = 3;
  } else {
    s.filter_h = rng.uniform(1, 5);
    s.filter_w = rng.uniform(1, 5);
  }
  s.out_c = kChannels[rng.uniform(0, 16)];
  s.stride_h = rng.uniform(1, 3) == 1 ? 2 : 1;
  s.stride_w = rng.uniform(0, 4) == 0 ? 3 - s.stride_h : s.stride_h;
  s.dilation_h = rng.uniform(0, 6) == 0 ? 2 : 1;
  s.dilation_w = rng.uniform(0, 6) == 0 ? 2 : 1;
  s.same = rng.uniform(0, 2) != 0;
  s.depth_multiplier = depthwise && rng.uniform(0, 3) == 0 ? rng.uniform(2, 9) : 1;
  s.groups = 1;
  return s;
}

// FULLY_CONNECTED.
struct FcBuffers {
  qrt_test::GuardedBuffer input{kMaxInput};
  qrt_test::GuardedBuffer weights{kMaxFilter};
  qrt_test::GuardedBuffer bias{kMaxChannels * sizeof(int32_t)};
  qrt_test::GuardedBuffer multipliers{kMaxChannels * sizeof(int32_t)};
  qrt_test::GuardedBuffer shifts{kMaxChannels * sizeof(int32_t)};
  qrt_test::GuardedBuffer out_opt{kMaxOutput};
  qrt_test::GuardedBuffer out_ref{kMaxOutput};
};

inline bool make_fc_case(Rng& rng, int32_t batches, int32_t depth, int32_t units, Data data,
                         Requant requant, FcBuffers* buf, qrt::FullyConnectedParams* p,
                         qrt::FullyConnectedS8Args* a) {
  if (batches * depth > kMaxInput || depth * units > kMaxFilter || batches * units > kMaxOutput ||
      units > kMaxChannels) {
    return false;
  }
  *p = qrt::FullyConnectedParams{};
  p->input_offset = draw_offset(rng, data);
  p->weights_offset = rng.uniform(0, 1) != 0 ? 0 : draw_offset(rng, data);
  p->output_offset = rng.uniform(-128, 127);
  draw_activation(rng, &p->act_min, &p->act_max);
  p->channel_count = rng.uniform(0, 1) != 0 ? 1 : units;
  int8_t* input = buf->input.tail_as<int8_t>(batches * depth);
  int8_t* weights = buf->weights.tail_as<int8_t>(depth * units);
  int32_t* bias = buf->bias.tail_as<int32_t>(units);
  int32_t* multipliers = buf->multipliers.tail_as<int32_t>(p->channel_count);
  int32_t* shifts = buf->shifts.tail_as<int32_t>(p->channel_count);
  for (int32_t i = 0; i < batches * depth; ++i) input[i] = draw_s8(rng, data);
  for (int32_t i = 0; i < depth * units; ++i) weights[i] = draw_s8(rng, data);
  for (int32_t c = 0; c < units; ++c) bias[c] = draw_bias(rng, requant);
  draw_requant(rng, requant, p->channel_count, sqrt(static_cast<double>(depth)) * 80.0 * 74.0,
               multipliers, shifts);
  *a = qrt::FullyConnectedS8Args{};
  a->params = p;
  a->multipliers = multipliers;
  a->shifts = shifts;
  a->batches = batches;
  a->input_depth = depth;
  a->output_depth = units;
  a->input = input;
  a->weights = weights;
  a->bias = rng.uniform(0, 7) == 0 ? nullptr : bias;
  return true;
}

// With `s4`, the INT4 kernels (a.weights then points at packed INT4 rows); their declared scratch
// comes from `scratch`, whose guard is checked too.
inline Compare run_fc_compare(qrt::FullyConnectedS8Args a, FcBuffers* buf, bool s4 = false,
                              qrt_test::GuardedBuffer* scratch = nullptr) {
  Compare r = {-1, 0, 0, true, true, true};
  const int32_t out_elems = a.batches * a.output_depth;
  int8_t* out_ref = buf->out_ref.tail_as<int8_t>(out_elems);
  int8_t* out_opt = buf->out_opt.tail_as<int8_t>(out_elems);
  memset(out_ref, kUnwrittenByte, static_cast<size_t>(out_elems));
  memset(out_opt, kUnwrittenByte, static_cast<size_t>(out_elems));
  a.output = out_ref;
  (s4 ? qrt::fully_connected_s8s4_ref : qrt::fully_connected_s8_ref)(a);
  a.output = out_opt;
  const qrt::Isa v = s4 ? qrt::fully_connected_s8s4_variant(qrt::target_isas())
                        : qrt::fully_connected_s8_variant(qrt::target_isas());
  const int32_t scratch_bytes = s4 ? qrt::fully_connected_s8s4_scratch_bytes(v, a) : 0;
  if (scratch_bytes < 0 || scratch_bytes > kMaxScratch || (scratch_bytes > 0 && scratch == nullptr)) {
    r.scratch_fits = false;
    return r;
  }
  a.scratch = scratch != nullptr ? scratch->tail(static_cast<size_t>(scratch_bytes), 16) : nullptr;
  (s4 ? qrt::fully_connected_s8s4_kernel(v) : qrt::fully_connected_s8_kernel(v))(a);
  for (int32_t i = 0; i < out_elems; ++i) {
    if (out_ref[i] != out_opt[i]) {
      r.first_mismatch = i;
      r.ref_value = out_ref[i];
      r.opt_value = out_opt[i];
      break;
    }
  }
  r.output_guard_ok = buf->out_opt.guard_intact();
  r.scratch_guard_ok = scratch == nullptr || scratch->guard_intact();
  return r;
}

inline void print_fc_case(const char* what, const qrt::FullyConnectedS8Args& a, const Compare& r) {
  const qrt::FullyConnectedParams& p = *a.params;
  printf("  %s: batches %d depth %d units %d in_off %d w_off %d out_off %d act [%d,%d] "
         "channels %d bias %s: byte %d ref %d opt %d, output guard %s\n",
         what, static_cast<int>(a.batches), static_cast<int>(a.input_depth),
         static_cast<int>(a.output_depth), static_cast<int>(p.input_offset),
         static_cast<int>(p.weights_offset), static_cast<int>(p.output_offset),
         static_cast<int>(p.act_min), static_cast<int>(p.act_max),
         static_cast<int>(p.channel_count), a.bias != nullptr ? "yes" : "no",
         static_cast<int>(r.first_mismatch), static_cast<int>(r.ref_value),
         static_cast<int>(r.opt_value), r.output_guard_ok ? "ok" : "DAMAGED");
}

// Runs `shape` under every data and requantization mode, comparing the port's kernel with the
// reference; returns the number of failing cases (each printed).
inline int check_conv_all_modes(Rng& rng, const ConvShape& shape, bool depthwise, const char* name,
                                ConvBuffers* buf) {
  int failures = 0;
  for (int d = 0; d < static_cast<int>(Data::kCount); ++d) {
    for (int q = 0; q < static_cast<int>(Requant::kCount); ++q) {
      qrt::ConvParams p;
      qrt::ConvS8Args a;
      if (!make_conv_case(rng, shape, depthwise, static_cast<Data>(d), static_cast<Requant>(q), buf,
                          &p, &a)) {
        printf("  %s: does not fit the test buffers\n", name);
        return failures + 1;
      }
      const Compare r = run_conv_compare(depthwise, a, buf);
      if (!compare_ok(r)) {
        print_conv_case(name, a, r);
        ++failures;
      }
    }
  }
  return failures;
}

}  // namespace opt_test

#endif  // QRT_TESTS_OPS_TEST_OPT_UTIL_H
