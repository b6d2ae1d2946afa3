// Serialization of evaluation sets: header, section table, then the sections in a fixed order,
// each 16-byte aligned (models/formats/EVAL-SET.md).
#include "file_io.h"
#include "eval_set_writer.h"

#include <cstring>

#include "model_file.h"

namespace qrt {
namespace host {
namespace accept {
namespace {

size_t align16(size_t v) { return (v + 15u) & ~static_cast<size_t>(15u); }

// Appends `s` NUL-terminated to the strings blob and returns its offset ("" -> none).
uint32_t intern(std::vector<char>* strings, const std::string& s) {
  if (s.empty()) return QRT_EVAL_SET_NONE;
  const uint32_t off = static_cast<uint32_t>(strings->size());
  strings->insert(strings->end(), s.begin(), s.end());
  strings->push_back('\0');
  return off;
}

qrt_eval_tensor_desc describe(const EvalTensorSpec& spec, uint32_t name, uint32_t offset) {
  qrt_eval_tensor_desc d;
  std::memset(&d, 0, sizeof d);
  d.dtype = spec.dtype;
  d.rank = static_cast<uint32_t>(spec.dims.size());
  for (size_t i = 0; i < spec.dims.size() && i < QRT_MAX_RANK; ++i) d.dims[i] = spec.dims[i];
  d.sample_bytes = static_cast<uint32_t>(eval_tensor_bytes(spec));
  d.scale = spec.scale;
  d.zero_point = spec.zero_point;
  d.name = name;
  d.offset = offset;
  return d;
}

}  // namespace

size_t eval_tensor_bytes(const EvalTensorSpec& spec) {
  const uint32_t size = qrt_eval_dtype_size(spec.dtype);
  if (size == 0 || spec.dims.size() > QRT_MAX_RANK) return 0;
  size_t n = 1;
  for (int32_t d : spec.dims) {
    if (d < 1) return 0;
    n *= static_cast<size_t>(d);
  }
  return n * size;
}

void EvalSetWriter::set_task(qrt_eval_task task, uint32_t class_count, qrt_dtype label_dtype) {
  task_ = task;
  class_count_ = class_count;
  label_dtype_ = label_dtype;
}

uint32_t EvalSetWriter::add_data(const void* bytes, size_t size) {
  data_.resize(align16(data_.size()), 0);
  const uint32_t off = static_cast<uint32_t>(data_.size());
  const auto* p = static_cast<const uint8_t*>(bytes);
  data_.insert(data_.end(), p, p + size);
  return off;
}

void EvalSetWriter::add_sample_copy(const std::vector<const void*>& inputs) {
  std::vector<uint32_t> offsets;
  for (size_t i = 0; i < inputs.size() && i < inputs_.size(); ++i) {
    offsets.push_back(add_data(inputs[i], eval_tensor_bytes(inputs_[i])));
  }
  samples_.push_back(offsets);
}

void EvalSetWriter::add_reference(const std::vector<std::vector<float>>& outputs) {
  references_.resize(outputs_.size());
  for (size_t o = 0; o < outputs.size() && o < outputs_.size(); ++o) {
    references_[o].insert(references_[o].end(), outputs[o].begin(), outputs[o].end());
  }
  ++references_added_;
}

void EvalSetWriter::end_group() {
  const uint32_t n = static_cast<uint32_t>(samples_.size());
  groups_.push_back(qrt_eval_group{grouped_samples_, n - grouped_samples_});
  grouped_samples_ = n;
}

bool EvalSetWriter::finish(std::vector<uint8_t>* out, std::string* error) const {
  const uint32_t n = static_cast<uint32_t>(samples_.size());
  if (inputs_.empty() || n == 0) {
    *error = "an eval set needs at least one input tensor and one sample";
    return false;
  }
  for (const auto& s : samples_) {
    if (s.size() != inputs_.size()) {
      *error = "a sample has the wrong number of inputs";
      return false;
    }
  }
  if (!outputs_.empty() && references_added_ != n) {
    *error = "reference outputs given for " + std::to_string(references_added_) + " of " +
             std::to_string(n) + " samples";
    return false;
  }
  if (!groups_.empty() && grouped_samples_ != n) {
    *error = "samples added after the last group";
    return false;
  }
  const size_t units = groups_.empty() ? n : groups_.size();
  const size_t labels = label_dtype_ == QRT_DTYPE_INT32     ? int_labels_.size()
                        : label_dtype_ == QRT_DTYPE_FLOAT32 ? float_labels_.size()
                                                            : units;
  if (labels != units) {
    *error = std::to_string(labels) + " labels for " + std::to_string(units) + " units";
    return false;
  }

  std::vector<char> strings;
  const uint32_t set_name = intern(&strings, name_);
  std::vector<qrt_eval_tensor_desc> descs;
  for (const auto& spec : inputs_) descs.push_back(describe(spec, intern(&strings, spec.name), 0));
  std::vector<uint8_t> reference;
  for (size_t o = 0; o < outputs_.size(); ++o) {
    reference.resize(align16(reference.size()), 0);
    const uint32_t off = static_cast<uint32_t>(reference.size());
    EvalTensorSpec spec = outputs_[o];
    spec.dtype = QRT_DTYPE_FLOAT32;
    descs.push_back(describe(spec, intern(&strings, spec.name), off));
    const std::vector<float>& r = references_[o];
    if (r.size() * 4 != static_cast<size_t>(n) * eval_tensor_bytes(spec)) {
      *error = "reference output " + std::to_string(o) + " has the wrong number of values";
      return false;
    }
    const auto* p = reinterpret_cast<const uint8_t*>(r.data());
    reference.insert(reference.end(), p, p + r.size() * 4);
  }
  std::vector<uint32_t> offsets;
  for (const auto& s : samples_) offsets.insert(offsets.end(), s.begin(), s.end());

  struct Section {
    uint32_t kind;
    const void* data;
    size_t size;
    uint32_t count;
  };
  std::vector<Section> sections = {
      {QRT_EVAL_SECTION_TENSORS, descs.data(), descs.size() * sizeof(qrt_eval_tensor_desc),
       static_cast<uint32_t>(descs.size())},
      {QRT_EVAL_SECTION_SAMPLES, offsets.data(), offsets.size() * 4, n}};
  if (label_dtype_ == QRT_DTYPE_INT32) {
    sections.push_back({QRT_EVAL_SECTION_LABELS, int_labels_.data(), int_labels_.size() * 4,
                        static_cast<uint32_t>(units)});
  } else if (label_dtype_ == QRT_DTYPE_FLOAT32) {
    sections.push_back({QRT_EVAL_SECTION_LABELS, float_labels_.data(), float_labels_.size() * 4,
                        static_cast<uint32_t>(units)});
  }
  if (!groups_.empty()) {
    sections.push_back({QRT_EVAL_SECTION_GROUPS, groups_.data(),
                        groups_.size() * sizeof(qrt_eval_group),
                        static_cast<uint32_t>(groups_.size())});
  }
  sections.push_back({QRT_EVAL_SECTION_DATA, data_.data(), data_.size(), 0});
  if (!outputs_.empty()) {
    sections.push_back({QRT_EVAL_SECTION_REFERENCE, reference.data(), reference.size(), 0});
  }
  if (!strings.empty()) {
    sections.push_back({QRT_EVAL_SECTION_STRINGS, strings.data(), strings.size(), 0});
  }

  size_t pos = align16(sizeof(qrt_eval_set_header) + sections.size() * 16);
  std::vector<qrt_eval_section_entry> table;
  for (const Section& s : sections) {
    table.push_back(qrt_eval_section_entry{s.kind, static_cast<uint32_t>(pos),
                                           static_cast<uint32_t>(s.size), s.count});
    pos = align16(pos + s.size);
  }
  if (pos > 0xFFFFFFF0u) {
    *error = "eval set larger than 4 GiB";
    return false;
  }
  qrt_eval_set_header h;
  std::memset(&h, 0, sizeof h);
  h.magic = QRT_EVAL_SET_MAGIC;
  h.version_major = QRT_EVAL_SET_VERSION_MAJOR;
  h.version_minor = QRT_EVAL_SET_VERSION_MINOR;
  h.header_bytes = sizeof h;
  h.total_bytes = static_cast<uint32_t>(pos);
  h.section_count = static_cast<uint32_t>(sections.size());
  h.task = task_;
  h.sample_count = n;
  h.input_count = static_cast<uint32_t>(inputs_.size());
  h.output_count = static_cast<uint32_t>(outputs_.size());
  h.group_count = static_cast<uint32_t>(groups_.size());
  h.label_dtype = label_dtype_;
  h.class_count = class_count_;
  h.name = set_name;

  std::vector<uint8_t>& b = *out;
  b.assign(pos, 0);
  std::memcpy(b.data(), &h, sizeof h);
  std::memcpy(b.data() + sizeof h, table.data(), table.size() * 16);
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].size != 0) {
      std::memcpy(b.data() + table[i].offset, sections[i].data, sections[i].size);
    }
  }
  const uint32_t crc = qrt_crc32(0, b.data(), b.size());
  std::memcpy(b.data() + 16, &crc, 4);

  // The device reader decides what a valid set is.
  AlignedBytes aligned;
  aligned.assign(b.data(), b.size());
  qrt_eval_set set;
  qrt_error err{};
  const qrt_status st = qrt_eval_set_open(aligned.data(), aligned.size(), 0, &set, &err);
  if (st != QRT_OK) {
    *error = "the written set does not validate: " + describe_error(st, err);
    return false;
  }
  return true;
}

bool load_eval_set_file(const std::string& path, AlignedBytes* bytes, qrt_eval_set* set,
                        std::string* error) {
  std::vector<uint8_t> raw;
  if (!read_file_bytes(path, &raw, error, kMaxEvalSetFileBytes)) return false;
  bytes->assign(raw.data(), raw.size());
  qrt_error err{};
  const qrt_status st = qrt_eval_set_open(bytes->data(), bytes->size(), 0, set, &err);
  if (st != QRT_OK) {
    *error = path + ": " + describe_error(st, err);
    return false;
  }
  return true;
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
