// Which kernel variant runs: per kernel family, the variants in order of capability, chosen for a
// set of instruction-set extensions. A session fixes its set once at create (the target's, or the
// reference alone when qrt_options.use_reference_kernels is set); the host tools pass another
// target's set to plan that target's arena exactly (scratch sizes are shape arithmetic, compiled
// for every ISA on every build: ops/<isa>/scratch_<isa>.h).
//
// One file per family in ops/select/ holds its order, its scratch sizes by variant and its kernels
// by variant, so an operator that uses one family links only that family's variants.
#ifndef QRT_OPS_KERNEL_SELECT_H
#define QRT_OPS_KERNEL_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernels_s8.h"

namespace qrt {

// Instruction-set extensions with optimized variants (ops/<isa>/).
enum class Isa : uint8_t {
  kReference = 0,   // portable C++ (ops/ref/)
  kX86Avx2 = 1,     // ops/x86/
  kArmDsp = 2,      // ops/dsp/: Cortex-M4/M7/M33 SMLAD
  kArmMve = 3,      // ops/mve/: Cortex-M55/M85 Helium
  kArmNeonDot = 4,  // ops/neon/: AArch64 Advanced SIMD with SDOT
};

// "reference", "x86-avx2", "arm-dsp", "arm-mve", "arm-neon-dotprod".
const char* isa_name(Isa isa);

// A set of extensions; the reference is always available.
struct IsaSet {
  uint32_t bits;
  constexpr bool has(Isa isa) const { return isa == Isa::kReference || ((bits >> static_cast<uint32_t>(isa)) & 1u) != 0; }
  constexpr IsaSet with(Isa isa) const { return IsaSet{bits | (1u << static_cast<uint32_t>(isa))}; }
};
constexpr IsaSet kReferenceOnly = IsaSet{0};

// The first of `order` (a family's variants, fastest first) that `have` holds, else the reference.
template <size_t N>
constexpr Isa first_held(const Isa (&order)[N], IsaSet have) {
  for (Isa isa : order) {
    if (have.has(isa)) return isa;
  }
  return Isa::kReference;
}

// The order of most families: Helium, then the DSP extension, then NEON dot product, then AVX2.
constexpr Isa kFastestFirst[] = {Isa::kArmMve, Isa::kArmDsp, Isa::kArmNeonDot, Isa::kX86Avx2};

// What this build's target runs: the ISA folders compiled in (ops/CMakeLists.txt) and, on x86,
// what the CPU reports (AVX2 is checked at run time so one binary runs on older CPUs).
IsaSet target_isas();

// ---- families with optimized variants ---------------------------------------------------------
// For each: the variant chosen for `have` (the first of its capability order that `have` holds),
// its kernel (compiled variants only: a session's set never names another), and its scratch
// bytes (every variant, on every build).

Isa conv2d_s8_variant(IsaSet have);
ConvS8Fn conv2d_s8_kernel(Isa variant);
int32_t conv2d_s8_scratch_bytes(Isa variant, const ConvS8Args& args);

Isa depthwise_conv2d_s8_variant(IsaSet have);
ConvS8Fn depthwise_conv2d_s8_kernel(Isa variant);  // no variant needs scratch

Isa fully_connected_s8_variant(IsaSet have);
FullyConnectedS8Fn fully_connected_s8_kernel(Isa variant);
// Packed INT4 weights under int8 activations (the _w4 operators): CONV_2D and FULLY_CONNECTED
// (with scratch), DEPTHWISE_CONV_2D (none).
Isa conv2d_s8s4_variant(IsaSet have);
ConvS8Fn conv2d_s8s4_kernel(Isa variant);
int32_t conv2d_s8s4_scratch_bytes(Isa variant, const ConvS8Args& args);
Isa depthwise_conv2d_s8s4_variant(IsaSet have);
ConvS8Fn depthwise_conv2d_s8s4_kernel(Isa variant);
Isa fully_connected_s8s4_variant(IsaSet have);
FullyConnectedS8Fn fully_connected_s8s4_kernel(Isa variant);
int32_t fully_connected_s8s4_scratch_bytes(Isa variant, const FullyConnectedS8Args& args);
// FULLY_CONNECTED 16x8 (no scratch).
Isa fully_connected_s16_variant(IsaSet have);
FullyConnectedS16Fn fully_connected_s16_kernel(Isa variant);
// CONV_2D 16x8 (no scratch; the same variants as FULLY_CONNECTED 16x8).
Isa conv2d_s16_variant(IsaSet have);
ConvS16Fn conv2d_s16_kernel(Isa variant);
Isa depthwise_conv2d_s16_variant(IsaSet have);
ConvS16Fn depthwise_conv2d_s16_kernel(Isa variant);
// ADD and SUB int8 (no scratch): inputs of the output's shape run the variant, broadcasts the
// reference.
Isa add_sub_s8_variant(IsaSet have);
BinaryS8Fn add_s8_kernel(Isa variant);
BinaryS8Fn sub_s8_kernel(Isa variant);

Isa llm_matvec_variant(IsaSet have);
LlmMatVecFn llm_matvec_kernel(Isa variant);
int32_t llm_matvec_scratch_bytes(Isa variant, const LlmWeights& w, bool asymmetric, LlmType input_type);

Isa llm_attention_variant(IsaSet have);
LlmAttentionFn llm_attention_kernel(Isa variant);  // scratch: llm_attention_scratch_bytes(kv_len)

// SWIGLU: AVX2 on x86; on the Arm extensions the portable single-multiply variant
// (ops/generic/), which needs no vector instructions but beats the reference there.
Isa llm_swiglu_variant(IsaSet have);
LlmSwiGluFn llm_swiglu_kernel(Isa variant);

}  // namespace qrt

#endif  // QRT_OPS_KERNEL_SELECT_H
