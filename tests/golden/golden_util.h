// Helpers for golden tests: shared-model paths, TFLite import, and a session per model.
#ifndef QRT_TESTS_GOLDEN_GOLDEN_UTIL_H
#define QRT_TESTS_GOLDEN_GOLDEN_UTIL_H

#include <string>
#include <vector>

#include "model_file.h"

namespace golden {

// QRT_MODELS_DIR + "/" + relative, or "" when QRT_MODELS_DIR is not configured.
std::string model_path(const std::string& relative);

// Imports a .tflite from the shared models into a loaded .qrt model. Returns false with a
// message on failure.
bool import_model(const std::string& relative, qrt::host::ModelFile* model, std::string* error);

// Whitespace-separated integers of a text line.
std::vector<int> parse_ints(const std::string& line);

// Lines of a text file without comment lines ('#').
std::vector<std::string> read_lines(const std::string& path);

// Reads a whole binary file ("" path -> empty).
std::vector<uint8_t> read_bytes(const std::string& path);

// Index of the largest value; the first wins ties (TFLM's top-1 rule).
int argmax(const int8_t* values, int count);

}  // namespace golden

#endif  // QRT_TESTS_GOLDEN_GOLDEN_UTIL_H
