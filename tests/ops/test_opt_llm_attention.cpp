// The port's ATTENTION (LlmKernelTable::attention) against the reference, byte for byte: the
// output and both caches (the kernel writes row `position` of each), with guard bytes after the
// output and after the scratch. int8 and int16 queries and keys, grouped-query heads, head sizes
// around the vector widths (1, 3, 8, 12, 16, 24, 40, 72), every position of a cache (the first,
// the last, outside the cache: clamped), realistic and extreme score multipliers (shift -31 and
// 30, negative, zero), diff_min from INT32_MIN to 0, caches full of INT16_MIN / INT8_MIN.
#include <stdio.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt_test.h"
#include "test_opt_llm_util.h"

namespace {

using namespace opt_llm_test;
using qrt::LlmType;

constexpr int32_t kMaxCacheBytes = 20480;  // per cache, int16 keys
constexpr int32_t kMaxVector = 640;        // q / output elements
constexpr int32_t kMaxKvLen = 300;

// What the optimized kernel reads first: on ARMv7-M the first six buffers get MPU guard regions.
GuardedBuffer g_q(kMaxVector * 2);
GuardedBuffer g_k(kMaxVector * 2);
GuardedBuffer g_v(kMaxVector);
GuardedBuffer g_key_opt(kMaxCacheBytes);
GuardedBuffer g_value_opt(kMaxCacheBytes);
GuardedBuffer g_scratch_opt(kMaxKvLen * sizeof(int64_t));
GuardedBuffer g_out_opt(kMaxVector * 2);
GuardedBuffer g_key_ref(kMaxCacheBytes);
GuardedBuffer g_value_ref(kMaxCacheBytes);
GuardedBuffer g_out_ref(kMaxVector * 2);
GuardedBuffer g_scratch_ref(kMaxKvLen * sizeof(int64_t));

enum class Data { kUniform, kMin, kExtremes, kSmall };

const int32_t kKvLens[] = {1, 7, 8, 9, 17, 33};
const int32_t kExtremeHeadSizes[] = {8, 16, 5};

struct Case {
  int32_t n_heads, n_kv_heads, head_size, kv_len, position;
  LlmType q_type, k_type, out_type;
  Data data;
  bool extreme_requant;
  int32_t diff_min_kind;  // 0 typical, 1 INT32_MIN, 2 zero, 3 random
};

int32_t draw(Rng& rng, LlmType t, Data d) {
  const int32_t lo = t == qrt::kLlmInt8 ? -128 : -32768, hi = -lo - 1;
  switch (d) {
    case Data::kMin: return lo;
    case Data::kExtremes: return rng.uniform(0, 1) != 0 ? lo : hi;
    case Data::kSmall: return rng.uniform(-3, 3);
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

bool run_case(const Case& c, Rng& rng, char* why, size_t why_bytes) {
  const int32_t q_dim = c.n_heads * c.head_size, kv_dim = c.n_kv_heads * c.head_size;
  const int32_t kb = type_bytes(c.k_type);
  const int32_t key_bytes = c.kv_len * kv_dim * kb, value_bytes = c.kv_len * kv_dim;
  if (q_dim > kMaxVector || key_bytes > kMaxCacheBytes || c.kv_len > kMaxKvLen) {
    snprintf(why, why_bytes, "case too large");
    return false;
  }
  uint8_t* q = tail_bytes<uint8_t>(g_q, q_dim * type_bytes(c.q_type), type_bytes(c.q_type));
  uint8_t* k = tail_bytes<uint8_t>(g_k, kv_dim * kb, kb);
  int8_t* v = tail_bytes<int8_t>(g_v, kv_dim);
  fill(rng, q, q_dim, c.q_type, c.data);
  fill(rng, k, kv_dim, c.k_type, c.data);
  fill(rng, reinterpret_cast<uint8_t*>(v), kv_dim, qrt::kLlmInt8, c.data);
  uint8_t* key_ref = tail_bytes<uint8_t>(g_key_ref, key_bytes, kb);
  uint8_t* key_opt = tail_bytes<uint8_t>(g_key_opt, key_bytes, kb);
  uint8_t* value_ref = tail_bytes<uint8_t>(g_value_ref, value_bytes);
  uint8_t* value_opt = tail_bytes<uint8_t>(g_value_opt, value_bytes);
  fill(rng, key_ref, c.kv_len * kv_dim, c.k_type, c.data);
  fill(rng, value_ref, value_bytes, qrt::kLlmInt8, c.data);
  memcpy(key_opt, key_ref, static_cast<size_t>(key_bytes));
  memcpy(value_opt, value_ref, static_cast<size_t>(value_bytes));

  qrt::LlmAttentionArgs a;
  a.q_type = c.q_type;
  a.q = q;
  a.k_type = c.k_type;
  a.k = k;
  a.v = v;
  a.position = c.position;
  a.n_heads = c.n_heads;
  a.n_kv_heads = c.n_kv_heads;
  a.head_size = c.head_size;
  a.kv_len = c.kv_len;
  // Scores in q * k units; realistic: a typical score spread maps to a few units of Q5.26.
  const double qk = (c.q_type == qrt::kLlmInt8 ? 64.0 : 8000.0) * (c.k_type == qrt::kLlmInt8 ? 64.0 : 8000.0);
  draw_multiplier(rng, c.extreme_requant, 4.0 * 67108864.0 / (qk * c.head_size), &a.score_multiplier,
                  &a.score_shift);
  draw_multiplier(rng, c.extreme_requant,
                  (c.out_type == qrt::kLlmInt8 ? 1.0 : 100.0) / 8388608.0, &a.out_multiplier,
                  &a.out_shift);
  switch (c.diff_min_kind) {
    case 1: a.diff_min = INT32_MIN; break;
    case 2: a.diff_min = 0; break;
    case 3: a.diff_min = -static_cast<int32_t>(rng.next() & 0x7FFFFFFF); break;
    default: {  // half the typical score spread, saturated to int32 (int16 x int16 exceeds it)
      const double spread = qk * c.head_size / 2;
      a.diff_min = spread >= 2147483648.0 ? INT32_MIN : -static_cast<int32_t>(spread);
      break;
    }
  }
  a.output_type = c.out_type;
  const int32_t out_bytes = q_dim * type_bytes(c.out_type);
  uint8_t* out_ref = tail_bytes<uint8_t>(g_out_ref, out_bytes, type_bytes(c.out_type));
  uint8_t* out_opt = tail_bytes<uint8_t>(g_out_opt, out_bytes, type_bytes(c.out_type));
  memset(out_ref, 0x11, static_cast<size_t>(out_bytes));
  memset(out_opt, 0x77, static_cast<size_t>(out_bytes));
  const int32_t scratch_bytes = qrt::llm_attention_scratch_bytes(c.kv_len);  // every variant's
  int64_t* scratch_ref = tail_bytes<int64_t>(g_scratch_ref, scratch_bytes, 16);
  int64_t* scratch_opt = tail_bytes<int64_t>(g_scratch_opt, scratch_bytes, 16);

  a.key_cache = key_ref;
  a.value_cache = reinterpret_cast<int8_t*>(value_ref);
  a.output = out_ref;
  a.scratch = scratch_ref;
  qrt::reference_llm_kernel_table().attention(a);
  a.key_cache = key_opt;
  a.value_cache = reinterpret_cast<int8_t*>(value_opt);
  a.output = out_opt;
  a.scratch = scratch_opt;
  qrt::port_llm_kernel_table().attention(a);

  const int32_t d_out = first_difference(out_ref, out_opt, out_bytes);
  const int32_t d_key = first_difference(key_ref, key_opt, key_bytes);
  const int32_t d_value = first_difference(value_ref, value_opt, value_bytes);
  const bool guards = g_out_opt.guard_intact() && g_key_opt.guard_intact() &&
                      g_value_opt.guard_intact() && g_scratch_opt.guard_intact();
  if (d_out >= 0 || d_key >= 0 || d_value >= 0 || !guards) {
    snprintf(why, why_bytes,
             "heads %d/%d size %d kv %d pos %d q %s k %s out %s data %d requant %s diff_min %d: "
             "first difference out %d key %d value %d, guards %s",
             static_cast<int>(c.n_heads), static_cast<int>(c.n_kv_heads),
             static_cast<int>(c.head_size), static_cast<int>(c.kv_len), static_cast<int>(c.position),
             type_name(c.q_type), type_name(c.k_type), type_name(c.out_type), static_cast<int>(c.data),
             c.extreme_requant ? "extreme" : "realistic", static_cast<int>(a.diff_min),
             static_cast<int>(d_out), static_cast<int>(d_key), static_cast<int>(d_value),
             guards ? "ok" : "DAMAGED");
    return false;
  }
  return true;
}

LlmType draw_act(Rng& rng) { return rng.uniform(0, 1) != 0 ? qrt::kLlmInt16 : qrt::kLlmInt8; }

}  // namespace

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
