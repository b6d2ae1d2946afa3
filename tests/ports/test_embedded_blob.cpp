// qrt_embed_blob() (ports/CMakeLists.txt): the bytes linked into the image equal the file on the
// host, start 16-byte aligned, and on Cortex-M sit in the flash region (read in place, never
// copied to RAM).
#include <stdint.h>
#include <string.h>

#include "qrt_test.h"
#include "qrt_test_embedded_sample.h"

#if defined(__arm__) && !defined(__linux__)
extern "C" const char __flash_region_start__[];
extern "C" const char __flash_region_end__[];
#endif

QRT_TEST(embedded_blob, equals_the_host_file) {
  static unsigned char host_copy[64 * 1024];
  const long size = qrt_test::read_file(QRT_TEST_EMBEDDED_PATH, host_copy, sizeof host_copy);
  QRT_ASSERT(size > 0);
  QRT_ASSERT_EQ(qrt_test_embedded_sample_size, size);
  QRT_EXPECT(memcmp(qrt_test_embedded_sample, host_copy, static_cast<size_t>(size)) == 0);
}

QRT_TEST(embedded_blob, is_aligned_and_read_in_place) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(qrt_test_embedded_sample);
  QRT_EXPECT_EQ(address % 16, 0);
#if defined(__arm__) && !defined(__linux__)
  QRT_EXPECT(address >= reinterpret_cast<uintptr_t>(__flash_region_start__));
  QRT_EXPECT(address + qrt_test_embedded_sample_size <=
             reinterpret_cast<uintptr_t>(__flash_region_end__));
#endif
}
