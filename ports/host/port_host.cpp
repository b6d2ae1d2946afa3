// Host port: the calling thread's CPU time in nanoseconds as the cycle counter, stdout as the log
// sink. CPU time rather than wall time because the host is usually shared (CI, a developer's
// desktop): time the thread spends descheduled is not the model's cost, and wall time moved the
// same acceptance speedup between 21x and 107x under load. Linux reports it at nanosecond
// resolution (the scheduler clock).
#include <stdio.h>
#include <time.h>

#include "qrt/port.h"

extern "C" uint64_t qrt_port_cycles(void) {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

extern "C" uint64_t qrt_port_cycles_per_second(void) { return 1000000000u; }

extern "C" const char* qrt_port_name(void) { return "host (thread CPU time, ns)"; }

extern "C" void qrt_port_log(const char* text) { fputs(text, stdout); }
