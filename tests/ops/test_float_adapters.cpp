// The float32 operator adapters (qrt_float_op_table()): prepare accepts consistent operators and
// rejects each inconsistency of an untrusted blob with its specific status and a message; eval
// runs the kernel on the tensors the context names. Operators are built by hand here (tensor
// records, operator record, parameter block), as the loader would present them.
#include <string.h>

#include "qrt/op_api.h"
#include "qrt/ops/kernels_f32.h"
#include "qrt/qrt_float.h"
#include "qrt_test.h"
#include "test_float_common.h"

using qrt::OpContext;
using qrt::OpImpl;
using qrt::format::TensorRecord;

namespace {

constexpr float kInf = INFINITY;

// One operator and its tensors, laid out like a validated blob.
struct Fixture {
  TensorRecord tensors[8];
  int32_t tensor_count = 0;
  qrt::format::OperatorRecord op = {};
  int32_t inputs[8] = {};
  int32_t outputs[1] = {};
  alignas(16) uint8_t quant[64] = {};
  alignas(16) uint8_t params[128] = {};
  void* data[8] = {};

  int32_t tensor(uint32_t dtype, uint32_t kind, int32_t rank, int32_t d0 = 0, int32_t d1 = 0,
                 int32_t d2 = 0, int32_t d3 = 0) {
    TensorRecord t;
    memset(&t, 0, sizeof t);
    t.dtype = dtype;
    t.kind = kind;
    t.rank = static_cast<uint32_t>(rank);
    const int32_t d[4] = {d0, d1, d2, d3};
    int32_t elements = 1;
    for (int i = 0; i < rank; ++i) {
      t.dims[i] = d[i];
      elements *= d[i];
    }
    t.name = qrt::format::kNone;
    t.quant = qrt::format::kNone;
    t.data_bytes = static_cast<uint32_t>(elements) * (dtype == QRT_DTYPE_FLOAT32 ? 4u : 1u);
    tensors[tensor_count] = t;
    return tensor_count++;
  }
  int32_t activation(uint32_t dtype, int32_t rank, int32_t d0 = 0, int32_t d1 = 0,
                     int32_t d2 = 0, int32_t d3 = 0) {
    return tensor(dtype, qrt::format::kTensorActivation, rank, d0, d1, d2, d3);
  }
  int32_t constant(uint32_t dtype, int32_t rank, int32_t d0 = 0, int32_t d1 = 0, int32_t d2 = 0,
                   int32_t d3 = 0) {
    return tensor(dtype, qrt::format::kTensorConstant, rank, d0, d1, d2, d3);
  }
  void set_op(uint32_t code, int32_t in_count, const int32_t* ins, int32_t out) {
    op.op_code = code;
    op.input_count = static_cast<uint32_t>(in_count);
    op.output_count = 1;
    for (int i = 0; i < in_count; ++i) inputs[i] = ins[i];
    outputs[0] = out;
  }
  template <typename P>
  void set_params(const P& p) {
    memcpy(params, &p, sizeof p);
    op.params_bytes = sizeof p;
  }
  // A per-tensor quantization record for tensor t.
  void quantize(int32_t t, float scale, int32_t zero_point) {
    qrt::format::QuantRecord q = {QRT_QUANT_PER_TENSOR, 0, 0, 1};
    memcpy(quant, &q, sizeof q);
    memcpy(quant + 16, &scale, 4);
    memcpy(quant + 20, &zero_point, 4);
    tensors[t].quant = 0;
  }
  OpContext context() const {
    OpContext c;
    c.op = &op;
    c.op_index = 3;
    c.inputs = inputs;
    c.outputs = outputs;
    c.tensors = tensors;
    c.quant_section = quant;
    c.data_section = nullptr;
    c.data = nullptr;
    c.params = op.params_bytes != 0 ? params : nullptr;
    c.params_bytes = op.params_bytes;
    c.scratch = nullptr;
    c.isas = qrt::kReferenceOnly;
    return c;
  }
};

const OpImpl* find(uint32_t code, uint32_t dtype) {
  const qrt_op_table* table = qrt_float_op_table();
  for (int32_t i = 0; i < table->count; ++i) {
    if (table->ops[i]->op_code == code && table->ops[i]->input_dtype == dtype) return table->ops[i];
  }
  return nullptr;
}

qrt_status prepare(const Fixture& f, qrt_error* err) {
  const OpImpl* impl = find(f.op.op_code, f.tensors[f.inputs[0]].dtype);
  if (impl == nullptr) return QRT_ERR_UNSUPPORTED_OP;
  uint32_t scratch = 12345;
  memset(err, 0, sizeof *err);
  const qrt_status s = impl->prepare(f.context(), &scratch, err);
  if (s == QRT_OK && scratch != 0) return QRT_ERR_BAD_PLAN;  // float kernels need no scratch
  return s;
}

// A valid 1x5x5x2 -> 1x3x3x4 CONV_2D, 3x3 filter, stride 2, SAME (pad 1), with bias.
struct ConvCase {
  Fixture f;
  qrt::ConvParams p;
  ConvCase() {
    const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 5, 5, 2);
    const int32_t w = f.constant(QRT_DTYPE_FLOAT32, 4, 4, 3, 3, 2);
    const int32_t b = f.constant(QRT_DTYPE_FLOAT32, 1, 4);
    const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 3, 3, 4);
    const int32_t ins[3] = {in, w, b};
    f.set_op(qrt::kOpConv2d, 3, ins, out);
    p = float_test::conv_params(2, 2, 1, 1, 1, 1, 1);
    f.set_params(p);
  }
};

}  // namespace

QRT_TEST(float_op_table, lists_every_float_operator_once) {
  const qrt_op_table* table = qrt_float_op_table();
  QRT_ASSERT(table != nullptr);
  QRT_EXPECT_EQ(table->count, 35);
  const uint32_t float_ops[] = {qrt::kOpConv2d,   qrt::kOpDepthwiseConv2d, qrt::kOpFullyConnected,
                                qrt::kOpAveragePool2d, qrt::kOpMaxPool2d, qrt::kOpAdd,
                                qrt::kOpMul,      qrt::kOpSoftmax,         qrt::kOpLogistic,
                                qrt::kOpTanh,     qrt::kOpRelu,            qrt::kOpRelu6,
                                qrt::kOpPad,      qrt::kOpMean,            qrt::kOpConcatenation,
                                qrt::kOpReshape,  qrt::kOpQuantize,        qrt::kOpStridedSlice,
                                qrt::kOpLeakyRelu, qrt::kOpTransposeConv, qrt::kOpTranspose,
                                qrt::kOpMaximum,  qrt::kOpMinimum,         qrt::kOpGather,
                                qrt::kOpHardSwish, qrt::kOpPrelu,          qrt::kOpSquaredDifference,
                                qrt::kOpResizeNearestNeighbor, qrt::kOpResizeBilinear,
                                qrt::kOpBatchMatMul, qrt::kOpSub,           qrt::kOpLstm,
                                qrt::kOpSvdf};
  for (uint32_t code : float_ops) QRT_EXPECT(find(code, QRT_DTYPE_FLOAT32) != nullptr);
  QRT_EXPECT(find(qrt::kOpDequantize, QRT_DTYPE_INT8) != nullptr);
  QRT_EXPECT(find(qrt::kOpConv2d, QRT_DTYPE_INT8) == nullptr);  // never the integer path
}

// STRIDED_SLICE (the same type-agnostic prepare as int8 / int16): every index the copy would
// read must lie in the input, and the output must hold exactly the slice.
QRT_TEST(strided_slice_f32_prepare, refuses_reads_outside_the_input) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 2, 3, 4);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 2);
  f.set_op(qrt::kOpStridedSlice, 1, &in, out);
  qrt::StridedSliceParams p{};
  p.rank = 2;
  p.start[0] = 2;  // rows 2, 1
  p.stride[0] = -1;
  p.count[0] = 2;
  p.start[1] = 1;  // columns 1, 3
  p.stride[1] = 2;
  p.count[1] = 2;
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  qrt::StridedSliceParams bad = p;
  bad.stride[1] = 3;  // the last column index would be 4
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  QRT_EXPECT(qrt_test::message_has(err.message, "last index"));
  bad = p;
  bad.count[0] = 3;  // row -1
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  bad = p;
  bad.stride[0] = 0;
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  bad = p;
  bad.rank = 3;  // not the input's
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  bad = p;
  bad.count[1] = 1;  // 2 elements for an output of 4
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  f.set_params(p);
  f.tensors[out].dtype = QRT_DTYPE_INT8;  // the output must have the input's type
  QRT_EXPECT(prepare(f, &err) != QRT_OK);
}

// TRANSPOSE: perm must be a permutation of the input's axes and the output the permuted shape.
QRT_TEST(transpose_f32_prepare, refuses_non_permutations_and_wrong_shapes) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 3, 2, 3, 4);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 3, 4, 2, 3);
  f.set_op(qrt::kOpTranspose, 1, &in, out);
  qrt::TransposeParams p{};
  p.rank = 3;
  p.perm[0] = 2;
  p.perm[1] = 0;
  p.perm[2] = 1;
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  qrt::TransposeParams bad = p;
  bad.perm[2] = 0;  // 0 twice
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);  // output dim 2 (3) is not input dim 0
  bad = p;
  bad.perm[0] = 3;  // not an axis
  f.set_params(bad);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  f.set_params(p);
  f.tensors[out].dims[0] = 3;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
}

QRT_TEST(conv2d_f32_prepare, accepts_valid_and_names_the_operator_on_error) {
  ConvCase c;
  qrt_error err;
  QRT_EXPECT_EQ(prepare(c.f, &err), QRT_OK);
  c.f.tensors[3].dims[1] = 2;  // output height 2: neither SAME (3) nor VALID (2 needs pad 0)
  QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
  QRT_EXPECT_EQ(err.status, QRT_ERR_BAD_PARAMS);
  // The message names the operator (it is empty in builds with QRT_ERROR_MESSAGES=OFF).
  QRT_EXPECT(qrt_test::message_has(err.message, "CONV_2D operator 3"));
}

QRT_TEST(conv2d_f32_prepare, rejects_each_inconsistency_with_its_status) {
  qrt_error err;
  {  // missing filter: one input only
    ConvCase c;
    c.f.op.input_count = 1;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_OPERATOR);
  }
  {  // int8 (hybrid) weights under float activations
    ConvCase c;
    c.f.tensors[1].dtype = QRT_DTYPE_INT8;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_UNSUPPORTED_OP);
  }
  {  // int32 output
    ConvCase c;
    c.f.tensors[3].dtype = QRT_DTYPE_INT32;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_TENSOR);
  }
  {  // rank-3 input
    ConvCase c;
    c.f.tensors[0].rank = 3;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_SHAPE);
  }
  {  // filter must be a constant
    ConvCase c;
    c.f.tensors[1].kind = qrt::format::kTensorActivation;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_OPERATOR);
  }
  {  // bias of the wrong length
    ConvCase c;
    c.f.tensors[2].dims[0] = 3;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_SHAPE);
  }
  {  // parameter block truncated / absent
    ConvCase c;
    c.f.op.params_bytes = sizeof(qrt::ConvParams) - 4;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
    c.f.op.params_bytes = 0;
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
  }
  {  // requantization arrays announced for a float operator
    ConvCase c;
    c.p.channel_count = 4;
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
  }
  {  // stride 0, dilation 0, depth multiplier 2 on CONV_2D
    ConvCase c;
    c.p.stride_h = 0;
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
    c.p = float_test::conv_params(2, 2, 1, 0, 1, 1, 1);
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
    c.p = float_test::conv_params(2, 2, 1, 1, 1, 1, 2);
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
  }
  {  // a pad that is neither SAME's nor VALID's
    ConvCase c;
    c.p.pad_left = 2;
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
  }
  {  // filter input channels differ from the input's; output channels differ from the filter's
    ConvCase c;
    c.f.tensors[1].dims[3] = 3;
    QRT_EXPECT(prepare(c.f, &err) != QRT_OK);
    ConvCase d;
    d.f.tensors[3].dims[3] = 5;
    QRT_EXPECT(prepare(d.f, &err) != QRT_OK);
  }
  {  // NaN or empty fused clamp
    ConvCase c;
    c.p.float_act_min = NAN;
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
    c.p.float_act_min = 6.f;
    c.p.float_act_max = 0.f;
    c.f.set_params(c.p);
    QRT_EXPECT_EQ(prepare(c.f, &err), QRT_ERR_BAD_PARAMS);
  }
}

QRT_TEST(conv2d_f32_prepare, rejects_window_extents_beyond_int32) {
  // SAME with a huge dilation: geometry is SAME-consistent, but the window spans > 2^31 rows.
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 1, 1, 1);
  const int32_t w = f.constant(QRT_DTYPE_FLOAT32, 4, 1, 40000, 1, 1);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 1, 1, 1);
  const int32_t ins[2] = {in, w};
  f.set_op(qrt::kOpConv2d, 2, ins, out);
  const int64_t total = int64_t{39999} * 60000;  // effective filter - 1, input 1, output 1
  qrt::ConvParams p =
      float_test::conv_params(1, 1, 60000, 1, static_cast<int32_t>(total / 2), 0, 1);
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
}

QRT_TEST(depthwise_conv2d_f32_prepare, checks_multiplier_against_channels) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 4, 4, 3);
  const int32_t w = f.constant(QRT_DTYPE_FLOAT32, 4, 1, 3, 3, 6);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 2, 2, 6);
  const int32_t ins[2] = {in, w};
  f.set_op(qrt::kOpDepthwiseConv2d, 2, ins, out);
  qrt::ConvParams p = float_test::conv_params(1, 1, 1, 1, 0, 0, 2);  // VALID, 3 x 2 = 6
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  p.depth_multiplier = 3;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.depth_multiplier = 2;
  f.set_params(p);
  f.tensors[w].dims[0] = 2;  // filter batch must be 1
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
}

QRT_TEST(fully_connected_f32_prepare, shapes_and_eval) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 3);
  const int32_t w = f.constant(QRT_DTYPE_FLOAT32, 2, 2, 3);
  const int32_t b = f.constant(QRT_DTYPE_FLOAT32, 1, 2);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 2);
  const int32_t ins[3] = {in, w, b};
  f.set_op(qrt::kOpFullyConnected, 3, ins, out);
  qrt::FullyConnectedParams p = {};
  p.float_act_min = -kInf;
  p.float_act_max = kInf;
  f.set_params(p);
  qrt_error err;
  QRT_ASSERT_EQ(prepare(f, &err), QRT_OK);

  // eval through the context: 2 batches x 3 inputs, weights [[1, 2, 3], [0, -1, 0]], bias [1, 0].
  float x[6] = {1, 1, 1, 2, 0, -1};
  float wt[6] = {1, 2, 3, 0, -1, 0};
  float bias[2] = {1, 0};
  float y[4] = {};
  void* data[4] = {x, wt, bias, y};
  OpContext ctx = f.context();
  ctx.data = data;
  find(qrt::kOpFullyConnected, QRT_DTYPE_FLOAT32)->eval(ctx);
  QRT_EXPECT_FLOAT_EQ(y[0], 7);
  QRT_EXPECT_FLOAT_EQ(y[1], -1);
  QRT_EXPECT_FLOAT_EQ(y[2], 0);  // 2 + 0 - 3 + 1
  QRT_EXPECT_FLOAT_EQ(y[3], 0);

  f.tensors[in].dims[1] = 4;  // 8 inputs do not split into rows of 3
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
  f.tensors[in].dims[1] = 3;
  f.tensors[out].dims[1] = 3;  // last output dim must be the unit count
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
  f.tensors[out].dims[1] = 2;
  f.tensors[w].rank = 3;  // weights must be 2-D
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
}

QRT_TEST(pool_f32_prepare, geometry_and_clamp) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 5, 5, 3);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 3, 3, 3);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpAveragePool2d, 1, ins, out);
  qrt::PoolParams p = {};
  p.stride_h = p.stride_w = 2;
  p.filter_h = p.filter_w = 2;
  p.float_act_min = -kInf;
  p.float_act_max = kInf;
  f.set_params(p);  // SAME: out 3, total pad max(2 * 2 + 2 - 5, 0) = 1 -> pad 0
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  f.op.op_code = qrt::kOpMaxPool2d;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  p.pad_top = 3;  // a window entirely in the padding would divide by 0
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.pad_top = 0;
  p.filter_w = 0;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.filter_w = 2;
  p.float_act_max = NAN;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
}

QRT_TEST(binary_f32_prepare, broadcast_rules) {
  Fixture f;
  const int32_t a = f.activation(QRT_DTYPE_FLOAT32, 3, 2, 1, 3);
  const int32_t b = f.activation(QRT_DTYPE_FLOAT32, 2, 4, 1);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 3, 2, 4, 3);
  const int32_t ins[2] = {a, b};
  f.set_op(qrt::kOpAdd, 2, ins, out);
  qrt::AddParams p = {};
  p.float_act_min = -kInf;
  p.float_act_max = kInf;
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  f.tensors[out].dims[0] = 3;  // larger than either input
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
  f.tensors[out].dims[0] = 2;
  f.tensors[b].dims[0] = 3;  // 3 vs 4: not broadcastable
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
  f.tensors[b].dims[0] = 4;
  f.tensors[b].dtype = QRT_DTYPE_INT8;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_TENSOR);
  f.tensors[b].dtype = QRT_DTYPE_FLOAT32;

  qrt::MulParams m = {};
  m.float_act_min = -kInf;
  m.float_act_max = kInf;
  f.op.op_code = qrt::kOpMul;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);  // an AddParams-sized block
  f.set_params(m);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
}

QRT_TEST(activation_f32_prepare, softmax_beta_and_unary_params) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 5);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 5);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpSoftmax, 1, ins, out);
  qrt::SoftmaxParams s = {};
  s.beta = 1.f;
  f.set_params(s);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  const float bad_betas[4] = {0.f, -1.f, NAN, INFINITY};
  for (float beta : bad_betas) {
    s.beta = beta;
    f.set_params(s);
    QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  }
  // LOGISTIC / TANH / RELU / RELU6: no block, or their int8 block (ignored); nothing else.
  const uint32_t unary[4] = {qrt::kOpLogistic, qrt::kOpTanh, qrt::kOpRelu, qrt::kOpRelu6};
  for (uint32_t code : unary) {
    f.op.op_code = code;
    f.op.params_bytes = 0;
    QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
    f.op.params_bytes = 7;
    QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  }
  f.op.params_bytes = 0;
  f.tensors[out].dims[1] = 4;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
}

QRT_TEST(mean_f32_prepare, output_shape_follows_mask_and_keep_dims) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 2, 2, 3);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 1, 1, 3);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpMean, 1, ins, out);
  qrt::MeanParams p = {};
  p.axis_mask = 0x6;  // H and W
  p.keep_dims = 1;
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  p.keep_dims = 0;  // would need output [1, 3]
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
  f.tensors[out].rank = 2;
  f.tensors[out].dims[1] = 3;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  p.keep_dims = 2;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.keep_dims = 0;
  p.axis_mask = 0x10;  // bit beyond the rank
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
}

QRT_TEST(mean_f32_prepare, eval_maps_axes_of_lower_rank_inputs) {
  // Rank-3 input [2, 2, 2], mean over axis 1, keep_dims 0 -> [2, 2]. Mask bits address the 4-D
  // right-aligned shape: axis 1 of rank 3 is bit 4 - 3 + 1 = 2.
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 3, 2, 2, 2);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 2);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpMean, 1, ins, out);
  qrt::MeanParams p = {};
  p.axis_mask = 0x4;
  f.set_params(p);
  qrt_error err;
  QRT_ASSERT_EQ(prepare(f, &err), QRT_OK);
  float x[8] = {1, 2, 3, 4, 10, 20, 30, 40};  // x[a][b][c]
  float y[4] = {};
  void* data[2] = {x, y};
  OpContext ctx = f.context();
  ctx.data = data;
  find(qrt::kOpMean, QRT_DTYPE_FLOAT32)->eval(ctx);
  QRT_EXPECT_FLOAT_EQ(y[0], 2);   // (x[0][0][0] + x[0][1][0]) / 2 = (1 + 3) / 2
  QRT_EXPECT_FLOAT_EQ(y[1], 3);   // (2 + 4) / 2
  QRT_EXPECT_FLOAT_EQ(y[2], 20);  // (10 + 30) / 2
  QRT_EXPECT_FLOAT_EQ(y[3], 30);
}

QRT_TEST(pad_f32_prepare, padded_sizes) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 3);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 5, 4);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpPad, 1, ins, out);
  qrt::PadParams p = {};
  p.before[2] = 1;
  p.after[2] = 2;
  p.after[3] = 1;
  f.set_params(p);
  qrt_error err;
  QRT_ASSERT_EQ(prepare(f, &err), QRT_OK);
  // eval: the rank-2 [2, 3] tensor is right-aligned, so before/after[2] pad its rows and [3] its
  // columns: 1 row above, 2 below, 1 column on the right.
  float x[6] = {1, 2, 3, 4, 5, 6};
  float y[20];
  void* data[2] = {x, y};
  p.float_pad_value = -1.f;
  f.set_params(p);
  OpContext ctx = f.context();
  ctx.data = data;
  find(qrt::kOpPad, QRT_DTYPE_FLOAT32)->eval(ctx);
  const float expected[20] = {-1, -1, -1, -1, 1, 2, 3, -1, 4, 5, 6, -1,
                              -1, -1, -1, -1, -1, -1, -1, -1};
  for (int i = 0; i < 20; ++i) QRT_EXPECT_FLOAT_EQ(y[i], expected[i]);
  p.before[0] = 1;  // padding a dimension the rank-2 tensor does not have
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.before[0] = 0;
  p.after[3] = -1;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
}

QRT_TEST(concatenation_f32_prepare, axis_sizes) {
  Fixture f;
  const int32_t a = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 3);
  const int32_t b = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 1);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 2, 4);
  const int32_t ins[2] = {a, b};
  f.set_op(qrt::kOpConcatenation, 2, ins, out);
  qrt::ConcatenationParams p = {1};
  f.set_params(p);
  qrt_error err;
  QRT_ASSERT_EQ(prepare(f, &err), QRT_OK);
  // eval: rows of 3 and of 1 interleave into rows of 4.
  float x0[6] = {1, 2, 3, 5, 6, 7};
  float x1[2] = {4, 8};
  float y[8] = {};
  void* data[3] = {x0, x1, y};
  OpContext ctx = f.context();
  ctx.data = data;
  find(qrt::kOpConcatenation, QRT_DTYPE_FLOAT32)->eval(ctx);
  for (int i = 0; i < 8; ++i) QRT_EXPECT_FLOAT_EQ(y[i], i + 1);
  f.tensors[out].dims[1] = 5;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  f.tensors[out].dims[1] = 4;
  p.axis = 2;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.axis = 0;  // other dims must agree: 3 vs 1
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
}

QRT_TEST(quantize_f32_prepare, params_agree_with_the_int8_tensor) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 2, 1, 8);
  const int32_t out = f.activation(QRT_DTYPE_INT8, 2, 1, 8);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpQuantize, 1, ins, out);
  qrt::QuantizeParams p = {};
  p.scale = 0.25f;
  p.output_zero_point = -3;
  f.set_params(p);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  f.quantize(out, 0.25f, -3);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  f.quantize(out, 0.25f, -4);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_QUANTIZATION);
  f.quantize(out, 0.5f, -3);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_QUANTIZATION);
  f.tensors[out].quant = qrt::format::kNone;
  p.output_zero_point = 128;
  f.set_params(p);
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  p.output_zero_point = 0;
  const float bad_scales[4] = {0.f, -0.5f, INFINITY, NAN};
  for (float s : bad_scales) {
    p.scale = s;
    f.set_params(p);
    QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_PARAMS);
  }
  p.scale = 1.f;
  f.set_params(p);
  f.tensors[out].dtype = QRT_DTYPE_INT16;  // 16x8 graphs quantize to int16
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  f.tensors[out].dtype = QRT_DTYPE_INT32;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_TENSOR);
  f.tensors[out].dtype = QRT_DTYPE_INT8;
  f.tensors[out].dims[1] = 7;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
}

QRT_TEST(dequantize_s8_prepare, eval_through_the_context) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_INT8, 1, 4);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 1, 4);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpDequantize, 1, ins, out);
  qrt::QuantizeParams p = {};
  p.scale = 0.5f;
  p.input_zero_point = 2;
  f.set_params(p);
  f.quantize(in, 0.5f, 2);
  qrt_error err;
  QRT_ASSERT_EQ(prepare(f, &err), QRT_OK);
  int8_t q[4] = {-128, 2, 3, 127};
  float y[4] = {};
  void* data[2] = {q, y};
  OpContext ctx = f.context();
  ctx.data = data;
  find(qrt::kOpDequantize, QRT_DTYPE_INT8)->eval(ctx);
  QRT_EXPECT_FLOAT_EQ(y[0], -65);
  QRT_EXPECT_FLOAT_EQ(y[1], 0);
  QRT_EXPECT_FLOAT_EQ(y[2], 0.5);
  QRT_EXPECT_FLOAT_EQ(y[3], 62.5);
  f.tensors[out].dtype = QRT_DTYPE_INT8;  // DEQUANTIZE must produce float32
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_TENSOR);
}

QRT_TEST(reshape_f32_prepare, element_counts) {
  Fixture f;
  const int32_t in = f.activation(QRT_DTYPE_FLOAT32, 4, 1, 2, 2, 3);
  const int32_t out = f.activation(QRT_DTYPE_FLOAT32, 2, 1, 12);
  const int32_t ins[1] = {in};
  f.set_op(qrt::kOpReshape, 1, ins, out);
  qrt_error err;
  QRT_EXPECT_EQ(prepare(f, &err), QRT_OK);
  f.tensors[out].dims[1] = 11;
  f.tensors[out].data_bytes = 44;  // kept consistent with the shape, as the loader guarantees
  QRT_EXPECT_EQ(prepare(f, &err), QRT_ERR_BAD_SHAPE);
}
