// LLM RMS_NORM, ROPE, ATTENTION, SWIGLU and RESIDUAL_ADD reference kernels against double-precision
// oracles. Each test states its bound in output LSBs (where it comes from is in the comment).
#include <math.h>
#include <string.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt_test.h"
#include "test_llm_common.h"

using llm_test::random_int;

namespace {

int32_t read_out(qrt::LlmType t, const void* p, int32_t i) {
  return t == qrt::kLlmInt8 ? static_cast<const int8_t*>(p)[i] : static_cast<const int16_t*>(p)[i];
}
double type_max(qrt::LlmType t) { return t == qrt::kLlmInt8 ? 127 : 32767; }

}  // namespace

// RMS_NORM: y = w * x / sqrt(mean(x^2) + eps) / out_scale. Errors: 1/sqrt(S) to 2^-29 relative,
// v = x / sqrt(S) rounded to 2^-31, the per-element multiplier to 2^-31 relative, the output
// rounding 1/2 LSB; plus, when |x| >= 2^23, the pre-shift's rounding of x (relative 2^-23).
// Bound: 0.5 LSB + 1e-6 |y| (the relative terms, generously) -> |got - y| <= 0.5 + 1e-6 |y|.
QRT_TEST(llm_rms_norm, matches_double_over_magnitudes_and_signs) {
  uint32_t s = 42;
  const int32_t dim = 48;
  int32_t x[dim], multipliers[dim], shifts[dim];
  double weight[dim];
  int16_t out16[dim];
  int8_t out8[dim];
  const int magnitudes[] = {3, 10, 16, 22, 24, 28, 30};  // |x| up to 2^m: exercises the pre-shift
  for (int mi = 0; mi < 7; ++mi) {
    for (int trial = 0; trial < 20; ++trial) {
      const int32_t limit = static_cast<int32_t>((int64_t{1} << magnitudes[mi]) - 1);
      for (int32_t i = 0; i < dim; ++i) {
        x[i] = random_int(&s, -limit, limit);
        weight[i] = (random_int(&s, -1000, 1000)) / 500.0;  // signed weights in [-2, 2]
      }
      const double in_scale = 1e-5;  // real x = in_scale * q
      const double eps = 1e-5;
      const double eps_term = dim * eps / (in_scale * in_scale);
      for (int t = 0; t < 2; ++t) {
        const qrt::LlmType type = t == 0 ? qrt::kLlmInt8 : qrt::kLlmInt16;
        // Output scale: the largest |y| is at most max|w| * sqrt(dim).
        const double out_scale = 2.0 * sqrt(static_cast<double>(dim)) / type_max(type);
        for (int32_t i = 0; i < dim; ++i) {
          llm_test::to_multiplier(weight[i] * sqrt(static_cast<double>(dim)) / out_scale / 2147483648.0,
                                  &multipliers[i], &shifts[i]);
        }
        qrt::LlmRmsNormArgs a{x, dim, static_cast<uint64_t>(llround(eps_term)), multipliers, shifts, type,
                              t == 0 ? static_cast<void*>(out8) : static_cast<void*>(out16)};
        qrt::llm_rms_norm_ref(a);
        double ms = 0;
        for (int32_t i = 0; i < dim; ++i) ms += static_cast<double>(x[i]) * x[i] * in_scale * in_scale;
        const double inv = 1.0 / sqrt(ms / dim + eps);
        for (int32_t i = 0; i < dim; ++i) {
          const double y = weight[i] * x[i] * in_scale * inv / out_scale;
          const double got = read_out(type, a.output, i);
          QRT_ASSERT(fabs(got - y) <= 0.5 + 1e-6 * fabs(y));
        }
      }
    }
  }
}

QRT_TEST(llm_rms_norm, zero_input_gives_zero) {
  int32_t x[4] = {0, 0, 0, 0}, m[4], sh[4];
  for (int i = 0; i < 4; ++i) llm_test::to_multiplier(1e-6, &m[i], &sh[i]);
  int8_t out[4] = {1, 1, 1, 1};
  qrt::LlmRmsNormArgs a{x, 4, 0, m, sh, qrt::kLlmInt8, out};  // eps term 0: S = 0 is read as 1
  qrt::llm_rms_norm_ref(a);
  for (int i = 0; i < 4; ++i) QRT_EXPECT_EQ(out[i], 0);
}

// ROPE: cos/sin rounded to Q1.14 (error <= 2^-15 each), so a rotated value is off by at most
// (|x0| + |x1|) * 2^-15 in input units, times in/out scale, plus 1/2 LSB of output rounding.
QRT_TEST(llm_rope, matches_double_rotation) {
  const int32_t head_size = 8, heads = 3, count = heads * head_size, positions = 40;
  static int16_t table[positions * head_size];
  for (int32_t p = 0; p < positions; ++p) {
    for (int32_t j = 0; j < head_size / 2; ++j) {
      const double angle = p * pow(10000.0, -2.0 * j / head_size);
      table[(p * head_size / 2 + j) * 2] = static_cast<int16_t>(lround(cos(angle) * 16384));
      table[(p * head_size / 2 + j) * 2 + 1] = static_cast<int16_t>(lround(sin(angle) * 16384));
    }
  }
  uint32_t s = 7;
  int16_t x[count], out16[count];
  int8_t out8[count];
  for (int trial = 0; trial < 200; ++trial) {
    for (int32_t i = 0; i < count; ++i) x[i] = static_cast<int16_t>(random_int(&s, -32767, 32767));
    const int32_t pos = random_int(&s, 0, positions - 1);
    const qrt::LlmType type = trial % 2 == 0 ? qrt::kLlmInt16 : qrt::kLlmInt8;
    const double ratio = type == qrt::kLlmInt16 ? 0.7 : 0.7 / 256;  // in scale / out scale
    int32_t m, sh;
    llm_test::to_multiplier(ratio / 16384.0, &m, &sh);
    qrt::LlmRopeArgs a{qrt::kLlmInt16, x, type, type == qrt::kLlmInt16 ? static_cast<void*>(out16) : static_cast<void*>(out8),
                       count, head_size, pos, table, positions, m, sh};
    qrt::llm_rope_ref(a);
    for (int32_t i = 0; i < count; i += 2) {
      const int32_t j = (i % head_size) / 2;
      const double angle = pos * pow(10000.0, -2.0 * j / head_size);
      const double y0 = (x[i] * cos(angle) - x[i + 1] * sin(angle)) * ratio;
      const double y1 = (x[i] * sin(angle) + x[i + 1] * cos(angle)) * ratio;
      const double bound = 0.5 + (fabs(x[i]) + fabs(x[i + 1])) * ldexp(1.0, -15) * ratio + 1e-6;
      QRT_ASSERT(fabs(read_out(type, a.output, i) - y0) <= bound);
      QRT_ASSERT(fabs(read_out(type, a.output, i + 1) - y1) <= bound);
    }
  }
}

// ATTENTION against softmax attention in double on the dequantized q, k, v. Errors: exp in Q0.31
// (gemmlowp's, about 2^-26 relative), the score conversion to Q5.26 (2^-27 absolute), probabilities
// rounded to 2^-24 each, and 1/2 LSB of output rounding; over 40 positions with |v| <= 127 the
// non-rounding terms stay below 0.05 LSB: bound 0.55 LSB.
QRT_TEST(llm_attention, matches_double_softmax_attention_gqa) {
  const int32_t n_heads = 4, n_kv = 2, hs = 8, kv_len = 40, kv_dim = n_kv * hs, q_dim = n_heads * hs;
  static int16_t key_cache16[kv_len * kv_dim];
  static int8_t key_cache8[kv_len * kv_dim];
  static int8_t value_cache[kv_len * kv_dim];
  static int16_t keys[kv_len][kv_dim];
  static int8_t values[kv_len][kv_dim];
  int64_t scratch[kv_len];
  uint32_t s = 11;
  for (int variant = 0; variant < 2; ++variant) {
    const bool key16 = variant == 0;
    const double q_scale = key16 ? 1.0 / 4096 : 1.0 / 64, k_scale = key16 ? 1.0 / 4096 : 1.0 / 32;
    const double v_scale = 1.0 / 100, out_scale = 1.0 / 90;  // |out| <= 127 * 90 / 100
    const double score_scale = q_scale * k_scale / sqrt(static_cast<double>(hs));
    qrt::LlmAttentionArgs a;
    a.q_type = key16 ? qrt::kLlmInt16 : qrt::kLlmInt8;
    a.k_type = key16 ? qrt::kLlmInt16 : qrt::kLlmInt8;
    a.key_cache = key16 ? static_cast<void*>(key_cache16) : static_cast<void*>(key_cache8);
    a.value_cache = value_cache;
    a.n_heads = n_heads;
    a.n_kv_heads = n_kv;
    a.head_size = hs;
    a.kv_len = kv_len;
    llm_test::to_multiplier(score_scale * 67108864.0, &a.score_multiplier, &a.score_shift);
    a.diff_min = -static_cast<int32_t>(ceil(32.0 / score_scale));
    llm_test::to_multiplier(v_scale / out_scale / 8388608.0, &a.out_multiplier, &a.out_shift);
    a.output_type = qrt::kLlmInt8;
    a.scratch = scratch;
    for (int32_t pos = 0; pos < kv_len; ++pos) {
      int16_t q16[q_dim], k16[kv_dim];
      int8_t q8[q_dim], k8[kv_dim], v8[kv_dim], out[q_dim];
      const int32_t qmax = key16 ? 16000 : 127;
      for (int32_t i = 0; i < q_dim; ++i) {
        q16[i] = static_cast<int16_t>(random_int(&s, -qmax, qmax));
        q8[i] = static_cast<int8_t>(random_int(&s, -127, 127));
      }
      for (int32_t i = 0; i < kv_dim; ++i) {
        k16[i] = static_cast<int16_t>(random_int(&s, -qmax, qmax));
        k8[i] = static_cast<int8_t>(random_int(&s, -127, 127));
        v8[i] = static_cast<int8_t>(random_int(&s, -127, 127));
        keys[pos][i] = key16 ? k16[i] : k8[i];
        values[pos][i] = v8[i];
      }
      a.q = key16 ? static_cast<const void*>(q16) : static_cast<const void*>(q8);
      a.k = key16 ? static_cast<const void*>(k16) : static_cast<const void*>(k8);
      a.v = v8;
      a.position = pos;
      a.output = out;
      qrt::llm_attention_ref(a);
      for (int32_t h = 0; h < n_heads; ++h) {
        const int32_t kvh = h / (n_heads / n_kv);
        double scores[kv_len], max_score = -1e300, sum = 0;
        for (int32_t t = 0; t <= pos; ++t) {
          double dot = 0;
          for (int32_t i = 0; i < hs; ++i) dot += static_cast<double>(key16 ? q16[h * hs + i] : q8[h * hs + i]) * keys[t][kvh * hs + i];
          scores[t] = dot * score_scale;
          if (scores[t] > max_score) max_score = scores[t];
        }
        for (int32_t t = 0; t <= pos; ++t) sum += exp(scores[t] - max_score);
        for (int32_t i = 0; i < hs; ++i) {
          double y = 0;
          for (int32_t t = 0; t <= pos; ++t) y += exp(scores[t] - max_score) / sum * values[t][kvh * hs + i] * v_scale;
          y /= out_scale;
          QRT_ASSERT(fabs(out[h * hs + i] - y) <= 0.55);
        }
      }
    }
  }
}

// SWIGLU: silu(g) * u / out_scale. Errors: the gate in Q4.27 (2^-28 absolute), gemmlowp's logistic
// (about 2^-26 absolute), g*u*l rounded to 1/2 unit of gate scale * up scale, the output rounding
// 1/2 LSB; saturation of the gate at |g| >= 16 changes the logistic by < 1.2e-7. Bound: 0.5 LSB +
// 1e-6 |y| + (the unit rounding, tiny here).
QRT_TEST(llm_swiglu, matches_double_silu_product) {
  uint32_t s = 13;
  const int32_t count = 64;
  int16_t g[count], u[count], out[count];
  for (int trial = 0; trial < 200; ++trial) {
    const double gs = 20.0 / 32767, us = 6.0 / 32767, os = 130.0 / 32767;  // |silu(g) u| < 120
    int32_t gm, gsh, om, osh;
    llm_test::to_multiplier(gs * 134217728.0, &gm, &gsh);
    llm_test::to_multiplier(gs * us / os, &om, &osh);
    for (int32_t i = 0; i < count; ++i) {
      g[i] = static_cast<int16_t>(random_int(&s, -32767, 32767));
      u[i] = static_cast<int16_t>(random_int(&s, -32767, 32767));
    }
    qrt::LlmSwiGluArgs a{qrt::kLlmInt16, g, u, count, gm, gsh, om, osh, qrt::kLlmInt16, out};
    qrt::llm_swiglu_ref(a);
    for (int32_t i = 0; i < count; ++i) {
      const double gr = g[i] * gs;
      const double y = gr / (1.0 + exp(-gr)) * u[i] * us / os;
      const double unit = gs * us / os;  // one unit of the g*u*l rounding, in output LSBs
      QRT_ASSERT(fabs(out[i] - y) <= 0.5 + 0.5 * unit + 1e-6 * fabs(y));
    }
  }
  // int8 in and out, exhaustively over the gate for a few up values.
  int8_t g8[256], u8[256], o8[256];
  const int32_t ups[4] = {-128, -3, 1, 127};
  for (int32_t up : ups) {
    for (int32_t i = 0; i < 256; ++i) {
      g8[i] = static_cast<int8_t>(i - 128);
      u8[i] = static_cast<int8_t>(up);
    }
    const double gs = 8.0 / 127, us = 3.0 / 127, os = 24.0 / 127;
    int32_t gm, gsh, om, osh;
    llm_test::to_multiplier(gs * 134217728.0, &gm, &gsh);
    llm_test::to_multiplier(gs * us / os, &om, &osh);
    qrt::LlmSwiGluArgs a{qrt::kLlmInt8, g8, u8, 256, gm, gsh, om, osh, qrt::kLlmInt8, o8};
    qrt::llm_swiglu_ref(a);
    for (int32_t i = 0; i < 256; ++i) {
      const double gr = g8[i] * gs;
      const double y = llm_test::clamp(gr / (1.0 + exp(-gr)) * u8[i] * us / os, -128, 127);
      QRT_ASSERT(fabs(o8[i] - y) <= 0.5 + 1e-6 * fabs(y) + 0.5 * gs * us / os);
    }
  }
}

QRT_TEST(llm_residual_add, saturating_int32_sum_in_place) {
  int32_t a[4] = {1, -5, INT32_MAX - 1, INT32_MIN + 1};
  const int32_t b[4] = {2, 5, 10, -10};
  qrt::llm_residual_add_s32_ref(a, b, 4, a);
  QRT_EXPECT_EQ(a[0], 3);
  QRT_EXPECT_EQ(a[1], 0);
  QRT_EXPECT_EQ(a[2], INT32_MAX);
  QRT_EXPECT_EQ(a[3], INT32_MIN);
}
