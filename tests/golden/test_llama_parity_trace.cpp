// The host side of the device parity test (tests/ports/test_llama_parity.cpp): `qrt trace`'s
// expected results (runtime/host/llama/llama_parity.h) against independent computations on the
// same stories260K W8A8 blob -- greedy ids by argmax of the raw int32 logits, the logits hash
// recomputed here, and the portable-math NLL against the perplexity evaluation's glibc-based one
// (llama_eval.cpp) -- and the file format as the device reads it. Skips without QRT_MODELS_DIR.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include "file_io.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_eval.h"
#include "llama/llama_parity.h"
#include "llama/llama_text.h"
#include "qrt_test.h"

namespace {

using namespace qrt::llama;

std::string models(const char* relative) { return std::string(qrt_test::models_dir()) + "/" + relative; }

// The W8A8 per-channel blob with a 64-position cache, as tests/ports/CMakeLists.txt converts it,
// and the first `paragraphs` paragraphs of the validation text truncated to 64 tokens.
bool load(std::vector<uint8_t>* blob, std::vector<std::vector<int32_t>>* sequences, int32_t paragraphs) {
  if (qrt_test::models_dir()[0] == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return false;
  }
  std::string err, text;
  Model model;
  Tokenizer tokenizer;
  std::vector<std::vector<int32_t>> calibration;
  ConvertOptions o;
  o.calibration.method = qrt::kCalibrateMse;
  o.kv_len = 64;
  ConvertReport report;
  const bool ok =
      load_checkpoint(models("llm/stories260K/stories260K.bin"), &model, &err) &&
      qrt::host::read_file_bytes(models("llm/stories260K/tok512.bin"), &o.tokenizer, &err) &&
      parse_tokenizer(o.tokenizer.data(), o.tokenizer.size(), 512, &tokenizer, &err) &&
      read_text_file(models("text/tinystories_sample_cs336.txt"), &text, &err) &&
      tokenize_paragraphs(tokenizer, split_paragraphs_without_markers(text), 0, -1, 512, &calibration, &err) &&
      convert_llama(model, calibration, o, blob, &report, &err) &&
      read_text_file(models("text/tinystories_validation_prefix.txt"), &text, &err) &&
      tokenize_paragraphs(tokenizer, split_paragraphs(text), 0, paragraphs, 64, sequences, &err);
  if (!ok) printf("%s\n", err.c_str());
  return ok;
}

}  // namespace

QRT_TEST(llama_parity_trace, matches_independent_computations) {
  std::vector<uint8_t> blob;
  std::vector<std::vector<int32_t>> sequences;
  if (!load(&blob, &sequences, 3)) return;
  BlobLogitSource m;
  std::string err;
  QRT_ASSERT(m.open(blob, &err));
  ParityTrace t;
  QRT_ASSERT(compute_parity_trace(&m, {kBosToken}, 32, sequences, &t, &err));
  QRT_EXPECT_EQ(t.vocab, 512);
  QRT_EXPECT_EQ(t.positions, 64);
  QRT_ASSERT_EQ(t.generated.size(), 32u);
  QRT_ASSERT_EQ(t.sequences.size(), 3u);

  // Greedy ids: argmax of the raw int32 logits (first index on ties), recomputed here.
  qrt_tensor_view out{}, tok{}, pos{};
  qrt_session* s = m.session();
  QRT_ASSERT(qrt_session_output(s, 0, &out) == QRT_OK && out.dtype == QRT_DTYPE_INT32);
  QRT_ASSERT(qrt_session_input(s, 0, &tok) == QRT_OK && qrt_session_input(s, 1, &pos) == QRT_OK);
  QRT_ASSERT(qrt_session_reset_state(s) == QRT_OK);
  int32_t token = kBosToken;
  for (int32_t p = 0; p < 32; ++p) {
    memcpy(tok.data, &token, 4);
    memcpy(pos.data, &p, 4);
    QRT_ASSERT(qrt_session_invoke(s) == QRT_OK);
    const auto* q = static_cast<const int32_t*>(out.data);
    int32_t best = 0;
    for (int32_t i = 1; i < 512; ++i) best = q[i] > q[best] ? i : best;
    QRT_EXPECT_EQ(best, t.generated[static_cast<size_t>(p)]);
    token = best;
  }

  // Per sequence: the hash of the raw logits (byte-wise FNV-1a 64 written out here), and the NLL
  // against the perplexity evaluation's (glibc exp/log) on the same sequence.
  double total = 0.0;
  int64_t count = 0;
  for (size_t k = 0; k < sequences.size(); ++k) {
    const ParitySequence& ps = t.sequences[k];
    QRT_EXPECT(ps.tokens == sequences[k]);
    QRT_ASSERT_EQ(ps.nll.size() + 1, sequences[k].size());
    QRT_ASSERT(qrt_session_reset_state(s) == QRT_OK);
    uint64_t h = 14695981039346656037ull;
    for (size_t p = 0; p + 1 < sequences[k].size(); ++p) {
      const int32_t id = sequences[k][p], position = static_cast<int32_t>(p);
      memcpy(tok.data, &id, 4);
      memcpy(pos.data, &position, 4);
      QRT_ASSERT(qrt_session_invoke(s) == QRT_OK);
      const auto* bytes = static_cast<const uint8_t*>(out.data);
      for (size_t i = 0; i < 512 * 4; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    }
    QRT_EXPECT_EQ(h, ps.logits_fnv1a);
    PerplexityResult r;
    QRT_ASSERT(evaluate_perplexity(&m, {sequences[k]}, &r, &err));
    double sum = 0.0;
    for (double v : ps.nll) {
      sum += v;
      total += v;  // as the trace sums: one running total over every token in order
    }
    QRT_EXPECT_NEAR(sum, r.total_nll, 1e-12 * r.total_nll);
    count += static_cast<int64_t>(ps.nll.size());
  }
  QRT_EXPECT_EQ(t.predicted_tokens, count);
  QRT_EXPECT(t.total_nll == total);  // the same additions in the same order
  QRT_EXPECT_EQ(count, 189);         // 3 paragraphs of at least 64 tokens, truncated

  // The file as the device reads it: header lines, then one record per line, hex bits that
  // round-trip.
  const std::string text = format_parity_trace(t);
  QRT_EXPECT(text.rfind("qrt-llama-trace 1\n#", 0) == 0);
  QRT_EXPECT(text.find("\nvocab 512\npositions 64\nlogit_scale ") != std::string::npos);
  QRT_EXPECT(text.find("\nprompt 1 1\ngenerated 32 ") != std::string::npos);
  const size_t nll_at = text.find("\nnll 63 ");
  QRT_ASSERT(nll_at != std::string::npos);
  const uint64_t first = strtoull(text.c_str() + nll_at + 8, nullptr, 16);
  double first_nll;
  memcpy(&first_nll, &first, 8);
  QRT_EXPECT(first_nll == t.sequences[0].nll[0]);
  QRT_EXPECT(text.size() > 5 && text.compare(text.size() - 5, 5, "\nend\n") == 0);
}
