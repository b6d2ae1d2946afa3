// Converted stories260K blobs run through the C API (qrt_session_*), against peer goldens and the
// float reference: the float32 blob reproduces llama2.c's logits and greedy output; the integer
// W8A8 blob stays within the acceptance bounds on a short span; every quantization choice converts,
// validates and runs; the KV cache is planned as persistent state; a corrupted parameter block is
// rejected at load, never crashes. Skips without QRT_MODELS_DIR.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include "file_io.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_eval.h"
#include "llama/llama_text.h"
#include "qrt/op_api.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt_llm.h"
#include "qrt_test.h"

namespace {

using namespace qrt::llama;

std::string models(const char* relative) { return std::string(qrt_test::models_dir()) + "/" + relative; }

struct Fixture {
  Model model;
  Tokenizer tokenizer;
  std::vector<uint8_t> tokenizer_bytes;
  std::vector<std::vector<int32_t>> calibration;  // the cs336 TinyStories sample (disjoint)
  std::vector<std::vector<int32_t>> evaluation;   // first 50 validation paragraphs
};

bool load(Fixture* f) {
  if (qrt_test::models_dir()[0] == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return false;
  }
  std::string err, text;
  bool ok = load_checkpoint(models("llm/stories260K/stories260K.bin"), &f->model, &err) &&
            qrt::host::read_file_bytes(models("llm/stories260K/tok512.bin"), &f->tokenizer_bytes, &err) &&
            parse_tokenizer(f->tokenizer_bytes.data(), f->tokenizer_bytes.size(), 512, &f->tokenizer, &err) &&
            read_text_file(models("text/tinystories_sample_cs336.txt"), &text, &err) &&
            tokenize_paragraphs(f->tokenizer, split_paragraphs_without_markers(text), 0, -1, 512,
                                &f->calibration, &err) &&
            read_text_file(models("text/tinystories_validation_prefix.txt"), &text, &err) &&
            tokenize_paragraphs(f->tokenizer, split_paragraphs(text), 0, 50, 512, &f->evaluation, &err);
  if (!ok) printf("%s\n", err.c_str());
  return ok;
}

bool convert(const Fixture& f, const ConvertOptions& options, std::vector<uint8_t>* blob) {
  ConvertOptions o = options;
  o.tokenizer = f.tokenizer_bytes;
  ConvertReport report;
  std::string err;
  if (!convert_llama(f.model, f.calibration, o, blob, &report, &err)) {
    printf("convert: %s\n", err.c_str());
    return false;
  }
  return true;
}

}  // namespace

QRT_TEST(llama_blob, float32_blob_reproduces_llama2c) {
  Fixture f;
  if (!load(&f)) return;
  ConvertOptions o;
  o.float32 = true;
  std::vector<uint8_t> blob;
  QRT_ASSERT(convert(f, o, &blob));
  BlobLogitSource m;
  std::string err;
  QRT_ASSERT(m.open(blob, &err));
  // Golden logits of an independent float32 re-implementation of run.c.
  std::vector<float> golden(5 * 512);
  QRT_ASSERT_EQ(qrt_test::read_file(models("llm/stories260K/golden_logits_once_upon_a_time_f32.bin").c_str(),
                                    golden.data(), golden.size() * 4), 5 * 512 * 4);
  const int32_t ids[5] = {1, 403, 407, 261, 378};
  QRT_ASSERT(m.reset(&err));
  double max_err = 0;
  for (int32_t p = 0; p < 5; ++p) {
    const float* logits = m.step(ids[p], p, &err);
    QRT_ASSERT(logits != nullptr);
    for (int32_t i = 0; i < 512; ++i) max_err = fmax(max_err, fabs(logits[i] - golden[static_cast<size_t>(p * 512 + i)]));
  }
  QRT_EXPECT(max_err <= 1e-4);
  // llama2.c run.c's greedy 256 tokens, through the C API.
  std::string ids_text;
  QRT_ASSERT(read_text_file(models("golden/llama2c/run_fp32_t0_n256.ids"), &ids_text, &err));
  std::vector<int32_t> expected;
  for (size_t i = 0; i < ids_text.size(); ++i) {
    if (ids_text[i] == '[') expected.push_back(static_cast<int32_t>(strtol(ids_text.c_str() + i + 1, nullptr, 10)));
  }
  std::vector<int32_t> got;
  QRT_ASSERT(generate_greedy(&m, {kBosToken}, 256, &got, &err));
  QRT_ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) QRT_ASSERT_EQ(got[i], expected[i]);
  // The stored tokenizer is the file's.
  Tokenizer t;
  QRT_ASSERT(m.tokenizer(&t, &err));
  QRT_EXPECT(t.pieces == f.tokenizer.pieces);
}

QRT_TEST(llama_blob, w8a8_per_channel_within_acceptance_on_50_paragraphs) {
  Fixture f;
  if (!load(&f)) return;
  ConvertOptions o;  // w8, per-channel, symmetric, default activation plan
  o.calibration.method = qrt::kCalibrateMse;
  std::vector<uint8_t> blob;
  QRT_ASSERT(convert(f, o, &blob));
  BlobLogitSource m;
  std::string err;
  QRT_ASSERT(m.open(blob, &err));
  BlobLogitSource reference;
  QRT_ASSERT(open_float_reference(f.model, &reference, &err));
  ComparisonResult r;
  QRT_ASSERT(compare_models(&m, &reference, f.evaluation, &r, &err));
  printf("W8A8 per-channel, 50 paragraphs (%lld tokens): PPL %.4f vs %.4f (%+.3f%%), KL mean %.5f p99 %.4f, top-1 %.4f\n",
         static_cast<long long>(r.model.predicted_tokens), r.model.perplexity, r.reference.perplexity,
         r.delta_ppl_percent, r.mean_kl, r.p99_kl, r.top1_agreement);
  // The goals (dPPL <= 0.5%, mean KL <= 0.002) with margin for the short span.
  QRT_EXPECT(fabs(r.delta_ppl_percent) <= 0.5);
  QRT_EXPECT(r.mean_kl <= 0.002);
  QRT_EXPECT(r.top1_agreement >= 0.97);
  // Memory by category: the KV cache is the persistent region (int16 keys, int8 values).
  const Config& c = f.model.config;
  const size_t kv = static_cast<size_t>(c.n_layers) * 512 * static_cast<size_t>(c.kv_dim()) * (2 + 1);
  QRT_EXPECT_EQ(m.memory().persistent_bytes, kv);
  QRT_EXPECT(m.memory().arena_bytes < kv + 16 * 1024);
  // A shorter cache: 64 positions.
  o.kv_len = 64;
  QRT_ASSERT(convert(f, o, &blob));
  BlobLogitSource shorter;
  QRT_ASSERT(shorter.open(blob, &err));
  QRT_EXPECT_EQ(shorter.memory().persistent_bytes, kv / 8);
  QRT_EXPECT_EQ(shorter.max_positions(), 64);
}

QRT_TEST(llama_blob, every_quantization_choice_converts_and_runs) {
  Fixture f;
  if (!load(&f)) return;
  f.calibration.resize(1);  // speed: one calibration story is enough to exercise the path
  const int32_t groups[4] = {0, 32, 64, 128};
  std::string err;
  for (int32_t bits : {8, 4}) {
    for (int32_t g : groups) {
      for (int asym = 0; asym < 2; ++asym) {
        ConvertOptions o;
        o.weights.bits = bits;
        o.weights.group_size = g;
        o.weights.asymmetric = asym == 1;
        o.weights.mse_clip = asym == 1;
        std::vector<uint8_t> blob;
        QRT_ASSERT(convert(f, o, &blob));
        BlobLogitSource m;
        const bool opened = m.open(blob, &err);
        if (!opened) printf("w%d g%d asym %d: %s\n", bits, g, asym, err.c_str());
        QRT_ASSERT(opened);
        BlobLogitSource reference;
        QRT_ASSERT(open_float_reference(f.model, &reference, &err));
        ComparisonResult r;
        const std::vector<std::vector<int32_t>> one(f.evaluation.begin(), f.evaluation.begin() + 2);
        QRT_ASSERT(compare_models(&m, &reference, one, &r, &err));
        // Loose sanity bounds: INT4 RTN on this 260K-parameter model costs ~20% PPL.
        QRT_EXPECT(r.mean_kl < (bits == 8 ? 0.01 : 0.5));
        QRT_EXPECT(r.top1_agreement > (bits == 8 ? 0.9 : 0.6));
      }
    }
  }
  // The all-int8 activation plan and an int8 key cache also run.
  ConvertOptions o;
  o.plan = all_int8_activation_plan();
  std::vector<uint8_t> blob;
  QRT_ASSERT(convert(f, o, &blob));
  BlobLogitSource m;
  QRT_ASSERT(m.open(blob, &err));
  QRT_ASSERT(m.reset(&err));
  QRT_ASSERT(m.step(1, 0, &err) != nullptr);
}

QRT_TEST(llama_blob, q80_checkpoint_converts_too) {
  Fixture f;
  if (!load(&f)) return;
  std::string err;
  Model q80;
  QRT_ASSERT(load_checkpoint(models("llm/stories260K/stories260K_q80.bin"), &q80, &err));
  f.model = q80;
  f.calibration.resize(1);
  ConvertOptions o;
  std::vector<uint8_t> blob;
  QRT_ASSERT(convert(f, o, &blob));
  BlobLogitSource m;
  QRT_ASSERT(m.open(blob, &err));
  std::vector<int32_t> out;
  QRT_ASSERT(generate_greedy(&m, {kBosToken}, 8, &out, &err));
  QRT_EXPECT_EQ(out.size(), 8);
  QRT_EXPECT_EQ(out[0], 403);  // "Once"
}

QRT_TEST(llama_blob, corrupted_parameters_are_rejected_at_load) {
  Fixture f;
  if (!load(&f)) return;
  f.calibration.resize(1);
  ConvertOptions o;
  o.weights.group_size = 32;
  o.weights.asymmetric = true;
  std::vector<uint8_t> blob;
  QRT_ASSERT(convert(f, o, &blob));
  const qrt_op_table* tables[2] = {qrt_integer_op_table(), qrt_llm_op_table()};
  qrt_options opt{};
  opt.op_tables = tables;
  opt.op_table_count = 2;
  opt.skip_checksum = 1;  // corrupt past the CRC: the operator checks must catch it
  qrt::host::AlignedBytes good;
  good.assign(blob.data(), blob.size());
  qrt_memory_report plan;
  qrt_error e{};
  QRT_ASSERT_EQ(qrt_plan_memory(good.data(), good.size(), &opt, &plan, &e), QRT_OK);
  // Every 4-byte word of the Params section set to extreme values: load fails or succeeds, and a
  // successful load still runs (the values it accepts are ones the kernels handle).
  const auto* header = reinterpret_cast<const qrt::format::Header*>(good.data());
  const auto* sections = reinterpret_cast<const qrt::format::SectionEntry*>(good.data() + sizeof *header);
  uint32_t params_offset = 0, params_size = 0;
  for (uint32_t i = 0; i < header->section_count; ++i) {
    if (sections[i].kind == qrt::format::kSectionParams) {
      params_offset = sections[i].offset;
      params_size = sections[i].size;
    }
  }
  QRT_ASSERT(params_size > 0);
  const uint32_t values[4] = {0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFFu, 0u};
  std::vector<uint8_t> arena(plan.arena_bytes + 64 * 1024 + 16);
  int rejected = 0, accepted = 0;
  for (uint32_t at = 0; at + 4 <= params_size; at += 4 * 37) {
    for (uint32_t v : values) {
      qrt::host::AlignedBytes bad;
      bad.assign(good.data(), good.size());
      memcpy(bad.data() + params_offset + at, &v, 4);
      qrt_memory_report p2;
      if (qrt_plan_memory(bad.data(), bad.size(), &opt, &p2, &e) != QRT_OK) {
        ++rejected;
        continue;
      }
      ++accepted;
      void* base = arena.data() + (16 - reinterpret_cast<uintptr_t>(arena.data()) % 16) % 16;
      qrt_session* s = nullptr;
      if (p2.arena_bytes > arena.size() - 16) continue;
      QRT_ASSERT_EQ(qrt_session_create(bad.data(), bad.size(), &opt, base, p2.arena_bytes, &s, &e), QRT_OK);
      qrt_tensor_view in;
      qrt_session_input(s, 0, &in);
      const int32_t token = 1;
      memcpy(in.data, &token, 4);
      QRT_EXPECT_EQ(qrt_session_invoke(s), QRT_OK);
    }
  }
  printf("corrupted parameter words: %d rejected, %d accepted and ran\n", rejected, accepted);
  QRT_EXPECT(rejected > 0);
}
