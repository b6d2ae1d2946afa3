// Footprint of firmware images per target: bytes by component from the linker map, plus what a run
// reports (arena, stack high-water, cycles, instructions); printed as tables and JSON. Host-only.
#ifndef QRT_BENCH_FOOTPRINT_FOOTPRINT_REPORT_H
#define QRT_BENCH_FOOTPRINT_FOOTPRINT_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include <map>
#include <string>
#include <vector>

#include "linker_map.h"

namespace qrt_footprint {

// Components an object can belong to, in report order.
extern const char* const kComponents[];
extern const int kComponentCount;

struct Firmware {
  std::string name;  // core, all, or a model name
  std::string kind;  // core, all, model
  std::string ops;   // comma-separated operator list, "-" for none/default
  std::string elf, map_path;
  LinkerMap map;
  std::map<std::string, Bytes> by_component;
  uint64_t flash_bytes = 0;       // code + read-only data + .data load image
  uint64_t ram_static_bytes = 0;  // .data + .bss without the arena buffer
  uint64_t stack_reserved = 0, heap_reserved = 0;
  // From running the image (-1 when not run or not available on the target).
  int64_t status = -1, blob_bytes = -1, arena_bytes = -1, stack_high_water = -1;
  int64_t cycles = -1, cycles_per_second = -1;
  int64_t instructions = -1;  // one inference, from the instruction-counting plugin
};

struct Target {
  std::string name;  // cortex-m4, aarch64-linux, ...
  std::string budget_name;  // e.g. "1M/256K" (Cortex-M)
  uint64_t budget_flash = 0, budget_ram = 0;
  std::string runner;
  std::map<std::string, std::string> components;  // source name -> component
  std::map<std::string, std::string> sources;     // source name -> path in the repository
  std::vector<Firmware> firmware;
};

// Component of one map object key ("dir/libqrt.a(session.cpp.obj)") for this target.
std::string component_of(const Target& target, const std::string& object);

// Fills by_component and the totals of `fw` from its parsed map.
void account(const Target& target, Firmware* fw);

// Total RAM a model needs at run time: static data + planned arena + stack high-water (or the
// reserved stack when not measured). -1 when the arena is unknown.
int64_t ram_total(const Firmware& fw);

void print_tables(FILE* out, const std::vector<Target>& targets);
void write_json(FILE* out, const std::vector<Target>& targets);

}  // namespace qrt_footprint

#endif  // QRT_BENCH_FOOTPRINT_FOOTPRINT_REPORT_H
