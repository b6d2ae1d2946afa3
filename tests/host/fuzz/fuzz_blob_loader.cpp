// libFuzzer harness for the device loader: any byte string given to qrt_plan_memory /
// qrt_session_create must be rejected with a status and a message, or be valid — and a blob that
// validates must then invoke without any out-of-bounds access (AddressSanitizer watches both).
// The checksum is skipped so that mutations reach the structural checks behind it.
//
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
//     -DQRT_BUILD_FUZZERS=ON -DQRT_WERROR=OFF -DCMAKE_BUILD_TYPE=Debug \
//     -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined"
//   ninja -C build-fuzz fuzz_blob_loader
//   mkdir -p corpus && build/bin/qrt convert $QRT_MODELS_DIR/tflm/hello_world/hello_world_int8.tflite -o corpus/hw.qrt
//   build-fuzz/tests/host/fuzz/fuzz_blob_loader -max_total_time=300 corpus
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
  const qrt_status s = qrt_plan_memory(blob, size, &options, &plan, &err);
  if (s != QRT_OK) {
    if (err.status != s) abort();  // the error record agrees with the status
    return 0;
  }
  if (plan.arena_bytes > (64u << 20)) return 0;  // valid but too large to run here
  std::vector<uint8_t> arena_storage(plan.arena_bytes + 16);
  uint8_t* arena = arena_storage.data() + (16 - reinterpret_cast<uintptr_t>(arena_storage.data()) % 16) % 16;
  qrt_session* session = nullptr;
  if (qrt_session_create(blob, size, &options, arena, plan.arena_bytes, &session, &err) != QRT_OK) {
    abort();  // planning succeeded, so creation in an arena of the planned size must too
  }
  qrt_session_invoke(session);
  return 0;
}
