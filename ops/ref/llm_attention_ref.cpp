// ATTENTION reference: causal grouped-query attention of one query over an int8/int16 key cache
// and an int8 value cache, with an integer softmax (kernels_llm.h).

#include "llm_common.h"
#include "qrt/ops/kernel_util_llm.h"  // llm_attention_store_kv, shared with the variants
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint_llm.h"
#include "qrt/quant/fixedpoint_nonlinear.h"

namespace qrt {
namespace {

constexpr int32_t kValueChunk = 64;  // value accumulators on the stack per pass over positions

template <typename TQ, typename TK>
void attend(const LlmAttentionArgs& a, const TQ* q, TK* key_cache, int32_t pos) {
  const int32_t kv_dim = a.n_kv_heads * a.head_size;
  const int32_t group = a.n_heads / a.n_kv_heads;
  int64_t* work = a.scratch;  // scores, then exp values, per position
  for (int32_t h = 0; h < a.n_heads; ++h) {
    const TQ* qh = q + h * a.head_size;
    const int32_t kv_offset = (h / group) * a.head_size;
    // 1. Scores (exact) and their maximum.
    int64_t max_score = 0;
    for (int32_t t = 0; t <= pos; ++t) {
      const TK* kt = key_cache + static_cast<int64_t>(t) * kv_dim + kv_offset;
      int64_t s = 0;
      for (int32_t i = 0; i < a.head_size; ++i) s += static_cast<int64_t>(qh[i]) * kt[i];
      if (t == 0 || s > max_score) max_score = s;
      work[t] = s;
    }
    // 2. exp(score - max) in Q0.31 (the difference in Q5.26 first), and the sum.
    int64_t sum = 0;
    for (int32_t t = 0; t <= pos; ++t) {
      const int64_t d = work[t] - max_score;  // <= 0
      int32_t ex = 0;
      if (d >= a.diff_min) {
        ex = exp_on_negative_values(requantize_s64(d, a.score_multiplier, a.score_shift), 5);
      }
      work[t] = ex;
      sum += ex;
    }
    // 3. Probabilities in Q0.23 through one reciprocal. The maximum contributes exp(0) =
    //    2^31 - 1, so sum >= 2^31 - 1 and R = floor(2^62 / sum) <= 2^31.
    const int64_t reciprocal = static_cast<int64_t>((uint64_t{1} << 62) / static_cast<uint64_t>(sum));
    // 4. Weighted sum of the values: sum_t p_t <= 2^23 + pos / 2 and |v| <= 128.
    int32_t acc[kValueChunk];
    for (int32_t i0 = 0; i0 < a.head_size; i0 += kValueChunk) {
      const int32_t n = a.head_size - i0 < kValueChunk ? a.head_size - i0 : kValueChunk;
      for (int32_t i = 0; i < n; ++i) acc[i] = 0;
      for (int32_t t = 0; t <= pos; ++t) {
        const int32_t p = static_cast<int32_t>(rounding_shift_right_s64(work[t] * reciprocal, 39));
        const int8_t* vt = a.value_cache + static_cast<int64_t>(t) * kv_dim + kv_offset + i0;
        for (int32_t i = 0; i < n; ++i) acc[i] += p * vt[i];
      }
      for (int32_t i = 0; i < n; ++i) {
        llm::store_saturated(a.output_type, a.output, h * a.head_size + i0 + i,
                             requantize_s64(acc[i], a.out_multiplier, a.out_shift));
      }
    }
  }
}

template <typename TQ>
void dispatch_key(const LlmAttentionArgs& a, int32_t pos) {
  const auto* q = static_cast<const TQ*>(a.q);
  if (a.k_type == kLlmInt8) {
    attend(a, q, static_cast<int8_t*>(a.key_cache), pos);
  } else {
    attend(a, q, static_cast<int16_t*>(a.key_cache), pos);
  }
}

}  // namespace

void llm_attention_ref(const LlmAttentionArgs& a) {
  const int32_t pos = opt::llm_attention_store_kv(a);
  if (a.q_type == kLlmInt8) {
    dispatch_key<int8_t>(a, pos);
  } else {
    dispatch_key<int16_t>(a, pos);
  }
}

}  // namespace qrt
