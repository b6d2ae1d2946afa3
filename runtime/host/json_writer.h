// A minimal streaming JSON writer for host tools (reports, inspect --json).
#ifndef QRT_RUNTIME_HOST_JSON_WRITER_H
#define QRT_RUNTIME_HOST_JSON_WRITER_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace host {

// Builds compact JSON: begin_object(); key("a"); value(1); end_object(); then str().
// Commas are inserted automatically; non-finite doubles are written as null.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(const std::string& k);
  JsonWriter& value(const std::string& v);
  JsonWriter& value(const char* v);
  JsonWriter& value(double v);
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(int32_t v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint32_t v) { return value(static_cast<uint64_t>(v)); }
  JsonWriter& value(bool v);
  JsonWriter& null();
  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

std::string json_escape(const std::string& s);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_JSON_WRITER_H
