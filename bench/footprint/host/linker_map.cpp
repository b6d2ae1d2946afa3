// GNU ld map parsing. The part after "Linker script and memory map" lists each output section
// (name at column 0, then address and size), and under it each input section (one leading space,
// then name, address, size and the contributing file; a long name pushes the rest onto the next
// line). Symbol and assignment lines carry a single hex number and are skipped.
#include "linker_map.h"

#include <stdio.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

namespace qrt_footprint {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool parse_hex(const std::string& token, uint64_t* value) {
  if (!starts_with(token, "0x")) return false;
  char* end = nullptr;
  *value = strtoull(token.c_str() + 2, &end, 16);
  return end != nullptr && *end == '\0';
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> tokens;
  std::istringstream in(line);
  std::string t;
  while (in >> t) tokens.push_back(t);
  return tokens;
}

// "0xADDR 0xSIZE [file...]": returns true for an address/size pair and the rest as the file.
bool address_size_file(const std::vector<std::string>& t, size_t first, uint64_t* address,
                       uint64_t* size, std::string* file) {
  if (t.size() < first + 2) return false;
  if (!parse_hex(t[first], address) || !parse_hex(t[first + 1], size)) return false;
  file->clear();
  for (size_t i = first + 2; i < t.size(); ++i) {
    if (!file->empty()) *file += ' ';
    *file += t[i];
  }
  return true;
}

}  // namespace

SectionClass classify_output_section(const std::string& n) {
  if (n == ".stack" || n == ".heap") return SectionClass::kReserved;
  if (n == ".isr_vector" || n == ".text" || n == ".init" || n == ".fini" || n == ".plt" ||
      n == ".iplt" || n == ".plt.got")
    return SectionClass::kCode;
  if (n == ".rodata" || n == ".qrt_models" || n == ".ARM.extab" || n == ".ARM.exidx" ||
      n == ".eh_frame" || n == ".eh_frame_hdr" || n == ".gcc_except_table" ||
      n == ".preinit_array" || n == ".init_array" || n == ".fini_array" || n == ".data.rel.ro")
    return SectionClass::kReadOnly;
  if (n == ".data" || n == ".tdata" || n == ".got" || n == ".got.plt" || n == ".igot.plt" ||
      n == ".dynamic")
    return SectionClass::kData;
  if (n == ".bss" || n == ".tbss" || n == ".noinit") return SectionClass::kBss;
  return SectionClass::kIgnored;
}

std::string archive_of(const std::string& object) {
  const size_t open = object.find('(');
  if (open == std::string::npos) return "";
  const std::string path = object.substr(0, open);
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string source_name_of(const std::string& object) {
  std::string name = object;
  const size_t open = name.find('(');
  if (open != std::string::npos) {
    name = name.substr(open + 1);
    if (!name.empty() && name.back() == ')') name.pop_back();
  }
  const size_t slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  for (const char* ext : {".obj", ".o"}) {
    const std::string e = ext;
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      name.resize(name.size() - e.size());
      break;
    }
  }
  return name;
}

bool read_linker_map(const std::string& path, LinkerMap* map, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::string line;
  bool in_memory_map = false;
  while (std::getline(in, line)) {
    if (starts_with(line, "Linker script and memory map")) {
      in_memory_map = true;
      break;
    }
  }
  if (!in_memory_map) {
    *error = path + ": no \"Linker script and memory map\" part";
    return false;
  }
  OutputSection* current = nullptr;
  std::string pending_output;  // output section name whose address/size is on the next line
  std::string pending_input;   // input section name whose address/size/file is on the next line
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> t = split(line);
    if (t.empty()) continue;
    uint64_t address = 0, size = 0;
    std::string file;
    if (!pending_output.empty()) {
      const std::string name = pending_output;
      pending_output.clear();
      if (address_size_file(t, 0, &address, &size, &file)) {
        map->sections.push_back({name, classify_output_section(name), address, size});
        current = &map->sections.back();
        continue;
      }
    }
    if (line[0] == '.' || starts_with(line, "/DISCARD/")) {  // an output section
      if (address_size_file(t, 1, &address, &size, &file)) {
        map->sections.push_back({t[0], classify_output_section(t[0]), address, size});
        current = &map->sections.back();
      } else if (t.size() == 1) {
        pending_output = t[0];
        current = nullptr;
      }
      continue;
    }
    if (line[0] != ' ') {
      current = nullptr;  // LOAD, OUTPUT(...), START GROUP ...: outside any output section
      continue;
    }
    std::string input_name;
    size_t first = 1;
    if (!pending_input.empty()) {
      input_name = pending_input;
      pending_input.clear();
      first = 0;
    } else if (line.size() > 1 && line[1] != ' ' && line[1] != '*') {
      input_name = t[0];
    } else if (starts_with(line, " *fill*")) {
      input_name = "*fill*";
    } else {
      continue;  // a symbol, an assignment or an input pattern such as " *(.text .text.*)"
    }
    if (!address_size_file(t, first, &address, &size, &file)) {
      if (first == 1 && t.size() == 1) pending_input = input_name;  // rest on the next line
      continue;
    }
    if (current == nullptr || size == 0) continue;
    if (input_name == "*fill*") file = "*fill*";
    if (file.empty()) file = "(linker)";
    Bytes& b = map->objects[file];
    switch (current->cls) {
      case SectionClass::kCode: b.text += size; break;
      case SectionClass::kReadOnly: b.rodata += size; break;
      case SectionClass::kData: b.data += size; break;
      case SectionClass::kBss:
        if (input_name == ".bss.qrt_arena") map->arena_buffer += size;
        else b.bss += size;
        break;
      default: break;
    }
  }
  return true;
}

}  // namespace qrt_footprint
