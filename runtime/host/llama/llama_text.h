// Text handling for language-model evaluation (host-only): the paragraph split and token spans
// of the perplexity protocol in shared/models/MANIFEST.md, so numbers compare with the
// independent reference (stories260K float32: PPL 4.1693 on the first 500 paragraphs of the
// TinyStories validation prefix, 48,613 predicted tokens).
//
// Protocol: split the text on blank lines ("\n\n") into paragraphs, strip each (ASCII
// whitespace), skip empty ones; each paragraph is scored as [BOS] + encode(paragraph) truncated to
// seq_len tokens, with the KV cache reset per paragraph; the negative log-likelihood is summed
// over ids[1:]; PPL = exp(total NLL / predicted tokens).
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_TEXT_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_TEXT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "llama/llama_tokenizer.h"

namespace qrt {
namespace llama {

// Paragraphs of `text` as the protocol defines them: separated by blank lines (LF or CRLF line
// ends), stripped, non-empty, in order. A text without blank lines is one paragraph.
std::vector<std::string> split_paragraphs(const std::string& text);

// Paragraphs of a TinyStories sample that separates stories with "<|endoftext|>" lines: the
// marker is removed first, then the text is split as above. Plain text is unaffected.
std::vector<std::string> split_paragraphs_without_markers(const std::string& text);

// What tokenize_paragraphs kept and cut at the context limit.
struct TokenizeStats {
  int64_t paragraphs = 0;            // sequences produced
  int64_t tokens = 0;                // tokens kept, BOS included
  int64_t truncated_paragraphs = 0;  // paragraphs longer than max_tokens
  int64_t dropped_tokens = 0;        // tokens cut from them
};

// [BOS] + encode(paragraph) truncated to max_tokens, for paragraphs [first, first + count)
// (count < 0: all from first). Fails when a paragraph cannot be encoded, or when the range holds
// no paragraph (an empty text is an error, not a perplexity of nothing). `stats` may be null.
bool tokenize_paragraphs(const Tokenizer& tokenizer, const std::vector<std::string>& paragraphs,
                         int32_t first, int32_t count, int32_t max_tokens,
                         std::vector<std::vector<int32_t>>* sequences, std::string* error,
                         TokenizeStats* stats = nullptr);

// One line for reports: "2 of 500 paragraphs were longer than the 512-token context and were cut
// (1,234 tokens dropped)", or "" when nothing was cut.
std::string truncation_note(const TokenizeStats& stats, int32_t max_tokens);

// Reads a whole text file.
bool read_text_file(const std::string& path, std::string* text, std::string* error);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_TEXT_H
