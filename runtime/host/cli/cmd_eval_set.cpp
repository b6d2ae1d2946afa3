// qrt eval-set: build an evaluation set (models/formats/EVAL-SET.md) from a folder of sample files
// with a labels CSV (MLPerf Tiny presets, or the format given), from NumPy arrays, or from IDX
// files.
#include <cstdio>
#include <string>
#include <vector>

#include "accept/eval_set_builder.h"
#include "accept/eval_set_writer.h"
#include "command.h"
#include "file_io.h"

namespace qrt {
namespace cli {
namespace {

const Option kEvalSetOptions[] = {
    {"-o", "OUT.qev", "the evaluation set to write (--output is the same)"},
    {"--output", "OUT.qev", "the evaluation set to write"},
    {"--preset", "ic01|kws01|ad01", "the MLPerf Tiny sample format of DIR (its labels file, shapes, quantization)"},
    {"--labels", "FILE.csv", "DIR's labels: rows file,label or file,class_count,label (default DIR/y_labels.csv)"},
    {"--shape", "D0,D1,...", "one sample's dimensions, batch 1 included (1,28,28,1); .npy: default from the array"},
    {"--dtype", "int8|uint8|float32", "the values the sample files hold, stored as they are"},
    {"--scale", "S", "quantization of stored int8/uint8 values (with --zero-point): real = S * (q - Z)"},
    {"--zero-point", "Z", "the zero point that goes with --scale"},
    {"--pixels", "int8|uint8|float32", "uint8 pixels stored for the model: int8 u8-128 or uint8 (scale 1/255), float32 u8/255"},
    {"--classes", "N", "class count for file,label rows and .npy labels (default: largest label + 1)"},
    {"--idx", nullptr, "read IDX files (MNIST / Fashion-MNIST: IMAGES LABELS, .gz allowed) instead of DIR"},
    {"--npy", nullptr, "read NumPy arrays (SAMPLES.npy [N, ...] and LABELS.npy [N]) instead of DIR"},
    {"--max-units", "N", "keep only N units, evenly spaced"},
    {"--skip-units", "N", "leave out the first N units (the ones qrt quantize --calib-count N calibrated on)"},
    {"--name", "NAME", "the set's name in reports (default: the preset's, the folder's or idx/npy)"},
};

// "1,28,28,1" -> dims; false unless 1 to 8 positive integers.
bool parse_shape(const std::string& text, std::vector<int32_t>* dims) {
  dims->clear();
  size_t from = 0;
  while (from <= text.size()) {
    const size_t comma = std::min(text.find(',', from), text.size());
    unsigned long long v = 0;
    if (!parse_count_at_most(text.substr(from, comma - from), 1u << 24, &v) || v == 0) return false;
    dims->push_back(static_cast<int32_t>(v));
    from = comma + 1;
  }
  return !dims->empty() && dims->size() <= 8;
}

// The explicit sample format of the command line into `f`; false with a usage message.
bool explicit_format(const Args& args, host::accept::FolderFormat* f, std::string* error) {
  if (args.has("--shape") && !parse_shape(args.get("--shape"), &f->dims)) {
    *error = "--shape expects positive dimensions such as 1,28,28,1";
    return false;
  }
  if (args.has("--pixels") && (args.has("--dtype") || args.has("--scale"))) {
    *error = "--pixels sets the stored type and quantization: no --dtype or --scale with it";
    return false;
  }
  if (args.has("--pixels")) {
    host::accept::IdxPixels pixels;
    if (!host::accept::parse_pixels(args.get("--pixels"), &pixels)) {
      *error = "--pixels is int8, uint8 or float32";
      return false;
    }
    host::accept::set_pixels(pixels, f);
  }
  if (args.has("--dtype")) {
    const std::string t = args.get("--dtype");
    const qrt_dtype d = t == "int8" ? QRT_DTYPE_INT8 : t == "uint8" ? QRT_DTYPE_UINT8
                        : t == "float32" ? QRT_DTYPE_FLOAT32 : QRT_DTYPE_INT32;
    if (d == QRT_DTYPE_INT32) {
      *error = "--dtype is int8, uint8 or float32";
      return false;
    }
    f->file_dtype = f->dtype = d;
  }
  if (args.has("--scale") != args.has("--zero-point")) {
    *error = "--scale and --zero-point go together";
    return false;
  }
  if (args.has("--scale")) {
    double scale = 0;
    long long zp = 0;
    if (!parse_double(args.get("--scale"), &scale) || !(scale > 0) || scale > 1e30) {
      *error = "--scale expects a positive number";
      return false;
    }
    const std::string z = args.get("--zero-point");
    char* end = nullptr;
    zp = std::strtoll(z.c_str(), &end, 10);
    if (z.empty() || *end != '\0' || zp < -32768 || zp > 65535) {
      *error = "--zero-point expects an integer";
      return false;
    }
    f->scale = static_cast<float>(scale);
    f->zero_point = static_cast<int32_t>(zp);
  }
  long long classes = 0;
  if (!count_flag(args, "--classes", 0, &classes, 65536) || (args.has("--classes") && classes < 2)) {
    *error = "--classes expects a count of at least 2";
    return false;
  }
  f->class_count = static_cast<uint32_t>(classes);
  f->labels_csv = args.get("--labels");
  return true;
}

std::string folder_name(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir.substr(dir.find_last_of('/') == std::string::npos ? 0 : dir.find_last_of('/') + 1);
}

int run_eval_set(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kEvalSetOptions), &error)) {
    return usage_error("eval-set", error);
  }
  const std::string out = args.get("-o", args.get("--output"));
  const auto& pos = args.positionals();
  const bool idx = args.has("--idx"), npy = args.has("--npy");
  if (out.empty() || (idx && npy) || pos.size() != (idx || npy ? 2u : 1u)) {
    return usage_error("eval-set", "expected DIR, --idx IMAGES LABELS or --npy SAMPLES LABELS, and -o OUT.qev");
  }
  unsigned long long max_units = 0;
  if (args.has("--max-units") && !parse_count_at_most(args.get("--max-units"), UINT32_MAX, &max_units)) {
    return usage_error("eval-set", "--max-units expects a count in [0, 4294967295]");
  }
  long long skip_units = 0;
  if (!count_flag(args, "--skip-units", 0, &skip_units, UINT32_MAX)) {
    return usage_error("eval-set", "--skip-units expects a count in [0, 4294967295]");
  }
  host::accept::BuildOptions options;
  options.max_units = static_cast<uint32_t>(max_units);
  options.skip_units = static_cast<uint32_t>(skip_units);
  host::accept::FolderFormat format;
  const bool preset = args.has("--preset");
  if (preset && !host::accept::mlperf_preset(args.get("--preset"), &format)) {
    return usage_error("eval-set", "unknown preset (ic01, kws01, ad01)");
  }
  const bool explicit_input = args.has("--shape") || args.has("--dtype") || args.has("--pixels") ||
                              args.has("--scale");
  if (preset && explicit_input) {
    return usage_error("eval-set", "--preset fixes the input format: no --shape, --dtype, --pixels or --scale");
  }
  if (!preset && !explicit_input && !idx && !npy &&
      !host::accept::mlperf_preset(folder_name(pos[0]), &format)) {
    return usage_error("eval-set", "no preset for folder '" + folder_name(pos[0]) +
                                       "': give --shape and --dtype (or --pixels), or --preset");
  }
  if (!explicit_format(args, &format, &error)) return usage_error("eval-set", error);
  std::vector<uint8_t> bytes;
  bool built = false;
  if (idx) {
    host::accept::IdxPixels pixels = host::accept::IdxPixels::kInt8;
    if (args.has("--pixels")) host::accept::parse_pixels(args.get("--pixels"), &pixels);
    built = host::accept::build_idx_eval_set(pos[0], pos[1], pixels, args.get("--name", "idx"),
                                             options, &bytes, &error);
  } else if (npy) {
    format.name = args.get("--name", "npy");
    built = host::accept::build_npy_eval_set(pos[0], pos[1], format, options, &bytes, &error);
  } else {
    if (explicit_input && format.dims.empty()) {
      return usage_error("eval-set", "a folder of sample files needs --shape");
    }
    if (explicit_input) format.name = folder_name(pos[0]);
    if (args.has("--name")) format.name = args.get("--name");
    built = host::accept::build_folder_eval_set(pos[0], &format, options, &bytes, &error);
  }
  if (!built) return failure("eval-set", error);
  if (!host::write_file_bytes(out, bytes, &error)) return failure("eval-set", error);
  host::AlignedBytes aligned;
  qrt_eval_set set;
  if (!host::accept::load_eval_set_file(out, &aligned, &set, &error)) {
    return failure("eval-set", error);
  }
  std::printf("%s: '%s', %u samples in %u units, %u input(s), %zu bytes\n", out.c_str(), set.name,
              set.sample_count, set.unit_count, set.input_count, bytes.size());
  return 0;
}

}  // namespace

QRT_CLI_COMMAND("eval-set",
                "eval-set DIR [--preset ic01|kws01|ad01 | --shape D0,D1,... (--dtype T [--scale S "
                "--zero-point Z] | --pixels P)] [--labels FILE.csv] [--classes N] | --npy SAMPLES.npy "
                "LABELS.npy | --idx IMAGES[.gz] LABELS[.gz] ... -o OUT.qev [--skip-units N] [--max-units N] [--name NAME]",
                "Builds an evaluation set (models/formats/EVAL-SET.md) for qrt accept and the device: "
                "from a folder of sample files\\nand a labels CSV (MLPerf Tiny folders by preset, any "
                "other with its format), from NumPy arrays, or from IDX files.",
                options_of(kEvalSetOptions), run_eval_set);

}  // namespace cli
}  // namespace qrt
