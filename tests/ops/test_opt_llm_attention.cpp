// The target's ATTENTION variant (kernel_select.h) against the reference, byte for byte: the
// output and both caches (the kernel writes row `position` of each), with guard bytes after the
// output and after the scratch. int8 and int16 queries and keys, grouped-query heads, head sizes
// around the vector widths (1, 3, 8, 12, 16, 24, 40, 72), every position of a cache (the first,
// the last, outside the cache: clamped), realistic and extreme score multipliers (shift -31 and
// 30, negative, zero), diff_min from INT32_MIN to 0, caches full of INT16_MIN / INT8_MIN.
#include <stdio.h>

#include "opt_llm_attention_case.h"
#include "qrt_test.h"

// stories260K's shape (8 heads, 4 KV heads, head size 8) at every position of a 40-row cache,
// int16 queries and keys as the converter writes them, then the other type combinations.
QRT_TEST(OptLlmAttention, ModelShapeEveryPosition) {
  Rng rng{0xA77E27u};
  char why[320];
  int32_t failures = 0;
  const LlmType types[] = {qrt::kLlmInt16, qrt::kLlmInt8};
  for (LlmType qt : types) {
    for (LlmType kt : types) {
      for (int32_t pos = -2; pos <= 42; ++pos) {
        const Case c = {8, 4, 8, 40, pos, qt, kt, draw_act(rng), Data::kUniform, false, 0};
        if (!run_case(c, rng, why, sizeof why)) {
          if (failures++ < 5) printf("%s\n", why);
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

// Head sizes around the vector widths, grouped-query layouts, short and long caches.
QRT_TEST(OptLlmAttention, EdgeShapes) {
  Rng rng{0x5EED5u};
  char why[320];
  int32_t failures = 0;
  const int32_t head_sizes[] = {1, 2, 3, 4, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 40, 72};
  const int32_t heads[][2] = {{1, 1}, {2, 1}, {4, 2}, {3, 3}, {6, 2}};
  for (int32_t hs : head_sizes) {
    for (const auto& h : heads) {
      for (int32_t kv_len : kKvLens) {
        const int32_t pos = rng.uniform(0, kv_len - 1);
        const Case c = {h[0], h[1], hs, kv_len, pos, draw_act(rng), draw_act(rng), draw_act(rng),
                        Data::kUniform, false, 0};
        if (!run_case(c, rng, why, sizeof why)) {
          if (failures++ < 5) printf("%s\n", why);
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

// INT16_MIN / INT8_MIN everywhere (the score pairs that wrap a 32-bit lane), all-extreme data,
// equal scores (small data: many ties at the maximum), extreme requantization, every diff_min.
QRT_TEST(OptLlmAttention, ExtremeValues) {
  Rng rng{0xE7E7u};
  char why[320];
  int32_t failures = 0;
  const Data datas[] = {Data::kMin, Data::kExtremes, Data::kSmall};
  for (Data d : datas) {
    for (int32_t diff_kind = 0; diff_kind < 4; ++diff_kind) {
      for (int32_t hs : kExtremeHeadSizes) {
        for (int32_t i = 0; i < 6; ++i) {
          const Case c = {4, 2, hs, 21, rng.uniform(0, 20), draw_act(rng), draw_act(rng),
                          draw_act(rng), d, i % 2 == 1, diff_kind};
          if (!run_case(c, rng, why, sizeof why)) {
            if (failures++ < 5) printf("%s\n", why);
          }
        }
      }
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}

QRT_TEST(OptLlmAttention, RandomCases) {
  Rng rng{0xD1CEu};
  char why[320];
  int32_t failures = 0;
  for (int i = 0; i < kRandomCases / 4; ++i) {
    Case c;
    c.n_kv_heads = rng.uniform(1, 3);
    c.n_heads = c.n_kv_heads * rng.uniform(1, 3);
    c.head_size = rng.uniform(0, 2) == 0 ? rng.uniform(1, 40) : 8 * rng.uniform(1, 4);
    c.kv_len = rng.uniform(1, 70);
    c.position = rng.uniform(-1, c.kv_len);
    c.q_type = draw_act(rng);
    c.k_type = draw_act(rng);
    c.out_type = draw_act(rng);
    const int32_t data = rng.uniform(0, 9);
    c.data = data < 7 ? Data::kUniform
                      : (data == 7 ? Data::kMin : (data == 8 ? Data::kExtremes : Data::kSmall));
    c.extreme_requant = rng.uniform(0, 7) == 0;
    c.diff_min_kind = rng.uniform(0, 5) < 3 ? 0 : rng.uniform(1, 3);
    if (!run_case(c, rng, why, sizeof why)) {
      if (failures++ < 5) printf("%s\n", why);
    }
  }
  QRT_EXPECT_EQ(failures, 0);
}
