#include "llama/llama_text.h"

#include <fstream>
#include <sstream>

namespace qrt {
namespace llama {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string strip(const std::string& s) {
  size_t begin = 0, end = s.size();
  while (begin < end && is_space(s[begin])) ++begin;
  while (end > begin && is_space(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

}  // namespace

std::vector<std::string> split_paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    std::string p = strip(text.substr(start, end - start));
    if (!p.empty()) out.push_back(std::move(p));
    start = end + 2;
  }
  return out;
}

std::vector<std::string> split_paragraphs_without_markers(const std::string& text) {
  static const std::string kMarker = "<|endoftext|>";
  std::string cleaned;
  cleaned.reserve(text.size());
  size_t start = 0;
  for (;;) {
    const size_t at = text.find(kMarker, start);
    if (at == std::string::npos) {
      cleaned.append(text, start, std::string::npos);
      break;
    }
    cleaned.append(text, start, at - start);
    cleaned += "\n\n";  // a story boundary is a paragraph boundary
    start = at + kMarker.size();
  }
  return split_paragraphs(cleaned);
}

bool tokenize_paragraphs(const Tokenizer& tokenizer, const std::vector<std::string>& paragraphs,
                         int32_t first, int32_t count, int32_t max_tokens,
                         std::vector<std::vector<int32_t>>* sequences, std::string* error) {
  sequences->clear();
  const auto total = static_cast<int32_t>(paragraphs.size());
  if (first < 0 || first > total) {
    if (error != nullptr) *error = "paragraph index out of range";
    return false;
  }
  const int32_t last = count < 0 || first + count > total ? total : first + count;
  for (int32_t i = first; i < last; ++i) {
    std::vector<int32_t> ids;
    if (!encode(tokenizer, paragraphs[static_cast<size_t>(i)], true, false, &ids, error)) {
      return false;
    }
    if (static_cast<int32_t>(ids.size()) > max_tokens) ids.resize(static_cast<size_t>(max_tokens));
    sequences->push_back(std::move(ids));
  }
  return true;
}

bool read_text_file(const std::string& path, std::string* text, std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    if (error != nullptr) *error = "cannot open " + path;
    return false;
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  *text = ss.str();
  return true;
}

}  // namespace llama
}  // namespace qrt
