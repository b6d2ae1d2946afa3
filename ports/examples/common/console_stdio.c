/* Console on an operating system: stdout and exit(). */
#include <stdio.h>
#include <stdlib.h>

#include "console.h"

void console_write(const char* text) { fputs(text, stdout); }

void console_exit(int status) {
  fflush(stdout);
  exit(status);
}
