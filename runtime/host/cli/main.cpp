// qrt: host command-line tool. `qrt` alone or `qrt help` lists the commands.
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

bool Args::parse(int argc, char** argv, const std::vector<std::string>& value_flags,
                 const std::vector<std::string>& switches, std::string* error) {
  auto listed = [](const std::vector<std::string>& v, const std::string& s) {
    for (const std::string& x : v) {
      if (x == s) return true;
    }
    return false;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && (std::isdigit(static_cast<unsigned char>(a[1])) != 0))) {
      if (listed(switches, a)) {
        values_.emplace(a, "1");
      } else if (listed(value_flags, a)) {
        if (i + 1 >= argc) {
          *error = a + " needs a value";
          return false;
        }
        values_.emplace(a, argv[++i]);
      } else {
        *error = "unknown option " + a;
        return false;
      }
    } else {
      positionals_.push_back(a);
    }
  }
  return outputs_are_not_inputs(switches, error);
}

// An output flag's file may not be one of the command's inputs: the tool would replace what it
// reads (and a later failure could leave neither).
bool Args::outputs_are_not_inputs(const std::vector<std::string>& switches, std::string* error) const {
  static const char* const kOutputFlags[] = {"-o", "--output", "--json-out", "--json"};
  auto is_output = [&switches](const std::string& flag) {
    for (const std::string& s : switches) {
      if (s == flag) return false;  // e.g. accept's --json switch
    }
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

int usage_error(const char* command, const std::string& message) {
  std::fprintf(stderr, "qrt %s: %s\n", command, message.c_str());
  for (const Command& c : commands()) {
    if (std::strcmp(c.name, command) == 0) std::fprintf(stderr, "usage: qrt %s\n", c.usage);
  }
  return 2;
}

int failure(const char* command, const std::string& message) {
  std::fprintf(stderr, "qrt %s: %s\n", command, message.c_str());
  return 1;
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

}  // namespace cli
}  // namespace qrt

int main(int argc, char** argv) {
  using qrt::cli::commands;
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0) {
    std::printf("qrt: quantized inference runtime tools\n\ncommands:\n");
    for (const auto& c : commands()) std::printf("  qrt %s\n", c.usage);
    return argc < 2 ? 2 : 0;
  }
  for (const auto& c : commands()) {
    if (std::strcmp(c.name, argv[1]) != 0) continue;
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
    return 1;
  }
  std::fprintf(stderr, "qrt: unknown command '%s' (try 'qrt help')\n", argv[1]);
  return 2;
}
