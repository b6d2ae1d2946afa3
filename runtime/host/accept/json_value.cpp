// Recursive-descent JSON reader (RFC 8259), enough for report files.
#include "json_value.h"

#include <cmath>
#include <cstdlib>

namespace qrt {
namespace host {
namespace accept {
namespace {

constexpr int kMaxDepth = 64;

struct Parser {
  const std::string& s;
  size_t i = 0;
  std::string error;

  bool fail(const std::string& why) {
    if (error.empty()) {
      size_t line = 1, col = 1;
      for (size_t k = 0; k < i && k < s.size(); ++k) {
        if (s[k] == '\n') {
          ++line;
          col = 1;
        } else {
          ++col;
        }
      }
      error = "line " + std::to_string(line) + " col " + std::to_string(col) + ": " + why;
    }
    return false;
  }
  void skip_space() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool literal(const char* word) {
    size_t k = 0;
    while (word[k] != 0) {
      if (i + k >= s.size() || s[i + k] != word[k]) return false;
      ++k;
    }
    i += k;
    return true;
  }
  static void put_utf8(std::string* out, unsigned cp) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool hex4(unsigned* v) {
    if (i + 4 > s.size()) return fail("truncated \\u escape");
    *v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s[i++];
      *v <<= 4;
      if (c >= '0' && c <= '9') *v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') *v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') *v |= static_cast<unsigned>(c - 'A' + 10);
      else return fail("bad \\u escape");
    }
    return true;
  }
  bool string(std::string* out) {
    ++i;  // opening quote
    out->clear();
    while (i < s.size()) {
      const char c = s[i++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (i >= s.size()) break;
      const char e = s[i++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            i += 2;
            unsigned lo = 0;
            if (!hex4(&lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }
  bool number(double* out) {
    const size_t start = i;
    if (i < s.size() && s[i] == '-') ++i;
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return fail("bad number");
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == 'e' ||
                            s[i] == 'E' || s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    const std::string text = s.substr(start, i - start);
    char* end = nullptr;
    *out = std::strtod(text.c_str(), &end);
    if (end == nullptr || *end != '\0') return fail("bad number '" + text + "'");
    return true;
  }
  bool value(JsonValue* v, int depth) {
    if (depth > kMaxDepth) return fail("nested too deeply");
    skip_space();
    if (i >= s.size()) return fail("unexpected end");
    const char c = s[i];
    if (c == '{') {
      v->kind = JsonValue::Kind::kObject;
      ++i;
      skip_space();
      if (i < s.size() && s[i] == '}') {
        ++i;
        return true;
      }
      for (;;) {
        skip_space();
        if (i >= s.size() || s[i] != '"') return fail("expected a key");
        std::string key;
        if (!string(&key)) return false;
        skip_space();
        if (i >= s.size() || s[i] != ':') return fail("expected ':'");
        ++i;
        v->members.emplace_back(key, JsonValue{});
        if (!value(&v->members.back().second, depth + 1)) return false;
        skip_space();
        if (i < s.size() && s[i] == ',') {
          ++i;
          continue;
        }
        if (i < s.size() && s[i] == '}') {
          ++i;
          return true;
        }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      v->kind = JsonValue::Kind::kArray;
      ++i;
      skip_space();
      if (i < s.size() && s[i] == ']') {
        ++i;
        return true;
      }
      for (;;) {
        v->items.emplace_back();
        if (!value(&v->items.back(), depth + 1)) return false;
        skip_space();
        if (i < s.size() && s[i] == ',') {
          ++i;
          continue;
        }
        if (i < s.size() && s[i] == ']') {
          ++i;
          return true;
        }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      v->kind = JsonValue::Kind::kString;
      return string(&v->string);
    }
    if (literal("true")) {
      v->kind = JsonValue::Kind::kBool;
      v->boolean = true;
      return true;
    }
    if (literal("false")) {
      v->kind = JsonValue::Kind::kBool;
      return true;
    }
    if (literal("null")) {
      v->kind = JsonValue::Kind::kNull;
      return true;
    }
    v->kind = JsonValue::Kind::kNumber;
    return number(&v->number);
  }
};

}  // namespace

const JsonValue* JsonValue::get(const std::string& key) const {
  if (kind != Kind::kObject) return nullptr;
  for (const auto& m : members) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

bool parse_json(const std::string& text, JsonValue* out, std::string* error) {
  Parser p{text, 0, std::string()};
  *out = JsonValue{};
  if (!p.value(out, 0)) {
    *error = p.error;
    return false;
  }
  p.skip_space();
  if (p.i != text.size()) {
    p.fail("unexpected text after the document");
    *error = p.error;
    return false;
  }
  return true;
}

double json_number(const JsonValue& object, const std::string& key) {
  const JsonValue* v = object.get(key);
  if (v == nullptr) return NAN;
  if (v->is_number()) return v->number;
  if (v->is_string() && v->string == "inf") return HUGE_VAL;
  if (v->is_string() && v->string == "-inf") return -HUGE_VAL;
  return NAN;
}

std::string json_string(const JsonValue& object, const std::string& key) {
  const JsonValue* v = object.get(key);
  return v != nullptr && v->is_string() ? v->string : std::string();
}

bool json_bool(const JsonValue& object, const std::string& key, bool fallback) {
  const JsonValue* v = object.get(key);
  return v != nullptr && v->kind == JsonValue::Kind::kBool ? v->boolean : fallback;
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
