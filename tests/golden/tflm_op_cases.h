// Small one-operator TFLite models for operators without a shared golden, built with the test
// flatbuffer builder, with deterministic inputs. Their outputs under TensorFlow Lite Micro's
// reference kernels are recorded in data/tflm_op_cases.golden (data/README.md says how), and
// test_tflm_op_cases.cpp checks that qrt reproduces every byte.
#ifndef QRT_TESTS_GOLDEN_TFLM_OP_CASES_H
#define QRT_TESTS_GOLDEN_TFLM_OP_CASES_H

#include <stdint.h>

#include <map>
#include <string>
#include <vector>

namespace golden {

struct OpCase {
  std::string name;
  std::vector<uint8_t> model;                // the .tflite file
  std::vector<std::vector<uint8_t>> inputs;  // raw bytes of each graph input, in order
  int invokes = 1;  // the goldens are the outputs after this many invokes on the same inputs
                    // (stateful operators), from a fresh session
  double tolerance = 0;  // float32 outputs may differ from the goldens by this much (0: bit-exact)
};

// Every case, in a fixed order.
std::vector<OpCase> tflm_op_cases();

// The recorded outputs: case name -> output index -> bytes, from the golden file's lines
// "NAME OUTPUT_INDEX HEX" ('#' lines are comments).
using OpCaseGoldens = std::map<std::string, std::map<int, std::vector<uint8_t>>>;
OpCaseGoldens read_op_case_goldens(const std::string& path);

}  // namespace golden

#endif  // QRT_TESTS_GOLDEN_TFLM_OP_CASES_H
