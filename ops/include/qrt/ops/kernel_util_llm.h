// Helpers shared by the optimized LLM kernels (ops/x86, ops/neon, ops/dsp, ops/mve): the exact
// per-row epilogue of MATMUL and the scalar steps of ATTENTION's softmax, written so that 32-bit
// cores do 32 x 32 -> 64-bit multiplies where the reference's int64 arithmetic would cost more.
// Internal to qrt_ops (the runtime reaches variants through kernel_select.h).
//
// Why the optimized MATMUL equals the reference byte for byte: the reference's group sum
// sum_{c in g} x[c] * q[r][c] is an exact integer (int32 partial sums of at most 256 products,
// |x * q| <= 2^15 * 2^7, added in int64). A variant may form it in any order and split (SIMD
// lanes, SMLAD pairs, int4 values kept scaled by 16 and divided back exactly), as long as every
// int32 partial sum covers at most kLlmSpan = 256 products: then nothing overflows and the sum
// is the same integer. From there the variants call llm_group_term and llm_store_row below,
// which are the reference's steps (zero point times the group's input sum, group multiplier,
// one rounding by 2^15, clamp, requantize_s64, saturating store) in the reference's order.
#ifndef QRT_OPS_KERNEL_UTIL_LLM_H
#define QRT_OPS_KERNEL_UTIL_LLM_H

#include <stdint.h>
#include <string.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt/quant/fixedpoint_llm.h"
#include "qrt/quant/fixedpoint_nonlinear.h"
#include "qrt/quant/int4.h"

namespace qrt {
namespace opt {

// Most products one int32 partial sum may hold (see above).
constexpr int32_t kLlmSpan = 256;

// Group geometry of a weight matrix: per-channel weights are one group of the whole row.
struct LlmGroups {
  int32_t count;      // groups per row
  int32_t size;       // columns per group (the last one may be shorter)
  int32_t row_bytes;  // bytes per weight row (int4: ceil(cols / 2))
};
inline LlmGroups llm_groups(const LlmWeights& w) {
  LlmGroups g;
  g.count = llm_groups_per_row(w);
  g.size = w.group_size == 0 ? w.cols : w.group_size;
  g.row_bytes = w.bits == 4 ? int4_row_bytes(w.cols) : w.cols;
  return g;
}
inline int32_t llm_group_end(const LlmGroups& g, int32_t cols, int32_t group) {
  const int32_t begin = group * g.size;
  return cols - begin < g.size ? cols : begin + g.size;
}

// The input's sum over each group (int64), for asymmetric weights: the reference's scratch.
template <typename TIn>
void llm_group_input_sums(const TIn* x, const LlmGroups& g, int32_t cols, int64_t* sums) {
  for (int32_t k = 0; k < g.count; ++k) {
    int64_t s = 0;
    const int32_t end = llm_group_end(g, cols, k);
    for (int32_t c = k * g.size; c < end; ++c) s += x[c];
    sums[k] = s;
  }
}

// Group g of row r's contribution to the row total, from its exact dot product.
inline int64_t llm_group_term(const LlmWeights& w, int32_t groups, int32_t r, int32_t g,
                              int64_t dot, const int64_t* input_sums) {
  int64_t s = dot;
  if (w.zero_points != nullptr) s -= w.zero_points[r * groups + g] * input_sums[g];
  if (w.group_size != 0) s *= w.group_multipliers[r * groups + g];
  return s;
}

// requantize_s64(d, multiplier, shift) for a d that fits int32 (a score difference that passed
// the diff_min test: diff_min >= INT32_MIN): the same product, formed 32 x 32 -> 64.
// On 64-bit cores it is written without branches on the sign (they mispredict on real data; the
// rounding of the magnitude, ties away from zero, is rounding_shift_right_s64's); 32-bit Arm
// cores, without branch prediction worth the name, run fewer instructions with the branches.
inline int32_t llm_requantize_s32(int32_t d, int32_t multiplier, int shift) {
  const int64_t product = static_cast<int64_t>(d) * multiplier;  // |product| < 2^62
#if defined(__arm__)
  return saturate_s64_to_s32(rounding_shift_right_s64(product, 31 - shift));
#else
  const uint64_t sign = static_cast<uint64_t>(product < 0 ? -1 : 0);
  uint64_t magnitude = (static_cast<uint64_t>(product) ^ sign) - sign;
  const int right = 31 - shift;  // in [1, 62]
  magnitude = (magnitude + (uint64_t{1} << (right - 1))) >> right;
  const int64_t v = static_cast<int64_t>((magnitude ^ sign) - sign);
  const int64_t lo = v < kInt32Min ? kInt32Min : v;
  return static_cast<int32_t>(lo > kInt32Max ? kInt32Max : lo);
#endif
}

// Stores v saturated to the output type at index i.
inline void llm_store(LlmType type, void* out, int32_t i, int32_t v) {
  switch (type) {
    case kLlmInt8: static_cast<int8_t*>(out)[i] = saturate_to_s8(v); break;
    case kLlmInt16: static_cast<int16_t*>(out)[i] = saturate_to_s16(v); break;
    case kLlmInt32: static_cast<int32_t*>(out)[i] = v; break;
  }
}

// Stores row r of the output from its total, as the reference: one rounding by 2^15 for
// group-wise sums, clamp below 2^32, requantize_s64, saturate to the output type.
// A total that fits int32 (the clamp does nothing then) takes the 32 x 32 -> 64-bit product,
// which is requantize_s64's own product.
inline void llm_store_row(const LlmMatVecArgs& a, int32_t r, int64_t total) {
  if (a.weights.group_size != 0) total = rounding_shift_right_s64(total, 15);
  const int32_t multiplier = a.weights.multipliers[r], shift = a.weights.shifts[r];
  const int32_t t32 = static_cast<int32_t>(total);
  const int32_t v = t32 == total ? llm_requantize_s32(t32, multiplier, shift)
                                 : requantize_s64(clamp_s64_magnitude(total, 32), multiplier, shift);
  llm_store(a.output_type, a.output, r, v);
}

// Columns [begin, end) of row `row` against x, exactly as the reference (scalar; the tails of
// the vector loops). begin is even for int4 rows unless it is the row's first column.
template <typename TIn>
int32_t llm_dot_tail_s8(const TIn* x, const int8_t* row, int32_t begin, int32_t end) {
  int32_t acc = 0;
  for (int32_t c = begin; c < end; ++c) acc += static_cast<int32_t>(x[c]) * row[c];
  return acc;
}
template <typename TIn>
int32_t llm_dot_tail_s4(const TIn* x, const uint8_t* row, int32_t begin, int32_t end) {
  int32_t acc = 0;
  for (int32_t c = begin; c < end; ++c) acc += static_cast<int32_t>(x[c]) * int4_get(row, c);
  return acc;
}

// ---- ATTENTION softmax steps ---------------------------------------------------------------

// SWIGLU (kernels_llm.h) on elements [begin, count) with the steps above: the same bytes as
// llm_swiglu_ref.
template <typename TIn>
inline void llm_swiglu_scalar(const LlmSwiGluArgs& a, const TIn* gate, const TIn* up, int32_t begin) {
  const int32_t gm = a.gate_multiplier, gs = a.gate_shift, om = a.out_multiplier, os = a.out_shift;
  const LlmType out_type = a.output_type;
  void* const out = a.output;
  const int32_t count = a.count;
  for (int32_t i = begin; i < count; ++i) {
    const int32_t g = gate[i], u = up[i];
    const int32_t l = logistic_q4_fast(llm_requantize_s32(g, gm, gs));
    llm_store(out_type, out, i, llm_requantize_s32(srdhm_fast(g * u, l), om, os));
  }
}

// exp(score - max) in Q0.31, 0 below diff_min: step 2 of the reference.
inline int32_t llm_softmax_exp(int64_t d, int32_t diff_min, int32_t score_multiplier,
                               int32_t score_shift) {
  if (d < diff_min) return 0;
  return exp_on_negative_values_q5(
      llm_requantize_s32(static_cast<int32_t>(d), score_multiplier, score_shift));
}

// Reciprocal of step 3: floor(2^62 / sum), sum >= 2^31 - 1 (the maximum's exp(0)).
inline uint32_t llm_softmax_reciprocal(int64_t sum) {
  return static_cast<uint32_t>((uint64_t{1} << 62) / static_cast<uint64_t>(sum));
}

// p = round(e * R / 2^39) for e in [0, 2^31) and R <= 2^31: the product is non-negative and below
// 2^62, where the reference's rounding_shift_right_s64 is (x + 2^38) >> 39.
inline int32_t llm_softmax_probability(int32_t e, uint32_t reciprocal) {
  return static_cast<int32_t>(
      (static_cast<uint64_t>(static_cast<uint32_t>(e)) * reciprocal + (uint64_t{1} << 38)) >> 39);
}

// Clamps the position into the cache and writes k and v at that row (the reference and every
// variant); returns the clamped position.
inline int32_t llm_attention_store_kv(const LlmAttentionArgs& a) {
  int32_t pos = a.position;
  if (pos < 0) pos = 0;
  if (pos >= a.kv_len) pos = a.kv_len - 1;
  const int32_t kv_dim = a.n_kv_heads * a.head_size;
  const int32_t key_bytes = a.k_type == kLlmInt8 ? 1 : 2;
  memcpy(static_cast<uint8_t*>(a.key_cache) + static_cast<int64_t>(pos) * kv_dim * key_bytes, a.k,
         static_cast<size_t>(kv_dim * key_bytes));
  memcpy(a.value_cache + static_cast<int64_t>(pos) * kv_dim, a.v, static_cast<size_t>(kv_dim));
  return pos;
}

// ---- MATMUL shared by the MVE and NEON variants --------------------------------------------
// int8 / int16 input against int8 or packed int4 rows, group by group in spans of kLlmSpan
// columns. For int4 rows the input is widened to int16 once per call into scratch, per 16-column
// block as its 8 even then 8 odd values, to meet the low (even) and high (odd) nibbles of 8 row
// bytes; int4 groups must therefore start on those blocks (others go to the reference). `Dots`
// supplies the ISA's exact span dot products:
//   static int32_t s8s8(const int8_t* x, const int8_t* row, int32_t begin, int32_t end);
//   static int32_t s16s8(const int16_t* x, const int8_t* row, int32_t begin, int32_t end);
//   static int32_t s4(const TIn* x, const int16_t* xr, const uint8_t* row, int32_t begin,
//                     int32_t end);  // for TIn int8_t and int16_t

inline int32_t llm_reordered_columns(int32_t cols) { return (cols + 15) & ~15; }

// Scratch of llm_matvec_with_dots: the reordered input, then the per-group input sums of
// asymmetric weights.
inline int32_t llm_matvec_reordered_scratch_bytes(const LlmWeights& w, bool asymmetric) {
  return llm_reordered_columns(w.cols) * 2 + (asymmetric ? llm_groups_per_row(w) * 8 : 0);
}

template <typename Dots, typename TIn>
void llm_matvec_reordered_rows(const LlmMatVecArgs& a, const TIn* x) {
  const LlmWeights& w = a.weights;
  const LlmGroups g = llm_groups(w);
  const int32_t cols = w.cols, rows = w.rows, bits = w.bits;
  int16_t* xr = reinterpret_cast<int16_t*>(a.scratch);
  int64_t* sums = reinterpret_cast<int64_t*>(a.scratch) + llm_reordered_columns(cols) / 4;
  if (bits == 4) {
    for (int32_t c = 0; c < cols; ++c) {
      const int32_t j = c & 15;
      xr[(c & ~15) + (j & 1) * 8 + (j >> 1)] = static_cast<int16_t>(x[c]);
    }
  }
  if (w.zero_points != nullptr) llm_group_input_sums(x, g, cols, sums);
  for (int32_t r = 0; r < rows; ++r) {
    const uint8_t* row = w.data + static_cast<int64_t>(r) * g.row_bytes;
    int64_t total = 0;
    for (int32_t k = 0; k < g.count; ++k) {
      const int32_t end = llm_group_end(g, cols, k);
      int64_t dot = 0;
      for (int32_t c = k * g.size; c < end; c += kLlmSpan) {
        const int32_t e = end - c < kLlmSpan ? end : c + kLlmSpan;
        if (bits == 4) {
          dot += Dots::s4(x, xr, row, c, e);
        } else if (sizeof(TIn) == 1) {
          dot += Dots::s8s8(reinterpret_cast<const int8_t*>(x), reinterpret_cast<const int8_t*>(row), c, e);
        } else {
          dot += Dots::s16s8(reinterpret_cast<const int16_t*>(x), reinterpret_cast<const int8_t*>(row), c, e);
        }
      }
      total += llm_group_term(w, g.count, r, k, dot, sums);
    }
    llm_store_row(a, r, total);
  }
}

template <typename Dots>
void llm_matvec_with_dots(const LlmMatVecArgs& args) {
  if (args.weights.bits == 4 && args.weights.group_size % 16 != 0) {
    llm_matvec_ref(args);  // int4 groups that do not start on 16-column blocks
    return;
  }
  if (args.input_type == kLlmInt8) {
    llm_matvec_reordered_rows<Dots>(args, static_cast<const int8_t*>(args.input));
  } else {
    llm_matvec_reordered_rows<Dots>(args, static_cast<const int16_t*>(args.input));
  }
}

// ---- ATTENTION shared by the DSP, MVE and NEON variants -----------------------------------
// The reference's steps (kernels_llm.h) with cheaper arithmetic per cached position: this
// position's key and value stored, scores by the ISA's dot products, the exact integer softmax
// above (exp_on_negative_values_q5, one-multiply probabilities), and the weighted value sum
// column by column with the probabilities read from scratch. `Scores` supplies the ISA's exact
// dot products: static int64_t s16(const int16_t* q, const int16_t* k, int32_t n) and
// static int64_t s8(const int8_t* q, const int8_t* k, int32_t n).

template <typename TQ, typename TK>
inline int64_t attention_score_any(const TQ* q, const TK* k, int32_t n) {
  int64_t s = 0;
  for (int32_t i = 0; i < n; ++i) s += static_cast<int64_t>(q[i]) * k[i];
  return s;
}

// The ISA's dot product for equal query/key types, plain C++ for mixed ones.
template <typename Scores>
struct AttentionScore {
  static int64_t of(const int16_t* q, const int16_t* k, int32_t n) { return Scores::s16(q, k, n); }
  static int64_t of(const int8_t* q, const int8_t* k, int32_t n) { return Scores::s8(q, k, n); }
  static int64_t of(const int8_t* q, const int16_t* k, int32_t n) { return attention_score_any(q, k, n); }
  static int64_t of(const int16_t* q, const int8_t* k, int32_t n) { return attention_score_any(q, k, n); }
};

template <typename Scores, typename TQ, typename TK>
void attention_heads(const LlmAttentionArgs& a, const TQ* q, const TK* key_cache, int32_t pos) {
  const int32_t hs = a.head_size;
  const int32_t kv_dim = a.n_kv_heads * hs;
  const int32_t group = a.n_heads / a.n_kv_heads;
  const int32_t n = pos + 1;
  // Scratch: int64 scores, then the int32 exps / probabilities over them from the start
  // (element t as int32 lies in bytes of score t / 2, already read).
  int64_t* scores = a.scratch;
  int32_t* weights = reinterpret_cast<int32_t*>(a.scratch);
  const int32_t diff_min = a.diff_min, score_multiplier = a.score_multiplier;
  const int32_t score_shift = a.score_shift, out_multiplier = a.out_multiplier;
  const int32_t out_shift = a.out_shift;
  const LlmType out_type = a.output_type;
  void* const out = a.output;
  const int8_t* const value_cache = a.value_cache;
  for (int32_t h = 0; h < a.n_heads; ++h) {
    const TQ* qh = q + h * hs;
    const int32_t kv_offset = (h / group) * hs;
    const TK* kt = key_cache + kv_offset;
    int64_t max_score = 0;
    for (int32_t t = 0; t < n; ++t, kt += kv_dim) {
      const int64_t s = AttentionScore<Scores>::of(qh, kt, hs);
      if (t == 0 || s > max_score) max_score = s;
      scores[t] = s;
    }
    int64_t sum = 0;
    for (int32_t t = 0; t < n; ++t) {
      const int32_t e = llm_softmax_exp(scores[t] - max_score, diff_min, score_multiplier,
                                             score_shift);
      weights[t] = e;
      sum += e;
    }
    const uint32_t reciprocal = llm_softmax_reciprocal(sum);
    for (int32_t t = 0; t < n; ++t) weights[t] = llm_softmax_probability(weights[t], reciprocal);
    const int8_t* v0 = value_cache + kv_offset;
    for (int32_t i = 0; i < hs; ++i) {
      int32_t acc = 0;
      const int8_t* vt = v0 + i;
      for (int32_t t = 0; t < n; ++t, vt += kv_dim) acc += weights[t] * *vt;
      llm_store(out_type, out, h * hs + i, requantize_s64(acc, out_multiplier, out_shift));
    }
  }
}

template <typename Scores, typename TQ>
void attention_for_query(const LlmAttentionArgs& a, int32_t pos) {
  const auto* q = static_cast<const TQ*>(a.q);
  if (a.k_type == kLlmInt8) {
    attention_heads<Scores>(a, q, static_cast<const int8_t*>(a.key_cache), pos);
  } else {
    attention_heads<Scores>(a, q, static_cast<const int16_t*>(a.key_cache), pos);
  }
}

// ATTENTION with the dot products of `Scores`; the DSP, MVE and NEON variants are this.
template <typename Scores>
void llm_attention_with_scores(const LlmAttentionArgs& args) {
  const int32_t pos = llm_attention_store_kv(args);
  if (args.q_type == kLlmInt8) {
    attention_for_query<Scores, int8_t>(args, pos);
  } else {
    attention_for_query<Scores, int16_t>(args, pos);
  }
}

}  // namespace opt
}  // namespace qrt

#endif  // QRT_OPS_KERNEL_UTIL_LLM_H
