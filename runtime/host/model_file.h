// Loading .qrt files and running them on the host with every operator table of the build.
#ifndef QRT_RUNTIME_HOST_MODEL_FILE_H
#define QRT_RUNTIME_HOST_MODEL_FILE_H

#include <string>
#include <vector>

#include "blob_writer.h"
#include "qrt/qrt.h"

namespace qrt {
namespace host {

// "QRT_ERR_BAD_PLAN: tensors 3 and 5 are live together ..." for a failed call.
std::string describe_error(qrt_status status, const qrt_error& err);

struct ModelFile {
  AlignedBytes blob;
  qrt_memory_report plan{};
};

// A model file's blob: a .qrt as it is, a TFLite flatbuffer imported (the format is read from the
// content, not the file name). False with a one-line message naming the file.
bool read_model_blob(const std::string& path, std::vector<uint8_t>* blob, std::string* error);

// Reads (read_model_blob), validates and plans a model file. On failure returns false with a
// one-line message.
bool load_model_file(const std::string& path, ModelFile* model, std::string* error);
// The same for a blob already in memory.
bool load_model_bytes(const std::vector<uint8_t>& bytes, ModelFile* model, std::string* error);

// A session with its own exactly-sized, 16-byte aligned arena.
class HostSession {
 public:
  // `options` may be null (every operator table of the build, port kernels).
  bool open(const ModelFile& model, const qrt_options* options, std::string* error);
  qrt_session* get() const { return session_; }
  qrt_tensor_view input(int32_t index) const;
  qrt_tensor_view output(int32_t index) const;
  bool invoke(std::string* error);
  const uint8_t* arena() const { return arena_.data(); }
  size_t arena_bytes() const { return arena_.size(); }

 private:
  AlignedBytes arena_;
  qrt_session* session_ = nullptr;
};

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_MODEL_FILE_H
