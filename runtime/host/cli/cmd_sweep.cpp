// qrt sweep: quantize a float model with a grid of strategies, run `qrt accept` on each (on the
// host or an emulated target), merge the reports (`qrt report`: table and Pareto plots) and name
// the strategy the acceptance rule and the preference select (accept/sweep_select.h).
//
// Every job is its own `qrt` process with its own log and report in DIR, run -j at a time, so a
// sweep can as well be spread over machines by any job runner and merged with `qrt report`.
// Calibration data is never evaluation data: without --eval the set is split, the first
// --calib-count units calibrate and the rest evaluate (accept --skip-units); selection.md
// records which.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "accept/report_merge.h"
#include "accept/sweep_select.h"
#include "command.h"
#include "file_io.h"

namespace qrt {
namespace cli {
namespace {

const Option kSweepOptions[] = {
    {"-o", "DIR", "the folder for every blob, report, log, report.md, the plots and selection.md (--output is the same)"},
    {"--output", "DIR", "the output folder"},
    {"--calib", "SET.qev|DIR", "calibration data (qrt quantize --calib)"},
    {"--calib-count", "N", "calibrate on the first N units; without --eval the rest of --calib evaluates"},
    {"--eval", "SET.qev|DIR", "a separate evaluation set (default: --calib after its first --calib-count units)"},
    {"--criteria", "FILE", "the acceptance criteria every strategy is judged by (models/formats/CRITERIA.md)"},
    {"--target", "T", "where qrt accept runs: host (default), cortex-m4, cortex-m55, aarch64"},
    {"--with", "MODEL", "a pre-quantized model to compare too (repeatable), e.g. the TFLite converter's int8"},
    {"--prefer", "smallest|fastest", "the order among passing strategies: smallest blob first (default) or fastest first"},
    {"-j", "N", "jobs run at once (default 2)"},
    {"--max-units", "N", "evaluate only N units per strategy (quick looks)"},
    {"--mixed-flash", "BYTES", "one more mixed-precision strategy under this flash budget (qrt quantize --mixed --max-flash; repeatable)"},
};

struct Strategy {
  std::string name;
  std::vector<std::string> quantize_flags;  // empty with `model` set: evaluated as it is
  std::string model;
};

// The fixed grid, then mixed precision within 1 and 3 points of float on the calibration units
// (budgets that do not depend on the model's size) and under each --mixed-flash budget.
std::vector<Strategy> grid(const std::string& float_model, const std::vector<std::string>& flash_budgets) {
  std::vector<Strategy> g = {
      {"float32", {}, float_model},
      {"w8a8-per-tensor-minmax", {"--granularity", "per-tensor"}, ""},
      {"w8a8-per-tensor-minmax-bias-corrected", {"--granularity", "per-tensor", "--bias-correction"}, ""},
      {"w8a8-per-tensor-minmax-equalized-bias-corrected",
       {"--granularity", "per-tensor", "--equalize", "--bias-correction"}, ""},
      {"w8a8-per-channel-minmax", {"--calib-method", "minmax"}, ""},
      {"w8a8-per-channel-minmax-bias-corrected", {"--calib-method", "minmax", "--bias-correction"}, ""},
      {"w8a8-per-channel-percentile", {"--calib-method", "percentile"}, ""},
      {"w8a8-per-channel-mse", {"--calib-method", "mse"}, ""},
      {"w8a8-per-channel-entropy", {"--calib-method", "entropy"}, ""},
      {"w8a16-per-channel-minmax", {"--activations", "int16"}, ""},
      {"w4a8-per-channel-minmax", {"--weights", "int4"}, ""},
      {"w4a8-per-channel-minmax-adaround", {"--weights", "int4", "--rounding", "adaround"}, ""},
      {"mixed-w4w8-drop1", {"--mixed", "--max-drop", "1"}, ""},
      {"mixed-w4w8-drop3", {"--mixed", "--max-drop", "3"}, ""},
  };
  for (const std::string& b : flash_budgets) g.push_back({"mixed-w4w8-flash" + b, {"--mixed", "--max-flash", b}, ""});
  return g;
}

struct Job {
  std::string name;
  std::vector<std::string> args;  // after the program
  std::string log;
  int status = -1;
};

std::string self_path() {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "qrt";
}

// Runs the jobs, at most `parallel` at a time, each with stdout and stderr in its log.
void run_jobs(std::vector<Job>* jobs, int parallel) {
  const std::string self = self_path();
  size_t next = 0, running = 0, done = 0;
  std::vector<pid_t> pids(jobs->size(), -1);
  std::fflush(stdout);
  while (done < jobs->size()) {
    while (running < static_cast<size_t>(parallel) && next < jobs->size()) {
      Job& j = (*jobs)[next];
      const pid_t pid = fork();
      if (pid == 0) {
        FILE* log = std::freopen(j.log.c_str(), "w", stdout);
        if (log != nullptr) dup2(fileno(stdout), STDERR_FILENO);
        std::vector<std::string> argv_s = {self};
        argv_s.insert(argv_s.end(), j.args.begin(), j.args.end());
        std::vector<char*> argv;
        for (std::string& s : argv_s) argv.push_back(&s[0]);
        argv.push_back(nullptr);
        execv(self.c_str(), argv.data());
        std::fprintf(stderr, "qrt sweep: cannot run %s: %s\n", self.c_str(), std::strerror(errno));
        _exit(127);
      }
      pids[next++] = pid;
      running += pid > 0 ? 1 : 0;
      if (pid < 0) ++done;
    }
    int status = 0;
    const pid_t pid = wait(&status);
    if (pid < 0) break;
    for (size_t k = 0; k < jobs->size(); ++k) {
      if (pids[k] != pid) continue;
      (*jobs)[k].status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      std::fprintf(stderr, "  %-30s %s\n", (*jobs)[k].name.c_str(),
                   (*jobs)[k].status == 0 ? "ok" : (*jobs)[k].status == 1 ? "done (FAIL or error: see its log)" : "error");
      --running;
      ++done;
    }
  }
}

int run_sweep(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kSweepOptions), &error)) return usage_error("sweep", error);
  const std::string dir = args.get("-o", args.get("--output"));
  if (args.positionals().size() != 1 || dir.empty() || !args.has("--calib") || !args.has("--criteria")) {
    return usage_error("sweep", "expected FLOAT.tflite --calib SET --criteria FILE -o DIR");
  }
  if (!args.has("--eval") && !args.has("--calib-count")) {
    return usage_error("sweep", "without --eval, --calib-count N splits --calib (calibration data is never evaluation data)");
  }
  long long count = 0, jobs_at_once = 2, max_units = 0;
  if (!count_flag(args, "--calib-count", 0, &count, UINT32_MAX) || (args.has("--calib-count") && count == 0)) {
    return usage_error("sweep", "--calib-count expects a count of at least 1");
  }
  if (!count_flag(args, "-j", 2, &jobs_at_once, 64) || jobs_at_once < 1) return usage_error("sweep", "-j expects 1 to 64");
  if (!count_flag(args, "--max-units", 0, &max_units, UINT32_MAX)) return usage_error("sweep", "--max-units expects a count");
  host::accept::SweepPreference prefer = host::accept::SweepPreference::kSmallest;
  if (args.has("--prefer") && !host::accept::parse_sweep_preference(args.get("--prefer"), &prefer)) {
    return usage_error("sweep", "--prefer is smallest or fastest");
  }
  const std::string fmodel = args.positionals()[0];
  const std::string eval = args.get("--eval", args.get("--calib"));
  const bool split = !args.has("--eval");
  if (mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) return failure("sweep", dir + ": " + std::strerror(errno));

  for (const std::string& b : args.all("--mixed-flash")) {
    unsigned long long bytes = 0;
    if (!parse_count_at_most(b, INT32_MAX, &bytes) || bytes < 1) {
      return usage_error("sweep", "--mixed-flash expects a byte count");
    }
  }
  std::vector<Strategy> strategies = grid(fmodel, args.all("--mixed-flash"));
  for (const std::string& m : args.all("--with")) strategies.push_back({model_base_name(m), {}, m});
  std::vector<Job> quantize, evaluate;
  for (Strategy& s : strategies) {
    if (s.model.empty()) {
      s.model = dir + "/" + s.name + ".qrt";
      Job j{s.name + " (quantize)", {"quantize", fmodel, "--calib", args.get("--calib"), "-o", s.model,
                                     "--json-out", dir + "/" + s.name + ".quantize.json"},
            dir + "/" + s.name + ".quantize.log"};
      if (count > 0) j.args.insert(j.args.end(), {"--calib-count", std::to_string(count)});
      j.args.insert(j.args.end(), s.quantize_flags.begin(), s.quantize_flags.end());
      quantize.push_back(j);
    }
    Job a{s.name, {"accept", s.model, "--float", fmodel, "--eval", eval, "--criteria", args.get("--criteria"),
                   "--target", args.get("--target", "host"), "--strategy", s.name, "--layers", "0",
                   "--json-out", dir + "/" + s.name + ".json"},
          dir + "/" + s.name + ".log"};
    if (split) a.args.insert(a.args.end(), {"--skip-units", std::to_string(count)});
    if (max_units > 0) a.args.insert(a.args.end(), {"--max-units", std::to_string(max_units)});
    evaluate.push_back(a);
  }
  std::fprintf(stderr, "qrt sweep: quantizing %zu strategies\n", quantize.size());
  run_jobs(&quantize, static_cast<int>(jobs_at_once));
  for (const Job& j : quantize) {
    if (j.status != 0) return failure("sweep", j.name + " failed (" + j.log + ")");
  }
  std::fprintf(stderr, "qrt sweep: evaluating %zu strategies on %s\n", evaluate.size(),
               args.get("--target", "host").c_str());
  run_jobs(&evaluate, static_cast<int>(jobs_at_once));
  std::vector<std::string> reports;
  std::vector<host::accept::StrategyPoint> points;
  for (const Job& j : evaluate) {
    const std::string path = dir + "/" + j.name + ".json";
    if (j.status > 1 || !host::accept::read_report_points(path, &points, &error)) {
      return failure("sweep", j.name + ": no report (" + j.log + ")");
    }
    reports.push_back(path);
  }
  std::string markdown;
  if (!host::accept::merge_reports(reports, dir, &markdown, &error)) return failure("sweep", error);
  const host::accept::SweepSelection pick = host::accept::select_strategy(points, prefer);
  std::string text = "# qrt sweep of " + fmodel + "\n\n";
  text += "- calibration: " + std::string(count > 0 ? "the first " + std::to_string(count) + " units of " : "all of ") +
          args.get("--calib") + "\n";
  text += "- evaluation: " + (split ? "the same set without those units (--skip-units " + std::to_string(count) + ")"
                                    : eval) + "\n";
  text += "- criteria: " + args.get("--criteria") + " (each strategy's PASS/FAIL is its `qrt accept` verdict)\n";
  text += "- target: " + args.get("--target", "host") + "\n";
  text += std::string("- choice among passing strategies: ") +
          (prefer == host::accept::SweepPreference::kSmallest ? "smallest blob, then fastest" : "fastest, then smallest blob") +
          "\n\n| strategy | verdict | accuracy | flash B | arena B | median cycles |\n|---|---|---|---|---|---|\n";
  for (const host::accept::StrategyPoint& p : points) {
    if (p.baseline) continue;
    char row[256];
    std::snprintf(row, sizeof row, "| %s | %s | %.4f | %.0f | %.0f | %.0f |\n", p.name.c_str(),
                  p.verdict == 1 ? "PASS" : p.verdict == 0 ? "FAIL" : "-", p.accuracy, p.size, p.arena, p.latency);
    text += row;
  }
  text += "\n**selected: " + (pick.index >= 0 ? points[static_cast<size_t>(pick.index)].name : std::string("none")) +
          "**: " + pick.reason + ".\n";
  std::vector<uint8_t> bytes(text.begin(), text.end());
  if (!host::write_file_bytes(dir + "/selection.md", bytes, &error)) return failure("sweep", error);
  std::fputs(text.c_str(), stdout);
  std::printf("\n(merged table: %s/report.md; plots: %s/accuracy_vs_latency.svg, %s/accuracy_vs_size.svg)\n",
              dir.c_str(), dir.c_str(), dir.c_str());
  return pick.index >= 0 ? kExitOk : kExitFailure;
}

}  // namespace

QRT_CLI_COMMAND("sweep",
                "sweep FLOAT.tflite --calib SET|DIR (--calib-count N | --eval SET) --criteria FILE "
                "[--target T] [--with MODEL ...] [--mixed-flash BYTES ...] [--prefer smallest|fastest] [-j N] -o DIR",
                "Quantizes the float model with a grid of strategies (per-tensor and per-channel "
                "int8 with each calibration method, bias correction, equalization, W8A16, W4A8 nearest and\n"
                "AdaRound-rounded, W4/W8 mixed precision within 1 and 3 points and under each --mixed-flash budget), runs qrt accept on each and on the "
                "float model and any --with model, merges the reports and Pareto plots, and names "
                "the selected strategy:\nPASS by the criteria, then the smallest blob (or the "
                "fastest). Exit 0 when one is selected, 1 when none passes.",
                options_of(kSweepOptions), run_sweep);

}  // namespace cli
}  // namespace qrt
