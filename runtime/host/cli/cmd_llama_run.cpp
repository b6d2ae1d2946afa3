// qrt generate / qrt perplexity: run a converted llama .qrt blob through the C API.
//
//   qrt generate MODEL.qrt --prompt "Once upon a time" --steps 64
//       Greedy (argmax) continuation, printed as llama2.c's run.c prints it; tokens/s on stderr.
//   qrt perplexity MODEL.qrt --text FILE [--float FLOAT.qrt] [--paragraphs N] [--skip N]
//       [--rouge-prompts N] [--rouge-prefix N] [--rouge-tokens N] [--json OUT.json]
//       The perplexity protocol of shared/models/MANIFEST.md over paragraphs [skip, skip + N) of
//       FILE; with --float, the comparison against the float32 blob on the same tokens: dPPL, KL
//       divergence per token (mean, 99th percentile), top-1 agreement, and ROUGE-L of greedy
//       continuations of each of the first --rouge-prompts paragraphs' first --rouge-prefix tokens.
//       Also tokens/s and the memory plan by category.
#include <chrono>
#include <cstdio>

#include "command.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_eval.h"
#include "llama/llama_text.h"
#include "file_io.h"
#include "json_writer.h"
#include "memory_json.h"
#include "progress.h"

namespace qrt {
namespace cli {
namespace {

const Option kGenerateOptions[] = {
    {"--prompt", "TEXT", "the prompt (default: BOS alone)"},
    {"--steps", "N", "tokens to generate (default 256, at most the context)"},
};

const Option kPerplexityOptions[] = {
    {"--text", "FILE", "paragraphs of text (blank-line separated) to score"},
    {"--float", "FLOAT.qrt", "the float32 blob: dPPL, KL per token (mean, p99), top-1 agreement, ROUGE-L"},
    {"--paragraphs", "N", "how many paragraphs (default 500)"},
    {"--skip", "N", "skip the first N paragraphs (default 0)"},
    {"--rouge-prompts", "N", "greedy continuations compared by ROUGE-L (default 20)"},
    {"--rouge-prefix", "N", "prompt tokens of each continuation (default 8, at least 1)"},
    {"--rouge-tokens", "N", "tokens of each continuation (default 64)"},
    {"--json", nullptr, "print the results as JSON (models/formats/JSON.md, qrt-perplexity) instead of text"},
    {"--json-out", "FILE", "also write the JSON to FILE"},
};

int run_generate(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kGenerateOptions), &error)) return usage_error("generate", error);
  if (args.positionals().size() != 1) return usage_error("generate", "expected MODEL.qrt");
  long long steps = 0;
  if (!count_flag(args, "--steps", 256, &steps)) return usage_error("generate", "--steps must be a count");
  llama::BlobLogitSource model;
  if (!model.open_file(args.positionals()[0], &error)) return failure("generate", error);
  llama::Tokenizer tokenizer;
  if (!model.tokenizer(&tokenizer, &error)) return failure("generate", error);
  std::vector<int32_t> prompt, generated;
  const std::string text = args.get("--prompt");
  if (llama::min_token_count(tokenizer, text.size()) + 1 > model.max_positions() ||
      !llama::encode(tokenizer, text, true, false, &prompt, &error) ||
      static_cast<long long>(prompt.size()) > model.max_positions()) {
    if (!error.empty()) return failure("generate", error);
    return failure("generate", "the prompt (" + std::to_string(text.size()) + " bytes) is longer "
                   "than the model's " + std::to_string(model.max_positions()) + "-token context");
  }
  const auto start = std::chrono::steady_clock::now();
  if (!llama::generate_greedy(&model, prompt, static_cast<int32_t>(steps), &generated, &error)) {
    return failure("generate", error);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // As run.c: the prompt's pieces after BOS, then the generated ones.
  std::vector<int32_t> shown(prompt.begin() + 1, prompt.end());
  shown.insert(shown.end(), generated.begin(), generated.end());
  std::printf("%s\n", llama::decode(tokenizer, shown, llama::kBosToken).c_str());
  const double positions = static_cast<double>(prompt.size() - 1 + generated.size());
  std::fprintf(stderr, "%zu tokens generated, %.0f tokens/s (%s)\n", generated.size(),
               seconds > 0 ? positions / seconds : 0.0, model.metadata(llama::kMetaQuant).c_str());
  return 0;
}

void print_memory(FILE* out, const char* label, const llama::BlobLogitSource& m) {
  const qrt_memory_report& r = m.memory();
  std::fprintf(out, "%s memory: weights %zu B (blob %zu B), arena %zu B = runtime state %zu + KV cache "
              "%zu + activations %zu + scratch %zu\n",
              label, m.weight_bytes(), r.blob_bytes, r.arena_bytes, r.runtime_state_bytes,
              r.persistent_bytes, r.activation_bytes, r.scratch_bytes);
}

// The keys both forms of the perplexity JSON share (models/formats/JSON.md, qrt-perplexity).
void json_results(host::JsonWriter* j, const std::string& name, const llama::BlobLogitSource& model,
                  const llama::PerplexityResult& r, const llama::TokenizeStats& cut, size_t units) {
  j->key("schema").value("qrt-perplexity").key("schema_version").value(1);
  j->key("model").value(name).key("strategy").value(model.metadata(llama::kMetaQuant));
  j->key("samples").value(static_cast<int64_t>(r.predicted_tokens));
  j->key("units").value(static_cast<uint64_t>(units));
  j->key("truncated_paragraphs").value(static_cast<int64_t>(cut.truncated_paragraphs));
  j->key("dropped_tokens").value(static_cast<int64_t>(cut.dropped_tokens));
  j->key("perplexity").value(r.perplexity).key("tokens_per_second").value(r.tokens_per_second);
  j->key("weight_bytes").value(static_cast<uint64_t>(model.weight_bytes()));
  host::write_memory_json(*j, model.memory());
}

int run_perplexity(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kPerplexityOptions), &error)) {
    return usage_error("perplexity", error);
  }
  if (args.positionals().size() != 1 || !args.has("--text")) {
    return usage_error("perplexity", "expected MODEL.qrt --text FILE");
  }
  long long paragraphs = 0, skip = 0, rouge_prompts = 0, rouge_prefix = 0, rouge_tokens = 0;
  if (!count_flag(args, "--paragraphs", 500, &paragraphs) || !count_flag(args, "--skip", 0, &skip) ||
      !count_flag(args, "--rouge-prompts", 20, &rouge_prompts) ||
      !count_flag(args, "--rouge-prefix", 8, &rouge_prefix) ||
      !count_flag(args, "--rouge-tokens", 64, &rouge_tokens) || rouge_prefix == 0) {
    return usage_error("perplexity", "counts must be non-negative integers (--rouge-prefix >= 1)");
  }
  FILE* text_out = args.has("--json") ? stderr : stdout;  // --json: stdout holds the JSON only
  llama::BlobLogitSource model;
  if (!model.open_file(args.positionals()[0], &error)) return failure("perplexity", error);
  llama::Tokenizer tokenizer;
  if (!model.tokenizer(&tokenizer, &error)) return failure("perplexity", error);
  std::string text;
  if (!llama::read_text_file(args.get("--text"), &text, &error)) return failure("perplexity", error);
  std::vector<std::vector<int32_t>> sequences;
  llama::TokenizeStats cut;
  if (!llama::tokenize_paragraphs(tokenizer, llama::split_paragraphs(text), static_cast<int32_t>(skip),
                                  static_cast<int32_t>(paragraphs), model.max_positions(),
                                  &sequences, &error, &cut)) {
    return failure("perplexity", error);
  }
  std::fprintf(text_out, "model %s (%s): paragraphs [%lld, %lld) of %s, each [BOS] + encode(paragraph) "
              "truncated to %d tokens, KV cache reset per paragraph\n",
              args.positionals()[0].c_str(), model.metadata(llama::kMetaQuant).c_str(), skip,
              skip + static_cast<long long>(sequences.size()), args.get("--text").c_str(),
              model.max_positions());
  const std::string note = llama::truncation_note(cut, model.max_positions());
  if (!note.empty()) std::fprintf(text_out, "%s\n", note.c_str());
  host::JsonWriter j;
  j.begin_object();
  if (!args.has("--float")) {
    llama::PerplexityResult r;
    host::Progress bar;
    if (!llama::evaluate_perplexity(&model, sequences, &r, &error, bar.callback())) {
      return failure("perplexity", error);
    }
    bar.finish();
    std::fprintf(text_out, "perplexity %.4f over %lld predicted tokens (mean NLL %.5f nats), %.0f tokens/s\n",
                r.perplexity, static_cast<long long>(r.predicted_tokens),
                r.total_nll / static_cast<double>(r.predicted_tokens), r.tokens_per_second);
    print_memory(text_out, "model", model);
    json_results(&j, args.positionals()[0], model, r, cut, sequences.size());
  } else {
    llama::BlobLogitSource reference;
    if (!reference.open_file(args.get("--float"), &error)) return failure("perplexity", error);
    if (reference.vocab_size() != model.vocab_size()) {
      return failure("perplexity", "the two models have different vocabularies");
    }
    llama::ComparisonResult r;
    host::Progress bar;
    if (!llama::compare_models(&model, &reference, sequences, &r, &error, bar.callback())) {
      return failure("perplexity", error);
    }
    bar.finish();
    std::vector<std::vector<int32_t>> prompts;
    for (size_t i = 0; i < sequences.size() && static_cast<long long>(prompts.size()) < rouge_prompts; ++i) {
      const size_t n = std::min(sequences[i].size(), static_cast<size_t>(rouge_prefix));
      prompts.emplace_back(sequences[i].begin(), sequences[i].begin() + static_cast<std::ptrdiff_t>(n));
    }
    double rouge = 0.0;
    if (!llama::greedy_agreement(&model, &reference, prompts, static_cast<int32_t>(rouge_tokens),
                                 &rouge, &error)) {
      return failure("perplexity", error);
    }
    std::fprintf(text_out, "perplexity %.4f (float %.4f, dPPL %+.3f%%) over %lld predicted tokens\n",
                r.model.perplexity, r.reference.perplexity, r.delta_ppl_percent,
                static_cast<long long>(r.model.predicted_tokens));
    std::fprintf(text_out, "KL(float || model) per token: mean %.5f, p99 %.5f, max %.4f nats; top-1 "
                "agreement %.4f\n",
                r.mean_kl, r.p99_kl, r.max_kl, r.top1_agreement);
    std::fprintf(text_out, "greedy continuations: ROUGE-L F1 %.4f (%zu prompts of %lld tokens, %lld tokens "
                "each)\n",
                rouge, prompts.size(), rouge_prefix, rouge_tokens);
    std::fprintf(text_out, "speed: model %.0f tokens/s, float %.0f tokens/s (host, C API)\n",
                r.model.tokens_per_second, r.reference.tokens_per_second);
    print_memory(text_out, "model", model);
    print_memory(text_out, "float", reference);
    json_results(&j, args.positionals()[0], model, r.model, cut, sequences.size());
    j.key("float_perplexity").value(r.reference.perplexity);
    j.key("perplexity_increase").value(r.model.perplexity / r.reference.perplexity - 1.0);
    j.key("kl_mean").value(r.mean_kl).key("kl_p99").value(r.p99_kl).key("kl_max").value(r.max_kl);
    j.key("agreement").value(r.top1_agreement).key("rouge_l").value(rouge);
    j.key("float_tokens_per_second").value(r.reference.tokens_per_second);
    j.key("float_flash_bytes").value(static_cast<uint64_t>(reference.memory().blob_bytes));
    j.key("float_arena_bytes").value(static_cast<uint64_t>(reference.memory().arena_bytes));
  }
  j.end_object();
  const std::string json = j.str() + "\n";
  if (args.has("--json")) std::fputs(json.c_str(), stdout);
  if (args.has("--json-out")) {
    std::string why;
    host::OutputFiles out;
    out.add(args.get("--json-out"), json);
    if (!out.commit(&why)) return failure("perplexity", why);
  }
  return 0;
}

}  // namespace

QRT_CLI_COMMAND("generate", "generate MODEL.qrt --prompt TEXT [--steps N]",
                "Greedy (argmax) continuation of a prompt by a llama blob; tokens/s on stderr.",
                options_of(kGenerateOptions), run_generate);
QRT_CLI_COMMAND("perplexity",
                "perplexity MODEL.qrt --text FILE [--float FLOAT.qrt] [--paragraphs N] [--skip N] "
                "[--rouge-prompts N] [--rouge-prefix N] [--rouge-tokens N] [--json] [--json-out FILE]",
                "Perplexity of a llama blob over paragraphs of text (each [BOS] + paragraph, KV "
                "cache reset per paragraph);\nwith --float, the comparison against the float32 "
                "blob on the same tokens.",
                options_of(kPerplexityOptions), run_perplexity);

}  // namespace cli
}  // namespace qrt
