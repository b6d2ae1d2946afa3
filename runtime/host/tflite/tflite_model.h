// A .tflite model read into plain host-side structs (host-only; the converter to a .qrt blob
// consumes this). No flatbuffers dependency: the file is walked with the bounds-checked reader in
// flatbuffer_reader.h, and every field index below follows tensorflow/lite/schema/schema.fbs.
//
// The input is untrusted: read_tflite() returns false with a message that says what and where
// ("operator 3 (CONV_2D): inputs: vector out of bounds at byte 1234") for any malformed or
// unsupported file, and never reads outside [data, data + size), throws, aborts or hangs.
//
// Scope: schema version 3, one subgraph, buffers stored inside the flatbuffer (not the > 2 GiB
// external offset/size form), dense tensors (no sparsity), affine quantization (no custom
// quantization). Builtin options are decoded for the ops qrt imports (see TfliteBuiltinOptions);
// other ops are still read (code, tensors, raw options type) so the converter can name them in
// an "unsupported op" message.
#ifndef QRT_RUNTIME_HOST_TFLITE_TFLITE_MODEL_H
#define QRT_RUNTIME_HOST_TFLITE_TFLITE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

namespace qrt {

// schema.fbs TensorType.
enum TfliteType : int8_t {
  kTfliteFloat32 = 0,
  kTfliteFloat16 = 1,
  kTfliteInt32 = 2,
  kTfliteUInt8 = 3,
  kTfliteInt64 = 4,
  kTfliteString = 5,
  kTfliteBool = 6,
  kTfliteInt16 = 7,
  kTfliteComplex64 = 8,
  kTfliteInt8 = 9,
  kTfliteFloat64 = 10,
  kTfliteComplex128 = 11,
  kTfliteUInt64 = 12,
  kTfliteResource = 13,
  kTfliteVariant = 14,
  kTfliteUInt32 = 15,
  kTfliteUInt16 = 16,
  kTfliteInt4 = 17,
};
constexpr int kTfliteTypeCount = 18;  // values 0 .. 17; anything else is rejected by read_tflite

// Upper-case schema name of a type ("INT8"), or "UNKNOWN" outside 0 .. 17.
const char* tflite_type_name(TfliteType type);

// Bits per element: 4 for INT4 (two per byte, packed), 0 for STRING, RESOURCE and VARIANT (no
// fixed size), else 8 * the element size.
uint32_t tflite_type_bits(TfliteType type);

// schema.fbs BuiltinOperator values of the ops whose options this reader decodes, and a few
// more that messages and tests refer to. tflite_builtin_name() names every code of the schema.
enum TfliteBuiltinOperator : int32_t {
  kTfliteOpAdd = 0,
  kTfliteOpAveragePool2d = 1,
  kTfliteOpConcatenation = 2,
  kTfliteOpConv2d = 3,
  kTfliteOpDepthwiseConv2d = 4,
  kTfliteOpDequantize = 6,
  kTfliteOpFullyConnected = 9,
  kTfliteOpLogistic = 14,
  kTfliteOpMaxPool2d = 17,
  kTfliteOpMul = 18,
  kTfliteOpRelu = 19,
  kTfliteOpRelu6 = 21,
  kTfliteOpReshape = 22,
  kTfliteOpResizeBilinear = 23,
  kTfliteOpSoftmax = 25,
  kTfliteOpSvdf = 27,
  kTfliteOpTanh = 28,
  kTfliteOpCustom = 32,
  kTfliteOpPad = 34,
  kTfliteOpPrelu = 54,
  kTfliteOpGather = 36,
  kTfliteOpTranspose = 39,
  kTfliteOpMean = 40,
  kTfliteOpSub = 41,
  kTfliteOpSqueeze = 43,
  kTfliteOpUnidirectionalSequenceLstm = 44,
  kTfliteOpStridedSlice = 45,
  kTfliteOpSplit = 49,
  kTfliteOpSlice = 65,
  kTfliteOpMaximum = 55,
  kTfliteOpMinimum = 57,
  kTfliteOpTransposeConv = 67,
  kTfliteOpPack = 83,
  kTfliteOpUnpack = 88,
  kTfliteOpResizeNearestNeighbor = 97,
  kTfliteOpLeakyRelu = 98,
  kTfliteOpSquaredDifference = 99,
  kTfliteOpSplitV = 102,
  kTfliteOpQuantize = 114,
  kTfliteOpHardSwish = 117,
  kTfliteOpBatchMatMul = 126,
};

// Schema name of a builtin operator code ("CONV_2D"), or "UNKNOWN" for a code the schema (as of
// REDUCE_WINDOW = 205) does not define.
const char* tflite_builtin_name(int32_t code);

// schema.fbs Padding.
enum TflitePadding : uint8_t {
  kTflitePaddingSame = 0,
  kTflitePaddingValid = 1,
};

// schema.fbs ActivationFunctionType (the fused activation of an op).
enum TfliteActivation : uint8_t {
  kTfliteActNone = 0,
  kTfliteActRelu = 1,
  kTfliteActReluN1To1 = 2,
  kTfliteActRelu6 = 3,
  kTfliteActTanh = 4,
  kTfliteActSignBit = 5,
};

// schema.fbs FullyConnectedOptionsWeightsFormat.
enum TfliteWeightsFormat : uint8_t {
  kTfliteWeightsDefault = 0,
  kTfliteWeightsShuffled4x16Int8 = 1,
};

// Decoded builtin options. Member defaults are the schema defaults, which apply when the options
// table or one of its fields is absent. The reader checks enum fields are in range; it does not
// judge values (a stride of 0 is passed through for the converter to reject).
struct TfliteConv2dOptions {  // CONV_2D (Conv2DOptions)
  TflitePadding padding = kTflitePaddingSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  TfliteActivation activation = kTfliteActNone;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
  // 0 (FLOAT32, the schema default) means "not set": int32 bias for int8, int64 for int16.
  TfliteType quantized_bias_type = kTfliteFloat32;
};

struct TfliteDepthwiseConv2dOptions {  // DEPTHWISE_CONV_2D (DepthwiseConv2DOptions)
  TflitePadding padding = kTflitePaddingSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  int32_t depth_multiplier = 0;  // redundant with the shapes; newer TFLite ignores it
  TfliteActivation activation = kTfliteActNone;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
};

struct TflitePool2dOptions {  // AVERAGE_POOL_2D, MAX_POOL_2D (Pool2DOptions)
  TflitePadding padding = kTflitePaddingSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  int32_t filter_w = 0;
  int32_t filter_h = 0;
  TfliteActivation activation = kTfliteActNone;
};

struct TfliteFullyConnectedOptions {  // FULLY_CONNECTED (FullyConnectedOptions)
  TfliteActivation activation = kTfliteActNone;
  TfliteWeightsFormat weights_format = kTfliteWeightsDefault;
  bool keep_num_dims = false;
  bool asymmetric_quantize_inputs = false;
  TfliteType quantized_bias_type = kTfliteFloat32;  // as in TfliteConv2dOptions
};

struct TfliteSoftmaxOptions {  // SOFTMAX (SoftmaxOptions)
  float beta = 0.0f;  // the schema default really is 0; converters always write it (usually 1)
};

struct TfliteConcatenationOptions {  // CONCATENATION (ConcatenationOptions)
  int32_t axis = 0;  // may be negative (counts from the last dimension)
  TfliteActivation activation = kTfliteActNone;
};

struct TfliteAddOptions {  // ADD (AddOptions)
  TfliteActivation activation = kTfliteActNone;
  bool pot_scale_int16 = true;
};

struct TfliteMulOptions {  // MUL (MulOptions)
  TfliteActivation activation = kTfliteActNone;
};

struct TfliteReshapeOptions {  // RESHAPE (ReshapeOptions)
  // When has_new_shape is false, the target shape is the constant second input tensor; TFLite
  // also prefers that tensor over new_shape whenever it is a 1-D int32 tensor. new_shape may
  // hold one -1 (a dimension inferred from the element count).
  bool has_new_shape = false;
  std::vector<int32_t> new_shape;
};

struct TfliteReducerOptions {  // MEAN (ReducerOptions); the axes are the second input tensor
  bool keep_dims = false;
};

struct TfliteStridedSliceOptions {  // STRIDED_SLICE (StridedSliceOptions)
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;  // end values are offsets from begin
};

struct TfliteTransposeConvOptions {  // TRANSPOSE_CONV (TransposeConvOptions)
  TflitePadding padding = kTflitePaddingSame;
  int32_t stride_w = 0, stride_h = 0;
  TfliteActivation activation = kTfliteActNone;
};

struct TfliteSplitOptions {  // SPLIT (SplitOptions), SPLIT_V (SplitVOptions)
  int32_t num_splits = 0;
};

struct TfliteUnpackOptions {  // UNPACK (UnpackOptions)
  int32_t num = 0;
  int32_t axis = 0;
};

struct TfliteGatherOptions {  // GATHER (GatherOptions)
  int32_t axis = 0;
  int32_t batch_dims = 0;
};

struct TfliteLeakyReluOptions {  // LEAKY_RELU (LeakyReluOptions)
  float alpha = 0.0f;
};

struct TfliteResizeOptions {  // RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR
  bool align_corners = false;
  bool half_pixel_centers = false;
};

struct TflitePackOptions {  // PACK (PackOptions)
  int32_t values_count = 0;
  int32_t axis = 0;
};

struct TfliteBatchMatMulOptions {  // BATCH_MATMUL (BatchMatMulOptions)
  bool adj_x = false;
  bool adj_y = false;
};

struct TfliteSvdfOptions {  // SVDF (SVDFOptions)
  int32_t rank = 0;
  TfliteActivation activation = kTfliteActNone;
};

struct TfliteLstmOptions {  // UNIDIRECTIONAL_SEQUENCE_LSTM (UnidirectionalSequenceLSTMOptions)
  TfliteActivation activation = kTfliteActNone;  // the cell gate's
  float cell_clip = 0.0f;
  float proj_clip = 0.0f;
  bool time_major = false;
  bool asymmetric_quantize_inputs = false;
  bool diagonal_recurrent_tensors = false;
};

struct TfliteSqueezeOptions {  // SQUEEZE (SqueezeOptions); empty = squeeze every size-1 dim
  std::vector<int32_t> squeeze_dims;
};

// One member per decoded options table; read_tflite fills only the member that belongs to the
// operator's builtin_code and leaves the others at their defaults. PAD, LOGISTIC, TANH, RELU,
// RELU6, QUANTIZE and DEQUANTIZE have no options.
struct TfliteBuiltinOptions {
  TfliteConv2dOptions conv_2d;
  TfliteDepthwiseConv2dOptions depthwise_conv_2d;
  TflitePool2dOptions pool_2d;
  TfliteFullyConnectedOptions fully_connected;
  TfliteSoftmaxOptions softmax;
  TfliteConcatenationOptions concatenation;
  TfliteAddOptions add;
  TfliteAddOptions sub;  // SUB (SubOptions): the same fields
  TfliteMulOptions mul;
  TfliteReshapeOptions reshape;
  TfliteReducerOptions reducer;
  TfliteSqueezeOptions squeeze;
  TfliteStridedSliceOptions strided_slice;
  TfliteLeakyReluOptions leaky_relu;
  TfliteSplitOptions split;  // SPLIT and SPLIT_V
  TfliteUnpackOptions unpack;
  TfliteGatherOptions gather;
  TfliteTransposeConvOptions transpose_conv;
  TfliteResizeOptions resize;  // both resize operators
  TflitePackOptions pack;
  TfliteBatchMatMulOptions batch_matmul;
  TfliteSvdfOptions svdf;
  TfliteLstmOptions lstm;
};

struct TfliteTensor {
  std::string name;
  TfliteType type = kTfliteFloat32;
  std::vector<int32_t> shape;            // every dim >= 0; empty for a scalar
  std::vector<int32_t> shape_signature;  // empty when absent; -1 marks a dynamic dim
  uint64_t element_count = 1;            // product of shape, <= INT32_MAX
  uint32_t buffer_index = 0;             // index into the model's buffers (0 = the empty one)
  // Constant data, pointing into the caller's buffer (unaligned in general), or nullptr with
  // data_bytes 0 for a tensor without data (activations, inputs, outputs). For fixed-size types
  // data_bytes == element_count * bits / 8 (INT4: (element_count + 1) / 2) is checked.
  const uint8_t* data = nullptr;
  size_t data_bytes = 0;
  // Affine quantization, real = scale * (q - zero_point). Both empty when the tensor is not
  // quantized (TFLite ignores the parameters unless both vectors are present and non-empty);
  // otherwise they have the same count, and a count > 1 means per-channel along
  // quantized_dimension. quantized_dimension is passed through as written: it can exceed the
  // rank (person_detect's rank-1 biases carry their filter's dimension 3). When it is < rank,
  // shape[quantized_dimension] == count is checked.
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int32_t quantized_dimension = 0;
  std::vector<float> min;  // calibration range, informational (often absent)
  std::vector<float> max;
  bool is_variable = false;
};

struct TfliteOperator {
  // Effective code: max(deprecated_builtin_code, builtin_code) of its OperatorCode, as TFLite's
  // GetBuiltinCode computes it (the int8 field saturates at 127 for newer ops). Always >= 0.
  int32_t builtin_code = 0;
  std::string custom_code;  // name of a CUSTOM (32) op; empty otherwise
  int32_t version = 1;      // operator version (schema default 1)
  uint32_t opcode_index = 0;
  // Tensor indices into TfliteModel::tensors; -1 marks an omitted optional tensor (TFLite allows
  // it in outputs too). Every other value is checked to be a valid index.
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<int32_t> intermediates;  // usually empty (LSTM-style ops)
  uint8_t builtin_options_type = 0;    // raw schema BuiltinOptions union type, 0 = NONE
  bool has_builtin_options = false;    // an options table was present (else defaults apply)
  TfliteBuiltinOptions options;        // the member for builtin_code is filled
  // Raw custom options (a flexbuffer, for CUSTOM ops), pointing into the caller's buffer.
  const uint8_t* custom_options = nullptr;
  size_t custom_options_bytes = 0;
};

struct TfliteModel {
  uint32_t schema_version = 0;  // always 3 after a successful read
  std::string description;      // e.g. "MLIR Converted."
  std::string subgraph_name;    // often "main" or empty
  std::vector<TfliteTensor> tensors;
  std::vector<TfliteOperator> operators;  // in execution order
  std::vector<int32_t> inputs;            // graph input tensor indices (valid, never -1)
  std::vector<int32_t> outputs;           // graph output tensor indices (valid, never -1)
  uint32_t buffer_count = 0;
  uint32_t operator_code_count = 0;
};

// Reads the TFLite flatbuffer [data, data + size) into *out (replacing its contents). The data is
// not copied: tensor data and custom options point into it, so the caller keeps the buffer alive
// and unchanged while *out is used. Returns true on success; on failure returns false, sets
// *error (when error is not null) to a message naming what failed and where, and leaves *out in
// an unspecified but valid state. Work and memory are O(size).
bool read_tflite(const uint8_t* data, size_t size, TfliteModel* out, std::string* error);

}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_TFLITE_TFLITE_MODEL_H
