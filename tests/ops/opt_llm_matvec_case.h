// One matvec case of the optimized-kernel tests (test_opt_llm_matvec.cpp) and of the differential
// fuzzer (tests/fuzz/fuzz_kernel_diff.cpp): the case's shape and data choices, its guarded
// buffers, and run_case(), which runs the reference and the target's variant on the same arguments
// and reports any byte that differs or any write past an output or the declared scratch. Include
// it from one source file per program (it defines the buffers).
#ifndef QRT_TESTS_OPS_OPT_LLM_MATVEC_CASE_H
#define QRT_TESTS_OPS_OPT_LLM_MATVEC_CASE_H
#include <stdio.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/int4.h"
#include "test_opt_llm_util.h"

namespace {

using namespace opt_llm_test;
using qrt::LlmType;

constexpr int32_t kMaxWeightBytes = 12288;
constexpr int32_t kMaxCols = 1100;
constexpr int32_t kMaxRows = 160;
constexpr int32_t kMaxSide = 10240;  // rows * groups
constexpr int32_t kMaxScratch = 12288;

// Read-only inputs first: on ARMv7-M the first six buffers get MPU guard regions.
GuardedBuffer g_weights(kMaxWeightBytes);
GuardedBuffer g_input(kMaxCols * 2);
GuardedBuffer g_group_multipliers(kMaxSide * 2);
GuardedBuffer g_zero_points(kMaxSide);
GuardedBuffer g_multipliers(kMaxRows * 4);
GuardedBuffer g_shifts(kMaxRows * 4);
GuardedBuffer g_scratch_opt(kMaxScratch);
GuardedBuffer g_out_opt(kMaxRows * 4);
GuardedBuffer g_scratch_ref(kMaxScratch);
GuardedBuffer g_out_ref(kMaxRows * 4);

enum class Data { kUniform, kMin, kExtremes };

const int32_t kBits[] = {8, 4};
const bool kBools[] = {false, true};
const LlmType kInputTypes[] = {qrt::kLlmInt8, qrt::kLlmInt16};
const Data kExtremeData[] = {Data::kMin, Data::kExtremes};
const int32_t kExtremeWidths[] = {64, 172, 256, 257, 1030};
const int32_t kExtremeGroups[] = {0, 32, 64, 128, 256};

struct Case {
  int32_t rows, cols, bits, group_size;
  bool asymmetric;
  LlmType in, out;
  Data data;
  bool extreme_requant;
};

int32_t draw_weight(Rng& rng, int32_t bits, Data d) {
  const int32_t lo = bits == 4 ? -8 : -128, hi = bits == 4 ? 7 : 127;
  if (d == Data::kMin) return lo;
  if (d == Data::kExtremes) return rng.uniform(0, 1) != 0 ? lo : hi;
  return rng.uniform(lo, hi);
}

// Builds the case's tensors and runs both tables; false (with a message) on any difference.
bool run_case(const Case& c, Rng& rng, char* why, size_t why_bytes) {
  using qrt::LlmWeights;
  LlmWeights w;
  w.bits = c.bits;
  w.rows = c.rows;
  w.cols = c.cols;
  w.group_size = c.group_size;
  const int32_t groups = llm_groups_per_row(w);
  const int32_t row_bytes = c.bits == 4 ? qrt::int4_row_bytes(c.cols) : c.cols;
  const int32_t weight_bytes = c.rows * row_bytes;
  if (weight_bytes > kMaxWeightBytes || c.cols > kMaxCols || c.rows > kMaxRows ||
      c.rows * groups > kMaxSide) {
    snprintf(why, why_bytes, "case too large");
    return false;
  }
  uint8_t* data = tail_bytes<uint8_t>(g_weights, weight_bytes);
  for (int32_t r = 0; r < c.rows; ++r) {
    uint8_t* row = data + r * row_bytes;
    if (c.bits == 8) {
      for (int32_t k = 0; k < c.cols; ++k) row[k] = static_cast<uint8_t>(draw_weight(rng, 8, c.data));
    } else {
      for (int32_t k = 0; k < row_bytes; ++k) {
        const int32_t lo = draw_weight(rng, 4, c.data);
        // An odd width's last high nibble is padding: give it a value too (kernels ignore it).
        const int32_t hi = draw_weight(rng, 4, c.data);
        row[k] = qrt::int4_pack_pair(lo, hi);
      }
    }
  }
  w.data = data;
  int16_t* gm = g_group_multipliers.tail_as<int16_t>(static_cast<size_t>(c.rows * groups));
  int8_t* zp = g_zero_points.tail_as<int8_t>(static_cast<size_t>(c.rows * groups));
  for (int32_t i = 0; i < c.rows * groups; ++i) {
    gm[i] = static_cast<int16_t>(c.data == Data::kUniform ? rng.uniform(1, 32767)
                                                          : (rng.uniform(0, 1) ? 32767 : 1));
    zp[i] = static_cast<int8_t>(c.data == Data::kUniform ? rng.uniform(-128, 127)
                                                         : (rng.uniform(0, 1) ? 127 : -128));
  }
  w.group_multipliers = c.group_size != 0 ? gm : nullptr;
  w.zero_points = c.asymmetric ? zp : nullptr;
  int32_t* multipliers = g_multipliers.tail_as<int32_t>(static_cast<size_t>(c.rows));
  int32_t* shifts = g_shifts.tail_as<int32_t>(static_cast<size_t>(c.rows));
  const double x_mag = c.in == qrt::kLlmInt8 ? 64.0 : 8000.0;
  const double typical = x_mag * (c.bits == 4 ? 4.0 : 64.0) * (c.cols < 4 ? 2.0 : c.cols / 2.0) *
                         (c.group_size != 0 ? 0.5 : 1.0);
  const double out_mag = c.out == qrt::kLlmInt8 ? 64.0 : (c.out == qrt::kLlmInt16 ? 8000.0 : 1e6);
  for (int32_t r = 0; r < c.rows; ++r) {
    draw_multiplier(rng, c.extreme_requant, out_mag / typical, &multipliers[r], &shifts[r]);
  }
  w.multipliers = multipliers;
  w.shifts = shifts;
  const int32_t in_bytes = c.cols * type_bytes(c.in);
  uint8_t* input = tail_bytes<uint8_t>(g_input, in_bytes, type_bytes(c.in));
  for (int32_t k = 0; k < c.cols; ++k) {
    int32_t v;
    const int32_t lo = c.in == qrt::kLlmInt8 ? -128 : -32768, hi = c.in == qrt::kLlmInt8 ? 127 : 32767;
    if (c.data == Data::kMin) {
      v = lo;
    } else if (c.data == Data::kExtremes) {
      v = rng.uniform(0, 1) != 0 ? lo : hi;
    } else {
      v = rng.uniform(lo, hi);
    }
    if (c.in == qrt::kLlmInt8) {
      reinterpret_cast<int8_t*>(input)[k] = static_cast<int8_t>(v);
    } else {
      reinterpret_cast<int16_t*>(input)[k] = static_cast<int16_t>(v);
    }
  }

  const qrt::Isa variant = qrt::llm_matvec_variant(qrt::target_isas());
  const int32_t ref_scratch = qrt::llm_matvec_ref_scratch_bytes(w, c.asymmetric, c.in);
  const int32_t opt_scratch = qrt::llm_matvec_scratch_bytes(variant, w, c.asymmetric, c.in);
  if (ref_scratch > kMaxScratch || opt_scratch > kMaxScratch || opt_scratch < 0) {
    snprintf(why, why_bytes, "scratch %d bytes", static_cast<int>(opt_scratch));
    return false;
  }
  const int32_t out_bytes = c.rows * type_bytes(c.out);
  uint8_t* out_ref = tail_bytes<uint8_t>(g_out_ref, out_bytes, type_bytes(c.out));
  uint8_t* out_opt = tail_bytes<uint8_t>(g_out_opt, out_bytes, type_bytes(c.out));
  memset(out_ref, 0x11, static_cast<size_t>(out_bytes));
  memset(out_opt, 0x77, static_cast<size_t>(out_bytes));
  int64_t* scratch_ref = tail_bytes<int64_t>(g_scratch_ref, ref_scratch, 16);
  int64_t* scratch_opt = tail_bytes<int64_t>(g_scratch_opt, opt_scratch, 16);
  qrt::LlmMatVecArgs a;
  a.weights = w;
  a.input_type = c.in;
  a.input = input;
  a.output_type = c.out;
  a.output = out_ref;
  a.scratch = scratch_ref;
  qrt::llm_matvec_ref(a);
  a.output = out_opt;
  a.scratch = scratch_opt;
  qrt::llm_matvec_kernel(variant)(a);
  const int32_t diff = first_difference(out_ref, out_opt, out_bytes);
  const bool out_guard = g_out_opt.guard_intact();
  const bool scratch_guard = g_scratch_opt.guard_intact();
  if (diff >= 0 || !out_guard || !scratch_guard) {
    snprintf(why, why_bytes,
             "rows %d cols %d int%d group %d %s in %s out %s data %d requant %s: byte %d of %d "
             "differs, output guard %s, scratch guard %s",
             static_cast<int>(c.rows), static_cast<int>(c.cols), static_cast<int>(c.bits),
             static_cast<int>(c.group_size), c.asymmetric ? "asym" : "sym", type_name(c.in),
             type_name(c.out), static_cast<int>(c.data), c.extreme_requant ? "extreme" : "realistic",
             static_cast<int>(diff), static_cast<int>(out_bytes), out_guard ? "ok" : "DAMAGED",
             scratch_guard ? "ok" : "DAMAGED");
    return false;
  }
  return true;
}

LlmType draw_type(Rng& rng, bool with_int32) {
  const int32_t k = rng.uniform(0, with_int32 ? 2 : 1);
  return k == 0 ? qrt::kLlmInt8 : (k == 1 ? qrt::kLlmInt16 : qrt::kLlmInt32);
}

}  // namespace

#endif  // QRT_TESTS_OPS_OPT_LLM_MATVEC_CASE_H
