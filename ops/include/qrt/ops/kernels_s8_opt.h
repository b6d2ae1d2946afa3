// Optimized variants of the integer kernels of kernels_s8.h, one source file each under
// ops/<isa>/. A group is compiled only for targets that have its instructions (ops/CMakeLists.txt);
// ops/select/ chooses among the compiled ones (kernel_select.h).
//
// Every variant produces exactly the bytes of its reference kernel for every argument the
// runtime's prepare accepts; the rare layouts a variant does not accelerate (grouped convolution)
// are handed to the reference inside the variant. Scratch: each ISA's *_scratch_bytes functions
// (ops/<isa>/scratch_<isa>.h, compiled everywhere) give what the variant needs for given
// arguments (the runtime plans it, ConvS8Args::scratch gets it, 16-byte aligned).
#ifndef QRT_OPS_KERNELS_S8_OPT_H
#define QRT_OPS_KERNELS_S8_OPT_H

#include <stdint.h>

#include "qrt/ops/kernels_s8.h"

namespace qrt {

// Portable, ops/generic/: ADD and SUB int8 over inputs of the output's shape, the reference's
// arithmetic without its broadcast indexing and with the single-multiply requantization
// (multiply_by_quantized_multiplier_fast); broadcasts run the reference.
void add_s8_fast(const BinaryS8Args& args);
void sub_s8_fast(const BinaryS8Args& args);

// Arm DSP extension (Cortex-M4, M7, M33; __ARM_FEATURE_DSP), ops/dsp/: pairs of int16 products
// per instruction (SMLAD, SMLABB/SMLATT on SXTAB16-widened bytes).
void conv2d_s8_dsp(const ConvS8Args& args);  // im2col of two pixels, 2x2 register blocking
void depthwise_conv2d_s8_dsp(const ConvS8Args& args);  // four channels per word, no scratch
void fully_connected_s8_dsp(const FullyConnectedS8Args& args);
// Packed INT4 weights, unpacked in registers (ops/dsp/s8s4_dsp.h).
void conv2d_s8s4_dsp(const ConvS8Args& args);
void depthwise_conv2d_s8s4_dsp(const ConvS8Args& args);
void fully_connected_s8s4_dsp(const FullyConnectedS8Args& args);
void fully_connected_s16_dsp(const FullyConnectedS16Args& args);  // 16x8, kernel_util_s16.h
void conv2d_s16_dsp(const ConvS16Args& args);           // 16x8, kernel_util_s16.h
void depthwise_conv2d_s16_dsp(const ConvS16Args& args);  // 16x8, kernel_util_s16.h

// Helium / MVE (Cortex-M55, M85; __ARM_FEATURE_MVE), ops/mve/: 128-bit vectors of int8 with
// multiply-accumulate across lanes (VMLADAVA) and per-lane int32 accumulation.
void conv2d_s8_mve(const ConvS8Args& args);
void depthwise_conv2d_s8_mve(const ConvS8Args& args);
void fully_connected_s8_mve(const FullyConnectedS8Args& args);
// Packed INT4 weights, unpacked in registers (ops/mve/conv_fc_s8s4_mve.cpp).
void conv2d_s8s4_mve(const ConvS8Args& args);
void depthwise_conv2d_s8s4_mve(const ConvS8Args& args);  // depth multiplier 1, else the reference
void fully_connected_s8s4_mve(const FullyConnectedS8Args& args);
void add_s8_mve(const BinaryS8Args& args);  // four lanes of int32, VQRDMULH + rounding shifts
void sub_s8_mve(const BinaryS8Args& args);
void fully_connected_s16_mve(const FullyConnectedS16Args& args);  // 16x8, kernel_util_s16.h
void conv2d_s16_mve(const ConvS16Args& args);           // 16x8, kernel_util_s16.h
void depthwise_conv2d_s16_mve(const ConvS16Args& args);  // 16x8, kernel_util_s16.h

// x86-64 AVX2, ops/x86/: compiled for AVX2 function by function, so a port must call them only
// when x86_cpu_has_avx2() (the rest of the program stays baseline x86-64).
bool x86_cpu_has_avx2();
void conv2d_s8_avx2(const ConvS8Args& args);
void depthwise_conv2d_s8_avx2(const ConvS8Args& args);
void fully_connected_s8_avx2(const FullyConnectedS8Args& args);
// Packed INT4 weights, unpacked in registers (ops/x86/conv_fc_s8s4_avx2.cpp).
void conv2d_s8s4_avx2(const ConvS8Args& args);
void depthwise_conv2d_s8s4_avx2(const ConvS8Args& args);  // in depthwise_conv2d_s8_avx2.cpp
void fully_connected_s8s4_avx2(const FullyConnectedS8Args& args);
void fully_connected_s16_avx2(const FullyConnectedS16Args& args);  // 16x8, kernel_util_s16.h
void conv2d_s16_avx2(const ConvS16Args& args);           // 16x8, kernel_util_s16.h
void depthwise_conv2d_s16_avx2(const ConvS16Args& args);  // 16x8, kernel_util_s16.h

// AArch64 Advanced SIMD with the dot-product extension (__ARM_FEATURE_DOTPROD), ops/neon/: SDOT
// (four int8 products per int32 lane).
void conv2d_s8_neon_dot(const ConvS8Args& args);
void depthwise_conv2d_s8_neon(const ConvS8Args& args);  // plain NEON (int16 multiply-long)
void fully_connected_s8_neon_dot(const FullyConnectedS8Args& args);
// Packed INT4 weights, unpacked in registers (ops/neon/conv_fc_s8s4_neon_dot.cpp).
void conv2d_s8s4_neon_dot(const ConvS8Args& args);
void depthwise_conv2d_s8s4_neon_dot(const ConvS8Args& args);  // in depthwise_conv2d_s8_neon.cpp
void fully_connected_s8s4_neon_dot(const FullyConnectedS8Args& args);
void fully_connected_s16_neon(const FullyConnectedS16Args& args);  // 16x8, kernel_util_s16.h
void depthwise_conv2d_s16_neon(const ConvS16Args& args);  // 16x8, kernel_util_s16.h

}  // namespace qrt

#endif  // QRT_OPS_KERNELS_S8_OPT_H
