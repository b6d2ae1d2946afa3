// The port's MATMUL (LlmKernelTable::matvec) against the reference, byte for byte: int8 and int16
// inputs, int8 and packed int4 weights (odd widths), per-channel and group-wise (partial last
// groups as hidden 172 with g32 / g64 / g128, groups longer than the row, odd and small group
// sizes the variants hand to the reference), symmetric and asymmetric, int8 / int16 / int32
// outputs, realistic and extreme requantization, extreme data (INT8_MIN / INT16_MIN everywhere,
// int4 -8). Guard bytes after the output and after the declared scratch must stay untouched.
#include <stdio.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/int4.h"
#include "qrt_test.h"
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

  const qrt::LlmKernelTable& ref = qrt::reference_llm_kernel_table();
  const qrt::LlmKernelTable& opt = qrt::port_llm_kernel_table();
  const int32_t ref_scratch = ref.matvec_scratch_bytes(w, c.asymmetric, c.in);
  const int32_t opt_scratch = opt.matvec_scratch_bytes(w, c.asymmetric, c.in);
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
  ref.matvec(a);
  a.output = out_opt;
  a.scratch = scratch_opt;
  opt.matvec(a);
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

QRT_TEST(OptLlmMatVec, TableIsNamed) {
  const qrt::LlmKernelTable& opt = qrt::port_llm_kernel_table();
  QRT_ASSERT(opt.name != nullptr);
  printf("port LLM kernels: %s\n", opt.name);
  QRT_EXPECT(opt.matvec != nullptr && opt.matvec_scratch_bytes != nullptr);
  QRT_EXPECT(opt.attention != nullptr && opt.embedding != nullptr && opt.rms_norm != nullptr);
  QRT_EXPECT(opt.rope != nullptr && opt.swiglu != nullptr && opt.residual_add != nullptr);
}

// The shapes of stories260K (dim 64, hidden 172, kv dim 32, vocab 512 cut to 160 rows, an odd row count) in every
// weight format the converter writes, each with every input/output type.
QRT_TEST(OptLlmMatVec, ModelShapes) {
  Rng rng{0x1234567u};
  const int32_t shapes[][2] = {{64, 64}, {32, 64}, {160, 64}, {64, 172}, {37, 172}};
  const int32_t group_sizes[] = {0, 32, 64, 128};
  char why[256];
  for (const auto& s : shapes) {
    for (int32_t bits : kBits) {
      for (int32_t gs : group_sizes) {
        for (bool asym : kBools) {
          for (LlmType in : kInputTypes) {
            const Case c = {s[0], s[1], bits, gs, asym, in, draw_type(rng, true), Data::kUniform,
                            false};
            const bool ok = run_case(c, rng, why, sizeof why);
            if (!ok) printf("%s\n", why);
            QRT_EXPECT(ok);
          }
        }
      }
    }
  }
}

// Widths around every block size the variants use (4, 8, 16, 32, 64, 256 columns), odd int4
// widths, group sizes that do and do not divide those blocks, groups longer than the row.
QRT_TEST(OptLlmMatVec, EdgeShapes) {
  Rng rng{0xBADC0DEu};
  const int32_t widths[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65,
                            127, 129, 172, 255, 256, 257, 300, 513, 1030};
  const int32_t group_sizes[] = {0, 1, 2, 3, 8, 16, 24, 32, 48, 64, 96, 128, 172, 256, 300, 2048};
  char why[256];
  int32_t failures = 0;
  for (int32_t cols : widths) {
    for (int32_t gs : group_sizes) {
      for (int32_t bits : kBits) {
        const int32_t rows = 1 + static_cast<int32_t>(rng.next() % 9u);
        const Case c = {rows, cols, bits, gs, rng.uniform(0, 1) != 0, draw_type(rng, false),
                        draw_type(rng, true), Data::kUniform, false};
        if (!run_case(c, rng, why, sizeof why)) {
          if (failures++ < 5) printf("%s\n", why);
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

// INT8_MIN / INT16_MIN inputs against -128 / -8 weights (the products and partial sums at their
// largest), all-extreme data, extreme zero points and group multipliers, extreme requantization
// (shift -31 and 30, multipliers of both signs, 0): the clamp and saturation paths.
QRT_TEST(OptLlmMatVec, ExtremeValues) {
  Rng rng{0xFEEDu};
  char why[256];
  int32_t failures = 0;
  for (Data d : kExtremeData) {
    for (int32_t cols : kExtremeWidths) {
      for (int32_t gs : kExtremeGroups) {
        for (int32_t bits : kBits) {
          for (LlmType in : kInputTypes) {
            for (bool extreme : kBools) {
              const Case c = {3, cols, bits, gs, rng.uniform(0, 1) != 0, in, draw_type(rng, true), d,
                              extreme};
              if (!run_case(c, rng, why, sizeof why)) {
                if (failures++ < 5) printf("%s\n", why);
              }
            }
          }
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

QRT_TEST(OptLlmMatVec, RandomCases) {
  Rng rng{0xC0FFEEu};
  char why[256];
  int32_t failures = 0;
  for (int i = 0; i < kRandomCases; ++i) {
    Case c;
    c.bits = rng.uniform(0, 1) != 0 ? 8 : 4;
    c.cols = rng.uniform(1, 300);
    c.rows = rng.uniform(1, 24);
    const int32_t pick = rng.uniform(0, 5);
    c.group_size = pick == 0 ? 0 : (pick == 1 ? rng.uniform(1, 300) : (16 << rng.uniform(0, 3)));
    c.asymmetric = rng.uniform(0, 1) != 0;
    c.in = draw_type(rng, false);
    c.out = draw_type(rng, true);
    const int32_t data = rng.uniform(0, 9);
    c.data = data < 8 ? Data::kUniform : (data == 8 ? Data::kMin : Data::kExtremes);
    c.extreme_requant = rng.uniform(0, 7) == 0;
    if (!run_case(c, rng, why, sizeof why)) {
      if (failures++ < 5) printf("%s\n", why);
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
