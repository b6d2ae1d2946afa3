#include "llama/llama_tokenizer.h"
#include "file_io.h"

#include <string.h>

#include <algorithm>


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
  std::vector<uint8_t> bytes;
  std::string why;
  if (!host::read_file_bytes(path, &bytes, &why, host::kMaxSmallFileBytes)) return fail(error, why);
  if (!parse_tokenizer(bytes.data(), bytes.size(), vocab_size, t, error)) {
    if (error != nullptr) *error = path + ": " + *error;
    return false;
  }
  return true;
}

namespace {

// Greedy merges as run.c: repeatedly merge the adjacent pair whose concatenation is the
// best-scoring piece, the leftmost on ties; pairs scoring at or below run.c's initial -1e10 never
// merge; the BOS piece takes part. run.c rescans every pair after each merge (O(n^2)); here the
// candidate pairs sit in a heap ordered by (score, leftmost first) over a linked list of the
// tokens, and a merge only adds the two pairs it creates, so encoding is O(n log n). A popped
// candidate whose tokens changed since it was pushed is stale and skipped. Leftmost is the
// original index of the pair's left token: merges keep the survivors in their original order.
void merge_pairs(const Tokenizer& t, std::vector<int32_t>* ids) {
  const size_t n = ids->size();
  if (n < 2) return;
  struct Node {
    int32_t id;
    uint32_t version;  // bumped when the token changes (merged) or dies
    int64_t prev, next;
    bool alive;
  };
  struct Candidate {
    float score;
    int64_t left, right;
    uint32_t left_version, right_version;
    int32_t merged;
  };
  auto worse = [](const Candidate& a, const Candidate& b) {  // heap order: best on top
    if (a.score != b.score) return a.score < b.score;
    return a.left > b.left;
  };
  std::vector<Node> nodes(n);
  for (size_t i = 0; i < n; ++i) {
    nodes[i] = Node{(*ids)[i], 0, static_cast<int64_t>(i) - 1,
                    i + 1 < n ? static_cast<int64_t>(i + 1) : -1, true};
  }
  std::vector<Candidate> heap;
  std::string pair;
  auto consider = [&](int64_t left, int64_t right) {
    if (left < 0 || right < 0) return;
    pair = t.pieces[static_cast<size_t>(nodes[static_cast<size_t>(left)].id)];
    pair += t.pieces[static_cast<size_t>(nodes[static_cast<size_t>(right)].id)];
    const int32_t id = find_piece(t, pair);
    if (id < 0 || !(t.scores[static_cast<size_t>(id)] > -1e10f)) return;
    heap.push_back(Candidate{t.scores[static_cast<size_t>(id)], left, right,
                             nodes[static_cast<size_t>(left)].version,
                             nodes[static_cast<size_t>(right)].version, id});
    std::push_heap(heap.begin(), heap.end(), worse);
  };
  for (size_t i = 0; i + 1 < n; ++i) consider(static_cast<int64_t>(i), static_cast<int64_t>(i + 1));
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), worse);
    const Candidate c = heap.back();
    heap.pop_back();
    Node& l = nodes[static_cast<size_t>(c.left)];
    Node& r = nodes[static_cast<size_t>(c.right)];
    if (!l.alive || !r.alive || l.version != c.left_version || r.version != c.right_version ||
        l.next != c.right) {
      continue;  // stale
    }
    l.id = c.merged;
    ++l.version;
    r.alive = false;
    ++r.version;
    l.next = r.next;
    if (r.next >= 0) nodes[static_cast<size_t>(r.next)].prev = c.left;
    consider(l.prev, c.left);
    consider(c.left, l.next);
  }
  ids->clear();
  for (int64_t i = 0; i >= 0; i = nodes[static_cast<size_t>(i)].next) {
    ids->push_back(nodes[static_cast<size_t>(i)].id);
  }
}

}  // namespace

bool encode(const Tokenizer& t, const std::string& text, bool bos, bool eos,
            std::vector<int32_t>* ids, std::string* error) {
  ids->clear();
  // A vocabulary too small to hold the special ids (a hostile file: llama2.c's always have them)
  // cannot mark a sequence: refused rather than handing out ids beyond it.
  if ((bos && kBosToken >= t.vocab_size()) || (eos && kEosToken >= t.vocab_size())) {
    return fail(error, "tokenizer: " + std::to_string(t.vocab_size()) +
                           " tokens, too few for the BOS / EOS ids 1 and 2");
  }
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
  merge_pairs(t, ids);
  if (eos) ids->push_back(kEosToken);
  return true;
}

int64_t min_token_count(const Tokenizer& t, size_t bytes) {
  const int64_t longest = t.max_token_length > 0 ? t.max_token_length : 1;
  return static_cast<int64_t>(bytes) / longest;
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
