// Criteria: the table of thresholds (key, group, direction, range) and the criteria-file parser
// (models/formats/CRITERIA.md). The parser walks the caller's text in place: no heap, no copy of
// the file, a few small buffers on the stack.
#include <string.h>

#include "accept_internal.h"
#include "qrt/accept.h"

namespace qrt {
namespace accept {
namespace {

enum ValueKind { kFraction, kNumber, kBytes, kCount };

struct CriterionInfo {
  const char* key;
  qrt_criterion_group group;
  bool is_max;
  ValueKind kind;
  double lo, hi;   // valid range, inclusive
  bool lo_strict;  // range excludes lo (min_speedup > 0)
};

constexpr double kHuge = 1.7976931348623157e308;

constexpr CriterionInfo kCriteria[QRT_CRIT_COUNT] = {
    {"max_accuracy_drop", QRT_GROUP_ACCURACY, true, kFraction, 0.0, 1.0, false},
    {"min_accuracy", QRT_GROUP_ACCURACY, false, kFraction, 0.0, 1.0, false},
    {"min_agreement", QRT_GROUP_ACCURACY, false, kFraction, 0.0, 1.0, false},
    {"max_perplexity_increase", QRT_GROUP_ACCURACY, true, kFraction, 0.0, kHuge, false},
    {"max_kl_mean", QRT_GROUP_ACCURACY, true, kNumber, 0.0, kHuge, false},
    {"min_speedup", QRT_GROUP_BENEFIT, false, kNumber, 0.0, kHuge, true},
    {"max_memory_bytes", QRT_GROUP_BENEFIT, true, kBytes, 0.0, kHuge, false},
    {"max_latency_cycles", QRT_GROUP_CAPS, true, kCount, 0.0, kHuge, false},
    {"max_arena_bytes", QRT_GROUP_CAPS, true, kBytes, 0.0, kHuge, false},
    {"max_flash_bytes", QRT_GROUP_CAPS, true, kBytes, 0.0, kHuge, false},
    {"max_stack_bytes", QRT_GROUP_CAPS, true, kBytes, 0.0, kHuge, false},
    {"min_snr_db", QRT_GROUP_TENSORS, false, kNumber, -kHuge, kHuge, false},
    {"max_mse", QRT_GROUP_TENSORS, true, kNumber, 0.0, kHuge, false},
    {"min_cosine", QRT_GROUP_TENSORS, false, kNumber, -1.0, 1.0, false},
};

// Unsigned comparison: with arm-none-eabi's short enums the enum may be an unsigned byte.
bool valid(qrt_criterion c) { return static_cast<unsigned>(c) < QRT_CRIT_COUNT; }

bool in_range(const CriterionInfo& c, double v) {
  if (!(v >= -kHuge && v <= kHuge)) return false;  // NaN, infinities
  if (c.lo_strict ? !(v > c.lo) : !(v >= c.lo)) return false;
  return v <= c.hi;
}

// Settings that are words, not thresholds. Bits above the criteria in the "seen" mask.
enum Setting { kDropKind = 0, kDropBound = 1, kMemoryKind = 2, kSettingCount = 3 };
constexpr const char* kSettingKeys[kSettingCount] = {"drop_kind", "drop_bound", "memory_kind"};

struct Span {
  const char* p;
  size_t n;
  bool equals(const char* s) const { return strlen(s) == n && memcmp(p, s, n) == 0; }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

Span trim(Span s) {
  while (s.n > 0 && is_space(s.p[0])) { ++s.p; --s.n; }
  while (s.n > 0 && is_space(s.p[s.n - 1])) --s.n;
  return s;
}

// Message builder into the caller's error buffer (quoted spans are cut to 40 characters). Without
// error messages it writes nothing, quoted spans included, so the message stays empty.
struct Msg {
  char* buf;
  size_t cap;
  size_t len;
  void put(const char* s) {
#ifndef QRT_NO_ERROR_MESSAGES
    while (*s != 0 && len + 1 < cap) buf[len++] = *s++;
    buf[len] = 0;
#else
    (void)s;
#endif
  }
  void quote(Span s) {
#ifndef QRT_NO_ERROR_MESSAGES
    put("'");
    for (size_t i = 0; i < s.n && i < 40 && len + 1 < cap; ++i) buf[len++] = s.p[i];
    buf[len] = 0;
    put("'");
#else
    (void)s;
#endif
  }
};

// Decimal number [+-]digits[.digits][(e|E)[+-]digits] at the start of s. Up to 19 significant
// digits are kept exactly in an integer and scaled once by an exact power of ten, so simple
// values ("0.1", "2.5") convert correctly rounded, like strtod's fast path.
bool parse_number(Span s, double* out, size_t* used) {
  size_t i = 0;
  bool negative = false;
  if (i < s.n && (s.p[i] == '+' || s.p[i] == '-')) negative = s.p[i++] == '-';
  uint64_t mantissa = 0;
  int kept = 0, exp10 = 0, digits = 0;
  for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; ++i, ++digits) {
    if (kept < 19) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s.p[i] - '0');
      if (mantissa != 0) ++kept;
    } else {
      ++exp10;
    }
  }
  if (i < s.n && s.p[i] == '.') {
    ++i;
    for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; ++i, ++digits) {
      if (kept < 19) {
        mantissa = mantissa * 10 + static_cast<uint64_t>(s.p[i] - '0');
        if (mantissa != 0) ++kept;
        --exp10;
      }
    }
  }
  if (digits == 0) return false;
  if (i < s.n && (s.p[i] == 'e' || s.p[i] == 'E')) {
    size_t j = i + 1;
    bool eneg = false;
    if (j < s.n && (s.p[j] == '+' || s.p[j] == '-')) eneg = s.p[j++] == '-';
    int e = 0, edigits = 0;
    for (; j < s.n && s.p[j] >= '0' && s.p[j] <= '9'; ++j, ++edigits) {
      if (e < 10000) e = e * 10 + (s.p[j] - '0');
    }
    if (edigits == 0) return false;
    exp10 += eneg ? -e : e;
    i = j;
  }
  if (exp10 > 400) exp10 = 400;  // beyond any double: becomes inf, rejected as out of range
  if (exp10 < -400) exp10 = -400;
  const double v = scale_pow10(static_cast<double>(mantissa), exp10);
  *out = negative ? -v : v;
  *used = i;
  return true;
}

// Non-negative integer (digits only) at the start of s.
bool parse_integer(Span s, double* out, size_t* used) {
  size_t i = 0;
  double v = 0.0;
  for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; ++i) {
    v = v * 10.0 + (s.p[i] - '0');
    if (v > 9007199254740992.0) return false;  // 2^53: past exact integers
  }
  if (i == 0) return false;
  *out = v;
  *used = i;
  return true;
}

// Parses a value of `kind`; on failure writes the reason.
bool parse_value(ValueKind kind, Span key, Span value, double* out, Msg* msg) {
  size_t used = 0;
  double v = 0.0;
  const bool ok = (kind == kBytes || kind == kCount) ? parse_integer(value, &v, &used)
                                                     : parse_number(value, &v, &used);
  if (!ok) {
    msg->put(kind == kBytes || kind == kCount ? QRT_ACCEPT_MSG("bad integer ")
                                              : QRT_ACCEPT_MSG("bad number "));
    msg->quote(value);
    msg->put(QRT_ACCEPT_MSG(" for "));
    msg->quote(key);
    return false;
  }
  Span rest = trim(Span{value.p + used, value.n - used});
  if (kind == kFraction) {
    if (rest.n > 0 && rest.p[0] == '%') {
      v /= 100.0;
      rest = trim(Span{rest.p + 1, rest.n - 1});
    } else if (v >= 1.0) {
      // "1" could mean one point or all of them: only values below 1 are read as fractions.
      msg->put(QRT_ACCEPT_MSG("fraction "));
      msg->quote(value);
      msg->put(QRT_ACCEPT_MSG(" >= 1 without '%' is ambiguous (write 1% for one point, 100% for all)"));
      return false;
    }
  } else if (kind == kBytes && rest.n > 0) {
    if (rest.equals("KiB")) {
      v *= 1024.0;
      rest.n = 0;
    } else if (rest.equals("MiB")) {
      v *= 1048576.0;
      rest.n = 0;
    }
  }
  if (rest.n != 0) {
    msg->put(QRT_ACCEPT_MSG("unexpected text "));
    msg->quote(rest);
    msg->put(QRT_ACCEPT_MSG(" after the value of "));
    msg->quote(key);
    return false;
  }
  *out = v;
  return true;
}

bool parse_setting(int setting, Span value, qrt_accept_criteria* c) {
  switch (setting) {
    case kDropKind:
      if (value.equals("absolute")) c->drop_kind = QRT_DROP_ABSOLUTE;
      else if (value.equals("relative")) c->drop_kind = QRT_DROP_RELATIVE;
      else return false;
      return true;
    case kDropBound:
      if (value.equals("estimate")) c->drop_bound = QRT_DROP_BOUND_ESTIMATE;
      else if (value.equals("upper95")) c->drop_bound = QRT_DROP_BOUND_UPPER95;
      else return false;
      return true;
    case kMemoryKind:
      if (value.equals("flash")) c->memory_kind = QRT_MEMORY_FLASH;
      else if (value.equals("arena")) c->memory_kind = QRT_MEMORY_ARENA;
      else if (value.equals("arena+flash")) c->memory_kind = QRT_MEMORY_ARENA_FLASH;
      else return false;
      return true;
    default:
      return false;
  }
}

constexpr const char* kSettingChoices[kSettingCount] = {
    "absolute or relative", "estimate or upper95", "flash, arena or arena+flash"};

// One line (comment already removed, trimmed, not empty). Returns false with a reason.
bool parse_line(Span line, qrt_accept_criteria* c, uint32_t* seen, Msg* msg) {
  const char* eq = static_cast<const char*>(memchr(line.p, '=', line.n));
  if (eq == nullptr) {
    msg->put(QRT_ACCEPT_MSG("missing '=' in "));
    msg->quote(line);
    return false;
  }
  const Span key = trim(Span{line.p, static_cast<size_t>(eq - line.p)});
  const Span value = trim(Span{eq + 1, line.n - static_cast<size_t>(eq - line.p) - 1});
  if (key.n == 0) {
    msg->put(QRT_ACCEPT_MSG("missing key before '='"));
    return false;
  }
  int index = -1;
  for (int i = 0; i < static_cast<int>(QRT_CRIT_COUNT) + static_cast<int>(kSettingCount); ++i) {
    const char* k = i < QRT_CRIT_COUNT ? kCriteria[i].key : kSettingKeys[i - QRT_CRIT_COUNT];
    if (key.equals(k)) index = i;
  }
  if (index < 0) {
    msg->put(QRT_ACCEPT_MSG("unknown key "));
    msg->quote(key);
    return false;
  }
  if (value.n == 0) {
    msg->put(QRT_ACCEPT_MSG("missing value for "));
    msg->quote(key);
    return false;
  }
  if ((*seen >> index) & 1u) {
    msg->quote(key);
    msg->put(QRT_ACCEPT_MSG(" set twice"));
    return false;
  }
  *seen |= 1u << index;
  if (index >= QRT_CRIT_COUNT) {
    const int setting = index - QRT_CRIT_COUNT;
    if (!parse_setting(setting, value, c)) {
      msg->put(QRT_ACCEPT_MSG("bad value "));
      msg->quote(value);
      msg->put(QRT_ACCEPT_MSG(" for "));
      msg->quote(key);
      msg->put(QRT_ACCEPT_MSG(": expected "));
      msg->put(kSettingChoices[setting]);
      return false;
    }
    return true;
  }
  const CriterionInfo& info = kCriteria[index];
  if (value.equals("none")) {
    c->set_mask &= ~(1u << index);
    c->value[index] = 0.0;
    return true;
  }
  double v = 0.0;
  if (!parse_value(info.kind, key, value, &v, msg)) return false;
  if (!in_range(info, v)) {
    msg->quote(key);
    msg->put(QRT_ACCEPT_MSG(" out of range: "));
    msg->quote(value);
    return false;
  }
  c->value[index] = v;
  c->set_mask |= 1u << index;
  return true;
}

}  // namespace
}  // namespace accept
}  // namespace qrt

using namespace qrt::accept;

extern "C" void qrt_accept_criteria_init(qrt_accept_criteria* c) {
  memset(c, 0, sizeof *c);
  c->drop_kind = QRT_DROP_ABSOLUTE;
  c->drop_bound = QRT_DROP_BOUND_ESTIMATE;
  c->memory_kind = QRT_MEMORY_FLASH;
}

extern "C" qrt_status qrt_accept_criteria_set(qrt_accept_criteria* c, qrt_criterion criterion,
                                              double value, int32_t is_set) {
  if (c == nullptr) return QRT_ERR_NULL_ARGUMENT;
  if (!valid(criterion)) return QRT_ERR_BAD_ARGUMENT;
  if (!is_set) {
    c->set_mask &= ~(1u << criterion);
    c->value[criterion] = 0.0;
    return QRT_OK;
  }
  if (!in_range(kCriteria[criterion], value)) return QRT_ERR_BAD_ARGUMENT;
  c->value[criterion] = value;
  c->set_mask |= 1u << criterion;
  return QRT_OK;
}

extern "C" const char* qrt_accept_criterion_key(qrt_criterion criterion) {
  if (!valid(criterion)) return nullptr;
  return kCriteria[criterion].key;
}

extern "C" qrt_criterion_group qrt_accept_criterion_group(qrt_criterion criterion) {
  if (!valid(criterion)) return QRT_GROUP_COUNT;
  return kCriteria[criterion].group;
}

extern "C" int32_t qrt_accept_criterion_is_max(qrt_criterion criterion) {
  if (!valid(criterion)) return -1;
  return kCriteria[criterion].is_max ? 1 : 0;
}

extern "C" qrt_status qrt_accept_criteria_parse(const char* text, size_t length,
                                                qrt_accept_criteria* criteria,
                                                qrt_criteria_parse_error* error) {
  if (error != nullptr) {
    error->line = 0;
    error->message[0] = 0;
  }
  if (criteria == nullptr || (text == nullptr && length != 0)) return QRT_ERR_NULL_ARGUMENT;
  qrt_accept_criteria work = *criteria;
  uint32_t seen = 0;
  char scratch[sizeof error->message];
  Msg msg{error != nullptr ? error->message : scratch, sizeof scratch, 0};
  msg.buf[0] = 0;
  size_t pos = 0;
  int32_t line_number = 0;
  while (pos < length) {
    ++line_number;
    const char* nl = static_cast<const char*>(memchr(text + pos, '\n', length - pos));
    const size_t end = nl != nullptr ? static_cast<size_t>(nl - text) : length;
    Span line{text + pos, end - pos};
    pos = end + 1;
    const char* hash = static_cast<const char*>(memchr(line.p, '#', line.n));
    if (hash != nullptr) line.n = static_cast<size_t>(hash - line.p);
    line = trim(line);
    if (line.n == 0) continue;
    if (!parse_line(line, &work, &seen, &msg)) {
      if (error != nullptr) error->line = line_number;
      return QRT_ERR_BAD_ARGUMENT;
    }
  }
  *criteria = work;
  return QRT_OK;
}
