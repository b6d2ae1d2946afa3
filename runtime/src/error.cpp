#include "internal.h"

namespace qrt {

ErrorMessage::ErrorMessage(qrt_error* err, qrt_status status) : err_(err), length_(0) {
  if (err_ == nullptr) return;
  err_->status = status;
  err_->message[0] = '\0';
}

ErrorMessage& ErrorMessage::text(const char* s) {
#ifndef QRT_NO_ERROR_MESSAGES
  if (err_ == nullptr || s == nullptr) return *this;
  const uint32_t cap = sizeof(err_->message) - 1;
  while (*s != '\0' && length_ < cap) err_->message[length_++] = *s++;
  err_->message[length_] = '\0';
#else
  (void)s;
#endif
  return *this;
}

ErrorMessage& ErrorMessage::num(int64_t v) {
  char digits[24];
  int n = 0;
  const bool negative = v < 0;
  // Work in unsigned so that INT64_MIN prints correctly.
  uint64_t u = negative ? 0u - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  do {
    digits[n++] = static_cast<char>('0' + static_cast<int>(u % 10u));
    u /= 10u;
  } while (u != 0 && n < 22);
  if (negative) digits[n++] = '-';
  char out[24];
  for (int i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  out[n] = '\0';
  return text(out);
}

void set_error_location(qrt_error* err, int32_t op_index, int32_t tensor_index) {
  if (err == nullptr) return;
  err->op_index = op_index;
  err->tensor_index = tensor_index;
}

int32_t element_count(const format::TensorRecord& t) {
  int32_t n = 1;
  for (uint32_t i = 0; i < t.rank; ++i) n *= t.dims[i];
  return n;
}

Shape4 shape4(const format::TensorRecord& t) {
  int32_t d[4] = {1, 1, 1, 1};
  const int rank = static_cast<int>(t.rank);
  // Ranks above 4 fold their leading dimensions into the first one.
  for (int i = 0; i < rank; ++i) {
    const int slot = 4 - rank + i;
    if (slot >= 0) {
      d[slot] *= t.dims[i];
    } else {
      d[0] *= t.dims[i];
    }
  }
  return Shape4{d[0], d[1], d[2], d[3]};
}

}  // namespace qrt
