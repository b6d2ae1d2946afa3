// Host-side writer of .qrt blobs (runtime/FORMAT.md): importers describe tensors and operators,
// finish() plans the activation arena and lays the blob out.
#ifndef QRT_RUNTIME_HOST_BLOB_WRITER_H
#define QRT_RUNTIME_HOST_BLOB_WRITER_H

#include <stdint.h>

#include <string>
#include <vector>

#include "qrt/format.h"
#include "qrt/qrt.h"

namespace qrt {
namespace host {

struct TensorSpec {
  std::string name;
  qrt_dtype dtype = QRT_DTYPE_INT8;
  std::vector<int32_t> shape;
  format::TensorKind kind = format::kTensorActivation;
  std::vector<uint8_t> data;  // constants only: exactly the bytes the format prescribes
  qrt_quant_kind quant_kind = QRT_QUANT_NONE;
  int32_t quant_axis = 0;
  int32_t group_size = 0;
  std::vector<float> scales;
  std::vector<int32_t> zero_points;
};

struct OperatorSpec {
  uint32_t op_code = 0;
  std::vector<int32_t> inputs;  // -1 for an absent optional input
  std::vector<int32_t> outputs;
  std::vector<uint8_t> params;  // the parameter block (ops/include/qrt/ops/params.h)
};

// Bytes of a parameter struct followed by optional int32 arrays (per-channel multipliers, shifts).
template <typename T>
std::vector<uint8_t> params_bytes(const T& params, const std::vector<int32_t>& tail = {}) {
  std::vector<uint8_t> out(sizeof(T) + tail.size() * 4);
  const auto* p = reinterpret_cast<const uint8_t*>(&params);
  std::copy(p, p + sizeof(T), out.begin());
  if (!tail.empty()) {
    const auto* t = reinterpret_cast<const uint8_t*>(tail.data());
    std::copy(t, t + tail.size() * 4, out.begin() + static_cast<std::ptrdiff_t>(sizeof(T)));
  }
  return out;
}

// Byte size a tensor of this dtype and shape occupies in the format (int4: rows padded).
size_t tensor_bytes(qrt_dtype dtype, const std::vector<int32_t>& shape);

struct PlanStats {
  uint32_t activation_bytes = 0;      // planned region size
  uint32_t naive_bytes = 0;           // sum of all activation sizes
  uint32_t in_place_ops = 0;          // operators planned in place
  std::string strategy;               // which ordering won
};

class BlobWriter {
 public:
  int32_t add_tensor(TensorSpec spec);
  int32_t add_operator(OperatorSpec op);
  void set_graph_inputs(std::vector<int32_t> inputs) { inputs_ = std::move(inputs); }
  void set_graph_outputs(std::vector<int32_t> outputs) { outputs_ = std::move(outputs); }
  void add_metadata(const std::string& key, const std::string& value);

  const TensorSpec& tensor(int32_t index) const { return tensors_[static_cast<size_t>(index)]; }
  TensorSpec& tensor(int32_t index) { return tensors_[static_cast<size_t>(index)]; }
  int32_t tensor_count() const { return static_cast<int32_t>(tensors_.size()); }
  const std::vector<OperatorSpec>& operators() const { return ops_; }

  // Plans the arena (lifetimes, in-place operators, greedy offset assignment), writes all
  // sections and the CRC. Fails with a message on inconsistent input (bad indices, constant
  // data of the wrong size, ...). The device validator has the last word on the result.
  bool finish(std::vector<uint8_t>* blob, PlanStats* stats, std::string* error) const;

 private:
  bool check_dataflow(std::string* error) const;

  std::vector<TensorSpec> tensors_;
  std::vector<OperatorSpec> ops_;
  std::vector<int32_t> inputs_;
  std::vector<int32_t> outputs_;
  std::vector<std::pair<std::string, std::string>> metadata_;
};

// The header checksum of a blob (qrt_crc32 with the crc32 field read as zero), for tools that
// patch a blob and must re-seal it.
uint32_t blob_checksum(const uint8_t* blob, size_t size);

// A byte buffer whose data() is 16-byte aligned, as the loader requires of a blob.
class AlignedBytes {
 public:
  void assign(const uint8_t* data, size_t size);
  uint8_t* data() { return storage_.data() + offset_; }
  const uint8_t* data() const { return storage_.data() + offset_; }
  size_t size() const { return size_; }

 private:
  std::vector<uint8_t> storage_;
  size_t offset_ = 0;
  size_t size_ = 0;
};

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_BLOB_WRITER_H
