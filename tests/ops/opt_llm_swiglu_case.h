// One swiglu case of the optimized-kernel tests (test_opt_llm_swiglu.cpp) and of the differential
// fuzzer (tests/fuzz/fuzz_kernel_diff.cpp): the case's shape and data choices, its guarded
// buffers, and run_case(), which runs the reference and the target's variant on the same arguments
// and reports any byte that differs or any write past an output or the declared scratch. Include
// it from one source file per program (it defines the buffers).
#ifndef QRT_TESTS_OPS_OPT_LLM_SWIGLU_CASE_H
#define QRT_TESTS_OPS_OPT_LLM_SWIGLU_CASE_H
#include <stdio.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm.h"
#include "test_opt_llm_util.h"

namespace {

using namespace opt_llm_test;
using qrt::LlmType;

constexpr int32_t kMaxCount = 400;
GuardedBuffer g_gate(kMaxCount * 2);
GuardedBuffer g_up(kMaxCount * 2);
GuardedBuffer g_out_opt(kMaxCount * 2);
GuardedBuffer g_out_ref(kMaxCount * 2);

enum class Data { kUniform, kMin, kExtremes, kZero, kSmall };

int32_t draw(Rng& rng, LlmType t, Data d) {
  const int32_t lo = t == qrt::kLlmInt8 ? -128 : -32768, hi = -lo - 1;
  switch (d) {
    case Data::kMin: return lo;
    case Data::kExtremes: return rng.uniform(0, 1) != 0 ? lo : hi;
    case Data::kZero: return 0;
    case Data::kSmall: return rng.uniform(-2, 2);
    default: return rng.uniform(lo, hi);
  }
}

void fill(Rng& rng, uint8_t* p, int32_t n, LlmType t, Data d) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t v = draw(rng, t, d);
    if (t == qrt::kLlmInt8) {
      reinterpret_cast<int8_t*>(p)[i] = static_cast<int8_t>(v);
    } else {
      reinterpret_cast<int16_t*>(p)[i] = static_cast<int16_t>(v);
    }
  }
}

bool run_case(int32_t count, LlmType in, LlmType out, Data d, bool extreme, Rng& rng, char* why,
              size_t why_bytes) {
  const int32_t ib = type_bytes(in), ob = type_bytes(out);
  uint8_t* gate = tail_bytes<uint8_t>(g_gate, count * ib, ib);
  uint8_t* up = tail_bytes<uint8_t>(g_up, count * ib, ib);
  fill(rng, gate, count, in, d);
  fill(rng, up, count, in, d);
  qrt::LlmSwiGluArgs a;
  a.input_type = in;
  a.gate = gate;
  a.up = up;
  a.count = count;
  const double scale = in == qrt::kLlmInt8 ? 0.05 : 0.0005;  // gate scale: |g| up to ~6 or ~16
  draw_multiplier(rng, extreme, scale * 134217728.0, &a.gate_multiplier, &a.gate_shift);
  draw_multiplier(rng, extreme, (out == qrt::kLlmInt8 ? 0.01 : 1.0) * scale * scale * 100.0,
                  &a.out_multiplier, &a.out_shift);
  a.output_type = out;
  uint8_t* out_ref = tail_bytes<uint8_t>(g_out_ref, count * ob, ob);
  uint8_t* out_opt = tail_bytes<uint8_t>(g_out_opt, count * ob, ob);
  memset(out_ref, 0x11, static_cast<size_t>(count * ob));
  memset(out_opt, 0x77, static_cast<size_t>(count * ob));
  a.output = out_ref;
  qrt::llm_swiglu_ref(a);
  a.output = out_opt;
  qrt::llm_swiglu_kernel(qrt::llm_swiglu_variant(qrt::target_isas()))(a);
  const int32_t diff = first_difference(out_ref, out_opt, count * ob);
  const bool guard = g_out_opt.guard_intact();
  if (diff >= 0 || !guard) {
    snprintf(why, why_bytes, "count %d in %s out %s data %d requant %s (gate %d/%d out %d/%d): "
             "byte %d differs, guard %s", static_cast<int>(count), type_name(in), type_name(out),
             static_cast<int>(d), extreme ? "extreme" : "realistic",
             static_cast<int>(a.gate_multiplier), static_cast<int>(a.gate_shift),
             static_cast<int>(a.out_multiplier), static_cast<int>(a.out_shift),
             static_cast<int>(diff), guard ? "ok" : "DAMAGED");
    return false;
  }
  return true;
}

const LlmType kTypes[] = {qrt::kLlmInt8, qrt::kLlmInt16};

}  // namespace

#endif  // QRT_TESTS_OPS_OPT_LLM_SWIGLU_CASE_H
