// qrt accept: the acceptance check (runtime/accept/include/qrt/accept_run.h) on the host or on an
// emulated target.
//
// --target host runs in this process. Other targets run the cross-built qrt_accept_runner under
// QEMU (build-cross/<target>/bin/qrt_accept_runner, as .ci/cross.sh builds it, or --runner), with
// the models, the set and the criteria handed over as files: the device computes every metric and
// prints the report itself. Exit status: 0 PASS, 1 FAIL or a file, model or target problem (named
// on stderr), 2 usage error.
//
// --layers N (default 10): after the timed loop, the first N units run again untimed to compare
// every intermediate tensor with its float twin of the same name (0 turns it off).
//
// --text FILE (instead of --eval): a llama blob on text, judged by perplexity, KL and agreement
// against --float (cmd_llama_accept.cpp); --max-units counts paragraphs.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "file_io.h"
#include "accept/eval_set_builder.h"
#include "blob_writer.h"
#include "cmd_llama_accept.h"
#include "command.h"
#include "model_file.h"
#include "op_registry.h"
#include "progress.h"
#include "qrt/accept.h"
#include "qrt/accept_run.h"
#include "tflite_import.h"

namespace qrt {
namespace cli {
namespace {

constexpr int kRunError = kExitFailure;  // the check could not run: a message says why

int run_error(const std::string& message) {
  std::fprintf(stderr, "qrt accept: %s\n", message.c_str());
  return kRunError;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The source tree: QRT_SOURCE_DIR, else derived from this file's compiled-in path.
std::string source_dir() {
  if (const char* env = std::getenv("QRT_SOURCE_DIR")) return env;
  std::string here = __FILE__;
  const std::string tail = "runtime/host/cli/cmd_accept.cpp";
  if (ends_with(here, tail)) return here.substr(0, here.size() - tail.size());
  return "./";
}

// The criteria text both sides parse: the file with overridden keys commented out, then one line
// per override. Host and device read the same text, so they judge by the same numbers.
struct Override {
  const char* flag;
  const char* key;
};
constexpr Override kOverrides[] = {{"--max-drop", "max_accuracy_drop"},
                                   {"--min-speedup", "min_speedup"},
                                   {"--max-arena", "max_arena_bytes"},
                                   {"--max-flash", "max_flash_bytes"},
                                   {"--min-snr", "min_snr_db"}};

std::string line_key(const std::string& line) {
  std::string s = line.substr(0, line.find('#'));
  const size_t eq = s.find('=');
  if (eq == std::string::npos) return "";
  s = s.substr(0, eq);
  const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// The --criteria file's text ("" without one); false with a one-line error when it cannot be read.
bool read_criteria_file(const Args& args, std::string* file, std::string* error) {
  file->clear();
  return !args.has("--criteria") ||
         host::read_text_file(args.get("--criteria"), file, error, host::kMaxSmallFileBytes);
}

// The criteria file's lines with the command-line overrides applied.
bool compose_criteria(const Args& args, const std::string& file, std::string* text,
                      std::string* error) {
  std::vector<std::pair<std::string, std::string>> overrides;
  for (const Override& o : kOverrides) {
    if (args.has(o.flag)) overrides.emplace_back(o.key, args.get(o.flag));
  }
  for (const std::string& kv : args.all("--criterion")) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) {
      *error = "--criterion expects key=value, got '" + kv + "'";
      return false;
    }
    overrides.emplace_back(line_key(kv), kv.substr(eq + 1));
  }
  text->clear();
  size_t pos = 0;
  while (pos < file.size()) {
    size_t nl = file.find('\n', pos);
    if (nl == std::string::npos) nl = file.size();
    const std::string line = file.substr(pos, nl - pos);
    bool overridden = false;
    for (const auto& o : overrides) overridden = overridden || line_key(line) == o.first;
    *text += (overridden ? "# overridden on the command line: " : "") + line + "\n";
    pos = nl + 1;
  }
  for (const auto& o : overrides) *text += o.first + " = " + o.second + "\n";
  return true;
}

bool parse_criteria(const std::string& text, qrt_accept_criteria* c, std::string* error) {
  qrt_accept_criteria_init(c);
  qrt_criteria_parse_error perr;
  if (qrt_accept_criteria_parse(text.data(), text.size(), c, &perr) != QRT_OK) {
    *error = "criteria line " + std::to_string(perr.line) + ": " + perr.message;
    return false;
  }
  return true;
}

void write_stdout(void*, const char* text) { std::fputs(text, stdout); }
void write_string(void* user, const char* text) { *static_cast<std::string*>(user) += text; }

// qrt_accept_config.progress: to the host's progress bar.
void progress(void* bar, uint32_t done, uint32_t total) {
  static_cast<host::Progress*>(bar)->update("evaluating", done, total);
}

struct Inputs {
  std::vector<uint8_t> model, fmodel, set, criteria_text_bytes;
  std::string criteria_text;
  bool has_float = false;
  bool set_built = false;
  uint32_t max_units = 0;
  uint32_t skip_units = 0;
};

int accept_on_host(const Args& args, const Inputs& in) {
  std::string error;
  qrt_accept_criteria criteria;
  if (!parse_criteria(in.criteria_text, &criteria, &error)) return usage_error("accept", error);
  host::AlignedBytes model, fmodel, set_bytes;
  model.assign(in.model.data(), in.model.size());
  fmodel.assign(in.fmodel.data(), in.fmodel.size());
  set_bytes.assign(in.set.data(), in.set.size());
  qrt_eval_set set;
  qrt_error err{};
  qrt_status st = qrt_eval_set_open(set_bytes.data(), set_bytes.size(), 0, &set, &err);
  if (st != QRT_OK) return run_error("eval set: " + host::describe_error(st, err));
  const qrt_options options = host::all_ops_options();
  qrt_accept_config cfg;
  qrt_accept_config_init(&cfg);
  const std::string model_name = model_base_name(args.positionals()[0]);
  const std::string float_name = model_base_name(args.get("--float"));
  host::AlignedBytes arena, farena;
  auto setup = [&](const host::AlignedBytes& blob, const std::string& name, host::AlignedBytes* a,
                   qrt_accept_model* m) {
    qrt_memory_report plan{};
    const qrt_status s = qrt_plan_memory(blob.data(), blob.size(), &options, &plan, &err);
    if (s != QRT_OK) {
      error = name + ": " + host::describe_error(s, err);
      return false;
    }
    std::vector<uint8_t> zeros(plan.arena_bytes, 0);
    a->assign(zeros.data(), zeros.size());
    *m = qrt_accept_model{blob.data(), blob.size(), &options, a->data(), a->size(), name.c_str()};
    return true;
  };
  if (!setup(model, model_name, &arena, &cfg.model)) return run_error(error);
  if (in.has_float && !setup(fmodel, float_name, &farena, &cfg.float_model)) {
    return run_error(error);
  }
  const uint32_t max_units = in.set_built ? 0 : in.max_units;
  const uint32_t n = qrt_accept_inference_count(&set, max_units);
  std::vector<uint64_t> cycles(n), fcycles(n);
  std::vector<qrt_scored_unit> scores(set.unit_count), fscores(set.unit_count);
  cfg.eval_set = &set;
  cfg.criteria = &criteria;
  cfg.max_units = max_units;
  unsigned long long warmup = 1;
  if (args.has("--warmup") && !parse_count_at_most(args.get("--warmup"), 1000000, &warmup)) {
    return usage_error("accept", "--warmup expects a count in [0, 1000000]");
  }
  cfg.warmup_runs = static_cast<uint32_t>(warmup);
  cfg.latency_cycles = cycles.data();
  cfg.float_latency_cycles = fcycles.data();
  cfg.latency_capacity = n;
  unsigned long long layers = 10;
  if (args.has("--layers") && !parse_count_at_most(args.get("--layers"), 1000000, &layers)) {
    return usage_error("accept", "--layers expects a count in [0, 1000000]");
  }
  std::vector<uint8_t> layer_buffer(in.has_float && layers > 0 ? (16u << 20) : 0);
  cfg.layer_units = static_cast<uint32_t>(layers);
  cfg.layer_buffer = layer_buffer.data();
  cfg.layer_buffer_bytes = layer_buffer.size();
  cfg.unit_scores = scores.data();
  cfg.float_unit_scores = fscores.data();
  cfg.write = write_stdout;
  cfg.report = args.has("--json") ? QRT_ACCEPT_REPORT_JSON : QRT_ACCEPT_REPORT_TABLE;
  host::Progress bar;
  cfg.progress = progress;
  cfg.progress_user = &bar;
  const std::string strategy = args.get("--strategy");
  cfg.strategy = strategy.c_str();
  static qrt_accept_results results;
  static qrt_accept_verdict verdict;
  st = qrt_accept_run(&cfg, &results, &verdict, &err);
  if (st != QRT_OK) return run_error(host::describe_error(st, err));
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

const char* board_of(const std::string& target) {
  if (target == "cortex-m4") return "mps2-an386";
  if (target == "cortex-m3") return "mps2-an385";
  if (target == "cortex-m7") return "mps2-an500";
  if (target == "cortex-m55") return "mps3-an547";
  return nullptr;
}

int accept_on_target(const Args& args, const Inputs& in, const std::string& target) {
  const char* board = board_of(target);
  if (board == nullptr && target != "aarch64-linux" && target != "aarch64") {
    return usage_error("accept", "unknown target '" + target +
                                     "' (host, cortex-m3, cortex-m4, cortex-m7, cortex-m55, "
                                     "aarch64)");
  }
  const std::string dir_name = target == "aarch64" ? "aarch64-linux" : target;
  const std::string runner = args.get("--runner", source_dir() + "build-cross/" + dir_name +
                                                      "/bin/qrt_accept_runner");
  if (access(runner.c_str(), R_OK) != 0) {
    return run_error("no runner for " + target + " at " + runner + "; build it with\n  cmake -S " +
                     source_dir() + " -B " + source_dir() + "build-cross/" + dir_name +
                     " -G Ninja --toolchain " + source_dir() + "toolchains/" + dir_name +
                     ".cmake && ninja -C " + source_dir() + "build-cross/" + dir_name +
                     " qrt_accept_runner\nor pass --runner PATH");
  }
  char tmpl[] = "/tmp/qrt_accept_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return run_error("cannot create a temporary folder");
  const std::string tmp = tmpl;
  std::string error;
  const std::string model = tmp + "/model.qrt", fmodel = tmp + "/float.qrt";
  const std::string set = tmp + "/set.qev", criteria = tmp + "/criteria.txt";
  if (!host::write_file_bytes(model, in.model, &error) ||
      (in.has_float && !host::write_file_bytes(fmodel, in.fmodel, &error)) ||
      !host::write_file_bytes(set, in.set, &error) ||
      !host::write_file_bytes(criteria, {in.criteria_text.begin(), in.criteria_text.end()},
                              &error)) {
    return run_error(error);
  }
  std::vector<std::string> argv_s;
  if (board != nullptr) {
    argv_s = {source_dir() + "toolchains/qemu-cortex-m.sh", board, runner};
  } else {
    argv_s = {"qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", runner};
  }
  argv_s.insert(argv_s.end(), {model, "--eval", set, "--criteria", criteria, "--model-name",
                               model_base_name(args.positionals()[0])});
  if (in.has_float) {
    argv_s.insert(argv_s.end(), {"--float", fmodel, "--float-name", model_base_name(args.get("--float"))});
  }
  if (!in.set_built && in.max_units != 0) {
    argv_s.insert(argv_s.end(), {"--max-units", std::to_string(in.max_units)});
  }
  if (args.has("--strategy")) argv_s.insert(argv_s.end(), {"--strategy", args.get("--strategy")});
  if (args.has("--warmup")) argv_s.insert(argv_s.end(), {"--warmup", args.get("--warmup")});
  argv_s.insert(argv_s.end(), {"--layers", args.get("--layers", "10")});
  if (args.has("--json")) argv_s.push_back("--json");
  if (args.has("--json-out")) argv_s.insert(argv_s.end(), {"--json-out", args.get("--json-out")});
  if (isatty(STDERR_FILENO)) argv_s.push_back("--progress");
  // Everything after the runner goes into an @ARGS file, one argument per line (percent-encoded,
  // as the runner decodes): a semihosting command line is short and split at spaces.
  const size_t first_arg = board != nullptr ? 3 : 4;
  std::string arg_text;
  for (size_t i = first_arg; i < argv_s.size(); ++i) {
    for (char c : argv_s[i]) {
      arg_text += c == '%' ? "%25" : c == '\n' ? "%0A" : c == '\r' ? "%0D" : std::string(1, c);
    }
    arg_text += "\n";
  }
  const std::string args_file = tmp + "/args";
  if (!host::write_file_bytes(args_file, {arg_text.begin(), arg_text.end()}, &error)) {
    return run_error(error);
  }
  argv_s.resize(first_arg);
  argv_s.push_back("@" + args_file);
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (std::string& s : argv_s) argv.push_back(&s[0]);
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    std::fprintf(stderr, "qrt accept: cannot run %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) return run_error("cannot start the emulator");
  for (const std::string& f : {model, fmodel, set, criteria, args_file}) unlink(f.c_str());
  rmdir(tmp.c_str());
  if (!WIFEXITED(status)) return run_error("the emulator was killed");
  const int code = WEXITSTATUS(status);
  if (code > 1) {
    std::fprintf(stderr, "qrt accept: the %s runner exited with status %d\n", target.c_str(), code);
    return kRunError;
  }
  return code;
}

const Option kAcceptOptions[] = {
    {"--float", "FLOAT.qrt|.tflite", "the float32 baseline: accuracy drop, agreement, SNR, speedup and per-layer error against it"},
    {"--eval", "SET.qev|DIR", "evaluation set (qrt eval-set), or a folder built on the fly"},
    {"--text", "FILE", "instead of --eval, for a llama blob: paragraphs of text (perplexity, KL, agreement)"},
    {"--criteria", "FILE", "acceptance thresholds (models/formats/CRITERIA.md); without any, no verdict is claimed"},
    {"--max-drop", "X%", "criterion max_accuracy_drop: largest allowed accuracy drop, in points"},
    {"--min-speedup", "S", "criterion min_speedup: smallest allowed speedup over the float model"},
    {"--max-arena", "B", "criterion max_arena_bytes"},
    {"--max-flash", "B", "criterion max_flash_bytes (the blob's bytes)"},
    {"--min-snr", "DB", "criterion min_snr_db: smallest allowed logits SNR against the float model"},
    {"--criterion", "key=value", "any criterion of CRITERIA.md (repeatable; overrides the file)"},
    {"--target", "T", "where it runs: host (default), cortex-m3, cortex-m4, cortex-m7, cortex-m55 (QEMU), aarch64 (qemu-aarch64)"},
    {"--runner", "PATH", "the cross-built qrt_accept_runner for --target (default build-cross/<target>/bin)"},
    {"--max-units", "N", "evaluate only the first N units (samples, or paragraphs with --text)"},
    {"--skip-units", "N", "leave out a sample folder's first N units (the ones qrt quantize --calib-count N calibrated on)"},
    {"--warmup", "N", "untimed invokes before the timed ones (default 1)"},
    {"--layers", "N", "units whose every intermediate tensor is compared with the float twin (default 10, 0 off)"},
    {"--strategy", "NAME", "the strategy's name in the report and JSON (qrt report groups by it)"},
    {"--json", nullptr, "print the report as JSON instead of the table"},
    {"--json-out", "FILE", "also write the JSON report to FILE"},
};

int run_accept(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kAcceptOptions), &error)) {
    return usage_error("accept", error);
  }
  if (args.positionals().size() != 1 || (!args.has("--eval") && !args.has("--text"))) {
    return usage_error("accept", "expected MODEL --eval SET (or a llama MODEL.qrt --text FILE)");
  }
  Inputs in;
  unsigned long long max_units = 0;
  if (args.has("--max-units") && !parse_count_at_most(args.get("--max-units"), UINT32_MAX, &max_units)) {
    return usage_error("accept", "--max-units expects a count in [0, 4294967295]");
  }
  in.max_units = static_cast<uint32_t>(max_units);
  long long skip_units = 0;
  if (!count_flag(args, "--skip-units", 0, &skip_units, UINT32_MAX)) {
    return usage_error("accept", "--skip-units expects a count in [0, 4294967295]");
  }
  in.skip_units = static_cast<uint32_t>(skip_units);
  if (in.skip_units != 0 && args.has("--text")) return usage_error("accept", "--skip-units goes with --eval");
  std::string criteria_file;
  if (!read_criteria_file(args, &criteria_file, &error)) return run_error(error);
  if (!compose_criteria(args, criteria_file, &in.criteria_text, &error)) {
    return usage_error("accept", error);
  }
  qrt_accept_criteria check;
  if (!parse_criteria(in.criteria_text, &check, &error)) return usage_error("accept", error);
  // A language model on text: cmd_llama_accept.cpp (same criteria, rule and reports).
  if (args.has("--text")) return accept_text(args, in.criteria_text, in.max_units);
  if (!host::read_model_blob(args.positionals()[0], &in.model, &error)) return run_error(error);
  in.has_float = args.has("--float");
  if (in.has_float && !host::read_model_blob(args.get("--float"), &in.fmodel, &error)) return run_error(error);
  host::accept::BuildOptions build;
  build.max_units = in.max_units;
  build.skip_units = in.skip_units;
  if (!host::accept::read_or_build_eval_set(args.get("--eval"), build, &in.set, &in.set_built, &error)) {
    return run_error(error);
  }
  const std::string target = args.get("--target", "host");
  if (target == "host") return accept_on_host(args, in);
  return accept_on_target(args, in, target);
}

}  // namespace

QRT_CLI_COMMAND("accept",
                "accept MODEL.qrt|.tflite [--float FLOAT.qrt|.tflite] --eval SET.qev|DIR|--text FILE "
                "[--criteria FILE] [--target host|cortex-m4|cortex-m55|aarch64] [--json] "
                "[--json-out FILE] [--max-drop X%] [--min-speedup S] [--max-arena B] "
                "[--max-flash B] [--min-snr DB] [--criterion key=value] [--max-units N] [--skip-units N] "
                "[--strategy NAME] [--layers N] [--runner PATH]",
                "The acceptance check: runs MODEL (and its float twin) over the evaluation set on "
                "the host or on an emulated target, measures\naccuracy with confidence intervals, "
                "the paired drop, agreement, SNR, per-layer error, latency and speedup, arena and "
                "flash,\nand judges each against the criteria: PASS (exit 0) or FAIL (exit 1).",
                options_of(kAcceptOptions), run_accept);
}  // namespace cli
}  // namespace qrt
