// The planned arena is exact on real models: a session in an arena of exactly the planned size
// runs, touches nothing beyond it (the caller's bytes past the plan are painted 0x00 in one run
// and 0xFF in another and must be unchanged), and its measured high-water mark
// (qrt_session_memory: the session paints the arena at create and finds the highest byte an
// invoke changed) equals the plan when no operator needs scratch (scratch may be only partly
// used by a given input). And the qrt.h contracts on real models: invoke consumes its inputs (the
// plan reuses their bytes), and a blob off its 16-byte boundary is refused.
#include <cstring>

#include "golden_util.h"
#include "op_registry.h"
#include "qrt_test.h"

namespace {

constexpr size_t kGuard = 256;

// Runs one invoke with the caller's storage painted `paint` and returns the session's measured
// high-water mark; *guard_intact tells whether the bytes past the plan kept the paint.
size_t high_water(const qrt::host::ModelFile& model, uint8_t paint, bool* guard_intact) {
  const size_t planned = model.plan.arena_bytes;
  std::vector<uint8_t> storage(planned + kGuard + 16);
  uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  std::memset(storage.data(), paint, storage.size());
  const qrt_options options = qrt::host::all_ops_options();
  qrt_session* s = nullptr;
  if (qrt_session_create(model.blob.data(), model.blob.size(), &options, arena, planned, &s, nullptr) != QRT_OK) {
    return 0;
  }
  for (int32_t i = 0; i < qrt_session_input_count(s); ++i) {
    qrt_tensor_view in;
    qrt_session_input(s, i, &in);
    auto* p = static_cast<uint8_t*>(in.data);
    for (size_t b = 0; b < in.bytes; ++b) p[b] = static_cast<uint8_t>(b * 29u + 3u);
  }
  if (qrt_session_invoke(s) != QRT_OK) return 0;  // the callers expect the plan: 0 fails them
  *guard_intact = true;
  for (size_t b = planned; b < planned + kGuard; ++b) {
    if (arena[b] != paint) *guard_intact = false;
  }
  qrt_memory_report m;
  if (qrt_session_memory(s, &m) != QRT_OK) return 0;
  return m.arena_high_water;
}

QRT_TEST(arena, measured_high_water_equals_plan_on_real_models) {
  if (golden::model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  const char* models[] = {
      "tflm/hello_world/hello_world_int8.tflite",
      "tflm/micro_speech/micro_speech_quantized.tflite",
      "tflm/person_detection/person_detect.tflite",
      "mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite",
      "mlperf_tiny/models/kws01/kws_ref_model.tflite",
      "mlperf_tiny/models/ad01/ad01_int8.tflite",
      "mlperf_tiny/models/ic01/pretrainedResnet.tflite",  // float32 path
  };
  for (const char* m : models) {
    qrt::host::ModelFile model;
    std::string error;
    QRT_ASSERT(golden::import_model(m, &model, &error));
    bool intact0 = false, intact1 = false;
    const size_t high = std::max(high_water(model, 0x00, &intact0), high_water(model, 0xFF, &intact1));
    QRT_EXPECT(intact0 && intact1);
    if (model.plan.scratch_bytes == 0) {
      QRT_EXPECT_EQ(high, model.plan.arena_bytes);
    } else {
      QRT_EXPECT(high <= model.plan.arena_bytes);
      QRT_EXPECT(high > model.plan.arena_bytes - model.plan.scratch_bytes);
    }
    // One byte less is refused before anything runs.
    std::vector<uint8_t> storage(model.plan.arena_bytes + 16);
    uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
    const qrt_options options = qrt::host::all_ops_options();
    qrt_session* s = nullptr;
    QRT_EXPECT_EQ(qrt_session_create(model.blob.data(), model.blob.size(), &options, arena,
                                     model.plan.arena_bytes - 1, &s, nullptr),
                  QRT_ERR_ARENA_TOO_SMALL);
  }
}

// qrt.h: "invoke consumes its inputs". person_detect's plan gives the input's bytes to a later
// activation, so after an invoke the input view no longer holds what was written; writing it
// again before the next invoke gives the same output bytes.
QRT_TEST(arena, invoke_overwrites_inputs_and_rewritten_inputs_repeat_the_output) {
  if (golden::model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(golden::import_model("tflm/person_detection/person_detect.tflite", &model, &error));
  std::vector<uint8_t> storage(model.plan.arena_bytes + 16);
  uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  const qrt_options options = qrt::host::all_ops_options();
  qrt_session* s = nullptr;
  QRT_ASSERT_EQ(qrt_session_create(model.blob.data(), model.blob.size(), &options, arena,
                                   model.plan.arena_bytes, &s, nullptr), QRT_OK);
  qrt_tensor_view in, out;
  QRT_ASSERT_EQ(qrt_session_input(s, 0, &in), QRT_OK);
  QRT_ASSERT_EQ(qrt_session_output(s, 0, &out), QRT_OK);
  std::vector<uint8_t> pattern(in.bytes);
  for (size_t b = 0; b < pattern.size(); ++b) pattern[b] = static_cast<uint8_t>(b * 29u + 3u);
  std::vector<uint8_t> first, second;
  for (std::vector<uint8_t>* result : {&first, &second}) {
    std::memcpy(in.data, pattern.data(), pattern.size());
    QRT_ASSERT_EQ(qrt_session_invoke(s), QRT_OK);
    QRT_EXPECT(std::memcmp(in.data, pattern.data(), pattern.size()) != 0);
    const auto* o = static_cast<const uint8_t*>(out.data);
    result->assign(o, o + out.bytes);
  }
  QRT_EXPECT(first == second);
}

// qrt.h: "the blob starts on a 16-byte boundary". The same bytes 8 bytes off are refused.
QRT_TEST(arena, a_blob_off_its_16_byte_boundary_is_refused) {
  if (golden::model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(golden::import_model("tflm/hello_world/hello_world_int8.tflite", &model, &error));
  std::vector<uint8_t> storage(model.blob.size() + 32);
  uint8_t* aligned = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  const qrt_options options = qrt::host::all_ops_options();
  qrt_memory_report plan;
  qrt_error err;
  std::memcpy(aligned, model.blob.data(), model.blob.size());
  QRT_EXPECT_EQ(qrt_plan_memory(aligned, model.blob.size(), &options, &plan, &err), QRT_OK);
  std::memmove(aligned + 8, aligned, model.blob.size());
  QRT_EXPECT_EQ(qrt_plan_memory(aligned + 8, model.blob.size(), &options, &plan, &err),
                QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT(std::strstr(err.message, "16-byte boundary") != nullptr);
}

}  // namespace
