// The llama2.c import and float32 reference forward pass against peer goldens for stories260K:
// logits of an independent float32 re-implementation of run.c, llama2.c run.c's own greedy
// 256-token output, and the perplexity reference of shared/models/MANIFEST.md. Skips without
// QRT_MODELS_DIR.
#include <math.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "llama/llama_eval.h"
#include "llama/llama_float.h"
#include "llama/llama_model.h"
#include "llama/llama_text.h"
#include "llama/llama_tokenizer.h"
#include "qrt_test.h"

namespace {

using namespace qrt::llama;

std::string models(const char* relative) { return std::string(qrt_test::models_dir()) + "/" + relative; }

bool have_models() {
  if (qrt_test::models_dir()[0] != '\0') return true;
  qrt_test::note_skipped("QRT_MODELS_DIR not configured");
  return false;
}

bool load_stories(Model* model, Tokenizer* tokenizer) {
  std::string err;
  if (!load_checkpoint(models("llm/stories260K/stories260K.bin"), model, &err)) {
    printf("%s\n", err.c_str());
    return false;
  }
  if (!load_tokenizer(models("llm/stories260K/tok512.bin"), model->config.vocab_size, tokenizer,
                      &err)) {
    printf("%s\n", err.c_str());
    return false;
  }
  return true;
}

// "[403][407]..." -> ids
std::vector<int32_t> parse_bracketed_ids(const std::string& text) {
  std::vector<int32_t> ids;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') ids.push_back(static_cast<int32_t>(strtol(text.c_str() + i + 1, nullptr, 10)));
  }
  return ids;
}

}  // namespace

QRT_TEST(llama_float, header_of_stories260k) {
  if (!have_models()) return;
  Model m;
  Tokenizer t;
  QRT_ASSERT(load_stories(&m, &t));
  // Values from the model card (MANIFEST.md).
  QRT_EXPECT_EQ(m.config.dim, 64);
  QRT_EXPECT_EQ(m.config.hidden_dim, 172);
  QRT_EXPECT_EQ(m.config.n_layers, 5);
  QRT_EXPECT_EQ(m.config.n_heads, 8);
  QRT_EXPECT_EQ(m.config.n_kv_heads, 4);
  QRT_EXPECT_EQ(m.config.vocab_size, 512);
  QRT_EXPECT_EQ(m.config.seq_len, 512);
  QRT_EXPECT(m.config.shared_classifier);
}

QRT_TEST(llama_float, golden_logits_once_upon_a_time) {
  if (!have_models()) return;
  Model m;
  Tokenizer t;
  QRT_ASSERT(load_stories(&m, &t));
  std::vector<float> golden(5 * 512);
  QRT_ASSERT_EQ(qrt_test::read_file(models("llm/stories260K/golden_logits_once_upon_a_time_f32.bin").c_str(),
                                    golden.data(), golden.size() * 4),
                5 * 512 * 4);
  std::vector<int32_t> ids;
  std::string err;
  QRT_ASSERT(encode(t, "Once upon a time", true, false, &ids, &err));
  const std::vector<int32_t> expected_ids = {1, 403, 407, 261, 378};  // from the golden's card
  QRT_ASSERT(ids == expected_ids);
  FloatState s;
  init_float_state(m.config, &s);
  double max_err = 0.0;
  for (int32_t p = 0; p < 5; ++p) {
    const float* logits = forward_float(m, &s, ids[static_cast<size_t>(p)], p);
    for (int32_t i = 0; i < 512; ++i) {
      max_err = fmax(max_err, fabs(static_cast<double>(logits[i]) - golden[static_cast<size_t>(p * 512 + i)]));
    }
  }
  QRT_EXPECT(max_err <= 1e-4);
  printf("golden logits: max abs error %.3g\n", max_err);
}

QRT_TEST(llama_float, greedy_256_tokens_as_llama2c_run_c) {
  if (!have_models()) return;
  Model m;
  Tokenizer t;
  QRT_ASSERT(load_stories(&m, &t));
  std::string ids_text, text, err;
  QRT_ASSERT(read_text_file(models("golden/llama2c/run_fp32_t0_n256.ids"), &ids_text, &err));
  QRT_ASSERT(read_text_file(models("golden/llama2c/run_fp32_t0_n256.txt"), &text, &err));
  const std::vector<int32_t> expected = parse_bracketed_ids(ids_text);
  QRT_ASSERT_EQ(expected.size(), 256);
  const std::vector<int32_t> got = generate_greedy_float(m, {kBosToken}, 256);
  QRT_ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) QRT_ASSERT_EQ(got[i], expected[i]);
  // run.c prints decode(prev, next) for each token; the text file is that output (it may end
  // with a newline that run.c prints after the loop).
  std::string decoded = decode(t, got);
  while (!text.empty() && text.back() == '\n' && (decoded.empty() || decoded.back() != '\n')) {
    text.pop_back();
  }
  QRT_EXPECT(decoded == text);
}

// The full perplexity protocol of MANIFEST.md on its reference span (about 5 s on the host).
QRT_TEST(llama_float, perplexity_first_500_paragraphs) {
  if (!have_models()) return;
  Model m;
  Tokenizer t;
  QRT_ASSERT(load_stories(&m, &t));
  std::string text, err;
  QRT_ASSERT(read_text_file(models("text/tinystories_validation_prefix.txt"), &text, &err));
  std::vector<std::vector<int32_t>> seqs;
  QRT_ASSERT(tokenize_paragraphs(t, split_paragraphs(text), 0, 500, m.config.seq_len, &seqs, &err));
  QRT_ASSERT_EQ(seqs.size(), 500);
  FloatLogitSource source(m);
  PerplexityResult r;
  QRT_ASSERT(evaluate_perplexity(&source, seqs, &r, &err));
  QRT_EXPECT_EQ(r.predicted_tokens, 48613);
  QRT_EXPECT_NEAR(r.perplexity, 4.1693, 5e-5);
  // The reference's total NLL (reference_results.json) to float32-accumulation accuracy.
  QRT_EXPECT_NEAR(r.total_nll, 69407.02, 0.5);
  printf("float32 PPL %.5f over %lld tokens (%.0f tokens/s)\n", r.perplexity,
         static_cast<long long>(r.predicted_tokens), r.tokens_per_second);
}

// The v2 (ak42, Q8_0) export of the same weights: same configuration, and its dequantized
// weights close to the float32 checkpoint (the card states about 45 dB SNR).
QRT_TEST(llama_float, q80_export_matches_float_weights) {
  if (!have_models()) return;
  Model f, q;
  Tokenizer t;
  QRT_ASSERT(load_stories(&f, &t));
  std::string err;
  QRT_ASSERT(load_checkpoint(models("llm/stories260K/stories260K_q80.bin"), &q, &err));
  QRT_EXPECT_EQ(q.source_version, 2);
  QRT_EXPECT_EQ(q.source_group_size, 32);
  QRT_EXPECT_EQ(q.config.dim, f.config.dim);
  QRT_EXPECT_EQ(q.config.hidden_dim, f.config.hidden_dim);
  QRT_EXPECT_EQ(q.config.n_kv_heads, f.config.n_kv_heads);
  QRT_EXPECT(q.config.shared_classifier);
  auto snr_db = [](const std::vector<float>& ref, const std::vector<float>& got) {
    double s = 0, n = 0;
    for (size_t i = 0; i < ref.size(); ++i) {
      s += static_cast<double>(ref[i]) * ref[i];
      n += (static_cast<double>(ref[i]) - got[i]) * (static_cast<double>(ref[i]) - got[i]);
    }
    return 10.0 * log10(s / n);
  };
  QRT_ASSERT_EQ(q.layers.size(), f.layers.size());
  QRT_EXPECT(snr_db(f.token_embedding, q.token_embedding) > 38.0);
  for (size_t l = 0; l < f.layers.size(); ++l) {
    QRT_EXPECT(snr_db(f.layers[l].wq, q.layers[l].wq) > 38.0);
    QRT_EXPECT(snr_db(f.layers[l].w2, q.layers[l].w2) > 38.0);
    QRT_EXPECT(f.layers[l].rms_att == q.layers[l].rms_att);  // norms stay float32
  }
  // The Q8_0 weights still tell the same story for the first tokens.
  const std::vector<int32_t> a = generate_greedy_float(f, {kBosToken}, 20);
  const std::vector<int32_t> b = generate_greedy_float(q, {kBosToken}, 20);
  QRT_EXPECT(a == b);
}
