// The port's SWIGLU (LlmKernelTable::swiglu) against the reference, byte for byte: int8 and int16
// gate/up, int8 and int16 outputs, counts around the vector widths (1 .. 40, 172, 300), realistic
// and extreme multipliers (the gate's Q4.27 conversion saturating, zero, negative), extreme data
// (INT16_MIN / INT8_MIN everywhere, all extremes, zeros). Guard bytes after the output.
#include <stdio.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt_test.h"
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
  qrt::reference_llm_kernel_table().swiglu(a);
  a.output = out_opt;
  qrt::port_llm_kernel_table().swiglu(a);
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

QRT_TEST(OptLlmSwiGlu, CountsAndTypes) {
  Rng rng{0x5A1Du};
  char why[256];
  int32_t failures = 0;
  const int32_t counts[] = {1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 40, 172, 300};
  for (int32_t n : counts) {
    for (LlmType in : kTypes) {
      for (LlmType out : kTypes) {
        if (!run_case(n, in, out, Data::kUniform, false, rng, why, sizeof why)) {
          if (failures++ < 5) printf("%s\n", why);
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

QRT_TEST(OptLlmSwiGlu, ExtremeValues) {
  Rng rng{0xE5u};
  char why[256];
  int32_t failures = 0;
  const Data datas[] = {Data::kMin, Data::kExtremes, Data::kZero, Data::kSmall, Data::kUniform};
  for (Data d : datas) {
    for (LlmType in : kTypes) {
      for (int i = 0; i < 12; ++i) {
        if (!run_case(rng.uniform(1, 64), in, kTypes[i % 2], d, i % 3 != 0, rng, why, sizeof why)) {
          if (failures++ < 5) printf("%s\n", why);
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

QRT_TEST(OptLlmSwiGlu, RandomCases) {
  Rng rng{0x77AAu};
  char why[256];
  int32_t failures = 0;
  for (int i = 0; i < kRandomCases / 4; ++i) {
    const int32_t data = rng.uniform(0, 9);
    const Data d = data < 6 ? Data::kUniform
                            : (data == 6 ? Data::kMin : (data == 7 ? Data::kExtremes : Data::kSmall));
    if (!run_case(rng.uniform(1, 200), kTypes[rng.uniform(0, 1)], kTypes[rng.uniform(0, 1)], d,
                  rng.uniform(0, 5) == 0, rng, why, sizeof why)) {
      if (failures++ < 5) printf("%s\n", why);
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
