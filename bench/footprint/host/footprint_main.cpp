// qrt_footprint: footprint tables per target from the firmware images of one or more build folders
// (bench/footprint/README.md).
//
//   qrt_footprint [--json FILE] [--insncount PLUGIN.so] [--no-run] BUILD_DIR...
//
// For each build folder it reads bench/footprint/footprint-manifest.txt (written by CMake), parses
// each image's linker map, runs the image under the target's emulator (cycles, arena, stack
// high-water) and, with --insncount, runs it twice more under QEMU with the instruction-counting
// plugin (1 and 2 inferences): the difference is the exact instruction count of one inference.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "footprint_report.h"
#include "linker_map.h"

namespace {

using qrt_footprint::Firmware;
using qrt_footprint::Target;

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

bool run_command(const std::string& command, std::string* output) {
  output->clear();
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return false;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) output->append(buf, n);
  const int status = pclose(p);
  return status != -1;
}

// The text of `key=` (up to the next space) in the QRT_FOOTPRINT line of `output`, or "".
std::string text_field(const std::string& output, const char* key) {
  const size_t line = output.find("QRT_FOOTPRINT ");
  if (line == std::string::npos) return "";
  const std::string k = std::string(" ") + key + "=";
  const size_t at = output.find(k, line);
  const size_t end = output.find('\n', line);
  if (at == std::string::npos || (end != std::string::npos && at > end)) return "";
  const size_t from = at + k.size();
  return output.substr(from, output.find_first_of(" \n", from) - from);
}

// Value of `key=` in the QRT_FOOTPRINT line of `output`, or -1.
int64_t field(const std::string& output, const char* key) {
  const std::string text = text_field(output, key);
  return text.empty() ? -1 : strtoll(text.c_str(), nullptr, 10);
}

// The plugin's "insns: N" line, or -1.
int64_t plugin_count(const std::string& output) {
  const size_t at = output.find("insns: ");
  if (at == std::string::npos) return -1;
  return strtoll(output.c_str() + at + 7, nullptr, 10);
}

bool read_manifest(const std::string& build, Target* target, std::string* error) {
  const std::string path = build + "/bench/footprint/footprint-manifest.txt";
  std::ifstream in(path);
  if (!in) {
    *error = "cannot open " + path + " (configure and build that folder first)";
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream s(line);
    std::string what;
    s >> what;
    if (what == "target") {
      s >> target->name;
    } else if (what == "budget") {
      s >> target->budget_flash >> target->budget_ram >> target->budget_name;
    } else if (what == "runner") {
      s >> target->runner;
    } else if (what == "component") {
      std::string source, component, rel;
      s >> source >> component >> rel;
      target->components[source] = component;
      target->sources[source] = rel;
    } else if (what == "firmware") {
      Firmware f;
      s >> f.name >> f.kind >> f.elf >> f.map_path;
      target->firmware.push_back(f);
    }
  }
  return true;
}

void run_image(const Target& t, Firmware* f) {
  std::string out;
  if (!run_command(shell_quote(t.runner) + " " + shell_quote(f->elf) + " 1 2>&1", &out)) return;
  f->status = field(out, "status");
  f->ops = text_field(out, "ops");
  f->blob_bytes = field(out, "blob_bytes");
  f->arena_bytes = field(out, "arena_bytes");
  f->stack_high_water = field(out, "stack_high_water");
  f->cycles = field(out, "cycles");
  f->cycles_per_second = field(out, "cycles_per_second");
  if (f->status < 0) fprintf(stderr, "qrt_footprint: %s/%s printed no report:\n%s\n",
                             t.name.c_str(), f->name.c_str(), out.c_str());
  if (f->status > 0) f->arena_bytes = -1;  // no model or a failed load: nothing planned
}

void count_instructions(const Target& t, const std::string& plugin, Firmware* f) {
  if (t.name.rfind("host", 0) == 0) return;  // not under QEMU
  int64_t counts[2] = {-1, -1};
  for (int runs = 1; runs <= 2; ++runs) {
    // A clean environment: qemu-user's startup work depends on the environment's size.
    const std::string command = "env -i PATH=\"$PATH\" QRT_QEMU_PLUGIN=" + shell_quote(plugin) +
                                " " + shell_quote(t.runner) + " " + shell_quote(f->elf) + " " +
                                std::to_string(runs) + " 2>&1";
    std::string out;
    if (run_command(command, &out)) counts[runs - 1] = plugin_count(out);
  }
  if (counts[0] >= 0 && counts[1] >= counts[0]) f->instructions = counts[1] - counts[0];
}

}  // namespace

int main(int argc, char** argv) {
  std::string json_path, plugin;
  bool run = true;
  std::vector<std::string> builds;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) json_path = argv[++i];
    else if (a == "--insncount" && i + 1 < argc) plugin = argv[++i];
    else if (a == "--no-run") run = false;
    else if (a.rfind("--", 0) == 0) {
      fprintf(stderr, "usage: qrt_footprint [--json FILE] [--insncount PLUGIN.so] [--no-run] BUILD_DIR...\n");
      return 2;
    } else builds.push_back(a);
  }
  if (builds.empty()) {
    fprintf(stderr, "qrt_footprint: no build folder given\n");
    return 2;
  }
  std::vector<Target> targets;
  int failures = 0;
  for (const std::string& b : builds) {
    Target t;
    std::string error;
    if (!read_manifest(b, &t, &error)) {
      fprintf(stderr, "qrt_footprint: %s\n", error.c_str());
      ++failures;
      continue;
    }
    for (Firmware& f : t.firmware) {
      if (!qrt_footprint::read_linker_map(f.map_path, &f.map, &error)) {
        fprintf(stderr, "qrt_footprint: %s\n", error.c_str());
        ++failures;
        continue;
      }
      qrt_footprint::account(t, &f);
      if (run) run_image(t, &f);
      if (run && !plugin.empty() && f.kind == "model") count_instructions(t, plugin, &f);
    }
    targets.push_back(t);
  }
  qrt_footprint::print_tables(stdout, targets);
  if (!json_path.empty()) {
    FILE* out = fopen(json_path.c_str(), "w");
    if (out == nullptr) {
      fprintf(stderr, "qrt_footprint: cannot write %s\n", json_path.c_str());
      return 1;
    }
    qrt_footprint::write_json(out, targets);
    fclose(out);
  }
  return failures == 0 ? 0 : 1;
}
