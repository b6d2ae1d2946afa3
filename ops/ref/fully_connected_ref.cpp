// FULLY_CONNECTED int8 and 16x8 references, as TFLite's reference_integer_ops::FullyConnected
// (per-tensor weights) and FullyConnectedPerChannel (channel_count == output_depth); the int8
// form also reads packed INT4 weights (rows of input_depth values), as TFLite's int4 path.
#include "filter_s4.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/quant/fixedpoint.h"

namespace qrt {
namespace {

template <class Filter>
void fully_connected_ref(const FullyConnectedS8Args& args, Filter filter) {
  const FullyConnectedParams& p = *args.params;
  const bool per_channel = p.channel_count > 1;
  // TFLite applies the weights offset only on the per-tensor path: per-channel weights are
  // symmetric by the quantization spec and its per-channel kernel ignores the zero point.
  const int32_t weights_offset = per_channel ? 0 : p.weights_offset;
  const int32_t depth = args.input_depth;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int8_t* in = args.input + b * depth;
    for (int32_t o = 0; o < args.output_depth; ++o) {
      // int32 sums wrap, as TFLite's do on every target (add_wrapping: no UB for any blob).
      int32_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) {
        acc = add_wrapping(acc, (filter.at(o, d) + weights_offset) *
                                    (static_cast<int32_t>(in[d]) + p.input_offset));
      }
      if (args.bias != nullptr) acc = add_wrapping(acc, args.bias[o]);
      const int32_t c = per_channel ? o : 0;
      acc = multiply_by_quantized_multiplier(acc, args.multipliers[c], args.shifts[c]);
      acc = add_wrapping(acc, p.output_offset);
      // max then min, as TFLite: act_max wins if the range is empty.
      acc = acc < p.act_min ? p.act_min : acc;
      acc = acc > p.act_max ? p.act_max : acc;
      args.output[b * args.output_depth + o] = static_cast<int8_t>(acc);
    }
  }
}

}  // namespace

void fully_connected_s8_ref(const FullyConnectedS8Args& args) {
  fully_connected_ref(args, FilterS8{args.weights, args.input_depth});
}

void fully_connected_s8s4_ref(const FullyConnectedS8Args& args) {
  fully_connected_ref(args, FilterS4::of(args.weights, args.input_depth));
}

void fully_connected_s16_ref(const FullyConnectedS16Args& args) {
  const FullyConnectedParams& p = *args.params;
  const bool per_channel = p.channel_count > 1;
  const int32_t weights_offset = per_channel ? 0 : p.weights_offset;  // as the int8 kernel
  const int32_t depth = args.input_depth;
  for (int32_t b = 0; b < args.batches; ++b) {
    const int16_t* in = args.input + b * depth;
    for (int32_t o = 0; o < args.output_depth; ++o) {
      const int8_t* w = args.weights + o * depth;
      int64_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) {
        acc += static_cast<int64_t>(static_cast<int32_t>(w[d]) + weights_offset) * in[d];
      }
      if (args.bias != nullptr) acc += args.bias[o];
      const int32_t c = per_channel ? o : 0;
      const int32_t out = multiply_by_quantized_multiplier_s64(acc, args.multipliers[c], args.shifts[c]);
      args.output[b * args.output_depth + o] = static_cast<int16_t>(clamp_s32(out, p.act_min, p.act_max));
    }
  }
}

}  // namespace qrt
