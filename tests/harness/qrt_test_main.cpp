#include "qrt_test.h"

#include <string.h>

#ifndef QRT_TEST_MODELS_DIR
#define QRT_TEST_MODELS_DIR ""
#endif

namespace qrt_test {
namespace {

struct Entry {
  const char* suite;
  const char* name;
  TestFn fn;
};

// Registration happens from static constructors before main; a fixed table keeps the harness
// free of heap use on bare-metal targets.
constexpr int kMaxTests = 1024;
Entry g_tests[kMaxTests];
int g_test_count = 0;
const char* g_current = "";
bool g_current_skipped = false;

bool matches(const Entry& e, const char* filter) {
  if (filter == nullptr) return true;
  char full[160];
  snprintf(full, sizeof full, "%s.%s", e.suite, e.name);
  return strstr(full, filter) != nullptr;
}

}  // namespace

Registration::Registration(const char* suite, const char* name, TestFn fn) {
  if (g_test_count < kMaxTests) g_tests[g_test_count++] = Entry{suite, name, fn};
}

void report_failure(Context* ctx, const char* file, int line, const char* what) {
  ++ctx->failures;
  printf("FAIL %s  %s:%d: %s\n", g_current, file, line, what);
}

void report_failure_values(Context* ctx, const char* file, int line, const char* what, long long a,
                           long long b) {
  ++ctx->failures;
  printf("FAIL %s  %s:%d: %s  (%lld vs %lld)\n", g_current, file, line, what, a, b);
}

void report_failure_doubles(Context* ctx, const char* file, int line, const char* what, double a,
                            double b) {
  ++ctx->failures;
  printf("FAIL %s  %s:%d: %s  (%.17g vs %.17g)\n", g_current, file, line, what, a, b);
}

void note_skipped(const char* why) {
  g_current_skipped = true;
  printf("SKIP %s: %s\n", g_current, why);
}

long read_file(const char* path, void* buf, size_t cap) {
  FILE* f = fopen(path, "rb");
  if (f == nullptr) return -1;
  size_t total = 0;
  for (;;) {
    if (total == cap) {
      char extra;
      const size_t more = fread(&extra, 1, 1, f);
      fclose(f);
      return more == 0 ? static_cast<long>(total) : -2;
    }
    const size_t got = fread(static_cast<char*>(buf) + total, 1, cap - total, f);
    if (got == 0) break;
    total += got;
  }
  fclose(f);
  return static_cast<long>(total);
}

const char* models_dir() { return QRT_TEST_MODELS_DIR; }

}  // namespace qrt_test

int main(int argc, char** argv) {
  using namespace qrt_test;
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int failed = 0, run = 0, skipped = 0;
  char name[160];
  for (int i = 0; i < g_test_count; ++i) {
    if (!matches(g_tests[i], filter)) continue;
    snprintf(name, sizeof name, "%s.%s", g_tests[i].suite, g_tests[i].name);
    g_current = name;
    g_current_skipped = false;
    Context ctx{0};
    g_tests[i].fn(&ctx);
    ++run;
    if (ctx.failures != 0) {
      ++failed;
    } else if (g_current_skipped) {
      ++skipped;
    }
  }
  printf("%d tests, %d failed, %d skipped\n", run, failed, skipped);
  if (failed == 0) return skipped > 0 ? kSkipStatus : 0;
  // Failure counts stay below the skip status and the fault statuses (128 + n).
  return failed >= kSkipStatus ? kSkipStatus - 1 : failed;
}
