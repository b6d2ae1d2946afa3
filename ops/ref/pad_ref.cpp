// PAD int8 / int16 reference: the output is pad_value everywhere except the input's block, placed
// at params.before in every dimension (TFLite's reference_ops::Pad; the importer right-aligns
// shapes and paddings to 4-D).
#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace {

template <typename T>
void pad_ref(const PadParams& params, Shape4 input, const T* input_data, Shape4 output,
             T* output_data) {
  const T pad = static_cast<T>(params.pad_value);
  const int32_t* before = params.before;
  for (int32_t b = 0; b < output.n; ++b) {
    const int32_t ib = b - before[0];
    const bool b_in = ib >= 0 && ib < input.n;
    for (int32_t y = 0; y < output.h; ++y) {
      const int32_t iy = y - before[1];
      const bool y_in = b_in && iy >= 0 && iy < input.h;
      for (int32_t x = 0; x < output.w; ++x) {
        const int32_t ix = x - before[2];
        const bool x_in = y_in && ix >= 0 && ix < input.w;
        T* out = output_data + ((b * output.h + y) * output.w + x) * output.c;
        if (!x_in) {
          for (int32_t c = 0; c < output.c; ++c) out[c] = pad;
          continue;
        }
        const T* in = input_data + ((ib * input.h + iy) * input.w + ix) * input.c;
        for (int32_t c = 0; c < output.c; ++c) {
          const int32_t ic = c - before[3];
          out[c] = (ic >= 0 && ic < input.c) ? in[ic] : pad;
        }
      }
    }
  }
}

}  // namespace

void pad_s8_ref(const PadParams& params, Shape4 input, const int8_t* input_data, Shape4 output,
                int8_t* output_data) {
  pad_ref(params, input, input_data, output, output_data);
}

void pad_s16_ref(const PadParams& params, Shape4 input, const int16_t* input_data, Shape4 output,
                 int16_t* output_data) {
  pad_ref(params, input, input_data, output, output_data);
}

}  // namespace qrt
