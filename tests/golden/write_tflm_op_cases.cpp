// Writes every case of tflm_op_cases.h as DIR/NAME.tflite, DIR/NAME.in<k>.bin and, for a case of
// several invokes, DIR/NAME.invokes (the count as text): the inputs of the oracle run that
// data/README.md describes.
#include <cstdio>
#include <string>

#include "tflm_op_cases.h"

namespace {
bool write(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_tflm_op_cases DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  for (const golden::OpCase& c : golden::tflm_op_cases()) {
    bool ok = write(dir + "/" + c.name + ".tflite", c.model);
    for (size_t k = 0; k < c.inputs.size(); ++k) {
      ok = ok && write(dir + "/" + c.name + ".in" + std::to_string(k) + ".bin", c.inputs[k]);
    }
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
