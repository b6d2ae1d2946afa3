// A deliberate over-read, to show that the test buffers' guard zones catch one
// (tests/harness/guarded_buffer.h): the reference FULLY_CONNECTED is told the input has one
// element more than its guarded buffer holds, so its last multiply-accumulate reads the byte right
// after the buffer. The program must die there (SIGSEGV on Linux, MemManage fault on ARMv7-M);
// reaching the end of main means the guard failed, and the exit status says so.
#include <stdio.h>
#include <string.h>

#include "guarded_buffer.h"
#include "qrt/ops/kernels_s8.h"
#include "qrt/ops/params.h"

int main() {
  constexpr int32_t kDepth = 24, kUnits = 3;
  static qrt_test::GuardedBuffer input(kDepth), weights(kDepth * kUnits), output(kUnits);
  int8_t* in = input.tail_as<int8_t>(kDepth - 1);  // one element short
  int8_t* w = weights.tail_as<int8_t>(kDepth * kUnits);
  memset(in, 1, kDepth - 1);
  memset(w, 1, kDepth * kUnits);
  const int32_t multiplier = 1 << 30, shift = 0;
  qrt::FullyConnectedParams p{};
  p.act_min = -128;
  p.act_max = 127;
  p.channel_count = 1;
  qrt::FullyConnectedS8Args a{};
  a.params = &p;
  a.multipliers = &multiplier;
  a.shifts = &shift;
  a.batches = 1;
  a.input_depth = kDepth;
  a.output_depth = kUnits;
  a.input = in;
  a.weights = w;
  a.output = output.tail_as<int8_t>(kUnits);
  printf("guard_overread_probe: reading %d bytes from a %d-byte guarded input\n",
         static_cast<int>(kDepth), static_cast<int>(kDepth - 1));
  fflush(stdout);
  qrt::fully_connected_s8_ref(a);
  printf("guard_overread_probe: the over-read was NOT caught (output %d)\n", a.output[0]);
  return 1;
}
