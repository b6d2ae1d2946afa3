// The 127 SEANet single-operator 16x8 models of TensorFlow Lite Micro's integration tests
// (../shared/models/tflm/integration_tests_seanet/<family>/NAME.tflite, int16 activations): each
// imported model's output must equal TFLM's golden output (NAME_golden_<type>.csv) exactly for
// the inputs beside it (NAME_input<k>_<type>.csv). The families qrt imports must import in full;
// the others are counted and named in the summary line, so the coverage is visible in every run.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "golden_util.h"
#include "qrt_test.h"

namespace {

const char* const kFolder = "tflm/integration_tests_seanet";

// Families whose operator qrt imports with int16 activations.
bool supported(const std::string&) { return true; }

std::vector<std::string> list(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(n.substr(0, n.size() - suffix.size()));
    }
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

// The comma-separated integers of a golden CSV file and the element type its name gives
// ("int16", "int32", "int8"); empty when no such file exists.
std::vector<int64_t> read_csv(const std::string& path_without_type, std::string* type) {
  for (const char* t : {"int16", "int32", "int8"}) {
    std::ifstream f(path_without_type + t + ".csv");
    if (!f) continue;
    *type = t;
    std::vector<int64_t> values;
    std::string item;
    while (std::getline(f, item, ',')) values.push_back(std::stoll(item));
    return values;
  }
  return {};
}

bool write_values(const qrt_tensor_view& v, const std::vector<int64_t>& values) {
  const size_t size = v.dtype == QRT_DTYPE_INT8 ? 1 : v.dtype == QRT_DTYPE_INT16 ? 2 : 4;
  if (values.size() * size != v.bytes) return false;
  for (size_t i = 0; i < values.size(); ++i) {
    if (size == 1) static_cast<int8_t*>(v.data)[i] = static_cast<int8_t>(values[i]);
    if (size == 2) static_cast<int16_t*>(v.data)[i] = static_cast<int16_t>(values[i]);
    if (size == 4) static_cast<int32_t*>(v.data)[i] = static_cast<int32_t>(values[i]);
  }
  return true;
}

int64_t value_at(const qrt_tensor_view& v, size_t i) {
  if (v.dtype == QRT_DTYPE_INT8) return static_cast<const int8_t*>(v.data)[i];
  if (v.dtype == QRT_DTYPE_INT16) return static_cast<const int16_t*>(v.data)[i];
  return static_cast<const int32_t*>(v.data)[i];
}

// Runs one model on its inputs; true when every output value equals the golden one.
bool matches_golden(const std::string& dir, const std::string& name,
                    const qrt::host::ModelFile& model, std::string* why) {
  qrt::host::HostSession s;
  if (!s.open(model, nullptr, why)) return false;
  for (int32_t k = 0; k < qrt_session_input_count(s.get()); ++k) {
    std::string type;
    const std::vector<int64_t> in = read_csv(dir + "/" + name + "_input" + std::to_string(k) + "_", &type);
    if (!write_values(s.input(k), in)) {
      *why = "input " + std::to_string(k) + " file missing or of the wrong size";
      return false;
    }
  }
  if (!s.invoke(why)) return false;
  std::string type;
  const std::vector<int64_t> golden = read_csv(dir + "/" + name + "_golden_", &type);
  const qrt_tensor_view out = s.output(0);
  const size_t size = out.dtype == QRT_DTYPE_INT8 ? 1 : out.dtype == QRT_DTYPE_INT16 ? 2 : 4;
  if (golden.empty() || golden.size() * size != out.bytes) {
    *why = "golden file missing or of the wrong size";
    return false;
  }
  for (size_t i = 0; i < golden.size(); ++i) {
    if (value_at(out, i) != golden[i]) {
      *why = "output " + std::to_string(i) + " is " + std::to_string(value_at(out, i)) +
             ", TFLM's " + std::to_string(golden[i]);
      return false;
    }
  }
  return true;
}

}  // namespace

QRT_TEST(seanet_golden, imported_models_are_bit_exact_with_tflm) {
  if (golden::model_path("").empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  const std::string root = golden::model_path(kFolder);
  const std::vector<std::string> families = {"add",  "conv",          "leaky_relu", "pad",
                                             "quantize", "strided_slice", "sub", "transpose_conv"};
  int total = 0, exact = 0;
  std::ostringstream summary, missing;
  for (const std::string& family : families) {
    const std::vector<std::string> names = list(root + "/" + family, ".tflite");
    int family_exact = 0;
    for (const std::string& name : names) {
      ++total;
      qrt::host::ModelFile model;
      std::string why;
      if (!golden::import_model(std::string(kFolder) + "/" + family + "/" + name + ".tflite", &model, &why)) {
        if (supported(family)) printf("  %s: not imported: %s\n", name.c_str(), why.c_str());
        QRT_EXPECT(!supported(family));
        continue;
      }
      const bool ok = matches_golden(root + "/" + family, name, model, &why);
      if (!ok) printf("  %s: %s\n", name.c_str(), why.c_str());
      QRT_EXPECT(ok);
      family_exact += ok ? 1 : 0;
    }
    exact += family_exact;
    (supported(family) ? summary : missing)
        << " " << family << " " << family_exact << "/" << names.size();
  }
  QRT_EXPECT_EQ(total, 127);
  printf("SEANet 16x8: %d of %d models bit-exact with TFLM (%s)%s%s\n", exact, total,
         summary.str().c_str() + 1, missing.str().empty() ? "" : "; not imported yet:",
         missing.str().c_str());
}
