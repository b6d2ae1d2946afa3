// Reads a GNU ld map file (-Wl,-Map) into per-object, per-section-class byte counts. Host-only.
#ifndef QRT_BENCH_FOOTPRINT_LINKER_MAP_H
#define QRT_BENCH_FOOTPRINT_LINKER_MAP_H

#include <stdint.h>

#include <map>
#include <string>
#include <vector>

namespace qrt_footprint {

// Where an output section's bytes live.
enum class SectionClass { kCode, kReadOnly, kData, kBss, kReserved, kIgnored };

// Classifies an output section by name (.text -> code, .rodata/.ARM.exidx/.qrt_models -> read-only,
// .data -> data, .bss -> bss, .stack/.heap -> reserved, debug and dynamic-linking info -> ignored).
SectionClass classify_output_section(const std::string& name);

struct Bytes {
  uint64_t text = 0;    // code
  uint64_t rodata = 0;  // read-only data (constants, tables, models, unwinding tables)
  uint64_t data = 0;    // initialized RAM (also costs its load image in flash)
  uint64_t bss = 0;     // zeroed RAM
};

struct OutputSection {
  std::string name;
  SectionClass cls = SectionClass::kIgnored;
  uint64_t address = 0;
  uint64_t size = 0;
};

struct LinkerMap {
  std::vector<OutputSection> sections;
  // Input bytes by contributing object, keyed as written in the map: "dir/x.cpp.obj" or
  // "dir/libqrt.a(session.cpp.obj)"; "*fill*" collects alignment padding.
  std::map<std::string, Bytes> objects;
  uint64_t arena_buffer = 0;  // bytes of .bss.qrt_arena (bench/footprint's static arena)
};

// Parses `path`. Returns false with a message when it cannot be read or has no memory map.
bool read_linker_map(const std::string& path, LinkerMap* map, std::string* error);

// "dir/libqrt.a(session.cpp.obj)" -> "libqrt.a"; "dir/x.cpp.obj" -> "".
std::string archive_of(const std::string& object);
// "dir/libqrt.a(session.cpp.obj)" -> "session.cpp"; "dir/x.cpp.obj" -> "x.cpp" (the source name
// CMake gave the object, without .obj/.o).
std::string source_name_of(const std::string& object);

}  // namespace qrt_footprint

#endif  // QRT_BENCH_FOOTPRINT_LINKER_MAP_H
