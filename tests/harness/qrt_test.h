// A tiny test harness that builds for every target qrt supports (host, Linux under qemu-user,
// bare-metal Cortex-M under qemu-system-arm with semihosting). GoogleTest does not cross-compile
// to bare metal, so device-side tests use this instead.
//
//   QRT_TEST(fixedpoint, rounding_half_away) {
//     QRT_EXPECT_EQ(qrt::rounding_divide_by_pot(-3, 1), -2);
//   }
//
// Each test executable links qrt_test_main; it runs every registered test (or those whose
// "suite.name" contains argv[1]), prints one line per failure and a summary, and returns the
// number of failed tests as its exit status: 0 when every test ran and passed, kSkipStatus (77,
// registered with CTest as SKIP_RETURN_CODE) when none failed but at least one was skipped, so a
// skip is counted as a skip and never as a pass.
//
// Checks: QRT_EXPECT_EQ compares integers, enums and bools exactly and refuses floating-point
// arguments at compile time (a cast to an integer would drop the fraction). Floating-point
// values use QRT_EXPECT_FLOAT_EQ (exactly equal, NaN equal to NaN) or QRT_EXPECT_NEAR (absolute
// tolerance).
#ifndef QRT_TESTS_HARNESS_QRT_TEST_H
#define QRT_TESTS_HARNESS_QRT_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <type_traits>

namespace qrt_test {

// Exit status of a test executable that skipped a test and failed none (CTest SKIP_RETURN_CODE).
constexpr int kSkipStatus = 77;

// True for the argument types QRT_EXPECT_EQ accepts: integers, bools and enums.
template <typename T>
constexpr bool kExactType = std::is_integral<std::decay_t<T>>::value ||
                            std::is_enum<std::decay_t<T>>::value;

struct Context {
  int failures;
};

using TestFn = void (*)(Context*);

struct Registration {
  Registration(const char* suite, const char* name, TestFn fn);
};

void report_failure(Context* ctx, const char* file, int line, const char* what);
void report_failure_values(Context* ctx, const char* file, int line, const char* what,
                           long long a, long long b);
void report_failure_doubles(Context* ctx, const char* file, int line, const char* what, double a,
                            double b);

// Marks the current test as skipped with a note (for example when QRT_MODELS_DIR is not
// configured); the caller returns. The executable then exits with kSkipStatus unless a test failed.
void note_skipped(const char* why);

// Whether the library under test keeps its error messages (QRT_ERROR_MESSAGES=ON).
#if defined(QRT_TEST_NO_ERROR_MESSAGES)
constexpr bool kErrorMessages = false;
#else
constexpr bool kErrorMessages = true;
#endif

// `message` names `fragment`, or messages are compiled out (then it must be empty).
inline bool message_has(const char* message, const char* fragment) {
  if (!kErrorMessages) return message[0] == '\0';
  for (const char* p = message; *p != '\0'; ++p) {
    const char* a = p;
    const char* b = fragment;
    while (*a != '\0' && *b != '\0' && *a == *b) ++a, ++b;
    if (*b == '\0') return true;
  }
  return fragment[0] == '\0';
}

// Exact floating-point equality, with NaN equal to NaN (a NaN where NaN is expected is a match).
inline bool same_double(double a, double b) { return a == b || (a != a && b != b); }

// Reads a whole file into buf (at most cap bytes). Returns the byte count, or -1 when the file
// cannot be opened, or -2 when it does not fit. Works on every target (semihosting on Cortex-M).
long read_file(const char* path, void* buf, size_t cap);

// Folder of the shared models given at configure time (QRT_MODELS_DIR), or "" when not set.
const char* models_dir();

}  // namespace qrt_test

#define QRT_TEST_CONCAT_(a, b) a##b
#define QRT_TEST_CONCAT(a, b) QRT_TEST_CONCAT_(a, b)

#define QRT_TEST(suite, name)                                                               \
  static void QRT_TEST_CONCAT(qrt_test_fn_, QRT_TEST_CONCAT(suite, QRT_TEST_CONCAT(_, name)))( \
      qrt_test::Context*);                                                                  \
  static const qrt_test::Registration QRT_TEST_CONCAT(                                      \
      qrt_test_reg_, QRT_TEST_CONCAT(suite, QRT_TEST_CONCAT(_, name)))(                     \
      #suite, #name, QRT_TEST_CONCAT(qrt_test_fn_, QRT_TEST_CONCAT(suite, QRT_TEST_CONCAT(_, name)))); \
  static void QRT_TEST_CONCAT(qrt_test_fn_, QRT_TEST_CONCAT(suite, QRT_TEST_CONCAT(_, name)))( \
      qrt_test::Context* qrt_test_ctx)

#define QRT_EXPECT(cond)                                                          \
  do {                                                                            \
    if (!(cond)) qrt_test::report_failure(qrt_test_ctx, __FILE__, __LINE__, #cond); \
  } while (0)

#define QRT_EXPECT_EQ(a, b)                                                                  \
  do {                                                                                       \
    static_assert(qrt_test::kExactType<decltype(a)> && qrt_test::kExactType<decltype(b)>,    \
                  "QRT_EXPECT_EQ compares integers: use QRT_EXPECT_FLOAT_EQ or QRT_EXPECT_NEAR"); \
    const long long qrt_a_ = static_cast<long long>(a);                                      \
    const long long qrt_b_ = static_cast<long long>(b);                                      \
    if (qrt_a_ != qrt_b_)                                                                    \
      qrt_test::report_failure_values(qrt_test_ctx, __FILE__, __LINE__, #a " == " #b, qrt_a_, \
                                      qrt_b_);                                               \
  } while (0)

// Exact equality of two floating-point values (both converted to double, which is exact for
// float): for results that must have the same bits, such as a hand-computed 0.5.
#define QRT_EXPECT_FLOAT_EQ(a, b)                                                            \
  do {                                                                                       \
    const double qrt_a_ = static_cast<double>(a);                                            \
    const double qrt_b_ = static_cast<double>(b);                                            \
    if (!qrt_test::same_double(qrt_a_, qrt_b_))                                              \
      qrt_test::report_failure_doubles(qrt_test_ctx, __FILE__, __LINE__, #a " == " #b, qrt_a_, \
                                       qrt_b_);                                              \
  } while (0)

// |a - b| <= tol; fails on NaN.
#define QRT_EXPECT_NEAR(a, b, tol)                                                           \
  do {                                                                                       \
    const double qrt_a_ = static_cast<double>(a);                                            \
    const double qrt_b_ = static_cast<double>(b);                                            \
    const double qrt_d_ = qrt_a_ > qrt_b_ ? qrt_a_ - qrt_b_ : qrt_b_ - qrt_a_;               \
    if (!(qrt_d_ <= (tol)))                                                                  \
      qrt_test::report_failure_doubles(qrt_test_ctx, __FILE__, __LINE__,                     \
                                       #a " ~= " #b " within " #tol, qrt_a_, qrt_b_);        \
  } while (0)

// Stops the current test on failure (for preconditions such as a file that must load).
#define QRT_ASSERT(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      qrt_test::report_failure(qrt_test_ctx, __FILE__, __LINE__, #cond);          \
      return;                                                                     \
    }                                                                             \
  } while (0)

#define QRT_ASSERT_EQ(a, b)                                                       \
  do {                                                                            \
    const int qrt_failures_before_ = qrt_test_ctx->failures;                      \
    QRT_EXPECT_EQ(a, b);                                                          \
    if (qrt_test_ctx->failures != qrt_failures_before_) return;                   \
  } while (0)

#define QRT_ASSERT_FLOAT_EQ(a, b)                                                 \
  do {                                                                            \
    const int qrt_failures_before_ = qrt_test_ctx->failures;                      \
    QRT_EXPECT_FLOAT_EQ(a, b);                                                    \
    if (qrt_test_ctx->failures != qrt_failures_before_) return;                   \
  } while (0)

#endif  // QRT_TESTS_HARNESS_QRT_TEST_H
