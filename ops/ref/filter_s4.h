// The two filter readers of the int8 reference kernels: int8 weights, or packed INT4 weights
// (quant/INT4-LAYOUT.md) in rows of the filter's innermost dimension. One reference loop per
// operator serves both, so the INT4 kernels keep TFLite's int8 arithmetic exactly.
#ifndef QRT_OPS_REF_FILTER_S4_H
#define QRT_OPS_REF_FILTER_S4_H

#include <stdint.h>

#include "qrt/quant/int4.h"

namespace qrt {

// Weight `i` of row `row`, rows of `row_length` int8 values.
struct FilterS8 {
  const int8_t* data;
  int32_t row_length;
  int32_t at(int32_t row, int32_t i) const { return data[row * row_length + i]; }
};

// The same over packed INT4 rows of int4_row_bytes(row_length) bytes each.
struct FilterS4 {
  const uint8_t* data;
  int32_t row_bytes;
  static FilterS4 of(const int8_t* packed, int32_t row_length) {
    return FilterS4{reinterpret_cast<const uint8_t*>(packed), int4_row_bytes(row_length)};
  }
  int32_t at(int32_t row, int32_t i) const { return int4_get(data + row * row_bytes, i); }
};

}  // namespace qrt

#endif  // QRT_OPS_REF_FILTER_S4_H
