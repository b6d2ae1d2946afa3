#include "guarded_buffer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace qrt_test {
namespace {

uintptr_t align_down(uintptr_t v, size_t a) { return v & ~static_cast<uintptr_t>(a - 1); }

[[noreturn]] void give_up(const char* why, size_t capacity) {
  printf("FAIL GuardedBuffer(%lu): %s\n", static_cast<unsigned long>(capacity), why);
  exit(1);
}

#if defined(__linux__)
// One mapping per buffer: the usable pages, then one PROT_NONE page.
uint8_t* reserve(size_t capacity, bool* zone_faults) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t usable = (capacity + page - 1) / page * page;
  void* p = mmap(nullptr, usable + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) give_up("mmap failed", capacity);
  uint8_t* end = static_cast<uint8_t*>(p) + usable;
  if (mprotect(end, page, PROT_NONE) != 0) give_up("mprotect failed", capacity);
  *zone_faults = true;
  return end;
}
#else
// Bare metal: a bump allocator over a static pool; each buffer ends at a 32-byte boundary and is
// followed by its canary zone.
#ifndef QRT_TEST_GUARD_POOL_BYTES
#define QRT_TEST_GUARD_POOL_BYTES (512u * 1024u)
#endif
alignas(32) uint8_t g_pool[QRT_TEST_GUARD_POOL_BYTES];
size_t g_pool_used = 0;

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
// ARMv7-M (Cortex-M3/M4/M7): the canary zone of the first buffers also becomes an MPU region with
// no access, so a read past the end is a MemManage fault (the startup's handler reports it and
// exits 128+4). The startup uses regions 0 (flash read-only) and 1 (stack guard); regions with a
// higher number win where they overlap. ARMv8-M has no "no access" permission, so M55 keeps the
// canaries only.
constexpr uint32_t kFirstGuardRegion = 2;
uint32_t g_next_region = kFirstGuardRegion;

bool guard_region(uintptr_t begin) {
  volatile uint32_t* const mpu_type = reinterpret_cast<volatile uint32_t*>(0xE000ED90u);
  volatile uint32_t* const mpu_rnr = reinterpret_cast<volatile uint32_t*>(0xE000ED98u);
  volatile uint32_t* const mpu_rbar = reinterpret_cast<volatile uint32_t*>(0xE000ED9Cu);
  volatile uint32_t* const mpu_rasr = reinterpret_cast<volatile uint32_t*>(0xE000EDA0u);
  const uint32_t regions = (*mpu_type >> 8) & 0xFFu;
  if (g_next_region >= regions) return false;  // out of regions: canaries only
  *mpu_rnr = g_next_region++;
  *mpu_rbar = static_cast<uint32_t>(begin);
  // XN, AP=000 (no access), SIZE=4 (2^5 = 32 bytes), enabled.
  *mpu_rasr = (1u << 28) | (4u << 1) | 1u;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
  return true;
}
#else
bool guard_region(uintptr_t) { return false; }
#endif

uint8_t* reserve(size_t capacity, bool* zone_faults) {
  static_assert(GuardedBuffer::kCanaryBytes == 32, "the MPU region is 32 bytes");
  const size_t usable = (capacity + 31u) & ~static_cast<size_t>(31u);
  if (usable + GuardedBuffer::kCanaryBytes > sizeof g_pool - g_pool_used) {
    give_up("static pool exhausted (raise QRT_TEST_GUARD_POOL_BYTES)", capacity);
  }
  uint8_t* end = g_pool + g_pool_used + usable;
  g_pool_used += usable + GuardedBuffer::kCanaryBytes;
  *zone_faults = guard_region(reinterpret_cast<uintptr_t>(end));
  return end;
}
#endif

}  // namespace

GuardedBuffer::GuardedBuffer(size_t capacity)
    : end_(reserve(capacity, &zone_faults_)), capacity_(capacity), last_end_(end_) {}

uint8_t* GuardedBuffer::tail(size_t bytes, size_t align) {
  if (bytes > capacity_) return nullptr;
  const uintptr_t start = align_down(reinterpret_cast<uintptr_t>(end_) - bytes, align);
  if (reinterpret_cast<uintptr_t>(end_) - start > capacity_) return nullptr;
  uint8_t* p = reinterpret_cast<uint8_t*>(start);
  last_end_ = p + bytes;
  memset(last_end_, kCanary, static_cast<size_t>(end_ - last_end_));
  if (!zone_faults_) memset(end_, kCanary, kCanaryBytes);
  return p;
}

bool GuardedBuffer::guard_intact() const {
  for (const uint8_t* p = last_end_; p < end_; ++p) {
    if (*p != kCanary) return false;
  }
  if (zone_faults_) return true;
  for (size_t i = 0; i < kCanaryBytes; ++i) {
    if (end_[i] != kCanary) return false;
  }
  return true;
}

}  // namespace qrt_test
