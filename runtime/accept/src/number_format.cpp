// Number formatting without printf: deterministic on every target because it uses only IEEE
// operations on exactly representable powers of ten (no libm, no locale), and small (a printf
// with float support adds tens of kilobytes to a Cortex-M image).
#include <math.h>
#include <stdint.h>

#include "accept_internal.h"
#include "qrt/accept.h"

using qrt::accept::kPow10;
using qrt::accept::scale_pow10;

namespace {

struct Out {
  char* p;
  size_t cap;
  size_t len;
  void put(char c) {
    if (len + 1 < cap) p[len] = c;
    ++len;
  }
  void put(const char* s) {
    while (*s != 0) put(*s++);
  }
  size_t finish() {
    if (cap == 0) return 0;
    const size_t end = len < cap ? len : cap - 1;
    p[end] = 0;
    return end;
  }
};

// Decimal digits of m, most significant first; returns the count.
int digits_of(uint64_t m, char* d) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + m % 10);
    m /= 10;
  } while (m != 0);
  for (int i = 0; i < n; ++i) d[i] = tmp[n - 1 - i];
  return n;
}

bool special(Out* out, double v) {
  if (v != v) {
    out->put("nan");
    return true;
  }
  if (v > 1.7976931348623157e308) {
    out->put("inf");
    return true;
  }
  if (v < -1.7976931348623157e308) {
    out->put("-inf");
    return true;
  }
  return false;
}

}  // namespace

extern "C" size_t qrt_accept_format_double(char* buf, size_t cap, double v, int sig) {
  Out out{buf, cap, 0};
  if (sig < 1) sig = 1;
  if (sig > 17) sig = 17;
  if (special(&out, v)) return out.finish();
  if (v == 0.0) {
    out.put('0');
    return out.finish();
  }
  if (v < 0) {
    out.put('-');
    v = -v;
  }
  // Decimal exponent e with 10^e <= v < 10^(e+1): a first guess by repeated scaling, then the
  // rounded mantissa m (sig digits) decides, so rounding up to the next power (9.9999996 -> 10.0)
  // lands on the right exponent.
  int e = 0;
  {
    double t = v;
    while (t >= 1e22) { t /= 1e22; e += 22; }
    while (t >= 10.0) { t /= 10.0; ++e; }
    while (t < 1e-22) { t *= 1e22; e -= 22; }
    while (t < 1.0) { t *= 10.0; --e; }
  }
  const uint64_t lo = static_cast<uint64_t>(kPow10[sig - 1]);
  const uint64_t hi = static_cast<uint64_t>(kPow10[sig]);
  uint64_t m = 0;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const double scaled = scale_pow10(v, sig - 1 - e);
    m = static_cast<uint64_t>(scaled + 0.5);
    if (m >= hi) {
      ++e;
    } else if (m < lo) {
      --e;
    } else {
      break;
    }
  }
  char d[20];
  int nd = digits_of(m, d);
  while (nd > 1 && d[nd - 1] == '0') --nd;  // %g drops trailing zeros
  if (e >= -4 && e < sig) {  // %g: fixed notation for exponents -4 .. sig-1
    if (e < 0) {
      out.put("0.");
      for (int i = 0; i < -e - 1; ++i) out.put('0');
      for (int i = 0; i < nd; ++i) out.put(d[i]);
    } else {
      for (int i = 0; i <= e; ++i) out.put(i < nd ? d[i] : '0');
      if (nd > e + 1) {
        out.put('.');
        for (int i = e + 1; i < nd; ++i) out.put(d[i]);
      }
    }
  } else {
    out.put(d[0]);
    if (nd > 1) {
      out.put('.');
      for (int i = 1; i < nd; ++i) out.put(d[i]);
    }
    out.put('e');
    out.put(e < 0 ? '-' : '+');
    const int ae = e < 0 ? -e : e;
    char ed[20];
    const int ne = digits_of(static_cast<uint64_t>(ae), ed);
    if (ne < 2) out.put('0');
    for (int i = 0; i < ne; ++i) out.put(ed[i]);
  }
  return out.finish();
}

extern "C" size_t qrt_accept_format_fixed(char* buf, size_t cap, double v, int decimals) {
  Out out{buf, cap, 0};
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  if (special(&out, v)) return out.finish();
  const bool negative = v < 0;
  const double a = negative ? -v : v;
  if (a >= 1e19) return qrt_accept_format_double(buf, cap, v, 17);
  // Round the integer and the fractional part separately: frac = a - floor(a) is exact, and
  // scaling only the fraction keeps 53 bits for the decimals even when the integer part is large.
  const uint64_t unit = static_cast<uint64_t>(kPow10[decimals]);
  const double whole = floor(a);
  uint64_t ip = static_cast<uint64_t>(whole);
  uint64_t frac = static_cast<uint64_t>((a - whole) * kPow10[decimals] + 0.5);
  if (frac >= unit) {
    frac -= unit;
    ++ip;
  }
  if (negative && (ip != 0 || frac != 0)) out.put('-');
  char d[20];
  const int n = digits_of(ip, d);
  for (int i = 0; i < n; ++i) out.put(d[i]);
  if (decimals > 0) {
    out.put('.');
    char f[20];
    const int nf = digits_of(frac, f);
    for (int i = nf; i < decimals; ++i) out.put('0');
    for (int i = 0; i < nf; ++i) out.put(f[i]);
  }
  return out.finish();
}
