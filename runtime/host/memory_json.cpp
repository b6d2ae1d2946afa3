#include "memory_json.h"

namespace qrt {
namespace host {

void write_memory_json(JsonWriter& j, const qrt_memory_report& m) {
  auto bytes = [](size_t v) { return static_cast<uint64_t>(v); };
  j.key("arena_bytes").value(bytes(m.arena_bytes));
  j.key("arena_categories").begin_object();
  j.key("runtime_state").value(bytes(m.runtime_state_bytes));
  j.key("persistent").value(bytes(m.persistent_bytes));
  j.key("activations").value(bytes(m.activation_bytes));
  j.key("scratch").value(bytes(m.scratch_bytes));
  j.end_object();
  j.key("flash_bytes").value(bytes(m.blob_bytes));
  j.key("constant_bytes").value(bytes(m.constant_bytes));
  j.key("plan_check_bytes").value(bytes(m.plan_check_bytes));
  j.key("io_bytes").value(bytes(m.io_bytes));
  j.key("unshared_activation_bytes").value(bytes(m.naive_activation_bytes));
}

}  // namespace host
}  // namespace qrt
