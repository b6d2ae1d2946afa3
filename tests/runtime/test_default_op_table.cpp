// A firmware's own operator set through the public C API (qrt/qrt_ops.h): this program defines
// qrt_default_op_table() with RESHAPE alone, as a firmware lists its model's operators, so a
// session without qrt_options.op_tables runs RESHAPE and refuses any other operator at load;
// tables given in the options replace the default entirely. Runs on every target.
#include <stdint.h>

#include "blob_builder.h"
#include "qrt/ops/op_codes.h"
#include "qrt/qrt.h"
#include "qrt/qrt_ops.h"
#include "qrt_test.h"

QRT_DEFAULT_OP_TABLE(&qrt_op_reshape_s8)

namespace {

alignas(16) uint8_t g_arena[8192];
test_blob::Builder g_builder;

qrt_status create(const qrt_options* options, qrt_error* err) {
  qrt_session* s = nullptr;
  return qrt_session_create(g_builder.bytes(), test_blob::Builder::kBlobBytes, options, g_arena,
                            sizeof g_arena, &s, err);
}

// The reshape model with its operator replaced by RELU (one input, one output; no parameter
// block, which RELU's prepare would refuse, but only once a table has RELU).
void relu_model() {
  g_builder.reset();
  const int32_t x = g_builder.activation(16, 0, 0, 0);
  const int32_t y = g_builder.activation(16, 16, 0, 0);
  g_builder.op(qrt::kOpRelu, x, y);
  g_builder.graph_io(x, y);
  g_builder.finish();
}

}  // namespace

QRT_TEST(default_op_table, is_the_firmwares_own) {
  const qrt_op_table* t = qrt_default_op_table();
  QRT_ASSERT(t != nullptr);
  QRT_ASSERT_EQ(t->count, 1);
  QRT_EXPECT(t->ops[0] == &qrt_op_reshape_s8);
}

QRT_TEST(default_op_table, runs_a_listed_operator) {
  g_builder.reset_to_reshape().finish();
  qrt_error err;
  QRT_EXPECT_EQ(create(nullptr, &err), QRT_OK);
}

QRT_TEST(default_op_table, refuses_an_unlisted_operator_at_load) {
  relu_model();
  qrt_error err;
  QRT_EXPECT_EQ(create(nullptr, &err), QRT_ERR_UNSUPPORTED_OP);
  QRT_EXPECT_EQ(err.op_index, 0);
  // The library's full integer table has RELU: the same blob then gets as far as RELU's prepare.
  const qrt_op_table* tables[] = {qrt_integer_op_table()};
  qrt_options options{};
  options.op_tables = tables;
  options.op_table_count = 1;
  QRT_EXPECT_EQ(create(&options, &err), QRT_ERR_BAD_PARAMS);
}

QRT_TEST(default_op_table, given_tables_replace_it) {
  g_builder.reset_to_reshape().finish();
  static const qrt_op* const relu_only[] = {&qrt_op_relu_s8};
  const qrt_op_table relu_table = {relu_only, 1};
  const qrt_op_table* tables[] = {&relu_table};
  qrt_options options{};
  options.op_tables = tables;
  options.op_table_count = 1;
  qrt_error err;
  QRT_EXPECT_EQ(create(&options, &err), QRT_ERR_UNSUPPORTED_OP);
}
