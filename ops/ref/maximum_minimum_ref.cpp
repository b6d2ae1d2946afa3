// MAXIMUM and MINIMUM int8 / int16 references, as TFLite's MaximumMinimumBroadcastSlow: the raw
// values compared (std::max / std::min), inputs and output sharing one quantization.
#include "broadcast4d_ref.h"
#include "qrt/ops/kernels_s8.h"

namespace qrt {
namespace {

template <typename T, typename Args>
void maximum(const Args& args) {
  ref::broadcast_binary(args, [](T x, T y) { return x < y ? y : x; });
}

template <typename T, typename Args>
void minimum(const Args& args) {
  ref::broadcast_binary(args, [](T x, T y) { return y < x ? y : x; });
}

}  // namespace

void maximum_s8_ref(const BinaryS8Args& args) { maximum<int8_t>(args); }
void minimum_s8_ref(const BinaryS8Args& args) { minimum<int8_t>(args); }
void maximum_s16_ref(const BinaryS16Args& args) { maximum<int16_t>(args); }
void minimum_s16_ref(const BinaryS16Args& args) { minimum<int16_t>(args); }

}  // namespace qrt
