// Helpers shared by the acceptance library's sources: error filling, a buffered text sink over
// the caller's write callback, and small string utilities. Device code: no heap, no globals.
#ifndef QRT_ACCEPT_SRC_ACCEPT_INTERNAL_H
#define QRT_ACCEPT_SRC_ACCEPT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/accept.h"
#include "qrt/qrt.h"

namespace qrt {
namespace accept {

// Fills *err (if not null) and returns `status`. The message is dropped when the library is built
// without error messages (QRT_NO_ERROR_MESSAGES), so the strings are not linked in.
#ifdef QRT_NO_ERROR_MESSAGES
#define QRT_ACCEPT_MSG(text) ""
#else
#define QRT_ACCEPT_MSG(text) text
#endif

qrt_status fail(qrt_error* err, qrt_status status, int32_t tensor_index, const char* message);

// Copies at most cap-1 bytes of `src` and terminates. Returns the length written.
size_t copy_text(char* dst, size_t cap, const char* src);

// Collects text into a small buffer and hands it to the caller's write callback in chunks, so a
// report costs a few dozen callback calls instead of one per fragment.
struct TextSink {
  qrt_accept_write_fn write;
  void* user;
  size_t used;
  char buffer[96];
};

void sink_init(TextSink* sink, qrt_accept_write_fn write, void* user);
void sink_put(TextSink* sink, const char* text);
void sink_put_n(TextSink* sink, const char* text, size_t n);
void sink_char(TextSink* sink, char c);
void sink_spaces(TextSink* sink, size_t n);
// Writes `text` left-aligned in a field of `width` characters (longer text is not cut).
void sink_field(TextSink* sink, const char* text, size_t width);
void sink_uint(TextSink* sink, uint64_t value);
void sink_double(TextSink* sink, double value, int significant);
void sink_flush(TextSink* sink);

// Names used by both report writers.
inline const char* status_name(qrt_term_status s) {
  switch (s) {
    case QRT_TERM_PASS: return "PASS";
    case QRT_TERM_FAIL: return "FAIL";
    case QRT_TERM_NOT_MEASURED: return "NOT_MEASURED";
    default: return "NOT_CHECKED";
  }
}
inline const char* group_name(int group) {
  switch (group) {
    case QRT_GROUP_ACCURACY: return "accuracy";
    case QRT_GROUP_BENEFIT: return "benefit";
    case QRT_GROUP_CAPS: return "caps";
    default: return "tensors";
  }
}
inline const char* task_name(int32_t task) {
  switch (task) {
    case 1: return "classification";
    case 2: return "anomaly";
    case 3: return "regression";
    case QRT_ACCEPT_TASK_LANGUAGE_MODEL: return "language_model";
    default: return "none";
  }
}
inline const char* memory_kind_name(qrt_memory_kind k) {
  switch (k) {
    case QRT_MEMORY_ARENA: return "arena";
    case QRT_MEMORY_ARENA_FLASH: return "arena+flash";
    default: return "flash";
  }
}

// A term that makes the verdict fail: a FAIL or NOT_MEASURED term of an AND group, or of the OR
// group (BENEFIT) only when no alternative in it passed.
inline bool term_is_failing(const qrt_accept_verdict& v, const qrt_accept_term& t) {
  if (t.status != QRT_TERM_FAIL && t.status != QRT_TERM_NOT_MEASURED) return false;
  const int g = qrt_accept_criterion_group(t.criterion);
  return g != QRT_GROUP_BENEFIT || v.group[g] == QRT_TERM_FAIL;
}

// 10^0 .. 10^22, all exact in double.
inline constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// v * 10^k for any k; each step is one correctly rounded operation by an exact power, so the
// result is the same on every IEEE target.
inline double scale_pow10(double v, int k) {
  while (k > 22) {
    v *= 1e22;
    k -= 22;
  }
  while (k < -22) {
    v /= 1e22;
    k += 22;
  }
  return k >= 0 ? v * kPow10[k] : v / kPow10[-k];
}

// Kahan-compensated running sum: *sum + *comp tracks the exact total far better than a plain
// double once millions of terms are added (the library is built with -ffp-contract=off and
// without -ffast-math, which would optimize the compensation away).
inline void kahan_add(double* sum, double* comp, double x) {
  const double y = x - *comp;
  const double t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// In-place heap sort (ascending by `less`): O(n log n), no recursion, no buffer.
template <typename T, typename Less>
void heap_sort(T* a, size_t n, Less less) {
  if (n < 2) return;
  auto sift_down = [&](size_t root, size_t end) {
    for (;;) {
      size_t child = 2 * root + 1;
      if (child >= end) return;
      if (child + 1 < end && less(a[child], a[child + 1])) ++child;
      if (!less(a[root], a[child])) return;
      T tmp = a[root];
      a[root] = a[child];
      a[child] = tmp;
      root = child;
    }
  };
  for (size_t i = n / 2; i-- > 0;) sift_down(i, n);
  for (size_t end = n - 1; end > 0; --end) {
    T tmp = a[0];
    a[0] = a[end];
    a[end] = tmp;
    sift_down(0, end);
  }
}

}  // namespace accept
}  // namespace qrt

#endif  // QRT_ACCEPT_SRC_ACCEPT_INTERNAL_H
