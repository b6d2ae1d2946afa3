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

namespace {

// What finish() decides before writing anything: lifetimes, in-place sharing and offsets.
struct Layout {
  std::vector<Lifetime> life;        // per tensor (activations)
  std::vector<uint32_t> op_flags;    // per operator: format::kOpInPlace or 0
  std::vector<int32_t> buffer_of;    // per activation tensor: its planner buffer
  PlanResult plan;
  uint32_t naive_bytes = 0;          // sum of all activation sizes
};

// The specs themselves: constant data of the right size, rank within the format, scales and zero
// points in pairs.
bool check_tensor_specs(const std::vector<TensorSpec>& tensors, std::string* error) {
  for (size_t t = 0; t < tensors.size(); ++t) {
    const TensorSpec& s = tensors[t];
    const std::string what = "tensor " + std::to_string(t) + " (" + s.name + "): ";
    if (s.kind == format::kTensorConstant && s.data.size() != tensor_bytes(s.dtype, s.shape)) {
      *error = what + "constant data has " + std::to_string(s.data.size()) + " bytes, expected " +
               std::to_string(tensor_bytes(s.dtype, s.shape));
      return false;
    }
    if (s.shape.size() > static_cast<size_t>(format::kMaxRank)) {
      *error = what + "rank above 5";
      return false;
    }
    if (s.quant_kind != QRT_QUANT_NONE && (s.scales.size() != s.zero_points.size() || s.scales.empty())) {
      *error = what + "scales/zero points mismatch";
      return false;
    }
  }
  return true;
}

// Lifetimes of activation tensors: graph inputs from the first operator, outputs to the last.
bool lifetimes(size_t tensor_count, const std::vector<OperatorSpec>& ops,
               const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
               std::vector<Lifetime>* life, std::string* error) {
  auto bad_index = [&](int32_t t) { return t < 0 || static_cast<size_t>(t) >= tensor_count; };
  const uint32_t op_count = static_cast<uint32_t>(ops.size());
  life->assign(tensor_count, Lifetime{});
  for (int32_t t : inputs) {
    if (bad_index(t)) { *error = "graph input index out of range"; return false; }
    (*life)[static_cast<size_t>(t)].touch(0);
  }
  for (int32_t t : outputs) {
    if (bad_index(t)) { *error = "graph output index out of range"; return false; }
    (*life)[static_cast<size_t>(t)].touch(op_count - 1);
  }
  for (uint32_t i = 0; i < op_count; ++i) {
    for (int32_t t : ops[i].inputs) {
      if (t == -1) continue;
      if (bad_index(t)) { *error = "operator " + std::to_string(i) + ": bad input index"; return false; }
      (*life)[static_cast<size_t>(t)].touch(i);
    }
    for (int32_t t : ops[i].outputs) {
      if (bad_index(t)) { *error = "operator " + std::to_string(i) + ": bad output index"; return false; }
      (*life)[static_cast<size_t>(t)].touch(i);
    }
  }
  return true;
}

// In place: output 0 takes input 0's bytes when the operator allows it for every data type (the
// op list), input 0 dies here and the sizes match. Tensors sharing bytes form a group (its root
// tensor returned per tensor) planned as one buffer; op_flags marks the operators.
std::vector<int32_t> in_place_groups(const std::vector<TensorSpec>& tensors,
                                     const std::vector<OperatorSpec>& ops,
                                     const std::vector<int32_t>& outputs,
                                     const std::vector<Lifetime>& life,
                                     std::vector<uint32_t>* op_flags) {
  std::vector<int32_t> group(tensors.size());
  for (size_t t = 0; t < tensors.size(); ++t) group[t] = static_cast<int32_t>(t);
  op_flags->assign(ops.size(), 0);
  auto is_output = [&](int32_t t) { return std::count(outputs.begin(), outputs.end(), t) > 0; };
  for (uint32_t i = 0; i < ops.size(); ++i) {
    const OperatorSpec& op = ops[i];
    if (op.inputs.empty() || op.inputs[0] < 0) continue;
    const int32_t in = op.inputs[0];
    const int32_t out = op.outputs[0];
    const TensorSpec& a = tensors[static_cast<size_t>(in)];
    const TensorSpec& b = tensors[static_cast<size_t>(out)];
    const OpInfo* info = op_info(op.op_code);
    if (info == nullptr || info->in_place == 0 || a.kind != format::kTensorActivation ||
        b.kind != format::kTensorActivation || life[static_cast<size_t>(in)].last != i ||
        life[static_cast<size_t>(out)].first != i || is_output(in) ||
        tensor_bytes(a.dtype, a.shape) != tensor_bytes(b.dtype, b.shape)) {
      continue;
    }
    group[static_cast<size_t>(out)] = group[static_cast<size_t>(in)];
    (*op_flags)[i] = format::kOpInPlace;
  }
  return group;
}

// One planner buffer per group root, spanning the union of its members' lifetimes; offsets from
// the planner.
void plan_activations(const std::vector<TensorSpec>& tensors, const std::vector<int32_t>& group,
                      Layout* layout) {
  std::vector<PlanBuffer> buffers;
  layout->buffer_of.assign(tensors.size(), -1);
  layout->naive_bytes = 0;
  for (size_t t = 0; t < tensors.size(); ++t) {
    const TensorSpec& s = tensors[t];
    if (s.kind != format::kTensorActivation) continue;
    const uint32_t bytes = static_cast<uint32_t>(tensor_bytes(s.dtype, s.shape));
    layout->naive_bytes += bytes;
    const Lifetime& l = layout->life[t];
    const uint32_t first = l.used ? l.first : 0;
    const uint32_t last = l.used ? l.last : 0;
    const size_t root = static_cast<size_t>(group[t]);
    if (root == t) {
      layout->buffer_of[t] = static_cast<int32_t>(buffers.size());
      buffers.push_back(PlanBuffer{bytes, first, last});
    } else {
      layout->buffer_of[t] = layout->buffer_of[root];
      PlanBuffer& b = buffers[static_cast<size_t>(layout->buffer_of[root])];
      b.first_op = std::min(b.first_op, first);
      b.last_op = std::max(b.last_op, last);
    }
  }
  layout->plan = plan_buffers(buffers);
}

// The sections of a blob (runtime/FORMAT.md), each filled by serialise().
struct Sections {
  std::vector<uint8_t> tensors, ops, indices, graph, quant, params, strings, metadata, data;
};

// The records of every tensor, operator and the graph, and the metadata strings.
void serialise(const std::vector<TensorSpec>& tensors, const std::vector<OperatorSpec>& ops,
               const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
               const std::vector<std::pair<std::string, std::string>>& metadata,
               const Layout& layout, Sections* sec, uint32_t* index_count) {
  std::vector<int32_t> indices;
  uint32_t persistent_bytes = 0;
  for (size_t t = 0; t < tensors.size(); ++t) {
    const TensorSpec& s = tensors[t];
    format::TensorRecord r{};
    r.dtype = s.dtype;
    r.kind = s.kind;
    r.rank = static_cast<uint32_t>(s.shape.size());
    for (uint32_t d = 0; d < r.rank; ++d) r.dims[d] = s.shape[d];
    r.name = s.name.empty() ? kNone : append(&sec->strings, s.name.c_str(), s.name.size() + 1, 1);
    r.data_bytes = static_cast<uint32_t>(tensor_bytes(s.dtype, s.shape));
    if (s.kind == format::kTensorConstant) {
      r.data_offset = append(&sec->data, s.data.data(), s.data.size(), format::kAlignment);
    } else if (s.kind == format::kTensorActivation) {
      r.data_offset = layout.plan.offsets[static_cast<size_t>(layout.buffer_of[t])];
      r.first_op = layout.life[t].used ? layout.life[t].first : 0;
      r.last_op = layout.life[t].used ? layout.life[t].last : 0;
    } else {
      r.data_offset = align(persistent_bytes, format::kAlignment);
      persistent_bytes = r.data_offset + r.data_bytes;
    }
    r.quant = kNone;
    if (s.quant_kind != QRT_QUANT_NONE) {
      format::QuantRecord q{};
      q.kind = s.quant_kind;
      q.axis = s.quant_axis;
      q.group_size = static_cast<uint32_t>(s.group_size);
      q.count = static_cast<uint32_t>(s.scales.size());
      r.quant = append(&sec->quant, &q, sizeof q, 4);
      append(&sec->quant, s.scales.data(), s.scales.size() * 4, 4);
      append(&sec->quant, s.zero_points.data(), s.zero_points.size() * 4, 4);
    }
    append(&sec->tensors, &r, sizeof r, 4);
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    const OperatorSpec& op = ops[i];
    format::OperatorRecord r{};
    r.op_code = op.op_code;
    r.input_count = static_cast<uint32_t>(op.inputs.size());
    r.output_count = static_cast<uint32_t>(op.outputs.size());
    r.inputs = static_cast<uint32_t>(indices.size());
    indices.insert(indices.end(), op.inputs.begin(), op.inputs.end());
    r.outputs = static_cast<uint32_t>(indices.size());
    indices.insert(indices.end(), op.outputs.begin(), op.outputs.end());
    r.params = op.params.empty() ? kNone : append(&sec->params, op.params.data(), op.params.size(), 4);
    r.params_bytes = static_cast<uint32_t>(op.params.size());
    r.flags = layout.op_flags[i];
    append(&sec->ops, &r, sizeof r, 4);
  }
  format::GraphRecord g{};
  g.input_count = static_cast<uint32_t>(inputs.size());
  g.inputs = static_cast<uint32_t>(indices.size());
  indices.insert(indices.end(), inputs.begin(), inputs.end());
  g.output_count = static_cast<uint32_t>(outputs.size());
  g.outputs = static_cast<uint32_t>(indices.size());
  indices.insert(indices.end(), outputs.begin(), outputs.end());
  g.activation_bytes = layout.plan.total_bytes;
  g.persistent_bytes = persistent_bytes;
  append(&sec->graph, &g, sizeof g, 4);
  append(&sec->indices, indices.data(), indices.size() * 4, 4);
  *index_count = static_cast<uint32_t>(indices.size());
  for (const auto& kv : metadata) {
    append(&sec->metadata, kv.first.c_str(), kv.first.size() + 1, 1);
    append(&sec->metadata, kv.second.c_str(), kv.second.size() + 1, 1);
  }
}

// Header, section table and sections, each section 16-byte aligned; the CRC32 last.
void assemble(const Sections& sec, uint32_t tensor_count, uint32_t op_count, uint32_t index_count,
              uint32_t metadata_count, std::vector<uint8_t>* blob) {
  struct Pending {
    uint32_t kind;
    const std::vector<uint8_t>* bytes;
    uint32_t count;
  };
  const Pending pending[] = {
      {format::kSectionTensors, &sec.tensors, tensor_count},
      {format::kSectionOperators, &sec.ops, op_count},
      {format::kSectionIndices, &sec.indices, index_count},
      {format::kSectionGraph, &sec.graph, 1},
      {format::kSectionQuant, &sec.quant, 0},
      {format::kSectionParams, &sec.params, 0},
      {format::kSectionStrings, &sec.strings, 0},
      {format::kSectionMetadata, &sec.metadata, metadata_count},
      {format::kSectionData, &sec.data, 0},
  };
  const uint32_t section_count = sizeof pending / sizeof pending[0];
  std::vector<format::SectionEntry> table;
  uint32_t cursor = align(static_cast<uint32_t>(sizeof(format::Header)) + section_count * 16u,
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
}

}  // namespace

bool BlobWriter::finish(std::vector<uint8_t>* blob, PlanStats* stats, std::string* error) const {
  if (ops_.empty()) {
    *error = "the model has no operators";
    return false;
  }
  Layout layout;
  if (!check_dataflow(error) || !check_tensor_specs(tensors_, error) ||
      !lifetimes(tensors_.size(), ops_, inputs_, outputs_, &layout.life, error)) {
    return false;
  }
  const std::vector<int32_t> group =
      in_place_groups(tensors_, ops_, outputs_, layout.life, &layout.op_flags);
  plan_activations(tensors_, group, &layout);
  Sections sec;
  uint32_t index_count = 0;
  serialise(tensors_, ops_, inputs_, outputs_, metadata_, layout, &sec, &index_count);
  assemble(sec, static_cast<uint32_t>(tensors_.size()), static_cast<uint32_t>(ops_.size()),
           index_count, static_cast<uint32_t>(metadata_.size()), blob);
  if (stats != nullptr) {
    stats->activation_bytes = layout.plan.total_bytes;
    stats->naive_bytes = layout.naive_bytes;
    stats->in_place_ops = static_cast<uint32_t>(
        std::count(layout.op_flags.begin(), layout.op_flags.end(), format::kOpInPlace));
    stats->strategy = layout.plan.strategy;
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
