// MLPerf Tiny sample folders and IDX files -> evaluation sets.
#include "file_io.h"
#include "eval_set_builder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "blob_writer.h"
#include "eval_set_writer.h"

namespace qrt {
namespace host {
namespace accept {
namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) {
    while (!field.empty() && (field.back() == '\r' || field.back() == ' ')) field.pop_back();
    while (!field.empty() && field.front() == ' ') field.erase(field.begin());
    out.push_back(field);
  }
  return out;
}

bool parse_int(const std::string& s, long long* v) {
  if (s.empty()) return false;
  char* end = nullptr;
  *v = std::strtoll(s.c_str(), &end, 10);
  return end != nullptr && *end == '\0';
}

std::string base_name(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const size_t slash = dir.rfind('/');
  return slash == std::string::npos ? dir : dir.substr(slash + 1);
}

uint32_t read_be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

struct CsvRow {
  std::string file;
  long long classes = 0, label = 0, window = 0, stride = 0;
};

}  // namespace

std::vector<size_t> evenly_spaced(size_t n, size_t k) {
  std::vector<size_t> out;
  if (k == 0 || k >= n) {
    for (size_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  for (size_t i = 0; i < k; ++i) out.push_back(i * n / k);
  return out;
}

bool mlperf_preset(const std::string& name, FolderFormat* f) {
  *f = FolderFormat{};
  f->name = name;
  if (name == "ic01") {
    // 32x32x3 u8 HWC RGB; the int8 model's input is q(scale 1, zp -128), so int8 = u8 - 128 and
    // the float model sees 1 * (q + 128) = u8, as the reference submission feeds it.
    f->file_dtype = QRT_DTYPE_UINT8;
    f->subtract_128 = true;
    f->dims = {1, 32, 32, 3};
    f->scale = 1.0f;
    f->zero_point = -128;
    return true;
  }
  if (name == "kws01") {
    // 49x10 int8 MFCC, already quantized with the int8 model's input q(0.5847029, 83).
    f->dims = {1, 49, 10, 1};
    uint32_t bits = 0x3F15AF17u;  // 0.58470290899276733, the exact float32 of the model
    std::memcpy(&f->scale, &bits, 4);
    f->zero_point = 83;
    return true;
  }
  if (name == "ad01") {
    // 25,600 float32 log-mel values per file, cut into 640-value windows (csv gives the stride).
    f->task = QRT_EVAL_TASK_ANOMALY;
    f->file_dtype = QRT_DTYPE_FLOAT32;
    f->dtype = QRT_DTYPE_FLOAT32;
    f->dims = {1, 640};
    return true;
  }
  return false;
}

bool read_maybe_gzip(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  const bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  if (!gz) return read_file_bytes(path, out, error, kMaxEvalSetFileBytes);
  if (!is_regular_file(path)) {
    *error = "cannot open " + path + ": not a regular file";
    return false;
  }
  // Quote for the shell: wrap in single quotes, each inner ' as '\''.
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  FILE* pipe = popen(("gzip -dc -- " + quoted).c_str(), "r");
  if (pipe == nullptr) {
    *error = "cannot run gzip for " + path;
    return false;
  }
  out->clear();
  uint8_t buf[65536];
  size_t got = 0;
  bool too_large = false;
  while (!too_large && (got = std::fread(buf, 1, sizeof buf, pipe)) > 0) {
    out->insert(out->end(), buf, buf + got);
    too_large = out->size() > kMaxEvalSetFileBytes;  // a gzip bomb stops here
  }
  if (too_large) {
    pclose(pipe);
    *error = path + " decompresses to more than " + std::to_string(kMaxEvalSetFileBytes) + " bytes";
    return false;
  }
  if (pclose(pipe) != 0) {
    *error = "gzip -dc failed on " + path + " (is gzip installed?)";
    return false;
  }
  return true;
}

bool build_folder_eval_set(const std::string& dir, const FolderFormat* format,
                           const BuildOptions& options, std::vector<uint8_t>* out,
                           std::string* error) {
  FolderFormat f;
  if (format != nullptr) {
    f = *format;
  } else if (!mlperf_preset(base_name(dir), &f)) {
    *error = "no preset for folder '" + base_name(dir) +
             "' (known: ic01, kws01, ad01); give the input format explicitly";
    return false;
  }
  std::vector<uint8_t> csv_bytes;
  if (!read_file_bytes(dir + "/y_labels.csv", &csv_bytes, error)) return false;
  std::vector<CsvRow> rows;
  std::istringstream csv(std::string(csv_bytes.begin(), csv_bytes.end()));
  std::string line;
  int line_number = 0;
  while (std::getline(csv, line)) {
    ++line_number;
    const std::vector<std::string> fields = split(line, ',');
    if (fields.empty() || (fields.size() == 1 && fields[0].empty())) continue;
    CsvRow r;
    const bool ok = (fields.size() == 3 || fields.size() == 5) && !fields[0].empty() &&
                    parse_int(fields[1], &r.classes) && parse_int(fields[2], &r.label) &&
                    (fields.size() == 3 ||
                     (parse_int(fields[3], &r.window) && parse_int(fields[4], &r.stride) &&
                      r.window > 0 && r.stride > 0));
    if (!ok || r.classes < 2 || r.label < 0 || r.label >= r.classes) {
      *error = dir + "/y_labels.csv line " + std::to_string(line_number) +
               ": expected file,class_count,label[,window_bytes,stride_bytes]";
      return false;
    }
    r.file = fields[0];
    rows.push_back(r);
  }
  if (rows.empty()) {
    *error = dir + "/y_labels.csv has no rows";
    return false;
  }
  EvalTensorSpec spec;
  spec.dtype = f.dtype;
  spec.dims = f.dims;
  spec.scale = f.scale;
  spec.zero_point = f.zero_point;
  spec.name = f.tensor_name;
  const size_t sample_bytes = eval_tensor_bytes(spec);
  const uint32_t file_size = qrt_eval_dtype_size(f.file_dtype);
  const uint32_t set_size = qrt_eval_dtype_size(f.dtype);
  const bool convert = f.subtract_128 && f.file_dtype == QRT_DTYPE_UINT8 && f.dtype == QRT_DTYPE_INT8;
  if (sample_bytes == 0 || file_size == 0 || (!convert && f.file_dtype != f.dtype)) {
    *error = "unsupported folder format (dtype/shape/conversion)";
    return false;
  }
  const size_t sample_elements = sample_bytes / set_size;
  const bool anomaly = f.task == QRT_EVAL_TASK_ANOMALY;

  EvalSetWriter w;
  w.set_task(f.task, anomaly ? 0 : static_cast<uint32_t>(rows[0].classes), QRT_DTYPE_INT32);
  w.set_name(f.name);
  w.add_input(spec);
  for (size_t index : evenly_spaced(rows.size(), options.max_units)) {
    const CsvRow& r = rows[index];
    std::vector<uint8_t> raw;
    if (!read_file_bytes(dir + "/" + r.file, &raw, error)) return false;
    if (raw.size() % file_size != 0) {
      *error = r.file + ": size is not a whole number of values";
      return false;
    }
    const size_t elements = raw.size() / file_size;
    if (convert) {
      for (uint8_t& b : raw) b = static_cast<uint8_t>(static_cast<int8_t>(b - 128));
    }
    if (r.window == 0) {
      if (elements != sample_elements) {
        *error = r.file + ": " + std::to_string(elements) + " values, the input has " +
                 std::to_string(sample_elements);
        return false;
      }
      w.add_sample({w.add_data(raw.data(), raw.size())});
      w.add_label_class(static_cast<int32_t>(r.label));
      continue;
    }
    // Sliding windows over the file, measured in the file's bytes; stored once.
    if (r.window % file_size != 0 || r.stride % file_size != 0 ||
        static_cast<size_t>(r.window) / file_size != sample_elements) {
      *error = r.file + ": window of " + std::to_string(r.window) +
               " bytes does not match the input of " + std::to_string(sample_elements) +
               " values";
      return false;
    }
    const size_t window = static_cast<size_t>(r.window) / file_size;
    const size_t stride = static_cast<size_t>(r.stride) / file_size;
    if (elements < window) {
      *error = r.file + ": shorter than one window";
      return false;
    }
    const uint32_t base = w.add_data(raw.data(), raw.size());
    for (size_t start = 0; start + window <= elements; start += stride) {
      w.add_sample({base + static_cast<uint32_t>(start * set_size)});
      if (!anomaly) w.add_label_class(static_cast<int32_t>(r.label));
    }
    if (anomaly) {
      w.end_group();
      w.add_label_class(static_cast<int32_t>(r.label));
    }
  }
  return w.finish(out, error);
}

bool build_idx_eval_set(const std::string& images_path, const std::string& labels_path,
                        IdxPixels pixels, const std::string& name, const BuildOptions& options,
                        std::vector<uint8_t>* out, std::string* error) {
  std::vector<uint8_t> images, labels;
  if (!read_maybe_gzip(images_path, &images, error)) return false;
  if (!read_maybe_gzip(labels_path, &labels, error)) return false;
  if (images.size() < 16 || read_be32(images.data()) != 0x00000803u) {
    *error = images_path + ": not an IDX u8 image file (magic 0x00000803)";
    return false;
  }
  if (labels.size() < 8 || read_be32(labels.data()) != 0x00000801u) {
    *error = labels_path + ": not an IDX u8 label file (magic 0x00000801)";
    return false;
  }
  const uint64_t n = read_be32(images.data() + 4);
  const uint64_t rows = read_be32(images.data() + 8), cols = read_be32(images.data() + 12);
  if (read_be32(labels.data() + 4) != n || rows == 0 || cols == 0 || rows > 4096 || cols > 4096 ||
      images.size() != 16 + n * rows * cols || labels.size() != 8 + n) {
    *error = "IDX image and label files do not match in count or size";
    return false;
  }
  uint32_t classes = 0;
  for (uint64_t i = 0; i < n; ++i) classes = std::max<uint32_t>(classes, labels[8 + i] + 1u);
  EvalTensorSpec spec;
  spec.dims = {1, static_cast<int32_t>(rows), static_cast<int32_t>(cols), 1};
  spec.name = "image";
  switch (pixels) {
    case IdxPixels::kInt8:
      spec.dtype = QRT_DTYPE_INT8;
      spec.scale = 1.0f / 255.0f;
      spec.zero_point = -128;
      break;
    case IdxPixels::kUint8:
      spec.dtype = QRT_DTYPE_UINT8;
      spec.scale = 1.0f / 255.0f;
      spec.zero_point = 0;
      break;
    case IdxPixels::kFloat32:
      spec.dtype = QRT_DTYPE_FLOAT32;
      break;
  }
  EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_CLASSIFICATION, std::max<uint32_t>(classes, 2), QRT_DTYPE_INT32);
  w.set_name(name);
  w.add_input(spec);
  const size_t pixels_per_image = static_cast<size_t>(rows * cols);
  std::vector<int8_t> s8(pixels_per_image);
  std::vector<float> f32(pixels_per_image);
  for (size_t index : evenly_spaced(static_cast<size_t>(n), options.max_units)) {
    const uint8_t* img = images.data() + 16 + index * pixels_per_image;
    if (pixels == IdxPixels::kInt8) {
      for (size_t i = 0; i < pixels_per_image; ++i) s8[i] = static_cast<int8_t>(img[i] - 128);
      w.add_sample({w.add_data(s8.data(), s8.size())});
    } else if (pixels == IdxPixels::kUint8) {
      w.add_sample({w.add_data(img, pixels_per_image)});
    } else {
      for (size_t i = 0; i < pixels_per_image; ++i) f32[i] = static_cast<float>(img[i]) / 255.0f;
      w.add_sample({w.add_data(f32.data(), f32.size() * 4)});
    }
    w.add_label_class(labels[8 + index]);
  }
  return w.finish(out, error);
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
