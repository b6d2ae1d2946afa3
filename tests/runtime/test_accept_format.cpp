// The report's own number formatter: hand-written expectations (what printf's %.*g / %.*f print),
// plus, where the C library has a full printf (hosted targets), a sweep against snprintf.
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qrt/accept.h"
#include "qrt_test.h"

namespace {

bool formats_as(double v, int sig, const char* expected) {
  char buf[40];
  const size_t n = qrt_accept_format_double(buf, sizeof buf, v, sig);
  if (strcmp(buf, expected) != 0 || n != strlen(expected)) {
    printf("  format_double(%d sig) gave '%s', expected '%s'\n", sig, buf, expected);
    return false;
  }
  return true;
}

bool fixed_as(double v, int decimals, const char* expected) {
  char buf[40];
  qrt_accept_format_fixed(buf, sizeof buf, v, decimals);
  if (strcmp(buf, expected) != 0) {
    printf("  format_fixed(%d) gave '%s', expected '%s'\n", decimals, buf, expected);
    return false;
  }
  return true;
}

}  // namespace

QRT_TEST(accept_format, significant_digits_like_percent_g) {
  QRT_EXPECT(formats_as(0.865, 9, "0.865"));
  QRT_EXPECT(formats_as(173.0 / 200.0, 9, "0.865"));
  QRT_EXPECT(formats_as(0.0, 6, "0"));
  QRT_EXPECT(formats_as(-0.0, 6, "0"));
  QRT_EXPECT(formats_as(1.0, 6, "1"));
  QRT_EXPECT(formats_as(-2.5, 6, "-2.5"));
  QRT_EXPECT(formats_as(123456.7, 6, "123457"));
  QRT_EXPECT(formats_as(1234567.0, 6, "1.23457e+06"));
  QRT_EXPECT(formats_as(1e6, 6, "1e+06"));
  QRT_EXPECT(formats_as(999999.5, 6, "1e+06"));  // rounds up into the next decade
  QRT_EXPECT(formats_as(9.9999996, 6, "10"));
  QRT_EXPECT(formats_as(1.5e-7, 6, "1.5e-07"));
  QRT_EXPECT(formats_as(0.0001, 6, "0.0001"));
  QRT_EXPECT(formats_as(0.00001, 6, "1e-05"));
  QRT_EXPECT(formats_as(1e300, 4, "1e+300"));
  QRT_EXPECT(formats_as(2.2250738585072014e-308, 5, "2.2251e-308"));
  QRT_EXPECT(formats_as(3.14159265358979, 3, "3.14"));
  QRT_EXPECT(formats_as(14.149733479708, 9, "14.1497335"));
  QRT_EXPECT(formats_as(HUGE_VAL, 6, "inf"));
  QRT_EXPECT(formats_as(-HUGE_VAL, 6, "-inf"));
  QRT_EXPECT(formats_as(NAN, 6, "nan"));
}

QRT_TEST(accept_format, fixed_decimals_like_percent_f) {
  QRT_EXPECT(fixed_as(86.5, 2, "86.50"));
  QRT_EXPECT(fixed_as(0.0, 2, "0.00"));
  QRT_EXPECT(fixed_as(-0.001, 2, "0.00"));  // unsigned zero, unlike printf's "-0.00"
  QRT_EXPECT(fixed_as(-1.005, 2, "-1.00"));  // 1.005 is 1.00499999999999989... in binary
  QRT_EXPECT(fixed_as(2.5, 0, "3"));         // half away from zero
  QRT_EXPECT(fixed_as(-2.5, 0, "-3"));
  QRT_EXPECT(fixed_as(0.125, 2, "0.13"));
  QRT_EXPECT(fixed_as(65536.0, 0, "65536"));
  QRT_EXPECT(fixed_as(3.0, 9, "3.000000000"));
  QRT_EXPECT(fixed_as(0.05, 3, "0.050"));
  QRT_EXPECT(fixed_as(HUGE_VAL, 2, "inf"));
  QRT_EXPECT(fixed_as(1e25, 2, "1e+25"));  // too large for 19 digits: falls back to %g style
}

QRT_TEST(accept_format, truncates_to_capacity) {
  char buf[5];
  const size_t n = qrt_accept_format_double(buf, sizeof buf, 123456.0, 6);
  QRT_EXPECT_EQ(n, 4u);
  QRT_EXPECT(strcmp(buf, "1234") == 0);
  char one[1];
  QRT_EXPECT_EQ(qrt_accept_format_fixed(one, 1, 5.0, 1), 0u);
  QRT_EXPECT_EQ(one[0], 0);
}

#if defined(__linux__)
// glibc's printf is exact (it prints the binary value's decimal expansion correctly rounded); ours
// scales by one exact power of ten, so it may differ only when a value is within an ulp of a
// rounding boundary. Random values essentially never are.
QRT_TEST(accept_format, sweep_against_snprintf) {
  uint32_t s = 2463534242u;
  int mismatches = 0;
  for (int i = 0; i < 20000; ++i) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    const double mant = (s & 0xFFFFFF) / 16777216.0 + 0.05;
    const int exp10 = static_cast<int>((s >> 24) % 40) - 20;
    const double v = ((s >> 31) != 0 ? -1.0 : 1.0) * mant * pow(10.0, exp10);
    const int sig = 1 + static_cast<int>(i % 9);
    char ours[40], theirs[40];
    qrt_accept_format_double(ours, sizeof ours, v, sig);
    snprintf(theirs, sizeof theirs, "%.*g", sig, v);
    if (strcmp(ours, theirs) != 0 && ++mismatches <= 5) {
      printf("  %.17g sig %d: ours '%s' printf '%s'\n", v, sig, ours, theirs);
    }
    const int dec = static_cast<int>(i % 5);
    // v * 10^dec must stay an exact-enough double (< 2^53) for a digit-exact comparison; the
    // report prints fixed-point only for percentages, dB and ratios.
    // Exact binary ties (x.5 at the last digit) round half away from zero here and half to even
    // in glibc: skip them.
    const double scaled_frac = (fabs(v) - floor(fabs(v))) * pow(10.0, dec);
    const bool exact_tie = scaled_frac - floor(scaled_frac) == 0.5;
    if (fabs(v) * pow(10.0, dec) < 1e15 && !exact_tie) {
      qrt_accept_format_fixed(ours, sizeof ours, v, dec);
      snprintf(theirs, sizeof theirs, "%.*f", dec, v);
      const bool neg_zero = strcmp(theirs + (theirs[0] == '-'), ours) == 0 && theirs[0] == '-' &&
                            strspn(theirs + 1, "0.") == strlen(theirs + 1);
      if (strcmp(ours, theirs) != 0 && !neg_zero && ++mismatches <= 5) {
        printf("  %.17g dec %d: ours '%s' printf '%s'\n", v, dec, ours, theirs);
      }
    }
  }
  QRT_EXPECT(mismatches <= 2);
}
#endif
