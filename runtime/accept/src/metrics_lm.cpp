// Language-model metrics: perplexity of both models and KL(P_float || P_quant) per token.
#include <math.h>

#include "accept_internal.h"
#include "qrt/accept_metrics.h"
#include "qrt/ops/math_f64.h"

namespace {

using qrt::exp_f64;

template <typename Logit>
qrt_status add_token(qrt_lm_acc* acc, Logit quant, const float* float_logits, uint32_t vocab,
                     int32_t target) {
  if (acc == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (vocab == 0 || target >= static_cast<int64_t>(vocab)) return QRT_ERR_BAD_ARGUMENT;
  const double q_lse = qrt::log_sum_exp_f64(quant, vocab);
  if (target >= 0) {
    qrt::accept::kahan_add(&acc->nll_sum, &acc->nll_c, q_lse - quant(static_cast<uint32_t>(target)));
    ++acc->nll_tokens;
  }
  if (float_logits == nullptr) {
    acc->has_float = 0;
  } else {
    auto fl = [&](uint32_t i) { return static_cast<double>(float_logits[i]); };
    const double f_lse = qrt::log_sum_exp_f64(fl, vocab);
    if (target >= 0) {
      qrt::accept::kahan_add(&acc->float_nll_sum, &acc->float_nll_c,
                             f_lse - fl(static_cast<uint32_t>(target)));
    }
    double kl = 0.0;
    uint32_t q_arg = 0, f_arg = 0;
    for (uint32_t i = 0; i < vocab; ++i) {
      const double log_pf = fl(i) - f_lse;
      const double log_pq = quant(i) - q_lse;
      kl += exp_f64(log_pf) * (log_pf - log_pq);
      if (quant(i) > quant(q_arg)) q_arg = i;
      if (fl(i) > fl(f_arg)) f_arg = i;
    }
    if (kl < 0.0) kl = 0.0;  // KL >= 0; a tiny negative value is rounding
    qrt::accept::kahan_add(&acc->kl_sum, &acc->kl_c, kl);
    if (acc->kl_values != nullptr && acc->tokens < acc->kl_capacity) {
      acc->kl_values[acc->tokens] = static_cast<float>(kl);
    }
    if (q_arg == f_arg) ++acc->top1_agree;
  }
  ++acc->tokens;
  return QRT_OK;
}

}  // namespace

extern "C" void qrt_lm_acc_init(qrt_lm_acc* acc, float* kl_buffer, uint32_t capacity) {
  *acc = qrt_lm_acc{};
  acc->has_float = 1;
  acc->kl_values = kl_buffer;
  acc->kl_capacity = kl_buffer != nullptr ? capacity : 0;
}

extern "C" qrt_status qrt_lm_add_token_s8(qrt_lm_acc* acc, const int8_t* quant_logits,
                                          float scale, int32_t zero_point,
                                          const float* float_logits, uint32_t vocab,
                                          int32_t target) {
  if (quant_logits == nullptr) return QRT_ERR_NULL_ARGUMENT;
  const double s = scale;
  auto q = [&](uint32_t i) { return s * static_cast<double>(quant_logits[i] - zero_point); };
  return add_token(acc, q, float_logits, vocab, target);
}

extern "C" qrt_status qrt_lm_add_token_f32(qrt_lm_acc* acc, const float* quant_logits,
                                           const float* float_logits, uint32_t vocab,
                                           int32_t target) {
  if (quant_logits == nullptr) return QRT_ERR_NULL_ARGUMENT;
  auto q = [&](uint32_t i) { return static_cast<double>(quant_logits[i]); };
  return add_token(acc, q, float_logits, vocab, target);
}

extern "C" void qrt_lm_finish(qrt_lm_acc* acc, qrt_lm_stats* out) {
  out->tokens = acc->tokens;
  const bool with_float = acc->has_float != 0 && acc->tokens > 0;
  const double nll_n = acc->nll_tokens;
  out->perplexity = acc->nll_tokens > 0 ? exp_f64(acc->nll_sum / nll_n) : 0.0;
  out->float_perplexity =
      with_float && acc->nll_tokens > 0 ? exp_f64(acc->float_nll_sum / nll_n) : 0.0;
  out->kl_mean = with_float ? acc->kl_sum / acc->tokens : NAN;
  out->top1_agreement = with_float ? static_cast<double>(acc->top1_agree) / acc->tokens : NAN;
  out->kl_p99 = NAN;
  if (with_float && acc->kl_values != nullptr && acc->tokens <= acc->kl_capacity) {
    out->kl_p99 = qrt_accept_quantile_f32(acc->kl_values, acc->tokens, 0.99);
  }
}
