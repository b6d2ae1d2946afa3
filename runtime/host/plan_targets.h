// The targets qrt builds for, by name, for plans made on the host (`qrt plan --target`): each
// one's pointer size and the kernel variants its build runs (the ISA folders ops/CMakeLists.txt
// compiles with the flags of toolchains/<name>.cmake).
#ifndef QRT_RUNTIME_HOST_PLAN_TARGETS_H
#define QRT_RUNTIME_HOST_PLAN_TARGETS_H

#include <string>

#include "model_file.h"
#include "qrt/plan_target.h"

namespace qrt {
namespace host {

// "host|cortex-m3|cortex-m4|cortex-m7|cortex-m55|aarch64|armhf": the names plan_target() takes.
const char* plan_target_names();

// The target called `name` ("host" is the machine running this, AVX2 as its CPU reports), with
// the reference kernels only when `reference` (qrt_options.use_reference_kernels on the device).
// False for an unknown name.
bool plan_target(const std::string& name, bool reference, PlanTarget* target);

// The memory plan of a loaded model on `target`, with every operator table of this build. On
// failure returns false with a one-line message.
bool plan_model_for(const ModelFile& model, const PlanTarget& target, qrt_memory_report* plan,
                    std::string* error);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_PLAN_TARGETS_H
