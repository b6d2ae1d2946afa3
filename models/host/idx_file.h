// IDX files (the MNIST / Fashion-MNIST container), host-only: images as uint8 rows and labels as
// uint8 classes. A path ending in ".gz" is decompressed by the evaluation-set builder's
// read_maybe_gzip() (runtime/host/accept/), which runs `gzip -dc`: no zlib dependency, and the
// `gzip` program is present on every Linux host.
#ifndef QRT_MODELS_HOST_IDX_FILE_H
#define QRT_MODELS_HOST_IDX_FILE_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace models {

struct IdxImages {
  int32_t count = 0;
  int32_t rows = 0;
  int32_t cols = 0;
  std::vector<uint8_t> pixels;  // count * rows * cols, row-major per image

  const uint8_t* image(int32_t i) const {
    return pixels.data() + static_cast<size_t>(i) * static_cast<size_t>(rows * cols);
  }
};

// An idx3-ubyte image file (magic 0x00000803, big-endian counts).
bool read_idx_images(const std::string& path, IdxImages* images, std::string* error);

// An idx1-ubyte label file (magic 0x00000801).
bool read_idx_labels(const std::string& path, std::vector<uint8_t>* labels, std::string* error);

}  // namespace models
}  // namespace qrt

#endif  // QRT_MODELS_HOST_IDX_FILE_H
