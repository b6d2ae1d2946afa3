// stories260K W8A8 (per-channel, KV cache of 64 positions) linked into flash and run in place
// through the device C API with qrt_llm_op_table(), on every target: it must compute exactly what
// the host qrt computes. The expected results are the host's `qrt trace` file
// (runtime/host/llama/llama_parity.h), made at build time from the same blob and read from the
// host here (semihosting on Cortex-M):
//   - greedy ids from BOS: equal, id for id (`qrt generate`'s argmax, first index on ties);
//   - per sequence ([BOS] + a paragraph of the validation text, KV cache reset per sequence): an
//     FNV-1a 64 hash of every position's int32 logits, equal (bit-identical integer logits);
//     the NLL of every predicted token and their sum, equal bit for bit. Both sides compute the
//     NLL with qrt/ops/math_f64.h (portable exp/log, no fused multiply-add): libm would not do,
//     newlib's double exp/log round differently from glibc's in the last bit.
// Also checks the plan: the KV cache is the persistent arena category, 5 layers x 64 positions x
// 32 (4 KV heads x 8) x (2 + 1) bytes (int16 keys, int8 values). Prints port cycles per token.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_plan_check.h"
#include "qrt/ops/math_f64.h"
#include "qrt/port.h"
#include "qrt/qrt.h"
#include "qrt/qrt_llm.h"
#include "qrt_llama_in_flash.h"  // qrt_llama_in_flash[], qrt_llama_in_flash_size
#include "qrt_test.h"

namespace {

// Everything the trace holds (the LLM kernels are scalar reference code, so Cortex-M55 under QEMU
// is not slowed by MVE emulation: about 1.5 s for the whole trace, like Cortex-M4). Lower these to
// check a prefix of the trace on a slower target.
constexpr int32_t kMaxGenerated = 1 << 20;
constexpr int32_t kMaxSequences = 1 << 20;

constexpr int32_t kMaxIds = 512;  // the longest line of ids the test reads
constexpr int32_t kVocab = 512;
constexpr uint32_t kBosToken = 1;

alignas(16) uint8_t g_arena[QRT_LLAMA_ARENA_BYTES];
char g_line[12 * 1024];  // an nll line: up to 511 values of 17 characters
int32_t g_ids[kMaxIds];
uint64_t g_expected_nll[kMaxIds];
int32_t g_generated[kMaxIds];
float g_logits[kVocab];

// The trace file, line by line (comment lines skipped). False at the end or for an overlong line.
struct TraceReader {
  FILE* file = nullptr;
  bool next() {
    while (fgets(g_line, sizeof g_line, file) != nullptr) {
      if (strchr(g_line, '\n') == nullptr) return false;
      if (g_line[0] != '#') return true;
    }
    return false;
  }
  // The line's key; `rest` points after it.
  bool key_is(const char* key, const char** rest) const {
    const size_t n = strlen(key);
    if (strncmp(g_line, key, n) != 0 || (g_line[n] != ' ' && g_line[n] != '\n')) return false;
    *rest = g_line + n;
    return true;
  }
};

// "N v1 ... vN" as decimal ids; returns N, or -1 when malformed or above kMaxIds.
int32_t parse_ids(const char* text, int32_t* ids) {
  char* end = nullptr;
  const long n = strtol(text, &end, 10);
  if (end == text || n < 0 || n > kMaxIds) return -1;
  for (long i = 0; i < n; ++i) {
    const char* p = end;
    ids[i] = static_cast<int32_t>(strtol(p, &end, 10));
    if (end == p) return -1;
  }
  return static_cast<int32_t>(n);
}

// "N h1 ... hN" as 64-bit hex values; returns N or -1.
int32_t parse_hex_list(const char* text, uint64_t* values) {
  char* end = nullptr;
  const long n = strtol(text, &end, 10);
  if (end == text || n < 0 || n > kMaxIds) return -1;
  for (long i = 0; i < n; ++i) {
    const char* p = end;
    values[i] = strtoull(p, &end, 16);
    if (end == p) return -1;
  }
  return static_cast<int32_t>(n);
}

uint64_t bits_of(double v) {
  uint64_t b;
  memcpy(&b, &v, 8);
  return b;
}

uint64_t fnv1a64(uint64_t hash, const void* bytes, size_t count) {
  const uint8_t* p = static_cast<const uint8_t*>(bytes);
  for (size_t i = 0; i < count; ++i) {
    hash ^= p[i];
    hash *= 0x100000001b3ull;
  }
  return hash;
}

struct Model {
  qrt_session* session = nullptr;
  qrt_tensor_view token, position, logits;
  float scale = 0.0f;
  int32_t positions = 0;
  uint64_t invokes = 0;
  uint64_t cycles = 0;

  // Runs one token; returns the int32 logits (also dequantized into g_logits as the host's
  // BlobLogitSource does: float scale * float q).
  const int32_t* step(int32_t id, int32_t pos) {
    memcpy(token.data, &id, 4);
    memcpy(position.data, &pos, 4);
    const uint64_t start = qrt_port_cycles();
    if (qrt_session_invoke(session) != QRT_OK) return nullptr;
    cycles += qrt_port_cycles() - start;
    ++invokes;
    const int32_t* q = static_cast<const int32_t*>(logits.data);
    for (int32_t i = 0; i < kVocab; ++i) g_logits[i] = scale * static_cast<float>(q[i]);
    return q;
  }
};

// First index of the largest logit, as the host's llama::argmax.
int32_t argmax_logits() {
  int32_t best = 0;
  for (int32_t i = 1; i < kVocab; ++i) {
    if (g_logits[i] > g_logits[best]) best = i;
  }
  return best;
}

bool open_model(qrt_test::Context* qrt_test_ctx, qrt_options* options, Model* m) {
  qrt_memory_report plan;
  qrt_error err;
  const qrt_status planned =
      qrt_plan_memory(qrt_llama_in_flash, qrt_llama_in_flash_size, options, &plan, &err);
  if (planned != QRT_OK) printf("plan: %s %s\n", qrt_status_str(planned), err.message);
  QRT_EXPECT_EQ(planned, QRT_OK);
  if (planned != QRT_OK) return false;
  // The KV cache is planned as persistent state: layers x positions x KV width x (2 + 1) bytes.
  QRT_EXPECT_EQ(plan.persistent_bytes, 5 * 64 * 32 * 3);
  QRT_EXPECT(plan.arena_bytes <= sizeof g_arena);
  const qrt_status created = qrt_session_create(qrt_llama_in_flash, qrt_llama_in_flash_size,
                                                options, g_arena, sizeof g_arena, &m->session, &err);
  if (created != QRT_OK) printf("create: %s %s\n", qrt_status_str(created), err.message);
  QRT_EXPECT_EQ(created, QRT_OK);
  if (created != QRT_OK) return false;
  QRT_EXPECT_EQ(qrt_session_input_count(m->session), 2);
  QRT_EXPECT_EQ(qrt_session_output_count(m->session), 1);
  if (qrt_session_input(m->session, 0, &m->token) != QRT_OK ||
      qrt_session_input(m->session, 1, &m->position) != QRT_OK ||
      qrt_session_output(m->session, 0, &m->logits) != QRT_OK) {
    return false;
  }
  QRT_EXPECT_EQ(m->logits.dtype, QRT_DTYPE_INT32);
  QRT_EXPECT_EQ(m->logits.bytes, kVocab * 4);
  QRT_EXPECT_EQ(m->logits.quant.kind, QRT_QUANT_PER_TENSOR);
  m->scale = m->logits.quant.scales[0];
  return m->logits.dtype == QRT_DTYPE_INT32 && m->logits.bytes == kVocab * 4;
}

}  // namespace

#if defined(QRT_HOST_PLAN_HEADER)
QRT_TEST(llama_parity, plan_equals_the_hosts_plan_for_this_target) {
  const qrt_op_table* tables[] = {qrt_llm_op_table()};
  qrt_options options;
  memset(&options, 0, sizeof options);
  options.op_tables = tables;
  options.op_table_count = 1;
  host_plan::expect_host_plan(qrt_test_ctx, qrt_llama_in_flash, qrt_llama_in_flash_size, options);
}
#endif

QRT_TEST(llama_parity, w8a8_from_flash_matches_the_host) {
  if (qrt_test::models_dir()[0] == '\0') return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  const qrt_op_table* tables[] = {qrt_llm_op_table()};
  qrt_options options;
  memset(&options, 0, sizeof options);
  options.op_tables = tables;
  options.op_table_count = 1;
  Model m;
  QRT_ASSERT(open_model(qrt_test_ctx, &options, &m));

  TraceReader trace;
  trace.file = fopen(QRT_LLAMA_TRACE_PATH, "r");
  QRT_ASSERT(trace.file != nullptr);
  const char* rest = nullptr;
  QRT_ASSERT(trace.next() && strcmp(g_line, "qrt-llama-trace 1\n") == 0);
  QRT_ASSERT(trace.next() && trace.key_is("vocab", &rest));
  QRT_ASSERT_EQ(atoi(rest), kVocab);
  QRT_ASSERT(trace.next() && trace.key_is("positions", &rest));
  m.positions = atoi(rest);
  QRT_ASSERT_EQ(m.positions, 64);
  QRT_ASSERT(trace.next() && trace.key_is("logit_scale", &rest));
  uint32_t scale_bits;
  memcpy(&scale_bits, &m.scale, 4);
  QRT_EXPECT_EQ(strtoul(rest, nullptr, 16), scale_bits);

  // Greedy continuation of the prompt, exactly as llama::generate_greedy runs it.
  QRT_ASSERT(trace.next() && trace.key_is("prompt", &rest));
  const int32_t prompt_count = parse_ids(rest, g_ids);
  QRT_ASSERT(prompt_count >= 1 && prompt_count <= m.positions);
  QRT_ASSERT(trace.next() && trace.key_is("generated", &rest));
  int32_t want = parse_ids(rest, g_generated);
  QRT_ASSERT(want >= 0);
  if (want > kMaxGenerated) want = kMaxGenerated;
  QRT_ASSERT_EQ(qrt_session_reset_state(m.session), QRT_OK);
  int32_t token = g_ids[0], generated = 0, mismatched_ids = 0;
  for (int32_t pos = 0; pos < m.positions; ++pos) {
    if (pos >= prompt_count - 1 && generated >= want) break;
    QRT_ASSERT(m.step(token, pos) != nullptr);
    if (pos < prompt_count - 1) {
      token = g_ids[pos + 1];
      continue;
    }
    token = argmax_logits();
    if (token == static_cast<int32_t>(kBosToken)) break;
    if (token != g_generated[generated]) {
      if (mismatched_ids == 0) {
        printf("greedy id %d: device %d, host %d\n", static_cast<int>(generated),
               static_cast<int>(token), static_cast<int>(g_generated[generated]));
      }
      ++mismatched_ids;
    }
    ++generated;
  }
  QRT_EXPECT_EQ(generated, want);
  QRT_EXPECT_EQ(mismatched_ids, 0);

  // The perplexity span: hash of the integer logits and every NLL, bit for bit.
  int32_t sequences = 0, tokens = 0, mismatched_nll = 0, mismatched_hash = 0;
  double total = 0.0;
  while (sequences < kMaxSequences && trace.next() && trace.key_is("sequence", &rest)) {
    const int32_t n = parse_ids(rest, g_ids);
    QRT_ASSERT(n >= 1 && n <= m.positions);
    QRT_ASSERT(trace.next() && trace.key_is("nll", &rest));
    QRT_ASSERT_EQ(parse_hex_list(rest, g_expected_nll), n - 1);
    QRT_ASSERT(trace.next() && trace.key_is("logits_fnv1a", &rest));
    const uint64_t expected_hash = strtoull(rest, nullptr, 16);
    QRT_ASSERT_EQ(qrt_session_reset_state(m.session), QRT_OK);
    uint64_t hash = 0xcbf29ce484222325ull;
    for (int32_t p = 0; p + 1 < n; ++p) {
      const int32_t* q = m.step(g_ids[p], p);
      QRT_ASSERT(q != nullptr);
      hash = fnv1a64(hash, q, kVocab * 4);
      const double nll = qrt::neg_log_softmax_f64(g_logits, kVocab, static_cast<uint32_t>(g_ids[p + 1]));
      total += nll;
      if (bits_of(nll) != g_expected_nll[p]) {
        if (mismatched_nll == 0) {
          printf("sequence %d position %d: NLL bits %016llx, host %016llx\n",
                 static_cast<int>(sequences), static_cast<int>(p),
                 static_cast<unsigned long long>(bits_of(nll)),
                 static_cast<unsigned long long>(g_expected_nll[p]));
        }
        ++mismatched_nll;
      }
      ++tokens;
    }
    if (hash != expected_hash) {
      printf("sequence %d: logits hash %016llx, host %016llx\n", static_cast<int>(sequences),
             static_cast<unsigned long long>(hash), static_cast<unsigned long long>(expected_hash));
      ++mismatched_hash;
    }
    ++sequences;
  }
  QRT_EXPECT(sequences >= 1);
  QRT_EXPECT_EQ(mismatched_hash, 0);
  QRT_EXPECT_EQ(mismatched_nll, 0);
  // With the whole span, the summed NLL too (same order of additions as the host).
  if (sequences < kMaxSequences) {
    QRT_ASSERT(trace.key_is("total_nll", &rest));
    char* end = nullptr;
    QRT_EXPECT_EQ(strtol(rest, &end, 10), tokens);
    QRT_EXPECT_EQ(strtoull(end, nullptr, 16), bits_of(total));
  }
  fclose(trace.file);
  const uint64_t per_token = m.invokes > 0 ? m.cycles / m.invokes : 0;
  printf("llama parity (%s): %d greedy ids, %d sequences, %d predicted tokens, summed NLL %.6f; "
         "%llu invokes, %llu port cycles per token (%llu cycles/s)\n",
         qrt_port_name(), static_cast<int>(generated), static_cast<int>(sequences),
         static_cast<int>(tokens), total, static_cast<unsigned long long>(m.invokes),
         static_cast<unsigned long long>(per_token),
         static_cast<unsigned long long>(qrt_port_cycles_per_second()));
}
