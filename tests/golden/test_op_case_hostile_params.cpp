// The load-time checks of the operators added for TFLite coverage, against blobs whose parameter
// block was patched after conversion (and the checksum re-sealed, as an attacker or a broken tool
// would): each out-of-range field must give QRT_ERR_BAD_PARAMS at load, before any invoke could
// read it, and the unpatched blob must load. Blobs come from the one-operator TFLM cases.
#include <cstddef>
#include <cstring>
#include <vector>

#include "blob_writer.h"
#include "qrt/format.h"
#include "qrt/ops/params.h"
#include "qrt_test.h"
#include "tflite_import.h"
#include "tflm_op_cases.h"

namespace {

namespace fmt = qrt::format;

// The converted blob of op case `name` (empty if there is none).
std::vector<uint8_t> case_blob(const char* name) {
  for (const golden::OpCase& c : golden::tflm_op_cases()) {
    if (c.name != name) continue;
    std::vector<uint8_t> blob;
    std::string error;
    if (!qrt::host::import_tflite(c.model.data(), c.model.size(), c.name, &blob, nullptr, &error)) return {};
    return blob;
  }
  return {};
}

const fmt::SectionEntry* section(const uint8_t* blob, uint32_t kind) {
  const auto* h = reinterpret_cast<const fmt::Header*>(blob);
  const auto* s = reinterpret_cast<const fmt::SectionEntry*>(blob + h->header_bytes);
  for (uint32_t i = 0; i < h->section_count; ++i) {
    if (s[i].kind == kind) return &s[i];
  }
  return nullptr;
}

// Plans and creates a session from `blob` (16-byte aligned), in an arena of the planned size.
qrt_status load(const std::vector<uint8_t>& blob, qrt_error* err) {
  qrt::host::AlignedBytes b;
  b.assign(blob.data(), blob.size());
  qrt_memory_report r;
  qrt_status s = qrt_plan_memory(b.data(), b.size(), nullptr, &r, err);
  if (s != QRT_OK) return s;
  std::vector<uint8_t> storage(r.arena_bytes + 16);
  uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  qrt_session* session = nullptr;
  s = qrt_session_create(b.data(), b.size(), nullptr, arena, r.arena_bytes, &session, err);
  return s;
}

struct Patch {
  size_t offset;  // into operator 0's parameter block
  int32_t value;
};

// Case `name` loads; with each patch alone it is refused with QRT_ERR_BAD_PARAMS. Returns the
// number of patches that were not refused so.
int accepted_patches(qrt_test::Context* qrt_test_ctx, const char* name, const std::vector<Patch>& patches) {
  const std::vector<uint8_t> blob = case_blob(name);
  QRT_EXPECT(!blob.empty());
  if (blob.empty()) return 1;
  qrt_error err;
  QRT_EXPECT_EQ(load(blob, &err), QRT_OK);
  const fmt::SectionEntry* ops = section(blob.data(), fmt::kSectionOperators);
  const fmt::SectionEntry* params = section(blob.data(), fmt::kSectionParams);
  const auto* op = reinterpret_cast<const fmt::OperatorRecord*>(blob.data() + ops->offset);
  int accepted = 0;
  for (const Patch& p : patches) {
    std::vector<uint8_t> bad = blob;
    if (p.offset + 4 > op->params_bytes) return accepted + 1;
    std::memcpy(bad.data() + params->offset + op->params + p.offset, &p.value, 4);
    auto* h = reinterpret_cast<fmt::Header*>(bad.data());
    h->crc32 = qrt::host::blob_checksum(bad.data(), h->total_bytes);
    const qrt_status s = load(bad, &err);
    if (s != QRT_ERR_BAD_PARAMS) {
      printf("  %s: params + %d = %d gave status %d\n", name, static_cast<int>(p.offset),
             static_cast<int>(p.value), static_cast<int>(s));
      ++accepted;
    }
  }
  return accepted;
}

#define AT(Struct, field) offsetof(qrt::Struct, field)

QRT_TEST(hostile_params, lstm_int8) {
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "lstm_s8_x1",
                                 {{AT(LstmParams, time_major), 2},
                                  {AT(LstmParams, input_zero_point), 128},
                                  {AT(LstmParams, hidden_zero_point), -129},
                                  {AT(LstmParams, clip_enabled), 2},
                                  {AT(LstmParams, cell_clip), 32768},
                                  {AT(LstmParams, cell_tanh_multiplier), 0},
                                  {AT(LstmParams, cell_tanh_multiplier), 32768},
                                  {AT(LstmParams, cell_tanh_shift), 32},
                                  {AT(LstmParams, gates[0].input_multiplier), 5},
                                  {AT(LstmParams, gates[3].recurrent_shift), 31},
                                  {AT(LstmParams, forget_multiplier), -1},
                                  {AT(LstmParams, output_shift), -32}}),
                0);
}

// 16x8: symmetric, and the gates' FC shifts within the int64 requantization's [-31, 7].
QRT_TEST(hostile_params, lstm_16x8) {
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "lstm_s16_x1",
                                 {{AT(LstmParams, input_zero_point), 1},
                                  {AT(LstmParams, hidden_zero_point), -1},
                                  {AT(LstmParams, gates[1].input_shift), 8},
                                  {AT(LstmParams, gates[2].recurrent_shift), 8}}),
                0);
}

QRT_TEST(hostile_params, svdf) {
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "svdf_s16_rank2_x1",
                                 {{AT(SvdfParams, rank), 0},
                                  {AT(SvdfParams, rank), 3},  // 8 filters: not a multiple
                                  {AT(SvdfParams, rank), 9},
                                  {AT(SvdfParams, input_zero_point), 128},
                                  {AT(SvdfParams, output_zero_point), -129},
                                  {AT(SvdfParams, feature_multiplier), 7},
                                  {AT(SvdfParams, output_shift), 31},
                                  {AT(SvdfParams, activation), 6}}),
                0);
}

QRT_TEST(hostile_params, batch_matmul) {
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "batch_matmul_s8_plain",
                                 {{AT(BatchMatMulParams, adj_x), 2},
                                  {AT(BatchMatMulParams, adj_y), -1},
                                  {AT(BatchMatMulParams, lhs_offset), 129},
                                  {AT(BatchMatMulParams, rhs_offset), -128},
                                  {AT(BatchMatMulParams, output_offset), 128},
                                  {AT(BatchMatMulParams, output_multiplier), 1}}),
                0);
}

QRT_TEST(hostile_params, hard_swish_prelu_squared_difference) {
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "hard_swish_s8_a",
                                 {{AT(HardSwishParams, reluish_multiplier), 32768},
                                  {AT(HardSwishParams, reluish_exponent), 32},
                                  {AT(HardSwishParams, output_exponent), 1},
                                  {AT(HardSwishParams, input_zero_point), 128}}),
                0);
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "prelu_s8_channel",
                                 {{AT(PreluParams, input_offset), 129},
                                  {AT(PreluParams, multiplier_alpha), 3},
                                  {AT(PreluParams, shift_positive), 31}}),
                0);
}

// RESIZE_NEAREST_NEIGHBOR's source tables are read at invoke: a row or column index outside the
// input is refused at load.
QRT_TEST(hostile_params, resize) {
  const size_t rows = sizeof(qrt::ResizeNearestParams);
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "resize_nearest_s8_up2",
                                 {{rows, 3}, {rows, -1}, {rows + 4 * 6, 4}, {rows + 4 * 7, -2},
                                  {AT(ResizeNearestParams, output_height), 7}}),
                0);
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "resize_bilinear_s8_up2",
                                 {{AT(ResizeBilinearParams, align_corners), 2},
                                  {AT(ResizeBilinearParams, half_pixel_centers), -1}}),
                0);
}

QRT_TEST(hostile_params, int16_nonlinear) {
  QRT_EXPECT_EQ(accepted_patches(qrt_test_ctx, "logistic_s16_s3e-4",
                                 {{AT(LogisticParams, input_multiplier), 0},
                                  {AT(LogisticParams, input_multiplier), 32768},
                                  {AT(LogisticParams, input_left_shift), 32}}),
                0);
}

}  // namespace
