// read_tflite() on damaged real models: every truncation of hello_world_int8, and thousands of
// deterministic random byte flips and 32-bit overwrites of hello_world_int8 and
// micro_speech_quantized. Each mutant is copied into a buffer of exactly its size (so an
// over-read is visible to AddressSanitizer or valgrind), and each read must come back cleanly:
// either an error with a message, or a model satisfying tflite_test::check_invariants (every
// pointer inside the buffer, every index valid, sizes consistent).
#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include "qrt_test.h"
#include "tflite/tflite_model.h"
#include "tflite_test_util.h"

namespace {

using qrt::TfliteModel;

// xorshift64*: a fixed seed gives the same mutants on every run and every host.
struct Rng {
  uint64_t state;
  uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
  }
  uint32_t below(uint64_t n) { return static_cast<uint32_t>(next() % n); }
};

struct Tally {
  int accepted = 0;
  int rejected = 0;
};

void read_mutant(qrt_test::Context* qrt_test_ctx, const std::vector<uint8_t>& bytes,
                 Tally* tally) {
  TfliteModel m;
  std::string error;
  if (qrt::read_tflite(bytes.empty() ? nullptr : bytes.data(), bytes.size(), &m, &error)) {
    ++tally->accepted;
    QRT_EXPECT(error.empty());
    tflite_test::check_invariants(qrt_test_ctx, m, bytes.data(), bytes.size());
  } else {
    ++tally->rejected;
    QRT_EXPECT(!error.empty());
  }
}

// Byte positions of `file` outside every constant tensor's data: the flatbuffer structure
// (tables, vtables, offsets, shapes, quantization) where a mutation changes what is parsed.
std::vector<uint32_t> structure_positions(const std::vector<uint8_t>& file) {
  TfliteModel m;
  std::vector<bool> is_data(file.size(), false);
  if (qrt::read_tflite(file.data(), file.size(), &m, nullptr)) {
    for (const qrt::TfliteTensor& t : m.tensors) {
      if (t.data == nullptr) continue;
      const size_t begin = static_cast<size_t>(t.data - file.data());
      for (size_t i = 0; i < t.data_bytes; ++i) is_data[begin + i] = true;
    }
  }
  std::vector<uint32_t> positions;
  for (size_t i = 0; i < file.size(); ++i) {
    if (!is_data[i]) positions.push_back(static_cast<uint32_t>(i));
  }
  return positions;
}

// A position to damage: half the time anywhere, half the time in the structure.
uint32_t pick(Rng* rng, const std::vector<uint8_t>& file, const std::vector<uint32_t>& structure) {
  if ((rng->next() & 1) != 0 || structure.empty()) return rng->below(file.size());
  return structure[rng->below(structure.size())];
}

void flip_bytes(qrt_test::Context* qrt_test_ctx, const std::vector<uint8_t>& file, uint64_t seed,
                int iterations, const char* label) {
  const std::vector<uint32_t> structure = structure_positions(file);
  Rng rng{seed};
  Tally tally;
  for (int it = 0; it < iterations; ++it) {
    std::vector<uint8_t> mutant = file;
    const int flips = 1 + static_cast<int>(rng.below(4));
    for (int f = 0; f < flips; ++f) {
      mutant[pick(&rng, file, structure)] ^= static_cast<uint8_t>(1 + rng.below(255));
    }
    read_mutant(qrt_test_ctx, mutant, &tally);
  }
  printf("  %s, %d byte-flip mutants: %d read, %d rejected\n", label, iterations, tally.accepted,
         tally.rejected);
}

void overwrite_words(qrt_test::Context* qrt_test_ctx, const std::vector<uint8_t>& file,
                     uint64_t seed, int iterations, const char* label) {
  const std::vector<uint32_t> structure = structure_positions(file);
  Rng rng{seed};
  Tally tally;
  const uint32_t size = static_cast<uint32_t>(file.size());
  for (int it = 0; it < iterations; ++it) {
    std::vector<uint8_t> mutant = file;
    uint32_t pos = pick(&rng, file, structure);
    if (rng.below(4) != 0) pos &= ~3u;  // flatbuffer fields are mostly 4-byte aligned
    if (pos > size - 4) pos = size - 4;
    uint32_t old = 0;
    memcpy(&old, mutant.data() + pos, 4);
    // Values that hit edges: zero, all ones, sign bits, the size and distances to the end,
    // small nudges of the old value, and random words.
    const uint32_t candidates[] = {0u,          1u,           0xFFFFFFFFu, 0x7FFFFFFFu,
                                   0x80000000u, size,         size - pos,  size - pos - 4,
                                   old + 4,     old - 4,      old + 1,     old ^ 0x80000000u,
                                   rng.below(256), static_cast<uint32_t>(rng.next())};
    const uint32_t value = candidates[rng.below(sizeof(candidates) / sizeof(candidates[0]))];
    memcpy(mutant.data() + pos, &value, 4);
    read_mutant(qrt_test_ctx, mutant, &tally);
  }
  printf("  %s, %d word-overwrite mutants: %d read, %d rejected\n", label, iterations,
         tally.accepted, tally.rejected);
}

QRT_TEST(tflite_robustness, every_truncation_of_hello_world) {
  if (*qrt_test::models_dir() == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  std::vector<uint8_t> file;
  QRT_ASSERT(tflite_test::load_model("tflm/hello_world/hello_world_int8.tflite", &file));
  Tally tally;
  for (size_t n = 0; n < file.size(); ++n) {
    const std::vector<uint8_t> prefix(file.begin(), file.begin() + static_cast<long>(n));
    read_mutant(qrt_test_ctx, prefix, &tally);
  }
  printf("  hello_world_int8, %zu truncations: %d read, %d rejected\n", file.size(),
         tally.accepted, tally.rejected);
  // Cutting into the last object (the root's data) must be noticed: the very last byte of a
  // flatbuffer belongs to something the reader follows.
  QRT_EXPECT_EQ(tally.accepted, 0);
}

QRT_TEST(tflite_robustness, byte_flips) {
  if (*qrt_test::models_dir() == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  std::vector<uint8_t> file;
  QRT_ASSERT(tflite_test::load_model("tflm/hello_world/hello_world_int8.tflite", &file));
  flip_bytes(qrt_test_ctx, file, 0x9E3779B97F4A7C15ULL, 10000, "hello_world_int8");
  QRT_ASSERT(tflite_test::load_model("tflm/micro_speech/micro_speech_quantized.tflite", &file));
  flip_bytes(qrt_test_ctx, file, 0xD1B54A32D192ED03ULL, 10000, "micro_speech_quantized");
}

QRT_TEST(tflite_robustness, word_overwrites) {
  if (*qrt_test::models_dir() == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  std::vector<uint8_t> file;
  QRT_ASSERT(tflite_test::load_model("tflm/hello_world/hello_world_int8.tflite", &file));
  overwrite_words(qrt_test_ctx, file, 0x243F6A8885A308D3ULL, 10000, "hello_world_int8");
  QRT_ASSERT(tflite_test::load_model("tflm/micro_speech/micro_speech_quantized.tflite", &file));
  overwrite_words(qrt_test_ctx, file, 0x13198A2E03707344ULL, 10000, "micro_speech_quantized");
}

}  // namespace
