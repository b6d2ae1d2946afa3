// Memory plans for another target than the one running, so that the host tools size a device's
// arena exactly (`qrt plan MODEL --target cortex-m4`). Two things differ between targets: the
// pointer size (the session's own state and its per-tensor and per-operator tables) and the
// kernel variants (their scratch, kernel_select.h). Both enter here; everything else of the plan
// is the blob's.
#ifndef QRT_PLAN_TARGET_H
#define QRT_PLAN_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/qrt.h"

namespace qrt {

struct PlanTarget {
  IsaSet isas;             // the extensions whose kernel variants it runs (kReferenceOnly: none)
  uint32_t pointer_bytes;  // 4 (Cortex-M, armhf) or 8 (x86-64, AArch64)
};

// The running target as qrt_plan_memory() plans it: its extensions (none when
// options->use_reference_kernels is set) and its pointer size.
PlanTarget running_target(const qrt_options* options);

// qrt_plan_memory() for `target`; options->use_reference_kernels is not read (target.isas
// decides). QRT_ERR_BAD_ARGUMENT for a pointer size other than 4 or 8.
qrt_status plan_memory_for(const void* blob, size_t blob_bytes, const qrt_options* options,
                           const PlanTarget& target, qrt_memory_report* report, qrt_error* err);

}  // namespace qrt

#endif  // QRT_PLAN_TARGET_H
