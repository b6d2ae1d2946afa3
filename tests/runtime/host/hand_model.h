// A small model built by hand with the blob writer, shared by the host runtime tests: two
// FULLY_CONNECTED operators whose outputs are computed by hand in test_blob_validation.cpp.
#ifndef QRT_TESTS_HOST_HAND_MODEL_H
#define QRT_TESTS_HOST_HAND_MODEL_H

#include <vector>

#include "blob_writer.h"
#include "qrt/ops/op_codes.h"
#include "qrt/ops/params.h"

namespace hand_model {

using qrt::host::BlobWriter;
using qrt::host::TensorSpec;

// y = FC(x) with x int8[1,4], W int8[2,4], bias int32[2], then FC again to [1,2]: two operators,
// three activations, so lifetimes and reuse are exercised.
inline std::vector<uint8_t> make_model() {
  BlobWriter w;
  TensorSpec x;
  x.name = "x";
  x.shape = {1, 4};
  x.quant_kind = QRT_QUANT_PER_TENSOR;
  x.scales = {0.5f};
  x.zero_points = {-1};
  const int32_t tx = w.add_tensor(x);
  TensorSpec wt;
  wt.name = "w";
  wt.kind = qrt::format::kTensorConstant;
  wt.shape = {2, 4};
  wt.data = {1, 2, 3, 4, 0xFF, 0xFE, 0xFD, 0xFC};  // rows {1,2,3,4}, {-1,-2,-3,-4}
  wt.quant_kind = QRT_QUANT_PER_TENSOR;
  wt.scales = {0.25f};
  wt.zero_points = {0};
  const int32_t tw = w.add_tensor(wt);
  TensorSpec b;
  b.name = "b";
  b.kind = qrt::format::kTensorConstant;
  b.dtype = QRT_DTYPE_INT32;
  b.shape = {2};
  const int32_t bias[2] = {10, -10};
  b.data.assign(reinterpret_cast<const uint8_t*>(bias), reinterpret_cast<const uint8_t*>(bias) + 8);
  const int32_t tb = w.add_tensor(b);
  TensorSpec h;
  h.name = "h";
  h.shape = {1, 2};
  const int32_t th = w.add_tensor(h);
  TensorSpec w2 = wt;
  w2.name = "w2";
  w2.shape = {2, 2};
  w2.data = {1, 0, 0, 1};
  const int32_t tw2 = w.add_tensor(w2);
  TensorSpec y;
  y.name = "y";
  y.shape = {1, 2};
  const int32_t ty = w.add_tensor(y);
  qrt::FullyConnectedParams p{};
  p.input_offset = 1;  // input zero point -1
  p.weights_offset = 0;
  p.output_offset = 3;
  p.act_min = -128;
  p.act_max = 127;
  p.channel_count = 1;
  // multiplier 2^30 with shift 0 is 0.5
  w.add_operator({qrt::kOpFullyConnected, {tx, tw, tb}, {th}, qrt::host::params_bytes(p, {1 << 30, 0})});
  qrt::FullyConnectedParams p2 = p;
  p2.input_offset = -3;
  p2.output_offset = 0;
  w.add_operator({qrt::kOpFullyConnected, {th, tw2, -1}, {ty}, qrt::host::params_bytes(p2, {1 << 30, 0})});
  w.set_graph_inputs({tx});
  w.set_graph_outputs({ty});
  w.add_metadata("producer", "test");
  std::vector<uint8_t> blob;
  std::string error;
  qrt::host::PlanStats stats;
  if (!w.finish(&blob, &stats, &error)) blob.clear();
  return blob;
}

}  // namespace hand_model

#endif  // QRT_TESTS_HOST_HAND_MODEL_H
