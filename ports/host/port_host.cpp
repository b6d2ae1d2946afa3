// Host port: a nanosecond monotonic clock as the cycle counter, stdout as the log sink.
#include <stdio.h>
#include <time.h>

#include "qrt/port.h"

extern "C" uint64_t qrt_port_cycles(void) {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

extern "C" uint64_t qrt_port_cycles_per_second(void) { return 1000000000u; }

extern "C" const char* qrt_port_name(void) { return "host (monotonic clock, ns)"; }

extern "C" void qrt_port_log(const char* text) { fputs(text, stdout); }
