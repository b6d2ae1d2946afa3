// The target runs the optimized kernel variants it must, and they really are other functions than
// the references. Without this check a selector (or a CMake change that stops compiling an ISA
// folder) could fall back to the reference and every test_opt_* would compare the reference with
// itself and pass.
//
// The expectation comes from outside the code under test: each toolchain file states its
// extension (QRT_EXPECTED_ISA: arm-dsp on Cortex-M4/M7, arm-mve on M55, arm-neon-dotprod on
// AArch64 with the dot-product extension, reference on Cortex-M3 and armhf), and on an x86-64
// host the CPU's own flag list (/proc/cpuinfo) says whether AVX2 must be in use.
#include <stdio.h>
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm_opt.h"
#include "qrt_test.h"

namespace {

#if defined(QRT_TEST_EXPECTED_ISA)
const char* expected_isa() { return QRT_TEST_EXPECTED_ISA; }
#elif defined(__x86_64__) && defined(__linux__)
// "x86-avx2" when the kernel lists the avx2 flag for this CPU, "reference" otherwise.
const char* expected_isa() {
  FILE* f = fopen("/proc/cpuinfo", "r");
  if (f == nullptr) return "unknown (no /proc/cpuinfo)";
  char line[4096];
  bool avx2 = false;
  while (!avx2 && fgets(line, sizeof line, f) != nullptr) {
    if (strncmp(line, "flags", 5) == 0) avx2 = strstr(line, " avx2") != nullptr;
  }
  fclose(f);
  return avx2 ? "x86-avx2" : "reference";
}
#else
const char* expected_isa() { return "unknown (set QRT_EXPECTED_ISA in the toolchain)"; }
#endif

bool is_expected(qrt::Isa variant) { return strcmp(qrt::isa_name(variant), expected_isa()) == 0; }

}  // namespace

QRT_TEST(kernel_choice, cnn_variants_are_the_targets) {
  const qrt::IsaSet target = qrt::target_isas();
  const qrt::Isa conv = qrt::conv2d_s8_variant(target);
  printf("  expected %s, CONV_2D runs %s\n", expected_isa(), qrt::isa_name(conv));
  QRT_EXPECT(is_expected(conv));
  QRT_EXPECT(is_expected(qrt::depthwise_conv2d_s8_variant(target)));
  QRT_EXPECT(is_expected(qrt::fully_connected_s8_variant(target)));
  QRT_EXPECT(is_expected(qrt::fully_connected_s16_variant(target)));
  QRT_EXPECT(is_expected(qrt::depthwise_conv2d_s16_variant(target)));
  // CONV_2D 16x8 has no NEON variant (the auto-vectorized reference is faster on AArch64).
  const qrt::Isa conv16 = qrt::conv2d_s16_variant(target);
  QRT_EXPECT(is_expected(conv16) || (conv16 == qrt::Isa::kReference && strcmp(expected_isa(), "arm-neon-dotprod") == 0));
  if (conv == qrt::Isa::kReference) {
    printf("  this target has no optimized CNN kernels: the opt tests compare the reference with "
           "itself by design\n");
    return;
  }
  QRT_EXPECT(qrt::conv2d_s8_kernel(conv) != qrt::conv2d_s8_ref);
  QRT_EXPECT(qrt::depthwise_conv2d_s8_kernel(conv) != qrt::depthwise_conv2d_s8_ref);
  QRT_EXPECT(qrt::fully_connected_s8_kernel(conv) != qrt::fully_connected_s8_ref);
  QRT_EXPECT(qrt::fully_connected_s16_kernel(conv) != qrt::fully_connected_s16_ref);
  QRT_EXPECT(qrt::depthwise_conv2d_s16_kernel(conv) != qrt::depthwise_conv2d_s16_ref);
  QRT_EXPECT(conv16 == qrt::Isa::kReference || qrt::conv2d_s16_kernel(conv16) != qrt::conv2d_s16_ref);
}

// INT4 weights: Cortex-M targets run ops/dsp and, with Helium, ops/mve variants, AArch64 ops/neon,
// x86 with AVX2 ops/x86.
QRT_TEST(kernel_choice, int4_weight_variants) {
  const qrt::IsaSet target = qrt::target_isas();
  const qrt::Isa conv = qrt::conv2d_s8s4_variant(target);
  printf("  INT4 CONV_2D runs %s, DEPTHWISE_CONV_2D %s, FULLY_CONNECTED %s\n", qrt::isa_name(conv),
         qrt::isa_name(qrt::depthwise_conv2d_s8s4_variant(target)),
         qrt::isa_name(qrt::fully_connected_s8s4_variant(target)));
  const bool dsp = target.has(qrt::Isa::kArmDsp), mve = target.has(qrt::Isa::kArmMve);
  const qrt::Isa best = mve ? qrt::Isa::kArmMve
                        : dsp ? qrt::Isa::kArmDsp
                        : target.has(qrt::Isa::kArmNeonDot) ? qrt::Isa::kArmNeonDot
                        : target.has(qrt::Isa::kX86Avx2) ? qrt::Isa::kX86Avx2 : qrt::Isa::kReference;
  QRT_EXPECT(conv == best);
  QRT_EXPECT(qrt::fully_connected_s8s4_variant(target) == best);
  QRT_EXPECT(qrt::depthwise_conv2d_s8s4_variant(target) == best);
  if (best != qrt::Isa::kReference) {
    QRT_EXPECT(qrt::conv2d_s8s4_kernel(conv) != qrt::conv2d_s8s4_ref);
    QRT_EXPECT(qrt::fully_connected_s8s4_kernel(conv) != qrt::fully_connected_s8s4_ref);
  }
  if (best != qrt::Isa::kReference) {
    QRT_EXPECT(qrt::depthwise_conv2d_s8s4_kernel(best) != qrt::depthwise_conv2d_s8s4_ref);
  }
  const qrt::IsaSet none = qrt::kReferenceOnly;
  QRT_EXPECT(qrt::conv2d_s8s4_kernel(qrt::conv2d_s8s4_variant(none)) == qrt::conv2d_s8s4_ref);
  QRT_EXPECT(qrt::depthwise_conv2d_s8s4_kernel(qrt::depthwise_conv2d_s8s4_variant(none)) ==
             qrt::depthwise_conv2d_s8s4_ref);
  QRT_EXPECT(qrt::fully_connected_s8s4_kernel(qrt::fully_connected_s8s4_variant(none)) ==
             qrt::fully_connected_s8s4_ref);
}

QRT_TEST(kernel_choice, llm_variants_are_the_targets) {
  const qrt::IsaSet target = qrt::target_isas();
  const qrt::Isa matvec = qrt::llm_matvec_variant(target);
  printf("  expected %s, MATMUL runs %s\n", expected_isa(), qrt::isa_name(matvec));
  QRT_EXPECT(is_expected(matvec));
  QRT_EXPECT(is_expected(qrt::llm_attention_variant(target)));
  QRT_EXPECT(is_expected(qrt::llm_swiglu_variant(target)));
  if (matvec == qrt::Isa::kReference) return;
  QRT_EXPECT(qrt::llm_matvec_kernel(matvec) != qrt::llm_matvec_ref);
  QRT_EXPECT(qrt::llm_attention_kernel(matvec) != qrt::llm_attention_ref);
  QRT_EXPECT(qrt::llm_swiglu_kernel(matvec) != qrt::llm_swiglu_ref);
}

// The reference-only set (qrt_options.use_reference_kernels) selects the reference everywhere.
QRT_TEST(kernel_choice, reference_set_selects_the_references) {
  const qrt::IsaSet none = qrt::kReferenceOnly;
  QRT_EXPECT(qrt::conv2d_s8_kernel(qrt::conv2d_s8_variant(none)) == qrt::conv2d_s8_ref);
  QRT_EXPECT(qrt::depthwise_conv2d_s8_kernel(qrt::depthwise_conv2d_s8_variant(none)) ==
             qrt::depthwise_conv2d_s8_ref);
  QRT_EXPECT(qrt::fully_connected_s8_kernel(qrt::fully_connected_s8_variant(none)) ==
             qrt::fully_connected_s8_ref);
  QRT_EXPECT(qrt::fully_connected_s16_kernel(qrt::fully_connected_s16_variant(none)) ==
             qrt::fully_connected_s16_ref);
  QRT_EXPECT(qrt::conv2d_s16_kernel(qrt::conv2d_s16_variant(none)) == qrt::conv2d_s16_ref);
  QRT_EXPECT(qrt::depthwise_conv2d_s16_kernel(qrt::depthwise_conv2d_s16_variant(none)) ==
             qrt::depthwise_conv2d_s16_ref);
  QRT_EXPECT(qrt::llm_matvec_kernel(qrt::llm_matvec_variant(none)) == qrt::llm_matvec_ref);
  QRT_EXPECT(qrt::llm_attention_kernel(qrt::llm_attention_variant(none)) == qrt::llm_attention_ref);
  QRT_EXPECT(qrt::llm_swiglu_kernel(qrt::llm_swiglu_variant(none)) == qrt::llm_swiglu_ref);
}

// Capability order: a set holding several extensions picks the strongest each family has, and an
// extension the family has no variant for falls through.
QRT_TEST(kernel_choice, capability_order) {
  const qrt::IsaSet m55 = qrt::kReferenceOnly.with(qrt::Isa::kArmDsp).with(qrt::Isa::kArmMve);
  QRT_EXPECT(qrt::conv2d_s8_variant(m55) == qrt::Isa::kArmMve);
  QRT_EXPECT(qrt::llm_matvec_variant(m55) == qrt::Isa::kArmMve);
  const qrt::IsaSet m4 = qrt::kReferenceOnly.with(qrt::Isa::kArmDsp);
  QRT_EXPECT(qrt::conv2d_s8_variant(m4) == qrt::Isa::kArmDsp);
  QRT_EXPECT(qrt::llm_attention_variant(m4) == qrt::Isa::kArmDsp);
  // SWIGLU has no vector variant on Arm: the portable fast one runs there.
  QRT_EXPECT(qrt::llm_swiglu_variant(m4) == qrt::Isa::kArmDsp);
}
