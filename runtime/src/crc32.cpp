#include "internal.h"

namespace {
// Reflected CRC-32 a nibble at a time: a 64-byte table in flash instead of zlib's 1 KB one, at
// about half the speed, which is plenty for a check done once per load.
constexpr uint32_t kNibbleTable[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
    0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
    0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};
}  // namespace

extern "C" uint32_t qrt_crc32(uint32_t crc, const void* data, size_t bytes) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  crc = ~crc;
  for (size_t i = 0; i < bytes; ++i) {
    crc ^= p[i];
    crc = (crc >> 4) ^ kNibbleTable[crc & 15u];
    crc = (crc >> 4) ^ kNibbleTable[crc & 15u];
  }
  return ~crc;
}

namespace qrt {

uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t skip_offset) {
  const uint8_t zeros[4] = {0, 0, 0, 0};
  uint32_t crc = qrt_crc32(0, data, skip_offset);
  crc = qrt_crc32(crc, zeros, 4);
  return qrt_crc32(crc, data + skip_offset + 4, size - skip_offset - 4);
}

}  // namespace qrt
