// libFuzzer target: the criteria parser (runtime/accept, device code: no heap). Any text is
// accepted or rejected with a line number; a rejected text leaves the criteria unchanged.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qrt/accept.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qrt_accept_criteria c;
  qrt_accept_criteria_init(&c);
  qrt_accept_criteria before = c;
  qrt_criteria_parse_error e;
  const qrt_status s = qrt_accept_criteria_parse(reinterpret_cast<const char*>(data), size, &c, &e);
  if (s != QRT_OK) {
    if (e.line < 1 || memcmp(&before, &c, sizeof c) != 0) abort();
  }
  return 0;
}
