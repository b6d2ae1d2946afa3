// libFuzzer target: the NumPy .npy reader (qrt eval-set --npy). A file that parses has a supported
// dtype and exactly its shape's bytes of data; one that does not has a message.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <string>

#include "accept/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qrt::host::accept::NpyArray a;
  std::string error;
  if (!qrt::host::accept::parse_npy(data, size, "fuzz.npy", &a, &error)) {
    if (error.empty()) abort();
    return 0;
  }
  if (a.item_bytes() == 0 || a.item_bytes() > 8 ||
      a.data.size() != static_cast<size_t>(a.elements()) * a.item_bytes()) {
    abort();
  }
  return 0;
}
