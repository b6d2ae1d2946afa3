// The port contract (runtime/include/qrt/port.h) on every target: a counter that advances and
// never goes back, a rate, a name, a log sink; and that the harness reads host
// files through the port's I/O (semihosting on Cortex-M) byte for byte.
#include <stdio.h>
#include <string.h>

#include "qrt/port.h"
#include "qrt_test.h"

namespace {

// Work the compiler cannot remove: a data-dependent integer recurrence.
uint32_t busy_work(uint32_t rounds) {
  volatile uint32_t sink = 1;
  for (uint32_t i = 0; i < rounds; ++i) sink = sink * 1664525u + 1013904223u;
  return sink;
}

}  // namespace

QRT_TEST(port, cycles_are_monotonic_and_advance) {
  uint64_t previous = qrt_port_cycles();
  const uint64_t start = previous;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t now = qrt_port_cycles();
    QRT_ASSERT(now >= previous);
    previous = now;
  }
  busy_work(200000);
  QRT_EXPECT(qrt_port_cycles() > start);
}

QRT_TEST(port, describes_itself) {
  QRT_EXPECT(qrt_port_cycles_per_second() > 0);
  const char* name = qrt_port_name();
  QRT_ASSERT(name != nullptr);
  QRT_EXPECT(strlen(name) > 3);
  qrt_port_log("port log sink: ");
  qrt_port_log(name);
  qrt_port_log("\n");
}

QRT_TEST(port, reads_host_files_byte_for_byte) {
  if (qrt_test::models_dir()[0] == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  char path[512];
  snprintf(path, sizeof path, "%s/MANIFEST.md", qrt_test::models_dir());
  static char whole[64 * 1024];
  const long size = qrt_test::read_file(path, whole, sizeof whole);
  QRT_ASSERT(size > 100);
  QRT_EXPECT(memcmp(whole, "# Models and evaluation data", 28) == 0);
  // Reading again through a buffer one byte too small must report "does not fit" (-2), and a
  // missing file -1: both paths go through the port's open/read.
  static char small[64 * 1024];
  QRT_EXPECT_EQ(qrt_test::read_file(path, small, static_cast<size_t>(size) - 1), -2);
  QRT_EXPECT(memcmp(small, whole, static_cast<size_t>(size) - 1) == 0);
  snprintf(path, sizeof path, "%s/no-such-file.bin", qrt_test::models_dir());
  QRT_EXPECT_EQ(qrt_test::read_file(path, small, sizeof small), -1);
}
