// Helpers shared by the two halves of blob validation (validate.cpp: header, sections, tensors;
// validate_graph.cpp: operators, lifetimes, the activation plan).
#ifndef QRT_RUNTIME_SRC_VALIDATE_UTIL_H
#define QRT_RUNTIME_SRC_VALIDATE_UTIL_H

#include "internal.h"

namespace qrt {
namespace validate {

inline qrt_status fail(qrt_error* err, qrt_status status, const char* what, int32_t op = -1,
                       int32_t tensor = -1) {
  ErrorMessage(err, status).text(what);
  set_error_location(err, op, tensor);
  return status;
}

// An ErrorMessage already holding "tensor t: " / "operator i: ", with the location set.
inline ErrorMessage tensor_error(qrt_error* err, qrt_status status, uint32_t t) {
  set_error_location(err, -1, static_cast<int32_t>(t));
  ErrorMessage m(err, status);
  m.text("tensor ").num(t).text(": ");
  return m;
}

inline ErrorMessage op_error(qrt_error* err, qrt_status status, uint32_t op) {
  set_error_location(err, static_cast<int32_t>(op), -1);
  ErrorMessage m(err, status);
  m.text("operator ").num(op).text(": ");
  return m;
}

// [offset, offset + size) lies inside [0, limit), in 64 bits so the check cannot overflow.
inline bool in_range(uint64_t offset, uint64_t size, uint64_t limit) {
  return offset <= limit && size <= limit - offset;
}

}  // namespace validate
}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_VALIDATE_UTIL_H
