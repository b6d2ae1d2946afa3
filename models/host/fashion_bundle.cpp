#include "fashion_bundle.h"

#include <stdio.h>

namespace qrt {
namespace models {

bool read_figures(const std::string& path, std::map<std::string, std::string>* figures,
                  std::string* error) {
  FILE* f = fopen(path.c_str(), "r");
  if (f == nullptr) {
    *error = path + ": cannot open";
    return false;
  }
  char line[512];
  while (fgets(line, sizeof line, f) != nullptr) {
    std::string s(line);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (s.empty() || s[0] == '#') continue;
    const size_t space = s.find(' ');
    if (space == std::string::npos) continue;
    (*figures)[s.substr(0, space)] = s.substr(space + 1);
  }
  fclose(f);
  return true;
}

bool write_figures(const std::string& path,
                   const std::vector<std::pair<std::string, std::string>>& figures,
                   const std::string& header_comment, std::string* error) {
  FILE* f = fopen(path.c_str(), "w");
  if (f == nullptr) {
    *error = path + ": cannot write";
    return false;
  }
  fprintf(f, "%s", header_comment.c_str());
  for (const auto& kv : figures) fprintf(f, "%s %s\n", kv.first.c_str(), kv.second.c_str());
  if (fclose(f) != 0) {
    *error = path + ": cannot write";
    return false;
  }
  return true;
}

}  // namespace models
}  // namespace qrt
