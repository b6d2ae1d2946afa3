// Host writer of evaluation sets (models/formats/EVAL-SET.md). The device reader
// (runtime/accept/include/qrt/eval_set.h) is the reference for what a valid set is: finish()
// serializes and then opens the result with that reader, so a writer bug cannot produce a file
// the device would reject.
#ifndef QRT_RUNTIME_HOST_ACCEPT_EVAL_SET_WRITER_H
#define QRT_RUNTIME_HOST_ACCEPT_EVAL_SET_WRITER_H

#include <stdint.h>

#include <string>
#include <vector>

#include "blob_writer.h"
#include "qrt/eval_set.h"

namespace qrt {
namespace host {
namespace accept {

// One input (or reference output) tensor of every sample.
struct EvalTensorSpec {
  qrt_dtype dtype = QRT_DTYPE_INT8;
  std::vector<int32_t> dims;  // per sample, batch 1 included: {1, 32, 32, 3}
  float scale = 0.0f;         // 0 = not quantized
  int32_t zero_point = 0;
  std::string name;
};

class EvalSetWriter {
 public:
  // Task, class count (classification only) and label type (0, QRT_DTYPE_INT32, FLOAT32).
  void set_task(qrt_eval_task task, uint32_t class_count, qrt_dtype label_dtype);
  void set_name(const std::string& name) { name_ = name; }

  // Declare the tensors before adding samples. Reference outputs are float32.
  void add_input(const EvalTensorSpec& spec) { inputs_.push_back(spec); }
  void add_reference_output(const EvalTensorSpec& spec) { outputs_.push_back(spec); }

  // Appends bytes to DATA at a 16-byte aligned offset and returns the offset. Samples may point
  // anywhere into blocks added this way (overlapping windows share one block).
  uint32_t add_data(const void* bytes, size_t size);
  // A sample whose input i starts at DATA offset offsets[i].
  void add_sample(const std::vector<uint32_t>& offsets) { samples_.push_back(offsets); }
  // A sample with its own copy of each input's bytes (one pointer per input, sample_bytes each).
  void add_sample_copy(const std::vector<const void*>& inputs);
  // Reference outputs of the next sample that has none yet: one vector per declared output.
  void add_reference(const std::vector<std::vector<float>>& outputs);

  // Labels, one per unit (a sample, or a group when groups are used), in unit order.
  void add_label_class(int32_t label) { int_labels_.push_back(label); }
  void add_label_value(float value) { float_labels_.push_back(value); }
  // Closes a group made of the samples added since the previous group.
  void end_group();

  uint32_t sample_count() const { return static_cast<uint32_t>(samples_.size()); }

  // Serializes (CRC included) and checks the result with the device reader.
  bool finish(std::vector<uint8_t>* out, std::string* error) const;

 private:
  qrt_eval_task task_ = QRT_EVAL_TASK_NONE;
  uint32_t class_count_ = 0;
  qrt_dtype label_dtype_ = static_cast<qrt_dtype>(0);
  std::string name_;
  std::vector<EvalTensorSpec> inputs_, outputs_;
  std::vector<uint8_t> data_;
  std::vector<std::vector<uint32_t>> samples_;
  std::vector<std::vector<float>> references_;  // per output: all samples concatenated
  uint32_t references_added_ = 0;
  std::vector<int32_t> int_labels_;
  std::vector<float> float_labels_;
  std::vector<qrt_eval_group> groups_;
  uint32_t grouped_samples_ = 0;
};

// Bytes of one sample of a tensor spec (0 for an unsupported dtype or a bad shape).
size_t eval_tensor_bytes(const EvalTensorSpec& spec);

// Reads a set file into 16-byte aligned memory and opens it with the device reader.
bool load_eval_set_file(const std::string& path, AlignedBytes* bytes, qrt_eval_set* set,
                        std::string* error);

}  // namespace accept
}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_ACCEPT_EVAL_SET_WRITER_H
