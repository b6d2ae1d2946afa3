// qrt report: merge acceptance reports (qrt accept --json / --json-out) of several strategies into
// a markdown table and SVG plots with the Pareto frontier (runtime/host/accept/report_merge.h).
#include <cstdio>

#include "accept/report_merge.h"
#include "command.h"

namespace qrt {
namespace cli {
namespace {

const Option kReportOptions[] = {
    {"-o", "DIR", "the folder to write report.md and the SVG plots into (--output is the same)"},
    {"--output", "DIR", "the folder to write into"},
    {"--quiet", nullptr, "do not print the markdown table"},
};

int run_report(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kReportOptions), &error)) {
    return usage_error("report", error);
  }
  const std::string out = args.get("-o", args.get("--output"));
  if (args.positionals().empty() || out.empty()) {
    return usage_error("report", "expected A.json B.json ... -o DIR");
  }
  std::string markdown;
  if (!host::accept::merge_reports(args.positionals(), out, &markdown, &error)) {
    return failure("report", error);
  }
  if (!args.has("--quiet")) std::fputs(markdown.c_str(), stdout);
  std::fprintf(stderr, "qrt report: wrote %s/report.md, %s/accuracy_vs_latency.svg, "
               "%s/accuracy_vs_size.svg\n", out.c_str(), out.c_str(), out.c_str());
  return 0;
}

}  // namespace

QRT_CLI_COMMAND("report", "report A.json B.json ... -o DIR [--quiet]",
                "Merges acceptance reports (qrt accept --json-out) of several strategies into a "
                "markdown table and SVG plots of\naccuracy against latency and size, with the "
                "Pareto frontier.",
                options_of(kReportOptions), run_report);

}  // namespace cli
}  // namespace qrt
