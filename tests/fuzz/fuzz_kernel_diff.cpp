// libFuzzer target: one optimized kernel against its reference, byte for byte (the port's table on
// this host: AVX2 where the CPU has it). The fuzz input chooses the case (shape, strides, padding,
// types, data mode, requantization mode, activation clamp) within the test buffers and seeds the
// data; any differing byte, any write past an output or the declared scratch, any read past an
// input (guard pages) or any undefined behaviour aborts. Compiled once per kernel with
// QRT_FUZZ_KERNEL = 0 conv2d, 1 depthwise, 2 fully connected (each with int8 or packed INT4
// weights, as the input chooses), 3 LLM matvec, 4 LLM attention, 5 LLM swiglu. The case builders
// are the optimized-kernel tests' own (tests/ops).
#include <fuzzer/FuzzedDataProvider.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if QRT_FUZZ_KERNEL <= 2
#include "test_opt_util.h"
#elif QRT_FUZZ_KERNEL == 3
#include "opt_llm_matvec_case.h"
#elif QRT_FUZZ_KERNEL == 4
#include "opt_llm_attention_case.h"
#else
#include "opt_llm_swiglu_case.h"
#endif

namespace {

#if QRT_FUZZ_KERNEL <= 2
// The weights of a case narrowed to INT4 and packed in rows of `row` (test_opt_util.h).
const int8_t* pack_s4(int8_t* weights, int32_t count, int32_t row) {
  static qrt_test::GuardedBuffer packed(opt_test::kMaxFilter);
  uint8_t* p = packed.tail(static_cast<size_t>(count / row * ((row + 1) / 2)), 1);
  opt_test::narrow_and_pack_s4(weights, count, row, p);
  return reinterpret_cast<const int8_t*>(p);
}
#endif

#if QRT_FUZZ_KERNEL <= 1
int fuzz(FuzzedDataProvider& in) {
  static opt_test::ConvBuffers buf;
  const bool depthwise = QRT_FUZZ_KERNEL == 1;
  opt_test::ConvShape s;
  s.batches = in.ConsumeIntegralInRange<int32_t>(1, 3);
  s.in_h = in.ConsumeIntegralInRange<int32_t>(1, 12);
  s.in_w = in.ConsumeIntegralInRange<int32_t>(1, 12);
  s.in_c = in.ConsumeIntegralInRange<int32_t>(1, 64);
  s.filter_h = in.ConsumeIntegralInRange<int32_t>(1, 5);
  s.filter_w = in.ConsumeIntegralInRange<int32_t>(1, 5);
  s.out_c = in.ConsumeIntegralInRange<int32_t>(1, 64);
  s.stride_h = in.ConsumeIntegralInRange<int32_t>(1, 3);
  s.stride_w = in.ConsumeIntegralInRange<int32_t>(1, 3);
  s.dilation_h = in.ConsumeIntegralInRange<int32_t>(1, 2);
  s.dilation_w = in.ConsumeIntegralInRange<int32_t>(1, 2);
  s.same = in.ConsumeBool();
  s.depth_multiplier = depthwise ? in.ConsumeIntegralInRange<int32_t>(1, 4) : 1;
  s.groups = 1;
  if (!depthwise && in.ConsumeBool()) {  // grouped convolution: in_c a multiple of the groups
    s.groups = in.ConsumeIntegralInRange<int32_t>(1, 4);
    s.in_c = s.in_c / s.groups * s.groups;
    s.out_c = s.out_c / s.groups * s.groups;
    if (s.in_c == 0 || s.out_c == 0) return 0;
  }
  const auto data = static_cast<opt_test::Data>(in.ConsumeIntegralInRange<int>(0, 2));
  const auto requant = static_cast<opt_test::Requant>(in.ConsumeIntegralInRange<int>(0, 1));
  const bool s4 = in.ConsumeBool();
  qrt_test_util::Rng rng{in.ConsumeIntegral<uint32_t>() | 1u};
  qrt::ConvParams p;
  qrt::ConvS8Args a;
  if (!opt_test::make_conv_case(rng, s, depthwise, data, requant, &buf, &p, &a)) return 0;
  if (s4) {
    a.filter_data = pack_s4(const_cast<int8_t*>(a.filter_data),
                            a.filter.n * a.filter.h * a.filter.w * a.filter.c, a.filter.c);
  }
  const opt_test::Compare r = opt_test::run_conv_compare(depthwise, a, &buf, s4);
  if (!r.scratch_fits) return 0;
  if (!opt_test::compare_ok(r)) {
    opt_test::print_conv_case(depthwise ? "depthwise" : "conv2d", a, r);
    abort();
  }
  return 0;
}
#elif QRT_FUZZ_KERNEL == 2
int fuzz(FuzzedDataProvider& in) {
  static opt_test::FcBuffers buf;
  const int32_t batches = in.ConsumeIntegralInRange<int32_t>(1, 4);
  const int32_t depth = in.ConsumeIntegralInRange<int32_t>(1, 1500);
  const int32_t units = in.ConsumeIntegralInRange<int32_t>(1, 64);
  const auto data = static_cast<opt_test::Data>(in.ConsumeIntegralInRange<int>(0, 2));
  const auto requant = static_cast<opt_test::Requant>(in.ConsumeIntegralInRange<int>(0, 1));
  const bool s4 = in.ConsumeBool();
  qrt_test_util::Rng rng{in.ConsumeIntegral<uint32_t>() | 1u};
  qrt::FullyConnectedParams p;
  qrt::FullyConnectedS8Args a;
  if (!opt_test::make_fc_case(rng, batches, depth, units, data, requant, &buf, &p, &a)) return 0;
  static qrt_test::GuardedBuffer scratch(opt_test::kMaxScratch);
  if (s4) a.weights = pack_s4(const_cast<int8_t*>(a.weights), depth * units, depth);
  const opt_test::Compare r = opt_test::run_fc_compare(a, &buf, s4, &scratch);
  if (!r.scratch_fits) return 0;
  if (!opt_test::compare_ok(r)) {
    opt_test::print_fc_case("fully_connected", a, r);
    abort();
  }
  return 0;
}
#else
// The LLM builders report a case that does not fit their buffers as "case too large" (and a
// variant's oversized scratch as "scratch ..."): such inputs are skipped, anything else is a find.
bool skipped(const char* why) {
  return strcmp(why, "case too large") == 0 || strncmp(why, "scratch ", 8) == 0;
}

qrt::LlmType draw_type(FuzzedDataProvider& in, bool with_int32) {
  const int k = in.ConsumeIntegralInRange<int>(0, with_int32 ? 2 : 1);
  return k == 0 ? qrt::kLlmInt8 : (k == 1 ? qrt::kLlmInt16 : qrt::kLlmInt32);
}

#if QRT_FUZZ_KERNEL == 3
int fuzz(FuzzedDataProvider& in) {
  static const int32_t kGroups[] = {0, 1, 3, 8, 16, 32, 48, 64, 128, 172, 256};
  Case c;
  c.rows = in.ConsumeIntegralInRange<int32_t>(1, 160);
  c.cols = in.ConsumeIntegralInRange<int32_t>(1, 1100);
  c.bits = in.ConsumeBool() ? 8 : 4;
  c.group_size = kGroups[in.ConsumeIntegralInRange<int>(0, 10)];
  c.asymmetric = in.ConsumeBool();
  c.in = draw_type(in, false);
  c.out = draw_type(in, true);
  c.data = static_cast<Data>(in.ConsumeIntegralInRange<int>(0, 2));
  c.extreme_requant = in.ConsumeBool();
  Rng rng{in.ConsumeIntegral<uint32_t>() | 1u};
  char why[320];
  if (!run_case(c, rng, why, sizeof why) && !skipped(why)) {
    printf("%s\n", why);
    abort();
  }
  return 0;
}
#elif QRT_FUZZ_KERNEL == 4
int fuzz(FuzzedDataProvider& in) {
  Case c;
  c.n_kv_heads = in.ConsumeIntegralInRange<int32_t>(1, 4);
  c.n_heads = c.n_kv_heads * in.ConsumeIntegralInRange<int32_t>(1, 3);
  c.head_size = in.ConsumeIntegralInRange<int32_t>(1, 72);
  c.kv_len = in.ConsumeIntegralInRange<int32_t>(1, 64);
  c.position = in.ConsumeIntegralInRange<int32_t>(-2, c.kv_len + 2);
  c.q_type = draw_type(in, false);
  c.k_type = draw_type(in, false);
  c.out_type = draw_type(in, false);
  c.data = static_cast<Data>(in.ConsumeIntegralInRange<int>(0, 3));
  c.extreme_requant = in.ConsumeBool();
  c.diff_min_kind = in.ConsumeIntegralInRange<int32_t>(0, 3);
  Rng rng{in.ConsumeIntegral<uint32_t>() | 1u};
  char why[320];
  if (!run_case(c, rng, why, sizeof why) && !skipped(why)) {
    printf("%s\n", why);
    abort();
  }
  return 0;
}
#else
int fuzz(FuzzedDataProvider& in) {
  const int32_t count = in.ConsumeIntegralInRange<int32_t>(1, 400);
  const qrt::LlmType ti = draw_type(in, false), to = draw_type(in, false);
  const auto d = static_cast<Data>(in.ConsumeIntegralInRange<int>(0, 4));
  const bool extreme = in.ConsumeBool();
  Rng rng{in.ConsumeIntegral<uint32_t>() | 1u};
  char why[320];
  if (!run_case(count, ti, to, d, extreme, rng, why, sizeof why)) {
    printf("%s\n", why);
    abort();
  }
  return 0;
}
#endif
#endif

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  return fuzz(in);
}
