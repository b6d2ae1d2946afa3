// Progress bars of long host commands: the bar's text from hand-computed cases, drawn on a
// terminal (a pseudo-terminal made by util-linux `script`) and silent in a pipe.
#include <cstdlib>
#include <string>

#include "cli_test_util.h"
#include "progress.h"
#include "qrt_test.h"

namespace {

using qrt::host::Progress;

QRT_TEST(progress, line_shows_rate_and_eta) {
  // 50 of 200 in 10 s: 5/s, 150 left -> 30 s.
  QRT_EXPECT(Progress::line("calibrating", 50, 200, 10.0) ==
             "  calibrating [#####...............]  50/200  5.0/s  ETA 0:30");
  // 1 of 1000 in 0.5 s: 2/s, 999 left -> 499.5 s -> 8:20.
  QRT_EXPECT(Progress::line("scoring", 1, 1000, 0.5, 10) ==
             "  scoring [..........]  1/1000  2.0/s  ETA 8:20");
  QRT_EXPECT(Progress::line("GPTQ", 0, 8, 0.0, 4) == "  GPTQ [....]  0/8  ETA --:--");
  QRT_EXPECT(Progress::line("x", 8, 8, 2.0, 4) == "  x [####]  8/8  4.0/s  ETA 0:00");
}

QRT_TEST(progress, drawn_on_a_terminal_and_silent_in_a_pipe) {
  const std::string args = "accept " + cli_test::repo("models/fashion_mnist/fashion_cnn_int8.qrt") +
                           " --eval " + cli_test::repo("models/fashion_mnist/fashion_test_500.qev");
  // In a pipe (stdout and stderr captured): no bar, no carriage return.
  const cli_test::Result piped = cli_test::run(args);
  QRT_EXPECT_EQ(piped.status, 0);
  QRT_EXPECT(piped.out.find("ETA") == std::string::npos);
  QRT_EXPECT(piped.out.find('\r') == std::string::npos);
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    return qrt_test::note_skipped("util-linux script not installed");
  }
  // On a terminal: the bar appears, then is erased before the report.
  FILE* p = popen(("script -qec '" + std::string(QRT_CLI_PATH) + " " + args + "' /dev/null 2>&1").c_str(), "r");
  QRT_ASSERT(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  QRT_EXPECT_EQ(pclose(p), 0);
  const size_t bar = out.find("  evaluating [");
  QRT_EXPECT(bar != std::string::npos);
  QRT_EXPECT(out.find("ETA", bar) != std::string::npos);
  QRT_EXPECT(out.find("\r\033[K", bar) != std::string::npos);
  QRT_EXPECT(out.find("qrt acceptance report") > bar);
}

}  // namespace
