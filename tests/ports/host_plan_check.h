// The host's plan of a blob for this target (`qrt plan BLOB --target T --c-header`, made at build
// time by the host qrt: QRT_PLAN_* and QRT_PLAN_REFERENCE_* in the header the build names in
// QRT_HOST_PLAN_HEADER) against the plan this device makes of the same blob, region by region,
// with the target's kernels and with the reference kernels. The README promises an exact arena
// from the blob alone: a device sized from the host must never see QRT_ERR_ARENA_TOO_SMALL.
#ifndef QRT_TESTS_PORTS_HOST_PLAN_CHECK_H
#define QRT_TESTS_PORTS_HOST_PLAN_CHECK_H

#include <stdio.h>
#include <string.h>

#include "qrt/qrt.h"
#include "qrt_test.h"

#if defined(QRT_HOST_PLAN_HEADER)
#include QRT_HOST_PLAN_HEADER

namespace host_plan {

struct Regions {
  size_t arena, runtime_state, persistent, activations, scratch, plan_check;
};

inline Regions regions_of(const qrt_memory_report& m) {
  return Regions{m.arena_bytes,      m.runtime_state_bytes, m.persistent_bytes,
                 m.activation_bytes, m.scratch_bytes,       m.plan_check_bytes};
}

constexpr Regions kHost = {QRT_PLAN_ARENA_BYTES,      QRT_PLAN_RUNTIME_STATE_BYTES,
                           QRT_PLAN_PERSISTENT_BYTES, QRT_PLAN_ACTIVATION_BYTES,
                           QRT_PLAN_SCRATCH_BYTES,    QRT_PLAN_PLAN_CHECK_BYTES};
constexpr Regions kHostReference = {
    QRT_PLAN_REFERENCE_ARENA_BYTES,      QRT_PLAN_REFERENCE_RUNTIME_STATE_BYTES,
    QRT_PLAN_REFERENCE_PERSISTENT_BYTES, QRT_PLAN_REFERENCE_ACTIVATION_BYTES,
    QRT_PLAN_REFERENCE_SCRATCH_BYTES,    QRT_PLAN_REFERENCE_PLAN_CHECK_BYTES};

// Plans `blob` here with `options` (its op tables; use_reference_kernels is set per case) and
// compares both kernel choices with the host's figures.
inline void expect_host_plan(qrt_test::Context* qrt_test_ctx, const void* blob, size_t bytes,
                             qrt_options options) {
  for (int reference = 0; reference <= 1; ++reference) {
    options.use_reference_kernels = reference;
    qrt_memory_report m;
    qrt_error err;
    QRT_ASSERT_EQ(qrt_plan_memory(blob, bytes, &options, &m, &err), QRT_OK);
    const Regions got = regions_of(m);
    const Regions& want = reference != 0 ? kHostReference : kHost;
    printf("  %s kernels: device arena %lu, host %lu (scratch %lu / %lu)\n",  // no %zu in newlib-nano
           reference != 0 ? "reference" : "target", static_cast<unsigned long>(got.arena),
           static_cast<unsigned long>(want.arena), static_cast<unsigned long>(got.scratch),
           static_cast<unsigned long>(want.scratch));
    QRT_EXPECT_EQ(got.arena, want.arena);
    QRT_EXPECT_EQ(got.runtime_state, want.runtime_state);
    QRT_EXPECT_EQ(got.persistent, want.persistent);
    QRT_EXPECT_EQ(got.activations, want.activations);
    QRT_EXPECT_EQ(got.scratch, want.scratch);
    QRT_EXPECT_EQ(got.plan_check, want.plan_check);
  }
}

}  // namespace host_plan

#endif  // QRT_HOST_PLAN_HEADER

#endif  // QRT_TESTS_PORTS_HOST_PLAN_CHECK_H
