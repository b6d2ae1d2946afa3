// MATMUL (matrix-vector) reference: int8/int16 activations x int8/int4 weights, per-channel or
// group-wise, symmetric or asymmetric (kernels_llm.h states the arithmetic).
#include "llm_common.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/fixedpoint_llm.h"
#include "qrt/quant/int4.h"

namespace qrt {
namespace {

// Partial sums run in int32 over at most this many products: |x * q| <= 2^15 * 2^7, so 256 of
// them stay below 2^31; the chunks are added in int64. (Any even length works for the int4 pairs.)
constexpr int32_t kChunk = 256;

template <typename TIn>
int64_t dot_s8(const TIn* x, const int8_t* w, int32_t begin, int32_t end) {
  int64_t total = 0;
  for (int32_t c0 = begin; c0 < end; c0 += kChunk) {
    const int32_t c1 = end - c0 < kChunk ? end : c0 + kChunk;
    int32_t acc = 0;
    for (int32_t c = c0; c < c1; ++c) acc += static_cast<int32_t>(x[c]) * static_cast<int32_t>(w[c]);
    total += acc;
  }
  return total;
}

// Packed int4 row: values 2j and 2j+1 in the low and high nibbles of byte j.
template <typename TIn>
int64_t dot_int4(const TIn* x, const uint8_t* row, int32_t begin, int32_t end) {
  int64_t total = 0;
  int32_t c = begin;
  if ((c & 1) != 0 && c < end) {  // a group starting on an odd column (odd group sizes)
    total += static_cast<int32_t>(x[c]) * int4_get(row, c);
    ++c;
  }
  while (c < end) {
    const int32_t c1 = end - c < kChunk ? end : c + kChunk;
    int32_t acc = 0;
    for (; c + 1 < c1; c += 2) {
      const uint32_t b = row[c >> 1];
      acc += static_cast<int32_t>(x[c]) * int4_sign_extend(b) +
             static_cast<int32_t>(x[c + 1]) * int4_sign_extend(b >> kInt4HighNibbleShift);
    }
    if (c < c1) {  // odd end
      acc += static_cast<int32_t>(x[c]) * int4_get(row, c);
      ++c;
    }
    total += acc;
  }
  return total;
}

template <typename TIn>
int64_t sum_range(const TIn* x, int32_t begin, int32_t end) {
  int64_t total = 0;
  for (int32_t c = begin; c < end; ++c) total += x[c];
  return total;
}

template <typename TIn>
void matvec(const LlmMatVecArgs& a, const TIn* x) {
  const LlmWeights& w = a.weights;
  const int32_t groups = llm_groups_per_row(w);
  const int32_t group_size = w.group_size == 0 ? w.cols : w.group_size;
  const int32_t row_bytes = w.bits == 4 ? int4_row_bytes(w.cols) : w.cols;
  if (w.zero_points != nullptr) {
    for (int32_t g = 0; g < groups; ++g) {
      const int32_t begin = g * group_size;
      const int32_t end = w.cols - begin < group_size ? w.cols : begin + group_size;
      a.scratch[g] = sum_range(x, begin, end);
    }
  }
  for (int32_t r = 0; r < w.rows; ++r) {
    const uint8_t* row = w.data + static_cast<int64_t>(r) * row_bytes;
    int64_t total = 0;
    for (int32_t g = 0; g < groups; ++g) {
      const int32_t begin = g * group_size;
      const int32_t end = w.cols - begin < group_size ? w.cols : begin + group_size;
      int64_t s = w.bits == 4 ? dot_int4(x, row, begin, end)
                              : dot_s8(x, reinterpret_cast<const int8_t*>(row), begin, end);
      if (w.zero_points != nullptr) s -= w.zero_points[r * groups + g] * a.scratch[g];
      if (w.group_size != 0) s *= w.group_multipliers[r * groups + g];
      total += s;
    }
    // Group-wise sums carry the Q15 group multipliers: drop them with one rounding.
    if (w.group_size != 0) total = rounding_shift_right_s64(total, 15);
    const int32_t v = requantize_s64(clamp_s64_magnitude(total, 32), w.multipliers[r], w.shifts[r]);
    llm::store_saturated(a.output_type, a.output, r, v);
  }
}

}  // namespace

void llm_matvec_ref(const LlmMatVecArgs& args) {
  if (args.input_type == kLlmInt8) {
    matvec(args, static_cast<const int8_t*>(args.input));
  } else {
    matvec(args, static_cast<const int16_t*>(args.input));
  }
}

}  // namespace qrt
