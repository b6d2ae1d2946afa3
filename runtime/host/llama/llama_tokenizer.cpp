#include "llama/llama_tokenizer.h"

#include <string.h>

#include <fstream>

namespace qrt {
namespace llama {
namespace {

bool fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

int32_t read_i32(const uint8_t* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(p[i]) << (8 * i);
  return static_cast<int32_t>(v);
}

int32_t find_piece(const Tokenizer& t, const std::string& piece) {
  const auto it = t.lookup.find(piece);
  return it == t.lookup.end() ? -1 : it->second;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool parse_tokenizer(const uint8_t* bytes, size_t size, int32_t vocab_size, Tokenizer* t,
                     std::string* error) {
  *t = Tokenizer();
  if (vocab_size <= 0) return fail(error, "tokenizer: vocabulary size must be positive");
  if (size < 4) return fail(error, "tokenizer: file shorter than its 4-byte header");
  t->max_token_length = read_i32(bytes);
  if (t->max_token_length <= 0 || t->max_token_length > 4096) {
    return fail(error, "tokenizer: max_token_length " + std::to_string(t->max_token_length) +
                           " out of range [1, 4096]");
  }
  size_t pos = 4;
  t->pieces.reserve(static_cast<size_t>(vocab_size));
  for (int32_t id = 0; id < vocab_size; ++id) {
    if (size - pos < 8) {
      return fail(error, "tokenizer: truncated at token " + std::to_string(id) + " of " +
                             std::to_string(vocab_size));
    }
    float score;
    memcpy(&score, bytes + pos, 4);
    const int32_t length = read_i32(bytes + pos + 4);
    pos += 8;
    if (length < 0 || length > t->max_token_length) {
      return fail(error, "tokenizer: token " + std::to_string(id) + " has length " +
                             std::to_string(length) + " (max_token_length " +
                             std::to_string(t->max_token_length) + ")");
    }
    if (size - pos < static_cast<size_t>(length)) {
      return fail(error, "tokenizer: token " + std::to_string(id) + " runs past the end");
    }
    t->pieces.emplace_back(reinterpret_cast<const char*>(bytes + pos), static_cast<size_t>(length));
    t->scores.push_back(score);
    pos += static_cast<size_t>(length);
    t->lookup.emplace(t->pieces.back(), id);  // keeps the first id of a duplicated piece
  }
  if (pos != size) {
    return fail(error, "tokenizer: " + std::to_string(size - pos) +
                           " trailing bytes after " + std::to_string(vocab_size) + " tokens");
  }
  return true;
}

bool load_tokenizer(const std::string& path, int32_t vocab_size, Tokenizer* t,
                    std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return fail(error, "cannot open " + path);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (!parse_tokenizer(bytes.data(), bytes.size(), vocab_size, t, error)) {
    if (error != nullptr) *error = path + ": " + *error;
    return false;
  }
  return true;
}

bool encode(const Tokenizer& t, const std::string& text, bool bos, bool eos,
            std::vector<int32_t>* ids, std::string* error) {
  ids->clear();
  if (bos) ids->push_back(kBosToken);
  if (!text.empty()) {
    const int32_t prefix = find_piece(t, " ");
    if (prefix < 0) return fail(error, "tokenizer: no \" \" piece for the dummy prefix");
    ids->push_back(prefix);
  }
  // Code points: a lead byte starts a new buffer; continuation bytes (10xxxxxx) append, at most
  // 4 bytes per buffer as run.c does.
  std::string buffer;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) buffer.clear();
    buffer.push_back(static_cast<char>(c));
    const bool next_continues =
        i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80;
    if (next_continues && buffer.size() < 4) continue;
    const int32_t id = find_piece(t, buffer);
    if (id >= 0) {
      ids->push_back(id);
    } else {
      for (unsigned char b : buffer) {
        const int32_t fallback = static_cast<int32_t>(b) + 3;
        if (fallback >= t.vocab_size()) {
          return fail(error, "tokenizer: byte fallback id " + std::to_string(fallback) +
                                 " beyond the vocabulary");
        }
        ids->push_back(fallback);
      }
    }
    buffer.clear();
  }
  // Greedy merges: best score first, leftmost on ties; run.c starts from -1e10, so pairs
  // scoring at or below it never merge. Like run.c, the BOS piece takes part in the scan.
  std::string pair;
  for (;;) {
    float best_score = -1e10f;
    int32_t best_id = -1;
    size_t best_index = 0;
    for (size_t i = 0; i + 1 < ids->size(); ++i) {
      pair = t.pieces[static_cast<size_t>((*ids)[i])];
      pair += t.pieces[static_cast<size_t>((*ids)[i + 1])];
      const int32_t id = find_piece(t, pair);
      if (id >= 0 && t.scores[static_cast<size_t>(id)] > best_score) {
        best_score = t.scores[static_cast<size_t>(id)];
        best_id = id;
        best_index = i;
      }
    }
    if (best_id < 0) break;
    (*ids)[best_index] = best_id;
    ids->erase(ids->begin() + static_cast<std::ptrdiff_t>(best_index + 1));
  }
  if (eos) ids->push_back(kEosToken);
  return true;
}

std::string decode_piece(const Tokenizer& t, int32_t prev_token, int32_t token) {
  if (token < 0 || token >= t.vocab_size()) return std::string();
  std::string piece = t.pieces[static_cast<size_t>(token)];
  if (prev_token == kBosToken && !piece.empty() && piece[0] == ' ') piece.erase(0, 1);
  // run.c: sscanf(piece, "<0x%02hhX>") -- "<0x" followed by one or two hex digits.
  if (piece.size() >= 4 && piece.compare(0, 3, "<0x") == 0 && hex_value(piece[3]) >= 0) {
    int value = hex_value(piece[3]);
    if (piece.size() >= 5 && hex_value(piece[4]) >= 0) value = value * 16 + hex_value(piece[4]);
    return std::string(1, static_cast<char>(value));
  }
  return piece;
}

std::string decode(const Tokenizer& t, const std::vector<int32_t>& ids, int32_t prev_token) {
  std::string out;
  for (int32_t id : ids) {
    out += decode_piece(t, prev_token, id);
    prev_token = id;
  }
  return out;
}

}  // namespace llama
}  // namespace qrt
