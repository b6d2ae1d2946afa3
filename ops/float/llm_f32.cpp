// Float32 transformer kernels (kernels_llm_f32.h): run.c's arithmetic.
#include <math.h>
#include <string.h>

#include "qrt/ops/kernels_llm_f32.h"

namespace qrt {

void llm_embedding_f32(const float* table, int32_t rows, int32_t cols, int32_t token, float* out) {
  if (token < 0 || token >= rows) {
    for (int32_t c = 0; c < cols; ++c) out[c] = 0.0f;
    return;
  }
  memcpy(out, table + static_cast<int64_t>(token) * cols, static_cast<size_t>(cols) * sizeof(float));
}

void llm_rms_norm_f32(const float* x, const float* weight, int32_t dim, float eps, float* out) {
  float ss = 0.0f;
  for (int32_t j = 0; j < dim; j++) ss += x[j] * x[j];
  ss /= static_cast<float>(dim);
  ss += eps;
  ss = 1.0f / sqrtf(ss);
  for (int32_t j = 0; j < dim; j++) out[j] = weight[j] * (ss * x[j]);
}

void llm_matvec_f32(const float* w, int32_t rows, int32_t cols, const float* x, float* out) {
  // Four rows side by side only to overlap their independent sums; each row is still summed in
  // index order, so the bits equal run.c's one-row-at-a-time loop.
  int32_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* w0 = w + static_cast<int64_t>(r) * cols;
    const float* w1 = w0 + cols;
    const float* w2 = w1 + cols;
    const float* w3 = w2 + cols;
    float v0 = 0.0f, v1 = 0.0f, v2 = 0.0f, v3 = 0.0f;
    for (int32_t c = 0; c < cols; c++) {
      v0 += w0[c] * x[c];
      v1 += w1[c] * x[c];
      v2 += w2[c] * x[c];
      v3 += w3[c] * x[c];
    }
    out[r] = v0;
    out[r + 1] = v1;
    out[r + 2] = v2;
    out[r + 3] = v3;
  }
  for (; r < rows; r++) {
    const float* wr = w + static_cast<int64_t>(r) * cols;
    float v = 0.0f;
    for (int32_t c = 0; c < cols; c++) v += wr[c] * x[c];
    out[r] = v;
  }
}

void llm_rope_f32(const float* x, int32_t count, int32_t head_size, int32_t position, float theta,
                  float* out) {
  for (int32_t i = 0; i < count; i += 2) {
    const int32_t head_dim = i % head_size;
    const float freq =
        1.0f / powf(theta, static_cast<float>(head_dim) / static_cast<float>(head_size));
    const float val = static_cast<float>(position) * freq;
    const float fcr = cosf(val);
    const float fci = sinf(val);
    const float v0 = x[i];
    const float v1 = x[i + 1];
    out[i] = v0 * fcr - v1 * fci;
    out[i + 1] = v0 * fci + v1 * fcr;
  }
}

void llm_attention_f32(const LlmAttentionF32Args& a) {
  int32_t pos = a.position;
  if (pos < 0) pos = 0;
  if (pos >= a.kv_len) pos = a.kv_len - 1;
  const int32_t kv_dim = a.n_kv_heads * a.head_size;
  const int32_t kv_mul = a.n_heads / a.n_kv_heads;
  memcpy(a.key_cache + static_cast<int64_t>(pos) * kv_dim, a.k, static_cast<size_t>(kv_dim) * sizeof(float));
  memcpy(a.value_cache + static_cast<int64_t>(pos) * kv_dim, a.v, static_cast<size_t>(kv_dim) * sizeof(float));
  float* att = a.scratch;
  for (int32_t h = 0; h < a.n_heads; h++) {
    const float* q = a.q + h * a.head_size;
    const int32_t offset = (h / kv_mul) * a.head_size;
    for (int32_t t = 0; t <= pos; t++) {
      const float* k = a.key_cache + static_cast<int64_t>(t) * kv_dim + offset;
      float score = 0.0f;
      for (int32_t i = 0; i < a.head_size; i++) score += q[i] * k[i];
      score /= sqrtf(static_cast<float>(a.head_size));
      att[t] = score;
    }
    float max_val = att[0];
    for (int32_t t = 1; t <= pos; t++) {
      if (att[t] > max_val) max_val = att[t];
    }
    float sum = 0.0f;
    for (int32_t t = 0; t <= pos; t++) {
      att[t] = expf(att[t] - max_val);
      sum += att[t];
    }
    for (int32_t t = 0; t <= pos; t++) att[t] /= sum;
    float* xb = a.output + h * a.head_size;
    for (int32_t i = 0; i < a.head_size; i++) xb[i] = 0.0f;
    for (int32_t t = 0; t <= pos; t++) {
      const float* v = a.value_cache + static_cast<int64_t>(t) * kv_dim + offset;
      const float w = att[t];
      for (int32_t i = 0; i < a.head_size; i++) xb[i] += w * v[i];
    }
  }
}

void llm_swiglu_f32(const float* gate, const float* up, int32_t count, float* out) {
  for (int32_t i = 0; i < count; i++) {
    float val = gate[i];
    val *= (1.0f / (1.0f + expf(-val)));
    val *= up[i];
    out[i] = val;
  }
}

void llm_residual_add_f32(const float* a, const float* b, int32_t count, float* out) {
  for (int32_t i = 0; i < count; i++) out[i] = a[i] + b[i];
}

}  // namespace qrt
