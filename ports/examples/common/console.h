/* The example's console: text out and the program's exit status, per platform. */
#ifndef PERSON_DETECT_CONSOLE_H
#define PERSON_DETECT_CONSOLE_H

void console_write(const char* text);
void console_exit(int status);

#endif
