// A small JSON reader for host tools (qrt report reads acceptance reports). Whole document in
// memory, recursive descent, depth-limited; numbers as double.
#ifndef QRT_RUNTIME_HOST_ACCEPT_JSON_VALUE_H
#define QRT_RUNTIME_HOST_ACCEPT_JSON_VALUE_H

#include <string>
#include <utility>
#include <vector>

namespace qrt {
namespace host {
namespace accept {

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0.0;
  std::string string;
  std::vector<JsonValue> items;                            // arrays
  std::vector<std::pair<std::string, JsonValue>> members;  // objects, in document order

  // Member `key` of an object, or nullptr (also for non-objects).
  const JsonValue* get(const std::string& key) const;
  bool is_number() const { return kind == Kind::kNumber; }
  bool is_string() const { return kind == Kind::kString; }
};

// Parses a whole document (trailing whitespace allowed, nothing else). On error returns false
// with "line L col C: reason".
bool parse_json(const std::string& text, JsonValue* out, std::string* error);

// Convenience readers: the member's number (NaN when absent, null or not a number), string ("" when
// absent or not a string), bool (fallback when absent or not a bool).
double json_number(const JsonValue& object, const std::string& key);
std::string json_string(const JsonValue& object, const std::string& key);
bool json_bool(const JsonValue& object, const std::string& key, bool fallback);

}  // namespace accept
}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_ACCEPT_JSON_VALUE_H
