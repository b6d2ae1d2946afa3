// libFuzzer target: the .qev evaluation-set reader (runtime/accept, device code). A set that
// opens must give every sample's inputs and references, every unit's samples and label, inside
// the buffer; anything else is a status with a matching error record.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "qrt/eval_set.h"

namespace {

void expect_inside(const void* p, size_t bytes, const uint8_t* base, size_t size) {
  const auto* q = static_cast<const uint8_t*>(p);
  if (q < base || bytes > size || q > base + (size - bytes)) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint32_t> storage(size / 4 + 1);  // the reader needs 4-byte alignment
  auto* base = reinterpret_cast<uint8_t*>(storage.data());
  if (size != 0) memcpy(base, data, size);
  qrt_eval_set set;
  qrt_error err;
  const qrt_status s = qrt_eval_set_open(base, size, 1, &set, &err);
  if (s != QRT_OK) {
    if (err.status != s) abort();
    return 0;
  }
  const uint32_t samples = set.sample_count < 64 ? set.sample_count : 64;
  for (uint32_t i = 0; i < samples; ++i) {
    for (uint32_t k = 0; k < set.input_count; ++k) {
      qrt_eval_tensor view;
      if (qrt_eval_set_input(&set, i, k, &view) != QRT_OK) abort();
      expect_inside(view.data, view.bytes, base, size);
    }
    for (uint32_t k = 0; k < set.output_count; ++k) {
      qrt_eval_tensor view;
      if (qrt_eval_set_reference(&set, i, k, &view) == QRT_OK) expect_inside(view.data, view.bytes, base, size);
    }
  }
  const uint32_t units = set.unit_count < 64 ? set.unit_count : 64;
  for (uint32_t u = 0; u < units; ++u) {
    uint32_t first = 0, count = 0;
    if (qrt_eval_set_unit_samples(&set, u, &first, &count) != QRT_OK) abort();
    if (first > set.sample_count || count > set.sample_count - first) abort();
    int32_t label = 0;
    float value = 0;
    (void)qrt_eval_set_label_class(&set, u, &label);
    (void)qrt_eval_set_label_value(&set, u, &value);
  }
  return 0;
}
