// The ready-made per-operator cycle profiler (an observer over the port's cycle counter).
#include "qrt/port.h"
#include "qrt/qrt.h"

namespace {

void profile_begin(void* user, const qrt_session*, int32_t) {
  static_cast<qrt_profile*>(user)->started = qrt_port_cycles();
}

void profile_end(void* user, const qrt_session*, int32_t op_index) {
  auto* p = static_cast<qrt_profile*>(user);
  const uint64_t now = qrt_port_cycles();
  if (op_index < p->op_capacity) p->op_cycles[op_index] += now - p->started;
}

}  // namespace

extern "C" qrt_observer qrt_profile_observer(qrt_profile* profile) {
  qrt_observer o;
  o.user = profile;
  o.op_begin = profile_begin;
  o.op_end = profile_end;
  return o;
}
