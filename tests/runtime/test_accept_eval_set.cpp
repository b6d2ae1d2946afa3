// The device reader of evaluation sets (models/formats/EVAL-SET.md) on sets assembled by hand
// here, byte offset by byte offset from the spec (not by the host writer), and on corrupted
// copies: every malformed header or table is rejected with its status, and no mutation makes the
// reader crash or hand out a pointer outside the buffer.
#include <string.h>

#include "qrt/eval_set.h"
#include "qrt_test.h"

namespace {

constexpr size_t kCap = 512;

struct alignas(16) Buffer {
  uint8_t bytes[kCap];
};

void put32(uint8_t* p, size_t off, uint32_t v) { memcpy(p + off, &v, 4); }
void putf(uint8_t* p, size_t off, float v) { memcpy(p + off, &v, 4); }
uint32_t get32(const uint8_t* p, size_t off) {
  uint32_t v;
  memcpy(&v, p + off, 4);
  return v;
}

void seal(uint8_t* p) {
  const uint32_t total = get32(p, 12);
  put32(p, 16, 0);
  put32(p, 16, qrt_crc32(0, p, total));
}

void section(uint8_t* p, int index, uint32_t kind, uint32_t offset, uint32_t size,
             uint32_t count) {
  const size_t e = 64 + 16 * static_cast<size_t>(index);
  put32(p, e, kind);
  put32(p, e + 4, offset);
  put32(p, e + 8, size);
  put32(p, e + 12, count);
}

void tensor(uint8_t* p, size_t off, uint32_t dtype, uint32_t rank, const int32_t* dims,
            uint32_t sample_bytes, float scale, int32_t zp, uint32_t name, uint32_t offset) {
  put32(p, off, dtype);
  put32(p, off + 4, rank);
  for (uint32_t i = 0; i < 5; ++i) put32(p, off + 8 + 4 * i, static_cast<uint32_t>(dims[i]));
  put32(p, off + 28, sample_bytes);
  putf(p, off + 32, scale);
  put32(p, off + 36, static_cast<uint32_t>(zp));
  put32(p, off + 40, name);
  put32(p, off + 44, offset);
}

// Classification set: 3 samples of int8 [1,2,2,1] (scale 0.5, zero point -1), labels {2, 0, 1}
// of 3 classes, float32 reference output [1,3] per sample, names "tiny", "in", "out".
//   0 header | 64 section table (6 x 16) | 160 TENSORS (2 x 48) | 256 SAMPLES (3 x u32)
//   | 272 LABELS (3 x i32) | 288 DATA (12 bytes, samples at 0, 4, 8) | 304 REFERENCE (36 bytes)
//   | 352 STRINGS "tiny\0in\0out\0" | 368 end
constexpr uint32_t kClassTotal = 368;

void make_classification(uint8_t* p) {
  memset(p, 0, kCap);
  put32(p, 0, 0x31564551u);
  put32(p, 4, 1u);  // version 1.0
  put32(p, 8, 64);
  put32(p, 12, kClassTotal);
  put32(p, 20, 6);    // sections
  put32(p, 24, 1);    // classification
  put32(p, 28, 3);    // samples
  put32(p, 32, 1);    // inputs
  put32(p, 36, 1);    // reference outputs
  put32(p, 40, 0);    // groups
  put32(p, 44, 3);    // int32 labels
  put32(p, 48, 3);    // classes
  put32(p, 52, 0);    // name "tiny" at STRINGS + 0
  section(p, 0, 1, 160, 96, 2);
  section(p, 1, 2, 256, 12, 3);
  section(p, 2, 3, 272, 12, 3);
  section(p, 3, 5, 288, 12, 0);
  section(p, 4, 6, 304, 36, 0);
  section(p, 5, 7, 352, 12, 0);
  const int32_t in_dims[5] = {1, 2, 2, 1, 0};
  const int32_t out_dims[5] = {1, 3, 0, 0, 0};
  tensor(p, 160, 1, 4, in_dims, 4, 0.5f, -1, 5, 0);
  tensor(p, 208, 5, 2, out_dims, 12, 0.0f, 0, 8, 0);
  put32(p, 256, 0);
  put32(p, 260, 4);
  put32(p, 264, 8);
  put32(p, 272, 2);
  put32(p, 276, 0);
  put32(p, 280, 1);
  for (int i = 0; i < 12; ++i) p[288 + i] = static_cast<uint8_t>(static_cast<int8_t>(i - 6));
  for (int i = 0; i < 9; ++i) putf(p, 304 + 4 * static_cast<size_t>(i), 0.25f * static_cast<float>(i));
  memcpy(p + 352, "tiny\0in\0out\0", 12);
  seal(p);
}

// Anomaly set: 5 windows of 4 float32 in 2 groups (3 + 2 windows) over 8 shared floats
// (window w of a group starts one float after window w-1), labels {0, 1}.
//   0 header | 64 table (5 x 16) | 144 TENSORS (48) | 192 SAMPLES (5 x u32) | 224 LABELS (2 x
//   i32) | 240 GROUPS (2 x 8) | 256 DATA (8 floats) | 288 end
constexpr uint32_t kAnomalyTotal = 288;

void make_anomaly(uint8_t* p) {
  memset(p, 0, kCap);
  put32(p, 0, 0x31564551u);
  put32(p, 4, 1u);
  put32(p, 8, 64);
  put32(p, 12, kAnomalyTotal);
  put32(p, 20, 5);
  put32(p, 24, 2);  // anomaly
  put32(p, 28, 5);
  put32(p, 32, 1);
  put32(p, 40, 2);  // groups
  put32(p, 44, 3);
  put32(p, 52, QRT_EVAL_SET_NONE);
  section(p, 0, 1, 144, 48, 1);
  section(p, 1, 2, 192, 20, 5);
  section(p, 2, 3, 224, 8, 2);
  section(p, 3, 4, 240, 16, 2);
  section(p, 4, 5, 256, 32, 0);
  const int32_t dims[5] = {1, 4, 0, 0, 0};
  tensor(p, 144, 5, 2, dims, 16, 0.0f, 0, QRT_EVAL_SET_NONE, 0);
  const uint32_t offsets[5] = {0, 4, 8, 12, 16};
  for (int i = 0; i < 5; ++i) put32(p, 192 + 4 * static_cast<size_t>(i), offsets[i]);
  put32(p, 224, 0);
  put32(p, 228, 1);
  put32(p, 240, 0);
  put32(p, 244, 3);
  put32(p, 248, 3);
  put32(p, 252, 2);
  for (int i = 0; i < 8; ++i) putf(p, 256 + 4 * static_cast<size_t>(i), static_cast<float>(i));
  seal(p);
}

qrt_status open_status(const uint8_t* p, size_t size, int32_t skip_crc = 0) {
  qrt_eval_set set;
  qrt_error err;
  return qrt_eval_set_open(p, size, skip_crc, &set, &err);
}

}  // namespace

QRT_TEST(accept_eval_set, crc32_check_value) {
  // The CRC-32/ISO-HDLC check value (zlib crc32 of "123456789").
  QRT_EXPECT(qrt_crc32(0, "123456789", 9) == 0xCBF43926u);
  // Continuation equals one pass.
  const uint32_t part = qrt_crc32(0, "1234", 4);
  QRT_EXPECT(qrt_crc32(part, "56789", 5) == 0xCBF43926u);
  QRT_EXPECT(qrt_crc32(0, "", 0) == 0u);
}

QRT_TEST(accept_eval_set, reads_hand_assembled_classification_set) {
  static Buffer b;
  make_classification(b.bytes);
  qrt_eval_set set;
  qrt_error err;
  QRT_ASSERT_EQ(qrt_eval_set_open(b.bytes, kClassTotal, 0, &set, &err), QRT_OK);
  QRT_EXPECT_EQ(set.task, QRT_EVAL_TASK_CLASSIFICATION);
  QRT_EXPECT_EQ(set.sample_count, 3u);
  QRT_EXPECT_EQ(set.unit_count, 3u);
  QRT_EXPECT_EQ(set.class_count, 3u);
  QRT_EXPECT(strcmp(set.name, "tiny") == 0);
  qrt_eval_tensor in;
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 2, 0, &in), QRT_OK);
  QRT_EXPECT(in.data == b.bytes + 288 + 8);  // in place, no copy
  QRT_EXPECT_EQ(in.bytes, 4u);
  QRT_EXPECT_EQ(in.dtype, QRT_DTYPE_INT8);
  QRT_EXPECT_EQ(in.rank, 4);
  QRT_EXPECT_EQ(in.dims[1], 2);
  QRT_EXPECT_NEAR(in.scale, 0.5, 0.0);
  QRT_EXPECT_EQ(in.zero_point, -1);
  QRT_EXPECT(strcmp(in.name, "in") == 0);
  QRT_EXPECT_EQ(static_cast<const int8_t*>(in.data)[0], 2);  // byte 8 holds 8 - 6
  qrt_eval_tensor ref;
  QRT_ASSERT_EQ(qrt_eval_set_reference(&set, 1, 0, &ref), QRT_OK);
  QRT_EXPECT(ref.data == b.bytes + 304 + 12);
  QRT_EXPECT_NEAR(static_cast<const float*>(ref.data)[2], 1.25, 0.0);  // element 5 * 0.25
  QRT_EXPECT(strcmp(ref.name, "out") == 0);
  int32_t label = -1;
  QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, 0, &label), QRT_OK);
  QRT_EXPECT_EQ(label, 2);
  float value = 0;
  QRT_EXPECT_EQ(qrt_eval_set_label_value(&set, 0, &value), QRT_ERR_BAD_ARGUMENT);
  uint32_t first = 9, count = 9;
  QRT_ASSERT_EQ(qrt_eval_set_unit_samples(&set, 1, &first, &count), QRT_OK);
  QRT_EXPECT_EQ(first, 1u);
  QRT_EXPECT_EQ(count, 1u);
  // Index checks.
  QRT_EXPECT_EQ(qrt_eval_set_input(&set, 3, 0, &in), QRT_ERR_BAD_INDEX);
  QRT_EXPECT_EQ(qrt_eval_set_input(&set, 0, 1, &in), QRT_ERR_BAD_INDEX);
  QRT_EXPECT_EQ(qrt_eval_set_reference(&set, 0, 1, &ref), QRT_ERR_BAD_INDEX);
  QRT_EXPECT_EQ(qrt_eval_set_label_class(&set, 3, &label), QRT_ERR_BAD_INDEX);
  // A longer buffer (flash padding) is fine.
  QRT_EXPECT_EQ(open_status(b.bytes, kCap), QRT_OK);
}

QRT_TEST(accept_eval_set, reads_grouped_overlapping_windows) {
  static Buffer b;
  make_anomaly(b.bytes);
  qrt_eval_set set;
  QRT_ASSERT_EQ(qrt_eval_set_open(b.bytes, kAnomalyTotal, 0, &set, nullptr), QRT_OK);
  QRT_EXPECT_EQ(set.unit_count, 2u);
  QRT_EXPECT(strcmp(set.name, "") == 0);
  uint32_t first = 0, count = 0;
  QRT_ASSERT_EQ(qrt_eval_set_unit_samples(&set, 1, &first, &count), QRT_OK);
  QRT_EXPECT_EQ(first, 3u);
  QRT_EXPECT_EQ(count, 2u);
  qrt_eval_tensor w;
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 4, 0, &w), QRT_OK);
  const float* f = static_cast<const float*>(w.data);
  QRT_EXPECT_NEAR(f[0], 4.0, 0.0);  // window 4 starts at float 4, overlapping window 3
  QRT_EXPECT_NEAR(f[3], 7.0, 0.0);
  int32_t label = 0;
  QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, 1, &label), QRT_OK);
  QRT_EXPECT_EQ(label, 1);
}

QRT_TEST(accept_eval_set, rejects_bad_headers) {
  static Buffer good, b;
  make_classification(good.bytes);
  auto mutate = [&](size_t off, uint32_t v, bool reseal) {
    memcpy(b.bytes, good.bytes, kCap);
    put32(b.bytes, off, v);
    if (reseal) seal(b.bytes);
    return open_status(b.bytes, kClassTotal);
  };
  QRT_EXPECT_EQ(open_status(good.bytes, 63), QRT_ERR_TRUNCATED);
  QRT_EXPECT_EQ(open_status(good.bytes, kClassTotal - 1), QRT_ERR_TRUNCATED);
  QRT_EXPECT_EQ(mutate(0, 0x31545251u, false), QRT_ERR_BAD_MAGIC);  // a .qrt blob's magic
  QRT_EXPECT_EQ(mutate(4, 2u, true), QRT_ERR_BAD_VERSION);          // major 2
  QRT_EXPECT_EQ(mutate(4, 1u | (7u << 16), true), QRT_OK);          // minor 7 is fine
  QRT_EXPECT_EQ(mutate(8, 80, true), QRT_ERR_BAD_VERSION);          // header size
  QRT_EXPECT_EQ(mutate(56, 1, true), QRT_ERR_BAD_VERSION);          // flags
  QRT_EXPECT_EQ(mutate(24, 9, true), QRT_ERR_BAD_ARGUMENT);         // task
  QRT_EXPECT_EQ(mutate(28, 0, true), QRT_ERR_BAD_ARGUMENT);         // no samples
  QRT_EXPECT_EQ(mutate(32, 9, true), QRT_ERR_BAD_ARGUMENT);         // 9 inputs
  QRT_EXPECT_EQ(mutate(44, 2, true), QRT_ERR_BAD_ARGUMENT);         // label dtype int16
  QRT_EXPECT_EQ(mutate(48, 1, true), QRT_ERR_BAD_ARGUMENT);         // 1 class
  QRT_EXPECT_EQ(mutate(52, 100, true), QRT_ERR_BAD_METADATA);       // name past STRINGS
  QRT_EXPECT_EQ(mutate(12, kClassTotal + 16, true), QRT_ERR_TRUNCATED);
  // CRC: any flipped byte is caught; skipping the check accepts a flipped data byte.
  memcpy(b.bytes, good.bytes, kCap);
  b.bytes[290] ^= 0x40;
  QRT_EXPECT_EQ(open_status(b.bytes, kClassTotal), QRT_ERR_BAD_CHECKSUM);
  QRT_EXPECT_EQ(open_status(b.bytes, kClassTotal, 1), QRT_OK);
  // Misaligned buffer.
  static Buffer shifted;
  memcpy(shifted.bytes + 2, good.bytes, kClassTotal);
  QRT_EXPECT_EQ(open_status(shifted.bytes + 2, kClassTotal), QRT_ERR_BAD_ARGUMENT);
  QRT_EXPECT_EQ(qrt_eval_set_open(nullptr, 0, 0, nullptr, nullptr), QRT_ERR_NULL_ARGUMENT);
}

QRT_TEST(accept_eval_set, rejects_bad_sections) {
  static Buffer good, b;
  make_classification(good.bytes);
  auto section_status = [&](int index, uint32_t kind, uint32_t offset, uint32_t size,
                            uint32_t count) {
    memcpy(b.bytes, good.bytes, kCap);
    section(b.bytes, index, kind, offset, size, count);
    seal(b.bytes);
    return open_status(b.bytes, kClassTotal);
  };
  QRT_EXPECT_EQ(section_status(3, 5, 289, 12, 0), QRT_ERR_BAD_SECTION);  // misaligned DATA
  QRT_EXPECT_EQ(section_status(3, 5, 288, 200, 0), QRT_ERR_BAD_SECTION);  // DATA past the end
  QRT_EXPECT_EQ(section_status(3, 5, 0xFFFFFFF0u, 0x20, 0), QRT_ERR_BAD_SECTION);  // wraps
  QRT_EXPECT_EQ(section_status(3, 5, 272, 12, 0), QRT_ERR_BAD_SECTION);  // overlaps LABELS
  QRT_EXPECT_EQ(section_status(3, 5, 144, 12, 0), QRT_ERR_BAD_SECTION);  // inside the table
  QRT_EXPECT_EQ(section_status(3, 2, 288, 12, 3), QRT_ERR_BAD_SECTION);  // duplicate SAMPLES
  QRT_EXPECT_EQ(section_status(3, 9, 288, 12, 0), QRT_ERR_BAD_SECTION);  // unknown kind
  QRT_EXPECT_EQ(section_status(0, 1, 160, 95, 2), QRT_ERR_BAD_SECTION);  // TENSORS too small
  QRT_EXPECT_EQ(section_status(0, 1, 160, 96, 1), QRT_ERR_BAD_SECTION);  // wrong count
  QRT_EXPECT_EQ(section_status(1, 2, 256, 8, 3), QRT_ERR_BAD_SECTION);   // SAMPLES too small
  QRT_EXPECT_EQ(section_status(4, 4, 304, 36, 0), QRT_ERR_BAD_SECTION);  // GROUPS not declared
  QRT_EXPECT_EQ(section_status(4, 6, 304, 32, 0), QRT_ERR_BAD_SECTION);  // REFERENCE too short
  // Drop the last table entry: without STRINGS the names dangle.
  memcpy(b.bytes, good.bytes, kCap);
  put32(b.bytes, 20, 5);
  seal(b.bytes);
  QRT_EXPECT_EQ(open_status(b.bytes, kClassTotal), QRT_ERR_BAD_METADATA);
  QRT_EXPECT_EQ(section_status(0, 4, 160, 96, 0), QRT_ERR_BAD_SECTION);  // TENSORS missing
}

QRT_TEST(accept_eval_set, rejects_bad_tensors_samples_labels_groups) {
  static Buffer good, b;
  make_classification(good.bytes);
  auto status_with = [&](size_t off, uint32_t v) {
    memcpy(b.bytes, good.bytes, kCap);
    put32(b.bytes, off, v);
    seal(b.bytes);
    return open_status(b.bytes, kClassTotal);
  };
  QRT_EXPECT_EQ(status_with(160, 4), QRT_ERR_BAD_TENSOR);        // int4 input
  QRT_EXPECT_EQ(status_with(208, 1), QRT_ERR_BAD_TENSOR);        // int8 reference output
  QRT_EXPECT_EQ(status_with(164, 6), QRT_ERR_BAD_SHAPE);         // rank 6
  QRT_EXPECT_EQ(status_with(164, 3), QRT_ERR_BAD_SHAPE);         // unused dim 3 not 0
  QRT_EXPECT_EQ(status_with(172, 0), QRT_ERR_BAD_SHAPE);         // dim 0
  QRT_EXPECT_EQ(status_with(172, 0x80000000u), QRT_ERR_BAD_SHAPE);  // negative dim
  QRT_EXPECT_EQ(status_with(188, 5), QRT_ERR_BAD_TENSOR);        // sample_bytes != 4
  QRT_EXPECT_EQ(status_with(192, 0x7FC00000u), QRT_ERR_BAD_QUANTIZATION);  // scale NaN
  QRT_EXPECT_EQ(status_with(192, 0xBF800000u), QRT_ERR_BAD_QUANTIZATION);  // scale -1
  QRT_EXPECT_EQ(status_with(196, 200), QRT_ERR_BAD_QUANTIZATION);  // int8 zero point 200
  QRT_EXPECT_EQ(status_with(240, 0x3F800000u), QRT_ERR_BAD_QUANTIZATION);  // quantized output
  QRT_EXPECT_EQ(status_with(200, 11), QRT_OK);                   // name at the last NUL: ""
  QRT_EXPECT_EQ(status_with(200, 12), QRT_ERR_BAD_METADATA);     // name past STRINGS
  QRT_EXPECT_EQ(status_with(204, 16), QRT_ERR_BAD_TENSOR);       // input with an offset
  QRT_EXPECT_EQ(status_with(252, 4), QRT_ERR_BAD_SECTION);       // reference block past end
  QRT_EXPECT_EQ(status_with(264, 9), QRT_ERR_BAD_ARGUMENT);      // sample past DATA
  QRT_EXPECT_EQ(status_with(264, 0xFFFFFFFCu), QRT_ERR_BAD_ARGUMENT);  // would wrap
  QRT_EXPECT_EQ(status_with(280, 3), QRT_ERR_BAD_ARGUMENT);      // label 3 of 3 classes
  QRT_EXPECT_EQ(status_with(280, 0xFFFFFFFFu), QRT_ERR_BAD_ARGUMENT);  // label -1
  // Unterminated strings: overwrite the last NUL.
  memcpy(b.bytes, good.bytes, kCap);
  b.bytes[363] = 'x';
  seal(b.bytes);
  QRT_EXPECT_EQ(open_status(b.bytes, kClassTotal), QRT_ERR_BAD_METADATA);

  static Buffer agood;
  make_anomaly(agood.bytes);
  auto anomaly_with = [&](size_t off, uint32_t v) {
    memcpy(b.bytes, agood.bytes, kCap);
    put32(b.bytes, off, v);
    seal(b.bytes);
    return open_status(b.bytes, kAnomalyTotal);
  };
  QRT_EXPECT_EQ(anomaly_with(248, 2), QRT_ERR_BAD_ARGUMENT);   // group 1 starts at 2, not 3
  QRT_EXPECT_EQ(anomaly_with(244, 0), QRT_ERR_BAD_ARGUMENT);   // empty group
  QRT_EXPECT_EQ(anomaly_with(252, 1), QRT_ERR_BAD_ARGUMENT);   // groups cover 4 of 5 samples
  QRT_EXPECT_EQ(anomaly_with(228, 2), QRT_ERR_BAD_ARGUMENT);   // anomaly label 2
  QRT_EXPECT_EQ(anomaly_with(196, 2), QRT_ERR_BAD_ARGUMENT);   // float window at byte 2
  QRT_EXPECT_EQ(anomaly_with(24, 1), QRT_ERR_BAD_ARGUMENT);    // groups in a classification set
}

QRT_TEST(accept_eval_set, byte_flips_never_escape_the_buffer) {
  // Flip every bit of the header, the section table and the tensor table (re-sealing the CRC so
  // the flip reaches the structural checks). Whatever opens must only hand out pointers inside
  // the set.
  static Buffer good, b;
  make_classification(good.bytes);
  int opened = 0, rejected = 0;
  for (size_t byte = 0; byte < 256; ++byte) {
    if (byte >= 16 && byte < 20) continue;  // the CRC field itself
    for (int bit = 0; bit < 8; ++bit) {
      memcpy(b.bytes, good.bytes, kCap);
      b.bytes[byte] ^= static_cast<uint8_t>(1u << bit);
      const uint32_t total = get32(b.bytes, 12);
      if (total <= kCap) seal(b.bytes);
      qrt_eval_set set;
      if (qrt_eval_set_open(b.bytes, kClassTotal, 0, &set, nullptr) != QRT_OK) {
        ++rejected;
        continue;
      }
      ++opened;
      for (uint32_t s = 0; s < set.sample_count; ++s) {
        for (uint32_t i = 0; i < set.input_count; ++i) {
          qrt_eval_tensor t;
          QRT_ASSERT_EQ(qrt_eval_set_input(&set, s, i, &t), QRT_OK);
          const uint8_t* p = static_cast<const uint8_t*>(t.data);
          QRT_EXPECT(p >= b.bytes && p + t.bytes <= b.bytes + kClassTotal);
        }
        for (uint32_t o = 0; o < set.output_count; ++o) {
          qrt_eval_tensor t;
          QRT_ASSERT_EQ(qrt_eval_set_reference(&set, s, o, &t), QRT_OK);
          const uint8_t* p = static_cast<const uint8_t*>(t.data);
          QRT_EXPECT(p >= b.bytes && p + t.bytes <= b.bytes + kClassTotal);
        }
      }
    }
  }
  QRT_EXPECT(rejected > 0);
  QRT_EXPECT(opened > 0);  // flips in names/values that stay valid
}
