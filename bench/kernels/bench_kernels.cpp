// bench_kernels [--runs N] [--filter TEXT] [--layer I] [--table reference|port] [--list]
//
// The reference kernels against the variants the target runs (kernel_select.h) on the layer
// shapes of the models qrt runs (person_detect, MLPerf Tiny ResNet-8 / DS-CNN / autoencoder, and
// some of them with INT4 weights):
// per kernel and layer the cost of one call with each table, the speedup and the optimized cost
// per multiply-accumulate. Cost is the port's counter (qrt_port_cycles), the median of N calls:
// nanoseconds on the host; on Cortex-M under QEMU the SysTick counter under -icount, which counts
// executed instructions (one tick per 40 on MPS2, per 31.25 on the AN547, deterministic); on
// Linux/Arm the virtual counter (wall time under qemu-user, indicative only). Each pair of calls
// also checks that both tables give the same bytes. A benchmark: it prints, it never fails on time.
//
// Device-friendly on purpose (static buffers, stdio only) so the same program runs on every
// target: `toolchains/qemu-cortex-m.sh mps2-an386 build-m4/bin/bench_kernels --runs 1`.
// --layer I and --table run one layer with one table only: bench/kernels/insncount.sh runs that
// under the QEMU instruction-counting plugin with 1 and 2 calls, and the difference is the exact
// instruction count of one call (Cortex-M and AArch64 alike).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/port.h"

namespace {

// The _w4 kinds: the same layers with packed INT4 weights (the filter buffer's random bytes are
// valid INT4 pairs), their reference and variant next to the int8 rows of the same shape.
enum class Kind {
  kConv, kDepthwise, kFullyConnected, kConv16, kDepthwise16, kFullyConnected16, kConvW4,
  kDepthwiseW4, kFullyConnectedW4
};

bool is_w4(Kind k) { return k == Kind::kConvW4 || k == Kind::kDepthwiseW4 || k == Kind::kFullyConnectedW4; }

// The int8 kind of the same layer.
Kind base_kind(Kind k) {
  switch (k) {
    case Kind::kConvW4: return Kind::kConv;
    case Kind::kDepthwiseW4: return Kind::kDepthwise;
    case Kind::kFullyConnectedW4: return Kind::kFullyConnected;
    default: return k;
  }
}

struct Layer {
  const char* model;
  const char* layer;
  Kind kind;
  int32_t in_h, in_w, in_c;  // fully connected: in_c = input depth
  int32_t filter_h, filter_w;
  int32_t out_c;  // conv: filters; depthwise: depth multiplier; fully connected: units
  int32_t stride;
  bool same;
};

// Layers of the shared models (`qrt inspect`), stride and padding as their output shapes imply.
const Layer kLayers[] = {
    {"person_detect", "dw 0 (dm 8, s2)", Kind::kDepthwise, 96, 96, 1, 3, 3, 8, 2, true},
    {"person_detect", "dw 1", Kind::kDepthwise, 48, 48, 8, 3, 3, 1, 1, true},
    {"person_detect", "pw 2", Kind::kConv, 48, 48, 8, 1, 1, 16, 1, true},
    {"person_detect", "dw 3 (s2)", Kind::kDepthwise, 48, 48, 16, 3, 3, 1, 2, true},
    {"person_detect", "pw 4", Kind::kConv, 24, 24, 16, 1, 1, 32, 1, true},
    {"person_detect", "dw 5", Kind::kDepthwise, 24, 24, 32, 3, 3, 1, 1, true},
    {"person_detect", "pw 10", Kind::kConv, 12, 12, 64, 1, 1, 64, 1, true},
    {"person_detect", "dw 13", Kind::kDepthwise, 6, 6, 128, 3, 3, 1, 1, true},
    {"person_detect", "pw 14", Kind::kConv, 6, 6, 128, 1, 1, 128, 1, true},
    {"person_detect", "pw 26", Kind::kConv, 3, 3, 256, 1, 1, 256, 1, true},
    {"ic01 ResNet-8", "conv 0 (3x3x3)", Kind::kConv, 32, 32, 3, 3, 3, 16, 1, true},
    {"ic01 ResNet-8", "conv 1 (3x3x16)", Kind::kConv, 32, 32, 16, 3, 3, 16, 1, true},
    {"ic01 ResNet-8", "conv 4 (s2)", Kind::kConv, 32, 32, 16, 3, 3, 32, 2, true},
    {"ic01 ResNet-8", "pw 6 (s2)", Kind::kConv, 32, 32, 16, 1, 1, 32, 2, true},
    {"ic01 ResNet-8", "conv 9 (3x3x64)", Kind::kConv, 8, 8, 64, 3, 3, 64, 1, true},
    {"ic01 ResNet-8", "fc 14", Kind::kFullyConnected, 1, 1, 64, 1, 1, 10, 1, true},
    {"kws01 DS-CNN", "conv 0 (10x4, s2)", Kind::kConv, 49, 10, 1, 10, 4, 64, 2, true},
    {"kws01 DS-CNN", "dw 1", Kind::kDepthwise, 25, 5, 64, 3, 3, 1, 1, true},
    {"kws01 DS-CNN", "pw 2", Kind::kConv, 25, 5, 64, 1, 1, 64, 1, true},
    {"ad01 autoencoder", "fc 0 (640)", Kind::kFullyConnected, 1, 1, 640, 1, 1, 128, 1, true},
    {"ad01 autoencoder", "fc 1 (128)", Kind::kFullyConnected, 1, 1, 128, 1, 1, 128, 1, true},
    {"ad01 autoencoder", "fc 4 (to 8)", Kind::kFullyConnected, 1, 1, 128, 1, 1, 8, 1, true},
    {"ad01 autoencoder", "fc 5 (from 8)", Kind::kFullyConnected, 1, 1, 8, 1, 1, 128, 1, true},
    // 16x8 (int16 activations): SEANet layers of TFLM's integration tests, and ad01's first
    // layer as if quantized 16x8.
    {"SEANet conv0", "conv 7x7x2 -> 8", Kind::kConv16, 8, 166, 2, 7, 7, 8, 1, false},
    {"SEANet conv5", "conv 3x3x32 -> 32", Kind::kConv16, 3, 42, 32, 3, 3, 32, 1, false},
    {"ad01 as 16x8", "fc 0 (640)", Kind::kFullyConnected16, 1, 1, 640, 1, 1, 128, 1, true},
    {"kws01 as 16x8", "dw 1", Kind::kDepthwise16, 25, 5, 64, 3, 3, 1, 1, true},
    // INT4 weights (W4A8) on the int8 rows' shapes.
    {"ic01 W4A8", "conv 1 (3x3x16)", Kind::kConvW4, 32, 32, 16, 3, 3, 16, 1, true},
    {"ic01 W4A8", "pw 6 (s2)", Kind::kConvW4, 32, 32, 16, 1, 1, 32, 2, true},
    {"ic01 W4A8", "conv 9 (3x3x64)", Kind::kConvW4, 8, 8, 64, 3, 3, 64, 1, true},
    {"ic01 W4A8", "fc 14", Kind::kFullyConnectedW4, 1, 1, 64, 1, 1, 10, 1, true},
    {"kws01 W4A8", "dw 1", Kind::kDepthwiseW4, 25, 5, 64, 3, 3, 1, 1, true},
    {"kws01 W4A8", "pw 2", Kind::kConvW4, 25, 5, 64, 1, 1, 64, 1, true},
    {"ad01 W4A8", "fc 0 (640)", Kind::kFullyConnectedW4, 1, 1, 640, 1, 1, 128, 1, true},
    {"ad01 W4A8", "fc 1 (128)", Kind::kFullyConnectedW4, 1, 1, 128, 1, 1, 128, 1, true},
};

constexpr int32_t kMaxInput = 40000;
constexpr int32_t kMaxFilter = 82000;
constexpr int32_t kMaxOutput = 40000;
constexpr int32_t kMaxChannels = 256;
constexpr int32_t kMaxScratch = 16384;
constexpr int kMaxRuns = 64;

int8_t g_input[kMaxInput];
int8_t g_filter[kMaxFilter];
int32_t g_bias[kMaxChannels];
int32_t g_multipliers[kMaxChannels];
int32_t g_shifts[kMaxChannels];
int8_t g_out_ref[kMaxOutput];
int8_t g_out_opt[kMaxOutput];
int16_t g_input16[kMaxInput];
int16_t g_out16_ref[kMaxOutput];
int16_t g_out16_opt[kMaxOutput];
alignas(16) uint8_t g_scratch[kMaxScratch];

uint32_t g_rng = 0x9E3779B9u;
uint32_t next_random() {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}
int8_t random_s8() { return static_cast<int8_t>(next_random() & 0xFF); }

int32_t same_out(int32_t in, int32_t stride) { return (in + stride - 1) / stride; }
int32_t same_pad(int32_t in, int32_t filter, int32_t stride) {
  const int32_t total = (same_out(in, stride) - 1) * stride + filter - in;
  return total > 0 ? total / 2 : 0;
}

uint64_t median(uint64_t* v, int n) {
  for (int i = 1; i < n; ++i) {  // insertion sort: n is small
    const uint64_t x = v[i];
    int j = i - 1;
    while (j >= 0 && v[j] > x) {
      v[j + 1] = v[j];
      --j;
    }
    v[j + 1] = x;
  }
  return v[n / 2];
}

// Calls fn(arg) `runs` times and returns the median cost of one call in port ticks.
template <typename Args>
uint64_t time_calls(void (*fn)(const Args&), const Args& args, int runs) {
  uint64_t t[kMaxRuns];
  for (int r = 0; r < runs; ++r) {
    const uint64_t t0 = qrt_port_cycles();
    fn(args);
    t[r] = qrt_port_cycles() - t0;
  }
  return median(t, runs);
}

struct Result {
  int64_t macs;
  uint64_t ref, opt;
  bool same;
  bool fits;
};

int32_t layer_out(const Layer& l, int32_t in, int32_t filter) {
  return l.same ? same_out(in, l.stride) : (in - filter) / l.stride + 1;
}

// The 16x8 layers: symmetric int16 activations, per-channel int8 weights, int64 sums.
Result run_layer16(const Layer& l, int runs, bool run_ref, bool run_opt) {
  const qrt::IsaSet target = qrt::target_isas();
  Result r = {0, 0, 0, false, false};
  for (int32_t i = 0; i < kMaxInput; ++i) g_input16[i] = static_cast<int16_t>(next_random() & 0xFFFF);
  for (int32_t c = 0; c < kMaxChannels; ++c) g_shifts[c] = -16 - static_cast<int32_t>(next_random() % 4);
  if (l.kind == Kind::kFullyConnected16) {
    qrt::FullyConnectedParams p{};
    p.act_min = -32768;
    p.act_max = 32767;
    p.channel_count = l.out_c;
    qrt::FullyConnectedS16Args a{};
    a.params = &p;
    a.multipliers = g_multipliers;
    a.shifts = g_shifts;
    a.batches = 1;
    a.input_depth = l.in_c;
    a.output_depth = l.out_c;
    a.input = g_input16;
    a.weights = g_filter;
    a.bias = g_bias;
    if (l.in_c > kMaxInput || l.in_c * l.out_c > kMaxFilter || l.out_c > kMaxChannels) return r;
    r.fits = true;
    r.macs = int64_t{l.in_c} * l.out_c;
    a.output = g_out16_ref;
    if (run_ref) r.ref = time_calls(qrt::fully_connected_s16_ref, a, runs);
    a.output = g_out16_opt;
    if (run_opt) r.opt = time_calls(qrt::fully_connected_s16_kernel(qrt::fully_connected_s16_variant(target)), a, runs);
    r.same = memcmp(g_out16_ref, g_out16_opt, sizeof(int16_t) * static_cast<size_t>(l.out_c)) == 0;
    return r;
  }
  const bool dw = l.kind == Kind::kDepthwise16;  // depth multiplier 1: out_c is the input's
  const int32_t out_c = dw ? l.in_c : l.out_c;
  qrt::ConvParams p{};
  p.stride_h = p.stride_w = l.stride;
  p.dilation_h = p.dilation_w = 1;
  p.pad_top = l.same ? same_pad(l.in_h, l.filter_h, l.stride) : 0;
  p.pad_left = l.same ? same_pad(l.in_w, l.filter_w, l.stride) : 0;
  p.depth_multiplier = 1;
  p.act_min = -32768;
  p.act_max = 32767;
  p.channel_count = out_c;
  qrt::ConvS16Args a{};
  a.params = &p;
  a.multipliers = g_multipliers;
  a.shifts = g_shifts;
  a.input = {1, l.in_h, l.in_w, l.in_c};
  a.input_data = g_input16;
  a.filter = dw ? qrt::Shape4{1, l.filter_h, l.filter_w, out_c} : qrt::Shape4{out_c, l.filter_h, l.filter_w, l.in_c};
  a.filter_data = g_filter;
  a.bias = g_bias;
  const int32_t oh = layer_out(l, l.in_h, l.filter_h), ow = layer_out(l, l.in_w, l.filter_w);
  a.output = {1, oh, ow, out_c};
  const int32_t out_elems = oh * ow * out_c;
  if (l.in_h * l.in_w * l.in_c > kMaxInput || a.filter.n * l.filter_h * l.filter_w * a.filter.c > kMaxFilter ||
      out_elems > kMaxOutput || out_c > kMaxChannels) {
    return r;
  }
  r.fits = true;
  r.macs = int64_t{out_elems} * l.filter_h * l.filter_w * (dw ? 1 : l.in_c);
  a.output_data = g_out16_ref;
  if (run_ref) r.ref = time_calls(dw ? qrt::depthwise_conv2d_s16_ref : qrt::conv2d_s16_ref, a, runs);
  a.output_data = g_out16_opt;
  if (run_opt) {
    r.opt = time_calls(dw ? qrt::depthwise_conv2d_s16_kernel(qrt::depthwise_conv2d_s16_variant(target))
                          : qrt::conv2d_s16_kernel(qrt::conv2d_s16_variant(target)),
                       a, runs);
  }
  r.same = memcmp(g_out16_ref, g_out16_opt, sizeof(int16_t) * static_cast<size_t>(out_elems)) == 0;
  return r;
}

Result run_layer(const Layer& l, int runs, bool run_ref, bool run_opt) {
  const qrt::IsaSet target = qrt::target_isas();
  Result r = {0, 0, 0, false, false};
  for (int32_t i = 0; i < kMaxInput; ++i) g_input[i] = random_s8();
  for (int32_t i = 0; i < kMaxFilter; ++i) g_filter[i] = random_s8();
  for (int32_t c = 0; c < kMaxChannels; ++c) {
    g_bias[c] = static_cast<int32_t>(next_random() % 20001) - 10000;
    g_multipliers[c] = (1 << 30) + static_cast<int32_t>(next_random() % (1u << 30));
    g_shifts[c] = -8 - static_cast<int32_t>(next_random() % 4);
  }
  if (l.kind == Kind::kConv16 || l.kind == Kind::kDepthwise16 || l.kind == Kind::kFullyConnected16) {
    return run_layer16(l, runs, run_ref, run_opt);
  }
  const bool w4 = is_w4(l.kind);
  const Kind kind = base_kind(l.kind);
  if (kind == Kind::kFullyConnected) {
    qrt::FullyConnectedParams p{};
    p.input_offset = 128;
    p.output_offset = -128;
    p.act_min = -128;
    p.act_max = 127;
    p.channel_count = 1;
    qrt::FullyConnectedS8Args a{};
    a.params = &p;
    a.multipliers = g_multipliers;
    a.shifts = g_shifts;
    a.batches = 1;
    a.input_depth = l.in_c;
    a.output_depth = l.out_c;
    a.input = g_input;
    a.weights = g_filter;
    a.bias = g_bias;
    if (l.in_c > kMaxInput || l.in_c * l.out_c > kMaxFilter || l.out_c > kMaxChannels) return r;
    r.fits = true;
    r.macs = int64_t{l.in_c} * l.out_c;
    a.output = g_out_ref;
    if (run_ref) r.ref = time_calls(w4 ? qrt::fully_connected_s8s4_ref : qrt::fully_connected_s8_ref, a, runs);
    a.output = g_out_opt;
    const qrt::FullyConnectedS8Fn opt =
        w4 ? qrt::fully_connected_s8s4_kernel(qrt::fully_connected_s8s4_variant(target))
           : qrt::fully_connected_s8_kernel(qrt::fully_connected_s8_variant(target));
    const int32_t scratch = w4 ? qrt::fully_connected_s8s4_scratch_bytes(qrt::fully_connected_s8s4_variant(target), a) : 0;
    if (scratch > kMaxScratch) return r;
    a.scratch = scratch > 0 ? g_scratch : nullptr;
    if (run_opt) r.opt = time_calls(opt, a, runs);
    r.same = memcmp(g_out_ref, g_out_opt, static_cast<size_t>(l.out_c)) == 0;
    return r;
  }
  const bool dw = kind == Kind::kDepthwise;
  qrt::ConvParams p{};
  p.stride_h = p.stride_w = l.stride;
  p.dilation_h = p.dilation_w = 1;
  p.pad_top = l.same ? same_pad(l.in_h, l.filter_h, l.stride) : 0;
  p.pad_left = l.same ? same_pad(l.in_w, l.filter_w, l.stride) : 0;
  p.depth_multiplier = dw ? l.out_c : 1;
  p.input_offset = 128;
  p.output_offset = -128;
  p.act_min = -128;
  p.act_max = 127;
  const int32_t out_c = dw ? l.in_c * l.out_c : l.out_c;
  p.channel_count = out_c;
  qrt::ConvS8Args a{};
  a.params = &p;
  a.multipliers = g_multipliers;
  a.shifts = g_shifts;
  a.input = {1, l.in_h, l.in_w, l.in_c};
  a.input_data = g_input;
  a.filter = dw ? qrt::Shape4{1, l.filter_h, l.filter_w, out_c}
                : qrt::Shape4{out_c, l.filter_h, l.filter_w, l.in_c};
  a.filter_data = g_filter;
  a.bias = g_bias;
  const int32_t oh = layer_out(l, l.in_h, l.filter_h), ow = layer_out(l, l.in_w, l.filter_w);
  a.output = {1, oh, ow, out_c};
  const int32_t out_elems = oh * ow * out_c;
  const int32_t filter_elems = a.filter.n * a.filter.h * a.filter.w * a.filter.c;
  const int32_t scratch =
      dw ? 0
         : w4 ? qrt::conv2d_s8s4_scratch_bytes(qrt::conv2d_s8s4_variant(target), a)
              : qrt::conv2d_s8_scratch_bytes(qrt::conv2d_s8_variant(target), a);
  if (l.in_h * l.in_w * l.in_c > kMaxInput || filter_elems > kMaxFilter ||
      out_elems > kMaxOutput || out_c > kMaxChannels || scratch > kMaxScratch) {
    return r;
  }
  r.fits = true;
  r.macs = int64_t{out_elems} * l.filter_h * l.filter_w * (dw ? 1 : l.in_c);
  a.output_data = g_out_ref;
  const qrt::ConvS8Fn ref = w4 ? (dw ? qrt::depthwise_conv2d_s8s4_ref : qrt::conv2d_s8s4_ref)
                               : (dw ? qrt::depthwise_conv2d_s8_ref : qrt::conv2d_s8_ref);
  const qrt::ConvS8Fn opt =
      w4 ? (dw ? qrt::depthwise_conv2d_s8s4_kernel(qrt::depthwise_conv2d_s8s4_variant(target))
               : qrt::conv2d_s8s4_kernel(qrt::conv2d_s8s4_variant(target)))
         : (dw ? qrt::depthwise_conv2d_s8_kernel(qrt::depthwise_conv2d_s8_variant(target))
               : qrt::conv2d_s8_kernel(qrt::conv2d_s8_variant(target)));
  if (run_ref) r.ref = time_calls(ref, a, runs);
  a.output_data = g_out_opt;
  a.scratch = scratch > 0 ? g_scratch : nullptr;
  if (run_opt) r.opt = time_calls(opt, a, runs);
  r.same = memcmp(g_out_ref, g_out_opt, static_cast<size_t>(out_elems)) == 0;
  return r;
}

// Multiply-accumulates of one call (SAME padding counts every tap, as the reference loops do).
int64_t layer_macs(const Layer& layer) {
  Layer l = layer;
  l.kind = base_kind(l.kind);
  if (l.kind == Kind::kFullyConnected || l.kind == Kind::kFullyConnected16) return int64_t{l.in_c} * l.out_c;
  const int32_t oh = layer_out(l, l.in_h, l.filter_h), ow = layer_out(l, l.in_w, l.filter_w);
  const int64_t taps = int64_t{l.filter_h} * l.filter_w;
  if (l.kind == Kind::kDepthwise) return int64_t{oh} * ow * l.in_c * l.out_c * taps;
  if (l.kind == Kind::kDepthwise16) return int64_t{oh} * ow * l.in_c * taps;
  return int64_t{oh} * ow * l.out_c * taps * l.in_c;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kConv: return "conv2d_s8";
    case Kind::kDepthwise: return "depthwise_conv2d_s8";
    case Kind::kConv16: return "conv2d_s16";
    case Kind::kDepthwise16: return "depthwise_conv2d_s16";
    case Kind::kFullyConnected16: return "fully_connected_s16";
    case Kind::kConvW4: return "conv2d_s8s4";
    case Kind::kDepthwiseW4: return "depthwise_conv2d_s8s4";
    case Kind::kFullyConnectedW4: return "fully_connected_s8s4";
    default: return "fully_connected_s8";
  }
}

}  // namespace

int main(int argc, char** argv) {
#if defined(QRT_TEST_SLOW_TARGET)
  int runs = 1;
#elif defined(__arm__) && !defined(__linux__)
  int runs = 3;  // the count is deterministic under QEMU -icount; 3 shows it
#else
  int runs = 15;
#endif
  const char* filter = nullptr;
  int only_layer = -1;
  bool run_ref = true, run_opt = true;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc) {
      filter = argv[++i];
    } else if (strcmp(argv[i], "--list") == 0) {  // index, kernel, model, layer, MACs
      for (size_t k = 0; k < sizeof kLayers / sizeof kLayers[0]; ++k) {
        printf("%d\t%s\t%s\t%s\t%lld\n", static_cast<int>(k), kind_name(kLayers[k].kind),
               kLayers[k].model, kLayers[k].layer, static_cast<long long>(layer_macs(kLayers[k])));
      }
      return 0;
    } else if (strcmp(argv[i], "--layer") == 0 && i + 1 < argc) {
      only_layer = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--table") == 0 && i + 1 < argc) {
      ++i;
      run_ref = strcmp(argv[i], "reference") == 0;
      run_opt = strcmp(argv[i], "port") == 0;
    } else {
      fprintf(stderr,
              "usage: bench_kernels [--runs N] [--filter TEXT] [--layer I] "
              "[--table reference|port]\n");
      return 2;
    }
  }
  if (runs < 1) runs = 1;
  if (runs > kMaxRuns) runs = kMaxRuns;
  const int layer_count = static_cast<int>(sizeof kLayers / sizeof kLayers[0]);
  if (only_layer >= layer_count) return 2;
  if (only_layer >= 0) {  // one layer, one or both tables, no table (insncount.sh)
    const Result r = run_layer(kLayers[only_layer], runs, run_ref, run_opt);
    printf("layer %d %s %s: %s\n", only_layer, kLayers[only_layer].model, kLayers[only_layer].layer,
           r.fits ? "ran" : "too large");
    return 0;
  }
  printf("bench_kernels: %s, kernels '%s' vs 'reference', median of %d call(s), cost in port "
         "ticks\n\n",
         qrt_port_name(), qrt::isa_name(qrt::conv2d_s8_variant(qrt::target_isas())), runs);
  printf("| kernel | model | layer | MACs | reference | optimized | speedup | optimized/MAC | "
         "bytes |\n");
  printf("|---|---|---|---:|---:|---:|---:|---:|---|\n");
  uint64_t total_ref = 0, total_opt = 0;
  bool all_same = true;
  for (const Layer& l : kLayers) {
    if (filter != nullptr && strstr(l.model, filter) == nullptr && strstr(l.layer, filter) == nullptr &&
        strstr(kind_name(l.kind), filter) == nullptr) {
      continue;
    }
    const Result r = run_layer(l, runs, true, true);
    if (!r.fits) {
      printf("| %s | %s | %s | - | - | - | - | - | too large for the buffers |\n", kind_name(l.kind),
             l.model, l.layer);
      continue;
    }
    total_ref += r.ref;
    total_opt += r.opt;
    all_same = all_same && r.same;
    const double speedup = r.opt > 0 ? static_cast<double>(r.ref) / static_cast<double>(r.opt) : 0.0;
    printf("| %s | %s | %s | %lld | %llu | %llu | %.2fx | %.3f | %s |\n", kind_name(l.kind), l.model,
           l.layer, static_cast<long long>(r.macs), static_cast<unsigned long long>(r.ref),
           static_cast<unsigned long long>(r.opt), speedup,
           static_cast<double>(r.opt) / static_cast<double>(r.macs), r.same ? "equal" : "DIFFER");
  }
  const double speedup =
      total_opt > 0 ? static_cast<double>(total_ref) / static_cast<double>(total_opt) : 0.0;
  printf("| all | | | | %llu | %llu | %.2fx | | %s |\n", static_cast<unsigned long long>(total_ref),
         static_cast<unsigned long long>(total_opt), speedup, all_same ? "equal" : "DIFFER");
  return 0;
}
