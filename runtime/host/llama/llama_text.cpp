#include "llama/llama_text.h"
#include "file_io.h"


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

std::vector<std::string> split_paragraphs(const std::string& text_in) {
  std::string text;  // CRLF line ends read as LF (a lone CR is kept)
  text.reserve(text_in.size());
  for (size_t i = 0; i < text_in.size(); ++i) {
    if (!(text_in[i] == '\r' && i + 1 < text_in.size() && text_in[i + 1] == '\n')) text += text_in[i];
  }
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
                         std::vector<std::vector<int32_t>>* sequences, std::string* error,
                         TokenizeStats* stats) {
  sequences->clear();
  TokenizeStats local;
  TokenizeStats& st = stats != nullptr ? *stats : local;
  st = TokenizeStats();
  const auto total = static_cast<int32_t>(paragraphs.size());
  if (first < 0 || first > total) {
    if (error != nullptr) *error = "paragraph index out of range";
    return false;
  }
  const int32_t last = count < 0 || first + count > total ? total : first + count;
  if (last <= first) {
    if (error != nullptr) {
      *error = total == 0 ? "the text has no paragraphs (it is empty or only whitespace)"
                          : "no paragraph in the requested range (the text has " +
                                std::to_string(total) + ")";
    }
    return false;
  }
  for (int32_t i = first; i < last; ++i) {
    std::vector<int32_t> ids;
    if (!encode(tokenizer, paragraphs[static_cast<size_t>(i)], true, false, &ids, error)) {
      return false;
    }
    if (static_cast<int32_t>(ids.size()) > max_tokens) {
      ++st.truncated_paragraphs;
      st.dropped_tokens += static_cast<int64_t>(ids.size()) - max_tokens;
      ids.resize(static_cast<size_t>(max_tokens));
    }
    st.tokens += static_cast<int64_t>(ids.size());
    ++st.paragraphs;
    sequences->push_back(std::move(ids));
  }
  return true;
}

std::string truncation_note(const TokenizeStats& s, int32_t max_tokens) {
  if (s.truncated_paragraphs == 0) return "";
  return std::to_string(s.truncated_paragraphs) + " of " + std::to_string(s.paragraphs) +
         " paragraphs were longer than the " + std::to_string(max_tokens) +
         "-token context and were cut (" + std::to_string(s.dropped_tokens) + " tokens dropped)";
}

bool read_text_file(const std::string& path, std::string* text, std::string* error) {
  std::string why;
  if (host::read_text_file(path, text, &why, host::kMaxTextFileBytes)) return true;
  if (error != nullptr) *error = why;
  return false;
}

}  // namespace llama
}  // namespace qrt
