#include "accept/npy.h"

#include <cstring>

#include "file_io.h"

namespace qrt {
namespace host {
namespace accept {
namespace {

// The text after `'key':` in a header dict, with leading spaces skipped; npos when absent.
size_t value_of(const std::string& header, const char* key) {
  const size_t at = header.find(std::string("'") + key + "'");
  if (at == std::string::npos) return std::string::npos;
  size_t v = header.find(':', at);
  if (v == std::string::npos) return v;
  ++v;
  while (v < header.size() && header[v] == ' ') ++v;
  return v;
}

}  // namespace

int64_t NpyArray::elements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

size_t NpyArray::item_bytes() const {
  return descr.size() >= 3 ? static_cast<size_t>(std::strtoul(descr.c_str() + 2, nullptr, 10)) : 0;
}

bool read_npy(const std::string& path, NpyArray* array, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_file_bytes(path, &bytes, error, kMaxEvalSetFileBytes)) return false;
  return parse_npy(bytes.data(), bytes.size(), path, array, error);
}

bool parse_npy(const uint8_t* data, size_t size, const std::string& name, NpyArray* array,
               std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = name + ": " + why;
    return false;
  };
  if (size < 10 || std::memcmp(data, "\x93NUMPY", 6) != 0) {
    return fail("not a NumPy .npy file");
  }
  const uint8_t major = data[6];
  if (major < 1 || major > 3) return fail("unsupported .npy version " + std::to_string(major));
  size_t header_len = data[8] | (size_t{data[9]} << 8), start = 10;
  if (major >= 2) {
    if (size < 12) return fail("truncated header");
    header_len |= (size_t{data[10]} << 16) | (size_t{data[11]} << 24);
    start = 12;
  }
  if (header_len > size - start) return fail("truncated header");
  const std::string header(reinterpret_cast<const char*>(data) + start, header_len);
  const size_t d = value_of(header, "descr"), fo = value_of(header, "fortran_order"),
               sh = value_of(header, "shape");
  if (d == std::string::npos || fo == std::string::npos || sh == std::string::npos ||
      header[d] != '\'' || header[sh] != '(') {
    return fail("header without 'descr', 'fortran_order' and 'shape'");
  }
  array->descr = header.substr(d + 1, header.find('\'', d + 1) - d - 1);
  if (header.compare(fo, 5, "False") != 0) return fail("Fortran-order arrays are not read (save in C order)");
  if (array->descr.size() < 3 || (array->descr[0] != '<' && array->descr[0] != '|') ||
      array->item_bytes() == 0 || array->item_bytes() > 8) {
    return fail("unsupported dtype '" + array->descr + "' (little-endian or byte types only)");
  }
  array->shape.clear();
  uint64_t product = 1;  // checked as it grows: eight dimensions of 2^31 would overflow
  const size_t close = header.find(')', sh);
  if (close == std::string::npos) return fail("bad shape");
  const std::string dims = header.substr(sh + 1, close - sh - 1);
  for (size_t p = 0; p < dims.size();) {
    while (p < dims.size() && (dims[p] == ' ' || dims[p] == ',')) ++p;
    if (p >= dims.size()) break;
    char* end = nullptr;
    const long long v = std::strtoll(dims.c_str() + p, &end, 10);
    if (end == dims.c_str() + p || v < 0 || v > (1LL << 31)) return fail("bad shape");
    array->shape.push_back(v);
    product *= static_cast<uint64_t>(v);
    if (product > kMaxEvalSetFileBytes) return fail("data size does not match its shape and dtype");
    p = static_cast<size_t>(end - dims.c_str());
  }
  const uint64_t data_bytes = static_cast<uint64_t>(array->elements()) * array->item_bytes();
  if (array->shape.size() > 8 || data_bytes != size - start - header_len) {
    return fail("data size does not match its shape and dtype");
  }
  array->data.assign(data + start + header_len, data + size);
  return true;
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
