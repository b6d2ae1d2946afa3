// qrt: host command-line tool. `qrt` alone or `qrt help` lists the commands.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

#include "command.h"
#include "file_io.h"
#include "qrt/format.h"
#include "qrt/version.h"

namespace qrt {
namespace cli {

std::vector<Command>& registry() {
  static std::vector<Command> list;
  return list;
}

bool register_command(const Command& command) {
  registry().push_back(command);
  return true;
}

const std::vector<Command>& commands() { return registry(); }

std::vector<ConvertHandler>& handler_registry() {
  static std::vector<ConvertHandler> list;
  return list;
}

bool register_convert_handler(const ConvertHandler& handler) {
  handler_registry().push_back(handler);
  return true;
}

const std::vector<ConvertHandler>& convert_handlers() { return handler_registry(); }

namespace {

const Option* find_option(Options options, const std::string& flag) {
  for (size_t i = 0; i < options.count; ++i) {
    if (flag == options.items[i].flag) return &options.items[i];
  }
  return nullptr;
}

}  // namespace

bool Args::parse(int argc, char** argv, Options options, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.size() > 1 && a[0] == '-' && (std::isdigit(static_cast<unsigned char>(a[1])) == 0)) {
      const Option* o = find_option(options, a);
      if (o == nullptr) {
        *error = "unknown option " + a + " (--help lists the options)";
        return false;
      }
      if (o->value == nullptr) {
        values_.emplace(a, "1");
        continue;
      }
      if (i + 1 >= argc) {
        *error = a + " needs a value (" + o->value + ")";
        return false;
      }
      values_.emplace(a, argv[++i]);
    } else {
      positionals_.push_back(a);
    }
  }
  return outputs_are_not_inputs(options, error);
}

// An output flag's file may not be one of the command's inputs: the tool would replace what it
// reads (and a later failure could leave neither).
bool Args::outputs_are_not_inputs(Options options, std::string* error) const {
  static const char* const kOutputFlags[] = {"-o", "--output", "--json-out", "--json"};
  auto is_output = [options](const std::string& flag) {
    const Option* o = find_option(options, flag);
    if (o != nullptr && o->value == nullptr) return false;  // e.g. accept's --json switch
    for (const char* f : kOutputFlags) {
      if (flag == f) return true;
    }
    return false;
  };
  std::vector<std::string> inputs = positionals_;
  for (const auto& kv : values_) {
    if (!is_output(kv.first)) inputs.push_back(kv.second);
  }
  for (const auto& kv : values_) {
    if (!is_output(kv.first)) continue;
    for (const std::string& in : inputs) {
      if (host::same_file(kv.second, in)) {
        *error = "the output " + kv.second + " (" + kv.first + ") is also an input";
        return false;
      }
    }
  }
  return true;
}

std::string Args::get(const std::string& flag, const std::string& fallback) const {
  auto range = values_.equal_range(flag);
  std::string v = fallback;
  for (auto it = range.first; it != range.second; ++it) v = it->second;
  return v;
}

std::vector<std::string> Args::all(const std::string& flag) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(flag);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

void print_options(FILE* out, Options options) {
  size_t width = 0;
  for (size_t i = 0; i < options.count; ++i) {
    const Option& o = options.items[i];
    width = std::max(width, std::strlen(o.flag) + (o.value ? std::strlen(o.value) + 1 : 0));
  }
  for (size_t i = 0; i < options.count; ++i) {
    const Option& o = options.items[i];
    const std::string left = std::string(o.flag) + (o.value ? std::string(" ") + o.value : "");
    std::fprintf(out, "  %-*s  %s\n", static_cast<int>(width), left.c_str(), o.help);
  }
}

int usage_error(const char* command, const std::string& message) {
  std::fprintf(stderr, "qrt %s: %s\n", command, message.c_str());
  for (const Command& c : commands()) {
    if (std::strcmp(c.name, command) == 0) {
      std::fprintf(stderr, "usage: qrt %s  (--help explains each option)\n", c.usage);
    }
  }
  return kExitUsage;
}

int failure(const char* command, const std::string& message) {
  std::fprintf(stderr, "qrt %s: %s\n", command, message.c_str());
  return kExitFailure;
}

bool parse_uint(const std::string& text, unsigned long long* value) {
  if (text.empty() || text.size() > 19) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  *value = std::strtoull(text.c_str(), nullptr, 10);
  return true;
}

bool parse_count_at_most(const std::string& text, unsigned long long max, unsigned long long* value) {
  unsigned long long v = 0;
  if (!parse_uint(text, &v) || v > max) return false;
  *value = v;
  return true;
}

bool count_flag(const Args& args, const char* flag, long long fallback, long long* value,
                unsigned long long max) {
  if (!args.has(flag)) {
    *value = fallback;
    return true;
  }
  unsigned long long v = 0;
  if (!parse_count_at_most(args.get(flag), max, &v)) return false;
  *value = static_cast<long long>(v);
  return true;
}

bool parse_double(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || end == nullptr || *end != '\0' || !std::isfinite(v)) return false;
  *value = v;
  return true;
}

std::string model_base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  for (const std::string ext : {".qrt", ".tflite"}) {
    if (name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
      name.resize(name.size() - ext.size());
    }
  }
  return name;
}

}  // namespace cli
}  // namespace qrt

namespace {

const char kExitStatuses[] =
    "exit status: 0 success (accept: PASS), 1 failure (accept: FAIL, or a file, model or target\n"
    "problem, named on stderr), 2 usage error (with the usage line on stderr)\n";

void print_command_list() {
  std::printf("qrt %s: quantized inference runtime tools\n\ncommands:\n", QRT_VERSION_STRING);
  for (const auto& c : qrt::cli::commands()) std::printf("  qrt %s\n", c.usage);
  std::printf("\n'qrt COMMAND --help' explains a command and each of its options.\n%s", kExitStatuses);
}

// `qrt COMMAND --help`: usage, what it does, every option; convert adds each importer's.
void print_command_help(const qrt::cli::Command& c) {
  std::printf("usage: qrt %s\n\n%s\n", c.usage, c.summary);
  if (c.options.count != 0) {
    std::printf("\noptions:\n");
    qrt::cli::print_options(stdout, c.options);
  }
  if (std::strcmp(c.name, "convert") == 0) {
    for (const qrt::cli::ConvertHandler& h : qrt::cli::convert_handlers()) {
      std::printf("\n%s:\n  qrt %s\n", h.format, h.usage);
      qrt::cli::print_options(stdout, h.options);
    }
  }
  std::printf("\n%s", kExitStatuses);
}

bool asks_for_help(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using qrt::cli::commands;
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0) {
    print_command_list();
    return argc < 2 ? qrt::cli::kExitUsage : qrt::cli::kExitOk;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("qrt %s (library %s; blob format %u.%u)\n", QRT_VERSION_STRING, qrt_version(),
                unsigned{qrt::format::kVersionMajor}, unsigned{qrt::format::kVersionMinor});
    return qrt::cli::kExitOk;
  }
  for (const auto& c : commands()) {
    if (std::strcmp(c.name, argv[1]) != 0) continue;
    if (asks_for_help(argc, argv)) {
      print_command_help(c);
      return qrt::cli::kExitOk;
    }
    // Errors are messages and exit statuses; nothing is thrown past here (a library exception,
    // out of memory included, still ends as one line and status 1).
    try {
      return c.run(argc - 1, argv + 1);
    } catch (const std::bad_alloc&) {
      std::fprintf(stderr, "qrt %s: out of memory\n", c.name);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "qrt %s: %s\n", c.name, e.what());
    } catch (...) {
      std::fprintf(stderr, "qrt %s: unexpected error\n", c.name);
    }
    return qrt::cli::kExitFailure;
  }
  std::fprintf(stderr, "qrt: unknown command '%s' (try 'qrt help')\n", argv[1]);
  return qrt::cli::kExitUsage;
}
