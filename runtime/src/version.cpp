#include "qrt/version.h"

extern "C" const char* qrt_version(void) { return QRT_VERSION_STRING; }
