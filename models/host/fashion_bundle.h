// What the bundled Fashion-MNIST model is made of (models/fashion_mnist/): file names, the
// evaluation subset and the figures file the tools write and the test reads. Host-only.
#ifndef QRT_MODELS_HOST_FASHION_BUNDLE_H
#define QRT_MODELS_HOST_FASHION_BUNDLE_H

#include <stdint.h>

#include <map>
#include <string>
#include <vector>

namespace qrt {
namespace models {

// Debian's dataset-fashion-mnist installs the four IDX files here.
constexpr const char* kDefaultFashionDataDir = "/usr/share/datasets/fashion-mnist";
constexpr const char* kTrainImages = "train-images-idx3-ubyte.gz";
constexpr const char* kTrainLabels = "train-labels-idx1-ubyte.gz";
constexpr const char* kTestImages = "t10k-images-idx3-ubyte.gz";
constexpr const char* kTestLabels = "t10k-labels-idx1-ubyte.gz";

// Committed artifacts, relative to models/fashion_mnist/.
constexpr const char* kInt8BlobName = "fashion_cnn_int8.qrt";
constexpr const char* kFloatBlobName = "fashion_cnn_f32.qrt";
constexpr const char* kEvalSetName = "fashion_test_500.qev";
constexpr const char* kFiguresName = "figures.txt";

// The evaluation set holds this many test images, evenly spaced over the 10,000 (the builder's
// evenly_spaced(): image floor(i * 10000 / 500) = 20 i), 392 KB as int8.
constexpr uint32_t kEvalSubsetSize = 500;

// Calibration: every kCalibrationStride-th TRAINING image (never the test set), 1,000 images.
constexpr int32_t kCalibrationStride = 60;

// figures.txt: one "key value" pair per line, '#' starts a comment. Keys are listed in
// models/fashion_mnist/README.md.
bool read_figures(const std::string& path, std::map<std::string, std::string>* figures,
                  std::string* error);
bool write_figures(const std::string& path, const std::vector<std::pair<std::string, std::string>>& figures,
                   const std::string& header_comment, std::string* error);

}  // namespace models
}  // namespace qrt

#endif  // QRT_MODELS_HOST_FASHION_BUNDLE_H
