// Helpers of the optimized LLM kernel tests (tests/ops/test_opt_llm_*.cpp): the variant the target
// runs (kernel_select.h) against the reference on the same arguments, every output byte compared,
// plus
// guard bytes after each output and after the scratch the variant declared (nothing may be
// written there). The oracle is the reference kernel, itself tested against hand-computed cases
// and double-precision oracles (tests/ops/test_llm_matvec.cpp, test_llm_ops.cpp).
//
// Each tensor has a buffer of its own (qrt_test::GuardedBuffer), small (a case fits in a few KiB,
// so the tests stay fast under QEMU, Cortex-M55 included), and sits at its END, right before a
// guard zone: a read past an input faults on Linux and ARMv7-M, and a write past an output or the
// declared scratch is reported. That the target runs its optimized variants is asserted by
// tests/ops/test_kernel_choice.cpp.
#ifndef QRT_TESTS_OPS_TEST_OPT_LLM_UTIL_H
#define QRT_TESTS_OPS_TEST_OPT_LLM_UTIL_H

#include <stdint.h>
#include <string.h>

#include "guarded_buffer.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/kernel_select.h"
#include "ref_test_util.h"

namespace opt_llm_test {

using qrt_test_util::Rng;


#if defined(QRT_TEST_SLOW_TARGET)
constexpr int kRandomCases = 80;  // Cortex-M55 under QEMU: MVE emulation is ~10x slower
#elif defined(__x86_64__)
constexpr int kRandomCases = 3000;
#else
constexpr int kRandomCases = 400;
#endif

using qrt_test::GuardedBuffer;

// The last `bytes` bytes of `b` as T* (aligned for T, or to 16 for scratch).
template <typename T>
T* tail_bytes(GuardedBuffer& b, int32_t bytes, size_t align = alignof(T)) {
  return reinterpret_cast<T*>(b.tail(static_cast<size_t>(bytes), align));
}

// Index of the first differing byte, or -1.
inline int32_t first_difference(const void* a, const void* b, int32_t bytes) {
  const uint8_t* x = static_cast<const uint8_t*>(a);
  const uint8_t* y = static_cast<const uint8_t*>(b);
  for (int32_t i = 0; i < bytes; ++i) {
    if (x[i] != y[i]) return i;
  }
  return -1;
}

inline int32_t type_bytes(qrt::LlmType t) { return t == qrt::kLlmInt8 ? 1 : (t == qrt::kLlmInt16 ? 2 : 4); }

// A requantization pair: realistic (real multiplier `real` times a factor in [1/4, 4]) or one of
// the extremes (shift -31 or 30, multiplier +-(2^31 - 1), 1, 0, negative).
inline void draw_multiplier(Rng& rng, bool extreme, double real, int32_t* multiplier, int32_t* shift) {
  if (!extreme) {
    const qrt_test_util::Multiplier m = qrt_test_util::to_multiplier(real * rng.real(0.25, 4.0));
    *multiplier = m.multiplier;
    *shift = m.shift < -31 ? -31 : (m.shift > 30 ? 30 : m.shift);
    return;
  }
  static const int32_t kMultipliers[] = {INT32_MAX, -INT32_MAX, 1, 0, 1 << 30, -(1 << 30), 12345};
  static const int32_t kShifts[] = {-31, 30, 0, -20, -1, 10};
  *multiplier = kMultipliers[rng.uniform(0, 6)];
  *shift = kShifts[rng.uniform(0, 5)];
}

inline const char* type_name(qrt::LlmType t) {
  return t == qrt::kLlmInt8 ? "s8" : (t == qrt::kLlmInt16 ? "s16" : "s32");
}

}  // namespace opt_llm_test

#endif  // QRT_TESTS_OPS_TEST_OPT_LLM_UTIL_H
