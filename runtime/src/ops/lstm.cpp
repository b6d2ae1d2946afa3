// UNIDIRECTIONAL_SEQUENCE_LSTM: int8 and 16x8 (TFLM's integer LSTM, int16 cell state) and
// float32, the hidden and cell states persistent.
#include "qrt/op_api.h"
#include "qrt/op_checks.h"
#if QRT_FLOAT_OPS
#include "qrt/ops/kernels_f32.h"
#endif

namespace qrt {
namespace {

struct LstmShape {
  int32_t batch, time, input_size, cell;
};

// input [batch, time, input_size] (time-major: [time, batch, input_size]) and output of
// `dtype` with cell for input_size; weights [4 * cell, input_size] and [4 * cell, cell] and
// bias [4 * cell] of the weight and bias types; the hidden state (`dtype`) and the cell state
// (`cell_dtype`) persistent, [batch, cell] or flat. Reports the sizes.
qrt_status expect_lstm(const OpContext& ctx, uint32_t dtype, uint32_t weight_dtype, uint32_t bias_dtype,
                       uint32_t cell_dtype, LstmShape* s, qrt_error* err) {
  QRT_TRY(expect_arity(ctx, 4, 4, 3, err));
  QRT_TRY(expect_params(ctx, sizeof(LstmParams), err));
  const LstmParams& p = params_as<LstmParams>(ctx);
  QRT_TRY(expect_range(ctx, "time_major", p.time_major, 0, 1, err));
  QRT_TRY(expect_input(ctx, 0, dtype, 3, err));
  QRT_TRY(expect_input(ctx, 1, weight_dtype, 2, err));
  QRT_TRY(expect_input(ctx, 2, weight_dtype, 2, err));
  QRT_TRY(expect_input(ctx, 3, bias_dtype, 1, err));
  for (int k = 1; k < 4; ++k) QRT_TRY(expect_constant(ctx, k, err));
  QRT_TRY(expect_output(ctx, 0, dtype, 3, err));
  QRT_TRY(expect_output(ctx, 1, dtype, 0, err));
  QRT_TRY(expect_output(ctx, 2, cell_dtype, 0, err));
  const format::TensorRecord& in = input_tensor(ctx, 0);
  const format::TensorRecord& recurrent = input_tensor(ctx, 2);
  const format::TensorRecord& out = output_tensor(ctx, 0);
  s->batch = in.dims[p.time_major ? 1 : 0];
  s->time = in.dims[p.time_major ? 0 : 1];
  s->input_size = in.dims[2];
  s->cell = recurrent.dims[1];
  const int64_t gates = int64_t{4} * s->cell;
  QRT_TRY(expect_range(ctx, "input weights rows", input_tensor(ctx, 1).dims[0], gates, gates, err));
  QRT_TRY(expect_range(ctx, "input weights columns", input_tensor(ctx, 1).dims[1], s->input_size, s->input_size, err));
  QRT_TRY(expect_range(ctx, "recurrent weights rows", recurrent.dims[0], gates, gates, err));
  QRT_TRY(expect_range(ctx, "bias size", input_tensor(ctx, 3).dims[0], gates, gates, err));
  QRT_TRY(expect_range(ctx, "output dim 0", out.dims[0], in.dims[0], in.dims[0], err));
  QRT_TRY(expect_range(ctx, "output dim 1", out.dims[1], in.dims[1], in.dims[1], err));
  QRT_TRY(expect_range(ctx, "output dim 2", out.dims[2], s->cell, s->cell, err));
  const int64_t state = int64_t{s->batch} * s->cell;
  for (int k = 1; k < 3; ++k) {
    const format::TensorRecord& t = output_tensor(ctx, k);
    if (t.kind != format::kTensorPersistent) {
      op_failure(ctx, err, QRT_ERR_BAD_OPERATOR).text("outputs 1 and 2 must be the persistent states");
      return QRT_ERR_BAD_OPERATOR;
    }
    QRT_TRY(expect_range(ctx, "state rank", t.rank, 1, 2, err));
    QRT_TRY(expect_range(ctx, "state elements", element_count(t), state, state, err));
  }
  return QRT_OK;
}

// Scratch: four gate-sized buffers of `bytes` per element (bounded: a state tensor holds
// batch * cell elements).
qrt_status set_lstm_scratch(const OpContext& ctx, const LstmShape& s, uint32_t bytes, uint32_t* scratch,
                            qrt_error* err) {
  const bool time_major = params_as<LstmParams>(ctx).time_major != 0;
  const uint64_t total = uint64_t{4} * static_cast<uint32_t>(time_major ? s.batch : 1) * static_cast<uint32_t>(s.cell) * bytes;
  QRT_TRY(expect_range(ctx, "scratch bytes", static_cast<int64_t>(total), 0, UINT32_MAX, err));
  *scratch = static_cast<uint32_t>(total);
  return QRT_OK;
}

// The sizes, weights, bias, cell state and scratch of LstmArgs or LstmF32Args.
template <typename Args, typename Weight, typename Bias, typename Cell>
Args lstm_args(const OpContext& ctx) {
  Args a;
  a.params = &params_as<LstmParams>(ctx);
  const format::TensorRecord& in = input_tensor(ctx, 0);
  a.batch = in.dims[a.params->time_major ? 1 : 0];
  a.time = in.dims[a.params->time_major ? 0 : 1];
  a.input_size = in.dims[2];
  a.cell = input_tensor(ctx, 2).dims[1];
  a.input_weights = input_data<Weight>(ctx, 1);
  a.recurrent_weights = input_data<Weight>(ctx, 2);
  a.bias = input_data<Bias>(ctx, 3);
  a.cell_state = output_data<Cell>(ctx, 2);
  a.scratch = static_cast<Cell*>(ctx.scratch);
  return a;
}

}  // namespace

#if !QRT_FLOAT_OPS  // libqrt.a
namespace {

// Integer forms: a 16x8 LSTM is symmetric (zero points 0) and its FC shifts stay in the int64
// requantization's [-31, 7]; an int8 one has int8 zero points. The int16 products of the
// elementwise steps fit int32; the gates' FC depth is bounded as for FULLY_CONNECTED 16x8.
qrt_status prepare_lstm_int(const OpContext& ctx, uint32_t dtype, uint32_t* scratch, qrt_error* err) {
  LstmShape s{};
  QRT_TRY(expect_lstm(ctx, dtype, QRT_DTYPE_INT8, QRT_DTYPE_INT32, QRT_DTYPE_INT16, &s, err));
  const LstmParams& p = params_as<LstmParams>(ctx);
  const bool s16 = dtype == QRT_DTYPE_INT16;
  const int32_t zp_lo = s16 ? 0 : -128, zp_hi = s16 ? 0 : 127;
  QRT_TRY(expect_range(ctx, "input_zero_point", p.input_zero_point, zp_lo, zp_hi, err));
  QRT_TRY(expect_range(ctx, "hidden_zero_point", p.hidden_zero_point, zp_lo, zp_hi, err));
  QRT_TRY(expect_range(ctx, "FC depth", s.input_size > s.cell ? s.input_size : s.cell, 1, int64_t{1} << 24, err));
  QRT_TRY(expect_range(ctx, "clip_enabled", p.clip_enabled, 0, 1, err));
  QRT_TRY(expect_range(ctx, "cell_clip", p.cell_clip, 0, 32767, err));
  QRT_TRY(expect_range(ctx, "cell_tanh_multiplier", p.cell_tanh_multiplier, 1, 32767, err));
  QRT_TRY(expect_range(ctx, "cell_tanh_shift", p.cell_tanh_shift, 0, 31, err));
  int32_t multipliers[11], shifts[11];
  for (int g = 0; g < 4; ++g) {
    multipliers[2 * g] = p.gates[g].input_multiplier;
    shifts[2 * g] = p.gates[g].input_shift;
    multipliers[2 * g + 1] = p.gates[g].recurrent_multiplier;
    shifts[2 * g + 1] = p.gates[g].recurrent_shift;
  }
  multipliers[8] = p.forget_multiplier;
  shifts[8] = p.forget_shift;
  multipliers[9] = p.input_multiplier;
  shifts[9] = p.input_shift;
  multipliers[10] = p.output_multiplier;
  shifts[10] = p.output_shift;
  if (s16) {
    for (int k = 0; k < 8; ++k) QRT_TRY(expect_range(ctx, "gate FC shift", shifts[k], -31, 7, err));
  }
  QRT_TRY(set_lstm_scratch(ctx, s, sizeof(int16_t), scratch, err));
  return expect_multipliers(ctx, multipliers, shifts, 11, err);
}

qrt_status prepare_lstm_s8(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_lstm_int(ctx, QRT_DTYPE_INT8, scratch, err);
}
qrt_status prepare_lstm_s16(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  return prepare_lstm_int(ctx, QRT_DTYPE_INT16, scratch, err);
}

void eval_lstm_int(const OpContext& ctx, void (*kernel)(const LstmArgs&)) {
  LstmArgs a = lstm_args<LstmArgs, int8_t, int32_t, int16_t>(ctx);
  a.input = input_data<void>(ctx, 0);
  a.output = output_data<void>(ctx, 0);
  a.hidden = output_data<void>(ctx, 1);
  kernel(a);
}

void eval_lstm_s8(const OpContext& ctx) { eval_lstm_int(ctx, lstm_s8_ref); }
void eval_lstm_s16(const OpContext& ctx) { eval_lstm_int(ctx, lstm_s16_ref); }

}  // namespace

extern "C" const qrt_op qrt_op_lstm_s8 = {kOpLstm, QRT_DTYPE_INT8, prepare_lstm_s8, eval_lstm_s8, 0};
extern "C" const qrt_op qrt_op_lstm_s16 = {kOpLstm, QRT_DTYPE_INT16, prepare_lstm_s16, eval_lstm_s16, 0};

#else  // libqrt_float.a
namespace {

qrt_status prepare_lstm_f32(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  LstmShape s{};
  QRT_TRY(expect_lstm(ctx, QRT_DTYPE_FLOAT32, QRT_DTYPE_FLOAT32, QRT_DTYPE_FLOAT32, QRT_DTYPE_FLOAT32, &s, err));
  return set_lstm_scratch(ctx, s, sizeof(float), scratch, err);
}

void eval_lstm_f32(const OpContext& ctx) {
  LstmF32Args a = lstm_args<LstmF32Args, float, float, float>(ctx);
  a.input = input_data<float>(ctx, 0);
  a.output = output_data<float>(ctx, 0);
  a.hidden = output_data<float>(ctx, 1);
  lstm_f32_ref(a);
}

}  // namespace

extern "C" const qrt_op qrt_op_lstm_f32 = {kOpLstm, QRT_DTYPE_FLOAT32, prepare_lstm_f32, eval_lstm_f32, 0};
#endif

}  // namespace qrt
