// The shared models on every target, linked into flash and read in place: each model's output
// bytes must equal TensorFlow Lite Micro's (../shared/models/golden/tflm/, reference kernels on
// x86-64), through the device C API only. One executable per model (tests/ports/CMakeLists.txt
// defines QRT_MODEL_<NAME> and embeds <name>.qrt, converted at build time by the host `qrt`).
// Inputs and goldens are read from the host (semihosting on Cortex-M). Sample counts shrink on
// QRT_TEST_SLOW_TARGET (Cortex-M55: MVE emulation is slow).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_plan_check.h"
#include "qrt/qrt.h"
#include "qrt_model_in_flash.h"  // qrt_model_in_flash[], qrt_model_in_flash_size
#include "qrt_test.h"

namespace {

#if defined(QRT_TEST_SLOW_TARGET)
[[maybe_unused]] constexpr int kMaxSamples = 1;
#else
[[maybe_unused]] constexpr int kMaxSamples = 3;
#endif

alignas(16) uint8_t g_arena[QRT_MODEL_ARENA_BYTES];
char g_line[8192];  // one golden line (ad01 lines hold 640 values)
[[maybe_unused]] uint8_t g_input[96 * 96];  // one input (person_detect is the largest)

// Creates a session on the embedded blob; the arena's planned size must fit g_arena.
qrt_session* open_model(qrt_test::Context* qrt_test_ctx) {
  qrt_memory_report plan;
  qrt_error err;
  const qrt_status planned = qrt_plan_memory(qrt_model_in_flash, qrt_model_in_flash_size, nullptr,
                                             &plan, &err);
  if (planned != QRT_OK) printf("plan: %s %s\n", qrt_status_str(planned), err.message);
  QRT_EXPECT_EQ(planned, QRT_OK);
  if (planned != QRT_OK || plan.arena_bytes > sizeof g_arena) return nullptr;
  qrt_session* s = nullptr;
  const qrt_status created = qrt_session_create(qrt_model_in_flash, qrt_model_in_flash_size,
                                                nullptr, g_arena, sizeof g_arena, &s, &err);
  if (created != QRT_OK) printf("create: %s %s\n", qrt_status_str(created), err.message);
  QRT_EXPECT_EQ(created, QRT_OK);
  return created == QRT_OK ? s : nullptr;
}

// Copies `bytes` into input 0 (again before every invoke: activations share buffers), runs, and
// returns output 0.
bool run(qrt_session* s, const void* input, size_t bytes, qrt_tensor_view* out) {
  qrt_tensor_view in;
  if (qrt_session_input(s, 0, &in) != QRT_OK || in.bytes != bytes) return false;
  memcpy(in.data, input, bytes);
  if (qrt_session_invoke(s) != QRT_OK) return false;
  return qrt_session_output(s, 0, out) == QRT_OK;
}

// Path under the models folder.
const char* model_path(const char* relative) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", qrt_test::models_dir(), relative);
  return path;
}

// Parses whitespace-separated integers from `text` into `values` (at most `cap`); returns count.
int parse_ints(const char* text, int* values, int cap) {
  int n = 0;
  char* end = nullptr;
  for (const char* p = text; n < cap;) {
    const long v = strtol(p, &end, 10);
    if (end == p) break;
    values[n++] = static_cast<int>(v);
    p = end;
  }
  return n;
}

// Compares output bytes with the expected values; counts mismatching bytes.
int mismatches(const qrt_tensor_view& out, const int* expected, int count) {
  if (static_cast<int>(out.bytes) != count) return count + 1;
  const int8_t* got = static_cast<const int8_t*>(out.data);
  int bad = 0;
  for (int i = 0; i < count; ++i) bad += got[i] != expected[i];
  return bad;
}

}  // namespace

#if defined(QRT_MODEL_HELLO_WORLD)
QRT_TEST(models_in_flash, hello_world_all_256_inputs) {
  if (qrt_test::models_dir()[0] == '\0') return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt_session* s = open_model(qrt_test_ctx);
  QRT_ASSERT(s != nullptr);
  FILE* f = fopen(model_path("golden/tflm/hello_world_int8_outputs.txt"), "r");
  QRT_ASSERT(f != nullptr);
  int checked = 0, bad = 0;
  while (fgets(g_line, sizeof g_line, f) != nullptr) {
    int v[2];
    if (g_line[0] == '#' || parse_ints(g_line, v, 2) != 2) continue;
    const int8_t x = static_cast<int8_t>(v[0]);
    qrt_tensor_view out;
    QRT_ASSERT(run(s, &x, 1, &out));
    bad += mismatches(out, &v[1], 1);
    ++checked;
  }
  fclose(f);
  QRT_EXPECT_EQ(checked, 256);
  QRT_EXPECT_EQ(bad, 0);
}
#endif

#if defined(QRT_MODEL_MICRO_SPEECH) || defined(QRT_MODEL_PERSON_DETECT)
// Lines "<name> <outputs...>" (micro_speech: only the 1000 ms clips are model inputs), input
// golden/tflm/<prefix><name>.i8.
void check_tflm_lines(qrt_test::Context* qrt_test_ctx, const char* outputs, const char* prefix,
                      size_t input_bytes, int output_count, int want_checked) {
  if (qrt_test::models_dir()[0] == '\0') return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt_session* s = open_model(qrt_test_ctx);
  QRT_ASSERT(s != nullptr);
  FILE* f = fopen(model_path(outputs), "r");
  QRT_ASSERT(f != nullptr);
  int checked = 0;
  while (checked < kMaxSamples && fgets(g_line, sizeof g_line, f) != nullptr) {
    char name[64];
    if (g_line[0] == '#' || sscanf(g_line, "%63s", name) != 1 || strchr(name, ':') != nullptr)
      continue;
    int expected[16] = {};
    QRT_ASSERT(output_count <= 16);
    QRT_ASSERT_EQ(parse_ints(g_line + strlen(name), expected, output_count), output_count);
    char relative[160];
    snprintf(relative, sizeof relative, "golden/tflm/%s%s.i8", prefix, name);
    QRT_ASSERT_EQ(qrt_test::read_file(model_path(relative), g_input, sizeof g_input),
                  static_cast<long>(input_bytes));
    qrt_tensor_view out;
    QRT_ASSERT(run(s, g_input, input_bytes, &out));
    QRT_EXPECT_EQ(mismatches(out, expected, output_count), 0);
    ++checked;
  }
  fclose(f);
  QRT_EXPECT_EQ(checked, want_checked < kMaxSamples ? want_checked : kMaxSamples);
}
#endif

#if defined(QRT_MODEL_MICRO_SPEECH)
QRT_TEST(models_in_flash, micro_speech_feature_inputs) {
  check_tflm_lines(qrt_test_ctx, "golden/tflm/micro_speech_outputs.txt",
                   "micro_speech_features_", 1960, 4, 4);
}
#endif

#if defined(QRT_MODEL_PERSON_DETECT)
QRT_TEST(models_in_flash, person_detect_images) {
  check_tflm_lines(qrt_test_ctx, "golden/tflm/person_detect_outputs.txt", "person_detect_input_",
                   96 * 96, 2, 2);
}
#endif

#if defined(QRT_MODEL_IC01) || defined(QRT_MODEL_IC01_LARGE) || defined(QRT_MODEL_KWS01)
// MLPerf Tiny: golden/tflm/mlperf/<key>_outputs.txt lines "<sample>.bin <label> <outputs...>";
// the first three samples have converted inputs <key>_input_<sample>.i8.
void check_mlperf(qrt_test::Context* qrt_test_ctx, const char* key, size_t input_bytes,
                  int output_count) {
  if (qrt_test::models_dir()[0] == '\0') return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  qrt_session* s = open_model(qrt_test_ctx);
  QRT_ASSERT(s != nullptr);
  char relative[160];
  snprintf(relative, sizeof relative, "golden/tflm/mlperf/%s_outputs.txt", key);
  FILE* f = fopen(model_path(relative), "r");
  QRT_ASSERT(f != nullptr);
  int checked = 0;
  while (checked < kMaxSamples && fgets(g_line, sizeof g_line, f) != nullptr) {
    char sample[96];
    int label = 0;
    int consumed = 0;
    if (sscanf(g_line, "%95s %d%n", sample, &label, &consumed) != 2) continue;
    char* dot = strstr(sample, ".bin");
    if (dot != nullptr) *dot = '\0';
    int expected[16] = {};
    QRT_ASSERT(output_count <= 16);
    QRT_ASSERT_EQ(parse_ints(g_line + consumed, expected, 16), output_count);
    snprintf(relative, sizeof relative, "golden/tflm/mlperf/%s_input_%s.i8", key, sample);
    QRT_ASSERT_EQ(qrt_test::read_file(model_path(relative), g_input, sizeof g_input),
                  static_cast<long>(input_bytes));
    qrt_tensor_view out;
    QRT_ASSERT(run(s, g_input, input_bytes, &out));
    QRT_EXPECT_EQ(mismatches(out, expected, output_count), 0);
    ++checked;
  }
  fclose(f);
  QRT_EXPECT_EQ(checked, kMaxSamples);
}
#endif

#if defined(QRT_MODEL_IC01)
QRT_TEST(models_in_flash, ic01_first_samples) { check_mlperf(qrt_test_ctx, "ic01", 3072, 10); }
#endif
#if defined(QRT_MODEL_IC01_LARGE)
QRT_TEST(models_in_flash, ic01_large_first_samples) {
  check_mlperf(qrt_test_ctx, "ic01_large", 3072, 10);
}
#endif
#if defined(QRT_MODEL_KWS01)
QRT_TEST(models_in_flash, kws01_first_samples) { check_mlperf(qrt_test_ctx, "kws01", 490, 12); }
#endif

#if defined(QRT_HOST_PLAN_HEADER)
QRT_TEST(models_in_flash, plan_equals_the_hosts_plan_for_this_target) {
  qrt_options options;
  memset(&options, 0, sizeof options);
  host_plan::expect_host_plan(qrt_test_ctx, qrt_model_in_flash, qrt_model_in_flash_size, options);
}
#endif

#if defined(QRT_MODEL_AD01)
// ad01: the first window (w000) of three files; golden lines "<file>.bin:w000 <label> <640>".
QRT_TEST(models_in_flash, ad01_first_windows) {
  if (qrt_test::models_dir()[0] == '\0') return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  static const char* const kFiles[] = {"normal_id_01_00000003_hist_librosa",
                                       "normal_id_01_00000013_hist_librosa",
                                       "normal_id_01_00000023_hist_librosa"};
  qrt_session* s = open_model(qrt_test_ctx);
  QRT_ASSERT(s != nullptr);
  static int expected[640];
  int checked = 0;
  for (int i = 0; i < kMaxSamples; ++i) {
    char relative[160];
    snprintf(relative, sizeof relative, "golden/tflm/mlperf/ad01_input_%s.i8", kFiles[i]);
    QRT_ASSERT_EQ(qrt_test::read_file(model_path(relative), g_input, sizeof g_input), 640);
    FILE* f = fopen(model_path("golden/tflm/mlperf/ad01_outputs_first10files.txt"), "r");
    QRT_ASSERT(f != nullptr);
    char key[96];
    snprintf(key, sizeof key, "%s.bin:w000 ", kFiles[i]);
    bool found = false;
    while (!found && fgets(g_line, sizeof g_line, f) != nullptr)
      found = strncmp(g_line, key, strlen(key)) == 0;
    fclose(f);
    QRT_ASSERT(found);
    int label = 0, consumed = 0;
    QRT_ASSERT(sscanf(g_line + strlen(key), "%d%n", &label, &consumed) == 1);
    QRT_ASSERT_EQ(parse_ints(g_line + strlen(key) + consumed, expected, 640), 640);
    qrt_tensor_view out;
    QRT_ASSERT(run(s, g_input, 640, &out));
    QRT_EXPECT_EQ(mismatches(out, expected, 640), 0);
    ++checked;
  }
  QRT_EXPECT_EQ(checked, kMaxSamples);
}
#endif
