// Sample folders, NumPy arrays and IDX files -> evaluation sets.
#include "file_io.h"
#include "eval_set_builder.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "accept/npy.h"
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

// The stored bytes of `count` file values.
std::vector<uint8_t> convert_values(const FolderFormat& f, const uint8_t* raw, size_t count) {
  std::vector<uint8_t> out;
  if (f.conversion == Conversion::kSubtract128) {
    out.resize(count);
    for (size_t i = 0; i < count; ++i) out[i] = static_cast<uint8_t>(static_cast<int8_t>(raw[i] - 128));
  } else if (f.conversion == Conversion::kUnitFloat) {
    out.resize(count * 4);
    for (size_t i = 0; i < count; ++i) {
      const float v = static_cast<float>(raw[i]) / 255.0f;
      std::memcpy(out.data() + 4 * i, &v, 4);
    }
  } else {
    out.assign(raw, raw + count * qrt_eval_dtype_size(f.file_dtype));
  }
  return out;
}

// The stored tensor of one sample; false when the format's types and conversion disagree.
bool tensor_spec(const FolderFormat& f, EvalTensorSpec* spec, std::string* error) {
  const bool ok = f.conversion == Conversion::kNone
                      ? f.file_dtype == f.dtype
                      : f.file_dtype == QRT_DTYPE_UINT8 &&
                            f.dtype == (f.conversion == Conversion::kSubtract128 ? QRT_DTYPE_INT8
                                                                                 : QRT_DTYPE_FLOAT32);
  spec->dtype = f.dtype;
  spec->dims = f.dims;
  spec->scale = f.scale;
  spec->zero_point = f.zero_point;
  spec->name = f.tensor_name;
  if (!ok || eval_tensor_bytes(*spec) == 0 || qrt_eval_dtype_size(f.file_dtype) == 0) {
    *error = "unsupported sample format (give --shape, and --dtype or --pixels)";
    return false;
  }
  return true;
}

}  // namespace

void set_pixels(IdxPixels pixels, FolderFormat* f) {
  f->file_dtype = QRT_DTYPE_UINT8;
  switch (pixels) {
    case IdxPixels::kInt8:
      f->dtype = QRT_DTYPE_INT8;
      f->conversion = Conversion::kSubtract128;
      f->scale = 1.0f / 255.0f;
      f->zero_point = -128;
      break;
    case IdxPixels::kUint8:
      f->dtype = QRT_DTYPE_UINT8;
      f->conversion = Conversion::kNone;
      f->scale = 1.0f / 255.0f;
      f->zero_point = 0;
      break;
    case IdxPixels::kFloat32:
      f->dtype = QRT_DTYPE_FLOAT32;
      f->conversion = Conversion::kUnitFloat;
      f->scale = 0.0f;
      f->zero_point = 0;
      break;
  }
}

bool parse_pixels(const std::string& name, IdxPixels* pixels) {
  if (name == "int8") *pixels = IdxPixels::kInt8;
  else if (name == "uint8") *pixels = IdxPixels::kUint8;
  else if (name == "float32") *pixels = IdxPixels::kFloat32;
  else return false;
  return true;
}

std::vector<size_t> kept_units(size_t n, const BuildOptions& options) {
  const size_t skip = std::min<size_t>(n, options.skip_units);
  std::vector<size_t> out = evenly_spaced(n - skip, options.max_units);
  for (size_t& i : out) i += skip;
  return out;
}

std::string split_name(const std::string& name, size_t n, const BuildOptions& options) {
  if (options.skip_units == 0) return name;
  return name + " [units " + std::to_string(std::min<size_t>(n, options.skip_units)) + ".." +
         std::to_string(n) + ")";
}

bool read_or_build_eval_set(const std::string& path, const BuildOptions& options,
                            std::vector<uint8_t>* set, bool* built, std::string* error) {
  struct stat st;
  *built = stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  if (*built) return build_folder_eval_set(path, nullptr, options, set, error);
  if (options.skip_units != 0) {
    *error = path + ": skipping units needs a sample folder (a .qev set is used whole)";
    return false;
  }
  return read_file_bytes(path, set, error, kMaxEvalSetFileBytes);
}

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
    f->conversion = Conversion::kSubtract128;
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
  const std::string csv_path = f.labels_csv.empty() ? dir + "/y_labels.csv" : f.labels_csv;
  std::vector<uint8_t> csv_bytes;
  if (!read_file_bytes(csv_path, &csv_bytes, error)) return false;
  std::vector<CsvRow> rows;
  std::istringstream csv(std::string(csv_bytes.begin(), csv_bytes.end()));
  std::string line;
  int line_number = 0;
  bool two_columns = false;
  while (std::getline(csv, line)) {
    ++line_number;
    const std::vector<std::string> fields = split(line, ',');
    if (fields.empty() || (fields.size() == 1 && fields[0].empty())) continue;
    CsvRow r;
    r.classes = f.class_count;
    const bool pair = fields.size() == 2;
    bool ok = !fields[0].empty() && (pair ? parse_int(fields[1], &r.label)
                                          : (fields.size() == 3 || fields.size() == 5) &&
                                                parse_int(fields[1], &r.classes) &&
                                                parse_int(fields[2], &r.label));
    if (ok && fields.size() == 5) {
      ok = parse_int(fields[3], &r.window) && parse_int(fields[4], &r.stride) && r.window > 0 &&
           r.stride > 0;
    }
    if (ok && rows.empty()) two_columns = pair;
    if (!ok || pair != two_columns || r.label < 0 || r.label > 65535 ||
        (!pair && (r.classes < 2 || r.label >= r.classes))) {
      *error = csv_path + " line " + std::to_string(line_number) +
               ": expected file,label or file,class_count,label[,window_bytes,stride_bytes]";
      return false;
    }
    r.file = fields[0];
    rows.push_back(r);
  }
  if (rows.empty()) {
    *error = csv_path + " has no rows";
    return false;
  }
  if (two_columns) {  // the class count: given, or the largest label + 1 (at least 2)
    long long largest = 0;
    for (const CsvRow& r : rows) largest = std::max(largest, r.label);
    const long long classes = f.class_count != 0 ? f.class_count : std::max(2LL, largest + 1);
    if (largest >= classes) {
      *error = csv_path + ": label " + std::to_string(largest) + " is not below --classes " +
               std::to_string(classes);
      return false;
    }
    for (CsvRow& r : rows) r.classes = classes;
  }
  EvalTensorSpec spec;
  if (!tensor_spec(f, &spec, error)) return false;
  const size_t sample_bytes = eval_tensor_bytes(spec);
  const uint32_t file_size = qrt_eval_dtype_size(f.file_dtype);
  const uint32_t set_size = qrt_eval_dtype_size(f.dtype);
  const size_t sample_elements = sample_bytes / set_size;
  const bool anomaly = f.task == QRT_EVAL_TASK_ANOMALY;

  EvalSetWriter w;
  w.set_task(f.task, anomaly ? 0 : static_cast<uint32_t>(rows[0].classes), QRT_DTYPE_INT32);
  w.set_name(split_name(f.name, rows.size(), options));
  w.add_input(spec);
  for (size_t index : kept_units(rows.size(), options)) {
    const CsvRow& r = rows[index];
    std::vector<uint8_t> raw;
    if (!read_file_bytes(dir + "/" + r.file, &raw, error)) return false;
    if (raw.size() % file_size != 0) {
      *error = r.file + ": size is not a whole number of values";
      return false;
    }
    const size_t elements = raw.size() / file_size;
    raw = convert_values(f, raw.data(), elements);
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
  FolderFormat f;
  set_pixels(pixels, &f);
  f.dims = {1, static_cast<int32_t>(rows), static_cast<int32_t>(cols), 1};
  f.tensor_name = "image";
  EvalTensorSpec spec;
  if (!tensor_spec(f, &spec, error)) return false;
  EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_CLASSIFICATION, std::max<uint32_t>(classes, 2), QRT_DTYPE_INT32);
  w.set_name(split_name(name, static_cast<size_t>(n), options));
  w.add_input(spec);
  const size_t pixels_per_image = static_cast<size_t>(rows * cols);
  for (size_t index : kept_units(static_cast<size_t>(n), options)) {
    const std::vector<uint8_t> stored =
        convert_values(f, images.data() + 16 + index * pixels_per_image, pixels_per_image);
    w.add_sample({w.add_data(stored.data(), stored.size())});
    w.add_label_class(labels[8 + index]);
  }
  return w.finish(out, error);
}

bool build_npy_eval_set(const std::string& samples_path, const std::string& labels_path,
                        const FolderFormat& format, const BuildOptions& options,
                        std::vector<uint8_t>* out, std::string* error) {
  NpyArray x, y;
  if (!read_npy(samples_path, &x, error) || !read_npy(labels_path, &y, error)) return false;
  FolderFormat f = format;
  const bool pixels = f.conversion != Conversion::kNone || f.file_dtype == QRT_DTYPE_UINT8;
  if (x.descr == "|u1") {
    f.file_dtype = QRT_DTYPE_UINT8;
  } else if (x.descr == "|i1" && !pixels) {
    f.file_dtype = QRT_DTYPE_INT8;
  } else if ((x.descr == "<f4" || x.descr == "<f8") && !pixels) {
    f.file_dtype = QRT_DTYPE_FLOAT32;
  } else {
    *error = samples_path + ": samples of dtype '" + x.descr +
             "' (uint8, int8, float32 or float64; --pixels needs uint8)";
    return false;
  }
  if (!pixels) f.dtype = f.file_dtype;
  if (x.shape.size() < 2 || x.shape[0] == 0) {
    *error = samples_path + ": expected an array [N, ...] of N >= 1 samples";
    return false;
  }
  const int64_t n = x.shape[0], per_sample = x.elements() / n;
  if (f.dims.empty()) {
    f.dims = {1};
    for (size_t k = 1; k < x.shape.size(); ++k) f.dims.push_back(static_cast<int32_t>(x.shape[k]));
  }
  int64_t dims_elements = 1;
  for (int32_t v : f.dims) dims_elements *= v;
  if (dims_elements != per_sample) {
    *error = "--shape has " + std::to_string(dims_elements) + " elements, a sample of " +
             samples_path + " " + std::to_string(per_sample);
    return false;
  }
  const bool integer_labels = y.descr.size() == 3 && (y.descr[1] == 'i' || y.descr[1] == 'u');
  if (!integer_labels || y.elements() != n || (y.shape.size() == 2 && y.shape[1] != 1) ||
      y.shape.size() > 2) {
    *error = labels_path + ": expected " + std::to_string(n) + " integer labels, shape [N] or [N, 1]";
    return false;
  }
  std::vector<int64_t> labels(static_cast<size_t>(n));
  const size_t lb = y.item_bytes();
  int64_t largest = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    uint64_t raw = 0;
    std::memcpy(&raw, y.data.data() + i * lb, lb);  // little-endian host
    int64_t v = static_cast<int64_t>(raw);
    if (y.descr[1] == 'i' && lb < 8 && (raw >> (8 * lb - 1)) != 0) v -= int64_t{1} << (8 * lb);
    if (v < 0 || v > 65535) {
      *error = labels_path + ": label " + std::to_string(v) + " at " + std::to_string(i) +
               " is not a class index in [0, 65535]";
      return false;
    }
    labels[i] = v;
    largest = std::max(largest, v);
  }
  const int64_t classes = f.class_count != 0 ? f.class_count : std::max<int64_t>(2, largest + 1);
  if (largest >= classes) {
    *error = labels_path + ": label " + std::to_string(largest) + " is not below --classes " +
             std::to_string(classes);
    return false;
  }
  EvalTensorSpec spec;
  if (!tensor_spec(f, &spec, error)) return false;
  EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_CLASSIFICATION, static_cast<uint32_t>(classes), QRT_DTYPE_INT32);
  w.set_name(split_name(f.name, static_cast<size_t>(n), options));
  w.add_input(spec);
  const size_t file_bytes = static_cast<size_t>(per_sample) * x.item_bytes();
  std::vector<uint8_t> narrowed(static_cast<size_t>(per_sample) * 4);
  for (size_t index : kept_units(static_cast<size_t>(n), options)) {
    const uint8_t* raw = x.data.data() + index * file_bytes;
    if (x.descr == "<f8") {  // float64 arrays (NumPy's default) are stored as float32
      for (int64_t k = 0; k < per_sample; ++k) {
        double v;
        std::memcpy(&v, raw + 8 * k, 8);
        const float narrow = static_cast<float>(v);
        std::memcpy(narrowed.data() + 4 * k, &narrow, 4);
      }
      raw = narrowed.data();
    }
    const std::vector<uint8_t> stored = convert_values(f, raw, static_cast<size_t>(per_sample));
    w.add_sample({w.add_data(stored.data(), stored.size())});
    w.add_label_class(static_cast<int32_t>(labels[index]));
  }
  return w.finish(out, error);
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
