// qrt accept --text: the acceptance check of a language model on text (cmd_llama_accept.cpp),
// called by `qrt accept` (cmd_accept.cpp) once the criteria text is composed.
#ifndef QRT_RUNTIME_HOST_CLI_CMD_LLAMA_ACCEPT_H
#define QRT_RUNTIME_HOST_CLI_CMD_LLAMA_ACCEPT_H

#include <stdint.h>

#include <string>

#include "command.h"

namespace qrt {
namespace cli {

// Runs `qrt accept MODEL.qrt [--float FLOAT.qrt] --text FILE ...` on the host: paragraphs
// [0, max_units) of FILE (0 = all) through both llama blobs, judged by `criteria_text` (the
// criteria file with the command line's overrides). Returns accept's exit status: 0 PASS (or not
// judged), 1 FAIL or a file, model or target problem, 2 usage.
int accept_text(const Args& args, const std::string& criteria_text, uint32_t max_units);

}  // namespace cli
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_CLI_CMD_LLAMA_ACCEPT_H
