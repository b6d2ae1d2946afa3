// bench_llm MODEL.qrt [--tokens N] [--table reference|port|both] [--runs R]
//
// Cost per token of a converted llama2.c model (`qrt convert ... --quant w8|w4|f32`), split by
// operator kind: greedy generation from BOS for N positions (0 .. N-1, so attention spans 1 .. N
// cached positions), through the C API with qrt_llm_op_table() (and the float32 operators for a
// float blob), once with the reference kernels (qrt_options.use_reference_kernels) and once with
// the target's variants (kernel_select.h). Cost is the port's counter: nanoseconds on
// the host (the median of R runs), on Cortex-M under QEMU the SysTick counter under -icount,
// which counts executed instructions (40 per tick on MPS2, 31.25 on the AN547; printed converted
// to instructions). Each table's run prints an FNV-1a 64 hash of every position's logits and of
// the generated ids: the two tables must give the same hashes (the kernels are exact variants).
//
// A benchmark: it prints a table, it never fails on figures. Device-friendly (static buffers,
// stdio only): `toolchains/qemu-cortex-m.sh mps2-an386 build-m4/bin/bench_llm w8.qrt`.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qrt/ops/kernel_select.h"
#include "qrt/ops/kernels_llm.h"
#include "qrt/ops/op_codes.h"
#include "qrt/port.h"
#include "qrt/qrt.h"
#include "qrt/qrt_llm.h"

namespace {

#if defined(QRT_BENCH_LLM_POOL_BYTES)
constexpr size_t kPoolBytes = QRT_BENCH_LLM_POOL_BYTES;
#else
constexpr size_t kPoolBytes = size_t{8} << 20;
#endif
constexpr int32_t kMaxOps = 512;
constexpr int32_t kMaxKinds = 24;
constexpr int32_t kMaxTokens = 4096;
constexpr int kMaxRuns = 15;
constexpr uint32_t kBosToken = 1;

alignas(16) uint8_t g_pool[kPoolBytes];
uint64_t g_op_cycles[kMaxOps];
int32_t g_op_kind[kMaxOps];
int32_t g_ids[kMaxTokens];

// Operator kinds: a label per distinct (op code, input type, weight type, group size).
struct Kind {
  char label[40];
  uint64_t cycles;
};
Kind g_kinds[kMaxKinds];
int32_t g_kind_count = 0;

const char* dtype_name(qrt_dtype t) {
  switch (t) {
    case QRT_DTYPE_INT8: return "s8";
    case QRT_DTYPE_INT16: return "s16";
    case QRT_DTYPE_INT32: return "s32";
    case QRT_DTYPE_INT4: return "s4";
    case QRT_DTYPE_FLOAT32: return "f32";
    default: return "?";
  }
}

int32_t kind_of(const char* label) {
  for (int32_t k = 0; k < g_kind_count; ++k) {
    if (strcmp(g_kinds[k].label, label) == 0) return k;
  }
  if (g_kind_count == kMaxKinds) return kMaxKinds - 1;  // lumped into the last one
  snprintf(g_kinds[g_kind_count].label, sizeof g_kinds[0].label, "%s", label);
  g_kinds[g_kind_count].cycles = 0;
  return g_kind_count++;
}

// Labels every operator of the session: op name, input 0 type, and for MATMUL / EMBEDDING the
// weight type and group size ("MATMUL s8 x s4 g32").
bool label_ops(const qrt_session* s) {
  const int32_t ops = qrt_session_op_count(s);
  if (ops > kMaxOps) return false;
  for (int32_t i = 0; i < ops; ++i) {
    int32_t code = 0, in_count = 0, out_count = 0;
    const int32_t* inputs = nullptr;
    const int32_t* outputs = nullptr;
    if (qrt_session_op_info(s, i, &code, &in_count, &inputs, &out_count, &outputs) != QRT_OK) {
      return false;
    }
    qrt_tensor_view in0;
    if (qrt_session_tensor(s, inputs[0], &in0) != QRT_OK) return false;
    char label[40];
    const char* name = qrt::op_code_name(static_cast<uint32_t>(code));
    if (code == qrt::kOpMatMul && in_count > 1) {
      qrt_tensor_view w;
      if (qrt_session_tensor(s, inputs[1], &w) != QRT_OK) return false;
      if (w.quant.group_size > 0) {
        snprintf(label, sizeof label, "%s %s x %s g%d", name, dtype_name(in0.dtype),
                 dtype_name(w.dtype), static_cast<int>(w.quant.group_size));
      } else {
        snprintf(label, sizeof label, "%s %s x %s", name, dtype_name(in0.dtype), dtype_name(w.dtype));
      }
    } else {
      snprintf(label, sizeof label, "%s %s", name, dtype_name(in0.dtype));
    }
    g_op_kind[i] = kind_of(label);
  }
  return true;
}

uint64_t fnv1a(uint64_t h, const void* data, size_t bytes) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    h ^= p[i];
    h *= 0x100000001B3ull;
  }
  return h;
}

// Index of the largest logit (first on ties), int32 or float32 logits.
int32_t argmax(const qrt_tensor_view& v) {
  const int32_t n = static_cast<int32_t>(v.bytes / 4);
  int32_t best = 0;
  if (v.dtype == QRT_DTYPE_FLOAT32) {
    const float* x = static_cast<const float*>(v.data);
    for (int32_t i = 1; i < n; ++i) best = x[i] > x[best] ? i : best;
  } else {
    const int32_t* x = static_cast<const int32_t*>(v.data);
    for (int32_t i = 1; i < n; ++i) best = x[i] > x[best] ? i : best;
  }
  return best;
}

uint64_t median(uint64_t* v, int n) {
  for (int i = 1; i < n; ++i) {
    const uint64_t x = v[i];
    int j = i - 1;
    while (j >= 0 && v[j] > x) {
      v[j + 1] = v[j];
      --j;
    }
    v[j + 1] = x;
  }
  return v[n / 2];
}

struct RunResult {
  bool ok;
  uint64_t total;  // port ticks of all invokes (median over runs)
  uint64_t hash;   // logits of every position and the generated ids
};

// Greedy generation for `tokens` positions with one kernel table; per-op ticks accumulate into
// g_op_cycles (the last run's), the total is the median over runs.
RunResult run(const uint8_t* blob, size_t blob_bytes, uint8_t* arena, size_t arena_bytes,
              bool reference, int32_t tokens, int runs) {
  RunResult r = {false, 0, 0};
  const qrt_op_table* tables[2] = {qrt_llm_op_table(), nullptr};
  int32_t table_count = 1;
#if defined(QRT_HAVE_LLM_FLOAT)
  tables[table_count++] = qrt_llm_float_op_table();
#endif
  qrt_profile profile = {g_op_cycles, kMaxOps, 0};
  const qrt_observer observer = qrt_profile_observer(&profile);
  qrt_options opt;
  memset(&opt, 0, sizeof opt);
  opt.op_tables = tables;
  opt.op_table_count = table_count;
  opt.use_reference_kernels = reference ? 1 : 0;
  opt.skip_checksum = 1;
  opt.observer = &observer;
  qrt_session* s = nullptr;
  qrt_error err;
  if (qrt_session_create(blob, blob_bytes, &opt, arena, arena_bytes, &s, &err) != QRT_OK) {
    printf("session: %s\n", err.message);
    return r;
  }
  if (!label_ops(s)) return r;
  qrt_tensor_view token, pos, logits;
  if (qrt_session_input(s, 0, &token) != QRT_OK || qrt_session_input(s, 1, &pos) != QRT_OK ||
      qrt_session_output(s, 0, &logits) != QRT_OK) {
    return r;
  }
  uint64_t totals[kMaxRuns];
  for (int run_index = 0; run_index < runs; ++run_index) {
    memset(g_op_cycles, 0, sizeof g_op_cycles);
    qrt_session_reset_state(s);
    uint64_t hash = 0xCBF29CE484222325ull;
    int32_t id = static_cast<int32_t>(kBosToken);
    uint64_t total = 0;
    for (int32_t p = 0; p < tokens; ++p) {
      static_cast<int32_t*>(token.data)[0] = id;
      static_cast<int32_t*>(pos.data)[0] = p;
      const uint64_t t0 = qrt_port_cycles();
      if (qrt_session_invoke(s) != QRT_OK) return r;
      total += qrt_port_cycles() - t0;
      hash = fnv1a(hash, logits.data, logits.bytes);
      id = argmax(logits);
      g_ids[p] = id;
    }
    r.hash = fnv1a(hash, g_ids, sizeof(int32_t) * static_cast<size_t>(tokens));
    totals[run_index] = total;
  }
  r.total = median(totals, runs);
  r.ok = true;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = nullptr;
  int32_t tokens = 64;
  int runs = 1;
  bool do_ref = true, do_port = true;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--tokens") == 0 && i + 1 < argc) {
      tokens = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--table") == 0 && i + 1 < argc) {
      const char* t = argv[++i];
      do_ref = strcmp(t, "port") != 0;
      do_port = strcmp(t, "reference") != 0;
    } else if (path == nullptr && argv[i][0] != '-') {
      path = argv[i];
    } else {
      path = nullptr;
      break;
    }
  }
  if (path == nullptr || tokens < 1 || tokens > kMaxTokens || runs < 1 || runs > kMaxRuns) {
    printf("usage: bench_llm MODEL.qrt [--tokens N<=%d] [--table reference|port|both] [--runs R<=%d]\n",
           static_cast<int>(kMaxTokens), kMaxRuns);
    return 2;
  }
  FILE* f = fopen(path, "rb");
  if (f == nullptr) {
    printf("cannot open %s\n", path);
    return 3;
  }
  const size_t blob_bytes = fread(g_pool, 1, kPoolBytes, f);
  fclose(f);
  if (blob_bytes == 0 || blob_bytes == kPoolBytes) {
    printf("%s: empty or larger than the pool (%u bytes)\n", path, static_cast<unsigned>(kPoolBytes));
    return 3;
  }
  const size_t arena_offset = (blob_bytes + 15u) & ~size_t{15};
  uint8_t* arena = g_pool + arena_offset;
  const size_t arena_bytes = kPoolBytes - arena_offset;

  printf("bench_llm %s: %d positions (greedy from BOS), port %s, LLM kernels '%s'\n", path,
         static_cast<int>(tokens), qrt_port_name(), qrt::isa_name(qrt::llm_matvec_variant(qrt::target_isas())));
#if defined(QRT_BENCH_INSNS_PER_TICK)
  const double scale = QRT_BENCH_INSNS_PER_TICK;
  const char* unit = "instructions";
#else
  const double scale = 1.0;
  const char* unit = "port ticks";
#endif
  // Per-kind ticks per token of each table, for the table below.
  static uint64_t per_kind[2][kMaxKinds];
  uint64_t totals[2] = {0, 0};
  uint64_t hashes[2] = {0, 0};
  bool done[2] = {false, false};
  for (int t = 0; t < 2; ++t) {
    if ((t == 0 && !do_ref) || (t == 1 && !do_port)) continue;
    const RunResult r = run(g_pool, blob_bytes, arena, arena_bytes, t == 0, tokens, runs);
    if (!r.ok) {
      printf("run failed\n");
      return 1;
    }
    for (int32_t k = 0; k < g_kind_count; ++k) g_kinds[k].cycles = 0;
    for (int32_t i = 0; i < kMaxOps; ++i) {
      if (g_op_cycles[i] != 0) g_kinds[g_op_kind[i]].cycles += g_op_cycles[i];
    }
    for (int32_t k = 0; k < g_kind_count; ++k) per_kind[t][k] = g_kinds[k].cycles;
    totals[t] = r.total;
    hashes[t] = r.hash;
    done[t] = true;
  }
  printf("| operator | calls/token | reference %s/token | port %s/token | speedup |\n", unit, unit);
  printf("|---|---:|---:|---:|---:|\n");
  for (int32_t k = 0; k < g_kind_count; ++k) {
    const double ref = done[0] ? scale * static_cast<double>(per_kind[0][k]) / tokens : 0.0;
    const double opt = done[1] ? scale * static_cast<double>(per_kind[1][k]) / tokens : 0.0;
    printf("| %s | | %.0f | %.0f | %.2fx |\n", g_kinds[k].label, ref, opt, opt > 0 ? ref / opt : 0.0);
  }
  const double ref_total = scale * static_cast<double>(totals[0]) / tokens;
  const double opt_total = scale * static_cast<double>(totals[1]) / tokens;
  printf("| **total per token** | | %.0f | %.0f | %.2fx |\n", ref_total, opt_total,
         opt_total > 0 ? ref_total / opt_total : 0.0);
  for (int t = 0; t < 2; ++t) {
    if (!done[t]) continue;
    printf("%s: %.0f %s/token, hash %08x%08x\n", t == 0 ? "reference" : "port",
           t == 0 ? ref_total : opt_total, unit, static_cast<unsigned>(hashes[t] >> 32),
           static_cast<unsigned>(hashes[t]));
  }
  if (done[0] && done[1]) printf("same logits and ids: %s\n", hashes[0] == hashes[1] ? "yes" : "NO");
  return 0;
}
