// LOGISTIC and TANH int16 references, as TFLite's reference_integer_ops::Logistic and Tanh for
// int16 (symmetric, input zero point 0, output scale 2^-15).
//
// The input is rescaled by (input_multiplier, input_left_shift) so that 2^17 stands for 10.7
// (scale 1/(3 * 4096)); its magnitude indexes a 256-entry table of sigmoid(i / 24) in Q0.16 with
// linear interpolation on the low 9 (LOGISTIC) or 8 (TANH, tanh(x) = 2 sigmoid(2x) - 1) bits, and
// the sign folds the result. The importer turns TFLite's power-of-two input scales (multiplier 0,
// shift s) into the general form (3 << s, 0), so one loop serves both.
#include "qrt/ops/kernels_s8.h"

namespace qrt {

namespace {

// sigmoid(i / 24) in Q0.16 for i = 0..255: TFLite's table, whose values bit-exactness needs. No
// rounding of sigmoid reproduces it (44 entries are one above round(), up to 1.11 units off), so
// it is data here; tests/quant/host/test_lut_s16.cpp checks it against double-precision sigmoid.
const uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149,
    40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
    47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169,
    53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
    57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
    62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536,
    63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
    64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786,
    64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
    65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
    65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
    65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522,
    65523, 65523, 65524, 65524, 65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
    65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531,
    65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65535,
};

// The rescaled input: (x * multiplier + half) >> shift, multiplier <= 32767 and shift <= 31
// (checked at load) keep it inside int32.
int32_t rescale(int16_t x, int32_t multiplier, int32_t shift) {
  const int32_t round = shift > 0 ? 1 << (shift - 1) : 0;
  return (static_cast<int32_t>(x) * multiplier + round) >> shift;
}

// sigmoid of |x| by interpolation on the low `fraction_bits` bits: Q0.(16 + fraction_bits).
uint32_t sigmoid_magnitude(int32_t x, int fraction_bits, uint32_t saturated) {
  const uint32_t magnitude = x < 0 ? 0u - static_cast<uint32_t>(x) : static_cast<uint32_t>(x);
  const uint32_t index = magnitude >> fraction_bits;
  if (index >= 255) return saturated;
  const uint32_t a = kSigmoidTable[index], b = kSigmoidTable[index + 1];
  const uint32_t t = magnitude & ((1u << fraction_bits) - 1);
  return (a << fraction_bits) + t * (b - a);  // b >= a: the table rises
}

}  // namespace

const uint16_t* sigmoid_table_s16() { return kSigmoidTable; }

void logistic_s16_ref(const LogisticParams& params, int32_t count, const int16_t* input,
                      int16_t* output) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = rescale(input[i], params.input_multiplier, params.input_left_shift);
    // 9 fraction bits: 7 of the Q.7 table index and 2 of the 3/4 range scaling.
    uint32_t y = sigmoid_magnitude(x, 9, 0x7FFFu << 10);
    y = x >= 0 ? y + (1u << 9) : (1u << (16 + 9)) - y + (1u << 9) - 1;
    output[i] = static_cast<int16_t>(y >> 10);
  }
}

void tanh_s16_ref(const LogisticParams& params, int32_t count, const int16_t* input,
                  int16_t* output) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t x = rescale(input[i], params.input_multiplier, params.input_left_shift);
    const int32_t y = static_cast<int32_t>(sigmoid_magnitude(x, 8, 0xFFFFu << 8));
    // 2 sigmoid - 1 around the Q0.24 midpoint 2^23, rounded to Q0.15.
    const int32_t folded = x >= 0 ? y - (1 << (14 + 9)) + (1 << (9 - 2))
                                  : -y + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
    output[i] = static_cast<int16_t>(folded >> (9 - 1));
  }
}

}  // namespace qrt
