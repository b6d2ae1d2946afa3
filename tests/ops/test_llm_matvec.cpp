// LLM MATMUL (llm_matvec_ref) and EMBEDDING against double-precision oracles: int8 and packed
// int4 weights, per-channel and group-wise with a partial last group, symmetric and asymmetric,
// int8 and int16 inputs, int8 / int16 / int32 outputs.
//
// Bounds. The kernel's integer semantics are emulated exactly in double (every intermediate is an
// integer below 2^53), so results must be equal. Against the real-valued product with the
// dequantized weights, the extra errors are the output rounding (1/2 LSB) and, group-wise, the
// group sum's rounding to whole row units * 2^15 (at most 1/2 of that unit, i.e. M / 2 LSB for the
// row's multiplier M): |got - exact| <= 1/2 + M/2 (group-wise) + 1e-9 |exact|.
#include <math.h>
#include <string.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt/quant/int4.h"
#include "qrt_test.h"
#include "test_llm_common.h"

namespace {

using llm_test::random_int;

constexpr int32_t kMaxRows = 24, kMaxCols = 80;

struct Case {
  int32_t bits, rows, cols, group_size;
  bool asymmetric;
  qrt::LlmType in_type, out_type;
};

struct Weights {
  int8_t q[kMaxRows * kMaxCols];  // unpacked values
  uint8_t packed[kMaxRows * kMaxCols];
  int16_t m[kMaxRows * kMaxCols];
  int8_t z[kMaxRows * kMaxCols];
  int32_t multipliers[kMaxRows];
  int32_t shifts[kMaxRows];
  double row_unit[kMaxRows];
};

int32_t groups_of(const Case& c) { return c.group_size == 0 ? 1 : (c.cols + c.group_size - 1) / c.group_size; }

// Random weights, side tables and (real) row scales; multipliers for in_scale -> out_scale.
void make_weights(const Case& c, uint32_t* s, double in_scale, double out_scale, Weights* w) {
  const int32_t qmin = c.bits == 8 ? -128 : -8, qmax = c.bits == 8 ? 127 : 7;
  const int32_t groups = groups_of(c);
  for (int32_t r = 0; r < c.rows; ++r) {
    for (int32_t i = 0; i < c.cols; ++i) w->q[r * c.cols + i] = static_cast<int8_t>(random_int(s, qmin, qmax));
    for (int32_t g = 0; g < groups; ++g) {
      w->m[r * groups + g] = static_cast<int16_t>(random_int(s, 1, 32767));
      w->z[r * groups + g] = c.asymmetric ? static_cast<int8_t>(random_int(s, qmin, qmax)) : 0;
    }
    w->row_unit[r] = (1 + r % 5) * 1e-6;
    const double weight_scale = c.group_size == 0 ? w->row_unit[r] * 32767 : w->row_unit[r] * 32768;
    llm_test::to_multiplier(in_scale * weight_scale / out_scale, &w->multipliers[r], &w->shifts[r]);
  }
  if (c.bits == 4) {
    const int32_t rb = qrt::int4_row_bytes(c.cols);
    memset(w->packed, 0, sizeof w->packed);
    for (int32_t r = 0; r < c.rows; ++r) {
      for (int32_t i = 0; i < c.cols; i += 2) {
        const int32_t hi = i + 1 < c.cols ? w->q[r * c.cols + i + 1] : 0;
        w->packed[r * rb + i / 2] = qrt::int4_pack_pair(w->q[r * c.cols + i], hi);
      }
    }
  } else {
    memcpy(w->packed, w->q, sizeof w->q);
  }
}

qrt::LlmWeights view(const Case& c, const Weights& w) {
  qrt::LlmWeights v;
  v.data = w.packed;
  v.bits = c.bits;
  v.rows = c.rows;
  v.cols = c.cols;
  v.group_size = c.group_size;
  v.group_multipliers = c.group_size != 0 ? w.m : nullptr;
  v.zero_points = c.asymmetric ? w.z : nullptr;
  v.multipliers = w.multipliers;
  v.shifts = w.shifts;
  return v;
}

double type_min(qrt::LlmType t) { return t == qrt::kLlmInt8 ? -128 : (t == qrt::kLlmInt16 ? -32768 : -2147483648.0); }
double type_max(qrt::LlmType t) { return t == qrt::kLlmInt8 ? 127 : (t == qrt::kLlmInt16 ? 32767 : 2147483647.0); }

int32_t read_out(qrt::LlmType t, const void* p, int32_t i) {
  if (t == qrt::kLlmInt8) return static_cast<const int8_t*>(p)[i];
  if (t == qrt::kLlmInt16) return static_cast<const int16_t*>(p)[i];
  return static_cast<const int32_t*>(p)[i];
}

void run_case(qrt_test::Context* qrt_test_ctx, const Case& c, uint32_t seed) {
  static Weights w;
  uint32_t s = seed;
  const int32_t in_max = c.in_type == qrt::kLlmInt8 ? 127 : 32767;
  const double in_scale = 1.0 / in_max;
  // Output scale so that typical results use most of the output range without saturating.
  const double out_scale = c.out_type == qrt::kLlmInt32 ? 1e-7 : (c.out_type == qrt::kLlmInt16 ? 2e-5 : 3e-3);
  make_weights(c, &s, in_scale, out_scale, &w);
  int16_t x16[kMaxCols];
  int8_t x8[kMaxCols];
  for (int32_t i = 0; i < c.cols; ++i) {
    x16[i] = static_cast<int16_t>(random_int(&s, -in_max, in_max));
    x8[i] = static_cast<int8_t>(x16[i] > 127 ? 127 : (x16[i] < -128 ? -128 : x16[i]));
  }
  int32_t out[kMaxRows];
  int64_t scratch[kMaxCols];
  qrt::LlmMatVecArgs a;
  a.weights = view(c, w);
  a.input_type = c.in_type;
  a.input = c.in_type == qrt::kLlmInt8 ? static_cast<const void*>(x8) : static_cast<const void*>(x16);
  a.output_type = c.out_type;
  a.output = out;
  a.scratch = scratch;
  qrt::llm_matvec_ref(a);
  const int32_t groups = groups_of(c);
  const int32_t gs = c.group_size == 0 ? c.cols : c.group_size;
  for (int32_t r = 0; r < c.rows; ++r) {
    double total = 0, real = 0;
    for (int32_t g = 0; g < groups; ++g) {
      double acc = 0;
      for (int32_t i = g * gs; i < c.cols && i < (g + 1) * gs; ++i) {
        const double x = c.in_type == qrt::kLlmInt8 ? x8[i] : x16[i];
        const double q = w.q[r * c.cols + i] - w.z[r * groups + g];
        acc += x * q;
        const double wscale = c.group_size == 0 ? w.row_unit[r] * 32767 : w.row_unit[r] * w.m[r * groups + g];
        real += x * in_scale * q * wscale;
      }
      total += c.group_size == 0 ? acc : acc * w.m[r * groups + g];
    }
    if (c.group_size != 0) total = llm_test::round_half_away(total / 32768.0);
    const double m = llm_test::multiplier_value(w.multipliers[r], w.shifts[r]);
    const double expected = llm_test::clamp(llm_test::round_half_away(total * m), type_min(c.out_type), type_max(c.out_type));
    const int32_t got = read_out(c.out_type, out, r);
    QRT_ASSERT_EQ(got, static_cast<int64_t>(expected));
    // Real-valued oracle (where not saturated), with the bound stated at the top.
    const double ideal = real / out_scale;
    const double bound = 0.5 + (c.group_size != 0 ? 0.5 * m : 0.0) + fabs(ideal) * 1e-9;
    if (ideal > type_min(c.out_type) + 1 && ideal < type_max(c.out_type) - 1) {
      QRT_ASSERT(fabs(got - ideal) <= bound);
    }
  }
}

}  // namespace

QRT_TEST(llm_matvec, int8_per_channel_symmetric) {
  run_case(qrt_test_ctx, Case{8, 16, 64, 0, false, qrt::kLlmInt8, qrt::kLlmInt8}, 1);
  run_case(qrt_test_ctx, Case{8, 16, 64, 0, false, qrt::kLlmInt8, qrt::kLlmInt16}, 2);
  run_case(qrt_test_ctx, Case{8, 16, 64, 0, false, qrt::kLlmInt8, qrt::kLlmInt32}, 3);
}

QRT_TEST(llm_matvec, int8_groups_with_partial_last_group) {
  // 43 columns in groups of 8: five full groups and one of 3.
  run_case(qrt_test_ctx, Case{8, 12, 43, 8, false, qrt::kLlmInt8, qrt::kLlmInt16}, 4);
  run_case(qrt_test_ctx, Case{8, 12, 43, 8, true, qrt::kLlmInt16, qrt::kLlmInt32}, 5);
  run_case(qrt_test_ctx, Case{8, 12, 43, 32, true, qrt::kLlmInt8, qrt::kLlmInt8}, 6);
}

QRT_TEST(llm_matvec, int4_packed_odd_columns_and_groups) {
  run_case(qrt_test_ctx, Case{4, 9, 37, 0, false, qrt::kLlmInt8, qrt::kLlmInt16}, 7);
  run_case(qrt_test_ctx, Case{4, 9, 37, 0, true, qrt::kLlmInt16, qrt::kLlmInt32}, 8);
  run_case(qrt_test_ctx, Case{4, 9, 37, 8, false, qrt::kLlmInt8, qrt::kLlmInt8}, 9);
  // An odd group size makes groups start on odd columns (high nibbles).
  run_case(qrt_test_ctx, Case{4, 9, 37, 5, true, qrt::kLlmInt16, qrt::kLlmInt16}, 10);
  run_case(qrt_test_ctx, Case{4, 20, 80, 32, true, qrt::kLlmInt8, qrt::kLlmInt16}, 11);
}

QRT_TEST(llm_matvec, saturates_to_the_output_type) {
  // All-max inputs and weights with a large multiplier: int8 output saturates at 127.
  int8_t x[4] = {127, 127, 127, 127};
  int8_t w[8] = {127, 127, 127, 127, -128, -128, -128, -128};
  int32_t m[2], sh[2];
  llm_test::to_multiplier(1.0, &m[0], &sh[0]);
  m[1] = m[0];
  sh[1] = sh[0];
  qrt::LlmWeights v{reinterpret_cast<const uint8_t*>(w), 8, 2, 4, 0, nullptr, nullptr, m, sh};
  int8_t out[2];
  qrt::LlmMatVecArgs a{v, qrt::kLlmInt8, x, qrt::kLlmInt8, out, nullptr};
  qrt::llm_matvec_ref(a);
  QRT_EXPECT_EQ(out[0], 127);
  QRT_EXPECT_EQ(out[1], -128);
}

QRT_TEST(llm_embedding, rows_dequantized_into_the_output_scale) {
  static Weights w;
  for (int variant = 0; variant < 4; ++variant) {
    const Case c{variant < 2 ? 8 : 4, 10, 23, variant % 2 == 0 ? 0 : 8, variant >= 1, qrt::kLlmInt8, qrt::kLlmInt32};
    uint32_t s = 100 + static_cast<uint32_t>(variant);
    const double out_scale = 1e-6;
    // Embedding multipliers: row scale (per-channel) or row unit (group-wise) / output scale.
    make_weights(c, &s, 1.0, 1.0, &w);
    const int32_t groups = groups_of(c);
    for (int32_t r = 0; r < c.rows; ++r) {
      const double sc = c.group_size == 0 ? w.row_unit[r] * 32767 : w.row_unit[r];
      llm_test::to_multiplier(sc / out_scale, &w.multipliers[r], &w.shifts[r]);
    }
    for (int32_t token = -1; token <= c.rows; ++token) {
      int32_t out[kMaxCols];
      qrt::LlmEmbeddingArgs a{view(c, w), token, qrt::kLlmInt32, out};
      qrt::llm_embedding_ref(a);
      for (int32_t i = 0; i < c.cols; ++i) {
        if (token < 0 || token >= c.rows) {
          QRT_ASSERT_EQ(out[i], 0);  // out-of-range ids give a zero vector
          continue;
        }
        const int32_t g = c.group_size == 0 ? 0 : i / c.group_size;
        const double q = w.q[token * c.cols + i] - w.z[token * groups + g];
        const double real = c.group_size == 0 ? q * w.row_unit[token] * 32767
                                              : q * w.row_unit[token] * w.m[token * groups + g];
        const double mult = llm_test::multiplier_value(w.multipliers[token], w.shifts[token]);
        const double exact = c.group_size == 0 ? q * mult : q * w.m[token * groups + g] * mult;
        QRT_ASSERT_EQ(out[i], static_cast<int64_t>(llm_test::round_half_away(exact)));
        QRT_ASSERT(fabs(out[i] - real / out_scale) <= 0.5 + fabs(real / out_scale) * 1e-9);
      }
    }
  }
}
