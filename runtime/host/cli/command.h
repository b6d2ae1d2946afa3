// The `qrt` command-line tool: each command lives in its own cmd_*.cpp file and registers itself
// with QRT_CLI_COMMAND; main.cpp dispatches on the first argument.
#ifndef QRT_RUNTIME_HOST_CLI_COMMAND_H
#define QRT_RUNTIME_HOST_CLI_COMMAND_H

#include <cstddef>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace qrt {
namespace cli {

// One option of a command: `flag` taking one value shown as `value` ("FILE"), or a switch when
// `value` is nullptr. `help` says what it does: `qrt <command> --help` prints the table, and the
// parser accepts exactly the flags in it, so every accepted option is documented.
struct Option {
  const char* flag;
  const char* value;
  const char* help;
};
struct Options {
  const Option* items;
  size_t count;
};
template <size_t N>
constexpr Options options_of(const Option (&table)[N]) {
  return Options{table, N};
}

// Parsed command line: positionals in order, `--flag value` options (repeatable), and boolean
// `--switch`es. Every flag a command does not declare is an error.
class Args {
 public:
  // Returns false with a message on an unknown flag or a missing value.
  bool parse(int argc, char** argv, Options options, std::string* error);
  const std::vector<std::string>& positionals() const { return positionals_; }
  bool has(const std::string& flag) const { return values_.count(flag) != 0; }
  // The last value of a flag, or `fallback`.
  std::string get(const std::string& flag, const std::string& fallback = "") const;
  // Every value of a repeatable flag, in order.
  std::vector<std::string> all(const std::string& flag) const;

 private:
  bool outputs_are_not_inputs(Options options, std::string* error) const;
  std::vector<std::string> positionals_;
  std::multimap<std::string, std::string> values_;
};

struct Command {
  const char* name;
  const char* usage;    // one line: "convert IN.tflite -o OUT.qrt"
  const char* summary;  // what it does, one or two sentences
  Options options;
  int (*run)(int argc, char** argv);  // argv[0] is the command name
};

// Registers a command (called from static initializers). Returns true.
bool register_command(const Command& command);
const std::vector<Command>& commands();

// `qrt convert` dispatches on the input file: each importer registers a handler whose accepts()
// recognises its files (by extension or magic). run() gets the whole convert command line.
struct ConvertHandler {
  const char* format;  // "TFLite flatbuffer (.tflite)"
  const char* usage;   // "convert IN.tflite -o OUT.qrt", printed by `qrt convert --help`
  Options options;     // what its run() parses, printed by `qrt convert --help`
  bool (*accepts)(const std::string& input_path);  // by content (magic), not by file name
  int (*run)(int argc, char** argv);
};
bool register_convert_handler(const ConvertHandler& handler);
const std::vector<ConvertHandler>& convert_handlers();

// Prints an options table, one "  --flag VALUE  help" line each, aligned.
void print_options(FILE* out, Options options);

// Exit statuses of every command: 0 success (and PASS), 1 failure (and FAIL), 2 usage error.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Prints "qrt <command>: <message>" to stderr and returns the exit status for usage errors (2).
int usage_error(const char* command, const std::string& message);
// Prints "qrt <command>: <message>" to stderr and returns the exit status for failures (1).
int failure(const char* command, const std::string& message);

// Parses a non-negative integer (decimal); false on anything else.
bool parse_uint(const std::string& text, unsigned long long* value);
// Parses a decimal count in [0, max]; false on anything else (never truncated to fit).
bool parse_count_at_most(const std::string& text, unsigned long long max, unsigned long long* value);
// A count flag: `fallback` when absent, else its value in [0, max] (default 2^30); false when
// the value is not such a count.
bool count_flag(const Args& args, const char* flag, long long fallback, long long* value,
                unsigned long long max = 1ull << 30);
// Parses a finite double; false on anything else.
bool parse_double(const std::string& text, double* value);

// A model's name for reports: the file name without its folder and a ".qrt" or ".tflite" ending.
std::string model_base_name(const std::string& path);

}  // namespace cli
}  // namespace qrt

#define QRT_CLI_COMMAND_CONCAT2(a, b) a##b
#define QRT_CLI_COMMAND_CONCAT(a, b) QRT_CLI_COMMAND_CONCAT2(a, b)
#define QRT_CLI_CONVERT_HANDLER(format, usage, options, accepts, run)                \
  static const bool QRT_CLI_COMMAND_CONCAT(qrt_cli_convert_registered_, __LINE__) = \
      qrt::cli::register_convert_handler(qrt::cli::ConvertHandler{format, usage, options, accepts, run})

#define QRT_CLI_COMMAND(name, usage, summary, options, fn)                   \
  static const bool QRT_CLI_COMMAND_CONCAT(qrt_cli_registered_, __LINE__) = \
      qrt::cli::register_command(qrt::cli::Command{name, usage, summary, options, fn})

#endif  // QRT_RUNTIME_HOST_CLI_COMMAND_H
