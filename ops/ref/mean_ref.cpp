// MEAN int8 and int16 references, as TFLite Micro's integer MEAN at the pinned commit (reduce_common.cc:
// EvalMeanHelper -> QuantizedMeanOrSum in kernels/internal/reference/reduce.h) for every
// configuration, equal input/output quantization included (TFLM has no shortcut there):
//   multiplier, shift = QuantizeMultiplier(input scale / output scale) (prepared by the importer);
//   1/count folded in: s = min(floor(log2(count)), 32, 31 + shift), multiplier = (multiplier << s)
//   / count (int64, truncating), shift -= s;
//   out = clamp(MultiplyByQuantizedMultiplier(int32(sum - input_zp * count), multiplier, shift)
//   + output_zp) with the int32 sum of the raw values (wrapping, like TFLM's int32 sum).
// Reduced axes are params.axis_mask bits over the 4-D (right-aligned) input; outputs are written
// in row-major order of the kept dimensions, which is the same with or without keep_dims.
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"
#include "qrt/quant/fixedpoint_nonlinear.h"

namespace qrt {

namespace {

// floor(log2(v)) for v >= 1 (63 - clz64 in TFLite).
int floor_log2_u64(uint64_t v) {
  int r = -1;
  while (v != 0) {
    v >>= 1;
    ++r;
  }
  return r;
}

template <typename T>
T saturate(int32_t v);
template <>
int8_t saturate<int8_t>(int32_t v) { return saturate_to_s8(v); }
template <>
int16_t saturate<int16_t>(int32_t v) { return saturate_to_s16(v); }

template <typename T>
void mean_ref(const MeanParams& params, Shape4 input, const T* input_data, Shape4 output,
              T* output_data) {
  (void)output;  // the output's layout follows from the input shape and the axes
  const int32_t dims[4] = {input.n, input.h, input.w, input.c};
  int32_t kept[4];      // extent of each dimension in the output (1 where reduced)
  int32_t reduced[4];   // extent iterated inside one output element
  int64_t count = 1;
  for (int d = 0; d < 4; ++d) {
    const bool is_reduced = (params.axis_mask >> d) & 1u;
    kept[d] = is_reduced ? 1 : dims[d];
    reduced[d] = is_reduced ? dims[d] : 1;
    if (is_reduced) count *= dims[d];
  }
  const int32_t strides[4] = {input.h * input.w * input.c, input.w * input.c, input.c, 1};

  // Fold 1/count into the multiplier, as TFLite: shift = floor(log2(count)), capped so that the
  // int64 shift cannot overflow and the final shift stays >= -31.
  int32_t multiplier = params.multiplier;
  int32_t shift = params.shift;
  if (count > 0) {
    int s = floor_log2_u64(static_cast<uint64_t>(count));
    s = s < 32 ? s : 32;
    s = s < 31 + shift ? s : 31 + shift;
    s = s > 0 ? s : 0;
    multiplier = static_cast<int32_t>((static_cast<int64_t>(multiplier) << s) / count);
    shift -= s;
  }

  T* out = output_data;
  for (int32_t a = 0; a < kept[0]; ++a) {
    for (int32_t b = 0; b < kept[1]; ++b) {
      for (int32_t c = 0; c < kept[2]; ++c) {
        for (int32_t d = 0; d < kept[3]; ++d) {
          const T* base = input_data + a * strides[0] + b * strides[1] + c * strides[2] + d;
          int32_t sum = 0;  // wraps like TFLite's int32 sum (cannot below 2^24 int8 or 2^16 int16)
          for (int32_t ra = 0; ra < reduced[0]; ++ra) {
            for (int32_t rb = 0; rb < reduced[1]; ++rb) {
              for (int32_t rc = 0; rc < reduced[2]; ++rc) {
                const T* p = base + ra * strides[0] + rb * strides[1] + rc * strides[2];
                for (int32_t rd = 0; rd < reduced[3]; ++rd) sum = add_wrapping(sum, p[rd]);
              }
            }
          }
          if (count == 0) {
            *out++ = 0;
          } else {
            const int32_t shifted_sum =
                static_cast<int32_t>(sum - static_cast<int64_t>(params.input_zero_point) * count);
            const int32_t v = add_wrapping(
                multiply_by_quantized_multiplier(shifted_sum, multiplier, shift),
                params.output_zero_point);
            *out++ = saturate<T>(v);
          }
        }
      }
    }
  }
}

}  // namespace

void mean_s8_ref(const MeanParams& params, Shape4 input, const int8_t* input_data, Shape4 output,
                 int8_t* output_data) {
  mean_ref(params, input, input_data, output, output_data);
}

void mean_s16_ref(const MeanParams& params, Shape4 input, const int16_t* input_data, Shape4 output,
                  int16_t* output_data) {
  mean_ref(params, input, input_data, output, output_data);
}

}  // namespace qrt
