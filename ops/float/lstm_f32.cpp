// UNIDIRECTIONAL_SEQUENCE_LSTM float32 reference, as TFLM's float LSTM: the same operations in
// the same order (each FC summed from 0.0f in increasing depth, the bias added after, the two
// FCs of a gate added, then the activation), so only exp / tanh's last bits can differ from it.
#include <string.h>

#include "qrt/ops/kernels_f32.h"

namespace qrt {
namespace {
// Forget, input and cell gates first (the cell update needs them), the output gate last: it
// reads the same old hidden state, and its buffer is the input gate's once the cell is updated.
constexpr int kGateOrder[4] = {1, 0, 2, 3};

void gate_fc(const float* x, int32_t rows, int32_t depth, const float* w, const float* bias,
             int32_t units, float* out) {
  for (int32_t r = 0; r < rows; ++r) {
    const float* xr = x + static_cast<size_t>(r) * depth;
    for (int32_t j = 0; j < units; ++j) {
      const float* wj = w + static_cast<size_t>(j) * depth;
      float total = 0.0f;
      for (int32_t d = 0; d < depth; ++d) total += xr[d] * wj[d];
      out[static_cast<size_t>(r) * units + j] = total + (bias != nullptr ? bias[j] : 0.0f);
    }
  }
}

}  // namespace

void lstm_f32_ref(const LstmF32Args& a) {
  const LstmParams& p = *a.params;
  const int32_t rows = p.time_major ? a.batch : 1;
  const int32_t outer = p.time_major ? 1 : a.batch;
  const size_t n = static_cast<size_t>(rows) * a.cell;
  float* gate[4];
  float* other = a.scratch + 3 * n;
  for (int g = 0; g < 3; ++g) gate[g] = a.scratch + g * n;
  gate[3] = gate[0];
  for (int32_t b = 0; b < outer; ++b) {
    float* h = a.hidden + static_cast<size_t>(b) * a.cell;
    float* c = a.cell_state + static_cast<size_t>(b) * a.cell;
    for (int32_t t = 0; t < a.time; ++t) {
      const size_t step = static_cast<size_t>(b) * a.time + t;
      const float* x = a.input + step * rows * a.input_size;
      for (int g : kGateOrder) {
        const size_t w = static_cast<size_t>(g) * a.cell;
        gate_fc(x, rows, a.input_size, a.input_weights + w * a.input_size, a.bias + w, a.cell, gate[g]);
        gate_fc(h, rows, a.cell, a.recurrent_weights + w * a.cell, nullptr, a.cell, other);
        for (size_t i = 0; i < n; ++i) gate[g][i] += other[i];
        if (g == 2) {
          tanh_f32_ref(static_cast<int32_t>(n), gate[g], gate[g]);
        } else {
          logistic_f32_ref(static_cast<int32_t>(n), gate[g], gate[g]);
        }
        if (g != 2) continue;
        for (size_t i = 0; i < n; ++i) {
          float v = gate[1][i] * c[i] + gate[0][i] * gate[2][i];
          if (p.float_cell_clip > 0.0f) {
            v = v > p.float_cell_clip ? p.float_cell_clip : (v < -p.float_cell_clip ? -p.float_cell_clip : v);
          }
          c[i] = v;
        }
      }
      tanh_f32_ref(static_cast<int32_t>(n), c, other);
      for (size_t i = 0; i < n; ++i) h[i] = other[i] * gate[3][i];
      memcpy(a.output + step * n, h, n * sizeof(float));
    }
  }
}

}  // namespace qrt
