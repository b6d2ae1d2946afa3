// A tiny FlatBuffers writer for tests (host-only): builds small, hand-specified buffers so the
// reader tests can check each rule on a file whose every byte is known, and build TFLite models
// that exercise one feature or one defect at a time. Written from the wire format, independent of
// the reader under test.
//
// Objects are nodes in a tree (or DAG: a node may be referenced more than once). finish() lays
// them out breadth-first after the root offset and file identifier, so every reference points
// forward as the format requires; a node reached twice is written once and shared.
#ifndef QRT_TESTS_HOST_FLATBUFFER_TEST_BUILDER_H
#define QRT_TESTS_HOST_FLATBUFFER_TEST_BUILDER_H

#include <stdint.h>
#include <string.h>

#include <deque>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace fbtest {

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct Node {
  enum Kind { kTable, kScalarVector, kString, kTableVector };
  struct Field {
    uint32_t slot;
    std::vector<uint8_t> bytes;  // inline scalar (empty for a reference)
    NodePtr ref;                 // referenced object (null for a scalar)
    uint32_t pos;                // where finish() put it
  };
  Kind kind = kTable;
  std::vector<Field> fields;       // kTable
  std::vector<uint8_t> bytes;      // kScalarVector / kString payload
  uint32_t count = 0;              // element count of a vector
  uint32_t elem_bytes = 1;         // element width of a kScalarVector
  std::vector<NodePtr> children;   // kTableVector
  uint32_t pos = 0;                // where finish() put it (table: its soffset; vector: count)
  uint32_t vtable_pos = 0;         // tables only

  // Sets a scalar field (replacing one in the same slot).
  template <typename T>
  Node* scalar(uint32_t slot, T value) {
    Field f{slot, std::vector<uint8_t>(sizeof(T)), nullptr, 0};
    memcpy(f.bytes.data(), &value, sizeof(T));  // the test host is little-endian
    put(std::move(f));
    return this;
  }
  // Sets a reference field (replacing one in the same slot).
  Node* ref(uint32_t slot, NodePtr node) {
    put(Field{slot, {}, std::move(node), 0});
    return this;
  }
  // Removes the field in `slot`, if any.
  Node* drop(uint32_t slot) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].slot == slot) {
        fields.erase(fields.begin() + static_cast<long>(i));
        break;
      }
    }
    return this;
  }
  const Field* field(uint32_t slot) const {
    for (const Field& f : fields) {
      if (f.slot == slot) return &f;
    }
    return nullptr;
  }

 private:
  void put(Field f) {
    drop(f.slot);
    fields.push_back(std::move(f));
  }
};

inline NodePtr table() { return std::make_shared<Node>(); }

template <typename T>
NodePtr vec(const std::vector<T>& values) {
  NodePtr n = std::make_shared<Node>();
  n->kind = Node::kScalarVector;
  n->count = static_cast<uint32_t>(values.size());
  n->elem_bytes = sizeof(T);
  n->bytes.resize(values.size() * sizeof(T));
  if (!values.empty()) memcpy(n->bytes.data(), values.data(), n->bytes.size());
  return n;
}

inline NodePtr bytes_vec(const std::vector<uint8_t>& values) { return vec<uint8_t>(values); }

inline NodePtr str(const std::string& s) {
  NodePtr n = std::make_shared<Node>();
  n->kind = Node::kString;
  n->count = static_cast<uint32_t>(s.size());
  n->bytes.assign(s.begin(), s.end());
  return n;
}

inline NodePtr tables(const std::vector<NodePtr>& items) {
  NodePtr n = std::make_shared<Node>();
  n->kind = Node::kTableVector;
  n->count = static_cast<uint32_t>(items.size());
  n->children = items;
  return n;
}

class Writer {
 public:
  std::vector<uint8_t> finish(const NodePtr& root, const char* ident) {
    out_.assign(8, 0);
    if (ident != nullptr) memcpy(out_.data() + 4, ident, 4);
    std::set<const Node*> seen;
    reset(root, &seen);
    pending_.push_back({root, 0});
    while (!pending_.empty()) {
      std::pair<NodePtr, uint32_t> p = pending_.front();
      pending_.pop_front();
      if (!placed(p.first)) write(p.first);
      const uint32_t rel = p.first->pos - p.second;  // forward: children come later (BFS)
      memcpy(out_.data() + p.second, &rel, 4);
    }
    return out_;
  }

 private:
  bool placed(const NodePtr& n) { return n->pos != 0; }

  // Forgets the positions of an earlier finish() of (part of) this tree, visiting shared nodes
  // once: tests edit a tree and serialize it again.
  static void reset(const NodePtr& n, std::set<const Node*>* seen) {
    if (n == nullptr || !seen->insert(n.get()).second) return;
    n->pos = 0;
    for (Node::Field& f : n->fields) reset(f.ref, seen);
    for (NodePtr& c : n->children) reset(c, seen);
  }

  void align(size_t a) {
    while (out_.size() % a != 0) out_.push_back(0);
  }
  uint32_t here() const { return static_cast<uint32_t>(out_.size()); }
  void put32(uint32_t at, uint32_t v) { memcpy(out_.data() + at, &v, 4); }
  void put16(uint32_t at, uint16_t v) { memcpy(out_.data() + at, &v, 2); }

  void write(const NodePtr& n) {
    switch (n->kind) {
      case Node::kTable: write_table(n); break;
      case Node::kScalarVector:
      case Node::kString: {
        // The elements (after the u32 count) are aligned to their width, at least 4.
        const size_t a = n->elem_bytes > 4 ? n->elem_bytes : 4;
        while ((out_.size() + 4) % a != 0) out_.push_back(0);
        n->pos = here();
        out_.resize(out_.size() + 4);
        put32(n->pos, n->count);
        out_.insert(out_.end(), n->bytes.begin(), n->bytes.end());
        if (n->kind == Node::kString) out_.push_back(0);
        break;
      }
      case Node::kTableVector: {
        align(4);
        n->pos = here();
        out_.resize(out_.size() + 4 + 4 * n->children.size());
        put32(n->pos, n->count);
        for (size_t i = 0; i < n->children.size(); ++i) {
          pending_.push_back({n->children[i], n->pos + 4 + 4 * static_cast<uint32_t>(i)});
        }
        break;
      }
    }
  }

  void write_table(const NodePtr& n) {
    uint32_t slots = 0;
    for (const Node::Field& f : n->fields) slots = f.slot + 1 > slots ? f.slot + 1 : slots;
    align(2);
    n->vtable_pos = here();
    const uint16_t vtable_bytes = static_cast<uint16_t>(4 + 2 * slots);
    out_.resize(out_.size() + vtable_bytes, 0);
    align(8);  // so 8-byte fields at 8-aligned offsets are 8-aligned in the file
    n->pos = here();
    out_.resize(out_.size() + 4);
    put32(n->pos, n->pos - n->vtable_pos);  // soffset: vtable = table - soffset
    for (Node::Field& f : n->fields) {
      const size_t width = f.ref != nullptr ? 4 : f.bytes.size();
      align(width);
      f.pos = here();
      if (f.ref != nullptr) {
        out_.resize(out_.size() + 4, 0);
        pending_.push_back({f.ref, f.pos});
      } else {
        out_.insert(out_.end(), f.bytes.begin(), f.bytes.end());
      }
      put16(n->vtable_pos + 4 + 2 * f.slot, static_cast<uint16_t>(f.pos - n->pos));
    }
    put16(n->vtable_pos, vtable_bytes);
    put16(n->vtable_pos + 2, static_cast<uint16_t>(here() - n->pos));
  }

  std::vector<uint8_t> out_;
  std::deque<std::pair<NodePtr, uint32_t>> pending_;  // (object, where its reference goes)
};

// Serializes `root`; `ident` is the 4-byte file identifier (nullptr leaves zeros).
inline std::vector<uint8_t> finish(const NodePtr& root, const char* ident = "TFL3") {
  Writer w;
  return w.finish(root, ident);
}

}  // namespace fbtest

#endif  // QRT_TESTS_HOST_FLATBUFFER_TEST_BUILDER_H
