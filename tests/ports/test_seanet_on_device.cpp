// The 127 SEANet 16x8 single-operator models (TFLM's integration tests, int16 activations) on
// every target: each blob, converted at build time by the host `qrt` (tests/ports/CMakeLists.txt),
// is read into RAM together with its inputs and TFLM's golden output, run through the device C
// API, and must reproduce the golden values exactly -- the host's result
// (tests/golden/test_seanet_golden.cpp) on the device's own kernels and arithmetic. Files are read
// from the host (semihosting on Cortex-M).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qrt/qrt.h"
#include "qrt_test.h"
#include "seanet_models.h"  // kSeanetModels[]: {family, name}, generated from the models folder

namespace {

alignas(16) uint8_t g_blob[64 * 1024];
alignas(16) uint8_t g_arena[64 * 1024];
char g_text[64 * 1024];
int32_t g_values[16 * 1024];

// Reads a whole file into `buffer`; returns its size or -1.
long read_file(const char* path, void* buffer, size_t cap) {
  FILE* f = fopen(path, "rb");
  if (f == nullptr) return -1;
  const size_t n = fread(buffer, 1, cap, f);
  const bool whole = n < cap || fgetc(f) == EOF;
  fclose(f);
  return whole ? static_cast<long>(n) : -1;
}

// The comma-separated integers of <folder>/<name>_<what>_<type>.csv for the first type present;
// returns the count or -1.
int read_csv(const char* folder, const char* name, const char* what) {
  const char* const types[3] = {"int16", "int32", "int8"};
  for (const char* type : types) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s_%s_%s.csv", folder, name, what, type);
    const long n = read_file(path, g_text, sizeof g_text - 1);
    if (n < 0) continue;
    g_text[n] = '\0';
    int count = 0;
    for (char* p = g_text; *p != '\0' && count < static_cast<int>(sizeof g_values / 4);) {
      char* end = nullptr;
      const long v = strtol(p, &end, 10);
      if (end == p) break;
      g_values[count++] = static_cast<int32_t>(v);
      p = *end == ',' ? end + 1 : end;
    }
    return count;
  }
  return -1;
}

size_t element_bytes(qrt_dtype dtype) {
  return dtype == QRT_DTYPE_INT8 ? 1 : dtype == QRT_DTYPE_INT16 ? 2 : 4;
}

int32_t value_at(const qrt_tensor_view& v, size_t i) {
  if (v.dtype == QRT_DTYPE_INT8) return static_cast<const int8_t*>(v.data)[i];
  if (v.dtype == QRT_DTYPE_INT16) return static_cast<const int16_t*>(v.data)[i];
  return static_cast<const int32_t*>(v.data)[i];
}

// One model: true when every output value equals TFLM's.
bool model_matches(const SeanetModel& m) {
  char path[512], folder[512];
  snprintf(path, sizeof path, "%s/seanet_%s.qrt", QRT_SEANET_BLOB_DIR, m.name);
  snprintf(folder, sizeof folder, "%s/tflm/integration_tests_seanet/%s", qrt_test::models_dir(), m.family);
  const long blob_bytes = read_file(path, g_blob, sizeof g_blob);
  qrt_session* s = nullptr;
  qrt_error err;
  if (blob_bytes < 0 || qrt_session_create(g_blob, static_cast<size_t>(blob_bytes), nullptr, g_arena,
                                           sizeof g_arena, &s, &err) != QRT_OK) {
    printf("  %s: cannot open (%s)\n", m.name, blob_bytes < 0 ? path : err.message);
    return false;
  }
  for (int32_t k = 0; k < qrt_session_input_count(s); ++k) {
    char what[16];
    snprintf(what, sizeof what, "input%d", static_cast<int>(k));
    const int n = read_csv(folder, m.name, what);
    qrt_tensor_view in;
    qrt_session_input(s, k, &in);
    if (n < 0 || static_cast<size_t>(n) * element_bytes(in.dtype) != in.bytes) {
      printf("  %s: input %d missing or of the wrong size\n", m.name, static_cast<int>(k));
      return false;
    }
    for (int i = 0; i < n; ++i) {
      if (in.dtype == QRT_DTYPE_INT8) static_cast<int8_t*>(in.data)[i] = static_cast<int8_t>(g_values[i]);
      if (in.dtype == QRT_DTYPE_INT16) static_cast<int16_t*>(in.data)[i] = static_cast<int16_t>(g_values[i]);
      if (in.dtype == QRT_DTYPE_INT32) static_cast<int32_t*>(in.data)[i] = g_values[i];
    }
  }
  if (qrt_session_invoke(s) != QRT_OK) return false;
  qrt_tensor_view out;
  qrt_session_output(s, 0, &out);
  const int n = read_csv(folder, m.name, "golden");
  if (n < 0 || static_cast<size_t>(n) * element_bytes(out.dtype) != out.bytes) {
    printf("  %s: golden missing or of the wrong size\n", m.name);
    return false;
  }
  for (int i = 0; i < n; ++i) {
    if (value_at(out, static_cast<size_t>(i)) != g_values[i]) {
      printf("  %s: output %d is %d, TFLM's %d\n", m.name, i,
             static_cast<int>(value_at(out, static_cast<size_t>(i))), static_cast<int>(g_values[i]));
      return false;
    }
  }
  return true;
}

}  // namespace

QRT_TEST(seanet_on_device, every_model_bit_exact_with_tflm) {
  int exact = 0;
  const int total = static_cast<int>(sizeof kSeanetModels / sizeof kSeanetModels[0]);
  for (const SeanetModel& m : kSeanetModels) {
    const bool ok = model_matches(m);
    QRT_EXPECT(ok);
    exact += ok ? 1 : 0;
  }
  QRT_EXPECT_EQ(total, 127);
  printf("SEANet 16x8 on this target: %d of %d models bit-exact with TFLM\n", exact, total);
}
