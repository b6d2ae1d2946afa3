#include "file_io.h"
#include "golden_util.h"

#include <fstream>
#include <sstream>

#include "qrt_test.h"
#include "tflite_import.h"

namespace golden {

std::string model_path(const std::string& relative) {
  const std::string dir = qrt_test::models_dir();
  return dir.empty() ? std::string() : dir + "/" + relative;
}

bool import_model(const std::string& relative, qrt::host::ModelFile* model, std::string* error) {
  std::vector<uint8_t> tflite;
  if (!qrt::host::read_file_bytes(model_path(relative), &tflite, error, qrt::host::kMaxTfliteFileBytes)) return false;
  std::vector<uint8_t> blob;
  if (!qrt::host::import_tflite(tflite.data(), tflite.size(), relative, &blob, nullptr, error)) {
    return false;
  }
  return qrt::host::load_model_bytes(blob, model, error);
}

std::vector<int> parse_ints(const std::string& line) {
  std::vector<int> out;
  std::istringstream in(line);
  int v;
  while (in >> v) out.push_back(v);
  return out;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line)) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::vector<uint8_t> bytes;
  std::string error;
  qrt::host::read_file_bytes(path, &bytes, &error);
  return bytes;
}

int argmax(const int8_t* values, int count) {
  int best = 0;
  for (int i = 1; i < count; ++i) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

}  // namespace golden
