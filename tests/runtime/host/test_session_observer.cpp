// Observers and the cycle profiler: called around every operator in order, outputs valid in
// op_end, cycles accumulated per operator.
#include <cstring>
#include <vector>

#include "hand_model.h"
#include "model_file.h"
#include "qrt_test.h"

namespace {

struct Trace {
  std::vector<int> events;  // +i for op_begin(i), -(i+1) for op_end(i)
  std::vector<int> first_output_at_end;
};

void on_begin(void* user, const qrt_session*, int32_t op) { static_cast<Trace*>(user)->events.push_back(op); }

void on_end(void* user, const qrt_session* s, int32_t op) {
  auto* t = static_cast<Trace*>(user);
  t->events.push_back(-(op + 1));
  const int32_t* outputs = nullptr;
  int32_t count = 0;
  qrt_session_op_info(s, op, nullptr, nullptr, nullptr, &count, &outputs);
  qrt_tensor_view v;
  qrt_session_tensor(s, outputs[0], &v);
  t->first_output_at_end.push_back(static_cast<const int8_t*>(v.data)[0]);
}

bool open_session(const qrt_options& options, qrt::host::ModelFile* model, qrt::host::HostSession* s) {
  std::string error;
  return qrt::host::load_model_bytes(hand_model::make_model(), model, &error) && s->open(*model, &options, &error);
}

void set_input(qrt::host::HostSession& s) {
  const int8_t x[4] = {2, 0, -1, 5};
  std::memcpy(s.input(0).data, x, 4);
}

QRT_TEST(observer, called_in_order_with_outputs_ready) {
  Trace trace;
  qrt_observer obs{&trace, on_begin, on_end};
  qrt_options options{};
  options.observer = &obs;
  qrt::host::ModelFile model;
  qrt::host::HostSession s;
  QRT_ASSERT(open_session(options, &model, &s));
  set_input(s);
  std::string error;
  QRT_ASSERT(s.invoke(&error));
  const std::vector<int> expected = {0, -1, 1, -2};
  QRT_ASSERT_EQ(trace.events.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) QRT_EXPECT_EQ(trace.events[i], expected[i]);
  // Hand-computed in test_blob_validation.cpp: h[0] = 23 after operator 0, y[0] = 10 after 1.
  QRT_EXPECT_EQ(trace.first_output_at_end[0], 23);
  QRT_EXPECT_EQ(trace.first_output_at_end[1], 10);
}

QRT_TEST(observer, profile_accumulates_cycles_per_operator) {
  // op_capacity 1: operator 0 is profiled, operator 1 must not be written (sentinel below).
  uint64_t cycles[2] = {0, 12345};
  qrt_profile profile{cycles, 1, 0};
  const qrt_observer obs = qrt_profile_observer(&profile);
  qrt_options options{};
  options.observer = &obs;
  qrt::host::ModelFile model;
  qrt::host::HostSession s;
  QRT_ASSERT(open_session(options, &model, &s));
  std::string error;
  // Many invokes, so that even a coarse host clock ticks during operator 0 at least once; the
  // figure itself is never judged (timing does not decide tests).
  for (int run = 0; run < 2000; ++run) {
    set_input(s);
    QRT_ASSERT(s.invoke(&error));
  }
  QRT_EXPECT(cycles[0] > 0);
  QRT_EXPECT_EQ(cycles[1], 12345);
}

}  // namespace
