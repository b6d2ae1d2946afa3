// MUL int8 with 4-D broadcasting, TFLite's integer semantics.
#include "elementwise_s8.h"

namespace qrt {
namespace {

qrt_status prepare_mul(const OpContext& ctx, uint32_t* scratch, qrt_error* err) {
  QRT_TRY(prepare_binary(ctx, err));
  QRT_TRY(expect_params(ctx, sizeof(MulParams), err));
  const MulParams& p = params_as<MulParams>(ctx);
  QRT_TRY(expect_offsets(ctx, p.input1_offset, p.input2_offset, p.output_offset, p.act_min,
                         p.act_max, err));
  *scratch = 0;
  return expect_multipliers(ctx, &p.output_multiplier, &p.output_shift, 1, err);
}

void eval_mul(const OpContext& ctx) { mul_s8_ref(binary_args(ctx)); }

}  // namespace

extern "C" const qrt_op qrt_op_mul_s8 = {kOpMul, QRT_DTYPE_INT8, prepare_mul, eval_mul, 1};

}  // namespace qrt
