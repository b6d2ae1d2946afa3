// llama2.c checkpoint reading: tiny v0 (float32) and v2 (Q8_0) files built here with known values
// in every tensor, so each lands where run.c / runq.c would read it; malformed headers and sizes.
#include <math.h>
#include <string.h>

#include <string>
#include <vector>

#include "llama/llama_model.h"
#include "qrt_test.h"

namespace {

using namespace qrt::llama;

// dim 4, hidden 6, 2 layers, 2 heads, 1 KV head (kv_dim 2), vocab 5, seq_len 3.
constexpr int32_t kDim = 4, kHidden = 6, kLayers = 2, kHeads = 2, kKvHeads = 1, kVocab = 5,
                  kSeq = 3, kKv = 2;

void put_i32(std::vector<uint8_t>* b, int32_t v) {
  for (int i = 0; i < 4; ++i) b->push_back(static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * i)));
}
void put_f32(std::vector<uint8_t>* b, float v) {
  uint8_t raw[4];
  memcpy(raw, &v, 4);
  b->insert(b->end(), raw, raw + 4);
}

// Value of element i of tensor number `tensor` (distinct per tensor, exactly representable).
float value(int tensor, size_t i) { return static_cast<float>(tensor * 1000 + static_cast<int>(i)) / 64.0f; }

void put_tensor(std::vector<uint8_t>* b, int tensor, size_t n) {
  for (size_t i = 0; i < n; ++i) put_f32(b, value(tensor, i));
}

std::vector<uint8_t> make_v0(bool shared) {
  std::vector<uint8_t> b;
  const int32_t header[7] = {kDim, kHidden, kLayers, kHeads, kKvHeads, shared ? kVocab : -kVocab, kSeq};
  for (int32_t v : header) put_i32(&b, v);
  put_tensor(&b, 1, kVocab * kDim);                        // token embedding
  put_tensor(&b, 2, kLayers * kDim);                       // rms_att
  put_tensor(&b, 3, kLayers * kDim * kDim);                // wq
  put_tensor(&b, 4, kLayers * kKv * kDim);                 // wk
  put_tensor(&b, 5, kLayers * kKv * kDim);                 // wv
  put_tensor(&b, 6, kLayers * kDim * kDim);                // wo
  put_tensor(&b, 7, kLayers * kDim);                       // rms_ffn
  put_tensor(&b, 8, kLayers * kHidden * kDim);             // w1
  put_tensor(&b, 9, kLayers * kDim * kHidden);             // w2
  put_tensor(&b, 10, kLayers * kHidden * kDim);            // w3
  put_tensor(&b, 11, kDim);                                // rms_final
  put_tensor(&b, 12, 2 * kSeq * (kDim / kHeads) / 2);      // unused RoPE tables
  if (!shared) put_tensor(&b, 13, kVocab * kDim);          // wcls
  return b;
}

// Q8_0 tensor whose value i is q = (i % 200) - 100 with scale (g + 1) / 8 for group g.
void put_q80(std::vector<uint8_t>* b, size_t n, size_t group) {
  for (size_t i = 0; i < n; ++i) b->push_back(static_cast<uint8_t>(static_cast<int8_t>(static_cast<int>(i % 200) - 100)));
  for (size_t g = 0; g < n / group; ++g) put_f32(b, static_cast<float>(g + 1) / 8.0f);
}
float q80_value(size_t i, size_t group) {
  return static_cast<float>(static_cast<int>(i % 200) - 100) * static_cast<float>(i / group + 1) / 8.0f;
}

std::vector<uint8_t> make_v2(int32_t group) {
  std::vector<uint8_t> b;
  put_i32(&b, 0x616b3432);
  put_i32(&b, 2);
  const int32_t header[7] = {kDim, kHidden, kLayers, kHeads, kKvHeads, kVocab, kSeq};
  for (int32_t v : header) put_i32(&b, v);
  b.push_back(1);  // shared classifier
  put_i32(&b, group);
  b.resize(256, 0);
  put_tensor(&b, 2, kLayers * kDim);  // rms_att
  put_tensor(&b, 7, kLayers * kDim);  // rms_ffn
  put_tensor(&b, 11, kDim);           // rms_final
  const auto g = static_cast<size_t>(group);
  put_q80(&b, kVocab * kDim, g);
  const size_t per_layer[7] = {kDim * kDim, kKv * kDim, kKv * kDim, kDim * kDim,
                               kHidden * kDim, kDim * kHidden, kHidden * kDim};
  for (size_t n : per_layer) {
    for (int l = 0; l < kLayers; ++l) put_q80(&b, n, g);
  }
  return b;
}

}  // namespace

QRT_TEST(llama_checkpoint, v0_tensors_land_where_run_c_reads_them) {
  for (int shared = 0; shared < 2; ++shared) {
    const std::vector<uint8_t> file = make_v0(shared == 1);
    Model m;
    std::string err;
    QRT_ASSERT(parse_checkpoint(file.data(), file.size(), &m, &err));
    QRT_EXPECT_EQ(m.config.vocab_size, kVocab);
    QRT_EXPECT_EQ(m.config.kv_dim(), kKv);
    QRT_EXPECT_EQ(m.config.shared_classifier, shared == 1);
    QRT_EXPECT_EQ(m.source_version, 0);
    QRT_EXPECT(m.token_embedding[7] == value(1, 7));
    QRT_ASSERT_EQ(m.layers.size(), 2);
    // Layer 1's tensors start after layer 0's in each per-layer block.
    QRT_EXPECT(m.layers[1].rms_att[0] == value(2, kDim));
    QRT_EXPECT(m.layers[1].wq[3] == value(3, kDim * kDim + 3));
    QRT_EXPECT(m.layers[0].wk[kKv * kDim - 1] == value(4, kKv * kDim - 1));
    QRT_EXPECT(m.layers[1].wv[0] == value(5, kKv * kDim));
    QRT_EXPECT(m.layers[1].wo[0] == value(6, kDim * kDim));
    QRT_EXPECT(m.layers[1].rms_ffn[1] == value(7, kDim + 1));
    QRT_EXPECT(m.layers[1].w1[0] == value(8, kHidden * kDim));
    QRT_EXPECT(m.layers[1].w2[5] == value(9, kDim * kHidden + 5));
    QRT_EXPECT(m.layers[0].w3[23] == value(10, 23));
    QRT_EXPECT(m.rms_final[3] == value(11, 3));
    if (shared == 1) {
      QRT_EXPECT(m.classifier == m.token_embedding);
    } else {
      QRT_EXPECT(m.classifier[2] == value(13, 2));
    }
  }
}

QRT_TEST(llama_checkpoint, v2_q80_is_dequantized_per_flattened_group) {
  // Group 4 divides every tensor of this configuration.
  const std::vector<uint8_t> file = make_v2(4);
  Model m;
  std::string err;
  QRT_ASSERT(parse_checkpoint(file.data(), file.size(), &m, &err));
  QRT_EXPECT_EQ(m.source_version, 2);
  QRT_EXPECT_EQ(m.source_group_size, 4);
  QRT_EXPECT(m.layers[1].rms_att[0] == value(2, kDim));
  QRT_EXPECT(m.rms_final[3] == value(11, 3));
  // Each tensor restarts its groups: element i of any tensor is q80_value(i).
  QRT_EXPECT(m.token_embedding[13] == q80_value(13, 4));
  QRT_EXPECT(m.layers[0].w2[23] == q80_value(23, 4));
  QRT_EXPECT(m.layers[1].w3[23] == q80_value(23, 4));
  QRT_EXPECT(m.classifier == m.token_embedding);
}

QRT_TEST(llama_checkpoint, malformed_files_are_rejected_with_a_message) {
  Model m;
  std::string err;
  const std::vector<uint8_t> v0 = make_v0(true);
  const std::vector<uint8_t> v2 = make_v2(4);
  // Every truncation (and one extra byte) fails.
  for (size_t cut = 0; cut < v0.size(); cut += 13) {
    err.clear();
    QRT_EXPECT(!parse_checkpoint(v0.data(), cut, &m, &err));
    QRT_EXPECT(!err.empty());
  }
  for (size_t cut = 0; cut < v2.size(); cut += 13) {
    QRT_EXPECT(!parse_checkpoint(v2.data(), cut, &m, &err));
  }
  std::vector<uint8_t> longer = v0;
  longer.push_back(0);
  QRT_EXPECT(!parse_checkpoint(longer.data(), longer.size(), &m, &err));
  // Bad header fields: zero, negative, dim not divisible by heads, heads not by KV heads.
  auto with_field = [&v0](int index, int32_t v) {
    std::vector<uint8_t> b = v0;
    for (int i = 0; i < 4; ++i) b[static_cast<size_t>(index * 4 + i)] = static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * i));
    return b;
  };
  // vocab_size INT32_MIN: its negation (the separate-classifier flag) would overflow.
  const std::vector<uint8_t> bad[] = {with_field(0, 0), with_field(0, -4), with_field(3, 3),
                                      with_field(4, 3), with_field(6, 1 << 20),
                                      with_field(5, INT32_MIN)};
  for (const auto& b : bad) {
    err.clear();
    QRT_EXPECT(!parse_checkpoint(b.data(), b.size(), &m, &err));
    QRT_EXPECT(!err.empty());
  }
  // A group size that does not divide the tensors, and an unknown version.
  const std::vector<uint8_t> g3 = make_v2(3);
  QRT_EXPECT(!parse_checkpoint(g3.data(), g3.size(), &m, &err));
  std::vector<uint8_t> v3 = v2;
  v3[4] = 3;
  QRT_EXPECT(!parse_checkpoint(v3.data(), v3.size(), &m, &err));
  std::vector<uint8_t> v2_min = v2;  // the v2 header's vocab_size (after magic and version)
  for (int i = 0; i < 4; ++i) v2_min[8 + 5 * 4 + static_cast<size_t>(i)] = i == 3 ? 0x80 : 0;
  err.clear();
  QRT_EXPECT(!parse_checkpoint(v2_min.data(), v2_min.size(), &m, &err));
  QRT_EXPECT(err.find("vocab_size") != std::string::npos);
  // A NaN weight.
  std::vector<uint8_t> nan = v0;
  const float q = NAN;
  memcpy(nan.data() + 28, &q, 4);
  QRT_EXPECT(!parse_checkpoint(nan.data(), nan.size(), &m, &err));
  // A missing file.
  QRT_EXPECT(!load_checkpoint("/nonexistent/model.bin", &m, &err));
}
