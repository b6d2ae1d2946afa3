// A tiny .qrt blob builder for device-side tests (runtime/FORMAT.md): no heap and no host code,
// so the loader's trust boundary is tested on every target, the Cortex-M cores included. It
// writes exactly the records it is given (offsets, lifetimes, region sizes), which lets a test
// build the hostile blobs the host BlobWriter would refuse to produce.
//
//   static test_blob::Builder b;           // large: keep it static, not on a bare-metal stack
//   const int32_t x = b.activation(16, 0, 0, 0);
//   const int32_t y = b.activation(16, 16, 0, 0);
//   b.op(qrt::kOpReshape, x, y);
//   b.graph_io(x, y);
//   const uint8_t* blob = b.finish();      // graph regions = what the tensors use, CRC filled
//   b.graph().activation_bytes = 0xFFFFFFF0u; b.seal();   // then corrupt and re-seal
#ifndef QRT_TESTS_RUNTIME_BLOB_BUILDER_H
#define QRT_TESTS_RUNTIME_BLOB_BUILDER_H

#include <stdint.h>
#include <string.h>

#include "qrt/format.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt.h"

namespace test_blob {

namespace fmt = qrt::format;

class Builder {
 public:
  static constexpr uint32_t kMaxTensors = 8, kMaxOps = 8, kMaxIndices = 64;
  static constexpr uint32_t kMaxParams = 256, kMaxMetadata = 128, kBlobBytes = 4096;

  // Starts a new blob (the storage is reused; records are rewritten as they are added).
  void reset() {
    tensor_count_ = op_count_ = index_count_ = params_used_ = 0;
    metadata_bytes_ = metadata_count_ = 0;
    graph_ = fmt::GraphRecord{};
    regions_set_ = false;
  }

  // Starts the smallest valid model: x (16 bytes at 0) -> RESHAPE -> y (16 bytes at 16), both
  // live during operator 0; finish() it (after changing what a test needs).
  Builder& reset_to_reshape() {
    reset();
    const int32_t x = activation(16, 0, 0, 0);
    const int32_t y = activation(16, 16, 0, 0);
    op(qrt::kOpReshape, x, y);
    graph_io(x, y);
    return *this;
  }

  // A rank-1 int8 activation tensor of `elements` bytes at `offset` living [first_op, last_op].
  int32_t activation(int32_t elements, uint32_t offset, uint32_t first_op, uint32_t last_op) {
    fmt::TensorRecord& r = new_tensor(fmt::kTensorActivation, elements);
    r.data_offset = offset;
    r.first_op = first_op;
    r.last_op = last_op;
    return static_cast<int32_t>(tensor_count_ - 1);
  }

  // A rank-1 int8 persistent tensor.
  int32_t persistent(int32_t elements, uint32_t offset) {
    new_tensor(fmt::kTensorPersistent, elements).data_offset = offset;
    return static_cast<int32_t>(tensor_count_ - 1);
  }

  // An operator with one input (or two: input2 >= 0) and one output (input -1: none) and an
  // optional parameter block.
  void op(uint32_t op_code, int32_t input, int32_t output, const void* params = nullptr,
          uint32_t params_bytes = 0, uint32_t flags = 0, int32_t input2 = -1) {
    fmt::OperatorRecord& o = ops_[op_count_++];
    o = fmt::OperatorRecord{};
    o.op_code = op_code;
    o.input_count = input < 0 ? 0u : input2 < 0 ? 1u : 2u;
    o.inputs = index_count_;
    if (input >= 0) indices_[index_count_++] = input;
    if (input >= 0 && input2 >= 0) indices_[index_count_++] = input2;
    o.output_count = 1;
    o.outputs = index_count_;
    indices_[index_count_++] = output;
    o.params = fmt::kNone;
    if (params_bytes != 0) {
      o.params = params_used_;
      memcpy(params_ + params_used_, params, params_bytes);
      params_used_ += (params_bytes + 3u) & ~3u;
    }
    o.params_bytes = params_bytes;
    o.flags = flags;
  }

  void graph_io(int32_t input, int32_t output) {
    graph_.input_count = 1;
    graph_.inputs = index_count_;
    indices_[index_count_++] = input;
    graph_.output_count = 1;
    graph_.outputs = index_count_;
    indices_[index_count_++] = output;
  }

  // Raw metadata bytes (key\0value\0...) with the section's declared pair count.
  void metadata(const char* bytes, uint32_t size, uint32_t declared_count) {
    memcpy(metadata_, bytes, size);
    metadata_bytes_ = size;
    metadata_count_ = declared_count;
  }

  // Lays the blob out: header, section table, then each section 16-byte aligned. The graph's
  // regions are set to what the tensors use (aligned to 16) unless set_regions() was called.
  const uint8_t* finish() {
    if (!regions_set_) {
      graph_.activation_bytes = align16(max_end(fmt::kTensorActivation));
      graph_.persistent_bytes = align16(max_end(fmt::kTensorPersistent));
    }
    memset(blob_, 0, sizeof blob_);
    struct Part { uint32_t kind; const void* data; uint32_t bytes, count; };
    const Part parts[] = {
        {fmt::kSectionTensors, tensors_, tensor_count_ * 64u, tensor_count_},
        {fmt::kSectionOperators, ops_, op_count_ * 32u, op_count_},
        {fmt::kSectionIndices, indices_, index_count_ * 4u, index_count_},
        {fmt::kSectionGraph, &graph_, 32u, 1u},
        {fmt::kSectionParams, params_, params_used_, 0u},
        {fmt::kSectionMetadata, metadata_, metadata_bytes_, metadata_count_},
    };
    const uint32_t sections = sizeof parts / sizeof parts[0];
    uint32_t cursor = align16(64u + sections * 16u);
    auto* table = reinterpret_cast<fmt::SectionEntry*>(blob_ + 64);
    for (uint32_t i = 0; i < sections; ++i) {
      table[i] = fmt::SectionEntry{parts[i].kind, cursor, parts[i].bytes, parts[i].count};
      if (parts[i].bytes != 0) memcpy(blob_ + cursor, parts[i].data, parts[i].bytes);
      cursor = align16(cursor + parts[i].bytes);
    }
    fmt::Header& h = header();
    h.magic = fmt::kMagic;
    h.version_major = fmt::kVersionMajor;
    h.version_minor = fmt::kVersionMinor;
    h.header_bytes = 64;
    h.total_bytes = cursor;
    h.section_count = sections;
    seal();
    return blob_;
  }

  void set_regions(uint32_t activation_bytes, uint32_t persistent_bytes) {
    graph_.activation_bytes = activation_bytes;
    graph_.persistent_bytes = persistent_bytes;
    regions_set_ = true;
  }

  // After finish(): the records inside the blob, to corrupt; then seal() to fix the CRC.
  fmt::Header& header() { return *reinterpret_cast<fmt::Header*>(blob_); }
  fmt::GraphRecord& graph() { return *reinterpret_cast<fmt::GraphRecord*>(section(fmt::kSectionGraph)); }
  fmt::TensorRecord& tensor(int32_t t) {
    return reinterpret_cast<fmt::TensorRecord*>(section(fmt::kSectionTensors))[t];
  }
  fmt::SectionEntry& section_entry(uint32_t kind) {
    auto* table = reinterpret_cast<fmt::SectionEntry*>(blob_ + 64);
    for (uint32_t i = 0; i < header().section_count; ++i) {
      if (table[i].kind == kind) return table[i];
    }
    return table[0];
  }
  void seal() {
    header().crc32 = 0;
    header().crc32 = qrt_crc32(0, blob_, header().total_bytes);
  }

  const uint8_t* bytes() const { return blob_; }
  uint32_t size() { return header().total_bytes; }

 private:
  static uint32_t align16(uint64_t v) { return static_cast<uint32_t>((v + 15u) & ~uint64_t{15}); }

  fmt::TensorRecord& new_tensor(uint32_t kind, int32_t elements) {
    fmt::TensorRecord& r = tensors_[tensor_count_++];
    r = fmt::TensorRecord{};
    r.dtype = QRT_DTYPE_INT8;
    r.kind = kind;
    r.rank = 1;
    r.dims[0] = elements;
    r.data_bytes = static_cast<uint32_t>(elements);
    r.name = fmt::kNone;
    r.quant = fmt::kNone;
    return r;
  }

  uint64_t max_end(uint32_t kind) const {
    uint64_t end = 0;
    for (uint32_t t = 0; t < tensor_count_; ++t) {
      const uint64_t e = uint64_t{tensors_[t].data_offset} + tensors_[t].data_bytes;
      if (tensors_[t].kind == kind && e > end) end = e;
    }
    return end;
  }

  uint8_t* section(uint32_t kind) { return blob_ + section_entry(kind).offset; }

  fmt::TensorRecord tensors_[kMaxTensors] = {};
  fmt::OperatorRecord ops_[kMaxOps] = {};
  int32_t indices_[kMaxIndices] = {};
  fmt::GraphRecord graph_ = {};
  uint8_t params_[kMaxParams] = {};
  char metadata_[kMaxMetadata] = {};
  uint32_t tensor_count_ = 0, op_count_ = 0, index_count_ = 0, params_used_ = 0;
  uint32_t metadata_bytes_ = 0, metadata_count_ = 0;
  bool regions_set_ = false;
  alignas(16) uint8_t blob_[kBlobBytes] = {};
};

}  // namespace test_blob

#endif  // QRT_TESTS_RUNTIME_BLOB_BUILDER_H
