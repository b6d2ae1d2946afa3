// bench_validate [--max-ops N]
//
// Validation cost of a chain of N RESHAPE operators (t0 -> t1 -> ... -> tN, 16 bytes each, ping-
// pong between two arena offsets), written directly in the .qrt format: qrt_plan_memory
// (structural checks) and qrt_session_create (plus the plan's overlap check), for a valid chain
// and for one whose last operator reads a tensor nobody wrote (rejected at the end). Prints
// milliseconds of thread CPU time and the time per operator, whose growth with N shows the
// complexity (constant per operator = linear; doubling per doubling of N = quadratic).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vector>

#include "qrt/format.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt.h"

namespace {

namespace fmt = qrt::format;

double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

void put(std::vector<uint8_t>* blob, uint32_t offset, const void* data, size_t bytes) {
  memcpy(blob->data() + offset, data, bytes);
}

uint32_t align16(size_t v) { return static_cast<uint32_t>((v + 15u) & ~size_t{15}); }

// The chain blob; with `broken`, the last operator reads tensor 1 instead of tensor n - 1's
// output... i.e. a tensor whose lifetime has ended (rejected by the lifetime check at the end).
std::vector<uint8_t> chain_blob(uint32_t n, bool broken) {
  const uint32_t tensors = n + 1;
  std::vector<fmt::TensorRecord> t(tensors);
  for (uint32_t i = 0; i < tensors; ++i) {
    fmt::TensorRecord& r = t[i];
    r = fmt::TensorRecord{};
    r.dtype = QRT_DTYPE_INT8;
    r.kind = fmt::kTensorActivation;
    r.rank = 1;
    r.dims[0] = 16;
    r.data_bytes = 16;
    r.data_offset = (i % 2) * 16u;
    r.name = fmt::kNone;
    r.quant = fmt::kNone;
    r.first_op = i == 0 ? 0 : i - 1;
    r.last_op = i == n ? n - 1 : i;
  }
  std::vector<int32_t> idx;
  std::vector<fmt::OperatorRecord> ops(n);
  for (uint32_t i = 0; i < n; ++i) {
    fmt::OperatorRecord& o = ops[i];
    o = fmt::OperatorRecord{};
    o.op_code = qrt::kOpReshape;
    o.input_count = 1;
    o.inputs = static_cast<uint32_t>(idx.size());
    idx.push_back(broken && i == n - 1 ? 1 : static_cast<int32_t>(i));
    o.output_count = 1;
    o.outputs = static_cast<uint32_t>(idx.size());
    idx.push_back(static_cast<int32_t>(i + 1));
    o.params = fmt::kNone;
  }
  fmt::GraphRecord g{};
  g.input_count = 1;
  g.inputs = static_cast<uint32_t>(idx.size());
  idx.push_back(0);
  g.output_count = 1;
  g.outputs = static_cast<uint32_t>(idx.size());
  idx.push_back(static_cast<int32_t>(n));
  g.activation_bytes = 32;
  const uint32_t sections = 4;
  const uint32_t s_tensors = align16(64 + sections * 16);
  const uint32_t s_ops = align16(s_tensors + tensors * 64u);
  const uint32_t s_idx = align16(s_ops + n * 32u);
  const uint32_t s_graph = align16(s_idx + idx.size() * 4);
  const uint32_t total = align16(s_graph + 32);
  std::vector<uint8_t> blob(total + 16, 0);
  const fmt::SectionEntry table[sections] = {
      {fmt::kSectionTensors, s_tensors, tensors * 64u, tensors},
      {fmt::kSectionOperators, s_ops, n * 32u, n},
      {fmt::kSectionIndices, s_idx, static_cast<uint32_t>(idx.size() * 4), static_cast<uint32_t>(idx.size())},
      {fmt::kSectionGraph, s_graph, 32u, 1u},
  };
  put(&blob, 64, table, sizeof table);
  put(&blob, s_tensors, t.data(), t.size() * 64);
  put(&blob, s_ops, ops.data(), ops.size() * 32);
  put(&blob, s_idx, idx.data(), idx.size() * 4);
  put(&blob, s_graph, &g, 32);
  fmt::Header h{};
  h.magic = fmt::kMagic;
  h.version_major = fmt::kVersionMajor;
  h.header_bytes = 64;
  h.total_bytes = total;
  h.section_count = sections;
  put(&blob, 0, &h, 64);
  h.crc32 = qrt_crc32(0, blob.data(), total);
  put(&blob, 0, &h, 64);
  blob.resize(total);
  return blob;
}

struct Timing {
  qrt_status plan, create;
  double plan_ms, create_ms;
};

Timing measure(const std::vector<uint8_t>& bytes) {
  // Copy to a 16-byte aligned buffer (the loader requires the alignment).
  std::vector<uint8_t> storage(bytes.size() + 16);
  uint8_t* blob = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  memcpy(blob, bytes.data(), bytes.size());
  Timing r{};
  qrt_memory_report m{};
  double t0 = cpu_ms();
  r.plan = qrt_plan_memory(blob, bytes.size(), nullptr, &m, nullptr);
  r.plan_ms = cpu_ms() - t0;
  if (r.plan != QRT_OK) return r;
  std::vector<uint8_t> arena_storage(m.arena_bytes + 16);
  uint8_t* arena = arena_storage.data() +
                   (16 - reinterpret_cast<uintptr_t>(arena_storage.data()) % 16) % 16;
  qrt_session* s = nullptr;
  t0 = cpu_ms();
  r.create = qrt_session_create(blob, bytes.size(), nullptr, arena, m.arena_bytes, &s, nullptr);
  r.create_ms = cpu_ms() - t0;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t max_ops = 64000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (strcmp(argv[i], "--max-ops") == 0) max_ops = static_cast<uint32_t>(strtoul(argv[i + 1], nullptr, 10));
  }
  printf("| chain ops | blob KB | plan ms | create ms | total us/op | broken chain: status | ms |\n");
  printf("|---:|---:|---:|---:|---:|---|---:|\n");
  const uint32_t sizes[] = {1000, 4000, 16000, 64000};
  for (uint32_t n : sizes) {
    if (n > max_ops) break;
    const std::vector<uint8_t> good = chain_blob(n, false);
    const Timing a = measure(good);
    const Timing b = measure(chain_blob(n, true));
    const double total = a.plan_ms + a.create_ms;
    printf("| %u | %.0f | %.2f | %.2f | %.3f | %s | %.2f |\n", n, static_cast<double>(good.size()) / 1024.0, a.plan_ms,
           a.create_ms, total * 1000.0 / static_cast<double>(n), qrt_status_str(b.plan != QRT_OK ? b.plan : b.create),
           b.plan_ms + b.create_ms);
    if (a.plan != QRT_OK || a.create != QRT_OK) {
      printf("valid chain of %u rejected: %s\n", n, qrt_status_str(a.plan != QRT_OK ? a.plan : a.create));
      return 1;
    }
  }
  return 0;
}
