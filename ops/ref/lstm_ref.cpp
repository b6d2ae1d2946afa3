// UNIDIRECTIONAL_SEQUENCE_LSTM integer references, as TFLM's EvalLstm<int8_t, int8_t, int16_t,
// int32_t> and <int16_t, int8_t, int16_t, int64_t> (params.h says what each step computes). The
// gate nonlinearities are the int16 LOGISTIC / TANH kernels with TFLM's fixed rescales: gates
// are Q3.12, so both run with input multiplier 3 and no shift.
#include <string.h>

#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

constexpr LogisticParams kGateActivation = {0, 0, 3, 0};
// Forget, input and cell gates first (the cell update needs them), the output gate last: it
// reads the same old hidden state, and its buffer is the input gate's once the cell is updated.
constexpr int kGateOrder[4] = {1, 0, 2, 3};

// The int8 FC accumulates in int32 (wrapping, where TFLM's would overflow), the 16x8 FC in int64.
template <typename T> struct Accumulator;
template <> struct Accumulator<int8_t> {
  using Type = uint32_t;
  static int32_t rescale(uint32_t acc, int32_t m, int32_t s) {
    return multiply_by_quantized_multiplier(static_cast<int32_t>(acc), m, s);
  }
};
template <> struct Accumulator<int16_t> {
  using Type = int64_t;
  static int32_t rescale(int64_t acc, int32_t m, int32_t s) {
    return multiply_by_quantized_multiplier_s64(acc, m, s);
  }
};

// out[r][j] = sat16(rescale((x[r] - zero_point) . w[j] (+ bias[j]))) for `rows` rows of depth.
template <typename T>
void gate_fc(const T* x, int32_t rows, int32_t depth, int32_t zero_point, const int8_t* w,
             const int32_t* bias, int32_t units, int32_t multiplier, int32_t shift, int16_t* out) {
  using Acc = typename Accumulator<T>::Type;
  for (int32_t r = 0; r < rows; ++r) {
    const T* xr = x + static_cast<size_t>(r) * depth;
    for (int32_t j = 0; j < units; ++j) {
      const int8_t* wj = w + static_cast<size_t>(j) * depth;
      Acc acc = bias != nullptr ? static_cast<Acc>(bias[j]) : 0;
      for (int32_t d = 0; d < depth; ++d) {
        acc += static_cast<Acc>(static_cast<int32_t>(wj[d]) * (xr[d] - zero_point));
      }
      out[static_cast<size_t>(r) * units + j] = saturate_to_s16(Accumulator<T>::rescale(acc, multiplier, shift));
    }
  }
}

// TFLite's MulElementwise of two zero-point-0 int16 operands into [lo, hi] around `offset`.
int32_t mul_s16(int16_t a, int16_t b, int32_t multiplier, int32_t shift, int32_t offset, int32_t lo,
                int32_t hi) {
  const int32_t y = offset + multiply_by_quantized_multiplier(int32_t{a} * b, multiplier, shift);
  return clamp_s32(y, lo, hi);
}

template <typename T>
void lstm(const LstmArgs& a) {
  const LstmParams& p = *a.params;
  constexpr int32_t kMin = sizeof(T) == 1 ? -128 : -32768, kMax = -kMin - 1;
  const int32_t rows = p.time_major ? a.batch : 1;
  const int32_t outer = p.time_major ? 1 : a.batch;
  const size_t n = static_cast<size_t>(rows) * a.cell;
  int16_t* gate[4];  // input, forget, cell, output
  int16_t* other = a.scratch + 3 * n;  // the recurrent FC, then tanh(cell)
  for (int g = 0; g < 3; ++g) gate[g] = a.scratch + g * n;
  gate[3] = gate[0];  // the output gate once the cell update has used the input gate
  const LogisticParams cell_tanh = {0, 0, p.cell_tanh_multiplier, p.cell_tanh_shift};
  const T* input = static_cast<const T*>(a.input);
  T* output = static_cast<T*>(a.output);
  for (int32_t b = 0; b < outer; ++b) {
    T* h = static_cast<T*>(a.hidden) + static_cast<size_t>(b) * a.cell;
    int16_t* c = a.cell_state + static_cast<size_t>(b) * a.cell;
    for (int32_t t = 0; t < a.time; ++t) {
      const size_t step = static_cast<size_t>(b) * a.time + t;  // rows-sized steps of the sequence
      const T* x = input + step * rows * a.input_size;
      for (int g : kGateOrder) {
        const LstmGateParams& gp = p.gates[g];
        const size_t w = static_cast<size_t>(g) * a.cell;
        gate_fc(x, rows, a.input_size, p.input_zero_point, a.input_weights + w * a.input_size,
                a.bias + w, a.cell, gp.input_multiplier, gp.input_shift, gate[g]);
        gate_fc(h, rows, a.cell, p.hidden_zero_point, a.recurrent_weights + w * a.cell, nullptr,
                a.cell, gp.recurrent_multiplier, gp.recurrent_shift, other);
        for (size_t i = 0; i < n; ++i) gate[g][i] = saturate_to_s16(gate[g][i] + other[i]);
        if (g == 2) {
          tanh_s16_ref(kGateActivation, static_cast<int32_t>(n), gate[g], gate[g]);
        } else {
          logistic_s16_ref(kGateActivation, static_cast<int32_t>(n), gate[g], gate[g]);
        }
        if (g != 2) continue;
        // Forget, input and cell gates are known: update the cell state.
        for (size_t i = 0; i < n; ++i) {
          const int32_t kept = mul_s16(gate[1][i], c[i], p.forget_multiplier, p.forget_shift, 0, -32768, 32767);
          const int32_t added = mul_s16(gate[0][i], gate[2][i], p.input_multiplier, p.input_shift, 0, -32768, 32767);
          int32_t v = saturate_to_s16(kept + added);
          if (p.clip_enabled) v = clamp_s32(v, -p.cell_clip, p.cell_clip);
          c[i] = static_cast<int16_t>(v);
        }
      }
      tanh_s16_ref(cell_tanh, static_cast<int32_t>(n), c, other);
      for (size_t i = 0; i < n; ++i) {
        h[i] = static_cast<T>(mul_s16(gate[3][i], other[i], p.output_multiplier, p.output_shift,
                                      p.hidden_zero_point, kMin, kMax));
      }
      memcpy(output + step * n, h, n * sizeof(T));
    }
  }
}

}  // namespace

void lstm_s8_ref(const LstmArgs& args) { lstm<int8_t>(args); }
void lstm_s16_ref(const LstmArgs& args) { lstm<int16_t>(args); }

}  // namespace qrt
