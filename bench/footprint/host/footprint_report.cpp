// Aggregation by component and the printed forms (tables and JSON).
#include "footprint_report.h"

#include <algorithm>

namespace qrt_footprint {

const char* const kComponents[] = {"runtime-core", "operators", "kernels", "kernels-optimized",
                                   "port", "float-path", "application", "model", "test-runtime",
                                   "libc", "libgcc", "libstdc++", "crt", "padding", "linker"};
const int kComponentCount = static_cast<int>(sizeof kComponents / sizeof kComponents[0]);

namespace {

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

std::string kb(uint64_t bytes) {
  char text[32];
  snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / 1024.0);
  return text;
}

std::string kb_or_dash(int64_t bytes) { return bytes < 0 ? "-" : kb(static_cast<uint64_t>(bytes)); }

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const Firmware* find(const Target& t, const std::string& name) {
  for (const Firmware& f : t.firmware)
    if (f.name == name) return &f;
  return nullptr;
}

uint64_t code_of(const Firmware& f, const char* component) {
  auto it = f.by_component.find(component);
  return it == f.by_component.end() ? 0 : it->second.text;
}

uint64_t library_text(const Firmware& f) {
  return code_of(f, "runtime-core") + code_of(f, "operators") + code_of(f, "kernels") +
         code_of(f, "kernels-optimized") + code_of(f, "port");
}

}  // namespace

std::string component_of(const Target& target, const std::string& object) {
  if (object == "*fill*") return "padding";
  if (object == "(linker)" || object.find("linker stubs") != std::string::npos) return "linker";
  const std::string archive = archive_of(object);
  const std::string source = source_name_of(object);
  if (starts_with(archive, "libc") || archive == "libm.a" || archive == "libg.a" ||
      archive == "libg_nano.a" || archive == "libnosys.a")
    return "libc";
  if (starts_with(archive, "libgcc")) return "libgcc";
  if (starts_with(archive, "libstdc++") || starts_with(archive, "libsupc++")) return "libstdc++";
  auto it = target.components.find(archive + ":" + source);  // same name in two archives
  if (it == target.components.end()) it = target.components.find(source);
  if (it != target.components.end()) return it->second;
  if (source == "qrt_footprint_model.S") return "model";
  if (starts_with(source, "crt") || source == "Scrt1" || source == "crt1") return "crt";
  return "application";
}

void account(const Target& target, Firmware* fw) {
  fw->by_component.clear();
  for (const auto& entry : fw->map.objects) {
    Bytes& b = fw->by_component[component_of(target, entry.first)];
    b.text += entry.second.text;
    b.rodata += entry.second.rodata;
    b.data += entry.second.data;
    b.bss += entry.second.bss;
  }
  fw->flash_bytes = fw->ram_static_bytes = fw->stack_reserved = fw->heap_reserved = 0;
  for (const OutputSection& s : fw->map.sections) {
    switch (s.cls) {
      case SectionClass::kCode:
      case SectionClass::kReadOnly: fw->flash_bytes += s.size; break;
      case SectionClass::kData:
        fw->flash_bytes += s.size;  // the load image of .data
        fw->ram_static_bytes += s.size;
        break;
      case SectionClass::kBss: fw->ram_static_bytes += s.size; break;
      case SectionClass::kReserved:
        if (s.name == ".stack") fw->stack_reserved += s.size;
        else fw->heap_reserved += s.size;
        break;
      default: break;
    }
  }
  fw->ram_static_bytes -= std::min(fw->ram_static_bytes, fw->map.arena_buffer);
}

int64_t ram_total(const Firmware& fw) {
  if (fw.arena_bytes < 0) return -1;
  const int64_t stack =
      fw.stack_high_water >= 0 ? fw.stack_high_water : static_cast<int64_t>(fw.stack_reserved);
  return static_cast<int64_t>(fw.ram_static_bytes) + fw.arena_bytes + stack;
}

void print_tables(FILE* out, const std::vector<Target>& targets) {
  // 1. The summary across targets: library .text of the core and of each model's op set.
  fprintf(out, "\n## Footprint summary (KB; library .text = runtime core + operators + kernels + port)\n\n");
  fprintf(out, "| target | image | ops | core .text | ops .text | library .text | flash total | "
               "static RAM | arena | stack high-water | RAM total | budget | fits | cycles | "
               "instructions |\n");
  fprintf(out, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const Target& t : targets) {
    for (const Firmware& f : t.firmware) {
      const uint64_t core = code_of(f, "runtime-core") + code_of(f, "port");
      const uint64_t ops = code_of(f, "operators") + code_of(f, "kernels") +
                           code_of(f, "kernels-optimized");
      const int64_t ram = ram_total(f);
      std::string fits = "-";
      if (t.budget_flash != 0 && ram >= 0)
        fits = (f.flash_bytes <= t.budget_flash && static_cast<uint64_t>(ram) <= t.budget_ram)
                   ? "yes" : "NO";
      const std::string ops_list = f.kind == "all" ? "(all)" : f.ops;
      fprintf(out, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
              t.name.c_str(), f.name.c_str(), ops_list.c_str(), kb(core).c_str(), kb(ops).c_str(),
              kb(library_text(f)).c_str(), kb(f.flash_bytes).c_str(),
              kb(f.ram_static_bytes).c_str(), kb_or_dash(f.arena_bytes).c_str(),
              kb_or_dash(f.stack_high_water).c_str(), kb_or_dash(ram).c_str(),
              t.budget_name.empty() ? "-" : t.budget_name.c_str(), fits.c_str(),
              f.cycles < 0 ? "-" : std::to_string(f.cycles).c_str(),
              f.instructions < 0 ? "-" : std::to_string(f.instructions).c_str());
    }
  }
  // 2. The cost of one inference per model and target, side by side.
  std::vector<std::string> models;
  for (const Target& t : targets)
    for (const Firmware& f : t.firmware)
      if (f.kind == "model" && std::find(models.begin(), models.end(), f.name) == models.end())
        models.push_back(f.name);
  if (!models.empty()) {
    fprintf(out, "\n## Instructions per inference (QEMU, exact: 2 runs minus 1 run; millions)\n\n");
    fprintf(out, "| model |");
    for (const Target& t : targets) fprintf(out, " %s |", t.name.c_str());
    fprintf(out, "\n|---|");
    for (size_t i = 0; i < targets.size(); ++i) fprintf(out, "---|");
    fprintf(out, "\n");
    for (const std::string& m : models) {
      fprintf(out, "| %s |", m.c_str());
      for (const Target& t : targets) {
        const Firmware* f = find(t, m);
        if (f == nullptr || f->instructions < 0) fprintf(out, " - |");
        else fprintf(out, " %.3f |", static_cast<double>(f->instructions) / 1e6);
      }
      fprintf(out, "\n");
    }
  }
  // 3. Per target: every component of every image (bytes).
  for (const Target& t : targets) {
    fprintf(out, "\n## %s: bytes by component (.text / .rodata / .data / .bss)\n\n", t.name.c_str());
    fprintf(out, "| component |");
    for (const Firmware& f : t.firmware) fprintf(out, " %s |", f.name.c_str());
    fprintf(out, "\n|---|");
    for (size_t i = 0; i < t.firmware.size(); ++i) fprintf(out, "---|");
    fprintf(out, "\n");
    for (int c = 0; c < kComponentCount; ++c) {
      bool any = false;
      for (const Firmware& f : t.firmware) any = any || f.by_component.count(kComponents[c]) != 0;
      if (!any) continue;
      fprintf(out, "| %s |", kComponents[c]);
      for (const Firmware& f : t.firmware) {
        auto it = f.by_component.find(kComponents[c]);
        if (it == f.by_component.end()) {
          fprintf(out, " - |");
        } else {
          const Bytes& b = it->second;
          fprintf(out, " %llu / %llu / %llu / %llu |", static_cast<unsigned long long>(b.text),
                  static_cast<unsigned long long>(b.rodata), static_cast<unsigned long long>(b.data),
                  static_cast<unsigned long long>(b.bss));
        }
      }
      fprintf(out, "\n");
    }
  }
  // 4. Per target: the library by object, from the image with every operator.
  for (const Target& t : targets) {
    const Firmware* all = find(t, "all");
    if (all == nullptr) continue;
    fprintf(out, "\n## %s: library objects in the `all` image (bytes)\n\n", t.name.c_str());
    fprintf(out, "| object | component | .text | .rodata | .data | .bss |\n|---|---|---|---|---|---|\n");
    std::vector<std::pair<std::string, Bytes>> rows;
    for (const auto& e : all->map.objects) {
      const std::string c = component_of(t, e.first);
      if (c == "runtime-core" || c == "operators" || c == "kernels" || c == "kernels-optimized" ||
          c == "port")
        rows.push_back(e);
    }
    std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
      const std::string ca = component_of(t, a.first), cb = component_of(t, b.first);
      return ca != cb ? ca < cb : a.second.text > b.second.text;
    });
    for (const auto& r : rows) {
      const std::string src = source_name_of(r.first);
      auto path = t.sources.find(src);
      fprintf(out, "| %s | %s | %llu | %llu | %llu | %llu |\n",
              path == t.sources.end() ? src.c_str() : path->second.c_str(),
              component_of(t, r.first).c_str(), static_cast<unsigned long long>(r.second.text),
              static_cast<unsigned long long>(r.second.rodata),
              static_cast<unsigned long long>(r.second.data),
              static_cast<unsigned long long>(r.second.bss));
    }
  }
}

void write_json(FILE* out, const std::vector<Target>& targets) {
  fprintf(out, "{\n  \"targets\": [");
  for (size_t ti = 0; ti < targets.size(); ++ti) {
    const Target& t = targets[ti];
    fprintf(out, "%s\n    {\"target\": \"%s\", \"budget\": \"%s\", \"budget_flash\": %llu, "
                 "\"budget_ram\": %llu, \"images\": [",
            ti ? "," : "", json_escape(t.name).c_str(), json_escape(t.budget_name).c_str(),
            static_cast<unsigned long long>(t.budget_flash),
            static_cast<unsigned long long>(t.budget_ram));
    for (size_t fi = 0; fi < t.firmware.size(); ++fi) {
      const Firmware& f = t.firmware[fi];
      fprintf(out, "%s\n      {\"name\": \"%s\", \"kind\": \"%s\", \"ops\": \"%s\", "
                   "\"library_text\": %llu, \"flash_bytes\": %llu, \"ram_static_bytes\": %llu, "
                   "\"stack_reserved\": %llu, \"heap_reserved\": %llu, \"status\": %lld, "
                   "\"blob_bytes\": %lld, \"arena_bytes\": %lld, \"stack_high_water\": %lld, "
                   "\"ram_total\": %lld, \"cycles\": %lld, \"cycles_per_second\": %lld, "
                   "\"instructions\": %lld, \"components\": {",
              fi ? "," : "", json_escape(f.name).c_str(), json_escape(f.kind).c_str(),
              json_escape(f.ops).c_str(), static_cast<unsigned long long>(library_text(f)),
              static_cast<unsigned long long>(f.flash_bytes),
              static_cast<unsigned long long>(f.ram_static_bytes),
              static_cast<unsigned long long>(f.stack_reserved),
              static_cast<unsigned long long>(f.heap_reserved), static_cast<long long>(f.status),
              static_cast<long long>(f.blob_bytes), static_cast<long long>(f.arena_bytes),
              static_cast<long long>(f.stack_high_water), static_cast<long long>(ram_total(f)),
              static_cast<long long>(f.cycles), static_cast<long long>(f.cycles_per_second),
              static_cast<long long>(f.instructions));
      bool first = true;
      for (const auto& c : f.by_component) {
        fprintf(out, "%s\"%s\": {\"text\": %llu, \"rodata\": %llu, \"data\": %llu, \"bss\": %llu}",
                first ? "" : ", ", json_escape(c.first).c_str(),
                static_cast<unsigned long long>(c.second.text),
                static_cast<unsigned long long>(c.second.rodata),
                static_cast<unsigned long long>(c.second.data),
                static_cast<unsigned long long>(c.second.bss));
        first = false;
      }
      fprintf(out, "}}");
    }
    fprintf(out, "\n    ]}");
  }
  fprintf(out, "\n  ]\n}\n");
}

}  // namespace qrt_footprint
