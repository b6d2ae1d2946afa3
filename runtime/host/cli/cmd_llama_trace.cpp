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

#include "command.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_parity.h"
#include "llama/llama_text.h"
#include "model_file.h"

namespace qrt {
namespace cli {
namespace {

bool count_flag(const Args& args, const char* flag, unsigned long long fallback, int32_t* value) {
  unsigned long long v = fallback;
  if (args.has(flag) && (!parse_uint(args.get(flag), &v) || v > (1u << 30))) return false;
  *value = static_cast<int32_t>(v);
  return true;
}

int run_trace(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, {"--text", "--paragraphs", "--skip", "--prompt", "--steps", "-o"}, {},
                  &error)) {
    return usage_error("trace", error);
  }
  if (args.positionals().size() != 1 || !args.has("--text") || !args.has("-o")) {
    return usage_error("trace", "expected MODEL.qrt --text FILE -o TRACE.txt");
  }
  int32_t paragraphs = 0, skip = 0, steps = 0;
  if (!count_flag(args, "--paragraphs", 3, &paragraphs) || !count_flag(args, "--skip", 0, &skip) ||
      !count_flag(args, "--steps", 32, &steps)) {
    return usage_error("trace", "--paragraphs, --skip and --steps take counts");
  }
  const std::string& path = args.positionals()[0];
  llama::BlobLogitSource model;
  if (!model.open_file(path, &error)) return failure("trace", error);
  llama::Tokenizer tokenizer;
  if (!model.tokenizer(&tokenizer, &error)) return failure("trace", error);
  std::vector<int32_t> prompt;
  if (!llama::encode(tokenizer, args.get("--prompt"), true, false, &prompt, &error)) {
    return failure("trace", error);
  }
  if (static_cast<int32_t>(prompt.size()) > model.max_positions()) {
    return failure("trace", "the prompt is longer than the model's KV cache");
  }
  std::string text;
  std::vector<std::vector<int32_t>> sequences;
  if (!llama::read_text_file(args.get("--text"), &text, &error) ||
      !llama::tokenize_paragraphs(tokenizer, llama::split_paragraphs(text), skip, paragraphs,
                                  model.max_positions(), &sequences, &error)) {
    return failure("trace", error);
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
                "[--steps N] -o TRACE.txt  (llama: expected results for device parity tests)",
                run_trace);

}  // namespace cli
}  // namespace qrt
