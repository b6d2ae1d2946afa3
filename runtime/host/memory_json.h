// The memory plan in the JSON vocabulary every command shares (models/formats/JSON.md): the
// accept report's keys (arena_bytes, arena_categories, flash_bytes) plus the plan's details.
#ifndef QRT_RUNTIME_HOST_MEMORY_JSON_H
#define QRT_RUNTIME_HOST_MEMORY_JSON_H

#include "json_writer.h"
#include "qrt/qrt.h"

namespace qrt {
namespace host {

// Writes the keys arena_bytes, arena_categories {runtime_state, persistent, activations,
// scratch}, flash_bytes, constant_bytes, plan_check_bytes, io_bytes and
// unshared_activation_bytes into the open object.
void write_memory_json(JsonWriter& j, const qrt_memory_report& m);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_MEMORY_JSON_H
