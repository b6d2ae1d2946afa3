// pad_s8_ref, mean_s8_ref and concatenation_ref: hand-computed cases and exact / double oracles
// on random shapes.
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "ref_test_util.h"

using qrt_test_util::Multiplier;
using qrt_test_util::Rng;

namespace {

qrt::MeanParams mean_params(uint32_t axis_mask, double scale_ratio, int32_t zi, int32_t zo) {
  const Multiplier m = qrt_test_util::to_multiplier(scale_ratio);
  qrt::MeanParams p{};
  p.axis_mask = axis_mask;
  p.keep_dims = 1;
  p.input_zero_point = zi;
  p.output_zero_point = zo;
  p.multiplier = m.multiplier;
  p.shift = m.shift;
  return p;
}

}  // namespace

QRT_TEST(pad_s8, hand_computed) {
  qrt::PadParams p{};
  p.before[1] = 1;
  p.after[1] = 0;
  p.before[2] = 1;
  p.after[2] = 2;
  p.before[3] = 0;
  p.after[3] = 1;
  p.pad_value = -7;
  const int8_t in[] = {1, 2, 3, 4};  // [1, 2, 1, 2]
  int8_t out[3 * 4 * 3];             // [1, 3, 4, 3]
  qrt::pad_s8_ref(p, {1, 2, 1, 2}, in, {1, 3, 4, 3}, out);
  const int8_t expected[] = {
      -7, -7, -7, -7, -7, -7, -7, -7, -7, -7, -7, -7,  // padded row
      -7, -7, -7, 1, 2, -7, -7, -7, -7, -7, -7, -7,    // row 0: column 1 holds (1, 2)
      -7, -7, -7, 3, 4, -7, -7, -7, -7, -7, -7, -7,    // row 1
  };
  for (int i = 0; i < 36; ++i) QRT_EXPECT_EQ(out[i], expected[i]);
}

QRT_TEST(pad_s8, random_shapes_match_exact_oracle) {
  Rng rng{12};
  int8_t in[2 * 3 * 3 * 3];
  int8_t out[5 * 7 * 7 * 7];
  for (int iter = 0; iter < 200; ++iter) {
    const qrt::Shape4 is = {rng.uniform(1, 2), rng.uniform(1, 3), rng.uniform(1, 3), rng.uniform(1, 3)};
    qrt::PadParams p{};
    const int32_t dims[4] = {is.n, is.h, is.w, is.c};
    int32_t od[4];
    for (int d = 0; d < 4; ++d) {
      p.before[d] = rng.uniform(0, d == 0 ? 1 : 2);
      p.after[d] = rng.uniform(0, 2);
      od[d] = dims[d] + p.before[d] + p.after[d];
    }
    p.pad_value = rng.uniform(-128, 127);
    const qrt::Shape4 os = {od[0], od[1], od[2], od[3]};
    for (int32_t i = 0; i < is.n * is.h * is.w * is.c; ++i) in[i] = rng.s8();
    qrt::pad_s8_ref(p, is, in, os, out);
    int32_t idx = 0;
    for (int32_t b = 0; b < os.n; ++b)
      for (int32_t y = 0; y < os.h; ++y)
        for (int32_t x = 0; x < os.w; ++x)
          for (int32_t c = 0; c < os.c; ++c, ++idx) {
            const int32_t ib = b - p.before[0], iy = y - p.before[1], ix = x - p.before[2],
                          ic = c - p.before[3];
            const bool inside = ib >= 0 && ib < is.n && iy >= 0 && iy < is.h && ix >= 0 &&
                                ix < is.w && ic >= 0 && ic < is.c;
            const int32_t want = inside ? in[((ib * is.h + iy) * is.w + ix) * is.c + ic] : p.pad_value;
            QRT_ASSERT_EQ(out[idx], want);
          }
  }
}

QRT_TEST(mean_s8, same_quantization_rounds_like_tflm) {
  // Same scale and zero point: TFLM still goes through QuantizedMeanOrSum. (2^30, shift 1) with
  // 1/4 folded in: (2^30 << 2) / 4 = 2^30, shift -1, i.e. 0.25 with TFLite's double rounding.
  const qrt::MeanParams p = mean_params(0x6u /* h, w */, 1.0, 3, 3);
  QRT_EXPECT_EQ(p.multiplier, 1 << 30);
  QRT_EXPECT_EQ(p.shift, 1);
  const int8_t in[] = {1, -1, 2, -2, 3, -3, 5, -5};  // [1, 2, 2, 2]: channel 0 and 1
  int8_t out[2];
  qrt::mean_s8_ref(p, {1, 2, 2, 2}, in, {1, 1, 1, 2}, out);
  // Channel 0: sum 11, shifted 11 - 3 * 4 = -1; SRDHM(-1, 2^30) = trunc((-2^30 + 1 - 2^30) /
  // 2^31) = 0, RDBPOT(0, 1) = 0, + 3 = 3 (the real mean 2.75; truncation gave 2).
  QRT_EXPECT_EQ(out[0], 3);
  // Channel 1: sum -11, shifted -23; SRDHM = trunc((-23 * 2^30 + 1 - 2^30) / 2^31) = -11,
  // RDBPOT(-11, 1) = -6 (remainder 1 not above threshold 1), + 3 = -3 (real -2.75).
  QRT_EXPECT_EQ(out[1], -3);
}

QRT_TEST(mean_s8, count_not_a_power_of_two) {
  // Over 3 values with ratio 1.0, zero points 0: s = 1, multiplier (2^31) / 3 = 715827882,
  // shift 0. {1, 1, 2}: sum 4, SRDHM = (4 * 715827882 + 2^30) >> 31 = 1. {2, 2, 1}: sum 5,
  // (5 * 715827882 + 2^30) >> 31 = 2 (the mean 1.67 rounds up; truncation gave 1).
  const qrt::MeanParams p = mean_params(0x8u /* c */, 1.0, 0, 0);
  const int8_t a[] = {1, 1, 2}, b[] = {2, 2, 1}, c[] = {-2, -2, -1};
  int8_t out[1];
  qrt::mean_s8_ref(p, {1, 1, 1, 3}, a, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], 1);
  qrt::mean_s8_ref(p, {1, 1, 1, 3}, b, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], 2);
  // {-2, -2, -1}: sum -5, ab = -3579139410, nudge 1 - 2^30: trunc(-4652881233 / 2^31) = -2.
  qrt::mean_s8_ref(p, {1, 1, 1, 3}, c, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], -2);
}

QRT_TEST(mean_s8, requantizing_path_hand_computed) {
  // Input scale / output scale 0.5, zero points 0: 1/4 folded into the multiplier as
  // (2^30 << 2) / 4 with shift 0 - 2. 11 * 0.125 = 1.375 -> round(5.5) = 6 -> round(6 / 4) = 2
  // (TFLite's double rounding).
  const qrt::MeanParams p = mean_params(0x6u, 0.5, 0, 0);
  const int8_t in[] = {1, -1, 2, -2, 3, -3, 5, -5};
  int8_t out[2];
  qrt::mean_s8_ref(p, {1, 2, 2, 2}, in, {1, 1, 1, 2}, out);
  QRT_EXPECT_EQ(out[0], 2);
  QRT_EXPECT_EQ(out[1], -1);  // -1.375: round(-5.5) = -5 (ties up), round(-5 / 4) = -1
  // Zero points: input zp 10 removed per element, output zp -20 added.
  const qrt::MeanParams q = mean_params(0x8u /* c */, 1.5, 10, -20);
  const int8_t v[] = {20, 30, 40};  // (10 + 20 + 30) / 3 * 1.5 = 30, - 20
  qrt::mean_s8_ref(q, {1, 1, 1, 3}, v, {1, 1, 1, 1}, out);
  QRT_EXPECT_EQ(out[0], 10);
}

QRT_TEST(mean_s8, random_axes_against_oracles) {
  Rng rng{3141};
  int8_t in[3 * 4 * 4 * 5];
  int8_t out[3 * 4 * 4 * 5];
  for (int iter = 0; iter < 300; ++iter) {
    const qrt::Shape4 is = {rng.uniform(1, 3), rng.uniform(1, 4), rng.uniform(1, 4), rng.uniform(1, 5)};
    const uint32_t mask = static_cast<uint32_t>(rng.uniform(1, 15));
    const bool same = (iter % 3) == 0;
    const int32_t zi = rng.uniform(-128, 127);
    const int32_t zo = same ? zi : rng.uniform(-128, 127);
    const double ratio = same ? 1.0 : rng.real(0.2, 3.0);
    const qrt::MeanParams p = mean_params(mask, ratio, zi, zo);
    for (int32_t i = 0; i < is.n * is.h * is.w * is.c; ++i) in[i] = rng.s8();
    const int32_t dims[4] = {is.n, is.h, is.w, is.c};
    int32_t kept[4];
    int32_t count = 1;
    for (int d = 0; d < 4; ++d) {
      kept[d] = ((mask >> d) & 1u) ? 1 : dims[d];
      if ((mask >> d) & 1u) count *= dims[d];
    }
    qrt::mean_s8_ref(p, is, in, {kept[0], kept[1], kept[2], kept[3]}, out);
    int32_t idx = 0;
    for (int32_t a = 0; a < kept[0]; ++a)
      for (int32_t b = 0; b < kept[1]; ++b)
        for (int32_t c = 0; c < kept[2]; ++c)
          for (int32_t d = 0; d < kept[3]; ++d, ++idx) {
            int32_t sum = 0;
            for (int32_t i = 0; i < is.n * is.h * is.w * is.c; ++i) {
              const int32_t ci = i % is.c, wi = (i / is.c) % is.w, hi = (i / (is.c * is.w)) % is.h,
                            ni = i / (is.c * is.w * is.h);
              if ((kept[0] == 1 || ni == a) && (kept[1] == 1 || hi == b) && (kept[2] == 1 || wi == c) &&
                  (kept[3] == 1 || ci == d)) {
                sum += in[i];
              }
            }
            const double want = (static_cast<double>(sum) / count - zi) * ratio + zo;
            QRT_ASSERT(qrt_test_util::within_one(out[idx], want, -128, 127));
          }
  }
}

QRT_TEST(concatenation, interleaves_inputs_along_axis) {
  // Three tensors [2, 1], [2, 2], [2, 3] concatenated along the last axis -> [2, 6].
  const int8_t a[] = {1, 2};
  const int8_t b[] = {10, 11, 20, 21};
  const int8_t c[] = {-1, -2, -3, -4, -5, -6};
  const void* inputs[] = {a, b, c};
  const int32_t inner[] = {1, 2, 3};
  int8_t out[12];
  memset(out, 0, sizeof(out));
  qrt::concatenation_ref(3, inputs, inner, 2, out);
  const int8_t expected[] = {1, 10, 11, -1, -2, -3, 2, 20, 21, -4, -5, -6};
  for (int i = 0; i < 12; ++i) QRT_EXPECT_EQ(out[i], expected[i]);
  // Byte-wise: float32 tensors concatenated along axis 0 (outer 1) are a plain append.
  const float f1[] = {1.5f, -2.0f};
  const float f2[] = {3.25f};
  const void* finputs[] = {f1, f2};
  const int32_t finner[] = {8, 4};
  float fout[3];
  qrt::concatenation_ref(2, finputs, finner, 1, fout);
  QRT_EXPECT(fout[0] == 1.5f && fout[1] == -2.0f && fout[2] == 3.25f);
}

// int16 PAD (16x8 models): the same placement with a value outside the int8 range.
QRT_TEST(pad_s16, hand_computed) {
  qrt::PadParams p{};
  p.before[3] = 1;
  p.after[3] = 2;
  p.pad_value = -1000;
  const int16_t in[] = {30000, -30000};  // [1, 1, 1, 2]
  int16_t out[5];                        // [1, 1, 1, 5]
  qrt::pad_s16_ref(p, {1, 1, 1, 2}, in, {1, 1, 1, 5}, out);
  const int16_t expected[] = {-1000, 30000, -30000, -1000, -1000};
  for (int i = 0; i < 5; ++i) QRT_EXPECT_EQ(out[i], expected[i]);
}

// STRIDED_SLICE on a [2, 3, 4] tensor holding 0..23 (element (a, b, c) = 12a + 4b + c), read
// backwards on every axis: start (1, 2, 3), strides (-1, -2, -1), counts (2, 2, 2), for each
// element size.
QRT_TEST(strided_slice_ref, backwards_on_every_axis_for_each_element_size) {
  qrt::StridedSliceParams p{};
  p.rank = 3;
  const int32_t start[3] = {1, 2, 3}, stride[3] = {-1, -2, -1}, count[3] = {2, 2, 2};
  for (int a = 0; a < 3; ++a) {
    p.start[a] = start[a];
    p.stride[a] = stride[a];
    p.count[a] = count[a];
  }
  const int32_t dims[3] = {2, 3, 4};
  const int32_t expected[8] = {23, 22, 15, 14, 11, 10, 3, 2};
  int8_t in8[24], out8[8];
  int16_t in16[24], out16[8];
  float in32[24], out32[8];
  for (int i = 0; i < 24; ++i) {
    in8[i] = static_cast<int8_t>(i);
    in16[i] = static_cast<int16_t>(i * 1000);
    in32[i] = static_cast<float>(i) + 0.5f;
  }
  qrt::strided_slice_ref(p, dims, 1, in8, out8);
  qrt::strided_slice_ref(p, dims, 2, in16, out16);
  qrt::strided_slice_ref(p, dims, 4, in32, out32);
  for (int i = 0; i < 8; ++i) {
    QRT_EXPECT_EQ(out8[i], expected[i]);
    QRT_EXPECT_EQ(out16[i], expected[i] * 1000);
    QRT_EXPECT_FLOAT_EQ(out32[i], static_cast<float>(expected[i]) + 0.5f);
  }
  // A rank-5 slice taking every second element of the last axis.
  qrt::StridedSliceParams q{};
  q.rank = 5;
  const int32_t dims5[5] = {1, 1, 1, 2, 5};
  for (int a = 0; a < 5; ++a) {
    q.stride[a] = 1;
    q.count[a] = dims5[a];
  }
  q.stride[4] = 2;
  q.count[4] = 3;
  int16_t out5[6];
  qrt::strided_slice_ref(q, dims5, 2, in16, out5);
  const int16_t expected5[6] = {0, 2000, 4000, 5000, 7000, 9000};
  for (int i = 0; i < 6; ++i) QRT_EXPECT_EQ(out5[i], expected5[i]);
}

// TRANSPOSE of the [2, 3, 4] tensor whose element (a, b, c) is 12a + 4b + c by perm (2, 0, 1):
// output (c, a, b) holds 12a + 4b + c, for each element size; and a rank-5 swap of two axes.
QRT_TEST(transpose_ref, permutes_every_element_size) {
  qrt::TransposeParams p{};
  p.rank = 3;
  p.perm[0] = 2;
  p.perm[1] = 0;
  p.perm[2] = 1;
  const int32_t dims[3] = {2, 3, 4};
  int8_t in8[24], out8[24];
  int16_t in16[24], out16[24];
  float in32[24], out32[24];
  for (int i = 0; i < 24; ++i) {
    in8[i] = static_cast<int8_t>(i);
    in16[i] = static_cast<int16_t>(-1000 * i);
    in32[i] = static_cast<float>(i) * 0.25f;
  }
  qrt::transpose_ref(p, dims, 1, in8, out8);
  qrt::transpose_ref(p, dims, 2, in16, out16);
  qrt::transpose_ref(p, dims, 4, in32, out32);
  int i = 0;
  for (int c = 0; c < 4; ++c)
    for (int a = 0; a < 2; ++a)
      for (int b = 0; b < 3; ++b, ++i) {
        const int v = 12 * a + 4 * b + c;
        QRT_EXPECT_EQ(out8[i], v);
        QRT_EXPECT_EQ(out16[i], -1000 * v);
        QRT_EXPECT_FLOAT_EQ(out32[i], static_cast<float>(v) * 0.25f);
      }
  qrt::TransposeParams q{};
  q.rank = 5;
  const int32_t perm5[5] = {0, 1, 4, 3, 2};
  for (int k = 0; k < 5; ++k) q.perm[k] = perm5[k];
  const int32_t dims5[5] = {1, 1, 2, 1, 3};  // [.., 2, 1, 3] -> [.., 3, 1, 2]
  int8_t out5[6];
  qrt::transpose_ref(q, dims5, 1, in8, out5);
  const int8_t expected5[6] = {0, 3, 1, 4, 2, 5};
  for (int k = 0; k < 6; ++k) QRT_EXPECT_EQ(out5[k], expected5[k]);
}

// GATHER of whole rows, by hand: input [2, 3, 2] int16 (value 100a + 10b + c) along axis 1 with
// indices (2, 0, 2); an index outside the axis (only possible when computed at run time) gives
// zeros.
QRT_TEST(gather_ref, rows_in_index_order_and_zero_rows_outside) {
  int16_t in[12];
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 2; ++c) in[(a * 3 + b) * 2 + c] = static_cast<int16_t>(100 * a + 10 * b + c);
  const int32_t indices[3] = {2, 0, 2};
  int16_t out[12];
  qrt::gather_ref(2, 3, 2 * 2, indices, 3, in, out);
  const int16_t want[12] = {20, 21, 0, 1, 20, 21, 120, 121, 100, 101, 120, 121};
  for (int i = 0; i < 12; ++i) QRT_EXPECT_EQ(out[i], want[i]);
  const int32_t bad[2] = {-1, 3};
  int16_t zeros[8];
  for (int16_t& z : zeros) z = 7;
  qrt::gather_ref(2, 3, 2 * 2, bad, 2, in, zeros);
  for (int16_t z : zeros) QRT_EXPECT_EQ(z, 0);
}
