// The packed INT4 layout of qrt (QRT_DTYPE_INT4), shared by the host packer (quant/host/
// weight_quant.h) and every device kernel that reads INT4 weights. Specification with a worked
// example: quant/INT4-LAYOUT.md. Header-only, integer-only, no state.
//
// A tensor of INT4 values is stored row by row (the innermost dimension is the row). Two values
// share a byte: value 2j in the low nibble (bits 0..3), value 2j+1 in the high nibble (bits 4..7).
// Each value is a signed 4-bit two's-complement number in [-8, 7]. A row of `cols` values takes
// ceil(cols / 2) bytes and every row starts on a byte boundary: when cols is odd the high nibble of
// a row's last byte is padding and is written as 0. Weights stay packed in the blob and in
// memory; kernels unpack nibbles in registers.
#ifndef QRT_QUANT_INT4_H
#define QRT_QUANT_INT4_H

#include <stdint.h>

namespace qrt {

constexpr int32_t kInt4ValuesPerByte = 2;
constexpr int32_t kInt4Min = -8;
constexpr int32_t kInt4Max = 7;
constexpr uint32_t kInt4LowNibbleMask = 0x0Fu;  // holds the even-indexed value of a pair
constexpr int32_t kInt4HighNibbleShift = 4;     // the odd-indexed value sits in bits 4..7

static_assert(kInt4ValuesPerByte * 4 == 8, "two nibbles fill one byte");

// Bytes of one packed row of `cols` values (rows start on a byte boundary).
constexpr int32_t int4_row_bytes(int32_t cols) { return (cols + 1) / 2; }
static_assert(int4_row_bytes(172) == 86 && int4_row_bytes(7) == 4, "odd rows round up");

// Sign-extends the low 4 bits of `nibble` (0..15) to [-8, 7].
inline int32_t int4_sign_extend(uint32_t nibble) {
  return static_cast<int32_t>(nibble & 0x0Fu) - static_cast<int32_t>((nibble & 0x08u) << 1);
}

// Value `col` of a packed row.
inline int32_t int4_get(const uint8_t* row, int32_t col) {
  const uint32_t byte = row[col >> 1];
  return int4_sign_extend((col & 1) != 0 ? byte >> kInt4HighNibbleShift : byte);
}

// The byte holding values lo (even index) and hi (odd index), each in [-8, 7].
inline uint8_t int4_pack_pair(int32_t lo, int32_t hi) {
  return static_cast<uint8_t>((static_cast<uint32_t>(lo) & kInt4LowNibbleMask) |
                              ((static_cast<uint32_t>(hi) & kInt4LowNibbleMask)
                               << kInt4HighNibbleShift));
}

}  // namespace qrt

#endif  // QRT_QUANT_INT4_H
