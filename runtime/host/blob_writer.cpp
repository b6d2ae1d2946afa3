#include "blob_writer.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "op_registry.h"
#include "planner.h"

namespace qrt {
namespace host {
namespace {

constexpr uint32_t kNone = format::kNone;

uint32_t align(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

// Appends bytes to a section buffer at an aligned position; returns the offset used.
uint32_t append(std::vector<uint8_t>* section, const void* data, size_t bytes, uint32_t alignment) {
  const uint32_t at = align(static_cast<uint32_t>(section->size()), alignment);
  section->resize(at + bytes);
  if (bytes != 0) std::memcpy(section->data() + at, data, bytes);
  return at;
}

struct Lifetime {
  uint32_t first = UINT32_MAX;
  uint32_t last = 0;
  bool used = false;
  void touch(uint32_t op) {
    first = std::min(first, op);
    last = std::max(last, op);
    used = true;
  }
};

}  // namespace

size_t tensor_bytes(qrt_dtype dtype, const std::vector<int32_t>& shape) {
  size_t elements = 1;
  for (int32_t d : shape) elements *= static_cast<size_t>(d);
  switch (dtype) {
    case QRT_DTYPE_INT8:
    case QRT_DTYPE_UINT8: return elements;
    case QRT_DTYPE_INT16: return elements * 2;
    case QRT_DTYPE_INT32:
    case QRT_DTYPE_FLOAT32: return elements * 4;
    case QRT_DTYPE_INT4: {
      const size_t row = shape.empty() ? 1 : static_cast<size_t>(shape.back());
      return elements / row * ((row + 1) / 2);
    }
  }
  return 0;
}

int32_t BlobWriter::add_tensor(TensorSpec spec) {
  tensors_.push_back(std::move(spec));
  return static_cast<int32_t>(tensors_.size() - 1);
}

int32_t BlobWriter::add_operator(OperatorSpec op) {
  ops_.push_back(std::move(op));
  return static_cast<int32_t>(ops_.size() - 1);
}

void BlobWriter::add_metadata(const std::string& key, const std::string& value) {
  metadata_.emplace_back(key, value);
}

// The dataflow rules the loader enforces (runtime/FORMAT.md, "Operators"), checked before
// anything is laid out so that a graph an importer mis-read is refused with the operator and
// tensor named instead of being written and then refused at load: every activation an operator
// reads is a graph input or written by an earlier operator, every activation is written at most
// once and graph inputs never, every graph output is written (or is a graph input).
bool BlobWriter::check_dataflow(std::string* error) const {
  const size_t n = tensors_.size();
  std::vector<bool> available(n, false), graph_input(n, false);
  auto describe = [this](int32_t t) {
    const std::string& name = tensors_[static_cast<size_t>(t)].name;
    return "tensor " + std::to_string(t) + (name.empty() ? "" : " '" + name + "'");
  };
  for (int32_t t : inputs_) {
    if (t < 0 || static_cast<size_t>(t) >= n) {
      *error = "graph input index out of range";
      return false;
    }
    available[static_cast<size_t>(t)] = graph_input[static_cast<size_t>(t)] = true;
  }
  for (size_t i = 0; i < ops_.size(); ++i) {
    for (int32_t t : ops_[i].inputs) {
      if (t == -1) continue;
      if (t < 0 || static_cast<size_t>(t) >= n) {
        *error = "operator " + std::to_string(i) + ": input index out of range";
        return false;
      }
      if (tensors_[static_cast<size_t>(t)].kind == format::kTensorActivation && !available[static_cast<size_t>(t)]) {
        *error = "operator " + std::to_string(i) + " reads " + describe(t) +
                 ", which is neither a graph input nor written by an earlier operator";
        return false;
      }
    }
    for (int32_t t : ops_[i].outputs) {
      if (t < 0 || static_cast<size_t>(t) >= n) {
        *error = "operator " + std::to_string(i) + ": output index out of range";
        return false;
      }
      const TensorSpec& s = tensors_[static_cast<size_t>(t)];
      if (s.kind == format::kTensorConstant ||
          (s.kind == format::kTensorActivation && available[static_cast<size_t>(t)])) {
        *error = "operator " + std::to_string(i) + " writes " + describe(t) +
                 (s.kind == format::kTensorConstant ? ", a constant"
                                                    : ", already written or a graph input");
        return false;
      }
      available[static_cast<size_t>(t)] = true;
    }
  }
  for (int32_t t : outputs_) {
    if (t < 0 || static_cast<size_t>(t) >= n) {
      *error = "graph output index out of range";
      return false;
    }
    if (!available[static_cast<size_t>(t)]) {
      *error = "graph output " + describe(t) + " is written by no operator";
      return false;
    }
  }
  return true;
}

bool BlobWriter::finish(std::vector<uint8_t>* blob, PlanStats* stats, std::string* error) const {
  const uint32_t n = static_cast<uint32_t>(tensors_.size());
  const uint32_t op_count = static_cast<uint32_t>(ops_.size());
  auto bad_index = [&](int32_t t) { return t < 0 || static_cast<uint32_t>(t) >= n; };
  if (op_count == 0) {
    *error = "the model has no operators";
    return false;
  }
  if (!check_dataflow(error)) return false;
  for (uint32_t t = 0; t < n; ++t) {
    const TensorSpec& s = tensors_[t];
    if (s.kind == format::kTensorConstant && s.data.size() != tensor_bytes(s.dtype, s.shape)) {
      *error = "tensor " + std::to_string(t) + " (" + s.name + "): constant data has " +
               std::to_string(s.data.size()) + " bytes, expected " +
               std::to_string(tensor_bytes(s.dtype, s.shape));
      return false;
    }
  }

  // Lifetimes of activation tensors: graph inputs from the first operator, outputs to the last.
  std::vector<Lifetime> life(n);
  for (int32_t t : inputs_) {
    if (bad_index(t)) { *error = "graph input index out of range"; return false; }
    life[static_cast<size_t>(t)].touch(0);
  }
  for (int32_t t : outputs_) {
    if (bad_index(t)) { *error = "graph output index out of range"; return false; }
    life[static_cast<size_t>(t)].touch(op_count - 1);
  }
  for (uint32_t i = 0; i < op_count; ++i) {
    for (int32_t t : ops_[i].inputs) {
      if (t == -1) continue;
      if (bad_index(t)) { *error = "operator " + std::to_string(i) + ": bad input index"; return false; }
      life[static_cast<size_t>(t)].touch(i);
    }
    for (int32_t t : ops_[i].outputs) {
      if (bad_index(t)) { *error = "operator " + std::to_string(i) + ": bad output index"; return false; }
      life[static_cast<size_t>(t)].touch(i);
    }
  }

  // In place: output 0 takes input 0's bytes when the kernel allows it, input 0 dies here and the
  // sizes match. Tensors sharing bytes form a group planned as one buffer.
  std::vector<int32_t> group(n);
  for (uint32_t t = 0; t < n; ++t) group[t] = static_cast<int32_t>(t);
  std::vector<uint32_t> op_flags(op_count, 0);
  auto is_output = [&](int32_t t) { return std::count(outputs_.begin(), outputs_.end(), t) > 0; };
  for (uint32_t i = 0; i < op_count; ++i) {
    const OperatorSpec& op = ops_[i];
    if (op.inputs.empty() || op.inputs[0] < 0) continue;
    const int32_t in = op.inputs[0];
    const int32_t out = op.outputs[0];
    const TensorSpec& a = tensors_[static_cast<size_t>(in)];
    const TensorSpec& b = tensors_[static_cast<size_t>(out)];
    const OpInfo* info = op_info(op.op_code);
    if (info == nullptr || info->in_place == 0 || a.kind != format::kTensorActivation ||
        b.kind != format::kTensorActivation || life[static_cast<size_t>(in)].last != i ||
        life[static_cast<size_t>(out)].first != i || is_output(in) ||
        tensor_bytes(a.dtype, a.shape) != tensor_bytes(b.dtype, b.shape)) {
      continue;
    }
    group[static_cast<size_t>(out)] = group[static_cast<size_t>(in)];
    op_flags[i] = format::kOpInPlace;
  }

  // One planner buffer per group root, spanning the union of its members' lifetimes.
  std::vector<PlanBuffer> buffers;
  std::vector<int32_t> buffer_of(n, -1);
  uint32_t naive = 0;
  for (uint32_t t = 0; t < n; ++t) {
    const TensorSpec& s = tensors_[t];
    if (s.kind != format::kTensorActivation) continue;
    const uint32_t bytes = static_cast<uint32_t>(tensor_bytes(s.dtype, s.shape));
    naive += bytes;
    const Lifetime& l = life[t];
    const uint32_t first = l.used ? l.first : 0;
    const uint32_t last = l.used ? l.last : 0;
    const int32_t root = group[t];
    if (root == static_cast<int32_t>(t)) {
      buffer_of[t] = static_cast<int32_t>(buffers.size());
      buffers.push_back(PlanBuffer{bytes, first, last});
    } else {
      PlanBuffer& b = buffers[static_cast<size_t>(buffer_of[static_cast<size_t>(root)])];
      buffer_of[t] = buffer_of[static_cast<size_t>(root)];
      b.first_op = std::min(b.first_op, first);
      b.last_op = std::max(b.last_op, last);
    }
  }
  const PlanResult plan = plan_buffers(buffers);

  // Sections.
  std::vector<uint8_t> tensors_sec, ops_sec, indices_sec, graph_sec, quant_sec, params_sec,
      strings_sec, metadata_sec, data_sec;
  std::vector<int32_t> indices;
  uint32_t persistent_bytes = 0;
  for (uint32_t t = 0; t < n; ++t) {
    const TensorSpec& s = tensors_[t];
    format::TensorRecord r{};
    r.dtype = s.dtype;
    r.kind = s.kind;
    r.rank = static_cast<uint32_t>(s.shape.size());
    if (r.rank > static_cast<uint32_t>(format::kMaxRank)) {
      *error = "tensor " + std::to_string(t) + " (" + s.name + "): rank above 5";
      return false;
    }
    for (uint32_t d = 0; d < r.rank; ++d) r.dims[d] = s.shape[d];
    r.name = s.name.empty() ? kNone
                            : append(&strings_sec, s.name.c_str(), s.name.size() + 1, 1);
    r.data_bytes = static_cast<uint32_t>(tensor_bytes(s.dtype, s.shape));
    if (s.kind == format::kTensorConstant) {
      r.data_offset = append(&data_sec, s.data.data(), s.data.size(), format::kAlignment);
    } else if (s.kind == format::kTensorActivation) {
      r.data_offset = plan.offsets[static_cast<size_t>(buffer_of[t])];
      r.first_op = life[t].used ? life[t].first : 0;
      r.last_op = life[t].used ? life[t].last : 0;
    } else {
      r.data_offset = align(persistent_bytes, format::kAlignment);
      persistent_bytes = r.data_offset + r.data_bytes;
    }
    r.quant = kNone;
    if (s.quant_kind != QRT_QUANT_NONE) {
      if (s.scales.size() != s.zero_points.size() || s.scales.empty()) {
        *error = "tensor " + std::to_string(t) + " (" + s.name + "): scales/zero points mismatch";
        return false;
      }
      format::QuantRecord q{};
      q.kind = s.quant_kind;
      q.axis = s.quant_axis;
      q.group_size = static_cast<uint32_t>(s.group_size);
      q.count = static_cast<uint32_t>(s.scales.size());
      r.quant = append(&quant_sec, &q, sizeof q, 4);
      append(&quant_sec, s.scales.data(), s.scales.size() * 4, 4);
      append(&quant_sec, s.zero_points.data(), s.zero_points.size() * 4, 4);
    }
    append(&tensors_sec, &r, sizeof r, 4);
  }
  uint32_t in_place_ops = 0;
  for (uint32_t i = 0; i < op_count; ++i) {
    const OperatorSpec& op = ops_[i];
    format::OperatorRecord r{};
    r.op_code = op.op_code;
    r.input_count = static_cast<uint32_t>(op.inputs.size());
    r.output_count = static_cast<uint32_t>(op.outputs.size());
    r.inputs = static_cast<uint32_t>(indices.size());
    indices.insert(indices.end(), op.inputs.begin(), op.inputs.end());
    r.outputs = static_cast<uint32_t>(indices.size());
    indices.insert(indices.end(), op.outputs.begin(), op.outputs.end());
    r.params = op.params.empty() ? kNone : append(&params_sec, op.params.data(), op.params.size(), 4);
    r.params_bytes = static_cast<uint32_t>(op.params.size());
    r.flags = op_flags[i];
    in_place_ops += op_flags[i] != 0 ? 1u : 0u;
    append(&ops_sec, &r, sizeof r, 4);
  }
  format::GraphRecord g{};
  g.input_count = static_cast<uint32_t>(inputs_.size());
  g.inputs = static_cast<uint32_t>(indices.size());
  indices.insert(indices.end(), inputs_.begin(), inputs_.end());
  g.output_count = static_cast<uint32_t>(outputs_.size());
  g.outputs = static_cast<uint32_t>(indices.size());
  indices.insert(indices.end(), outputs_.begin(), outputs_.end());
  g.activation_bytes = plan.total_bytes;
  g.persistent_bytes = persistent_bytes;
  append(&graph_sec, &g, sizeof g, 4);
  append(&indices_sec, indices.data(), indices.size() * 4, 4);
  for (const auto& kv : metadata_) {
    append(&metadata_sec, kv.first.c_str(), kv.first.size() + 1, 1);
    append(&metadata_sec, kv.second.c_str(), kv.second.size() + 1, 1);
  }

  struct Pending {
    uint32_t kind;
    const std::vector<uint8_t>* bytes;
    uint32_t count;
  };
  const Pending pending[] = {
      {format::kSectionTensors, &tensors_sec, n},
      {format::kSectionOperators, &ops_sec, op_count},
      {format::kSectionIndices, &indices_sec, static_cast<uint32_t>(indices.size())},
      {format::kSectionGraph, &graph_sec, 1},
      {format::kSectionQuant, &quant_sec, 0},
      {format::kSectionParams, &params_sec, 0},
      {format::kSectionStrings, &strings_sec, 0},
      {format::kSectionMetadata, &metadata_sec, static_cast<uint32_t>(metadata_.size())},
      {format::kSectionData, &data_sec, 0},
  };
  std::vector<format::SectionEntry> table;
  uint32_t cursor = 0;
  const uint32_t section_count = sizeof pending / sizeof pending[0];
  cursor = align(static_cast<uint32_t>(sizeof(format::Header)) + section_count * 16u,
                 format::kAlignment);
  for (const Pending& p : pending) {
    table.push_back(format::SectionEntry{p.kind, cursor, static_cast<uint32_t>(p.bytes->size()), p.count});
    cursor = align(cursor + static_cast<uint32_t>(p.bytes->size()), format::kAlignment);
  }
  blob->assign(cursor, 0);
  format::Header h{};
  h.magic = format::kMagic;
  h.version_major = format::kVersionMajor;
  h.version_minor = format::kVersionMinor;
  h.header_bytes = sizeof(format::Header);
  h.total_bytes = cursor;
  h.section_count = section_count;
  std::memcpy(blob->data() + sizeof h, table.data(), table.size() * sizeof(format::SectionEntry));
  for (size_t i = 0; i < table.size(); ++i) {
    if (!pending[i].bytes->empty()) {
      std::memcpy(blob->data() + table[i].offset, pending[i].bytes->data(), pending[i].bytes->size());
    }
  }
  std::memcpy(blob->data(), &h, sizeof h);
  h.crc32 = blob_checksum(blob->data(), blob->size());
  std::memcpy(blob->data(), &h, sizeof h);
  if (stats != nullptr) {
    stats->activation_bytes = plan.total_bytes;
    stats->naive_bytes = naive;
    stats->in_place_ops = in_place_ops;
    stats->strategy = plan.strategy;
  }
  return true;
}

uint32_t blob_checksum(const uint8_t* blob, size_t size) {
  const uint8_t zeros[4] = {0, 0, 0, 0};
  const size_t field = offsetof(format::Header, crc32);
  uint32_t crc = qrt_crc32(0, blob, field);
  crc = qrt_crc32(crc, zeros, 4);
  return qrt_crc32(crc, blob + field + 4, size - field - 4);
}

void AlignedBytes::assign(const uint8_t* data, size_t size) {
  storage_.assign(size + 16, 0);
  const auto addr = reinterpret_cast<uintptr_t>(storage_.data());
  offset_ = (16 - addr % 16) % 16;
  size_ = size;
  if (size != 0) std::memcpy(storage_.data() + offset_, data, size);
}

}  // namespace host
}  // namespace qrt
