// The llama2.c tokenizer (host-only): reads a tokenizer .bin (export_tokenizer.py format) and
// encodes / decodes exactly as llama2.c's run.c does, so token ids match the peer's.
//
// File: int32 max_token_length, then vocab_size records {float32 score, int32 length,
// length bytes (not NUL-terminated)}. The vocabulary size is not stored: it comes from the model.
//
// encode (run.c): when the text is non-empty, a "dummy prefix" token for " " comes first; then
// each UTF-8 code point (at most 4 bytes; a malformed sequence is cut every 4 bytes like run.c)
// becomes the token whose piece equals it, or else one byte-fallback token per byte
// (id = byte + 3, the <0x00>..<0xFF> pieces); then, repeatedly, the adjacent pair whose
// concatenated pieces is a vocabulary piece with the highest score (first such pair on ties) is
// merged, until no pair merges. BOS (1) / EOS (2) are added on request.
//
// decode (run.c): the piece of a token, with its leading space removed when the previous token
// is BOS (1), and <0xXX> pieces turned into the raw byte XX.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_TOKENIZER_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_TOKENIZER_H

#include <stdint.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace qrt {
namespace llama {

constexpr int32_t kBosToken = 1;
constexpr int32_t kEosToken = 2;

struct Tokenizer {
  std::vector<std::string> pieces;  // piece bytes per token id
  std::vector<float> scores;        // merge score per token id
  int32_t max_token_length = 0;
  std::unordered_map<std::string, int32_t> lookup;  // piece -> id (first id on duplicates)
  int32_t vocab_size() const { return static_cast<int32_t>(pieces.size()); }
};

// Parses a tokenizer held in memory, with `vocab_size` records (from the model header). Checks
// every length against the remaining bytes and the declared max_token_length.
bool parse_tokenizer(const uint8_t* bytes, size_t size, int32_t vocab_size, Tokenizer* tokenizer,
                     std::string* error);

// Reads and parses a tokenizer file.
bool load_tokenizer(const std::string& path, int32_t vocab_size, Tokenizer* tokenizer,
                    std::string* error);

// Encodes `text` (UTF-8; bytes are taken as they are) into ids, as run.c's encode(text, bos, eos).
// Fails only when a piece the algorithm needs is missing: " " for the dummy prefix, or a byte
// fallback id beyond the vocabulary.
bool encode(const Tokenizer& tokenizer, const std::string& text, bool bos, bool eos,
            std::vector<int32_t>* ids, std::string* error);

// A lower bound on the tokens encode() gives for `bytes` of text (no piece is longer than
// max_token_length), so a context limit can be checked before encoding a huge input.
int64_t min_token_count(const Tokenizer& tokenizer, size_t bytes);

// The bytes run.c prints for `token` after `prev_token` (see above). Ids out of range decode to
// an empty string.
std::string decode_piece(const Tokenizer& tokenizer, int32_t prev_token, int32_t token);

// Decodes a whole sequence as run.c prints it: decode_piece of each id after its predecessor
// (the first id's predecessor is `prev_token`, BOS when the sequence starts after BOS).
std::string decode(const Tokenizer& tokenizer, const std::vector<int32_t>& ids,
                   int32_t prev_token = kBosToken);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_TOKENIZER_H
