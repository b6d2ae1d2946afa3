// Decodes Operator.builtin_options (schema.fbs union BuiltinOptions, slots 3 = type, 4 = table)
// into the TfliteBuiltinOptions member of the operator's builtin code. Field slots and defaults
// below follow schema.fbs; the union type values are the 1-based positions of the option tables
// in the union's declaration (Conv2DOptions = 1, ...), as in the generated schema header.
#include <string>

#include "tflite/flatbuffer_reader.h"
#include "tflite/tflite_model.h"
#include "tflite/tflite_read_context.h"

namespace qrt {
namespace tflite_detail {
namespace {

constexpr uint32_t kOpBuiltinOptionsType = 3;  // union: type in slot 3, table in slot 4

// BuiltinOptions union type values of the tables decoded here.
enum OptionsType : uint8_t {
  kOptionsNone = 0,
  kOptionsConv2d = 1,
  kOptionsDepthwiseConv2d = 2,
  kOptionsPool2d = 5,
  kOptionsSvdf = 6,
  kOptionsFullyConnected = 8,
  kOptionsSoftmax = 9,
  kOptionsConcatenation = 10,
  kOptionsAdd = 11,
  kOptionsResizeBilinear = 15,
  kOptionsReshape = 17,
  kOptionsGather = 23,
  kOptionsMul = 21,
  kOptionsReducer = 27,
  kOptionsSub = 28,
  kOptionsSqueeze = 30,
  kOptionsStridedSlice = 32,
  kOptionsSplit = 35,
  kOptionsTransposeConv = 49,
  kOptionsPack = 59,
  kOptionsUnpack = 64,
  kOptionsResizeNearestNeighbor = 74,
  kOptionsLeakyRelu = 75,
  kOptionsSplitV = 79,
  kOptionsUnidirectionalSequenceLstm = 71,
  kOptionsBatchMatMul = 101,
};

const char* options_name(uint8_t type) {
  switch (type) {
    case kOptionsConv2d: return "Conv2DOptions";
    case kOptionsDepthwiseConv2d: return "DepthwiseConv2DOptions";
    case kOptionsPool2d: return "Pool2DOptions";
    case kOptionsSvdf: return "SVDFOptions";
    case kOptionsUnidirectionalSequenceLstm: return "UnidirectionalSequenceLSTMOptions";
    case kOptionsFullyConnected: return "FullyConnectedOptions";
    case kOptionsSoftmax: return "SoftmaxOptions";
    case kOptionsConcatenation: return "ConcatenationOptions";
    case kOptionsAdd: return "AddOptions";
    case kOptionsReshape: return "ReshapeOptions";
    case kOptionsMul: return "MulOptions";
    case kOptionsReducer: return "ReducerOptions";
    case kOptionsSub: return "SubOptions";
    case kOptionsSqueeze: return "SqueezeOptions";
    case kOptionsStridedSlice: return "StridedSliceOptions";
    case kOptionsTransposeConv: return "TransposeConvOptions";
    case kOptionsLeakyRelu: return "LeakyReluOptions";
    case kOptionsSplit: return "SplitOptions";
    case kOptionsGather: return "GatherOptions";
    case kOptionsSplitV: return "SplitVOptions";
    case kOptionsUnpack: return "UnpackOptions";
    case kOptionsResizeBilinear: return "ResizeBilinearOptions";
    case kOptionsResizeNearestNeighbor: return "ResizeNearestNeighborOptions";
    case kOptionsPack: return "PackOptions";
    case kOptionsBatchMatMul: return "BatchMatMulOptions";
    default: return "another options table";
  }
}

// The options table an op's builtin code is decoded from, or kOptionsNone for ops whose options
// are not decoded here (no options at all, like RELU, or ops qrt does not import).
uint8_t expected_options(int32_t builtin_code) {
  switch (builtin_code) {
    case kTfliteOpConv2d: return kOptionsConv2d;
    case kTfliteOpDepthwiseConv2d: return kOptionsDepthwiseConv2d;
    case kTfliteOpAveragePool2d:
    case kTfliteOpMaxPool2d: return kOptionsPool2d;
    case kTfliteOpFullyConnected: return kOptionsFullyConnected;
    case kTfliteOpSoftmax: return kOptionsSoftmax;
    case kTfliteOpConcatenation: return kOptionsConcatenation;
    case kTfliteOpAdd: return kOptionsAdd;
    case kTfliteOpReshape: return kOptionsReshape;
    case kTfliteOpMul: return kOptionsMul;
    case kTfliteOpMean: return kOptionsReducer;
    case kTfliteOpSub: return kOptionsSub;
    case kTfliteOpSqueeze: return kOptionsSqueeze;
    case kTfliteOpStridedSlice: return kOptionsStridedSlice;
    case kTfliteOpTransposeConv: return kOptionsTransposeConv;
    case kTfliteOpLeakyRelu: return kOptionsLeakyRelu;
    case kTfliteOpSplit: return kOptionsSplit;
    case kTfliteOpGather: return kOptionsGather;
    case kTfliteOpSplitV: return kOptionsSplitV;
    case kTfliteOpUnpack: return kOptionsUnpack;
    case kTfliteOpResizeBilinear: return kOptionsResizeBilinear;
    case kTfliteOpResizeNearestNeighbor: return kOptionsResizeNearestNeighbor;
    case kTfliteOpPack: return kOptionsPack;
    case kTfliteOpBatchMatMul: return kOptionsBatchMatMul;
    case kTfliteOpSvdf: return kOptionsSvdf;
    case kTfliteOpUnidirectionalSequenceLstm: return kOptionsUnidirectionalSequenceLstm;
    default: return kOptionsNone;
  }
}

// Reads the options table's fields, keeping the first failure for one message.
class OptionsReader {
 public:
  OptionsReader(ReadContext* ctx, const fb::Table& table, const Where& where)
      : ctx_(ctx), table_(table), where_(where) {}

  template <typename T>
  T scalar(uint32_t field, T default_value) {
    T value = default_value;
    if (ok_ && !fb::read_scalar<T>(&ctx_->reader, table_, field, default_value, &value)) {
      ok_ = fail_read(ctx_, where_, "builtin_options");
    }
    return value;
  }

  // An enum stored as a schema `byte`: must be in [0, count).
  uint8_t enumeration(uint32_t field, int8_t count, const char* name) {
    const int8_t v = scalar<int8_t>(field, 0);
    if (ok_ && (v < 0 || v >= count)) {
      ok_ = fail_check(ctx_, where_, std::string("unknown ") + name + " " + std::to_string(v));
    }
    return ok_ ? static_cast<uint8_t>(v) : 0;
  }

  TflitePadding padding(uint32_t field) {
    return static_cast<TflitePadding>(enumeration(field, 2, "padding"));
  }
  TfliteActivation activation(uint32_t field) {
    return static_cast<TfliteActivation>(enumeration(field, 6, "fused activation"));
  }
  TfliteType type(uint32_t field) {
    return static_cast<TfliteType>(enumeration(field, kTfliteTypeCount, "tensor type"));
  }

  std::vector<int32_t> int32s(uint32_t field, bool* present) {
    std::vector<int32_t> v;
    if (ok_) ok_ = read_int32s(ctx_, table_, field, where_, "builtin_options", &v, present);
    return v;
  }

  bool ok() const { return ok_; }

 private:
  ReadContext* ctx_;
  fb::Table table_;
  Where where_;
  bool ok_ = true;
};

bool decode(OptionsReader* in, int32_t code, TfliteBuiltinOptions* o) {
  bool present = false;
  switch (code) {
    case kTfliteOpConv2d: {
      TfliteConv2dOptions& c = o->conv_2d;
      c.padding = in->padding(0);
      c.stride_w = in->scalar<int32_t>(1, 0);
      c.stride_h = in->scalar<int32_t>(2, 0);
      c.activation = in->activation(3);
      c.dilation_w = in->scalar<int32_t>(4, 1);
      c.dilation_h = in->scalar<int32_t>(5, 1);
      c.quantized_bias_type = in->type(6);
      break;
    }
    case kTfliteOpDepthwiseConv2d: {
      TfliteDepthwiseConv2dOptions& c = o->depthwise_conv_2d;
      c.padding = in->padding(0);
      c.stride_w = in->scalar<int32_t>(1, 0);
      c.stride_h = in->scalar<int32_t>(2, 0);
      c.depth_multiplier = in->scalar<int32_t>(3, 0);
      c.activation = in->activation(4);
      c.dilation_w = in->scalar<int32_t>(5, 1);
      c.dilation_h = in->scalar<int32_t>(6, 1);
      break;
    }
    case kTfliteOpAveragePool2d:
    case kTfliteOpMaxPool2d: {
      TflitePool2dOptions& p = o->pool_2d;
      p.padding = in->padding(0);
      p.stride_w = in->scalar<int32_t>(1, 0);
      p.stride_h = in->scalar<int32_t>(2, 0);
      p.filter_w = in->scalar<int32_t>(3, 0);
      p.filter_h = in->scalar<int32_t>(4, 0);
      p.activation = in->activation(5);
      break;
    }
    case kTfliteOpFullyConnected: {
      TfliteFullyConnectedOptions& f = o->fully_connected;
      f.activation = in->activation(0);
      f.weights_format = static_cast<TfliteWeightsFormat>(in->enumeration(1, 2, "weights_format"));
      f.keep_num_dims = in->scalar<bool>(2, false);
      f.asymmetric_quantize_inputs = in->scalar<bool>(3, false);
      f.quantized_bias_type = in->type(4);
      break;
    }
    case kTfliteOpSoftmax:
      o->softmax.beta = in->scalar<float>(0, 0.0f);
      break;
    case kTfliteOpConcatenation:
      o->concatenation.axis = in->scalar<int32_t>(0, 0);
      o->concatenation.activation = in->activation(1);
      break;
    case kTfliteOpAdd:
      o->add.activation = in->activation(0);
      o->add.pot_scale_int16 = in->scalar<bool>(1, true);
      break;
    case kTfliteOpSub:
      o->sub.activation = in->activation(0);
      o->sub.pot_scale_int16 = in->scalar<bool>(1, true);
      break;
    case kTfliteOpMul:
      o->mul.activation = in->activation(0);
      break;
    case kTfliteOpReshape:
      o->reshape.new_shape = in->int32s(0, &present);
      o->reshape.has_new_shape = present;
      break;
    case kTfliteOpMean:
      o->reducer.keep_dims = in->scalar<bool>(0, false);
      break;
    case kTfliteOpSqueeze:
      o->squeeze.squeeze_dims = in->int32s(0, &present);
      break;
    case kTfliteOpTransposeConv: {
      TfliteTransposeConvOptions& t = o->transpose_conv;
      t.padding = in->padding(0);
      t.stride_w = in->scalar<int32_t>(1, 0);
      t.stride_h = in->scalar<int32_t>(2, 0);
      t.activation = in->activation(3);
      break;
    }
    case kTfliteOpSplit:
    case kTfliteOpSplitV:
      o->split.num_splits = in->scalar<int32_t>(0, 0);
      break;
    case kTfliteOpGather:
      o->gather.axis = in->scalar<int32_t>(0, 0);
      o->gather.batch_dims = in->scalar<int32_t>(1, 0);
      break;
    case kTfliteOpUnpack:
      o->unpack.num = in->scalar<int32_t>(0, 0);
      o->unpack.axis = in->scalar<int32_t>(1, 0);
      break;
    case kTfliteOpLeakyRelu:
      o->leaky_relu.alpha = in->scalar<float>(0, 0.0f);
      break;
    case kTfliteOpResizeBilinear:  // slots 0 and 1 are the deprecated new_height / new_width
      o->resize.align_corners = in->scalar<bool>(2, false);
      o->resize.half_pixel_centers = in->scalar<bool>(3, false);
      break;
    case kTfliteOpResizeNearestNeighbor:
      o->resize.align_corners = in->scalar<bool>(0, false);
      o->resize.half_pixel_centers = in->scalar<bool>(1, false);
      break;
    case kTfliteOpPack:
      o->pack.values_count = in->scalar<int32_t>(0, 0);
      o->pack.axis = in->scalar<int32_t>(1, 0);
      break;
    case kTfliteOpUnidirectionalSequenceLstm:
      o->lstm.activation = in->activation(0);
      o->lstm.cell_clip = in->scalar<float>(1, 0.0f);
      o->lstm.proj_clip = in->scalar<float>(2, 0.0f);
      o->lstm.time_major = in->scalar<bool>(3, false);
      o->lstm.asymmetric_quantize_inputs = in->scalar<bool>(4, false);
      o->lstm.diagonal_recurrent_tensors = in->scalar<bool>(5, false);
      break;
    case kTfliteOpSvdf:
      o->svdf.rank = in->scalar<int32_t>(0, 0);
      o->svdf.activation = in->activation(1);
      break;
    case kTfliteOpBatchMatMul:
      o->batch_matmul.adj_x = in->scalar<bool>(0, false);
      o->batch_matmul.adj_y = in->scalar<bool>(1, false);
      break;
    case kTfliteOpStridedSlice: {
      TfliteStridedSliceOptions& s = o->strided_slice;
      s.begin_mask = in->scalar<int32_t>(0, 0);
      s.end_mask = in->scalar<int32_t>(1, 0);
      s.ellipsis_mask = in->scalar<int32_t>(2, 0);
      s.new_axis_mask = in->scalar<int32_t>(3, 0);
      s.shrink_axis_mask = in->scalar<int32_t>(4, 0);
      s.offset = in->scalar<bool>(5, false);
      break;
    }
    default:
      break;
  }
  return in->ok();
}

}  // namespace

bool read_builtin_options(ReadContext* ctx, const fb::Table& op_table, const Where& where,
                          TfliteOperator* op) {
  uint8_t type = 0;
  fb::Table table;
  if (!fb::read_union(&ctx->reader, op_table, kOpBuiltinOptionsType, &type, &table)) {
    return fail_read(ctx, where, "builtin_options");
  }
  op->builtin_options_type = type;
  op->has_builtin_options = table.present;
  const uint8_t expected = expected_options(op->builtin_code);
  if (expected == kOptionsNone) return true;  // not decoded; TFLite ignores stray options too
  if (type != kOptionsNone && type != expected) {
    return fail_check(ctx, where,
                      "builtin_options type " + std::to_string(type) + " (" + options_name(type) +
                          ") does not match the op, which takes " + options_name(expected));
  }
  // An absent table (type NONE, or a type without a value) decodes to the schema defaults, as
  // fb::field_position reports every field of an absent table as absent.
  OptionsReader in(ctx, table, where);
  return decode(&in, op->builtin_code, &op->options);
}

}  // namespace tflite_detail
}  // namespace qrt
