// The integer one-operator cases of tests/golden/tflm_op_cases.cpp (operators with no shared
// golden: int16 SOFTMAX/LOGISTIC/TANH/MEAN, HARD_SWISH, PRELU, SQUARED_DIFFERENCE, RESIZE_*, PACK,
// BATCH_MATMUL, SVDF over several invokes) on every target: blobs converted on the host at build
// time with their inputs and TFLM's recorded outputs (write_tflm_op_cases --device), read from
// the host (semihosting on Cortex-M), run through the device C API, compared byte for byte.
#include <stdio.h>
#include <string.h>

#include "qrt/qrt.h"
#include "qrt_test.h"

namespace {

alignas(16) uint8_t g_blob[64 * 1024];
alignas(16) uint8_t g_arena[96 * 1024];
uint8_t g_bytes[16 * 1024];
char g_list[16 * 1024];

// Reads DIR/NAME.SUFFIX into `buffer` (g_bytes by default); its size, or negative.
long read_case_file(const char* name, const char* suffix, void* buffer = g_bytes,
                    size_t cap = sizeof g_bytes) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s.%s", QRT_OP_CASES_DIR, name, suffix);
  return qrt_test::read_file(path, buffer, cap);
}

bool case_matches(const char* name, int inputs, int outputs, int invokes) {
  const long blob_bytes = read_case_file(name, "qrt", g_blob, sizeof g_blob);
  if (blob_bytes < 0) return false;
  qrt_session* s = nullptr;
  qrt_error err;
  if (qrt_session_create(g_blob, static_cast<size_t>(blob_bytes), nullptr, g_arena, sizeof g_arena,
                         &s, &err) != QRT_OK) {
    printf("  %s: cannot open (%s)\n", name, err.message);
    return false;
  }
  for (int k = 0; k < inputs; ++k) {
    char suffix[32];
    snprintf(suffix, sizeof suffix, "in%d.bin", k);
    qrt_tensor_view in;
    const long n = read_case_file(name, suffix);
    if (qrt_session_input(s, k, &in) != QRT_OK || n < 0 || static_cast<size_t>(n) != in.bytes) {
      printf("  %s: input %d missing or of the wrong size\n", name, k);
      return false;
    }
    memcpy(in.data, g_bytes, in.bytes);
  }
  for (int i = 0; i < invokes; ++i) {
    if (qrt_session_invoke(s) != QRT_OK) return false;
  }
  for (int k = 0; k < outputs; ++k) {
    char suffix[32];
    snprintf(suffix, sizeof suffix, "out%d.bin", k);
    qrt_tensor_view out;
    const long n = read_case_file(name, suffix);
    if (qrt_session_output(s, k, &out) != QRT_OK || n < 0 || static_cast<size_t>(n) != out.bytes ||
        memcmp(out.data, g_bytes, out.bytes) != 0) {
      printf("  %s: output %d differs from TFLM's\n", name, k);
      return false;
    }
  }
  return true;
}

}  // namespace

QRT_TEST(tflm_op_cases_on_device, every_integer_case_bit_exact_with_tflm) {
  char path[512];
  snprintf(path, sizeof path, "%s/cases.txt", QRT_OP_CASES_DIR);
  const long n = qrt_test::read_file(path, g_list, sizeof g_list - 1);
  QRT_ASSERT(n > 0);
  g_list[n] = '\0';
  int exact = 0, total = 0;
  for (char* line = g_list; *line != '\0';) {
    char* end = strchr(line, '\n');
    if (end != nullptr) *end = '\0';
    char name[128];
    int inputs = 0, outputs = 0, invokes = 0;
    if (sscanf(line, "%127s %d %d %d", name, &inputs, &outputs, &invokes) == 4) {
      const bool ok = case_matches(name, inputs, outputs, invokes);
      QRT_EXPECT(ok);
      exact += ok ? 1 : 0;
      ++total;
    }
    if (end == nullptr) break;
    line = end + 1;
  }
  QRT_EXPECT(total >= 64);  // every integer case of tflm_op_cases.cpp (64 today)
  printf("TFLM one-operator cases on this target: %d of %d bit-exact\n", exact, total);
}
