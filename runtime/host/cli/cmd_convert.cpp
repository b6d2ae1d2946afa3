// qrt convert: turn a model file into a .qrt blob. The importer is chosen by the registered
// convert handlers (TFLite here; llama2.c checkpoints in cmd_llama*.cpp).
#include <cstdio>
#include <cstring>

#include "file_io.h"
#include "blob_writer.h"
#include "command.h"
#include "model_file.h"
#include "tflite_import.h"

namespace qrt {
namespace cli {
namespace {

// A TFLite flatbuffer carries the file identifier "TFL3" after its 4-byte root offset, whatever
// the file is called.
bool is_tflite(const std::string& path) {
  std::vector<uint8_t> prefix;
  std::string error;
  return host::read_file_prefix(path, 8, &prefix, &error) &&
         host::is_tflite_bytes(prefix.data(), prefix.size());
}

const Option kTfliteOptions[] = {
    {"-o", "OUT.qrt", "the blob to write (--output is the same)"},
    {"--output", "OUT.qrt", "the blob to write"},
};

int convert_tflite(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kTfliteOptions), &error)) return usage_error("convert", error);
  const std::string out = args.get("-o", args.get("--output"));
  if (args.positionals().size() != 1 || out.empty()) {
    return usage_error("convert", "expected IN.tflite -o OUT.qrt");
  }
  const std::string& in = args.positionals()[0];
  std::vector<uint8_t> tflite, blob;
  if (!host::read_file_bytes(in, &tflite, &error, host::kMaxTfliteFileBytes)) return failure("convert", error);
  host::ImportReport report;
  const std::string name = in.substr(in.find_last_of('/') == std::string::npos ? 0 : in.find_last_of('/') + 1);
  if (!host::import_tflite(tflite.data(), tflite.size(), name, &blob, &report, &error)) {
    return failure("convert", in + ": " + error);
  }
  host::ModelFile model;  // for the plan printed below (import_tflite validated the blob)
  if (!host::load_model_bytes(blob, &model, &error)) return failure("convert", in + ": " + error);
  if (!host::write_file_bytes(out, blob, &error)) return failure("convert", error);
  std::printf("%s -> %s: %d operators, %d tensors, %zu bytes; arena %zu bytes (activations %u, "
              "unshared %u, %u in place, plan '%s')\n",
              in.c_str(), out.c_str(), report.operators, report.tensors, blob.size(),
              model.plan.arena_bytes, report.plan.activation_bytes, report.plan.naive_bytes,
              report.plan.in_place_ops, report.plan.strategy.c_str());
  return 0;
}

int run_convert(int argc, char** argv) {
  std::string input;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.empty() || a[0] == '-') {
      ++i;  // skip a flag and (conservatively) its value: handlers parse the real line
      continue;
    }
    input = a;
    break;
  }
  if (input.empty()) {
    std::fprintf(stderr, "qrt convert: expected an input model file ('qrt convert --help' lists the formats)\n");
    return kExitUsage;
  }
  std::vector<uint8_t> probe;
  std::string error;
  if (!host::read_file_prefix(input, 1, &probe, &error)) return failure("convert", error);
  for (const ConvertHandler& h : convert_handlers()) {
    if (h.accepts(input)) return h.run(argc, argv);
  }
  std::string formats;
  for (const ConvertHandler& h : convert_handlers()) formats += std::string(formats.empty() ? "" : "; ") + h.format;
  return failure("convert", input + ": unrecognised model format (supported: " + formats + ")");
}

}  // namespace

QRT_CLI_CONVERT_HANDLER("TFLite flatbuffer (.tflite), int8 or float32", "convert IN.tflite -o OUT.qrt",
                        options_of(kTfliteOptions), is_tflite, convert_tflite);
QRT_CLI_COMMAND("convert", "convert IN.tflite|MODEL.bin ... -o OUT.qrt",
                "Imports a model into a .qrt blob, validated and planned. The importer follows the "
                "input's content (not its name):\na TFLite flatbuffer (int8 or float32) or a "
                "llama2.c checkpoint; their options follow.",
                Options{}, run_convert);

}  // namespace cli
}  // namespace qrt
