// Running the `qrt` binary from host tests (QRT_CLI_PATH is set by tests/runtime/host/CMakeLists.txt).
#ifndef QRT_TESTS_HOST_CLI_TEST_UTIL_H
#define QRT_TESTS_HOST_CLI_TEST_UTIL_H

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace cli_test {

struct Result {
  int status = -1;  // exit status, or -1 when the program did not exit normally (a signal)
  std::string out;  // what was captured
};

// Runs `qrt ARGS` through the shell. With `merge_stderr`, stdout and stderr are captured
// together; otherwise stderr goes to /dev/null. `prefix` runs before it in the same shell (e.g.
// "ulimit -f 0;").
inline Result run(const std::string& args, bool merge_stderr = true, const std::string& prefix = "") {
  const std::string cmd = prefix + std::string(QRT_CLI_PATH) + " " + args +
                          (merge_stderr ? " 2>&1" : " 2>/dev/null");
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

// A file of this repository by its path from the root (the bundled models/).
inline std::string repo(const std::string& relative) {
  const std::string here = __FILE__;
  return here.substr(0, here.rfind("/tests/runtime/host/")) + "/" + relative;
}

// A per-process scratch path under /tmp.
inline std::string tmp(const std::string& name) {
  return "/tmp/qrt_test_cli_" + std::to_string(getpid()) + "_" + name;
}

inline int line_count(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n' ? 1 : 0;
  return n;
}

}  // namespace cli_test

#endif  // QRT_TESTS_HOST_CLI_TEST_UTIL_H
