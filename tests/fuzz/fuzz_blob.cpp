// libFuzzer target: the device loader and invoke. Any byte string given to qrt_plan_memory /
// qrt_session_create must be rejected with a status and a matching error record, or be valid;
// a blob that plans must then be created in an arena of exactly the planned size (the plan check
// may still refuse it, with a status) and invoke without any out-of-bounds access or undefined
// behaviour (AddressSanitizer and UndefinedBehaviorSanitizer watch). The checksum is skipped so
// that mutations reach the structural checks behind it. Built and run by .ci/fuzz.sh.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "op_registry.h"
#include "qrt/qrt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The loader requires a 16-byte aligned blob; give it one of exactly `size` bytes.
  std::vector<uint8_t> storage(size + 16);
  uint8_t* blob = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  if (size != 0) memcpy(blob, data, size);
  qrt_options options = qrt::host::all_ops_options();
  options.skip_checksum = 1;
  qrt_memory_report plan;
  qrt_error err;
  qrt_status s = qrt_plan_memory(blob, size, &options, &plan, &err);
  if (s != QRT_OK) {
    if (err.status != s) abort();  // the error record agrees with the status
    return 0;
  }
  if (plan.arena_bytes > (64u << 20)) return 0;  // valid but too large to run here
  std::vector<uint8_t> arena_storage(plan.arena_bytes + 16);
  uint8_t* arena = arena_storage.data() + (16 - reinterpret_cast<uintptr_t>(arena_storage.data()) % 16) % 16;
  qrt_session* session = nullptr;
  s = qrt_session_create(blob, size, &options, arena, plan.arena_bytes, &session, &err);
  if (s == QRT_ERR_BAD_PLAN) return 0;  // the overlap check runs here, not in the plan
  if (s != QRT_OK) abort();  // anything else the plan accepted must create
  qrt_session_invoke(session);
  qrt_memory_report used;
  if (qrt_session_memory(session, &used) != QRT_OK || used.arena_high_water > plan.arena_bytes) abort();
  return 0;
}
