// The target's SWIGLU variant (kernel_select.h) against the reference, byte for byte: int8 and int16
// gate/up, int8 and int16 outputs, counts around the vector widths (1 .. 40, 172, 300), realistic
// and extreme multipliers (the gate's Q4.27 conversion saturating, zero, negative), extreme data
// (INT16_MIN / INT8_MIN everywhere, all extremes, zeros). Guard bytes after the output.
#include <stdio.h>

#include "opt_llm_swiglu_case.h"
#include "qrt_test.h"

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
