#include "file_io.h"
#include "model_file.h"

#include "op_registry.h"
#include "tflite_import.h"

namespace qrt {
namespace host {

std::string describe_error(qrt_status status, const qrt_error& err) {
  std::string s = qrt_status_str(status);
  if (err.message[0] != '\0') s += std::string(" (") + err.message + ")";
  return s;
}

bool load_model_bytes(const std::vector<uint8_t>& bytes, ModelFile* model, std::string* error) {
  model->blob.assign(bytes.data(), bytes.size());
  const qrt_options options = all_ops_options();
  qrt_error err{};
  const qrt_status s =
      qrt_plan_memory(model->blob.data(), model->blob.size(), &options, &model->plan, &err);
  if (s != QRT_OK) {
    *error = describe_error(s, err);
    return false;
  }
  return true;
}

bool read_model_blob(const std::string& path, std::vector<uint8_t>* blob, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_file_bytes(path, &bytes, error, kMaxBlobFileBytes)) return false;
  if (!is_tflite_bytes(bytes.data(), bytes.size())) {
    *blob = std::move(bytes);
    return true;
  }
  const size_t slash = path.find_last_of('/');
  ImportReport report;
  if (!import_tflite(bytes.data(), bytes.size(), path.substr(slash == std::string::npos ? 0 : slash + 1),
                     blob, &report, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

bool load_model_file(const std::string& path, ModelFile* model, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_model_blob(path, &bytes, error)) return false;
  if (!load_model_bytes(bytes, model, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

bool HostSession::open(const ModelFile& model, const qrt_options* options, std::string* error) {
  const qrt_options all = all_ops_options();
  qrt_options merged = options != nullptr ? *options : all;
  if (merged.op_tables == nullptr) {
    merged.op_tables = all.op_tables;
    merged.op_table_count = all.op_table_count;
  }
  qrt_memory_report plan{};
  qrt_error err{};
  qrt_status s = qrt_plan_memory(model.blob.data(), model.blob.size(), &merged, &plan, &err);
  if (s == QRT_OK) {
    std::vector<uint8_t> zeros(plan.arena_bytes, 0);
    arena_.assign(zeros.data(), zeros.size());
    s = qrt_session_create(model.blob.data(), model.blob.size(), &merged, arena_.data(),
                           arena_.size(), &session_, &err);
  }
  if (s != QRT_OK) {
    *error = describe_error(s, err);
    return false;
  }
  return true;
}

qrt_tensor_view HostSession::input(int32_t index) const {
  qrt_tensor_view v{};
  qrt_session_input(session_, index, &v);
  return v;
}

qrt_tensor_view HostSession::output(int32_t index) const {
  qrt_tensor_view v{};
  qrt_session_output(session_, index, &v);
  return v;
}

bool HostSession::invoke(std::string* error) {
  const qrt_status s = qrt_session_invoke(session_);
  if (s != QRT_OK) {
    *error = qrt_status_str(s);
    return false;
  }
  return true;
}

}  // namespace host
}  // namespace qrt
