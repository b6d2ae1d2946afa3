// The target's MATMUL variant (kernel_select.h) against the reference, byte for byte: int8 and int16
// inputs, int8 and packed int4 weights (odd widths), per-channel and group-wise (partial last
// groups as hidden 172 with g32 / g64 / g128, groups longer than the row, odd and small group
// sizes the variants hand to the reference), symmetric and asymmetric, int8 / int16 / int32
// outputs, realistic and extreme requantization, extreme data (INT8_MIN / INT16_MIN everywhere,
// int4 -8). Guard bytes after the output and after the declared scratch must stay untouched.
#include <stdio.h>

#include "opt_llm_matvec_case.h"
#include "qrt_test.h"

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
