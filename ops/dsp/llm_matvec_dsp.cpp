// MATMUL (matrix-vector) for the Arm DSP extension (Cortex-M4, M7): int8 or int16 input against
// int8 or packed int4 weights, per-channel or group-wise, symmetric or asymmetric (kernels_llm.h).
//
// The input is widened to int16 once per call into scratch, in the order SXTB16 unpacks a weight
// word, so that every SMLAD multiplies two matching pairs:
//  - int8 rows, 4 columns per word (b0, b1, b2, b3): SXTB16 gives (b0, b2), SXTB16 ROR #8 gives
//    (b1, b3); the input block is stored (x0, x2), (x1, x3);
//  - int4 rows, 8 columns per word: (w << 4) & 0xF0F0F0F0 keeps the low nibbles (even columns) and
//    w & 0xF0F0F0F0 the high nibbles (odd columns), each in the top half of its byte, i.e. times
//    16; SXTB16 / SXTB16 ROR #8 of them give columns (0, 4), (2, 6), (1, 5), (3, 7), and the
//    input block is stored in that order. The span's sum is then 16 times the true sum, divided
//    back exactly by an arithmetic shift (|16 q| <= 128, so the bound of kernel_util_llm.h holds).
// Two rows share each input load. Blocks start at the row's first column, so group and span
// starts must fall on blocks: group sizes that are not a multiple of 4 (int8) or 8 (int4) go to
// the reference. Columns after a span's last whole block are summed in scalar code.
#include <string.h>

#include "dsp_simd.h"
#include "qrt/ops/kernel_util_llm.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "scratch_dsp.h"

namespace qrt {
namespace {

using opt::kLlmSpan;


inline int32_t load_word(const void* p) {
  int32_t v;
  memcpy(&v, p, 4);
  return v;
}

// Sums of columns [begin, end) of rows r0 and r1 (int8), begin a multiple of 4. Not inlined: in
// its own function the loop keeps every value in a register (inlined into the row loop, GCC
// spilled the input pairs to the stack).
template <typename TIn>
__attribute__((noinline)) void dot2_s8(const TIn* x, const int32_t* xp, const int8_t* r0, const int8_t* r1, int32_t begin,
             int32_t end, int32_t* s0, int32_t* s1) {
  int32_t a0 = 0, a1 = 0;
  const int32_t blocks = (end - begin) / 4;
  const int32_t* xb = xp + begin / 2;
  const int8_t* p0 = r0 + begin;
  const int8_t* p1 = r1 + begin;
  for (int32_t b = 0; b < blocks; ++b, xb += 2, p0 += 4, p1 += 4) {
    const int32_t x02 = xb[0], x13 = xb[1];
    const int32_t w0 = load_word(p0), w1 = load_word(p1);
    a0 = dsp::smlad(dsp::sxtb16_even(w0), x02, a0);
    a1 = dsp::smlad(dsp::sxtb16_even(w1), x02, a1);
    a0 = dsp::smlad(dsp::sxtb16_odd(w0), x13, a0);
    a1 = dsp::smlad(dsp::sxtb16_odd(w1), x13, a1);
  }
  const int32_t c = begin + blocks * 4;
  *s0 = a0 + opt::llm_dot_tail_s8(x, r0, c, end);
  *s1 = a1 + opt::llm_dot_tail_s8(x, r1, c, end);
}

// The same for int4 rows, begin a multiple of 8.
template <typename TIn>
__attribute__((noinline)) void dot2_s4(const TIn* x, const int32_t* xp, const uint8_t* r0, const uint8_t* r1, int32_t begin,
             int32_t end, int32_t* s0, int32_t* s1) {
  const uint32_t high = 0xF0F0F0F0u;
  int32_t a0 = 0, a1 = 0;
  const int32_t blocks = (end - begin) / 8;
  const int32_t* xb = xp + begin / 2;
  const uint8_t* p0 = r0 + begin / 2;
  const uint8_t* p1 = r1 + begin / 2;
  for (int32_t b = 0; b < blocks; ++b, xb += 4, p0 += 4, p1 += 4) {
    const uint32_t w0 = static_cast<uint32_t>(load_word(p0));
    const uint32_t w1 = static_cast<uint32_t>(load_word(p1));
    const int32_t lo0 = static_cast<int32_t>((w0 << 4) & high), hi0 = static_cast<int32_t>(w0 & high);
    const int32_t lo1 = static_cast<int32_t>((w1 << 4) & high), hi1 = static_cast<int32_t>(w1 & high);
    a0 = dsp::smlad(dsp::sxtb16_even(lo0), xb[0], a0);
    a1 = dsp::smlad(dsp::sxtb16_even(lo1), xb[0], a1);
    a0 = dsp::smlad(dsp::sxtb16_odd(lo0), xb[1], a0);
    a1 = dsp::smlad(dsp::sxtb16_odd(lo1), xb[1], a1);
    a0 = dsp::smlad(dsp::sxtb16_even(hi0), xb[2], a0);
    a1 = dsp::smlad(dsp::sxtb16_even(hi1), xb[2], a1);
    a0 = dsp::smlad(dsp::sxtb16_odd(hi0), xb[3], a0);
    a1 = dsp::smlad(dsp::sxtb16_odd(hi1), xb[3], a1);
  }
  const int32_t c = begin + blocks * 8;
  // a = 16 * sum exactly: the arithmetic shift divides back without rounding.
  *s0 = (a0 >> 4) + opt::llm_dot_tail_s4(x, r0, c, end);
  *s1 = (a1 >> 4) + opt::llm_dot_tail_s4(x, r1, c, end);
}

template <typename TIn>
void matvec(const LlmMatVecArgs& a, const TIn* x) {
  const LlmWeights& w = a.weights;
  const opt::LlmGroups g = opt::llm_groups(w);
  const int32_t cols = w.cols, rows = w.rows, bits = w.bits;
  int16_t* xw = reinterpret_cast<int16_t*>(a.scratch);
  int64_t* sums = reinterpret_cast<int64_t*>(a.scratch) + dsp::matvec_padded_columns(cols) / 4;
  // Position of column j inside its block: int8 blocks (0, 2, 1, 3), int4 (0, 4, 2, 6, 1, 5, 3, 7).
  static const uint8_t kSlot4[4] = {0, 2, 1, 3};
  static const uint8_t kSlot8[8] = {0, 4, 2, 6, 1, 5, 3, 7};
  if (bits == 8) {
    for (int32_t c = 0; c < cols; ++c) xw[(c & ~3) + kSlot4[c & 3]] = static_cast<int16_t>(x[c]);
  } else {
    for (int32_t c = 0; c < cols; ++c) xw[(c & ~7) + kSlot8[c & 7]] = static_cast<int16_t>(x[c]);
  }
  const int32_t* xp = reinterpret_cast<const int32_t*>(xw);
  if (w.zero_points != nullptr) opt::llm_group_input_sums(x, g, cols, sums);
  for (int32_t r = 0; r < rows; r += 2) {
    const int32_t r1 = r + 1 < rows ? r + 1 : r;  // an odd last row is computed twice, stored once
    const uint8_t* row0 = w.data + static_cast<int64_t>(r) * g.row_bytes;
    const uint8_t* row1 = w.data + static_cast<int64_t>(r1) * g.row_bytes;
    int64_t total0 = 0, total1 = 0;
    for (int32_t k = 0; k < g.count; ++k) {
      const int32_t end = opt::llm_group_end(g, cols, k);
      int64_t dot0 = 0, dot1 = 0;
      for (int32_t c = k * g.size; c < end; c += kLlmSpan) {
        const int32_t e = end - c < kLlmSpan ? end : c + kLlmSpan;
        int32_t s0, s1;
        if (bits == 8) {
          dot2_s8(x, xp, reinterpret_cast<const int8_t*>(row0), reinterpret_cast<const int8_t*>(row1),
                  c, e, &s0, &s1);
        } else {
          dot2_s4(x, xp, row0, row1, c, e, &s0, &s1);
        }
        dot0 += s0;
        dot1 += s1;
      }
      total0 += opt::llm_group_term(w, g.count, r, k, dot0, sums);
      total1 += opt::llm_group_term(w, g.count, r1, k, dot1, sums);
    }
    opt::llm_store_row(a, r, total0);
    if (r1 != r) opt::llm_store_row(a, r1, total1);
  }
}

}  // namespace

void llm_matvec_dsp(const LlmMatVecArgs& args) {
  if (args.weights.group_size % (args.weights.bits == 4 ? 8 : 4) != 0) {
    llm_matvec_ref(args);  // groups that do not start on whole blocks
    return;
  }
  if (args.input_type == kLlmInt8) {
    matvec(args, static_cast<const int8_t*>(args.input));
  } else {
    matvec(args, static_cast<const int16_t*>(args.input));
  }
}

}  // namespace qrt
