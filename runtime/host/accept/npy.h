// NumPy .npy files (format versions 1-3): the header's dtype, order and shape, and the data.
// Host only; for building evaluation sets from arrays.
#ifndef QRT_RUNTIME_HOST_ACCEPT_NPY_H
#define QRT_RUNTIME_HOST_ACCEPT_NPY_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace host {
namespace accept {

struct NpyArray {
  std::string descr;           // "|u1", "<f4", "<i8", ...
  std::vector<int64_t> shape;  // () for a scalar
  std::vector<uint8_t> data;   // element bytes in C order
  int64_t elements() const;
  size_t item_bytes() const;   // from descr's size digits
};

// Reads and checks a .npy file: magic, version, a header with 'descr', 'fortran_order' False and
// 'shape', a little-endian or byte-sized type, and exactly elements x item bytes of data. False
// with a one-line message naming the file otherwise.
bool read_npy(const std::string& path, NpyArray* array, std::string* error);
// The same on a file's bytes; `name` names it in messages.
bool parse_npy(const uint8_t* bytes, size_t size, const std::string& name, NpyArray* array,
               std::string* error);

}  // namespace accept
}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_ACCEPT_NPY_H
