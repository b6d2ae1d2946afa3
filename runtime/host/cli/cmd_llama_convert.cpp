// qrt convert for llama2.c checkpoints (a convert handler, see cmd_convert.cpp):
//
//   qrt convert stories260K.bin --tokenizer tok512.bin --quant f32|w8|w4
//       [--granularity channel|g32|g64|g128|gN] [--asym] [--clip] [--gptq] [--embedding-bits 8]
//       --calib TEXT [--calib-skip N] [--calib-count N] [--calib-method minmax|percentile|mse]
//       [--percentile P] [--act8] [--kv-bits 8|16] [--kv-len N] -o OUT.qrt
//
// Prints the weight error of every tensor (MSE, SNR in dB), the chosen activation scales, and the
// blob's memory plan. The blob is validated by the device loader before it is written.
#include <cstdio>
#include <cstring>

#include "file_io.h"
#include "blob_writer.h"
#include "command.h"
#include "llama/llama_blob.h"
#include "llama/llama_convert.h"
#include "llama/llama_text.h"
#include "model_file.h"
#include "progress.h"

namespace qrt {
namespace cli {
namespace {

constexpr const char* kUsage =
    "convert MODEL.bin --tokenizer TOK.bin --quant f32|w8|w4 [--granularity channel|g32|g64|g128] "
    "[--asym] [--clip] [--gptq] [--embedding-bits 8] --calib TEXT [--calib-skip N] [--calib-count N] "
    "[--calib-method minmax|percentile|mse] [--percentile P] [--act8] [--kv-bits 8|16] "
    "[--kv-len N] -o OUT.qrt";

const Option kLlamaOptions[] = {
    {"-o", "OUT.qrt", "the blob to write (--output is the same)"},
    {"--output", "OUT.qrt", "the blob to write"},
    {"--tokenizer", "TOK.bin", "llama2.c tokenizer file, stored in the blob (required)"},
    {"--quant", "f32|w8|w4", "weight type: float32 operators, or int8 / int4 weights (default w8)"},
    {"--granularity", "channel|gN", "one scale per output row (default) or per group of N columns (g32, g64, g128)"},
    {"--asym", nullptr, "asymmetric weights (a zero point per row or group)"},
    {"--clip", nullptr, "weight clipping range chosen by MSE instead of the absolute maximum"},
    {"--gptq", nullptr, "GPTQ rounding of the layer matrices on the calibration activations"},
    {"--embedding-bits", "8|4", "bits of the token embedding and classifier (default: as --quant)"},
    {"--calib", "TEXT", "calibration text, paragraphs separated by blank lines (required for w8/w4)"},
    {"--calib-skip", "N", "skip the first N calibration paragraphs (default 0)"},
    {"--calib-count", "N", "use N calibration paragraphs (default all)"},
    {"--calib-method", "minmax|percentile|mse", "activation range of the int8 sites (default mse)"},
    {"--percentile", "P", "the percentile of --calib-method percentile, in (0, 100]"},
    {"--act8", nullptr, "every activation site int8 (default: int16 for q/k, key cache, FFN and final norm)"},
    {"--kv-bits", "8|16", "key cache bits (default 16)"},
    {"--kv-len", "N", "KV cache rows (default the checkpoint's seq_len); fewer rows, smaller arena"},
};

// A llama2.c checkpoint: the "ak42" magic of a v2 export, or a legacy header whose fields are a
// valid configuration.
bool is_llama2c(const std::string& path) {
  std::vector<uint8_t> prefix;
  std::string error;
  if (!host::read_file_prefix(path, 28, &prefix, &error) || prefix.size() < 28) return false;
  const uint8_t* header = prefix.data();
  if (std::memcmp(header, "24ka", 4) == 0) return true;
  int32_t v[7];
  std::memcpy(v, header, sizeof v);
  llama::Config c;
  c.dim = v[0];
  c.hidden_dim = v[1];
  c.n_layers = v[2];
  c.n_heads = v[3];
  c.n_kv_heads = v[4];
  c.vocab_size = v[5] == INT32_MIN ? 0 : (v[5] < 0 ? -v[5] : v[5]);  // 0: not a valid config
  c.seq_len = v[6];
  return llama::validate_config(c, nullptr);
}

int fail_usage(const std::string& message) {
  std::fprintf(stderr, "qrt convert: %s\nusage: qrt %s\n", message.c_str(), kUsage);
  return kExitUsage;
}

int convert_llama(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kLlamaOptions), &error)) {
    return fail_usage(error);
  }
  const std::string out = args.get("-o", args.get("--output"));
  if (args.positionals().size() != 1 || out.empty()) return fail_usage("expected MODEL.bin -o OUT.qrt");
  const std::string& in = args.positionals()[0];
  if (!args.has("--tokenizer")) return fail_usage("--tokenizer is required");

  llama::ConvertOptions o;
  const std::string quant = args.get("--quant", "w8");
  if (quant == "f32") {
    o.float32 = true;
  } else if (quant == "w8" || quant == "w4") {
    o.weights.bits = quant == "w8" ? 8 : 4;
  } else {
    return fail_usage("--quant must be f32, w8 or w4");
  }
  const std::string granularity = args.get("--granularity", "channel");
  if (granularity == "channel") {
    o.weights.group_size = 0;
  } else {
    unsigned long long g = 0;
    if (granularity.size() < 2 || granularity[0] != 'g' || !parse_uint(granularity.substr(1), &g) ||
        g == 0 || g > 65536) {
      return fail_usage("--granularity must be channel or gN (g32, g64, g128, ...)");
    }
    o.weights.group_size = static_cast<int32_t>(g);
  }
  o.weights.asymmetric = args.has("--asym");
  o.weights.mse_clip = args.has("--clip");
  o.gptq = args.has("--gptq");
  long long embedding_bits = 0, kv_bits = 16, kv_len = 0, skip = 0, count = -1;
  if (!count_flag(args, "--embedding-bits", 0, &embedding_bits) ||
      (embedding_bits != 0 && embedding_bits != 8 && embedding_bits != 4)) {
    return fail_usage("--embedding-bits must be 8 or 4");
  }
  o.embedding_bits = static_cast<int32_t>(embedding_bits);
  if (args.has("--act8")) o.plan = llama::all_int8_activation_plan();
  if (!count_flag(args, "--kv-bits", o.plan.key_cache_bits, &kv_bits) || (kv_bits != 8 && kv_bits != 16)) {
    return fail_usage("--kv-bits must be 8 or 16");
  }
  o.plan.key_cache_bits = static_cast<int32_t>(kv_bits);
  if (!count_flag(args, "--kv-len", 0, &kv_len)) return fail_usage("--kv-len must be a count");
  o.kv_len = static_cast<int32_t>(kv_len);
  o.calibration.method = kCalibrateMse;
  if (args.has("--calib-method") &&
      !parse_calibration_method(args.get("--calib-method"), &o.calibration.method)) {
    return fail_usage("--calib-method must be minmax, percentile or mse");
  }
  if (args.has("--percentile") &&
      (!parse_double(args.get("--percentile"), &o.calibration.percentile) ||
       o.calibration.percentile <= 0 || o.calibration.percentile > 100)) {
    return fail_usage("--percentile must be in (0, 100]");
  }
  if (!count_flag(args, "--calib-skip", 0, &skip) || (args.has("--calib-count") && !count_flag(args, "--calib-count", -1, &count))) {
    return fail_usage("--calib-skip / --calib-count must be counts");
  }

  llama::Model model;
  if (!llama::load_checkpoint(in, &model, &error)) return failure("convert", error);
  llama::Tokenizer tokenizer;
  if (!host::read_file_bytes(args.get("--tokenizer"), &o.tokenizer, &error) ||
      !llama::parse_tokenizer(o.tokenizer.data(), o.tokenizer.size(), model.config.vocab_size,
                              &tokenizer, &error)) {
    return failure("convert", args.get("--tokenizer") + ": " + error);
  }
  o.source = in.substr(in.find_last_of('/') == std::string::npos ? 0 : in.find_last_of('/') + 1);

  std::vector<std::vector<int32_t>> calibration;
  if (!o.float32) {
    if (!args.has("--calib")) return fail_usage("--calib TEXT is required for w8 / w4");
    std::string text;
    if (!llama::read_text_file(args.get("--calib"), &text, &error)) return failure("convert", error);
    const std::vector<std::string> paragraphs = llama::split_paragraphs_without_markers(text);
    llama::TokenizeStats cut;
    if (!llama::tokenize_paragraphs(tokenizer, paragraphs, static_cast<int32_t>(skip),
                                    static_cast<int32_t>(count), model.config.seq_len,
                                    &calibration, &error, &cut)) {
      return failure("convert", args.get("--calib") + ": " + error);
    }
    const std::string note = llama::truncation_note(cut, model.config.seq_len);
    if (!note.empty()) std::printf("calibration: %s\n", note.c_str());
  }

  std::vector<uint8_t> blob;
  llama::ConvertReport report;
  host::Progress bar;
  o.progress = bar.callback();
  if (!llama::convert_llama(model, calibration, o, &blob, &report, &error)) {
    return failure("convert", in + ": " + error);
  }
  bar.finish();
  llama::BlobLogitSource check;
  if (!check.open(blob, &error)) {
    return failure("convert", in + ": the converted blob does not validate: " + error);
  }
  if (!host::write_file_bytes(out, blob, &error)) return failure("convert", error);

  if (!report.weights.empty()) {
    std::printf("%-26s %6s %6s %12s %9s %9s\n", "weight", "rows", "cols", "mse", "snr_db", "bytes");
    for (const llama::WeightReport& w : report.weights) {
      std::printf("%-26s %6d %6d %12.4e %9.2f %9lld\n", w.name.c_str(), w.rows, w.cols, w.error.mse,
                  w.error.snr_db, static_cast<long long>(w.bytes));
    }
    std::printf("\n%-26s %5s %10s %10s\n", "activation", "bits", "abs_max", "clip");
    for (const llama::ScaleReport& s : report.scales) {
      std::printf("%-26s %5d %10.4f %10.4f\n", s.name.c_str(), s.bits, s.abs_max, s.clip);
    }
    std::printf("\ncalibration: %lld tokens from %zu paragraphs of %s (method %s)\n",
                static_cast<long long>(report.calibration_tokens), calibration.size(),
                args.get("--calib").c_str(), calibration_method_name(o.calibration.method));
  }
  const qrt_memory_report& m = check.memory();
  std::printf("%s -> %s (%s): blob %zu bytes, weights %zu bytes; arena %zu bytes = state %zu + "
              "KV cache %zu + activations %zu + scratch %zu\n",
              in.c_str(), out.c_str(), check.metadata(llama::kMetaQuant).c_str(), blob.size(),
              check.weight_bytes(), m.arena_bytes, m.runtime_state_bytes, m.persistent_bytes,
              m.activation_bytes, m.scratch_bytes);
  return 0;
}

}  // namespace

QRT_CLI_CONVERT_HANDLER("llama2.c checkpoint (v0 float32 or v2 Q8_0 .bin)", kUsage,
                        options_of(kLlamaOptions), is_llama2c, convert_llama);

}  // namespace cli
}  // namespace qrt
