#include "llama/llama_float.h"

#include <math.h>
#include <string.h>

#include "llama/llama_tokenizer.h"

namespace qrt {
namespace llama {
namespace {

// The helpers below are run.c's, operation for operation: float32 accumulation in index order
// (the build never enables -ffast-math or FP contraction), so results match the peer bit for bit
// on the same ISA and very closely elsewhere.
void rmsnorm(float* o, const float* x, const float* weight, int32_t size) {
  float ss = 0.0f;
  for (int32_t j = 0; j < size; j++) ss += x[j] * x[j];
  ss /= static_cast<float>(size);
  ss += 1e-5f;
  ss = 1.0f / sqrtf(ss);
  for (int32_t j = 0; j < size; j++) o[j] = weight[j] * (ss * x[j]);
}

void softmax(float* x, int32_t size) {
  float max_val = x[0];
  for (int32_t i = 1; i < size; i++) {
    if (x[i] > max_val) max_val = x[i];
  }
  float sum = 0.0f;
  for (int32_t i = 0; i < size; i++) {
    x[i] = expf(x[i] - max_val);
    sum += x[i];
  }
  for (int32_t i = 0; i < size; i++) x[i] /= sum;
}

// xout[d] = W[d][n] x[n]. Each row is summed in index order exactly as run.c; four rows run side
// by side only so that their independent additions overlap in the pipeline (same bits, ~3x
// faster than one dependent chain at a time).
void matmul(float* xout, const float* x, const float* w, int32_t n, int32_t d) {
  const auto stride = static_cast<size_t>(n);
  int32_t i = 0;
  for (; i + 4 <= d; i += 4) {
    const float* r0 = w + static_cast<size_t>(i) * stride;
    const float* r1 = r0 + stride;
    const float* r2 = r1 + stride;
    const float* r3 = r2 + stride;
    float v0 = 0.0f, v1 = 0.0f, v2 = 0.0f, v3 = 0.0f;
    for (int32_t j = 0; j < n; j++) {
      v0 += r0[j] * x[j];
      v1 += r1[j] * x[j];
      v2 += r2[j] * x[j];
      v3 += r3[j] * x[j];
    }
    xout[i] = v0;
    xout[i + 1] = v1;
    xout[i + 2] = v2;
    xout[i + 3] = v3;
  }
  for (; i < d; i++) {
    float val = 0.0f;
    const float* row = w + static_cast<size_t>(i) * stride;
    for (int32_t j = 0; j < n; j++) val += row[j] * x[j];
    xout[i] = val;
  }
}

void notify(const ForwardObserver* obs, ActivationPoint point, int32_t layer, const float* data,
            int32_t count) {
  if (obs != nullptr && obs->observe != nullptr) obs->observe(obs->user, point, layer, data, count);
}

}  // namespace

const char* activation_point_name(ActivationPoint point) {
  static const char* const kNames[kActPointCount] = {
      "embedding", "attn_norm",   "query",     "key",     "value",    "query_rope",  "key_rope",
      "attn_scores", "attn_out",  "attn_proj", "residual_attn", "ffn_norm", "gate", "up",
      "swiglu",    "ffn_out",     "residual_ffn", "final_norm", "logits"};
  return point >= 0 && point < kActPointCount ? kNames[point] : "unknown";
}

void init_float_state(const Config& c, FloatState* s) {
  const size_t dim = static_cast<size_t>(c.dim), hidden = static_cast<size_t>(c.hidden_dim);
  const size_t cache = static_cast<size_t>(c.n_layers) * static_cast<size_t>(c.seq_len) *
                       static_cast<size_t>(c.kv_dim());
  s->x.assign(dim, 0.0f);
  s->xb.assign(dim, 0.0f);
  s->xb2.assign(dim, 0.0f);
  s->hb.assign(hidden, 0.0f);
  s->hb2.assign(hidden, 0.0f);
  s->q.assign(dim, 0.0f);
  s->att.assign(static_cast<size_t>(c.n_heads) * static_cast<size_t>(c.seq_len), 0.0f);
  s->logits.assign(static_cast<size_t>(c.vocab_size), 0.0f);
  s->key_cache.assign(cache, 0.0f);
  s->value_cache.assign(cache, 0.0f);
}

const float* forward_float(const Model& m, FloatState* s, int32_t token, int32_t pos,
                           const ForwardObserver* obs) {
  const Config& c = m.config;
  const int32_t dim = c.dim, kv_dim = c.kv_dim(), hidden = c.hidden_dim;
  const int32_t head_size = c.head_size(), kv_mul = c.n_heads / c.n_kv_heads;
  float* x = s->x.data();
  memcpy(x, m.token_embedding.data() + static_cast<size_t>(token) * static_cast<size_t>(dim),
         static_cast<size_t>(dim) * sizeof(float));
  notify(obs, kActEmbedding, -1, x, dim);

  for (int32_t l = 0; l < c.n_layers; l++) {
    const LayerWeights& w = m.layers[static_cast<size_t>(l)];
    rmsnorm(s->xb.data(), x, w.rms_att.data(), dim);
    notify(obs, kActAttnNorm, l, s->xb.data(), dim);

    const size_t loff = static_cast<size_t>(l) * static_cast<size_t>(c.seq_len) *
                        static_cast<size_t>(kv_dim);
    float* k = s->key_cache.data() + loff + static_cast<size_t>(pos) * static_cast<size_t>(kv_dim);
    float* v =
        s->value_cache.data() + loff + static_cast<size_t>(pos) * static_cast<size_t>(kv_dim);
    float* q = s->q.data();
    matmul(q, s->xb.data(), w.wq.data(), dim, dim);
    matmul(k, s->xb.data(), w.wk.data(), dim, kv_dim);
    matmul(v, s->xb.data(), w.wv.data(), dim, kv_dim);
    notify(obs, kActQuery, l, q, dim);
    notify(obs, kActKey, l, k, kv_dim);
    notify(obs, kActValue, l, v, kv_dim);

    // RoPE: rotate each (even, odd) pair of every head by pos * 10000^(-head_dim / head_size).
    for (int32_t i = 0; i < dim; i += 2) {
      const int32_t head_dim = i % head_size;
      const float freq =
          1.0f / powf(10000.0f, static_cast<float>(head_dim) / static_cast<float>(head_size));
      const float val = static_cast<float>(pos) * freq;
      const float fcr = cosf(val);
      const float fci = sinf(val);
      const int32_t rotn = i < kv_dim ? 2 : 1;  // rotate q and k, or q only
      for (int32_t r = 0; r < rotn; r++) {
        float* vec = r == 0 ? q : k;
        const float v0 = vec[i];
        const float v1 = vec[i + 1];
        vec[i] = v0 * fcr - v1 * fci;
        vec[i + 1] = v0 * fci + v1 * fcr;
      }
    }
    notify(obs, kActQueryRope, l, q, dim);
    notify(obs, kActKeyRope, l, k, kv_dim);

    // Multi-head attention over positions 0..pos; query head h reads KV head h / kv_mul.
    for (int32_t h = 0; h < c.n_heads; h++) {
      const float* qh = q + h * head_size;
      float* att = s->att.data() + static_cast<size_t>(h) * static_cast<size_t>(c.seq_len);
      for (int32_t t = 0; t <= pos; t++) {
        const float* kt = s->key_cache.data() + loff +
                          static_cast<size_t>(t) * static_cast<size_t>(kv_dim) +
                          static_cast<size_t>((h / kv_mul) * head_size);
        float score = 0.0f;
        for (int32_t i = 0; i < head_size; i++) score += qh[i] * kt[i];
        score /= sqrtf(static_cast<float>(head_size));
        att[t] = score;
      }
      notify(obs, kActAttnScores, l, att, pos + 1);
      softmax(att, pos + 1);
      float* xb = s->xb.data() + h * head_size;
      memset(xb, 0, static_cast<size_t>(head_size) * sizeof(float));
      for (int32_t t = 0; t <= pos; t++) {
        const float* vt = s->value_cache.data() + loff +
                          static_cast<size_t>(t) * static_cast<size_t>(kv_dim) +
                          static_cast<size_t>((h / kv_mul) * head_size);
        const float a = att[t];
        for (int32_t i = 0; i < head_size; i++) xb[i] += a * vt[i];
      }
    }
    notify(obs, kActAttnOut, l, s->xb.data(), dim);

    matmul(s->xb2.data(), s->xb.data(), w.wo.data(), dim, dim);
    notify(obs, kActAttnProj, l, s->xb2.data(), dim);
    for (int32_t i = 0; i < dim; i++) x[i] += s->xb2[static_cast<size_t>(i)];
    notify(obs, kActResidualAttn, l, x, dim);

    rmsnorm(s->xb.data(), x, w.rms_ffn.data(), dim);
    notify(obs, kActFfnNorm, l, s->xb.data(), dim);
    matmul(s->hb.data(), s->xb.data(), w.w1.data(), dim, hidden);
    matmul(s->hb2.data(), s->xb.data(), w.w3.data(), dim, hidden);
    notify(obs, kActGate, l, s->hb.data(), hidden);
    notify(obs, kActUp, l, s->hb2.data(), hidden);
    for (int32_t i = 0; i < hidden; i++) {
      float val = s->hb[static_cast<size_t>(i)];
      val *= (1.0f / (1.0f + expf(-val)));  // SiLU
      val *= s->hb2[static_cast<size_t>(i)];
      s->hb[static_cast<size_t>(i)] = val;
    }
    notify(obs, kActSwiGlu, l, s->hb.data(), hidden);
    matmul(s->xb.data(), s->hb.data(), w.w2.data(), hidden, dim);
    notify(obs, kActFfnOut, l, s->xb.data(), dim);
    for (int32_t i = 0; i < dim; i++) x[i] += s->xb[static_cast<size_t>(i)];
    notify(obs, kActResidualFfn, l, x, dim);
  }

  rmsnorm(x, x, m.rms_final.data(), dim);
  notify(obs, kActFinalNorm, -1, x, dim);
  matmul(s->logits.data(), x, m.classifier.data(), dim, c.vocab_size);
  notify(obs, kActLogits, -1, s->logits.data(), c.vocab_size);
  return s->logits.data();
}

int32_t argmax(const float* values, int32_t count) {
  int32_t best = 0;
  for (int32_t i = 1; i < count; i++) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

std::vector<int32_t> generate_greedy_float(const Model& model, const std::vector<int32_t>& prompt,
                                           int32_t steps) {
  std::vector<int32_t> out;
  if (prompt.empty()) return out;
  FloatState state;
  init_float_state(model.config, &state);
  if (steps > model.config.seq_len) steps = model.config.seq_len;
  int32_t token = prompt[0];
  const auto prompt_count = static_cast<int32_t>(prompt.size());
  for (int32_t pos = 0; pos < steps; pos++) {
    const float* logits = forward_float(model, &state, token, pos);
    int32_t next;
    if (pos < prompt_count - 1) {
      next = prompt[static_cast<size_t>(pos + 1)];
    } else {
      next = argmax(logits, model.config.vocab_size);
      if (next == kBosToken) break;  // run.c stops at BOS
      out.push_back(next);
    }
    token = next;
  }
  return out;
}

}  // namespace llama
}  // namespace qrt
