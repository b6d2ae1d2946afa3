#include "small_cnn_export.h"

#include <float.h>
#include <string.h>

#include "blob_writer.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace models {

const char* const kFashionClassNames =
    "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot";

namespace {

using host::BlobWriter;
using host::OperatorSpec;
using host::TensorSpec;

template <typename T>
std::vector<uint8_t> bytes_of(const T* values, size_t count) {
  std::vector<uint8_t> out(count * sizeof(T));
  if (count > 0) memcpy(out.data(), values, out.size());
  return out;
}

int32_t add_activation(BlobWriter* w, const std::string& name, qrt_dtype dtype,
                       std::vector<int32_t> shape, const ActivationQuant* quant) {
  TensorSpec s;
  s.name = name;
  s.dtype = dtype;
  s.shape = std::move(shape);
  s.kind = format::kTensorActivation;
  if (quant != nullptr) {
    s.quant_kind = QRT_QUANT_PER_TENSOR;
    s.scales = {quant->scale};
    s.zero_points = {quant->zero_point};
  }
  return w->add_tensor(std::move(s));
}

// A constant tensor; per-channel quantization along axis 0 when `scales` is non-empty.
int32_t add_constant(BlobWriter* w, const std::string& name, qrt_dtype dtype,
                     std::vector<int32_t> shape, std::vector<uint8_t> data,
                     const std::vector<float>& scales) {
  TensorSpec s;
  s.name = name;
  s.dtype = dtype;
  s.shape = std::move(shape);
  s.kind = format::kTensorConstant;
  s.data = std::move(data);
  if (!scales.empty()) {
    s.quant_kind = QRT_QUANT_PER_CHANNEL;
    s.quant_axis = 0;
    s.scales = scales;
    s.zero_points.assign(scales.size(), 0);
  }
  return w->add_tensor(std::move(s));
}

void add_metadata(BlobWriter* w, const ExportInfo& info, const char* variant) {
  w->add_metadata("producer", info.producer);
  w->add_metadata("description", info.description);
  w->add_metadata("variant", variant);
  w->add_metadata("classes", kFashionClassNames);
  w->add_metadata("input", "28x28 grayscale, real value = pixel / 255 (int8: pixel - 128)");
  w->add_metadata("output", "logits of the 10 classes; top-1 = argmax");
}

bool finish(const BlobWriter& w, std::vector<uint8_t>* blob, std::string* error) {
  host::PlanStats stats;
  return w.finish(blob, &stats, error);
}

// Float32 clamps of TFLite's CalculateActivationRange.
ConvParams float_conv_params() {
  ConvParams p{};
  p.stride_h = p.stride_w = kConvStride;
  p.dilation_h = p.dilation_w = 1;
  p.pad_top = p.pad_left = kConvPadBefore;
  p.depth_multiplier = 1;
  p.float_act_min = 0.0f;      // RELU
  p.float_act_max = FLT_MAX;
  p.channel_count = 0;
  return p;
}

}  // namespace

bool build_int8_blob(const QuantizedSmallCnn& q, const ExportInfo& info, std::vector<uint8_t>* blob,
                     std::string* error) {
  BlobWriter w;
  const int32_t image = add_activation(&w, "image", QRT_DTYPE_INT8, {1, kImageSide, kImageSide, 1}, &q.input);
  const int32_t c1w = add_constant(&w, "conv1/weights", QRT_DTYPE_INT8,
                                   {kConv1Channels, kKernelSide, kKernelSide, 1},
                                   q.conv1.weights.data, q.conv1.weights.scales);
  const int32_t c1b = add_constant(&w, "conv1/bias", QRT_DTYPE_INT32, {kConv1Channels},
                                   bytes_of(q.conv1.bias.data(), q.conv1.bias.size()), q.conv1.bias_scales);
  const int32_t c1 = add_activation(&w, "conv1/relu", QRT_DTYPE_INT8,
                                    {1, kConv1Side, kConv1Side, kConv1Channels}, &q.conv1_out);
  const int32_t c2w = add_constant(&w, "conv2/weights", QRT_DTYPE_INT8,
                                   {kConv2Channels, kKernelSide, kKernelSide, kConv1Channels},
                                   q.conv2.weights.data, q.conv2.weights.scales);
  const int32_t c2b = add_constant(&w, "conv2/bias", QRT_DTYPE_INT32, {kConv2Channels},
                                   bytes_of(q.conv2.bias.data(), q.conv2.bias.size()), q.conv2.bias_scales);
  const int32_t c2 = add_activation(&w, "conv2/relu", QRT_DTYPE_INT8,
                                    {1, kConv2Side, kConv2Side, kConv2Channels}, &q.conv2_out);
  const int32_t fw = add_constant(&w, "fc/weights", QRT_DTYPE_INT8, {kClassCount, kFlatDepth},
                                  q.fc.weights.data, q.fc.weights.scales);
  const int32_t fb = add_constant(&w, "fc/bias", QRT_DTYPE_INT32, {kClassCount},
                                  bytes_of(q.fc.bias.data(), q.fc.bias.size()), q.fc.bias_scales);
  const int32_t logits = add_activation(&w, "logits", QRT_DTYPE_INT8, {1, kClassCount}, &q.logits);

  // Parameter blocks followed by the per-channel multipliers, then the shifts.
  auto requant_tail = [](const std::vector<int32_t>& m, const std::vector<int32_t>& s) {
    std::vector<int32_t> tail(m);
    tail.insert(tail.end(), s.begin(), s.end());
    return tail;
  };
  w.add_operator(OperatorSpec{kOpConv2d, {image, c1w, c1b}, {c1},
                              host::params_bytes(q.conv1.params, requant_tail(q.conv1.multipliers, q.conv1.shifts))});
  w.add_operator(OperatorSpec{kOpConv2d, {c1, c2w, c2b}, {c2},
                              host::params_bytes(q.conv2.params, requant_tail(q.conv2.multipliers, q.conv2.shifts))});
  w.add_operator(OperatorSpec{kOpFullyConnected, {c2, fw, fb}, {logits},
                              host::params_bytes(q.fc.params, requant_tail(q.fc.multipliers, q.fc.shifts))});
  w.set_graph_inputs({image});
  w.set_graph_outputs({logits});
  add_metadata(&w, info, "int8 (per-channel weights, min-max calibrated activations)");
  return finish(w, blob, error);
}

bool build_float_blob(const SmallCnn& net, const ExportInfo& info, std::vector<uint8_t>* blob,
                      std::string* error) {
  BlobWriter w;
  const std::vector<float> none;
  const int32_t image = add_activation(&w, "image", QRT_DTYPE_FLOAT32, {1, kImageSide, kImageSide, 1}, nullptr);
  const int32_t c1w = add_constant(&w, "conv1/weights", QRT_DTYPE_FLOAT32,
                                   {kConv1Channels, kKernelSide, kKernelSide, 1},
                                   bytes_of(net.conv1_weights(), kConv1WeightCount), none);
  const int32_t c1b = add_constant(&w, "conv1/bias", QRT_DTYPE_FLOAT32, {kConv1Channels},
                                   bytes_of(net.conv1_bias(), kConv1Channels), none);
  const int32_t c1 = add_activation(&w, "conv1/relu", QRT_DTYPE_FLOAT32,
                                    {1, kConv1Side, kConv1Side, kConv1Channels}, nullptr);
  const int32_t c2w = add_constant(&w, "conv2/weights", QRT_DTYPE_FLOAT32,
                                   {kConv2Channels, kKernelSide, kKernelSide, kConv1Channels},
                                   bytes_of(net.conv2_weights(), kConv2WeightCount), none);
  const int32_t c2b = add_constant(&w, "conv2/bias", QRT_DTYPE_FLOAT32, {kConv2Channels},
                                   bytes_of(net.conv2_bias(), kConv2Channels), none);
  const int32_t c2 = add_activation(&w, "conv2/relu", QRT_DTYPE_FLOAT32,
                                    {1, kConv2Side, kConv2Side, kConv2Channels}, nullptr);
  const int32_t fw = add_constant(&w, "fc/weights", QRT_DTYPE_FLOAT32, {kClassCount, kFlatDepth},
                                  bytes_of(net.fc_weights(), kFcWeightCount), none);
  const int32_t fb = add_constant(&w, "fc/bias", QRT_DTYPE_FLOAT32, {kClassCount},
                                  bytes_of(net.fc_bias(), kClassCount), none);
  const int32_t logits = add_activation(&w, "logits", QRT_DTYPE_FLOAT32, {1, kClassCount}, nullptr);

  const ConvParams conv = float_conv_params();
  FullyConnectedParams fc{};
  fc.float_act_min = -FLT_MAX;  // no fused activation
  fc.float_act_max = FLT_MAX;
  fc.channel_count = 0;
  w.add_operator(OperatorSpec{kOpConv2d, {image, c1w, c1b}, {c1}, host::params_bytes(conv)});
  w.add_operator(OperatorSpec{kOpConv2d, {c1, c2w, c2b}, {c2}, host::params_bytes(conv)});
  w.add_operator(OperatorSpec{kOpFullyConnected, {c2, fw, fb}, {logits}, host::params_bytes(fc)});
  w.set_graph_inputs({image});
  w.set_graph_outputs({logits});
  add_metadata(&w, info, "float32 (the baseline the int8 model is accepted against)");
  return finish(w, blob, error);
}

}  // namespace models
}  // namespace qrt
