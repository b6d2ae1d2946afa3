// One attention case of the optimized-kernel tests (test_opt_llm_attention.cpp) and of the differential
// fuzzer (tests/fuzz/fuzz_kernel_diff.cpp): the case's shape and data choices, its guarded
// buffers, and run_case(), which runs the reference and the target's variant on the same arguments
// and reports any byte that differs or any write past an output or the declared scratch. Include
// it from one source file per program (it defines the buffers).
#ifndef QRT_TESTS_OPS_OPT_LLM_ATTENTION_CASE_H
#define QRT_TESTS_OPS_OPT_LLM_ATTENTION_CASE_H
#include <stdio.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm.h"
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
  qrt::llm_attention_ref(a);
  a.key_cache = key_opt;
  a.value_cache = reinterpret_cast<int8_t*>(value_opt);
  a.output = out_opt;
  a.scratch = scratch_opt;
  qrt::llm_attention_kernel(qrt::llm_attention_variant(qrt::target_isas()))(a);

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

#endif  // QRT_TESTS_OPS_OPT_LLM_ATTENTION_CASE_H
