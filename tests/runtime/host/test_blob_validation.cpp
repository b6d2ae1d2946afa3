// The loader against a hand-made model corrupted where its exact layout matters: cycles,
// overlapping plans, unknown operators and bad parameters, each with its specific status and
// message. Truncations, header words, byte flips and the per-field corruptions run on every target
// in tests/runtime/test_blob_corruption.cpp, on a converted model.
#include <cstring>
#include <vector>

#include "blob_writer.h"
#include "hand_model.h"
#include "qrt/format.h"
#include "qrt/ops/op_codes.h"
#include "qrt/ops/params.h"
#include "qrt/qrt.h"
#include "qrt_test.h"

namespace {

using hand_model::make_model;

struct Blob {
  qrt::host::AlignedBytes bytes;
  explicit Blob(const std::vector<uint8_t>& v) { bytes.assign(v.data(), v.size()); }
  // The whole load: qrt_plan_memory, then qrt_session_create in an arena of the planned size
  // (the plan's overlap check runs there, in the arena).
  qrt_status plan(qrt_error* err = nullptr, bool skip_crc = false) {
    qrt_memory_report r;
    qrt_options o{};
    o.skip_checksum = skip_crc ? 1 : 0;
    const qrt_status s = qrt_plan_memory(bytes.data(), bytes.size(), &o, &r, err);
    if (s != QRT_OK) return s;
    std::vector<uint8_t> storage(r.arena_bytes + 16);
    uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
    qrt_session* session = nullptr;
    return qrt_session_create(bytes.data(), bytes.size(), &o, arena, r.arena_bytes, &session, err);
  }
  const qrt::format::SectionEntry* section(uint32_t kind) {
    const auto* h = reinterpret_cast<const qrt::format::Header*>(bytes.data());
    const auto* s = reinterpret_cast<const qrt::format::SectionEntry*>(bytes.data() + 64);
    for (uint32_t i = 0; i < h->section_count; ++i) {
      if (s[i].kind == kind) return &s[i];
    }
    return nullptr;
  }
  template <typename T>
  T* at(uint32_t kind, uint32_t offset = 0) {
    return reinterpret_cast<T*>(bytes.data() + section(kind)->offset + offset);
  }
  void fix_crc() {
    auto* h = reinterpret_cast<qrt::format::Header*>(bytes.data());
    h->crc32 = qrt::host::blob_checksum(bytes.data(), h->total_bytes);
  }
};

// Hand computation of make_model() for x = {2, 0, -1, 5} (real (q+1)*0.5):
// h_acc = W*(x+1) + b = {1*3+2*1+3*0+4*6+10, -(3+2+0+24)-10} = {39, -39};
// h = round(acc * 0.5) + 3 with TFLite's high-mul rounding ties up: {20, -19} + 3 = {23, -16}
// y_acc = I*(h-3) = {20, -19}; y = round(acc * 0.5) = {10, -9} (-9.5 rounds up to -9).
QRT_TEST(blob, valid_model_runs_and_matches_hand_computation) {
  const std::vector<uint8_t> v = make_model();
  QRT_ASSERT(!v.empty());
  Blob b(v);
  qrt_memory_report plan;
  qrt_error err;
  QRT_ASSERT_EQ(qrt_plan_memory(b.bytes.data(), b.bytes.size(), nullptr, &plan, &err), QRT_OK);
  std::vector<uint8_t> arena_storage(plan.arena_bytes + 16);
  uint8_t* arena = arena_storage.data() + (16 - reinterpret_cast<uintptr_t>(arena_storage.data()) % 16) % 16;
  qrt_session* s = nullptr;
  QRT_ASSERT_EQ(qrt_session_create(b.bytes.data(), b.bytes.size(), nullptr, arena, plan.arena_bytes, &s, &err), QRT_OK);
  qrt_tensor_view in, out;
  QRT_ASSERT_EQ(qrt_session_input(s, 0, &in), QRT_OK);
  QRT_EXPECT_EQ(in.bytes, 4);
  QRT_EXPECT(std::strcmp(in.name, "x") == 0);
  QRT_EXPECT_EQ(in.quant.zero_points[0], -1);
  const int8_t x[4] = {2, 0, -1, 5};
  std::memcpy(in.data, x, 4);
  QRT_ASSERT_EQ(qrt_session_invoke(s), QRT_OK);
  QRT_ASSERT_EQ(qrt_session_output(s, 0, &out), QRT_OK);
  const auto* y = static_cast<const int8_t*>(out.data);
  QRT_EXPECT_EQ(y[0], 10);
  QRT_EXPECT_EQ(y[1], -9);
  const char* producer = nullptr;
  QRT_EXPECT_EQ(qrt_blob_metadata(b.bytes.data(), b.bytes.size(), "producer", &producer), QRT_OK);
  QRT_EXPECT(producer != nullptr && std::strcmp(producer, "test") == 0);
  QRT_EXPECT_EQ(qrt_session_input(s, 1, &in), QRT_ERR_BAD_INDEX);
}

QRT_TEST(blob, specific_corruptions_give_specific_statuses) {
  const std::vector<uint8_t> v = make_model();
  using qrt::format::TensorRecord;
  {  // a cycle: operator 0 reads the output of operator 1
    Blob b(v);
    auto* ops = b.at<qrt::format::OperatorRecord>(qrt::format::kSectionOperators);
    int32_t* idx = b.at<int32_t>(qrt::format::kSectionIndices);
    idx[ops[0].inputs] = 5;  // y
    b.at<TensorRecord>(qrt::format::kSectionTensors)[5].first_op = 0;
    b.fix_crc();
    qrt_error err;
    const qrt_status s = b.plan(&err);
    QRT_EXPECT(s == QRT_ERR_BAD_GRAPH || s == QRT_ERR_BAD_PLAN);
  }
  {  // two live activations placed on the same bytes
    Blob b(v);
    TensorRecord* t = b.at<TensorRecord>(qrt::format::kSectionTensors);
    QRT_ASSERT(t[5].data_offset != t[3].data_offset);
    t[5].data_offset = t[3].data_offset;  // y over h: both live during operator 1
    b.fix_crc();
    qrt_error err;
    QRT_EXPECT_EQ(b.plan(&err), QRT_ERR_BAD_PLAN);
    QRT_EXPECT(std::strstr(err.message, "tensors 3 and 5 are live together") != nullptr);
  }
  {  // an unknown operator code
    Blob b(v);
    b.at<qrt::format::OperatorRecord>(qrt::format::kSectionOperators)[1].op_code = 999;
    b.fix_crc();
    qrt_error err;
    QRT_EXPECT_EQ(b.plan(&err), QRT_ERR_UNSUPPORTED_OP);
    QRT_EXPECT_EQ(err.op_index, 1);
  }
  {  // a parameter value out of range (multiplier below 2^30)
    Blob b(v);
    auto* ops = b.at<qrt::format::OperatorRecord>(qrt::format::kSectionOperators);
    int32_t* mult = b.at<int32_t>(qrt::format::kSectionParams,
                                  ops[0].params + sizeof(qrt::FullyConnectedParams));
    *mult = 12345;
    b.fix_crc();
    qrt_error err;
    QRT_EXPECT_EQ(b.plan(&err), QRT_ERR_BAD_PARAMS);
    QRT_EXPECT(std::strstr(err.message, "FULLY_CONNECTED operator 0") != nullptr);
  }
  {  // a weight tensor turned into an activation written by nobody
    Blob b(v);
    TensorRecord* t = b.at<TensorRecord>(qrt::format::kSectionTensors);
    t[1].kind = qrt::format::kTensorActivation;
    t[1].data_offset = 0;
    b.fix_crc();
    QRT_EXPECT(b.plan() != QRT_OK);
  }
}

QRT_TEST(blob, arena_size_alignment_and_high_water) {
  const std::vector<uint8_t> v = make_model();
  Blob b(v);
  qrt_memory_report plan;
  QRT_ASSERT_EQ(qrt_plan_memory(b.bytes.data(), b.bytes.size(), nullptr, &plan, nullptr), QRT_OK);
  QRT_EXPECT_EQ(plan.arena_bytes, plan.runtime_state_bytes + plan.persistent_bytes + plan.activation_bytes);
  std::vector<uint8_t> storage(plan.arena_bytes + 64);
  uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  qrt_session* s = nullptr;
  qrt_error err;
  QRT_EXPECT_EQ(qrt_session_create(b.bytes.data(), b.bytes.size(), nullptr, arena,
                                   plan.arena_bytes - 1, &s, &err), QRT_ERR_ARENA_TOO_SMALL);
  QRT_EXPECT(s == nullptr);
  QRT_EXPECT_EQ(qrt_session_create(b.bytes.data(), b.bytes.size(), nullptr, arena + 4,
                                   plan.arena_bytes, &s, &err), QRT_ERR_ARENA_ALIGNMENT);
  // Measured high-water: the session's own measurement after an invoke equals the plan (the
  // output y is the last planned byte and this model needs no scratch), and the caller's bytes
  // past the plan, painted two ways, stay untouched.
  for (uint8_t paint : {uint8_t{0x00}, uint8_t{0xFF}}) {
    std::memset(storage.data(), paint, storage.size());
    QRT_ASSERT_EQ(qrt_session_create(b.bytes.data(), b.bytes.size(), nullptr, arena,
                                     plan.arena_bytes, &s, &err), QRT_OK);
    qrt_tensor_view in;
    qrt_session_input(s, 0, &in);
    const int8_t x[4] = {2, 0, -1, 5};
    std::memcpy(in.data, x, 4);
    QRT_ASSERT_EQ(qrt_session_invoke(s), QRT_OK);
    qrt_memory_report used;
    QRT_ASSERT_EQ(qrt_session_memory(s, &used), QRT_OK);
    QRT_EXPECT_EQ(used.arena_high_water, plan.arena_bytes);
    for (size_t i = plan.arena_bytes; i < storage.size() - static_cast<size_t>(arena - storage.data()); ++i) {
      QRT_EXPECT_EQ(arena[i], paint);
    }
  }
}

QRT_TEST(blob, status_strings_are_distinct) {
  for (int a = 0; a < QRT_STATUS_COUNT; ++a) {
    QRT_ASSERT(qrt_status_str(static_cast<qrt_status>(a)) != nullptr);
    for (int c = a + 1; c < QRT_STATUS_COUNT; ++c) {
      QRT_EXPECT(std::strcmp(qrt_status_str(static_cast<qrt_status>(a)),
                             qrt_status_str(static_cast<qrt_status>(c))) != 0);
    }
  }
  QRT_EXPECT(std::strstr(qrt_status_str(static_cast<qrt_status>(QRT_STATUS_COUNT)), "UNKNOWN") != nullptr);
}

}  // namespace

// The writer refuses the dataflow the loader would refuse (found by fuzzing the TFLite importer:
// an operator reading a tensor nothing wrote was written into a blob), naming operator and tensor.
QRT_TEST(blob, writer_refuses_reads_of_unwritten_tensors) {
  auto spec = [](const char* name) {
    qrt::host::TensorSpec s;
    s.name = name;
    s.shape = {1, 4};
    return s;
  };
  auto reshape = [](int32_t in, int32_t out) {
    qrt::host::OperatorSpec o;
    o.op_code = qrt::kOpReshape;
    o.inputs = {in};
    o.outputs = {out};
    return o;
  };
  std::vector<uint8_t> blob;
  std::string error;
  {
    qrt::host::BlobWriter w;
    const int32_t x = w.add_tensor(spec("x")), orphan = w.add_tensor(spec("orphan")),
                  y = w.add_tensor(spec("y"));
    w.add_operator(reshape(orphan, y));
    w.set_graph_inputs({x});
    w.set_graph_outputs({y});
    QRT_EXPECT(!w.finish(&blob, nullptr, &error));
    QRT_EXPECT(error.find("operator 0 reads tensor 1 'orphan', which is neither a graph input nor "
                          "written by an earlier operator") != std::string::npos);
  }
  {
    qrt::host::BlobWriter w;
    const int32_t x = w.add_tensor(spec("x")), y = w.add_tensor(spec("y"));
    w.add_operator(reshape(x, y));
    w.add_operator(reshape(x, y));  // y written twice
    w.set_graph_inputs({x});
    w.set_graph_outputs({y});
    QRT_EXPECT(!w.finish(&blob, nullptr, &error));
    QRT_EXPECT(error.find("operator 1 writes tensor 1 'y', already written") != std::string::npos);
  }
}
