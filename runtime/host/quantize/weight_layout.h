// Weights seen channel by channel: element i of a tensor whose output channels lie along one
// axis (CONV_2D OHWI: axis 0; DEPTHWISE_CONV_2D 1HWC: axis 3) maps to row = its channel, column =
// its place among that channel's elements, the [channels][per_channel] matrix
// quant/host/weight_quant.h quantizes row by row.
#ifndef QRT_RUNTIME_HOST_QUANTIZE_WEIGHT_LAYOUT_H
#define QRT_RUNTIME_HOST_QUANTIZE_WEIGHT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include <vector>

namespace qrt {
namespace host {

struct ChannelLayout {
  size_t channels = 1;
  size_t inner = 1;        // elements after the channel axis
  size_t per_channel = 1;  // elements per channel

  // `shape` with channels along `axis` (valid, non-empty dimensions).
  ChannelLayout(const std::vector<int32_t>& shape, size_t axis, size_t elements) {
    channels = static_cast<size_t>(shape[axis]);
    for (size_t d = axis + 1; d < shape.size(); ++d) inner *= static_cast<size_t>(shape[d]);
    per_channel = elements / channels;
  }
  size_t channel(size_t i) const { return (i / inner) % channels; }
  // Position of element i in the channel-major matrix.
  size_t operator()(size_t i) const {
    return channel(i) * per_channel + (i / (inner * channels)) * inner + i % inner;
  }
};

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_QUANTIZE_WEIGHT_LAYOUT_H
