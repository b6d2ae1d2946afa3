#include "plan_targets.h"

#include <string.h>

#include "op_registry.h"

namespace qrt {
namespace host {
namespace {

struct NamedTarget {
  const char* name;
  IsaSet isas;
  uint32_t pointer_bytes;
};

constexpr IsaSet kDsp = kReferenceOnly.with(Isa::kArmDsp);
// Cortex-M55 has the DSP extension and Helium; ops/CMakeLists.txt compiles both folders.
constexpr IsaSet kDspMve = kDsp.with(Isa::kArmMve);

const NamedTarget kTargets[] = {
    {"cortex-m3", kReferenceOnly, 4},
    {"cortex-m4", kDsp, 4},
    {"cortex-m7", kDsp, 4},
    {"cortex-m55", kDspMve, 4},
    {"aarch64", kReferenceOnly.with(Isa::kArmNeonDot), 8},  // toolchains/aarch64-linux.cmake: +dotprod
    {"armhf", kReferenceOnly, 4},
};

}  // namespace

const char* plan_target_names() {
  return "host|cortex-m3|cortex-m4|cortex-m7|cortex-m55|aarch64|armhf";
}

bool plan_target(const std::string& name, bool reference, PlanTarget* target) {
  if (name == "host") {
    *target = running_target(nullptr);
  } else {
    const NamedTarget* found = nullptr;
    for (const NamedTarget& t : kTargets) {
      if (name == t.name) found = &t;
    }
    if (found == nullptr) return false;
    *target = PlanTarget{found->isas, found->pointer_bytes};
  }
  if (reference) target->isas = kReferenceOnly;
  return true;
}

bool plan_model_for(const ModelFile& model, const PlanTarget& target, qrt_memory_report* plan,
                    std::string* error) {
  const qrt_options options = all_ops_options();
  qrt_error err{};
  const qrt_status s =
      plan_memory_for(model.blob.data(), model.blob.size(), &options, target, plan, &err);
  if (s != QRT_OK) {
    *error = describe_error(s, err);
    return false;
  }
  return true;
}

}  // namespace host
}  // namespace qrt
