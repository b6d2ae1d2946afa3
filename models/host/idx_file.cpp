#include "idx_file.h"

#include "accept/eval_set_builder.h"

namespace qrt {
namespace models {
namespace {

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

}  // namespace

bool read_idx_images(const std::string& path, IdxImages* images, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!host::accept::read_maybe_gzip(path, &bytes, error)) return false;
  if (bytes.size() < 16 || be32(bytes.data()) != 0x803u) {
    *error = path + ": not an idx3-ubyte image file";
    return false;
  }
  const uint32_t count = be32(bytes.data() + 4);
  const uint32_t rows = be32(bytes.data() + 8);
  const uint32_t cols = be32(bytes.data() + 12);
  if (count == 0 || rows == 0 || cols == 0 || count > (1u << 24) || rows > 4096 || cols > 4096 ||
      bytes.size() - 16 != uint64_t{count} * rows * cols) {
    *error = path + ": image count or size does not match the file length";
    return false;
  }
  images->count = static_cast<int32_t>(count);
  images->rows = static_cast<int32_t>(rows);
  images->cols = static_cast<int32_t>(cols);
  images->pixels.assign(bytes.begin() + 16, bytes.end());
  return true;
}

bool read_idx_labels(const std::string& path, std::vector<uint8_t>* labels, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!host::accept::read_maybe_gzip(path, &bytes, error)) return false;
  if (bytes.size() < 8 || be32(bytes.data()) != 0x801u || bytes.size() - 8 != be32(bytes.data() + 4)) {
    *error = path + ": not an idx1-ubyte label file of the declared length";
    return false;
  }
  labels->assign(bytes.begin() + 8, bytes.end());
  return true;
}

}  // namespace models
}  // namespace qrt
