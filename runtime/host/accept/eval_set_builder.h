// Builders of evaluation sets (models/formats/EVAL-SET.md, "Builders"): a folder of sample files
// with a labels CSV (MLPerf Tiny's accuracy-mode folders as presets, any other with its format
// given), NumPy .npy arrays, and IDX files (MNIST / Fashion-MNIST). Host only.
#ifndef QRT_RUNTIME_HOST_ACCEPT_EVAL_SET_BUILDER_H
#define QRT_RUNTIME_HOST_ACCEPT_EVAL_SET_BUILDER_H

#include <stdint.h>

#include <string>
#include <vector>

#include "qrt/eval_set.h"

namespace qrt {
namespace host {
namespace accept {

// How file values become stored values.
enum class Conversion {
  kNone,         // stored as they are (file_dtype == dtype)
  kSubtract128,  // uint8 -> int8 u8 - 128 (ic01, int8 pixels)
  kUnitFloat     // uint8 -> float32 u8 / 255 (float pixels)
};

// How the sample files (or arrays) become set inputs.
struct FolderFormat {
  std::string name;                 // set name
  qrt_eval_task task = QRT_EVAL_TASK_CLASSIFICATION;
  qrt_dtype file_dtype = QRT_DTYPE_INT8;  // what a file holds: UINT8, INT8 or FLOAT32 values
  qrt_dtype dtype = QRT_DTYPE_INT8;       // what the set stores
  Conversion conversion = Conversion::kNone;
  std::vector<int32_t> dims;        // one sample (one window for windowed files)
  float scale = 0.0f;               // quantization of the stored values, 0 = none
  int32_t zero_point = 0;
  std::string tensor_name = "input";
  std::string labels_csv;           // "" = DIR/y_labels.csv
  uint32_t class_count = 0;         // for "file,label" rows: 0 = the largest label + 1
};

// 8-bit pixels (uint8 files, IDX images) stored for a model input.
enum class IdxPixels {
  kInt8,    // int8 u8 - 128, scale 1/255, zero point -128 (real value u8/255)
  kUint8,   // uint8 as stored, scale 1/255, zero point 0
  kFloat32  // float32 u8/255
};
// Sets the file/stored types, conversion and quantization of `format` for such pixels.
void set_pixels(IdxPixels pixels, FolderFormat* format);
// "int8", "uint8", "float32" -> IdxPixels; false otherwise.
bool parse_pixels(const std::string& name, IdxPixels* pixels);

// The MLPerf Tiny presets "ic01", "kws01", "ad01" (conversions in EVAL-SET.md, taken from the
// reference submission). False for an unknown name.
bool mlperf_preset(const std::string& name, FolderFormat* format);

struct BuildOptions {
  // The first skip_units units are left out (the calibration part of a split: `qrt quantize
  // --calib-count N` calibrates on the first N units, the rest evaluate); the set's name then
  // records it ("ic01 [units 50..200)").
  uint32_t skip_units = 0;
  uint32_t max_units = 0;  // 0: every remaining unit; else that many, evenly spaced in file order
};

// A .qev file's bytes, or, when `path` is a folder, the set built from it with the preset named
// like the folder (*built says which). skip_units needs a folder.
bool read_or_build_eval_set(const std::string& path, const BuildOptions& options,
                            std::vector<uint8_t>* set, bool* built, std::string* error);

// Builds a set from a labels CSV (format->labels_csv or DIR/y_labels.csv) and the files it names
// (relative to DIR). Rows are `file,label` (class count from format->class_count or the largest
// label + 1) or MLPerf's `file,class_count,label[,window_bytes,stride_bytes]`: with window/stride
// the file is cut into sliding windows that form one group (anomaly detection); the file's data
// is stored once. `format` null: the preset named like the folder (ic01/kws01/ad01).
bool build_folder_eval_set(const std::string& dir, const FolderFormat* format,
                           const BuildOptions& options, std::vector<uint8_t>* out,
                           std::string* error);

// Builds a classification set from an IDX image file (magic 0x00000803, u8) and an IDX label
// file (0x00000801). A path ending in ".gz" is decompressed by running `gzip -dc` (no zlib
// dependency); other paths are read as uncompressed IDX. Images become [1, rows, cols, 1].
bool build_idx_eval_set(const std::string& images_path, const std::string& labels_path,
                        IdxPixels pixels, const std::string& name, const BuildOptions& options,
                        std::vector<uint8_t>* out, std::string* error);

// Builds a classification set from NumPy arrays: `samples_path` [N, ...] of uint8, int8, float32
// or float64 (stored as float32) and `labels_path` [N] (or [N, 1]) of integers. `format` gives the
// name, the stored quantization or pixel conversion (set_pixels) and optionally dims (their
// element count must match one sample); its file_dtype and dtype follow the array unless pixels
// are converted. Version 1-3 headers, little-endian, C order only.
bool build_npy_eval_set(const std::string& samples_path, const std::string& labels_path,
                        const FolderFormat& format, const BuildOptions& options,
                        std::vector<uint8_t>* out, std::string* error);

// Reads a file, or its gzip-decompressed content when the name ends in ".gz".
bool read_maybe_gzip(const std::string& path, std::vector<uint8_t>* out, std::string* error);

// The unit indices kept by max_units: floor(i * n / k) for i < k (spread over the whole range,
// so classes stored in blocks, like ad01 normals then anomalies, both stay), or all when k = 0
// or k >= n.
std::vector<size_t> evenly_spaced(size_t n, size_t k);

}  // namespace accept
}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_ACCEPT_EVAL_SET_BUILDER_H
