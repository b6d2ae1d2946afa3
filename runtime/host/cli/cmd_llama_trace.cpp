// qrt trace: the host's expected results of a llama blob, for device parity tests
// (runtime/host/llama/llama_parity.h has the file format).
//
//   qrt trace MODEL.qrt --text FILE [--paragraphs N] [--skip N] [--prompt TEXT] [--steps N]
//       -o TRACE.txt
//   Greedy ids of --steps tokens (default 32) after the prompt (default "": BOS alone), then
//   paragraphs [skip, skip + N) of FILE (default the first 3) with the perplexity protocol of
//   `qrt perplexity`, truncated to the blob's KV length: token ids, the NLL of every predicted
//   token and a hash of every position's logits.
#include <cstdio>

#include "file_io.h"
#include "command.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_parity.h"
#include "llama/llama_text.h"
#include "model_file.h"

namespace qrt {
namespace cli {
namespace {

bool count_flag32(const Args& args, const char* flag, long long fallback, int32_t* value) {
  long long v = 0;
  if (!count_flag(args, flag, fallback, &v)) return false;
  *value = static_cast<int32_t>(v);  // <= 2^30
  return true;
}

const Option kTraceOptions[] = {
    {"--text", "FILE", "paragraphs of text (blank-line separated) to score"},
    {"--paragraphs", "N", "how many paragraphs (default 3)"},
    {"--skip", "N", "skip the first N paragraphs (default 0)"},
    {"--prompt", "TEXT", "prompt of the greedy continuation (default: BOS alone)"},
    {"--steps", "N", "greedy tokens after the prompt (default 32)"},
    {"-o", "TRACE.txt", "the trace to write"},
};

int run_trace(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kTraceOptions), &error)) {
    return usage_error("trace", error);
  }
  if (args.positionals().size() != 1 || !args.has("--text") || !args.has("-o")) {
    return usage_error("trace", "expected MODEL.qrt --text FILE -o TRACE.txt");
  }
  int32_t paragraphs = 0, skip = 0, steps = 0;
  if (!count_flag32(args, "--paragraphs", 3, &paragraphs) || !count_flag32(args, "--skip", 0, &skip) ||
      !count_flag32(args, "--steps", 32, &steps)) {
    return usage_error("trace", "--paragraphs, --skip and --steps take counts");
  }
  const std::string& path = args.positionals()[0];
  llama::BlobLogitSource model;
  if (!model.open_file(path, &error)) return failure("trace", error);
  llama::Tokenizer tokenizer;
  if (!model.tokenizer(&tokenizer, &error)) return failure("trace", error);
  std::vector<int32_t> prompt;
  const std::string text_prompt = args.get("--prompt");
  if (llama::min_token_count(tokenizer, text_prompt.size()) + 1 > model.max_positions() ||
      !llama::encode(tokenizer, text_prompt, true, false, &prompt, &error) ||
      static_cast<int32_t>(prompt.size()) > model.max_positions()) {
    if (!error.empty()) return failure("trace", error);
    return failure("trace", "the prompt is longer than the model's " +
                                std::to_string(model.max_positions()) + "-token context");
  }
  std::string text;
  std::vector<std::vector<int32_t>> sequences;
  if (!llama::read_text_file(args.get("--text"), &text, &error) ||
      !llama::tokenize_paragraphs(tokenizer, llama::split_paragraphs(text), skip, paragraphs,
                                  model.max_positions(), &sequences, &error)) {
    return failure("trace", args.get("--text") + ": " + error);
  }
  llama::ParityTrace trace;
  trace.model = path + " (" + model.metadata(llama::kMetaQuant) + ")";
  if (!llama::compute_parity_trace(&model, prompt, steps, sequences, &trace, &error)) {
    return failure("trace", error);
  }
  const std::string out = llama::format_parity_trace(trace);
  if (!host::write_file_bytes(args.get("-o"), {out.begin(), out.end()}, &error)) {
    return failure("trace", error);
  }
  std::printf("%s: %zu greedy ids, %zu sequences, %lld predicted tokens, summed NLL %.6f -> %s\n",
              path.c_str(), trace.generated.size(), trace.sequences.size(),
              static_cast<long long>(trace.predicted_tokens), trace.total_nll,
              args.get("-o").c_str());
  return 0;
}

}  // namespace

QRT_CLI_COMMAND("trace",
                "trace MODEL.qrt --text FILE [--paragraphs N] [--skip N] [--prompt TEXT] "
                "[--steps N] -o TRACE.txt",
                "Writes a llama blob's expected results on the host (greedy token ids, every "
                "predicted token's NLL, a hash of\nevery position's logits) for device parity tests.",
                options_of(kTraceOptions), run_trace);

}  // namespace cli
}  // namespace qrt
