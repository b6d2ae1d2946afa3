// The llama2.c import and the float32 reference (the checkpoint as a float32 blob through the C
// API, open_float_reference) against peer goldens for stories260K: llama2.c run.c's own greedy
// 256-token output as text, and the perplexity reference of shared/models/MANIFEST.md (the logits
// and ids are checked by llama_blob.float32_blob_reproduces_llama2c). Skips without QRT_MODELS_DIR.
#include <math.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "llama/llama_blob.h"
#include "llama/llama_calibrate.h"
#include "llama/llama_eval.h"
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
  BlobLogitSource reference;
  QRT_ASSERT(open_float_reference(m, &reference, &err));
  std::vector<int32_t> got;
  QRT_ASSERT(generate_greedy(&reference, {kBosToken}, 256, &got, &err));
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
  BlobLogitSource source;
  QRT_ASSERT(open_float_reference(m, &source, &err));
  PerplexityResult r;
  QRT_ASSERT(evaluate_perplexity(&source, seqs, &r, &err));
  QRT_EXPECT_EQ(r.predicted_tokens, 48613);
  QRT_EXPECT_NEAR(r.perplexity, 4.1693, 5e-5);
  // The reference's total NLL (reference_results.json) to float32-accumulation accuracy.
  QRT_EXPECT_NEAR(r.total_nll, 69407.02, 0.5);
  printf("float32 PPL %.5f over %lld tokens (%.0f tokens/s)\n", r.perplexity,
         static_cast<long long>(r.predicted_tokens), r.tokens_per_second);
}

// Calibration reads every activation point of the float32 graph through the observer: each
// (point, layer) histogram holds tokens x width values, and the first two points, recomputed here
// in double from the checkpoint's weights (embedding rows, then run.c's rmsnorm), give the same
// extremes and the same Gram trace.
QRT_TEST(llama_float, calibration_observes_every_point_of_the_float_graph) {
  if (!have_models()) return;
  Model m;
  Tokenizer t;
  QRT_ASSERT(load_stories(&m, &t));
  const std::vector<std::vector<int32_t>> seqs = {{1, 403, 407}, {1, 261}};
  ActivationStats stats;
  std::string err;
  QRT_ASSERT(collect_activation_stats(m, seqs, true, &stats, &err));
  QRT_ASSERT_EQ(stats.tokens, 5);
  const Config& c = m.config;
  for (int32_t p = 0; p < kActPointCount; ++p) {
    const auto point = static_cast<ActivationPoint>(p);
    int32_t width = c.dim;
    if (point == kActKey || point == kActValue || point == kActKeyRope) width = c.kv_dim();
    if (point == kActGate || point == kActUp || point == kActSwiGlu) width = c.hidden_dim;
    if (point == kActLogits) width = c.vocab_size;
    const bool outside = point == kActEmbedding || point == kActFinalNorm || point == kActLogits;
    for (int32_t l = outside ? -1 : 0; l < (outside ? 0 : c.n_layers); ++l) {
      QRT_EXPECT_EQ(stats.at(point, l).count, static_cast<uint64_t>(5 * width));
    }
  }
  double emb_min = 0, emb_max = 0, norm_abs_max = 0, norm_trace = 0;
  for (const auto& seq : seqs) {
    for (int32_t id : seq) {
      const float* row = m.token_embedding.data() + static_cast<size_t>(id) * c.dim;
      double ss = 0;
      for (int32_t i = 0; i < c.dim; ++i) {
        emb_min = fmin(emb_min, row[i]);
        emb_max = fmax(emb_max, row[i]);
        ss += static_cast<double>(row[i]) * row[i];
      }
      const double inv = 1.0 / sqrt(ss / c.dim + 1e-5);
      for (int32_t i = 0; i < c.dim; ++i) {
        const double y = m.layers[0].rms_att[static_cast<size_t>(i)] * (inv * row[i]);
        norm_abs_max = fmax(norm_abs_max, fabs(y));
        norm_trace += y * y;
      }
    }
  }
  QRT_EXPECT_FLOAT_EQ(stats.at(kActEmbedding, -1).min, emb_min);
  QRT_EXPECT_FLOAT_EQ(stats.at(kActEmbedding, -1).max, emb_max);
  QRT_EXPECT_NEAR(stats.at(kActAttnNorm, 0).abs_max, norm_abs_max, 1e-5 * norm_abs_max);
  const std::vector<double>& gram = stats.gram[kActAttnNorm][1];
  QRT_ASSERT_EQ(gram.size(), static_cast<size_t>(c.dim * c.dim));
  double trace = 0;
  for (int32_t i = 0; i < c.dim; ++i) trace += gram[static_cast<size_t>(i * c.dim + i)];
  QRT_EXPECT_NEAR(trace, norm_trace, 1e-5 * norm_trace);
  // Out-of-range ids and an empty set are refused with a message.
  QRT_EXPECT(!collect_activation_stats(m, {{1, 512}}, false, &stats, &err));
  QRT_EXPECT(err.find("out of range") != std::string::npos);
  QRT_EXPECT(!collect_activation_stats(m, {}, false, &stats, &err));
  QRT_EXPECT(err.find("empty") != std::string::npos);
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
  BlobLogitSource fs, qs;
  std::vector<int32_t> a, b;
  QRT_ASSERT(open_float_reference(f, &fs, &err) && open_float_reference(q, &qs, &err));
  QRT_ASSERT(generate_greedy(&fs, {kBosToken}, 20, &a, &err) &&
             generate_greedy(&qs, {kBosToken}, 20, &b, &err));
  QRT_EXPECT_EQ(a.size(), 20);
  QRT_EXPECT(a == b);
}
