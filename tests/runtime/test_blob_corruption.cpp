// The loader's trust boundary on the target itself: a real converted model (hello_world.qrt,
// made by the host `qrt convert` at build time and linked into flash) copied to RAM and
// corrupted here in every way tests/runtime/host/test_blob_validation.cpp corrupts its hand model:
// every truncation, every header word flipped, every byte flipped (caught by the CRC; without it
// a clean error or a valid blob, never a crash or a hang), and one specific corruption per
// record field with its specific status. Runs on every port, Cortex-M and the 32-bit armhf
// included, where pointer width and alignment rules differ from the host's.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "qrt/format.h"
#include "qrt/qrt.h"
#include "qrt_test.h"

#if defined(QRT_TEST_HAVE_MODEL)
#include "qrt_corruption_model.h"  // qrt_corruption_model[], qrt_corruption_model_size

namespace {

namespace fmt = qrt::format;

constexpr size_t kMaxBlob = 4096;
alignas(16) uint8_t g_blob[kMaxBlob];
alignas(16) uint8_t g_arena[16384];

size_t blob_size() { return qrt_corruption_model_size; }

// g_blob = the model, unchanged.
void restore() { memcpy(g_blob, qrt_corruption_model, blob_size()); }

// The whole load of the first `bytes` of g_blob: plan, then create in the arena.
qrt_status load(size_t bytes, bool skip_checksum = false, qrt_error* err = nullptr) {
  qrt_options o{};
  o.skip_checksum = skip_checksum ? 1 : 0;
  qrt_memory_report r;
  const qrt_status s = qrt_plan_memory(g_blob, bytes, &o, &r, err);
  if (s != QRT_OK) return s;
  if (r.arena_bytes > sizeof g_arena) return QRT_ERR_ARENA_TOO_SMALL;
  qrt_session* session = nullptr;
  return qrt_session_create(g_blob, bytes, &o, g_arena, sizeof g_arena, &session, err);
}

const fmt::SectionEntry* section(uint32_t kind) {
  const auto* h = reinterpret_cast<const fmt::Header*>(g_blob);
  const auto* s = reinterpret_cast<const fmt::SectionEntry*>(g_blob + sizeof(fmt::Header));
  for (uint32_t i = 0; i < h->section_count; ++i) {
    if (s[i].kind == kind) return &s[i];
  }
  return nullptr;
}
template <typename T>
T* at(uint32_t kind, uint32_t offset = 0) {
  return reinterpret_cast<T*>(g_blob + section(kind)->offset + offset);
}
fmt::TensorRecord* tensors() { return at<fmt::TensorRecord>(fmt::kSectionTensors); }
uint32_t tensor_count() { return section(fmt::kSectionTensors)->count; }
fmt::OperatorRecord* ops() { return at<fmt::OperatorRecord>(fmt::kSectionOperators); }

// The first tensor with a quantization record, or -1.
int32_t find_quantized() {
  for (uint32_t t = 0; t < tensor_count(); ++t) {
    if (tensors()[t].quant != fmt::kNone) return static_cast<int32_t>(t);
  }
  return -1;
}

// The first tensor of `kind` (with at least `rank` dimensions), or -1.
int32_t find_tensor(uint32_t kind, uint32_t rank = 0) {
  for (uint32_t t = 0; t < tensor_count(); ++t) {
    if (tensors()[t].kind == kind && tensors()[t].rank >= rank) return static_cast<int32_t>(t);
  }
  return -1;
}

void fix_crc() {
  auto* h = reinterpret_cast<fmt::Header*>(g_blob);
  h->crc32 = 0;
  h->crc32 = qrt_crc32(0, g_blob, h->total_bytes);
}

}  // namespace

QRT_TEST(blob_corruption, the_model_loads_from_ram) {
  QRT_ASSERT(blob_size() <= kMaxBlob);
  restore();
  QRT_ASSERT_EQ(load(blob_size()), QRT_OK);
  fix_crc();  // the checksum as this test computes it is the blob's own
  QRT_EXPECT(memcmp(g_blob, qrt_corruption_model, blob_size()) == 0);
}

QRT_TEST(blob_corruption, every_truncation_is_rejected) {
  restore();
  int wrong = 0;
  for (size_t n = 0; n < blob_size(); ++n) wrong += load(n) != QRT_ERR_TRUNCATED;
  QRT_EXPECT_EQ(wrong, 0);
}

QRT_TEST(blob_corruption, every_header_word_flipped_is_rejected) {
  const uint32_t masks[] = {0x1u, 0x80u, 0x10000u, 0xFFFFFFFFu};
  for (uint32_t word = 0; word < 16; ++word) {
    for (uint32_t mask : masks) {
      restore();
      uint32_t value;
      memcpy(&value, g_blob + word * 4, 4);
      value ^= mask;
      memcpy(g_blob + word * 4, &value, 4);
      const qrt_status s = load(blob_size());
      QRT_EXPECT(s != QRT_OK);
      if (word == 0) QRT_EXPECT_EQ(s, QRT_ERR_BAD_MAGIC);
      if (word == 4) QRT_EXPECT_EQ(s, QRT_ERR_BAD_CHECKSUM);
    }
  }
}

QRT_TEST(blob_corruption, every_byte_flip_is_caught_and_never_crashes_without_the_checksum) {
  int accepted = 0, accepted_without_crc = 0;
  for (size_t i = 0; i < blob_size(); ++i) {
    restore();
    g_blob[i] ^= 0x5A;
    accepted += load(blob_size()) == QRT_OK;
    // Without the CRC the structural checks must hold alone: a clean error, or a blob that is
    // valid (a flipped weight byte is any weight).
    accepted_without_crc += load(blob_size(), true) == QRT_OK;
  }
  QRT_EXPECT_EQ(accepted, 0);
  QRT_EXPECT(accepted_without_crc > 0);
}

QRT_TEST(blob_corruption, specific_corruptions_give_specific_statuses) {
  const int32_t constant = find_tensor(fmt::kTensorConstant);
  const int32_t activation = find_tensor(fmt::kTensorActivation, 2);
  QRT_ASSERT(constant >= 0 && activation >= 0 && find_quantized() >= 0);
  struct Case {
    const char* what;
    void (*corrupt)(int32_t constant, int32_t activation);
    qrt_status expected;
  };
  const Case cases[] = {
      {"constant data past the Data section",
       [](int32_t c, int32_t) { tensors()[c].data_offset = 0x7FFFFFF0u; }, QRT_ERR_BAD_TENSOR},
      {"a section offset past the end",
       [](int32_t, int32_t) {
         const_cast<fmt::SectionEntry*>(section(fmt::kSectionData))->offset = 0xFFFFFFF0u;
       },
       QRT_ERR_BAD_SECTION},
      {"an element count past int32",
       [](int32_t, int32_t a) {
         tensors()[a].dims[0] = 65536;
         tensors()[a].dims[1] = 65536;
       },
       QRT_ERR_BAD_SHAPE},
      {"data_bytes disagreeing with the shape",
       [](int32_t, int32_t a) { tensors()[a].data_bytes = 3; }, QRT_ERR_BAD_TENSOR},
      {"an operator input index out of range",
       [](int32_t, int32_t) { at<int32_t>(fmt::kSectionIndices)[ops()[0].inputs] = 1000; },
       QRT_ERR_BAD_INDEX},
      {"an unknown operator code", [](int32_t, int32_t) { ops()[0].op_code = 999; },
       QRT_ERR_UNSUPPORTED_OP},
      {"a parameter block of the wrong size", [](int32_t, int32_t) { ops()[0].params_bytes -= 4; },
       QRT_ERR_BAD_PARAMS},
      {"a NaN scale",
       [](int32_t, int32_t) {
         const uint32_t nan_bits = 0x7FC00000u;
         const uint32_t quant = tensors()[find_quantized()].quant;
         memcpy(at<uint8_t>(fmt::kSectionQuant, quant + sizeof(fmt::QuantRecord)), &nan_bits, 4);
       },
       QRT_ERR_BAD_QUANTIZATION},
  };
  for (const Case& c : cases) {
    restore();
    c.corrupt(constant, activation);
    fix_crc();
    const qrt_status s = load(blob_size());
    if (s != c.expected) printf("  %s: %s\n", c.what, qrt_status_str(s));
    QRT_EXPECT_EQ(s, c.expected);
  }
}

#else

QRT_TEST(blob_corruption, needs_the_converted_model) {
  qrt_test::note_skipped("needs QRT_MODELS_DIR and the host qrt converter (hello_world.qrt)");
}

#endif
