#include "internal.h"

namespace qrt {
namespace {
// Nibble-wise table (64 bytes of flash instead of 1 KB for the byte-wise one): two lookups per
// byte are fast enough for a once-per-load check.
constexpr uint32_t kNibbleTable[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
    0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
    0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};
}  // namespace

// IEEE CRC-32 of data[0, size) where the four bytes at skip_offset are read as zero (the header's
// own crc32 field).
uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t skip_offset) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) {
    const uint8_t byte = (i >= skip_offset && i < skip_offset + 4u) ? 0 : data[i];
    crc ^= byte;
    crc = (crc >> 4) ^ kNibbleTable[crc & 15u];
    crc = (crc >> 4) ^ kNibbleTable[crc & 15u];
  }
  return crc ^ 0xFFFFFFFFu;
}

}  // namespace qrt
