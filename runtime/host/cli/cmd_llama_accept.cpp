// qrt accept --text: a llama blob judged against its float32 baseline on text, by the acceptance
// library's rule and reports (the same table and JSON as every `qrt accept`).
//
//   qrt accept MODEL.qrt [--float FLOAT.qrt] --text FILE [--max-units N] [--criteria FILE]
//       [--criterion key=value] [--strategy NAME] [--json] [--json-out FILE]
//   Paragraphs [0, N) of FILE (--max-units, default all) with the perplexity protocol of
//   `qrt perplexity` ([BOS] + encode(paragraph), truncated to the KV length, cache reset per
//   paragraph). Criteria that apply: max_perplexity_increase, max_kl_mean, min_agreement,
//   min_speedup / max_memory_bytes, max_latency_cycles (per token), max_arena_bytes,
//   max_flash_bytes. Runs on the host (the device computes the same logits bit for bit:
//   tests/ports/test_llama_parity.cpp).
#include <unistd.h>

#include <cstdio>

#include "file_io.h"
#include "cmd_llama_accept.h"
#include "llama/llama_accept.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_text.h"
#include "model_file.h"
#include "progress.h"
#include "qrt/accept.h"

namespace qrt {
namespace cli {
namespace {

constexpr int kRunError = kExitFailure;  // could not run: a message says why

int run_error(const std::string& message) {
  std::fprintf(stderr, "qrt accept: %s\n", message.c_str());
  return kRunError;
}

std::string base_name(const std::string& path, const char* drop_extension) {
  const size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string ext = drop_extension;
  if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
    name.resize(name.size() - ext.size());
  }
  return name;
}

void write_stdout(void*, const char* text) { std::fputs(text, stdout); }
void write_string(void* user, const char* text) { *static_cast<std::string*>(user) += text; }


}  // namespace

int accept_text(const Args& args, const std::string& criteria_text, uint32_t max_units) {
  if (args.has("--eval")) return usage_error("accept", "give --eval SET or --text FILE, not both");
  const std::string target = args.get("--target", "host");
  if (target != "host") {
    return usage_error("accept", "--text runs on the host only (target '" + target + "')");
  }
  std::string error;
  qrt_accept_criteria criteria;
  qrt_accept_criteria_init(&criteria);
  qrt_criteria_parse_error perr;
  if (qrt_accept_criteria_parse(criteria_text.data(), criteria_text.size(), &criteria, &perr) !=
      QRT_OK) {
    return usage_error("accept", "criteria line " + std::to_string(perr.line) + ": " + perr.message);
  }
  const std::string& path = args.positionals()[0];
  llama::BlobLogitSource model, reference;
  if (!model.open_file(path, &error)) return run_error(error);
  const bool has_float = args.has("--float");
  if (has_float && !reference.open_file(args.get("--float"), &error)) return run_error(error);
  llama::Tokenizer tokenizer;
  if (!model.tokenizer(&tokenizer, &error)) return run_error(path + ": " + error);
  int32_t positions = model.max_positions();
  if (has_float && reference.max_positions() < positions) positions = reference.max_positions();
  std::string text;
  std::vector<std::vector<int32_t>> sequences;
  const int32_t count = max_units == 0 ? -1 : static_cast<int32_t>(max_units);
  llama::TokenizeStats cut;
  if (!llama::read_text_file(args.get("--text"), &text, &error) ||
      !llama::tokenize_paragraphs(tokenizer, llama::split_paragraphs(text), 0, count, positions,
                                  &sequences, &error, &cut)) {
    return run_error(args.get("--text") + ": " + error);
  }
  const std::string note = llama::truncation_note(cut, positions);
  if (!note.empty()) std::fprintf(stderr, "qrt accept: note: %s\n", note.c_str());

  llama::TextAcceptance run;
  run.model_name = base_name(path, ".qrt");
  run.float_model_name = has_float ? base_name(args.get("--float"), ".qrt") : "";
  run.strategy = args.get("--strategy", model.metadata(llama::kMetaQuant));
  run.text_name = base_name(args.get("--text"), "") + " paragraphs [0, " +
                  std::to_string(sequences.size()) + "), <= " + std::to_string(positions) +
                  " tokens each";
  host::Progress progress;
  run.progress = progress.callback();
  static qrt_accept_results results;
  static qrt_accept_verdict verdict;
  qrt_accept_results_init(&results);
  if (!llama::measure_text_acceptance(&model, has_float ? &reference : nullptr, sequences, &run,
                                      &results, &error)) {
    return run_error(error);
  }
  if (qrt_accept_evaluate(&criteria, &results, &verdict) != QRT_OK) {
    return run_error("the acceptance rule could not be evaluated");
  }
  if (args.has("--json")) {
    qrt_accept_write_json(&criteria, &results, &verdict, write_stdout, nullptr);
  } else {
    qrt_accept_write_table(&criteria, &results, &verdict, write_stdout, nullptr);
  }
  std::fflush(stdout);
  if (args.has("--json-out")) {
    std::string json;
    qrt_accept_write_json(&criteria, &results, &verdict, write_string, &json);
    if (!host::write_file_bytes(args.get("--json-out"), {json.begin(), json.end()}, &error)) {
      return run_error(error);
    }
  }
  return verdict.pass || !verdict.judged ? 0 : 1;  // no criteria: a measurement, exit 0
}

}  // namespace cli
}  // namespace qrt
