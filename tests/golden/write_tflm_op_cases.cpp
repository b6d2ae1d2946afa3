// The oracle run's inputs, and the device test's bundle, from the cases of tflm_op_cases.h.
//
//   write_tflm_op_cases DIR
//     DIR/NAME.tflite, DIR/NAME.in<k>.bin and, for a case of several invokes, DIR/NAME.invokes
//     (the count as text): what TFLM runs (data/README.md).
//   write_tflm_op_cases --device DIR GOLDEN
//     for each integer case: DIR/NAME.qrt (converted here), DIR/NAME.in<k>.bin, DIR/NAME.out<k>.bin
//     (its outputs from GOLDEN, data/tflm_op_cases.golden) and one line "NAME inputs outputs
//     invokes" in DIR/cases.txt, which tests/ports/test_tflm_op_cases_on_device.cpp reads.
#include <cstdio>
#include <string>

#include "tflite_import.h"
#include "tflm_op_cases.h"

namespace {

bool write(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

bool write_inputs(const std::string& dir, const golden::OpCase& c) {
  bool ok = true;
  for (size_t k = 0; k < c.inputs.size(); ++k) {
    ok = ok && write(dir + "/" + c.name + ".in" + std::to_string(k) + ".bin", c.inputs[k]);
  }
  return ok;
}

int write_oracle_inputs(const std::string& dir) {
  for (const golden::OpCase& c : golden::tflm_op_cases()) {
    bool ok = write(dir + "/" + c.name + ".tflite", c.model) && write_inputs(dir, c);
    if (c.invokes > 1) {
      const std::string count = std::to_string(c.invokes);
      ok = ok && write(dir + "/" + c.name + ".invokes", std::vector<uint8_t>(count.begin(), count.end()));
    }
    if (!ok) {
      std::fprintf(stderr, "write_tflm_op_cases: cannot write %s/%s.*\n", dir.c_str(), c.name.c_str());
      return 1;
    }
  }
  return 0;
}

int write_device_bundle(const std::string& dir, const std::string& golden_path) {
  const auto goldens = golden::read_op_case_goldens(golden_path);
  std::string list;
  for (const golden::OpCase& c : golden::tflm_op_cases()) {
    if (c.name.find("_f32") != std::string::npos) continue;  // the device test links libqrt only
    const auto g = goldens.find(c.name);
    std::vector<uint8_t> blob;
    std::string error;
    if (g == goldens.end() ||
        !qrt::host::import_tflite(c.model.data(), c.model.size(), c.name, &blob, nullptr, &error)) {
      std::fprintf(stderr, "write_tflm_op_cases: %s: %s\n", c.name.c_str(),
                   g == goldens.end() ? "no golden recorded" : error.c_str());
      return 1;
    }
    bool ok = write(dir + "/" + c.name + ".qrt", blob) && write_inputs(dir, c);
    for (const auto& out : g->second) {
      ok = ok && write(dir + "/" + c.name + ".out" + std::to_string(out.first) + ".bin", out.second);
    }
    if (!ok) {
      std::fprintf(stderr, "write_tflm_op_cases: cannot write %s/%s.*\n", dir.c_str(), c.name.c_str());
      return 1;
    }
    list += c.name + " " + std::to_string(c.inputs.size()) + " " + std::to_string(g->second.size()) +
            " " + std::to_string(c.invokes) + "\n";
  }
  return write(dir + "/cases.txt", std::vector<uint8_t>(list.begin(), list.end())) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2) return write_oracle_inputs(argv[1]);
  if (argc == 4 && std::string(argv[1]) == "--device") return write_device_bundle(argv[2], argv[3]);
  std::fprintf(stderr, "usage: write_tflm_op_cases DIR | write_tflm_op_cases --device DIR GOLDEN\n");
  return 2;
}
