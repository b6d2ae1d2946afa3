// Test buffers whose last usable byte sits right before a guard zone, so that a kernel reading or
// writing past the end of a tensor is caught instead of landing in a neighbouring array.
//
//   static qrt_test::GuardedBuffer g_input(4096);        // once, at static initialisation
//   int8_t* in = g_input.tail_as<int8_t>(n);             // the last n elements before the guard
//   kernel(in, ...);
//   QRT_EXPECT(g_output.guard_intact());                 // nothing written past the output
//
// Guard zone per target:
// - Linux (host, aarch64/armhf under qemu-user): each buffer is its own mapping followed by an
//   inaccessible page. A read or write one byte past the end faults at once (SIGSEGV), with or
//   without AddressSanitizer (whose redzones the neighbouring-array layout never had).
// - ARMv7-M (Cortex-M3/M4/M7): the 32 bytes after the end are an MPU region with no access (while
//   the MPU's regions last: six buffers per program), so a read past the end is a MemManage fault.
// - Otherwise on bare metal (Cortex-M55: ARMv8-M's MPU has no "no access" permission, and v7-M
//   buffers beyond the sixth): a 32-byte canary zone; guard_intact() reports a write into it, a
//   read past the end is not caught.
//
// When a tail must be aligned more strictly than its size allows (scratch, 16 bytes), the slack
// between its end and the guard zone is canary-filled and checked like the canary zone.
#ifndef QRT_TESTS_HARNESS_GUARDED_BUFFER_H
#define QRT_TESTS_HARNESS_GUARDED_BUFFER_H

#include <stddef.h>
#include <stdint.h>

namespace qrt_test {

class GuardedBuffer {
 public:
  static constexpr uint8_t kCanary = 0xA5;
  static constexpr size_t kCanaryBytes = 32;

  // Reserves `capacity` usable bytes (plus the guard). Aborts the test program with a message
  // when the memory cannot be had: a test without its guard must not run silently.
  explicit GuardedBuffer(size_t capacity);
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;

  // The last `bytes` bytes before the guard, starting at a multiple of `align` (a power of two);
  // the bytes between their end and the guard, if any, and the canary zone are refilled.
  // Returns nullptr when `bytes` (plus alignment slack) exceeds the capacity.
  uint8_t* tail(size_t bytes, size_t align = 1);

  template <typename T>
  T* tail_as(size_t count) {
    return reinterpret_cast<T*>(tail(count * sizeof(T), alignof(T)));
  }

  // True when nothing was written between the end of the last tail() and the end of the guard
  // zone's canaries (always true past the inaccessible page on Linux: a write there faults).
  bool guard_intact() const;

  size_t capacity() const { return capacity_; }

  // First byte past the usable region (the guard page on Linux, the canaries on bare metal).
  const uint8_t* guard_begin() const { return end_; }

  // True when touching guard_begin() faults (Linux; ARMv7-M while MPU regions last).
  bool zone_faults() const { return zone_faults_; }

 private:
  bool zone_faults_ = false;  // set by the allocation, before end_
  uint8_t* end_ = nullptr;
  size_t capacity_ = 0;
  uint8_t* last_end_ = nullptr;
};

}  // namespace qrt_test

#endif  // QRT_TESTS_HARNESS_GUARDED_BUFFER_H
