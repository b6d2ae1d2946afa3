// Host file input and output for every qrt tool. Inputs are untrusted: only regular files are
// read (a directory, FIFO or device such as /dev/zero is refused before a byte is read), each up
// to a size limit that fits its format, and every failure is a one-line message. Outputs are
// never half-written: each goes to a temporary file in the destination's folder, is flushed and
// closed with every error checked, and is renamed over the destination only when complete.
#ifndef QRT_RUNTIME_HOST_FILE_IO_H
#define QRT_RUNTIME_HOST_FILE_IO_H

#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {
namespace host {

// Size limits by format (bytes): what the format can address or a sane bound for text inputs.
constexpr uint64_t kMaxBlobFileBytes = 0xFFFFFFFFull;         // .qrt: 32-bit total_bytes
constexpr uint64_t kMaxTfliteFileBytes = 0x7FFFFFFFull;       // flatbuffers: 31-bit offsets
constexpr uint64_t kMaxEvalSetFileBytes = 0xFFFFFFFFull;      // .qev: 32-bit total_bytes
constexpr uint64_t kMaxCheckpointFileBytes = 64ull << 30;     // llama2.c checkpoints (64 GiB)
constexpr uint64_t kMaxTextFileBytes = 1ull << 30;            // evaluation / calibration text
constexpr uint64_t kMaxSmallFileBytes = 64ull << 20;          // criteria, reports, tokenizers,
                                                              // raw tensor inputs, CSV labels

// Reads the whole regular file `path` (at most max_bytes). On failure returns false and sets
// *error to one line naming the file and the reason.
bool read_file_bytes(const std::string& path, std::vector<uint8_t>* out, std::string* error,
                     uint64_t max_bytes = kMaxSmallFileBytes);
bool read_text_file(const std::string& path, std::string* out, std::string* error,
                    uint64_t max_bytes = kMaxTextFileBytes);

// The first `n` bytes of a regular file (fewer if it is shorter), for format sniffing.
bool read_file_prefix(const std::string& path, size_t n, std::vector<uint8_t>* out,
                      std::string* error);

// True when `path` names an existing regular file.
bool is_regular_file(const std::string& path);

// True when a and b name the same existing file (same device and inode).
bool same_file(const std::string& a, const std::string& b);

// A set of output files committed together: nothing appears under a destination name unless
// every file of the set was written, flushed and closed without error.
class OutputFiles {
 public:
  void add(const std::string& path, const std::vector<uint8_t>& bytes);
  void add(const std::string& path, const std::string& text);
  // Writes every file to a temporary in its destination's folder, then renames them all. On
  // failure removes the temporaries and returns false with a one-line *error.
  bool commit(std::string* error);

 private:
  struct Pending {
    std::string path;
    std::vector<uint8_t> bytes;
  };
  std::vector<Pending> files_;
};

// One output file, as OutputFiles with a single entry.
bool write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes,
                      std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_FILE_IO_H
